"""One series through the forecasting layer, as pure functions over a per-series state.

The path of a series (``LSTMForecaster`` is a thin shell over it)::

    y --level()--> log / deseasonalised levels --difference chain--> differences
      --scaler--> z --features, _panel.training_rows--> windows  (regressor)
    forecasts z --to_original()--> unscale, undifference, reseasonalise, exp

The state is a plain dict (it persists with ``skltsm.save``): the settings, the fitted
differencers and scalers, the last ``n_undefined`` levels (enough to difference new
values), the scaled per-step features ``z`` seen so far (``update_params=True`` trains on
them) and the number of rows seen (the seasonal phase). Fitting computes each transform
once; :func:`append` transforms only the new rows and :func:`extend` stores them without
copying the history, so a step costs the same after 100 or 100,000 observations
(``benchmarks/bench_update.py``). A panel is a list of such states, a single series a
list of one: ``_panel`` pools their windows and ``_fitting.forecast`` forecasts them in
one batch, whichever the number of series.
"""

import weakref

import numpy as np

from skltsm.forecasting import _differencing as diff
from skltsm.forecasting import _supervised as sup

# Buffers made by extend(), by id, with the number of rows handed out so far: only the
# longest view of a buffer may grow into it, so two holders of one view never collide.
_BUFFERS = weakref.WeakValueDictionary()
_USED = {}


def extend(values, new):
    """Return ``values`` with the rows ``new`` appended, in time independent of ``len(values)``.

    The result is a view of a buffer with room to grow (doubled when full), so appending a
    row copies the history only when the buffer fills, ``log2(n)`` times in all. Rows
    already handed out are never written, and a pickle or a saved model stores only the
    view's rows. ``values`` not made here (a user's array) is copied, never written.

    Examples
    --------
    >>> a = extend(np.arange(3.0), [3.0])
    >>> b = extend(a, [4.0])
    >>> b.tolist(), np.shares_memory(a, b)
    ([0.0, 1.0, 2.0, 3.0, 4.0], True)
    """
    new = np.asarray(new, dtype=values.dtype).reshape((-1,) + values.shape[1:])
    n, k = len(values), len(new)
    base = values.base
    if (
        base is not None
        and _BUFFERS.get(id(base)) is base
        and _USED.get(id(base)) == n
        and len(base) >= n + k
        and values.strides == base.strides
        and values.__array_interface__["data"][0] == base.__array_interface__["data"][0]
    ):
        base[n : n + k] = new
    else:
        base = np.empty((max(2 * (n + k), 16),) + values.shape[1:], dtype=values.dtype)
        base[:n], base[n : n + k] = values, new
        _BUFFERS[id(base)] = base
        weakref.finalize(base, _USED.pop, id(base), None)
    _USED[id(base)] = n + k
    return base[: n + k]


def level(state, y, start):
    """Return the modelled level of rows ``start, start + 1, ...`` of the series ``y``."""
    if state["transform"] == "log":
        values = np.log(y)
    else:
        values = np.asarray(y, dtype=np.float64) / state["scale"]  # / 1.0 is exact
    seasonal = state["seasonal"]
    if seasonal is None:
        return values
    return values - seasonal[(start + np.arange(len(values))) % len(seasonal)]


def fit(y, X, settings, seasonal):
    """Fit the transforms of one series and return its state.

    Parameters
    ----------
    y : ndarray of shape (n,)
        Training values (positive when ``settings["transform"] == "log"``).
    X : ndarray of shape (n, k) or None
        Exogenous values of the same rows.
    settings : dict
        ``transform``, ``difference_lag`` (tuple), ``difference_order``, ``scaler`` and
        ``lags``, as resolved by the forecaster; optionally ``scale`` (the level is
        ``y / scale`` without the log; 1.0), ``anchor`` (windows relative to their last
        input value, see :func:`_panel.training_rows`; False) and ``exog_scaling`` (the
        scaler of ``X``; ``scaler``).
    seasonal : ndarray of shape (sp,) or None
        Additive seasonal indices of the level, phase 0 at row 0.

    Returns
    -------
    state : dict
    """
    defaults = {"scale": 1.0, "anchor": False, "exog_scaling": settings["scaler"]}
    state = {**defaults, **settings, "seasonal": seasonal, "n_seen": len(y)}
    levels = level(state, y, 0).reshape(-1, 1)
    chain = diff.fit_chain(levels, settings["difference_lag"], settings["difference_order"])
    diffs = diff.difference(chain, levels)
    scaler = sup.make_scaler(settings["scaler"])
    if scaler is not None:
        scaler.fit(diffs)
    state.update(chain=chain, scaler=scaler, exog_scaler=None, x=None)
    state["n_undefined"] = len(levels) - len(diffs)
    state["level_tail"] = levels[len(levels) - state["n_undefined"] :, 0].copy()
    state["z"] = _scale(scaler, diffs)
    if X is not None:
        state["exog_scaler"] = sup.make_scaler(state["exog_scaling"])
        if state["exog_scaler"] is not None:
            state["exog_scaler"].fit(X)
        state["x"] = _scale(state["exog_scaler"], X, flat=False)
    return state


