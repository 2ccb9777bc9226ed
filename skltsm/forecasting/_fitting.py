"""Train the ensemble and choose the epochs on a validation tail: pure functions.

:func:`choose_epochs` is the one path by which ``LSTMForecaster`` sets the epochs of the
network it builds itself (``regressor=None``; a given regressor keeps its own, see
``skltsm/regression/_budget.py``). Validation never sees data after the training series:
it cuts the last ``n_val`` observations off the *training* series, refits every transform
on the rest with the same settings, trains the default network for each candidate epoch
count and scores its ``n_val``-step forecast (mean absolute error, original scale) on the
cut tail. The final ensemble then trains on the whole training series with the best
count; a series too short to hold a tail out (``n_val=0``) gets ``UNVALIDATED_EPOCHS``.
"""

import numpy as np

from skltsm.forecasting import _index as idx
from skltsm.forecasting import _regressor as reg
from skltsm.forecasting import _series as series
from skltsm.forecasting import _settings as settings_mod

# Epoch counts tried on the validation tail: powers of two, so each falls on a boundary of
# the engine's compiled-call buckets (one trace per bucket per window length and process).
EPOCH_CANDIDATES = (8, 16, 32)
# Epochs of the default network when no validation tail can be held out.
UNVALIDATED_EPOCHS = 64


def fit_members(template, seeds, lags, multi_output, windows, targets):
    """Return one fitted clone of ``template`` per seed, all on the same windows."""
    members = []
    for seed in seeds:
        member = reg.prepare_regressor(template, lags, seed, multi_output)
        member.fit(reg.as_input(member, windows), targets)
        members.append(member)
    return members


def train_more(members, windows, targets, epochs):
    """Train every member ``epochs`` more epochs (``partial_fit``), or refit one without it."""
    for member in members:
        X = reg.as_input(member, windows)
        if hasattr(member, "partial_fit"):
            for _ in range(epochs):
                member.partial_fit(X, targets)
        else:
            member.fit(X, targets)


def forecast(members, lstm_states, state, x_future, n_steps, direct):
    """Return the median over members of their ``n_steps`` forecasts, original scale."""
    x_next = None if x_future is None else x_future[0]
    window = series.last_window(state, x_next)
    paths = [
        series.to_original(
            state,
            reg.forecast_scaled(reg.predictor(m, s), window, x_future, n_steps, direct),
        )
        for m, s in zip(members, lstm_states, strict=True)
    ]
    return paths[0] if len(paths) == 1 else np.median(np.vstack(paths), axis=0)


def validation_size(n_obs, wanted, settings, horizon):
    """Return the tail to hold out (0: too short to validate) from ``wanted`` steps.

    At least three windows' worth of rows (``3 * lags``) beyond the minimum length must
    remain for training; the tail is shortened to fit, down to one season or 4 steps.
    """
    room = n_obs - series.minimum_length(settings, horizon) - 3 * settings["lags"]
    n_val = min(int(wanted), room)
    return n_val if n_val >= min(int(wanted), settings["sp"] or 4) else 0


def choose_epochs(y, X, settings, n_val, seed, strategy_horizon, candidates=None):
    """Return the best epoch count on the last ``n_val`` steps, and every score.

    Parameters
    ----------
    y : ndarray of shape (n,)
        The training series; its last ``n_val`` values are the validation tail.
    X : ndarray of shape (n, k) or None
        Exogenous values of the same rows.
    settings : dict
        The resolved settings (``_settings.resolve``).
    n_val : int
        Steps held out; 0 returns ``UNVALIDATED_EPOCHS`` without training.
    seed : int or None
        Seed of the validation network (the first ensemble member's).
    strategy_horizon : int
        1 for the recursive strategy, else the direct strategy's width (>= n_val).
    candidates : tuple of int or None
        Epoch counts tried; None: ``EPOCH_CANDIDATES``.

    Returns
    -------
    epochs : int
    scores : dict of int to float
        Mean absolute error of each candidate on the tail.
    """
    if n_val == 0:
        return UNVALIDATED_EPOCHS, {}
    y_fit, y_val = y[:-n_val], y[-n_val:]
    X_fit = None if X is None else X[:-n_val]
    x_future = None if X is None else X[-n_val:]
    seasonal = settings_mod.seasonal_indices(settings, y_fit)
    state = series.fit(y_fit, X_fit, settings, seasonal)
    if x_future is not None:
        x_future = series._scale(state["exog_scaler"], x_future, flat=False)
    windows, targets = series.supervised(state, strategy_horizon)
    windows = windows[: len(targets)]
    direct = strategy_horizon > 1
    scores = {}
    for epochs in EPOCH_CANDIDATES if candidates is None else candidates:
        template = reg.default_lstm(settings["lags"], epochs)
        (member,) = fit_members(template, [seed], settings["lags"], direct, windows, targets)
        f = forecast([member], [None], state, x_future, n_val, direct)
        scores[int(epochs)] = float(np.mean(np.abs(f - y_val)))
    return min(scores, key=scores.get), scores


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
