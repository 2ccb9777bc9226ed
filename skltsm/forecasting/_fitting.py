"""Train the ensemble, forecast, choose the epochs on a validation tail: pure functions.

Every function takes a panel: a list of per-series states (``_series``), one for a single
series. :func:`choose_epochs` is the one path by which ``LSTMForecaster`` sets the epochs
of the network it builds itself (``regressor=None``; a given regressor keeps its own, see
``skltsm/regression/_budget.py``). Validation never sees data after the training series:
it cuts the last ``n_val`` observations off every *training* series, refits every
transform on the rest with the same rule, trains the default network for each candidate
epoch count on the pooled windows and scores its ``n_val``-step forecasts on the cut
tails: the mean over series of the mean absolute error (original scale) divided by the
series' mean absolute level, so that one series' choice is that of its plain MAE and a
panel's weighs every series alike. The final ensemble then trains on the whole training
series with the best count; a series too short to hold a tail out (``n_val=0``) gets the
scheme's unvalidated epochs (``UNVALIDATED_EPOCHS`` for one series).
"""

import numpy as np

from skltsm.forecasting import _index as idx
from skltsm.forecasting import _panel as pn
from skltsm.forecasting import _regressor as reg
from skltsm.forecasting import _series as series

# Epoch counts tried on the validation tail: powers of two, so each falls on a boundary of
# the engine's compiled-call buckets (one trace per bucket per window length and process).
EPOCH_CANDIDATES = (8, 16, 32)
# Epochs of the default network when no validation tail can be held out.
UNVALIDATED_EPOCHS = 64


def _as_targets(targets):
    # one target column is passed 1-D, as scikit-learn's single-output regressors expect
    return targets[:, 0] if targets.ndim == 2 and targets.shape[1] == 1 else targets


def _fit_member(template, lags, seed, multi_output, windows, targets):
    """Fit one seeded clone of ``template`` (a joblib task of :func:`fit_members`)."""
    member = reg.prepare_regressor(template, lags, seed, multi_output)
    member.fit(reg.as_input(member, windows), _as_targets(targets))
    return member


def fit_members(template, seeds, lags, multi_output, windows, targets):
    """Return one fitted clone of ``template`` per seed, all on the same windows.

    Through joblib with ``n_jobs=None``: one after another, unless the caller opens a
    ``joblib.parallel_config`` (``n_jobs=2`` for local processes, ``backend="dask"`` for
    a cluster), as for scikit-learn's searches; each member is seeded alike either way.
    """
    from joblib import Parallel, delayed

    task = delayed(_fit_member)
    return Parallel(n_jobs=None)(
        task(template, lags, seed, multi_output, windows, targets) for seed in seeds
    )


def train_more(members, windows, targets, epochs):
    """Train every member ``epochs`` more epochs (``partial_fit``), or refit one without it."""
    targets = _as_targets(targets)
    for member in members:
        X = reg.as_input(member, windows)
        if hasattr(member, "partial_fit"):
            for _ in range(epochs):
                member.partial_fit(X, targets)
        else:
            member.fit(X, targets)


def _relative(window):
    """Return ``window`` (..., lags, f) with its first feature minus its last value, and that."""
    anchor = window[..., -1, 0].copy()
    out = window.copy()
    out[..., 0] -= anchor[..., None]
    return out, anchor


def _batched(member, windows, x_futures, n_steps, direct, anchor):
    """Forecast (n_series, n_steps) scaled values of every window in one call per step."""
    n = len(windows)

    def predict(w):  # (n, width) predictions, each relative to its window's newest value
        inputs, a = _relative(w) if anchor else (w, np.zeros(n))
        return np.asarray(member.predict(reg.as_input(member, inputs))).reshape(n, -1), a

    if direct:
        out, a = predict(windows)
        return out[:, :n_steps] + (a[:, None] if anchor else 0.0)
    out = np.empty((n, n_steps))
    for step in range(n_steps):
        values, a = predict(windows)
        out[:, step] = values[:, 0] + a if anchor else values[:, 0]
        if step + 1 < n_steps:
            rows = out[:, step : step + 1]
            if x_futures[0] is not None:
                rows = np.hstack([rows, np.stack([x[step + 1] for x in x_futures])])
            windows = np.concatenate([windows[:, 1:], rows[:, None, :]], axis=1)
    return out