def _scale(scaler, values, flat=True):
    values = np.asarray(values, dtype=np.float64)
    out = values if scaler is None else scaler.transform(values)
    return np.asarray(out, dtype=np.float64).ravel() if flat else np.asarray(out, np.float64)


def append(state, y_new, X_new):
    """Transform only the new rows and re-anchor the differencers; returns the state."""
    new_levels = level(state, y_new, state["n_seen"])
    recent = np.r_[state["level_tail"], new_levels].reshape(-1, 1)
    diff.update_chain(state["chain"], recent, len(new_levels))
    if state["chain"]:
        new_diffs = diff.difference(state["chain"], recent)[-len(new_levels) :]
    else:
        new_diffs = new_levels.reshape(-1, 1)
    state["z"] = extend(state["z"], _scale(state["scaler"], new_diffs))
    if state["x"] is not None:
        state["x"] = extend(state["x"], _scale(state["exog_scaler"], X_new, flat=False))
    state["level_tail"] = recent[len(recent) - state["n_undefined"] :, 0].copy()
    state["n_seen"] += len(new_levels)
    return state


def features(state, last=None, x_next=None):
    """Return per-step features ``[z_s, x_{s+1}]`` of the last ``last`` steps (all: None).

    ``x_next`` is the exogenous row of the step after the cutoff (zeros when unknown).
    """
    z = state["z"] if last is None else state["z"][len(state["z"]) - last :]
    if state["x"] is None:
        return z.reshape(-1, 1)
    k = state["x"].shape[1]
    x_next = np.zeros(k) if x_next is None else np.asarray(x_next, dtype=np.float64)
    xs = np.vstack([state["x"][state["x"].shape[0] - len(z) :], x_next.reshape(1, k)])
    return sup.step_features(z, xs)


def recent_windows(state, n):
    """Return the last ``n`` windows (n, lags, f) before the one that ends at the cutoff.

    With ``n = horizon - 1`` they are the direct strategy's windows between the last
    training row and the cutoff (a stateful regressor with ``replay_training`` carries
    its state over them); with ``n`` new rows, the windows an update's rows complete.
    """
    lags = state["lags"]
    F = features(state, min(lags + n, len(state["z"])))[:-1]
    if n == 0 or len(F) < lags:
        return np.empty((0, lags, F.shape[1]))
    return np.lib.stride_tricks.sliding_window_view(F, (lags, F.shape[1]))[:, 0].copy()


def last_window(state, x_next=None):
    """Return the window (lags, f) for the step after the cutoff."""
    return features(state, state["lags"], x_next).copy()


def to_original(state, z):
    """Map scaled differences continuing after the cutoff to the original scale."""
    values = np.asarray(z, dtype=np.float64).reshape(-1, 1)
    if state["scaler"] is not None:
        values = state["scaler"].inverse_transform(values)
    if state["chain"]:
        values = diff.undifference(state["chain"], values)
    values = np.asarray(values, dtype=np.float64).ravel()
    seasonal = state["seasonal"]
    if seasonal is not None:
        phases = (state["n_seen"] + np.arange(len(values))) % len(seasonal)
        values = values + seasonal[phases]
    return np.exp(values) if state["transform"] == "log" else values * state["scale"]


def minimum_length(settings, horizon):
    """Return the shortest training series these settings can fit."""
    lags = settings["difference_lag"]
    n_undefined = diff.n_undefined(lags, settings["difference_order"])
    return sup.minimum_length(settings["lags"], n_undefined, horizon)
