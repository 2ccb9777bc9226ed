"""Prediction intervals of LSTMForecaster: the calibration functions and the sktime API."""

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import Ridge

from skltsm.forecasting import LSTMForecaster
from skltsm.forecasting import _calibration as cal
from skltsm.forecasting import _intervals as iv


def _series(n=96, seed=0, log=False):
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    values = 10 + 2 * np.sin(2 * np.pi * t / 12) + np.cumsum(rng.normal(0, 0.3, n))
    values = np.exp(values / 10) if log else values
    return pd.Series(values, index=pd.period_range("2000-01", periods=n, freq="M"), name="y")


def _fitted(y=None, **kwargs):
    y = _series() if y is None else y
    return LSTMForecaster(Ridge(), random_state=0, **kwargs).fit(y)


def test_conformal_quantile_uses_the_n_plus_one_rank():
    scores = np.arange(1.0, 10.0)  # n = 9: rank ceil(10 * 0.8) = 8
    assert cal.conformal_quantile(scores, 0.8) == 8.0
    # rank 10 > n: past the largest by a fitted |t| tail (or the largest, beyond=False)
    assert cal.conformal_quantile(scores, 0.95, beyond=False) == 9.0
    past = cal.conformal_quantile(scores, 0.95)
    assert 9.0 < past < cal.conformal_quantile(scores, 0.99)
    assert cal.beyond_largest(scores, 0.9) == 9.0  # the largest of 9 stands for 0.9
    with pytest.raises(ValueError, match="no finite scores"):
        cal.conformal_quantile([np.nan], 0.8)


def test_scores_pool_steps_through_the_growth_model():
    errors = np.array([[1.0, 2.0, np.nan], [-1.0, -4.0, 3.0]])
    pooled = cal.scores(errors, scale=2.0, beta=1.0)
    np.testing.assert_allclose(np.sort(pooled), np.sort([0.5, 0.5, 0.5, 1.0, 0.5]))


def test_widths_grow_like_sqrt_h_and_log_bounds_are_relative():
    w = cal.widths(np.ones(30), 4, [0.8], method="conformal")[0.8]
    np.testing.assert_allclose(w, np.sqrt([1, 2, 3, 4]))
    lower, upper = cal.bounds(np.array([10.0]), np.array([np.log(2.0)]), "log")
    np.testing.assert_allclose([lower[0], upper[0]], [5.0, 20.0])


def test_the_growth_is_fitted_to_the_errors_and_kept_in_its_range():
    h = np.arange(1.0, 19.0)
    rng = np.random.default_rng(0)
    signs = rng.choice([-1.0, 1.0], size=(5, 18))
    assert cal.fitted_growth(signs * h**0.5) == pytest.approx(0.5)
    assert cal.fitted_growth(signs * h**0.3) == pytest.approx(0.3)
    assert cal.fitted_growth(signs / h) == cal.GROWTH_RANGE[0]  # shrinking: the floor
    assert cal.fitted_growth(signs * h**2) == cal.GROWTH_RANGE[1]
    late = np.where(h > 2, np.nan, 1.0) * signs  # two steps with errors: no slope
    assert cal.fitted_growth(late) == cal.GROWTH
    assert cal.fitted_growth(np.zeros((5, 18))) == cal.GROWTH


def test_the_widths_grow_with_the_calibrations_own_exponent():
    forecaster = _fitted()
    frame = forecaster.predict_interval(fh=np.arange(1, 13), coverage=[0.8])
    calibration = forecaster.calibration_
    beta = calibration["growth"]
    assert beta == cal.fitted_growth(calibration["errors"])
    np.testing.assert_allclose(calibration["scores"], cal.scores(calibration["errors"], beta=beta))
    half = (frame.iloc[:, 1] - frame.iloc[:, 0]).to_numpy() / 2  # raw scale: symmetric
    np.testing.assert_allclose(half / half[0], np.arange(1, 13) ** beta)


