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
observations and train further. Its intervals are the quantiles of the equal mixture of
the two schemes' predictive distributions (each calibrated as it is alone: rolling origins
for the series scheme, validation origins for the global one), a linear pool
(:func:`linear_pool`): it widens the bands where the two forecasts disagree, which the
mean of their quantiles (Vincentization, the method until 2026-12-04) does not. On the
training tails of 60 M3 and 60 Tourism monthly series (``benchmarks/dev_combined_intervals.py``)
the pool lowered the combined series' MSIS from 9.09 to 8.85 (M3) and from 35.32 to 23.43
(Tourism). Quantile 0.5 stays the mean forecast.
"""

import numpy as np

from skltsm.forecasting import _fitting as fitting
from skltsm.forecasting import _global_intervals as gi
from skltsm.forecasting import _global_origins as global_origins
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


# The quantile grid each part's distribution is read from for :func:`linear_pool`.
POOL_GRID = tuple(round(float(a), 3) for a in np.linspace(0.005, 0.995, 199))


def linear_pool(own, other, alphas, point):
    """Return ``{alpha: (n_steps,)}``: quantiles of the equal mixture of two distributions.

    ``own`` and ``other`` map the same grid of probabilities to each part's quantiles
    (n_steps,); the mixture's CDF at ``x`` is the mean of the parts' CDFs, each linear
    between its grid points. Quantile 0.5 is ``point`` (the mean forecast); the others
    are kept on their side of it, so the bands always hold the point forecast.

    Examples
    --------
    >>> grid = {0.1: np.array([0.0]), 0.5: np.array([1.0]), 0.9: np.array([2.0])}
    >>> shifted = {a: q + 2.0 for a, q in grid.items()}
    >>> pool = linear_pool(grid, shifted, [0.1, 0.5, 0.9], np.array([2.0]))
    >>> [float(pool[a][0]) for a in (0.1, 0.5, 0.9)]
    [0.0, 2.0, 4.0]
    """
    probs = np.array(sorted(own))
    q1 = np.maximum.accumulate(np.stack([own[a] for a in probs]), axis=0)
    q2 = np.maximum.accumulate(np.stack([other[a] for a in probs]), axis=0)
    point = np.asarray(point, dtype=np.float64)
    out = {a: np.empty(len(point)) for a in alphas}
    for k in range(len(point)):
        x = np.union1d(q1[:, k], q2[:, k])
        cdf = (np.interp(x, q1[:, k], probs) + np.interp(x, q2[:, k], probs)) / 2
        for a in alphas:
            out[a][k] = np.interp(a, cdf, x)
    for a in alphas:
        side = np.minimum if a < 0.5 else np.maximum
        out[a] = point.copy() if a == 0.5 else side(out[a], point)
    return out


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

    A deferred calibration is computed first (``_global_origins.resolve``).

    ``points`` (n_series, len(steps)) are its point forecasts at the 1-based ``steps``.
    """
    calibration, n_steps = global_origins.resolve(part), int(np.max(steps))
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
