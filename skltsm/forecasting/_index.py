"""Checks of the time index and the forecasting horizon for ``LSTMForecaster``.

The forecaster treats every row as one step of a regular series: a forecast ``fh=1`` is
placed one step after the cutoff, and ``update`` must continue the series right there. These
checks turn an index that breaks that assumption (duplicated, irregular, a gap, a step back)
and an absurd horizon into one clear error, before sktime or the network sees them.
"""

from numbers import Integral

import numpy as np
import pandas as pd

# A recursive forecast runs the regressor once per step: beyond this many steps it would
# run for minutes and the horizon alone (sktime materialises fh=n as 1..n) takes gigabytes.
MAX_FORECAST_STEPS = 100_000

NAME = "LSTMForecaster"


def _too_far(steps):
    return ValueError(
        f"{NAME}: fh reaches {steps} steps ahead; at most {MAX_FORECAST_STEPS} steps are "
        "supported (a recursive forecast runs the regressor once per step)"
    )


def check_fh_size(fh):
    """Raise before sktime builds a horizon of more than ``MAX_FORECAST_STEPS`` steps.

    sktime reads an int ``fh=n`` as the steps ``1..n`` and materialises them, so
    ``fh=10**9`` would allocate 8 GB before any forecaster code runs. Only relative
    integer horizons are checked here; absolute ones are checked after conversion.

    Parameters
    ----------
    fh : int, range, sequence of int, ForecastingHorizon or None
        The horizon as the user passed it.

    Examples
    --------
    >>> check_fh_size(12)
    >>> check_fh_size(10**9)
    Traceback (most recent call last):
    ...
    ValueError: LSTMForecaster: fh reaches 1000000000 steps ahead; at most 100000 steps are supported (a recursive forecast runs the regressor once per step)
    """  # noqa: E501
    if isinstance(fh, bool):
        return
    if isinstance(fh, Integral):
        steps = int(fh)
    elif isinstance(fh, range):
        steps = max(fh, default=0) if len(fh) <= MAX_FORECAST_STEPS else len(fh)
    elif isinstance(fh, (list, tuple, np.ndarray)):
        values = np.asarray(fh)
        if values.dtype.kind not in "iu" or values.size == 0:
            return  # sktime reports other types itself
        steps = int(values.max())
    else:
        return
    if steps > MAX_FORECAST_STEPS:
        raise _too_far(steps)


def check_steps(n_steps):
    """Raise if a converted (relative) horizon reaches beyond ``MAX_FORECAST_STEPS``."""
    if n_steps > MAX_FORECAST_STEPS:
        raise _too_far(n_steps)


def forecast_steps(steps, strategy, horizon):
    """Return the largest of the relative ``steps`` to forecast, after checking them.

    They must be out of sample, within ``MAX_FORECAST_STEPS`` and, for the direct
    strategy, within the fitted ``horizon``.
    """
    if (steps < 1).any():
        raise ValueError(
            f"LSTMForecaster: fh must be out of sample (steps >= 1 after the cutoff); "
            f"got relative steps {steps.tolist()}"
        )
    n_steps = int(steps.max())
    check_steps(n_steps)
    if strategy == "direct" and n_steps > horizon:
        raise ValueError(
            f"LSTMForecaster: fh reaches {n_steps} steps ahead, but strategy='direct' "
            f"was fitted for horizon={horizon} steps; refit with a larger horizon"
        )
    return n_steps


def index_freq(index, input_name="y"):
    """Return the step of a regular ``index`` as a freq string, or None for integers.

    Parameters
    ----------
    index : pandas.Index
        The time index of the series passed to ``fit``.
    input_name : str, default="y"
        Its name in messages.

    Returns
    -------
    freq : str or None
        ``"M"``, ``"D"``, ... for a PeriodIndex or DatetimeIndex; None for an integer index.

    Examples
    --------
    >>> import pandas as pd
    >>> index_freq(pd.period_range("2000-01", periods=3, freq="M"))
    'M'
    >>> index_freq(pd.DatetimeIndex(["2020-01-01", "2020-01-05", "2020-01-06"]))
    Traceback (most recent call last):
    ...
    ValueError: LSTMForecaster: y has a DatetimeIndex without a regular frequency (the step from 2020-01-05 00:00:00 to 2020-01-06 00:00:00 differs from the first step); forecasts could not be placed in time: resample y to a regular frequency (y.asfreq('D')) or pass it with a RangeIndex
    """  # noqa: E501
    _check_unique(index, input_name)
    if isinstance(index, pd.PeriodIndex):
        return index.freqstr
    if isinstance(index, pd.DatetimeIndex):
        freq = index.freqstr or (pd.infer_freq(index) if len(index) >= 3 else None)
        if freq is None:
            first, second = _irregular_pair(index)
            raise ValueError(
                f"{NAME}: {input_name} has a DatetimeIndex without a regular frequency "
                f"(the step from {first} to {second} differs from the first step); forecasts "
                "could not be "
                f"placed in time: resample {input_name} to a regular frequency "
                f"({input_name}.asfreq('D')) or pass it with a RangeIndex"
            )
        return freq
    if len(index) > 1 and not (np.diff(index.to_numpy()) == 1).all():
        at = int(np.flatnonzero(np.diff(index.to_numpy()) != 1)[0])
        raise ValueError(
            f"{NAME}: {input_name} has an integer index that is not consecutive ({index[at]} "
            f"is followed by {index[at + 1]}); every row is one time step, so the index must "
            f"count 0, 1, 2, ...: pass {input_name}.reset_index(drop=True)"
        )
    return None


