"""Intervals of one global network over a panel (skltsm/forecasting/_global_intervals.py)."""

import copy

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import Ridge

from skltsm.forecasting import LSTMForecaster
from skltsm.forecasting import _calibration as cal
from skltsm.forecasting import _fitting as fitting
from skltsm.forecasting import _global_intervals as gi

H = 6


def _panel(n_series=60, n=60, seed=0, factor=1.0):
    """Log random walks with a season; each series has its own level and noise."""
    rng = np.random.default_rng(seed)
    frames = []
    t = np.arange(n)
    for i in range(n_series):
        sd = rng.uniform(0.02, 0.08)
        log = rng.uniform(1, 6) + 0.2 * np.sin(2 * np.pi * t / 12) + np.cumsum(rng.normal(0, sd, n))
        index = pd.MultiIndex.from_product(
            [[f"s{i}"], pd.period_range("2000-01", periods=n, freq="M")], names=["series", "time"]
        )
        frames.append(pd.DataFrame({"y": factor * np.exp(log)}, index=index))
    return pd.concat(frames)


def _split(y, h=H):
    t = y.index.get_level_values(-1)
    last = t.max()
    return y[t <= last - h], y[t > last - h]


@pytest.fixture(scope="module")
def fitted():
    """The default global network on 60 series (about 20 s on 2 shared cores)."""
    train, test = _split(_panel())
    f = LSTMForecaster(strategy="direct", random_state=0).fit(train, fh=np.arange(1, H + 1))
    return f, train, test


def test_conformal_ranks_are_the_split_conformal_ones():
    z = np.arange(1.0, 20.0)  # n = 19: upper rank ceil(20 * 0.9) = 18, lower floor(2) = 2
    assert gi._conformal(z, 0.9) == 18.0 and gi._conformal(z, 0.1) == 2.0
    assert gi._conformal(z, 0.99) > 19.0  # rank past n: past the largest score (a t tail)
    assert gi._offset(z, 0.5, signed=True) == 0.0


def test_a_level_beyond_a_few_scores_lies_past_the_extreme_by_a_t_tail():
    # 12 scores: 80 % bands reach the extremes (ranks 1 and 12); before, the 95 % ones
    # were clipped to them and the two bands coincided
    z = np.random.default_rng(0).standard_normal(12)
    levels = [0.9, 0.95, 0.975, 0.995]
    upper = [gi._conformal(z, a) for a in levels]
    lower = [gi._conformal(z, 1 - a) for a in levels]
    assert upper[0] == z.max() and lower[0] == z.min()
    assert np.all(np.diff(upper) > 0) and np.all(np.diff(lower) < 0)
    # the gap is the fitted t's: the extreme stands for level n / (n + 1) = 12 / 13
    assert gi._conformal(z, 12 / 13 + 1e-6) == pytest.approx(z.max(), abs=1e-4)
    many = np.random.default_rng(1).standard_normal(200)  # enough scores: the rank itself
    assert gi._conformal(many, 0.975) == np.sort(many)[int(np.ceil(201 * 0.975)) - 1]


def test_table_per_step_monotone_and_pooled_for_a_small_panel():
    rng = np.random.default_rng(0)
    errors = rng.normal(size=(400, 3)) * [1.0, 3.0, 2.0]  # step 3 narrower than step 2
    c = {"errors": errors, "scales": {"none": np.ones(400)}}
    t = gi.table(c, [0.05, 0.95], 5, method="none")
    assert t[0.95][1] == pytest.approx(t[0.95][2])  # the monotone envelope
    assert np.all(np.diff(t[0.95]) >= 0) and np.all(np.diff(t[0.05]) <= 0)
    assert t[0.95][1] == pytest.approx(1.645 * 3, rel=0.15)
    np.testing.assert_allclose(t[0.95][3:], t[0.95][2] * np.sqrt([4 / 3, 5 / 3]))
    small = {"errors": errors[:20], "scales": {"none": np.ones(20)}}
    pooled = gi.table(small, [0.95], 3, method="none")[0.95]
    beta = cal.fitted_growth(errors[:20])  # the growth fitted to the small panel's errors
    assert 0 < beta < 1
    np.testing.assert_allclose(pooled / pooled[0], np.arange(1, 4) ** beta)
    fixed = gi.table(small, [0.95], 3, method="none", beta=0.5)[0.95]
    np.testing.assert_allclose(fixed / fixed[0], np.sqrt([1, 2, 3]))