def test_origins_are_spaced_back_from_the_end_and_long_enough():
    assert iv.origins(100, 18, 3, 10, spacing=1 / 3) == [94, 88, 82]
    assert iv.origins(25, 18, 3, 14, spacing=1 / 3) == [19]
    assert iv.origins(100, 18, 3, 10, spacing=1.0) == [82, 64, 46]
    assert iv.origins(10, 18, 3, 14) == []


def test_predict_interval_columns_nesting_and_growth():
    forecaster = _fitted()
    assert forecaster.get_tag("capability:pred_int") is True
    fh = np.arange(1, 13)
    frame = forecaster.predict_interval(fh=fh, coverage=[0.8, 0.95])
    assert list(frame.columns) == [
        ("y", 0.8, "lower"),
        ("y", 0.8, "upper"),
        ("y", 0.95, "lower"),
        ("y", 0.95, "upper"),
    ]
    point = forecaster.predict(fh=fh)
    assert frame.index.equals(point.index)
    lo80, up80, lo95, up95 = (frame.iloc[:, i].to_numpy() for i in range(4))
    assert np.all(lo95 <= lo80) and np.all(lo80 <= point) and np.all(point <= up80)
    assert np.all(up80 <= up95) and np.all(lo95 < up95)
    assert np.all(np.diff(up95 - lo95) > 0)  # wider with each step (raw scale)
    assert forecaster.calibration_["method"] == "rolling origins"
    assert forecaster.calibration_["errors"].shape == (iv.N_ORIGINS, 12)


def test_quantiles_are_monotone_and_match_the_intervals():
    forecaster = _fitted(_series(log=True))
    assert forecaster.transform_ == "log" or forecaster.transform_ is None
    q = forecaster.predict_quantiles(fh=[1, 6], alpha=[0.025, 0.1, 0.5, 0.9, 0.975])
    assert np.all(np.diff(q.to_numpy(), axis=1) >= 0)
    frame = forecaster.predict_interval(fh=[1, 6], coverage=0.8)
    np.testing.assert_allclose(q.iloc[:, 1], frame.iloc[:, 0])
    np.testing.assert_allclose(q.iloc[:, 3], frame.iloc[:, 1])
    np.testing.assert_allclose(q.iloc[:, 2], forecaster.predict(fh=[1, 6]))


def test_predict_var_is_positive_and_grows():
    var = _fitted().predict_var(fh=[1, 2, 3])
    assert var.shape == (3, 1) and np.all(np.diff(var.to_numpy()[:, 0]) > 0)


def test_intervals_after_update_are_centred_on_the_new_forecast():
    y = _series()
    forecaster = _fitted(y.iloc[:-6])
    before = forecaster.predict_interval(fh=[1], coverage=0.9)
    forecaster.update(y.iloc[-6:-3], update_params=False)
    after = forecaster.predict_interval(fh=[1], coverage=0.9)
    assert after.index[0] == y.index[-3] and before.index[0] == y.index[-6]
    point = forecaster.predict(fh=[1]).iloc[0]
    assert after.iloc[0, 0] < point < after.iloc[0, 1]
    width = lambda f: f.iloc[0, 1] - f.iloc[0, 0]  # noqa: E731
    assert width(after) == pytest.approx(width(before))  # calibration kept


def test_short_series_falls_back_to_naive_errors():
    y = _series(9)  # shorter than a refit needs (min length + 3 lags = 10)
    forecaster = LSTMForecaster(Ridge(), lags=2, sp=None, transform=None).fit(y)
    frame = forecaster.predict_interval(fh=[1, 2], coverage=0.8)
    assert forecaster.calibration_["method"] == "naive in-sample errors"
    assert np.all(frame.iloc[:, 0] < frame.iloc[:, 1])


