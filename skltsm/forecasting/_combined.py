"""One series, both schemes: the mean of its series-scheme and global-scheme forecasts.

One series with every per-series setting "auto" (the default network, no ``X``) whose
training data hold a validation tail for both schemes (``_schemes``) is fitted by both,
each with the epochs its own tail chose, and forecast by the mean of the two: the series
scheme's ensemble median and the global network's forecast. Combining two forecasts of
different errors beats picking one by a short validation tail, which often picks the
wrong one: on the development tails (``benchmarks/dev_schemes.py``, training data only)
the mean scored M3 dev sMAPE 15.58 against 15.91 for the pick by validation MAE, 16.46
for the series scheme alone and 16.23 for the global one (``docs/forecaster-guide.md``).

The forecaster keeps the series scheme's fit as its own state (its settings are the
fitted attributes) and the global scheme's as a *part*: the plain dict :func:`take_part`
copies out of a global fit, which the functions here forecast, extend with new
observations and train further. Its intervals average each scheme's quantiles (each
calibrated as it is alone: rolling origins for the series scheme, validation origins for
the global one), so the median is the mean forecast and the bands stay ordered; averaged
quantiles are at most as wide as the wider scheme's (Lichtendahl, Grushka-Cockayne and
Winkler 2013).
"""

import numpy as np

from skltsm.forecasting import _fitting as fitting
from skltsm.forecasting import _global_intervals as gi
from skltsm.forecasting import _panel as pn
from skltsm.forecasting import _series as series

# What a global fit leaves that its forecasts, updates and intervals read.
PART = (
    "_states",
    "_values",
    "regressors_",
    "_lstm_states",
    "_calibration",
    "sp_",
    "lags_",
    "epochs_",
    "ensemble_size_",
    "validation_steps_",
    "validation_scores_",
)


def take_part(forecaster):
    """Return the state of ``forecaster``'s global fit as a part (a plain dict)."""
    return {name: getattr(forecaster, name) for name in PART}


def forecast(part, n_steps, direct):
    """Return the part's ``n_steps`` forecasts of its series (n_series, n_steps)."""
    states = part["_states"]
    return fitting.forecast(
        part["regressors_"], part["_lstm_states"], states, [None] * len(states), n_steps, direct
    )


def mean(forecasts):
    """Return the mean of the parts' forecasts (one part: it, unchanged).

    Examples
    --------
    >>> mean([np.array([1.0, 2.0]), np.array([3.0, 6.0])]).tolist()
    [2.0, 4.0]
    """
    return forecasts[0] if len(forecasts) == 1 else np.mean(np.stack(forecasts), axis=0)


def append(part, i, values):
    """Add the new observations ``values`` of series ``i`` to the part."""
    part["_values"][i] = series.extend(part["_values"][i], values)
    series.append(part["_states"][i], values, None)


def train_more(part, horizon, epochs):
    """Train the part's network ``epochs`` more epochs on its series seen so far."""
    try:
        windows, targets = pn.training_rows(part["_states"], horizon, pn.GLOBAL_MAX_WINDOWS)
    except ValueError:
        return  # too short to train on: forecast as fitted
    fitting.train_more(part["regressors_"], windows, targets, epochs)
    part["_lstm_states"] = fitting.start_states(part["regressors_"], part["_states"], horizon)


def quantiles(part, points, steps, alphas):
    """Return ``{alpha: (n_series, len(steps))}`` of the part (``_global_intervals``).

    ``points`` (n_series, len(steps)) are its point forecasts at the 1-based ``steps``.
    """
    calibration, n_steps = part["_calibration"], int(np.max(steps))
    offsets = {g: gi.table(calibration, alphas, n_steps, log=g) for g in (True, False)}
    return gi.quantile_forecasts(
        part["_states"], part["_values"], points, steps, offsets, part["sp_"]
    )


def summary(part):
    """Return what the part's fit chose, for ``LSTMForecaster.summary``."""
    return {
        "sp": part["sp_"],
        "lags": part["lags_"],
        "epochs": part["epochs_"],
        "ensemble_size": part["ensemble_size_"],
        "validation_steps": part["validation_steps_"],
        "validation_scores": dict(part["validation_scores_"]),
    }