def test_centring_removes_a_shared_bias_at_each_step():
    rng = np.random.default_rng(1)
    errors = rng.normal(size=(200, 2))
    c = {"errors": errors, "scales": {"none": np.ones(200)}}
    biased = {"errors": errors + [[-0.5, 0.3]], "scales": {"none": np.ones(200)}}
    plain = gi.table(c, [0.1, 0.9], 2, method="none", center=True)
    shifted = gi.table(biased, [0.1, 0.9], 2, method="none", center=True)
    for alpha in (0.1, 0.9):
        np.testing.assert_allclose(shifted[alpha], plain[alpha])
    assert gi.table(biased, [0.9], 2, method="none")[0.9][0] < plain[0.9][0]  # uncentred


def test_validation_errors_are_log_ratios_scaled_by_the_fit_part():
    t = {"transform": "log", "scale": 1.0, "seasonal": None}
    fit = [np.array([1.0, 2.0, 4.0, 8.0])]
    c = gi.validation_calibration([t], fit, np.array([[16.0, 32.0]]), np.array([[8.0, 64.0]]), 1)
    np.testing.assert_allclose(c["errors"], np.log([[2.0, 0.5]]))
    assert c["scales"]["naive"][0] == pytest.approx(np.log(2.0))


def test_earlier_origins_cut_each_series_n_val_steps_further_back():
    values = [np.arange(20.0), np.arange(9.0)]
    (second, third) = fitting.earlier_tails(values, [None, None], 3, 3, min_length=2)
    (y_fit, x_fit, y_val, x_val), (short_fit, _, short_val, _) = second
    np.testing.assert_array_equal(y_fit, np.arange(14.0))  # 20 - 2 * 3 kept
    np.testing.assert_array_equal(y_val, [14.0, 15.0, 16.0])  # then the next 3
    np.testing.assert_array_equal(short_val, [3.0, 4.0, 5.0])  # 9 - 6 = 3 > 2 kept
    assert x_fit is None and x_val is None and len(short_fit) == 3
    assert len(third) == 1 and third[0][2].tolist() == [11.0, 12.0, 13.0]  # 9 - 9: too short
    assert fitting.earlier_tails(values, [None, None], 3, 1, 2) == []


def test_the_calibration_pools_the_last_and_an_earlier_origin(fitted):
    f, train, _ = fitted
    c = f._calibration
    n_series = train.index.get_level_values(0).nunique()
    assert gi.ORIGINS == 2 and c["origins"].tolist() == [1] * n_series + [2] * n_series
    assert c["errors"].shape == (2 * n_series, H) and np.isfinite(c["errors"]).all()
    # the two origins forecast different periods: their errors differ
    assert not np.allclose(c["errors"][:n_series], c["errors"][n_series:])
    assert all(len(v) == 2 * n_series for v in c["scales"].values())


def test_intervals_frame_is_sktimes_nested_and_wider_with_the_horizon(fitted):
    f, train, _ = fitted
    assert f._calibration["method"] == f"validation tails, {gi.ORIGINS} origins"
    fh = np.arange(1, H + 1)
    frame = f.predict_interval(fh=fh, coverage=[0.8, 0.95])
    point = f.predict(fh=fh)
    assert frame.index.equals(point.index) and list(frame.index.names) == ["series", "time"]
    assert list(frame.columns) == [("y", c, b) for c in (0.8, 0.95) for b in ("lower", "upper")]
    lo80, up80, lo95, up95 = (frame.iloc[:, i].to_numpy() for i in range(4))
    p = point.iloc[:, 0].to_numpy()
    assert np.all(lo95 <= lo80) and np.all(lo80 <= p) and np.all(p <= up80) and np.all(up80 <= up95)
    width = (up95 - lo95).reshape(-1, H) / p.reshape(-1, H)  # relative: log scale
    assert np.all(np.diff(width, axis=1) >= -1e-12) and np.all(width[:, -1] > width[:, 0])
    q = f.predict_quantiles(fh=fh, alpha=[0.1, 0.5, 0.9])
    np.testing.assert_allclose(q.iloc[:, [0, 2]].to_numpy(), frame.iloc[:, :2].to_numpy())
    np.testing.assert_allclose(q.iloc[:, 1].to_numpy(), p)
    var = f.predict_var(fh=fh)
    assert var.index.equals(point.index) and (var.to_numpy() > 0).all()


