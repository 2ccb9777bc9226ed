"""The regressor side of ``LSTMForecaster``: the default LSTM, clones, seeds, LSTM state.

Recurrent regressors (those with a ``timesteps`` parameter) get 3-D windows
``(n, lags, n_features)``; others get the same windows flattened row-major. The forecaster
never edits a ``timesteps`` the user set (see ``_settings.explicit_timesteps``).
"""

import numpy as np
from sklearn.base import clone
from sklearn.multioutput import MultiOutputRegressor
from sklearn.utils import check_random_state, get_tags

from skltsm.forecasting._settings import explicit_timesteps

# The default network and its training, chosen on validation tails of training data
# (docs/forecaster-guide.md): one LSTM layer, no dropout, windows in small batches. Its
# epochs are not a default: _fitting.choose_epochs picks them (skltsm/regression/_budget.py).
DEFAULT_UNITS = 16
DEFAULT_BATCH_SIZE = 16
DEFAULT_LEARNING_RATE = 0.005
DEFAULT_LOSS = "mean_squared_error"


def default_lstm(lags, epochs, **overrides):
    """Return the regressor used when ``regressor=None``: a small stateless LSTM.

    ``StackedLSTMRegressor(units=(16,), dropout=0.0, batch_size=16, timesteps=lags)``
    with Adam at learning rate 0.005, trained for ``epochs`` epochs (always given: the
    forecaster's choice, from ``_fitting.choose_epochs``). ``overrides`` replace
    parameters (the global network of a panel is the same LSTM, wider, in larger
    batches: ``_panel.global_lstm``).
    """
    from skltsm.regression import StackedLSTMRegressor

    params = {
        "units": (DEFAULT_UNITS,),
        "dropout": 0.0,
        "timesteps": lags,
        "epochs": int(epochs),
        "batch_size": DEFAULT_BATCH_SIZE,
        "optimizer__learning_rate": DEFAULT_LEARNING_RATE,
        "loss": DEFAULT_LOSS,
    }
    return StackedLSTMRegressor(**{**params, **overrides})


def default_regressor(n_rows):
    """Return the shampoo tutorial's ``StatefulLSTMRegressor(units=4)`` for ``n_rows`` rows.

    Trained for about ``TUTORIAL_TRAINING_STEPS`` batch-1 steps
    (``regression._budget.epochs_for_steps``: 45 epochs for the 22 rows of the 24-month
    shampoo training series). This was ``LSTMForecaster``'s default regressor before the
    automatic defaults; the CLI's stateful model still uses it.
    """
    from skltsm.regression import StatefulLSTMRegressor
    from skltsm.regression._budget import TUTORIAL_TRAINING_STEPS, epochs_for_steps

    return StatefulLSTMRegressor(units=4, epochs=epochs_for_steps(n_rows, TUTORIAL_TRAINING_STEPS))


def is_recurrent(regressor):
    """Return whether ``regressor`` reads windows as time steps (has ``timesteps``)."""
    inner = getattr(regressor, "estimator", regressor)
    return "timesteps" in inner.get_params(deep=False)


def prepare_regressor(regressor, lags, seed, multi_output):
    """Return an unfitted clone of ``regressor`` for windows of ``lags`` steps.

    ``timesteps=None`` is left alone (the regressor reads the 3-D windows as given); a
    ``timesteps`` left at a non-None class default is set to ``lags`` on the clone; an
    explicit one is kept (``_settings`` has checked it equals ``lags``). ``seed`` is set
    as ``random_state`` when not None; a single-output regressor is wrapped in
    ``MultiOutputRegressor`` when several steps are predicted at once.
    """
    regressor = clone(regressor)
    params = regressor.get_params(deep=False)
    value = params.get("timesteps")
    if value is not None and value != lags and explicit_timesteps(regressor) is None:
        regressor.set_params(timesteps=lags)  # a class default predating timesteps=None
    if seed is not None and "random_state" in params:
        regressor.set_params(random_state=seed)
    if multi_output and not get_tags(regressor).target_tags.multi_output:
        regressor = MultiOutputRegressor(regressor)
    return regressor


def member_seeds(random_state, n_members):
    """Return one seed per ensemble member; member 0 gets ``random_state`` itself.

    An int seeds member 0 with itself (so one member reproduces a single fit) and member
    ``k`` with a number drawn from ``SeedSequence([random_state, k])``; a RandomState
    draws all of them; None leaves every member unseeded.

    Examples
    --------
    >>> member_seeds(7, 3)[0], member_seeds(None, 2)
    (7, [None, None])
    >>> member_seeds(7, 3) == member_seeds(7, 3)
    True
    """
    if random_state is None:
        return [None] * n_members
    if isinstance(random_state, (int, np.integer)):
        rest = [
            int(np.random.SeedSequence([int(random_state), k]).generate_state(1)[0] >> 1)
            for k in range(1, n_members)
        ]
        return [random_state, *rest]
    rng = check_random_state(random_state)
    return [int(s) for s in rng.randint(np.iinfo(np.int32).max, size=n_members)]


def as_input(regressor, windows):
    """Return ``windows`` (n, lags, f) as the regressor reads them (flat if not recurrent)."""
    return windows if is_recurrent(regressor) else windows.reshape(len(windows), -1)


def start_state(regressor, pending):
    """Return the LSTM state at the cutoff, or None for a regressor that is not stateful.

    A regressor declares its statefulness (``is_stateful = True``, as
    ``StatefulLSTMRegressor`` does; not guessed from its methods) and then has
    ``walk_forward()``. The state is where that starts (zero state, or the state after the
    training rows with ``replay_training=True``); with a replay it is carried over the
    ``pending`` windows between the last training row and the cutoff (``direct`` only).
    """
    if not getattr(regressor, "is_stateful", False):
        return None
    walker = regressor.walk_forward()
    if len(pending) and getattr(regressor, "replay_training", False):
        walker.predict(pending)
    return [s.copy() for s in walker.state]


def predictor(regressor, state):
    """Return ``predict(window)`` for one window (lags, f), from a copy of the LSTM state."""
    if state is None:
        recurrent = is_recurrent(regressor)
        return lambda w: regressor.predict(w[None] if recurrent else w.reshape(1, -1))
    walker = regressor.walk_forward()
    walker.state = [s.copy() for s in state]
    return lambda w: walker.predict(w[None])


def carry_state(regressor, state, windows):
    """Return the LSTM state after running ``windows`` from ``state``."""
    walker = regressor.walk_forward()
    walker.state = [s.copy() for s in state]
    walker.predict(windows)
    return [s.copy() for s in walker.state]


def forecast_scaled(predict, window, x_future, n_steps, direct):
    """Predict ``n_steps`` scaled differences from ``window`` of shape (lags, n_features).

    ``direct``: one call returns all steps. Otherwise each prediction is fed back as the
    newest step of the window, beside the exogenous values of the step after it.
    """
    if direct:
        return np.ravel(predict(window))[:n_steps]
    out = np.empty(n_steps)
    for step in range(n_steps):
        out[step] = np.ravel(predict(window))[0]
        if step + 1 < n_steps:
            row = [out[step]] if x_future is None else np.r_[out[step], x_future[step + 1]]
            window = np.vstack([window[1:], row])
    return out