def test_coverage_on_random_walks_is_near_nominal():
    # Random walks with Ridge on the differences: the 80 % one-step intervals of 40
    # series must cover between 60 % and 97 % of the next 6 values (binomial room).
    hits = []
    for seed in range(40):
        y = _series(66, seed=seed)
        forecaster = LSTMForecaster(Ridge(), sp=None, lags=2, transform=None, random_state=0)
        frame = forecaster.fit(y.iloc[:-6]).predict_interval(fh=np.arange(1, 7), coverage=0.8)
        truth = y.iloc[-6:].to_numpy()
        hits.append((frame.iloc[:, 0] <= truth) & (truth <= frame.iloc[:, 1]))
    assert 0.6 <= np.mean(hits) <= 0.97


def test_plot_forecast_draws_the_80_and_95_bands():
    pytest.importorskip("matplotlib")
    from skltsm.plotting import plot_forecast

    y = _series()
    forecaster = _fitted(y.iloc[:-12])
    fh = np.arange(1, 13)
    frame = forecaster.predict_interval(fh=fh, coverage=[0.8, 0.95])
    ax = plot_forecast(y.iloc[:-12], y.iloc[-12:], forecaster.predict(fh=fh), intervals=frame)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "prediction interval 80%" in labels and "prediction interval 95%" in labels
    assert len(ax.collections) == 2
    alphas = {t.get_label(): t.get_alpha() for t in ax.collections}
    assert alphas["prediction interval 80%"] > alphas["prediction interval 95%"]


def test_walk_forward_intervals_give_one_step_bands_over_the_test():
    y = _series(60)
    frame = iv.walk_forward_intervals(LSTMForecaster(Ridge(), random_state=0), y[:-4], y[-4:])
    assert frame.index.equals(y.index[-4:]) and frame.shape == (4, 4)
    assert np.all(frame.iloc[:, 0] < frame.iloc[:, 1])


def test_calibration_leaves_the_forecaster_dict_alone_and_refit_renews_it():
    y = _series()
    forecaster = _fitted(y.iloc[:-12])
    assert forecaster.calibration_ is None
    keys = set(vars(forecaster))
    forecaster.predict_interval(fh=[1, 2])
    assert set(vars(forecaster)) == keys  # sktime: predict-like methods keep __dict__
    first = forecaster.calibration_
    assert first is not None and forecaster.calibration_ is first
    forecaster.fit(y)
    assert forecaster.calibration_ is None
    forecaster.predict_interval(fh=[1, 2])
    assert forecaster.calibration_ is not first


def test_rolling_origins_never_refit_seasonal_indices_on_less_than_two_seasons():
    """A short seasonal series: origins that would leave a phase without data are skipped."""
    from sklearn.linear_model import Ridge

    from skltsm.forecasting import LSTMForecaster

    rng = np.random.default_rng(3)
    index = pd.period_range("2000-01", periods=30, freq="M")
    y = pd.Series(10 + np.tile(np.arange(12.0), 3)[:30] + rng.normal(0, 0.1, 30), index=index)
    f = LSTMForecaster(Ridge(), deseasonalize=True, lags=2, difference_order=0).fit(y)
    bands = f.predict_interval(fh=[1, 2, 3], coverage=[0.9])
    assert np.isfinite(bands.to_numpy()).all()


def test_sktime_evaluate_with_probabilistic_scorers_on_one_series():
    from sktime.forecasting.model_evaluation import evaluate
    from sktime.performance_metrics.forecasting.probabilistic import (
        EmpiricalCoverage,
        PinballLoss,
    )
    from sktime.split import ExpandingWindowSplitter

    y = _series(72)
    cv = ExpandingWindowSplitter(fh=[1, 2, 3], initial_window=60, step_length=3)
    scoring = [PinballLoss(alpha=[0.1, 0.9]), EmpiricalCoverage(coverage=0.9)]
    forecaster = LSTMForecaster(Ridge(), random_state=0)
    results = evaluate(forecaster, cv, y, strategy="update", scoring=scoring)
    assert len(results) == 4 and np.isfinite(results["test_PinballLoss"]).all()
    assert results["test_EmpiricalCoverage"].between(0, 1).all()
