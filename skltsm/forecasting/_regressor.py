"""The regressor side of ``LSTMForecaster``: cloning, LSTM state, recursive forecasting."""

import numpy as np
from sklearn.base import clone
from sklearn.multioutput import MultiOutputRegressor
from sklearn.utils import get_tags

# Batch-1 gradient steps of the default LSTM. Short training generalises best on these
# tiny series: shampoo (22 rows) scored best at 50-70 epochs, airline (82 rows) at 5-12;
# a fixed number of steps, not of epochs, suits both (benchmarks/bench_accuracy.py).
DEFAULT_TRAINING_STEPS = 1000


def default_regressor(n_rows):
    """Return the regressor used when ``regressor=None``: a small stateful LSTM.

    ``StatefulLSTMRegressor(neurons=4)`` trained for about ``DEFAULT_TRAINING_STEPS``
    batch-1 steps: ``epochs = max(1, round(1000 / n_rows))``.
    """
    from skltsm.regression import StatefulLSTMRegressor

    epochs = max(1, round(DEFAULT_TRAINING_STEPS / n_rows))
    return StatefulLSTMRegressor(neurons=4, epochs=epochs)


def prepare_regressor(regressor, lags, random_state, multi_output, n_rows):
    """Return an unfitted clone of ``regressor`` set up for windows of ``lags`` steps.

    None means :func:`default_regressor` for ``n_rows`` training rows. A ``timesteps``
    parameter is set to ``lags``; ``random_state`` is set when not None; a single-output
    regressor is wrapped in ``MultiOutputRegressor`` when several steps are predicted at
    once.
    """
    regressor = clone(regressor if regressor is not None else default_regressor(n_rows))
    params = regressor.get_params()
    if "timesteps" in params:
        regressor.set_params(timesteps=lags)
    if random_state is not None and "random_state" in params:
        regressor.set_params(random_state=random_state)
    if multi_output and not get_tags(regressor).target_tags.multi_output:
        regressor = MultiOutputRegressor(regressor)
    return regressor


def start_state(regressor, pending):
    """Return the LSTM state at the cutoff, or None for a regressor without walk_forward.

    The state is where ``regressor.walk_forward()`` starts (zero state, or the state after
    the training rows with ``replay_training=True``); with a replay it is carried over the
    ``pending`` windows between the last training row and the cutoff (``direct`` only).
    """
    if not hasattr(regressor, "walk_forward"):
        return None
    walker = regressor.walk_forward()
    if len(pending) and getattr(regressor, "replay_training", False):
        walker.predict(pending)
    return [s.copy() for s in walker.state]


def walker_at(regressor, state):
    """Return a fresh walk-forward of ``regressor`` at a copy of ``state`` (None: none)."""
    if state is None:
        return None
    walker = regressor.walk_forward()
    walker.state = [s.copy() for s in state]
    return walker


def forecast_scaled(predict, window, x_future, n_steps, direct):
    """Predict ``n_steps`` scaled differences from ``window`` of shape (lags, n_features).

    ``direct``: one call returns all steps. Otherwise each prediction is fed back as the
    newest step of the window, beside the exogenous values of the step after it.
    """
    if direct:
        return np.ravel(predict(window.reshape(1, -1)))[:n_steps]
    out = np.empty(n_steps)
    for step in range(n_steps):
        out[step] = np.ravel(predict(window.reshape(1, -1)))[0]
        if step + 1 < n_steps:
            row = [out[step]] if x_future is None else np.r_[out[step], x_future[step + 1]]
            window = np.vstack([window[1:], row])
    return out
