"""One series: the series scheme, the global one, or both combined, by their validation tails."""

import numpy as np
import pandas as pd
import pytest
from sktime.forecasting.base import ForecastingHorizon

from skltsm.datasets import load_shampoo_sales
from skltsm.forecasting import LSTMForecaster
from skltsm.forecasting._schemes import (
    DEFAULT_ENSEMBLE_SIZE,
    ONE_SERIES_GLOBAL_ENSEMBLE_SIZE,
    choose_scheme,
)

SERIES_SETTINGS = ("transform_", "deseasonalize_", "difference_lag_", "difference_order_")


def _tail(y_val, preds):
    return {"y_val": np.array([y_val], dtype=float), "preds": np.array([preds], dtype=float)}


def test_choose_scheme_combines_two_validated_schemes():
    validated = (None, _tail([1.0], [1.0]))
    assert choose_scheme({"series": validated, "global": validated}) == "combined"
    assert choose_scheme({"series": (None, None), "global": validated}) == "global"
    assert choose_scheme({"series": validated, "global": (None, None)}) == "series"
    assert choose_scheme({"series": (None, None), "global": (None, None)}) == "series"


@pytest.fixture(scope="module")
def shampoo_fit():
    """Shampoo's 24 months: too short for the series scheme's validation tail."""
    y = load_shampoo_sales().iloc[:24]
    return y, LSTMForecaster(random_state=0).fit(y)


def test_a_short_series_takes_the_validated_global_scheme(shampoo_fit):
    y, f = shampoo_fit
    assert f.scheme_ == "global" and f.summary()["scheme"] == "global"
    # a panel of one series: a median of seeded networks (a panel's default is one)
    assert f.summary()["transform"] == "per series"
    assert f.ensemble_size_ == ONE_SERIES_GLOBAL_ENSEMBLE_SIZE == len(f.regressors_) > 1
    assert len({m.get_params()["random_state"] for m in f.regressors_}) == len(f.regressors_)
    assert f.validation_scores_  # its epochs were chosen on a tail
    for name in SERIES_SETTINGS:  # the series trial's settings are not left behind
        assert not hasattr(f, name), name
    pred = f.predict(fh=[1, 2, 3])
    assert pred.index.equals(pd.period_range("1993-01", periods=3, freq="M"))
    assert np.isfinite(pred.to_numpy()).all()
    bands = f.predict_interval(fh=[1, 3], coverage=[0.8])
    assert (bands.iloc[:, 0] < pred.iloc[[0, 2]].to_numpy()).all()
    assert (pred.iloc[[0, 2]].to_numpy() < bands.iloc[:, 1]).all()
    assert f._calibration["method"].startswith("validation tails")


def test_the_choice_is_reproducible(shampoo_fit):
    y, f = shampoo_fit
    again = LSTMForecaster(random_state=0).fit(y)
    pd.testing.assert_series_equal(again.predict(fh=[1, 2]), f.predict(fh=[1, 2]))


def test_explicit_settings_keep_the_series_scheme(shampoo_fit):
    y, _ = shampoo_fit
    f = LSTMForecaster(random_state=0, difference_order=1, validation_steps=0).fit(y)
    assert f.scheme_ == "series" and f.summary()["scheme"] == "series"
    assert f.difference_order_ == 1 and f.ensemble_size_ == DEFAULT_ENSEMBLE_SIZE


def test_the_series_scheme_trains_no_global_calibration():
    """Airline's first 108 months, 36 steps: the series scheme's earlier origins would
    cut its fit parts below two seasons (an error before); its intervals calibrate on
    rolling origins when first asked, so fit trains no calibration network."""
    from skltsm.datasets import load_airline

    y = load_airline().iloc[:108]
    f = LSTMForecaster(transform="log", ensemble_size=1, random_state=0).fit(y, fh=range(1, 37))
    assert f.scheme_ == "series" and f.calibration_ is None
    bands = f.predict_interval(fh=[1, 36], coverage=[0.8])
    assert np.isfinite(bands.to_numpy()).all() and f.calibration_["method"] == "rolling origins"


@pytest.fixture(scope="module")
def combined_fit():
    """Airline's first 96 months: long enough for both schemes' validation tails."""
    from skltsm.datasets import load_airline

    y = load_airline()
    return y, LSTMForecaster(ensemble_size=1, random_state=0).fit(y.iloc[:96])