def test_coverage_on_a_synthetic_panel_is_near_nominal(fitted):
    f, _, test = fitted
    frame = f.predict_interval(fh=np.arange(1, H + 1), coverage=[0.8, 0.95])
    y = test["y"].to_numpy()
    cover = [np.mean((frame.iloc[:, i] <= y) & (y <= frame.iloc[:, i + 1])) for i in (0, 2)]
    # 360 test points: binomial sd about 0.02 at 80 %; the network's own error adds some
    assert 0.65 <= cover[0] <= 0.93 and 0.85 <= cover[1] <= 0.995, cover


def test_reproducible_with_random_state(fitted):
    f, train, _ = fitted
    again = LSTMForecaster(strategy="direct", random_state=0).fit(train, fh=np.arange(1, H + 1))
    fh = [1, H]
    pd.testing.assert_frame_equal(again.predict_interval(fh=fh), f.predict_interval(fh=fh))


def test_after_update_the_bands_move_with_the_new_origin(fitted):
    f, train, test = fitted
    f = copy.deepcopy(f)
    t = test.index.get_level_values(-1)
    f.update(test[t <= t.min() + 1], update_params=False)
    frame = f.predict_interval(fh=[1, 2], coverage=[0.9])
    point = f.predict(fh=[1, 2]).iloc[:, 0].to_numpy()
    assert frame.index.get_level_values(-1)[0] == t.min() + 2
    assert np.all(frame.iloc[:, 0] < point) and np.all(point < frame.iloc[:, 1])


def test_pretrained_calibration_carries_over_and_is_scale_free():
    y = _panel(n_series=8, n=48, seed=1)
    f = LSTMForecaster(Ridge(), strategy="direct", horizon=3, sp=12, lags=12).pretrain(y)
    calibration = f.pretrained_model_["calibration"]
    assert calibration["method"] == "naive in-sample errors"  # a user's regressor: no tail
    small = f.fit(y.loc[["s0", "s1"]]).predict_interval(fh=[1, 3], coverage=[0.8])
    assert f._calibration is calibration
    big = f.fit(y.loc[["s0", "s1"]] * 10.0).predict_interval(fh=[1, 3], coverage=[0.8])
    np.testing.assert_allclose(big.to_numpy(), 10.0 * small.to_numpy(), rtol=1e-6)


def test_log_and_other_series_are_calibrated_apart_when_each_has_enough():
    rng = np.random.default_rng(1)
    errors = np.vstack([rng.normal(0, 1, (80, 2)), rng.normal(0, 3, (80, 2))])
    c = {"errors": errors, "scales": {"none": np.ones(160)}, "log": np.arange(160) < 80}
    log, other = (gi.table(c, [0.9], 2, method="none", log=g)[0.9] for g in (True, False))
    assert np.all(2 * log < other)
    pooled = gi.table(c, [0.9], 2, method="none", min_series=81, log=True)[0.9]
    np.testing.assert_allclose(pooled, gi.table(c, [0.9], 2, method="none", min_series=81)[0.9])


@pytest.mark.parametrize("strategy", ["refit", "update"])
def test_sktime_evaluate_with_probabilistic_scorers_on_a_global_panel(strategy):
    from sktime.forecasting.model_evaluation import evaluate
    from sktime.performance_metrics.forecasting.probabilistic import (
        EmpiricalCoverage,
        PinballLoss,
    )
    from sktime.split import ExpandingWindowSplitter

    y = _panel(n_series=6, n=48, seed=2)
    forecaster = LSTMForecaster(Ridge(), strategy="direct", horizon=3, sp=12, lags=12)
    cv = ExpandingWindowSplitter(fh=[1, 2, 3], initial_window=36, step_length=3)
    scoring = [PinballLoss(alpha=[0.1, 0.9]), EmpiricalCoverage(coverage=0.9)]
    results = evaluate(forecaster, cv, y, strategy=strategy, scoring=scoring)
    assert len(results) == 4
    pinball = results["test_PinballLoss"].to_numpy()
    cover = results["test_EmpiricalCoverage"].to_numpy()
    assert np.all(np.isfinite(pinball) & (pinball > 0)) and np.all((0 < cover) & (cover <= 1))
