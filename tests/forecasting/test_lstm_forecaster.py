"""LSTMForecaster's pipeline against hand-written references, with fast sklearn regressors."""

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.preprocessing import MinMaxScaler

from skltsm.forecasting import LSTMForecaster


def _tutorial_reference(y_train, lags, n_steps):
    """The tutorial's pipeline by hand: diff, MinMax(-1, 1), lag windows, Ridge, recursion."""
    diffs = np.diff(y_train).reshape(-1, 1)
    scaler = MinMaxScaler(feature_range=(-1, 1)).fit(diffs)
    z = scaler.transform(diffs).ravel()
    windows = np.column_stack([z[k : len(z) - lags + k] for k in range(lags)])
    reg = Ridge().fit(windows, z[lags:])
    window, level, out = list(z[-lags:]), y_train[-1], []
    for _ in range(n_steps):
        z_hat = reg.predict(np.array([window]))[0]
        window = window[1:] + [z_hat]
        level = level + scaler.inverse_transform([[z_hat]])[0, 0]
        out.append(level)
    return np.array(out), scaler, reg


@pytest.mark.parametrize("lags", [1, 3])
def test_recursive_forecast_matches_hand_written_tutorial_pipeline(shampoo, lags):
    y_train = shampoo.iloc[:24]
    expected, _, _ = _tutorial_reference(y_train.to_numpy(), lags, 5)
    y_pred = (
        LSTMForecaster(Ridge(), lags=lags, sp=None, transform=None, difference_lag=1)
        .fit(y_train)
        .predict(fh=range(1, 6))
    )
    np.testing.assert_allclose(y_pred.to_numpy(), expected, rtol=1e-10)


def test_update_without_params_uses_true_lags_and_training_transforms(shampoo):
    y = shampoo.to_numpy()
    _, scaler, reg = _tutorial_reference(y[:24], 2, 1)
    forecaster = LSTMForecaster(Ridge(), lags=2, sp=None, transform=None, difference_lag=1).fit(
        shampoo.iloc[:24]
    )
    for n in range(24, 30):
        z = scaler.transform(np.diff(y[:n]).reshape(-1, 1)).ravel()
        expected = y[n - 1] + scaler.inverse_transform([[reg.predict([z[-2:]])[0]]])[0, 0]
        assert forecaster.predict(fh=1).iloc[0] == pytest.approx(expected, rel=1e-10)
        forecaster.update(shampoo.iloc[n : n + 1], update_params=False)


def test_transforms_stay_fitted_on_training_data(shampoo):
    forecaster = LSTMForecaster(Ridge(), lags=2, sp=None, transform=None, difference_lag=1).fit(
        shampoo.iloc[:24]
    )
    (differencer,) = forecaster.differencers_
    data_min, head = forecaster.scaler_.data_min_.copy(), differencer.head_.copy()
    forecaster.update(shampoo.iloc[24:], update_params=True)
    np.testing.assert_array_equal(forecaster.scaler_.data_min_, data_min)
    np.testing.assert_array_equal(differencer.head_, head)
    np.testing.assert_array_equal(differencer.tail_, shampoo.iloc[-1:].to_frame())


def test_update_params_refits_a_regressor_without_partial_fit(shampoo):
    # Without scaling, refitting on train + new rows equals a fresh fit on both.
    updated = LSTMForecaster(
        Ridge(), lags=2, scaler=None, sp=None, transform=None, difference_lag=1
    ).fit(shampoo.iloc[:24])
    updated.update(shampoo.iloc[24:30], update_params=True)
    fresh = LSTMForecaster(
        Ridge(), lags=2, scaler=None, sp=None, transform=None, difference_lag=1
    ).fit(shampoo.iloc[:30])
    pd.testing.assert_series_equal(updated.predict(fh=[1, 2]), fresh.predict(fh=[1, 2]))
    stale = LSTMForecaster(
        Ridge(), lags=2, scaler=None, sp=None, transform=None, difference_lag=1
    ).fit(shampoo.iloc[:24])
    stale.update(shampoo.iloc[24:30], update_params=False)
    assert not np.allclose(stale.predict(fh=[1, 2]), fresh.predict(fh=[1, 2]))


