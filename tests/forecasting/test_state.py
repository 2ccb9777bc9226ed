"""LSTM-state bookkeeping, made visible by StatefulLinear (see conftest.py).

With ``difference_order=0, scaler=None`` the forecaster works on ``y`` itself, so a
one-step forecast is ``linear(window) + bump * steps``, where ``steps`` counts the rows the
walk-forward has run since its start, including the predicted one.
"""

import numpy as np
import pandas as pd
import pytest

from skltsm.forecasting import LSTMForecaster
from tests.forecasting.conftest import StatefulLinear


def _forecaster(**kwargs):
    regressor = StatefulLinear(**kwargs.pop("regressor_kwargs", {}))
    return LSTMForecaster(
        regressor,
        difference_order=0,
        scaler=None,
        lags=2,
        **kwargs,
        sp=None,
        transform=None,
        difference_lag=1,
    )


def _steps_in(forecaster, y, fh=1):
    """How many walk-forward steps the one-step forecast at fh included."""
    reg = forecaster.regressor_
    plain = reg.linear_.predict(y.to_numpy()[-2:].reshape(1, -1))[0]
    return (forecaster.predict(fh=fh).iloc[0] - plain) / reg.bump


def test_state_starts_at_zero_and_predict_does_not_move_it(quadratic):
    forecaster = _forecaster().fit(quadratic.iloc[:20])
    assert _steps_in(forecaster, quadratic.iloc[:20]) == pytest.approx(1.0)
    first = forecaster.predict(fh=[1, 2, 3])
    pd.testing.assert_series_equal(forecaster.predict(fh=[1, 2, 3]), first)
    assert _steps_in(forecaster, quadratic.iloc[:20]) == pytest.approx(1.0)


class _Undeclared(StatefulLinear):
    is_stateful = False  # has walk_forward, but does not declare state


def test_statefulness_is_declared_not_guessed_from_walk_forward(quadratic):
    forecaster = _forecaster().set_params(regressor=_Undeclared()).fit(quadratic.iloc[:20])
    forecaster.update(quadratic.iloc[20:23], update_params=False)
    assert forecaster._lstm_states == [[None]]  # [member][series]
    assert _steps_in(forecaster, quadratic.iloc[:23]) == pytest.approx(0.0)  # plain predict


def test_update_carries_state_over_the_new_rows(quadratic):
    forecaster = _forecaster().fit(quadratic.iloc[:20])
    forecaster.update(quadratic.iloc[20:23], update_params=False)
    assert _steps_in(forecaster, quadratic.iloc[:23]) == pytest.approx(4.0)
    forecaster.update(quadratic.iloc[23:24], update_params=False)
    assert _steps_in(forecaster, quadratic.iloc[:24]) == pytest.approx(5.0)


def test_replay_training_starts_from_the_training_rows(quadratic):
    forecaster = _forecaster(regressor_kwargs={"replay_training": True})
    forecaster.fit(quadratic.iloc[:20])
    n_rows = 20 - 2  # two leading rows have no complete window
    assert _steps_in(forecaster, quadratic.iloc[:20]) == pytest.approx(n_rows + 1)


def test_update_params_trains_update_epochs_and_restarts_the_walk(quadratic):
    forecaster = _forecaster(update_epochs=3).fit(quadratic.iloc[:20])
    forecaster.update(quadratic.iloc[20:23], update_params=True)
    assert forecaster.regressor_.n_partial_fit_ == 3
    assert forecaster.regressor_.n_train_ == 23 - 2
    assert _steps_in(forecaster, quadratic.iloc[:23]) == pytest.approx(1.0)


def test_update_epochs_zero_only_moves_the_origin(quadratic):
    forecaster = _forecaster(update_epochs=0).fit(quadratic.iloc[:20])
    forecaster.update(quadratic.iloc[20:22], update_params=True)
    assert forecaster.regressor_.n_partial_fit_ == 0
    assert _steps_in(forecaster, quadratic.iloc[:22]) == pytest.approx(3.0)


def test_recursion_runs_through_the_walker(quadratic):
    forecaster = _forecaster().fit(quadratic.iloc[:20])
    reg = forecaster.regressor_
    window, expected = list(quadratic.to_numpy()[18:20]), []
    for step in range(1, 4):
        value = reg.linear_.predict([window])[0] + reg.bump * step
        expected.append(value)
        window = [window[1], value]
    np.testing.assert_allclose(forecaster.predict(fh=[1, 2, 3]).to_numpy(), expected)


def test_direct_replay_covers_the_windows_after_the_last_training_row(quadratic):
    forecaster = _forecaster(
        strategy="direct", horizon=3, regressor_kwargs={"replay_training": True}
    ).fit(quadratic.iloc[:20])
    # 20 - 2 windows, of which the last 2 lack a full 3-step target: trained on 16.
    assert forecaster.regressor_.n_train_ == 16
    reg = forecaster.regressor_
    plain = reg.linear_.predict(quadratic.to_numpy()[18:20].reshape(1, -1))[0]
    y_pred = forecaster.predict(fh=[1, 2, 3]).to_numpy()
    np.testing.assert_allclose((y_pred - plain) / reg.bump, [19.0, 19.0, 19.0])


def test_clone_gets_timesteps_and_random_state(quadratic):
    regressor = StatefulLinear()
    forecaster = LSTMForecaster(
        regressor, lags=3, random_state=7, sp=None, transform=None, difference_lag=1
    ).fit(quadratic)
    assert forecaster.regressor_.timesteps == 3
    assert forecaster.regressor_.random_state == 7
    assert regressor.timesteps == 1 and regressor.random_state is None
    assert not hasattr(regressor, "linear_")