def _one(member, lstm_state, window, x_future, n_steps, direct, anchor):
    """Forecast one series with a stateful member (its LSTM state carried step by step)."""
    predict = reg.predictor(member, lstm_state)
    if anchor:
        base = predict

        def predict(w):
            inputs, a = _relative(w)
            return np.ravel(base(inputs)) + a

    return reg.forecast_scaled(predict, window, x_future, n_steps, direct)


def forecast(members, lstm_states, states, x_futures, n_steps, direct):
    """Return every series' ``n_steps`` forecasts (n_series, n_steps), original scale.

    ``lstm_states[m][i]`` is member ``m``'s LSTM state for series ``i`` (None for a
    stateless member, whose series are forecast in one batch); ``x_futures[i]`` the scaled
    exogenous rows of the steps ahead (None without ``X``). Median over members.
    """
    windows = np.stack(
        [
            series.last_window(s, None if x is None else x[0])
            for s, x in zip(states, x_futures, strict=True)
        ]
    )
    anchor = bool(states[0]["anchor"])
    paths = []
    for member, member_states in zip(members, lstm_states, strict=True):
        if all(s is None for s in member_states):
            z = _batched(member, windows, x_futures, n_steps, direct, anchor)
        else:
            z = [
                _one(member, st, w, x, n_steps, direct, anchor)
                for st, w, x in zip(member_states, windows, x_futures, strict=True)
            ]
        paths.append(np.stack([series.to_original(s, zi) for s, zi in zip(states, z, strict=True)]))
    return paths[0] if len(paths) == 1 else np.median(np.stack(paths), axis=0)


def start_states(members, states, horizon):
    """Return ``[member][series]`` LSTM states at the cutoff (None: stateless member)."""
    return [
        [reg.start_state(m, series.recent_windows(s, horizon - 1)) for s in states] for m in members
    ]


def validation_size(n_obs, wanted, settings, horizon):
    """Return the tail to hold out (0: too short to validate) from ``wanted`` steps.

    At least three windows' worth of rows (``3 * lags``) beyond the minimum length must
    remain for training; the tail is shortened to fit, down to one season or 4 steps.
    """
    room = n_obs - series.minimum_length(settings, horizon) - 3 * settings["lags"]
    n_val = min(int(wanted), room)
    return n_val if n_val >= min(int(wanted), settings["sp"] or 4) else 0


def choose_epochs(tails, settings_for, template_for, seeds, horizon, candidates, max_windows=None):
    """Return the best epoch count on the validation tails, every score and the forecasts.

    Parameters
    ----------
    tails : list of tuple
        Per series ``(y_fit, x_fit, y_val, x_val)``: the training series without its last
        ``n_val`` values, those values, and the exogenous rows of both (None without X).
    settings_for : callable
        ``settings_for(y_fit) -> (settings, seasonal)``, the rule of the fit itself.
    template_for : callable
        ``template_for(epochs) -> regressor``.
    seeds : list
        Seeds of the validation networks, each trained per candidate; their median
        forecast is scored (the ensemble that the fit deploys, or its first member).
    horizon : int
        1 for the recursive strategy, else the direct strategy's width (>= n_val).
    candidates : tuple of int
        Epoch counts tried, each trained from the seeds.
    max_windows : int or None
        Sample of pooled training windows (``_panel.training_rows``).

    Returns
    -------
    epochs : int or None
        None (and no scores, no tail) when no fit part holds one training window.
    scores : dict of int to float
        Per candidate, the mean over series of MAE / mean absolute level of the fit part
        (for one series its plain MAE: the same choice).
    tail : dict
        ``states`` and ``fit_parts`` (the series without their tails), ``y_val``
        (n_series, n_val) and ``preds``, the forecasts at the chosen count (the global
        intervals calibrate on them).
    """
    prepared = _prepare_tails(tails, settings_for, horizon, max_windows)
    if prepared is None:  # no fit part is long enough for one window: no validation
        return None, {}, None
    levels = np.array([np.mean(np.abs(t[0])) or 1.0 for t in tails])
    scores, preds = {}, {}
    for epochs in candidates:
        f = _tail_forecasts(prepared, template_for(epochs), seeds, horizon)
        mae = np.mean(np.abs(f - prepared["y_val"]), axis=1)
        scores[int(epochs)] = float(np.nanmean(mae / levels)) if len(mae) > 1 else float(mae[0])
        preds[int(epochs)] = f
    best = min(scores, key=scores.get)
    return best, scores, _tail(prepared, preds[best])