def test_update_with_the_whole_window_equals_update_with_new_rows(shampoo):
    # sktime's evaluate(strategy="update") passes the whole expanding window.
    a = LSTMForecaster(Ridge(), lags=2, sp=None, transform=None, difference_lag=1).fit(
        shampoo.iloc[:24]
    )
    b = LSTMForecaster(Ridge(), lags=2, sp=None, transform=None, difference_lag=1).fit(
        shampoo.iloc[:24]
    )
    a.update(shampoo.iloc[24:27], update_params=False)
    b.update(shampoo.iloc[:27], update_params=False)
    pd.testing.assert_series_equal(a.predict(fh=[1, 2, 3]), b.predict(fh=[1, 2, 3]))


@pytest.mark.parametrize("order", [1, 2])
@pytest.mark.parametrize("scaler", ["minmax", None])
def test_linear_regressor_is_exact_on_a_quadratic_trend(quadratic, order, scaler):
    forecaster = LSTMForecaster(
        LinearRegression(),
        difference_order=order,
        scaler=scaler,
        sp=None,
        transform=None,
        difference_lag=1,
        lags=1,
    )
    y_pred = forecaster.fit(quadratic.iloc[:30]).predict(fh=range(1, 11))
    np.testing.assert_allclose(y_pred.to_numpy(), quadratic.iloc[30:].to_numpy(), rtol=1e-8)


def test_seasonal_difference_is_exact_on_a_season_plus_trend():
    t = np.arange(60.0)
    y = pd.Series(5 * t + 20 * np.sin(2 * np.pi * t / 12) + 100)
    forecaster = LSTMForecaster(
        LinearRegression(), difference_lag=12, lags=2, sp=None, transform=None
    )
    y_pred = forecaster.fit(y.iloc[:40]).predict(fh=range(1, 21))
    np.testing.assert_allclose(y_pred.to_numpy(), y.iloc[40:].to_numpy(), rtol=1e-8)


@pytest.mark.parametrize(
    "index",
    [
        pd.period_range("2001-01", periods=30, freq="M"),
        pd.date_range("2001-01-01", periods=30, freq="D"),
        pd.RangeIndex(30),
        pd.Index(np.arange(100, 130)),
    ],
    ids=["period", "datetime", "range", "integer"],
)
def test_forecasts_keep_the_index_type(index):
    y = pd.Series(np.cumsum(np.sin(np.arange(30.0))) + 50, index=index, name="y")
    y_pred = (
        LSTMForecaster(Ridge(), lags=2, sp=None, transform=None, difference_lag=1)
        .fit(y.iloc[:25])
        .predict(fh=[1, 2, 5])
    )
    expected = index[[25, 26, 29]]
    assert type(y_pred.index) is type(expected) or isinstance(y_pred.index, type(expected))
    assert list(y_pred.index) == list(expected)
    assert y_pred.name == "y"


def test_direct_strategy_is_exact_and_rejects_steps_beyond_horizon(quadratic):
    forecaster = LSTMForecaster(
        LinearRegression(),
        strategy="direct",
        horizon=4,
        lags=2,
        sp=None,
        transform=None,
        difference_lag=1,
    )
    y_pred = forecaster.fit(quadratic.iloc[:30]).predict(fh=[1, 2, 3, 4])
    np.testing.assert_allclose(y_pred.to_numpy(), quadratic.iloc[30:34].to_numpy(), rtol=1e-8)
    with pytest.raises(ValueError, match="horizon=4"):
        forecaster.predict(fh=[5])


def test_direct_horizon_from_fh_in_fit(quadratic):
    forecaster = LSTMForecaster(
        LinearRegression(), strategy="direct", sp=None, transform=None, difference_lag=1, lags=1
    )
    assert forecaster.fit(quadratic.iloc[:30], fh=[1, 3]).horizon_ == 3
    with pytest.raises(ValueError, match="strategy='direct' needs"):
        LSTMForecaster(
            LinearRegression(), strategy="direct", sp=None, transform=None, difference_lag=1, lags=1
        ).fit(quadratic)


