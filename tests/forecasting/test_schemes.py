"""One series: the series scheme or the global one, by their validation tails."""

import numpy as np
import pandas as pd
import pytest

from skltsm.datasets import load_shampoo_sales
from skltsm.forecasting import LSTMForecaster
from skltsm.forecasting._schemes import choose_scheme

SERIES_SETTINGS = ("transform_", "deseasonalize_", "difference_lag_", "difference_order_")


def _tail(y_val, preds):
    return {"y_val": np.array([y_val], dtype=float), "preds": np.array([preds], dtype=float)}


def test_choose_scheme_compares_the_steps_both_tails_hold():
    series = (None, _tail([1, 2, 3, 4], [1, 2, 3, 40]))  # the 4th step: the global has none
    better = (None, _tail([1, 2, 3], [1.5, 2, 3]))
    worse = (None, _tail([1, 2, 3], [1, 2, 5]))
    assert choose_scheme({"series": series, "global": better}) == "series"  # 0 < 0.167
    assert choose_scheme({"series": series, "global": worse}) == "series"
    cheap = (None, _tail([1, 2, 3, 4], [1, 2, 3, 4.4]))
    assert choose_scheme({"series": series, "global": cheap}) == "global"  # 0.1 < 9
    tie = (None, _tail([1, 2, 3, 4], [1, 2, 3, 40]))
    assert choose_scheme({"series": series, "global": tie}) == "series"


def test_choose_scheme_prefers_a_validated_scheme():
    validated = (None, _tail([1.0], [1.0]))
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
    assert f.summary()["transform"] == "per series" and f.ensemble_size_ == 1
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
    assert f.difference_order_ == 1 and f.ensemble_size_ == 5


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
