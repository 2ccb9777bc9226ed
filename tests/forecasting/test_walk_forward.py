"""walk_forward_forecast: the one-step walk-forward protocol, and the tutorial's split."""

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import Ridge
from sktime.forecasting.naive import NaiveForecaster

from skltsm.forecasting import LSTMForecaster, walk_forward_forecast

# sktime's own forecasters and composites warn at construction that a config default
# changes in sktime 1.3; LSTMForecaster sets remember_data itself and does not warn.
pytestmark = pytest.mark.filterwarnings("ignore:The default of config:FutureWarning")


def _rmse(y_true, y_pred):
    return float(np.sqrt(np.mean((y_true.to_numpy() - y_pred.to_numpy()) ** 2)))


def test_persistence_rmse_pins_the_tutorial_split_and_protocol(shampoo):
    # Last 12 months held out, one-step walk-forward: persistence scores 136.761.
    y_train, y_test = shampoo.iloc[:-12], shampoo.iloc[-12:]
    naive = NaiveForecaster(strategy="last").set_config(remember_data=False)
    y_pred = walk_forward_forecast(naive, y_train, y_test)
    assert y_pred.index.equals(y_test.index)
    np.testing.assert_array_equal(y_pred.to_numpy(), shampoo.iloc[-13:-1].to_numpy())
    assert round(_rmse(y_test, y_pred), 3) == 136.761


def test_walk_forward_equals_a_hand_written_loop(shampoo):
    forecaster = LSTMForecaster(Ridge(), lags=2, sp=None, transform=None, difference_lag=1)
    y_train, y_test = shampoo.iloc[:-6], shampoo.iloc[-6:]
    y_pred = walk_forward_forecast(forecaster, y_train, y_test)
    expected = []
    for n in range(len(y_train), len(shampoo)):
        # update(update_params=False) must equal fit-on-train then true-lag windows; a
        # Ridge refit would differ, so compare with a forecaster walked by hand.
        walked = LSTMForecaster(Ridge(), lags=2, sp=None, transform=None, difference_lag=1).fit(
            y_train
        )
        if n > len(y_train):
            walked.update(shampoo.iloc[len(y_train) : n], update_params=False)
        expected.append(walked.predict(fh=1).iloc[0])
    np.testing.assert_allclose(y_pred.to_numpy(), expected)
    assert y_pred.name == shampoo.name
    assert not hasattr(forecaster, "regressor_"), "the given forecaster must stay unfitted"


def test_walk_forward_with_update_params_trains(shampoo):
    y_train, y_test = shampoo.iloc[:-6], shampoo.iloc[-6:]
    fixed = walk_forward_forecast(
        LSTMForecaster(Ridge(), scaler=None, sp=None, transform=None, difference_lag=1, lags=1),
        y_train,
        y_test,
    )
    trained = walk_forward_forecast(
        LSTMForecaster(Ridge(), scaler=None, sp=None, transform=None, difference_lag=1, lags=1),
        y_train,
        y_test,
        update_params=True,
    )
    assert fixed.iloc[0] == trained.iloc[0]
    assert not np.allclose(fixed.iloc[1:], trained.iloc[1:])


def test_walk_forward_with_exogenous_x():
    index = pd.period_range("2000-01", periods=30, freq="M")
    x = np.sin(np.arange(30.0))
    X = pd.DataFrame({"x": x}, index=index)
    y = pd.Series(3.0 * x + 10.0, index=index)
    forecaster = LSTMForecaster(
        Ridge(alpha=1e-8),
        difference_order=0,
        scaler=None,
        sp=None,
        transform=None,
        difference_lag=1,
        lags=1,
    )
    y_pred = walk_forward_forecast(forecaster, y.iloc[:24], y.iloc[24:], X=X)
    np.testing.assert_allclose(y_pred.to_numpy(), y.iloc[24:].to_numpy(), atol=1e-4)


def test_walk_forward_rejects_an_empty_test_series(shampoo):
    with pytest.raises(ValueError, match="y_test is empty"):
        walk_forward_forecast(
            LSTMForecaster(Ridge(), sp=None, transform=None, difference_lag=1, lags=1),
            shampoo,
            shampoo.iloc[:0],
        )


def _panel(n_series=3, n=30, start=0):
    index = pd.MultiIndex.from_product(
        [[f"s{i}" for i in range(n_series)], pd.period_range("2000-01", periods=n, freq="M")],
        names=["series", "month"],
    )
    values = [10.0 * (i + 1) + np.arange(n) for i in range(n_series)]
    return pd.DataFrame({"y": np.concatenate(values)}, index=index)


def test_walk_forward_over_a_panel_reveals_one_step_of_every_series_at_a_time():
    y = _panel()
    last = y.groupby(level=0).cumcount(ascending=False).to_numpy()
    y_train, y_test = y[last >= 4], y[last < 4]
    naive = NaiveForecaster(strategy="last")
    y_pred = walk_forward_forecast(naive, y_train, y_test)
    assert y_pred.index.equals(y_test.index)
    # persistence with true lags: each forecast is the series' previous true value
    expected = y["y"].groupby(level=0).shift(1)[last < 4]
    np.testing.assert_array_equal(y_pred["y"].to_numpy(), expected.to_numpy())


def test_walk_forward_over_a_panel_refuses_unequal_test_lengths():
    y = _panel()
    y_test = y.groupby(level=0).tail(3).iloc[:-1]
    with pytest.raises(ValueError, match="the same number of steps; got 2 to 3"):
        walk_forward_forecast(NaiveForecaster(), y.drop(y.groupby(level=0).tail(3).index), y_test)