def test_exogenous_x_at_the_target_time_is_used_exactly():
    # y_t = 2 x_t: its difference needs x_t and x_{t-1}, both in a lags=2 window.
    rng = np.random.default_rng(0)
    index = pd.RangeIndex(40)
    X = pd.DataFrame({"x": rng.normal(size=40), "noise": rng.normal(size=40)}, index=index)
    y = pd.Series(2 * X["x"].to_numpy(), index=index)
    forecaster = LSTMForecaster(
        LinearRegression(), lags=2, sp=None, transform=None, difference_lag=1
    ).fit(y.iloc[:30], X=X.iloc[:30])
    y_pred = forecaster.predict(fh=[1, 2, 3], X=X.iloc[30:33])
    np.testing.assert_allclose(y_pred.to_numpy(), y.iloc[30:33].to_numpy(), atol=1e-8)
    forecaster.update(y.iloc[30:35], X=X.iloc[30:35], update_params=False)
    y_pred = forecaster.predict(fh=[1, 2], X=X.iloc[35:37])
    np.testing.assert_allclose(y_pred.to_numpy(), y.iloc[35:37].to_numpy(), atol=1e-8)
    with pytest.raises(ValueError, match="predict needs X for the 3 step"):
        forecaster.predict(fh=[1, 3], X=X.iloc[35:36])


def test_too_short_and_invalid_parameters(shampoo):
    with pytest.raises(ValueError, match="length 5 is too short for lags=5"):
        LSTMForecaster(Ridge(), lags=5, sp=None, transform=None, difference_lag=1).fit(
            shampoo.iloc[:5]
        )
    with pytest.raises(ValueError, match="lags"):
        LSTMForecaster(Ridge(), lags=0, sp=None, transform=None, difference_lag=1).fit(shampoo)
    with pytest.raises(ValueError, match="strategy"):
        LSTMForecaster(
            Ridge(), strategy="multi", sp=None, transform=None, difference_lag=1, lags=1
        ).fit(shampoo)
    with pytest.raises(ValueError, match="scaler"):
        LSTMForecaster(
            Ridge(), scaler="robust", sp=None, transform=None, difference_lag=1, lags=1
        ).fit(shampoo)


def test_in_sample_fh_is_rejected(shampoo):
    forecaster = LSTMForecaster(Ridge(), sp=None, transform=None, difference_lag=1, lags=1).fit(
        shampoo
    )
    with pytest.raises((ValueError, NotImplementedError)):
        forecaster.predict(fh=[-1, 0, 1])


def test_direct_wraps_a_single_output_regressor(quadratic):
    from sklearn.multioutput import MultiOutputRegressor
    from sklearn.svm import SVR

    forecaster = LSTMForecaster(
        SVR(), strategy="direct", horizon=3, sp=None, transform=None, difference_lag=1, lags=1
    ).fit(quadratic)
    assert isinstance(forecaster.regressor_, MultiOutputRegressor)
    assert forecaster.predict(fh=[1, 2, 3]).notna().all()


def test_first_and_seasonal_differences_in_turn_are_exact_and_walk_forward():
    # A linear trend times a season: after a lag-1 then a lag-12 difference the series is
    # a pure 12-month sinusoid, which a linear lags=2 recurrence reproduces exactly (also
    # after update()); it would not be exact without both differences undone in order.
    t = np.arange(72.0)
    y = pd.Series((10 + 0.5 * t) * (3 + np.sin(2 * np.pi * t / 12)), index=pd.RangeIndex(72))
    forecaster = LSTMForecaster(
        LinearRegression(), difference_lag=(1, 12), lags=2, sp=None, transform=None
    )
    forecaster.fit(y.iloc[:40])
    assert [d.lag for d in forecaster.differencers_] == [1, 12]
    np.testing.assert_allclose(forecaster.predict(fh=range(1, 25)), y.iloc[40:64], rtol=1e-8)
    forecaster.update(y.iloc[40:50], update_params=False)
    np.testing.assert_allclose(forecaster.predict(fh=range(1, 13)), y.iloc[50:62], rtol=1e-8)
    with pytest.raises(ValueError, match="difference_lag must be"):
        LSTMForecaster(LinearRegression(), difference_lag=(1, 0)).fit(y)
