"""``update`` and ``predict`` touch only the new rows and the last window, not the history.

Counted, not timed: every transform the forecaster applies is wrapped to record how many
rows it is given during a walk-forward. ``benchmarks/bench_update.py`` times the same loop.
"""

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import Ridge
from sklearn.preprocessing import MinMaxScaler

from skltsm.forecasting import LSTMForecaster
from skltsm.forecasting import _series as series
from skltsm.preprocessing import Differencer, LagFramer
from tests.forecasting.conftest import StatefulLinear

N_FIT, LAGS, SP = 600, 13, 12


def _data():
    t = np.arange(N_FIT + 10, dtype=np.float64)
    rng = np.random.default_rng(0)
    y = pd.Series(50 + 0.1 * t + 5 * np.sin(2 * np.pi * t / SP) + rng.normal(0, 0.5, len(t)))
    X = pd.DataFrame({"x": np.cos(t / 5)}, index=y.index)
    return y, X


def _record_rows(monkeypatch, rows):
    """Wrap every per-row transform so that it appends the rows it is given to ``rows``."""

    def wrap(owner, name, arg=1):
        original = getattr(owner, name)

        def counted(*args, **kwargs):
            rows.append(len(args[arg]))
            return original(*args, **kwargs)

        monkeypatch.setattr(owner, name, counted)

    for method in ("transform", "update", "inverse_forecast"):
        wrap(Differencer, method)
    for method in ("transform", "inverse_transform"):
        wrap(MinMaxScaler, method)
    wrap(LagFramer, "fit_transform")
    wrap(series, "level", arg=1)


@pytest.mark.parametrize("exogenous", [True, False], ids=["Ridge with X", "stateful"])
def test_a_walk_forward_step_transforms_only_the_new_rows(monkeypatch, exogenous):
    y, X = _data()
    regressor = Ridge() if exogenous else StatefulLinear()
    forecaster = LSTMForecaster(regressor, sp=SP, transform="log", difference_lag=(1, SP))
    forecaster.set_params(lags=LAGS, deseasonalize=False)
    X_fit = X.iloc[:N_FIT] if exogenous else None
    forecaster.fit(y.iloc[:N_FIT], X=X_fit)
    rows = []
    _record_rows(monkeypatch, rows)
    for step in range(5):
        t = N_FIT + step
        x_next = X.iloc[t : t + 1] if exogenous else None
        forecaster.predict(fh=1, X=x_next)
        forecaster.update(y.iloc[t : t + 1], X=x_next, update_params=False)
    assert rows, "no transform was recorded: the wrapped names moved"
    # the new row and the levels it is differenced against (1 + 12), never the 600 rows
    assert max(rows) <= 1 + SP + LAGS, sorted(rows)[-5:]


def test_the_history_grows_in_place_and_stays_exact():
    y, _ = _data()
    plain = {"sp": None, "transform": None, "scaler": None, "lags": 3}
    forecaster = LSTMForecaster(Ridge(), **plain).fit(y.iloc[:N_FIT])
    for step in range(3):
        before = forecaster._states[0]["z"], forecaster._values[0]
        forecaster.update(y.iloc[N_FIT + step : N_FIT + step + 1], update_params=False)
        after = forecaster._states[0]["z"], forecaster._values[0]
        if step:  # the first update moves the history into a buffer with room to grow
            assert all(np.shares_memory(a, b) for a, b in zip(before, after, strict=True))
        assert len(after[1]) == N_FIT + step + 1
    np.testing.assert_array_equal(forecaster._values[0], y.iloc[: N_FIT + 3].to_numpy())
    refit = LSTMForecaster(Ridge(), **plain).fit(y.iloc[: N_FIT + 3])
    np.testing.assert_allclose(
        forecaster._states[0]["z"][-5:], refit._states[0]["z"][-5:], rtol=0, atol=1e-12
    )


def test_a_view_shared_by_two_holders_is_never_written_twice():
    history = series.extend(np.arange(4.0), [4.0])
    first, second = series.extend(history, [5.0]), series.extend(history, [9.0])
    assert first.tolist() == [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]
    assert second.tolist() == [0.0, 1.0, 2.0, 3.0, 4.0, 9.0]
    users = np.arange(10.0)
    series.extend(users[:5], [99.0])  # an array not made by extend is copied, not written
    assert users.tolist() == list(np.arange(10.0))
