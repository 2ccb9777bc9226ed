"""One series in the global scheme: its calibration's earlier origins wait for an interval."""

import copy

import numpy as np
import pytest

from skltsm.datasets import load_shampoo_sales
from skltsm.forecasting import LSTMForecaster
from skltsm.forecasting import _combined as combined
from skltsm.forecasting import _fitting as fitting
from skltsm.forecasting import _global_origins as global_origins
from skltsm.forecasting import _panel as pn


@pytest.fixture
def recorded(monkeypatch):
    """Count the networks trained at earlier origins and keep the tail fit deferred."""
    seen = {"origins": 0, "tails": []}
    train, defer = fitting.origin_forecasts, global_origins.deferred

    def counted(*args, **kwargs):
        seen["origins"] += 1
        return train(*args, **kwargs)

    def kept(values, tail, seeds, horizon):
        seen["tails"].append(tail)
        return defer(values, tail, seeds, horizon)

    monkeypatch.setattr(fitting, "origin_forecasts", counted)
    monkeypatch.setattr(global_origins, "deferred", kept)
    return seen


def test_one_series_trains_its_calibration_origins_at_the_first_interval_call(recorded):
    y = load_shampoo_sales()  # 36 months: the global scheme alone, with a validation tail
    f = LSTMForecaster(random_state=0).fit(y)
    assert f.scheme_ == "global" and recorded["origins"] == 0
    deferred = f._calibration
    assert deferred["method"] == global_origins.DEFERRED and deferred["n_fit"] == [36]
    first = f.predict_interval(fh=[1, 2, 3], coverage=[0.8, 0.95])
    trained = recorded["origins"]
    assert trained > 0 and f._calibration is deferred  # predict leaves the state as it was
    again = f.predict_interval(fh=[1, 2, 3], coverage=[0.8, 0.95])
    assert recorded["origins"] == trained  # computed once
    np.testing.assert_array_equal(first.to_numpy(), again.to_numpy())
    assert f.calibration_["method"] == "validation tails, 3 origins"


def test_the_deferred_calibration_is_the_one_fit_would_have_made(recorded):
    y = load_shampoo_sales()
    f = LSTMForecaster(random_state=0).fit(y)
    (tail,) = recorded["tails"]
    values = [y.to_numpy(dtype=float)]
    eager = global_origins.calibrate(
        tail,
        values,
        [None],
        lambda v: pn.global_settings(v, f.sp_, f.lags_),
        pn.global_lstm(f.lags_, f.epochs_),
        f._calibration["seeds"],
        f.horizon_,
        f.lags_,
        f.sp_,
    )
    lazy = f.calibration_
    assert sorted(lazy) == sorted(eager) and lazy["method"] == eager["method"]
    for key in ("errors", "log", "origins"):
        np.testing.assert_array_equal(lazy[key], eager[key])
    for name, scales in eager["scales"].items():
        np.testing.assert_array_equal(lazy["scales"][name], scales)


def test_an_update_does_not_change_the_deferred_calibration():
    y = load_shampoo_sales()
    f = LSTMForecaster(random_state=0).fit(y.iloc[:30])
    g = copy.deepcopy(f)
    g.update(y.iloc[30:33], update_params=False)  # values seen grow; fit's stay the same
    part_f, part_g = combined.take_part(f), combined.take_part(g)
    assert len(part_g["_values"][0]) == 33 and f.calibration_["method"].endswith("2 origins")
    np.testing.assert_array_equal(
        global_origins.resolve(part_f)["errors"], global_origins.resolve(part_g)["errors"]
    )


def test_a_saved_deferred_calibration_gives_the_same_intervals(tmp_path):
    import skltsm

    f = LSTMForecaster(random_state=0).fit(load_shampoo_sales().iloc[:30])
    skltsm.save(f, tmp_path / "model.skltsm")
    loaded = skltsm.load(tmp_path / "model.skltsm")
    assert loaded._calibration["method"] == global_origins.DEFERRED
    bands = f.predict_interval(fh=[1, 6], coverage=[0.9]).to_numpy()
    np.testing.assert_array_equal(loaded.predict_interval(fh=[1, 6], coverage=[0.9]), bands)