def cut_tails(values, xs, end, n_val, min_length):
    """Return ``(y_fit, x_fit, y_val, x_val)`` per series cut ``end`` steps before its end.

    ``y_val`` is the ``n_val`` values after the cut; a series whose fit part keeps no more
    than ``min_length`` values is left out (``x`` None: no exogenous rows).

    Examples
    --------
    >>> [(a.tolist(), b.tolist()) for a, _, b, _ in cut_tails([np.arange(6.0)], [None], 3, 2, 1)]
    [([0.0, 1.0, 2.0], [3.0, 4.0])]
    """
    return [
        (v[: len(v) - end], None if x is None else x[: len(x) - end])
        + (v[len(v) - end : len(v) - end + n_val],)
        + (None if x is None else x[len(x) - end : len(x) - end + n_val],)
        for v, x in zip(values, xs, strict=True)
        if len(v) - end > min_length
    ]


def earlier_tails(values, xs, n_val, origins, min_length, spacing=None):
    """Return, per earlier origin, the tails cut ``n_val + (o - 1) * spacing`` steps back.

    ``o`` runs over ``2 .. origins``; ``spacing`` defaults to ``n_val`` (the tails do not
    overlap). Each origin's tails are :func:`cut_tails`'; an origin no series reaches is
    left out.
    """
    spacing = n_val if spacing is None else int(spacing)
    cuts = (
        cut_tails(values, xs, n_val + (o - 1) * spacing, n_val, min_length)
        for o in range(2, int(origins) + 1)
    )
    return [cut for cut in cuts if cut]


def origin_forecasts(tails, settings_for, template, seeds, horizon, max_windows=None):
    """Return one origin's tail (``states``, ``fit_parts``, ``y_val``, ``preds``) or None.

    The network ``template`` (the chosen epochs) is trained on the fit parts of ``tails``
    (from :func:`earlier_tails`) and forecasts their cut values; None when no fit part
    holds one training window.
    """
    prepared = _prepare_tails(tails, settings_for, horizon, max_windows)
    if prepared is None:
        return None
    return _tail(prepared, _tail_forecasts(prepared, template, seeds, horizon))


def _prepare_tails(tails, settings_for, horizon, max_windows):
    states, x_futures = [], []
    for y_fit, x_fit, _, x_val in tails:
        state = series.fit(y_fit, x_fit, *settings_for(y_fit))
        states.append(state)
        x_futures.append(None if x_val is None else _scale_exog(state, x_val))
    try:
        windows, targets = pn.training_rows(states, horizon, max_windows)
    except ValueError:
        return None
    return {
        "states": states,
        "x_futures": x_futures,
        "fit_parts": [t[0] for t in tails],
        "y_val": np.stack([t[2] for t in tails]),
        "windows": windows,
        "targets": targets,
    }


def _tail_forecasts(prepared, template, seeds, horizon):
    states, direct = prepared["states"], horizon > 1
    lags, n_val = states[0]["lags"], prepared["y_val"].shape[1]
    windows, targets = prepared["windows"], prepared["targets"]
    members = fit_members(template, list(seeds), lags, direct, windows, targets)
    nones = [[None] * len(states)] * len(members)
    return forecast(members, nones, states, prepared["x_futures"], n_val, direct)


def _tail(prepared, preds):
    keys = ("states", "fit_parts", "y_val")
    return {**{k: prepared[k] for k in keys}, "preds": preds}


def _scale_exog(state, x):
    return series._scale(state["exog_scaler"], x, flat=False)


def resolve_horizon(strategy, horizon, fh, cutoff):
    """Return the steps one regressor call predicts: 1, ``horizon`` or the largest ``fh``."""
    if strategy == "recursive":
        return 1
    if horizon is not None:
        return int(horizon)
    if fh is None:
        raise ValueError(
            "LSTMForecaster: strategy='direct' needs the number of steps to predict; "
            "set horizon=<int> or pass fh to fit"
        )
    steps = int(fh.to_relative(cutoff).to_numpy().max())
    idx.check_steps(steps)
    return steps