def _irregular_pair(index):
    if len(index) < 3:
        return index[0], index[-1]
    gaps = np.diff(index.asi8)
    at = int(np.flatnonzero(gaps != gaps[0])[0]) if (gaps != gaps[0]).any() else 0
    return index[at], index[at + 1]


def _check_unique(index, input_name):
    if index.has_duplicates:
        raise ValueError(
            f"{NAME}: the index of {input_name} has duplicated time points, e.g. "
            f"{index[index.duplicated()][0]}; expected one observation per time point"
        )


def _following(last, freq, periods):
    """Return the ``periods`` time points right after ``last`` on the fitted grid."""
    if isinstance(last, pd.Period):
        return pd.period_range(last + 1, periods=periods, freq=last.freq)
    if isinstance(last, pd.Timestamp):
        return pd.date_range(last, periods=periods + 1, freq=freq)[1:]
    return pd.Index(np.arange(int(last) + 1, int(last) + 1 + periods))


def _same_kind(index, last):
    if isinstance(last, pd.Period):
        return isinstance(index, pd.PeriodIndex) and index.freq == last.freq
    if isinstance(last, pd.Timestamp):
        return isinstance(index, pd.DatetimeIndex)
    return pd.api.types.is_integer_dtype(index.dtype)


def new_observations(y, last, freq, seen):
    """Return the part of ``y`` after ``last``, checked to continue the fitted series.

    ``y`` may repeat the newest observations already seen (sktime's ``evaluate`` passes
    the whole training window): those must equal what was seen. The new observations must
    start one step after ``last`` and go on without gaps.

    Parameters
    ----------
    y : pandas.Series
        What was passed to ``update``.
    last : Period, Timestamp or int
        The last time point seen so far (the cutoff before this update).
    freq : str or None
        The step of the fitted index (None for integers).
    seen : ndarray
        All values seen so far, oldest first.

    Returns
    -------
    y_new : pandas.Series
        The observations after ``last``, possibly empty.
    """
    index = y.index
    if not _same_kind(index, last):
        kind = type(last).__name__ if not isinstance(last, Integral) else "integer"
        raise ValueError(
            f"{NAME}: update's y has a {type(index).__name__} of dtype {index.dtype}, but the "
            f"series seen in fit has {kind} time points (e.g. {last}); pass y with the same "
            "kind of index"
        )
    _check_unique(index, "update's y")
    old = index <= last
    if old.all() and len(index) and index[-1] < last:
        raise ValueError(
            f"{NAME}: update's y ends at {index[-1]}, before the cutoff {last}; update needs "
            f"observations that continue the series after {last} (the forecaster cannot go "
            "back in time: refit instead)"
        )
    y_new = y[~old]
    if len(y_new):
        expected = _following(last, freq, len(y_new))
        if not (y_new.index == expected).all():
            at = int(np.flatnonzero(y_new.index != expected)[0])
            raise ValueError(
                f"{NAME}: update's y must continue the series right after the cutoff "
                f"{last} without gaps: expected {expected[at]} at position {at} of the new "
                f"observations, got {y_new.index[at]}"
            )
    _check_repeated(y[old], last, seen)
    return y_new


def _check_repeated(y_old, last, seen):
    """Require the repeated observations to be the newest ones seen, with the same values."""
    if not len(y_old):
        return
    if y_old.index[-1] != last:
        raise ValueError(
            f"{NAME}: update's y skips time points up to the cutoff {last} (its old part ends "
            f"at {y_old.index[-1]}); pass only new observations, or the newest ones in full"
        )
    n = min(len(y_old), len(seen))
    repeated = y_old.to_numpy(dtype=np.float64)[-n:]
    if not np.allclose(repeated, seen[-n:], rtol=1e-12, atol=0.0):
        at = int(np.flatnonzero(~np.isclose(repeated, seen[-n:], rtol=1e-12, atol=0.0))[0])
        raise ValueError(
            f"{NAME}: update's y changes a value already seen: {y_old.index[len(y_old) - n + at]} "
            f"is {float(repeated[at])!r} but was {float(seen[len(seen) - n + at])!r}; the "
            "forecaster cannot revise past observations: refit instead"
        )


def check_finite(values, input_name):
    """Raise if ``values`` holds infinity (sktime reports NaN itself, but not infinity)."""
    values = np.asarray(values, dtype=np.float64)
    if not np.isfinite(values).all():
        raise ValueError(
            f"{NAME}: {input_name} must be finite; it holds NaN or infinity at position "
            f"{int(np.flatnonzero(~np.isfinite(values).ravel())[0])}"
        )