def test_two_validated_schemes_forecast_their_mean(combined_fit):
    y, f = combined_fit
    assert f.scheme_ == "combined"
    summary = f.summary()
    assert summary["scheme"] == "combined" and summary["transform"] in ("log", None)
    part = summary["global_part"]
    assert part["lags"] == f.lags_ and part["validation_scores"] and part["ensemble_size"] == 1
    pred = f.predict(fh=[1, 2, 3])
    assert pred.index.equals(pd.period_range("1957-01", periods=3, freq="M"))
    steps, (own, other) = f._part_forecasts(ForecastingHorizon([1, 2, 3]), None)
    np.testing.assert_allclose(pred.to_numpy(), (own[0] + other[0]) / 2)
    assert not np.allclose(own, other)  # two different fits


def _parts_quantiles(f, steps, alphas):
    from skltsm.forecasting import _combined as combined

    _, (own, other) = f._part_forecasts(ForecastingHorizon(steps), None)
    mine = f._series_quantiles(own[0], alphas, steps)
    theirs = combined.quantiles(f._global_part(), other, np.asarray(steps), alphas)
    return mine, {a: v[0] for a, v in theirs.items()}


def test_a_combined_fit_pools_both_schemes_distributions(combined_fit):
    _, f = combined_fit
    q = f.predict_quantiles(fh=[1, 6, 12], alpha=[0.1, 0.5, 0.9])
    pred = f.predict(fh=[1, 6, 12]).to_numpy()
    np.testing.assert_allclose(q.iloc[:, 1].to_numpy(), pred)
    assert (q.iloc[:, 0].to_numpy() < pred).all() and (pred < q.iloc[:, 2].to_numpy()).all()
    # a mixture's quantile lies between its parts' quantiles (the linear pool), up to the
    # pool's grid of 0.005: the parts' conformal quantiles are step functions of alpha
    mine, theirs = _parts_quantiles(f, [1, 6, 12], [0.095, 0.1, 0.105, 0.895, 0.9, 0.905])
    for column, alpha in ((0, 0.1), (2, 0.9)):
        below, above = round(alpha - 0.005, 3), round(alpha + 0.005, 3)
        low = np.minimum(mine[below], theirs[below]) - 1e-9
        high = np.maximum(mine[above], theirs[above]) + 1e-9
        values = q.iloc[:, column].to_numpy()
        assert ((low <= values) & (values <= high)).all(), alpha
    width = (q.iloc[:, 2] - q.iloc[:, 0]).to_numpy()
    assert width[0] < width[-1]  # wider further ahead
    bands = f.predict_interval(fh=[1, 6, 12], coverage=[0.8])
    np.testing.assert_allclose(bands.to_numpy(), q.iloc[:, [0, 2]].to_numpy())
    # both parts' calibrations are visible: the series scheme's, its global part's inside
    calibration = f.calibration_
    assert calibration["method"] == "rolling origins" and 0.1 <= calibration["growth"] <= 1
    assert calibration["global_part"]["method"].startswith("validation tails")
    assert "global_part" not in f._calibrate(12)  # the cached calibration is not changed


def test_a_combined_fit_updates_both_parts(combined_fit):
    y, fitted = combined_fit
    f = fitted.clone().fit(y.iloc[:96])
    before = f._global_part()["_values"][0].copy()
    f.update(y.iloc[96:98], update_params=False)
    np.testing.assert_array_equal(f._global_part()["_values"][0], y.iloc[:98].to_numpy())
    assert len(before) == 96
    assert str(f.cutoff[0]) == "1957-02"
    walked = f.predict(fh=[1]).to_numpy()
    refit_free = fitted.clone().fit(y.iloc[:96])
    refit_free.update(y.iloc[96:98], update_params=False)
    np.testing.assert_array_equal(walked, refit_free.predict(fh=[1]).to_numpy())
    f.update(y.iloc[98:99], update_params=True)  # both parts train on, and still agree
    _, (own, other) = f._part_forecasts(ForecastingHorizon([1]), None)
    np.testing.assert_allclose(f.predict(fh=[1]).to_numpy(), (own[0] + other[0]) / 2)


def test_a_combined_fit_saves_and_loads(combined_fit, tmp_path):
    import skltsm

    _, f = combined_fit
    path = tmp_path / "combined.skltsm"
    skltsm.save(f, path)
    loaded = skltsm.load(path)
    assert loaded.scheme_ == "combined"
    pd.testing.assert_series_equal(loaded.predict(fh=[1, 2]), f.predict(fh=[1, 2]))
