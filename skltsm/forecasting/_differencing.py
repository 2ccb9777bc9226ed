"""A chain of Differencers, e.g. a first difference then a seasonal one: ``lags=(1, 12)``.

Stage ``k`` differences the defined output of stage ``k - 1`` (its undefined leading rows
dropped first, so no fill value is ever differenced), and forecasts are undone in reverse
order, each stage anchored on the newest values it has seen.
"""

from numbers import Integral

import numpy as np

from skltsm.preprocessing import Differencer


def as_lags(difference_lag):
    """Return ``difference_lag`` (an int or a sequence of ints) as a tuple of lags."""
    lags = (difference_lag,) if isinstance(difference_lag, Integral) else tuple(difference_lag)
    if not lags or not all(isinstance(lag, Integral) and lag >= 1 for lag in lags):
        raise ValueError(
            f"LSTMForecaster: difference_lag must be a positive int or a non-empty tuple of "
            f"positive ints such as (1, 12); got {difference_lag!r}"
        )
    return tuple(int(lag) for lag in lags)


def n_undefined(lags, order):
    """Return the number of leading rows without a defined difference."""
    return sum(lags) * order


def fit_chain(y, lags, order):
    """Fit one ``Differencer(lag, order)`` per lag, each on the previous stage's output.

    Parameters
    ----------
    y : ndarray of shape (n_samples, 1)
        The series.
    lags : tuple of int
        Lags, applied in this order.
    order : int
        Times each lag is applied; 0 returns an empty chain.

    Returns
    -------
    chain : list of Differencer
        Fitted stages.
    """
    chain = []
    if order == 0:
        return chain
    level = y
    for lag in lags:
        stage = Differencer(lag=lag, order=order).fit(level)
        chain.append(stage)
        level = stage.transform(level)[lag * order :]
    return chain


def _stage_inputs(chain, y):
    """Return the input of every stage for the series ``y``, and the final differences."""
    inputs, level = [], y
    for stage in chain:
        inputs.append(level)
        level = stage.transform(level)[stage.lag * stage.order :]
    return inputs, level


def difference(chain, y):
    """Return the defined differences of ``y`` (n_samples - n_undefined, 1)."""
    return _stage_inputs(chain, y)[1]


def undifference(chain, diffs_future):
    """Undo the chain for differences continuing past the last observed value."""
    values = diffs_future
    for stage in reversed(chain):
        values = np.asarray(stage.inverse_forecast(values), dtype=np.float64)
    return values


def update_chain(chain, y_history, n_new):
    """Re-anchor every stage on its last ``n_new`` inputs from the full ``y_history``."""
    inputs, _ = _stage_inputs(chain, y_history)
    for stage, level in zip(chain, inputs, strict=True):
        stage.update(level[-n_new:])
