"""Settings from the data: the pure choosing functions and how the forecaster uses them."""

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LinearRegression, Ridge

from skltsm.forecasting import LSTMForecaster
from skltsm.forecasting import _auto as auto


@pytest.mark.parametrize(
    ("index", "sp"),
    [
        (pd.period_range("2000-01", periods=5, freq="M"), 12),
        (pd.period_range("2000Q1", periods=5, freq="Q"), 4),
        (pd.date_range("2000-01-31", periods=5, freq="ME"), 12),
        (pd.date_range("2000-01-03", periods=5, freq="W-MON"), 52),
        (pd.date_range("2000-01-01", periods=5, freq="D"), 7),
        (pd.date_range("2000-01-01", periods=5, freq="h"), 24),
        (pd.date_range("2000-01-03", periods=5, freq="B"), 5),
        (pd.period_range("2000", periods=5, freq="Y"), None),
        (pd.RangeIndex(5), None),
    ],
)
def test_seasonal_period_from_the_index(index, sp):
    assert auto.infer_sp(index) == sp


def test_seasonality_test_finds_a_season_and_not_noise():
    t = np.arange(60)
    rng = np.random.default_rng(3)
    assert auto.is_seasonal(5 + np.sin(2 * np.pi * t / 12) + 0.1 * rng.normal(size=60), 12)
    assert not auto.is_seasonal(rng.normal(size=60), 12)
    assert not auto.is_seasonal(np.sin(2 * np.pi * t[:30] / 12), 12)  # under three seasons
    assert not auto.is_seasonal(rng.normal(size=60), None)


def test_seasonal_indices_recover_an_additive_pattern():
    pattern = np.array([3.0, -1.0, 0.0, -2.0])
    y = np.tile(pattern, 10) + 0.5 * np.arange(40)
    np.testing.assert_allclose(auto.seasonal_indices(y, 4), pattern - pattern.mean(), atol=1e-9)


def test_log_chosen_when_spread_grows_with_level():
    t = np.arange(120)
    multiplicative = np.exp(0.02 * t) * (1 + 0.3 * np.sin(2 * np.pi * t / 12))
    additive = 50 + 0.2 * t + 3 * np.sin(2 * np.pi * t / 12)
    assert auto.choose_transform(multiplicative, 12) == "log"
    assert auto.choose_transform(additive, 12) is None
    assert auto.choose_transform(multiplicative - 2, 12) is None  # not positive


def test_kpss_differences_a_random_walk_not_white_noise():
    rng = np.random.default_rng(0)
    assert auto.choose_differences(rng.normal(size=150)) == 0
    assert auto.choose_differences(np.cumsum(rng.normal(size=150))) == 1
    assert auto.choose_differences(np.ones(30)) == 0


def test_window_is_a_season_plus_a_step_unless_the_series_is_short():
    assert auto.choose_lags(200, 12) == 13
    assert auto.choose_lags(40, 12) == 10
    assert auto.choose_lags(200, None) == 4
    assert auto.choose_lags(2, None) == 1


def _seasonal_monthly(n=96):
    t = np.arange(n)
    values = np.exp(0.01 * t) * 100 * (1 + 0.2 * np.sin(2 * np.pi * t / 12))
    return pd.Series(values, index=pd.period_range("2000-01", periods=n, freq="M"))


def test_auto_settings_are_visible_after_fit():
    forecaster = LSTMForecaster(Ridge()).fit(_seasonal_monthly())
    summary = forecaster.summary()
    assert (forecaster.sp_, forecaster.transform_, forecaster.deseasonalize_) == (12, "log", True)
    assert forecaster.lags_ == 13 and forecaster.seasonal_.shape == (12,)
    assert summary["regressor"] == "Ridge" and summary["ensemble_size"] == 1
    assert summary["epochs"] is None and summary["validation_scores"] == {}
    assert set(summary) >= {"sp", "transform", "difference_lag", "difference_order", "lags"}


def test_explicit_values_are_honoured_exactly():
    forecaster = LSTMForecaster(
        Ridge(), sp=None, transform=None, difference_lag=(1, 12), lags=2, deseasonalize=False
    ).fit(_seasonal_monthly())
    assert forecaster.sp_ is None and forecaster.transform_ is None
    assert forecaster.difference_lag_ == (1, 12) and forecaster.difference_order_ == 1
    assert forecaster.lags_ == 2 and forecaster.seasonal_ is None
    integer = _seasonal_monthly().reset_index(drop=True)
    assert LSTMForecaster(Ridge(), sp=12).fit(integer).deseasonalize_
    assert LSTMForecaster(Ridge()).fit(integer).sp_ is None


def test_an_explicit_seasonal_difference_turns_auto_deseasonalising_off():
    forecaster = LSTMForecaster(Ridge(), difference_lag=(1, 12)).fit(_seasonal_monthly())
    assert not forecaster.deseasonalize_ and forecaster.sp_ == 12


def test_log_and_deseasonalising_invert_exactly():
    y = _seasonal_monthly(120)
    season = np.log(y.iloc[:12].to_numpy()) - 0.01 * np.arange(12)
    y = pd.Series(np.exp(np.resize(season, 120) + 0.01 * np.arange(120)), index=y.index)
    forecaster = LSTMForecaster(LinearRegression(), lags=2, scaler=None).fit(y.iloc[:96])
    assert forecaster.transform_ == "log" and forecaster.deseasonalize_
    np.testing.assert_allclose(forecaster.predict(fh=range(1, 25)), y.iloc[96:], rtol=1e-6)


def test_the_seasonal_difference_adjustment_differences_the_season(monkeypatch):
    # SEASONAL_ADJUSTMENT="difference" (measured on training tails, not the default:
    # benchmarks/dev_seasonal.py): a seasonal difference, then KPSS on its output
    from skltsm.forecasting import _settings

    monkeypatch.setattr(_settings, "SEASONAL_ADJUSTMENT", "difference")
    y = _seasonal_monthly(120)
    season = np.log(y.iloc[:12].to_numpy()) - 0.01 * np.arange(12)
    y = pd.Series(np.exp(np.resize(season, 120) + 0.01 * np.arange(120)), index=y.index)
    forecaster = LSTMForecaster(LinearRegression(), lags=2, scaler=None).fit(y.iloc[:96])
    assert forecaster.difference_lag_ == (12,) and forecaster.difference_order_ == 1
    assert not forecaster.deseasonalize_ and forecaster.transform_ == "log"
    np.testing.assert_allclose(forecaster.predict(fh=range(1, 25)), y.iloc[96:], rtol=1e-6)
    explicit = LSTMForecaster(LinearRegression(), lags=2, deseasonalize=True).fit(y.iloc[:96])
    assert explicit.deseasonalize_ and explicit.difference_lag_ == (1,)


def test_log_of_a_non_positive_series_is_refused():
    y = _seasonal_monthly() - 200
    with pytest.raises(ValueError, match="transform='log' needs a positive series"):
        LSTMForecaster(Ridge(), transform="log").fit(y)
    assert LSTMForecaster(Ridge()).fit(y).transform_ is None


def test_deseasonalize_true_without_a_season_is_refused():
    y = _seasonal_monthly().reset_index(drop=True)
    with pytest.raises(ValueError, match="deseasonalize=True needs a seasonal period"):
        LSTMForecaster(Ridge(), deseasonalize=True).fit(y)
