"""One network for many series: panels, hierarchies, pretraining (fast, Ridge only)."""

import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import Ridge

from skltsm.forecasting import LSTMForecaster
from skltsm.forecasting import _panel as pn
from skltsm.forecasting import _series as series


def _panel(lengths=(40, 30, 50), scales=(1.0, 100.0, 5.0), seed=0):
    rng = np.random.default_rng(seed)
    frames = []
    for i, (n, scale) in enumerate(zip(lengths, scales, strict=True)):
        t = np.arange(n)
        y = scale * (10 + np.sin(2 * np.pi * t / 12) + 0.05 * rng.standard_normal(n))
        index = pd.period_range(end="2000-12", periods=n, freq="M")
        frames.append(pd.DataFrame({"y": y}, index=pd.MultiIndex.from_product([[f"s{i}"], index])))
    out = pd.concat(frames)
    out.index.names = ["series", "time"]
    return out


def test_global_fit_predicts_every_series_on_its_own_index_and_scale():
    y = _panel()
    f = LSTMForecaster(Ridge(), strategy="direct", sp=12, lags=12).fit(y, fh=[1, 2, 3])
    pred = f.predict()
    assert isinstance(pred, pd.DataFrame) and list(pred.index.names) == ["series", "time"]
    assert pred.shape == (9, 1)
    for key, scale in (("s0", 1.0), ("s1", 100.0), ("s2", 5.0)):
        assert str(pred.loc[key].index[0]) == "2001-01"
        assert 8 * scale < pred.loc[key, "y"].mean() < 12 * scale
    assert len(f.regressors_) == 1  # one network for the whole panel
    summary = f.summary()
    assert summary["sp"] == 12 and summary["lags"] == 12 and summary["transform"] == "per series"
    assert summary["regressor"] == "Ridge" and summary["ensemble_size"] == 1


def test_scaled_copies_get_scaled_forecasts():
    base = _panel(lengths=(40, 40), scales=(1.0, 1.0))
    y = base.copy()
    y.loc["s1", "y"] = (base.loc["s0", "y"] * 1000).to_numpy()
    pred = LSTMForecaster(Ridge(), sp=12, lags=12).fit(y, fh=[1, 2]).predict()
    np.testing.assert_allclose(pred.loc["s1", "y"], 1000 * pred.loc["s0", "y"], rtol=1e-8)


def test_recursive_and_unequal_start_dates_and_hierarchy():
    y = _panel(lengths=(30, 45, 60))
    h = pd.concat({"a": y, "b": y * 2}, names=["top"])
    pred = LSTMForecaster(Ridge(), lags=6).fit(h, fh=[1, 2, 3, 4]).predict()
    assert pred.index.nlevels == 3 and len(pred) == 6 * 4
    np.testing.assert_allclose(pred.loc["b", "y"], 2 * pred.loc["a", "y"], rtol=1e-8)


def test_local_fits_one_model_per_series():
    y = _panel()
    f = LSTMForecaster(Ridge(), panel="local", lags=4).fit(y, fh=[1, 2])
    assert len(f._local) == 3
    summary = f.summary()
    assert summary["panel"] == "local" and [s["lags"] for s in summary["per_series"]] == [4] * 3
    assert f.predict().shape == (6, 1)


def test_pretrain_then_zero_shot_and_finetuned_forecast_of_an_unseen_series():
    y = _panel()
    new = _panel(lengths=(36,), scales=(50.0,), seed=3).loc["s0", "y"]
    new.index = pd.period_range(end="2005-06", periods=36, freq="M")
    f = LSTMForecaster(Ridge(), sp=12, lags=12).pretrain(y)
    assert f.state == "pretrained" and "pretrained_model_" in f.get_pretrained_params()
    zero = f.fit(new).predict(fh=[1, 2, 3])
    assert isinstance(zero, pd.Series) and str(zero.index[0]) == "2005-07"
    assert 400 < zero.mean() < 600
    weights = f.pretrained_model_["members"][0].coef_.copy()
    tuned = LSTMForecaster(Ridge(), sp=12, lags=12, finetune_epochs=1).pretrain(y).fit(new)
    assert not np.allclose(tuned.predict(fh=[1, 2, 3]), zero)
    np.testing.assert_array_equal(f.pretrained_model_["members"][0].coef_, weights)


def test_update_moves_the_origin_per_series():
    y = _panel(lengths=(40,), scales=(1.0,)).loc["s0", "y"]
    f = LSTMForecaster(Ridge(), sp=12, lags=12).pretrain(_panel()).fit(y.iloc[:-3])
    f.update(y.iloc[-3:], update_params=False)
    pred = f.predict(fh=[1])
    assert str(pred.index[0]) == "2001-01"


def _states(levels, lags, anchor=True):
    settings = {
        "sp": None,
        "transform": None,
        "deseasonalize": False,
        "difference_lag": (1,),
        "difference_order": 0,
        "scaler": None,
        "anchor": anchor,
        "lags": lags,
    }
    return [series.fit(u, None, settings, None) for u in levels]


def test_training_rows_are_relative_to_the_last_input():
    X, targets = pn.training_rows(_states([np.arange(6.0)], 3), horizon=2)
    assert X.shape == (2, 3, 1) and targets.tolist() == [[1.0, 2.0], [1.0, 2.0]]
    assert X[:, -1, 0].tolist() == [0.0, 0.0]


def test_one_series_of_a_panel_is_fitted_as_that_series_alone():
    y = _panel(lengths=(40,), scales=(1.0,))
    alone = y.loc["s0", "y"]
    fh = [1, 2, 3]
    one = LSTMForecaster(Ridge(), sp=12, lags=4).fit(y, fh=fh).predict()
    np.testing.assert_array_equal(
        one["y"].to_numpy(), LSTMForecaster(Ridge(), sp=12, lags=4).fit(alone).predict(fh)
    )
    assert list(one.index.get_level_values(0).unique()) == ["s0"]


def test_global_network_reads_each_series_exogenous_x():
    rng = np.random.default_rng(0)
    frames_y, frames_x = [], []
    for i, n in enumerate((50, 60, 70)):
        index = pd.MultiIndex.from_product(
            [[f"s{i}"], pd.period_range("2000-01", periods=n + 3, freq="M")]
        )
        x = rng.normal(size=n + 3)
        frames_x.append(pd.DataFrame({"x": x}, index=index))
        frames_y.append(pd.DataFrame({"y": 10.0 * (i + 1) * np.exp(0.2 * x)}, index=index)[:n])
    y, X = pd.concat(frames_y), pd.concat(frames_x)
    f = LSTMForecaster(Ridge(alpha=1e-6), sp=None, lags=2).fit(y, X=X.loc[y.index], fh=[1, 2, 3])
    assert f._mode == "global" and f.n_exog_ == 1 and len(f.regressors_) == 1
    pred = f.predict(X=X)
    for i, key in enumerate(("s0", "s1", "s2")):
        truth = 10.0 * (i + 1) * np.exp(0.2 * X.loc[key, "x"].to_numpy()[-3:])
        np.testing.assert_allclose(pred.loc[key, "y"].to_numpy(), truth, rtol=0.02)
    with pytest.raises(ValueError, match="predict needs X for the 3 step"):
        f.predict(X=X.loc[y.index])


def test_intervals_of_a_local_panel_are_each_series_own_and_global_ones_are_pooled():
    y = _panel(lengths=(60, 60), scales=(1.0, 100.0))
    local = LSTMForecaster(Ridge(), sp=12, lags=12, panel="local").fit(y)
    bands = local.predict_interval(fh=[1, 2], coverage=[0.8])
    assert list(bands.index.names) == ["series", "time"] and bands.shape == (4, 2)
    lower, upper = bands.iloc[:, 0], bands.iloc[:, 1]
    assert (lower < upper).all()
    one = LSTMForecaster(Ridge(), sp=12, lags=12).fit(y.loc["s1", "y"])
    np.testing.assert_allclose(
        bands.loc["s1"].to_numpy(), one.predict_interval(fh=[1, 2], coverage=[0.8]).to_numpy()
    )
    fitted = LSTMForecaster(Ridge(), strategy="direct", sp=12, lags=12).fit(y, fh=[1, 2])
    pooled = fitted.predict_interval(fh=[1, 2], coverage=[0.8])  # tests/.../test_global_intervals
    assert pooled.shape == (4, 2) and (pooled.iloc[:, 0] < pooled.iloc[:, 1]).all()


def _members_alone(forecaster, fh):
    """Each global member's own forecast, with the fitted members put back after."""
    members, states, out = forecaster.regressors_, forecaster._lstm_states, []
    for m, s in zip(members, states, strict=True):
        forecaster.regressors_, forecaster._lstm_states = [m], [s]
        out.append(forecaster.predict(fh=fh)["y"].to_numpy())
    forecaster.regressors_, forecaster._lstm_states = members, states
    return np.stack(out)


def test_global_ensemble_trains_k_seeded_members_and_forecasts_their_median():
    from sklearn.ensemble import ExtraTreesRegressor

    y, fh = _panel(), [1, 2, 3]
    trees = ExtraTreesRegressor(n_estimators=3, max_depth=3)
    f = LSTMForecaster(trees, strategy="direct", sp=12, lags=12, ensemble_size=3, random_state=0)
    pred = f.fit(y, fh=fh).predict()["y"].to_numpy()
    assert f.ensemble_size_ == 3 and len(f.regressors_) == 3
    seeds = [m.get_params()["random_state"] for m in f.regressors_]
    assert len(set(seeds)) == 3 and seeds[0] == 0
    alone = _members_alone(f, fh)
    assert not np.allclose(alone[0], alone[1])  # different seeds, different members
    np.testing.assert_allclose(pred, np.median(alone, axis=0), rtol=1e-10)


def test_global_ensemble_is_reproducible_from_random_state():
    from sklearn.ensemble import ExtraTreesRegressor

    y = _panel()
    trees = ExtraTreesRegressor(n_estimators=3, max_depth=3)

    def forecast(seed):
        f = LSTMForecaster(trees, sp=12, lags=12, ensemble_size=3, random_state=seed)
        return f.fit(y, fh=[1, 2]).predict()["y"].to_numpy()

    np.testing.assert_array_equal(forecast(0), forecast(0))
    assert not np.allclose(forecast(0), forecast(1))


def test_training_rows_max_windows_keeps_a_sample_of_the_same_rows():
    levels = [np.arange(10.0) ** 2, np.arange(5.0) ** 1.5, np.sqrt(np.arange(30.0))]
    X, t = pn.training_rows(_states(levels, 3), horizon=2)
    Xs, ts = pn.training_rows(_states(levels, 3), horizon=2, max_windows=10, seed=1)
    assert Xs.shape == (10, 3, 1) and ts.shape == (10, 2) and len(X) == 33
    full = np.hstack([X[:, :, 0], t])
    for row in np.hstack([Xs[:, :, 0], ts]):
        assert np.isclose(full, row).all(axis=1).sum() >= 1
    again = pn.training_rows(_states(levels, 3), horizon=2, max_windows=10, seed=1)
    np.testing.assert_array_equal(again[0], Xs)


def test_seasonal_indices_come_from_the_last_seasons_in_row_zeros_phase():
    from skltsm.forecasting import _auto

    t = np.arange(101)  # 101 rows: the kept tail does not start on phase 0
    early = np.where(t < 41, 0.3 * np.sin(2 * np.pi * t / 12), 0.3 * np.cos(2 * np.pi * t / 12))
    y = np.exp(early + 0.01 * t)
    kept = pn.GLOBAL_SEASONS_KEPT
    seasonal = pn.global_settings(y, 12, 13)[1]
    start = len(y) - kept * 12
    tail = _auto.seasonal_indices(np.log(y[start:]), 12)
    np.testing.assert_allclose(seasonal[(start + np.arange(12)) % 12], tail, atol=1e-12)
    whole = _auto.seasonal_indices(np.log(y), 12)
    assert np.abs(seasonal - whole).max() > 0.05  # the old season is left out


def test_global_fit_warns_about_explicit_per_series_settings_it_does_not_use():
    y = _panel()
    f = LSTMForecaster(Ridge(), strategy="direct", sp=12, lags=12, transform=None)
    with pytest.warns(UserWarning, match=r"transform=None not used by the global network"):
        f.fit(y, fh=[1, 2])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the defaults say nothing
        LSTMForecaster(Ridge(), strategy="direct", sp=12, lags=12).fit(y, fh=[1, 2])


def test_local_fits_run_through_joblib_and_match_one_after_another(monkeypatch):
    import joblib

    y = _panel()
    f = LSTMForecaster(Ridge(), panel="local", sp=12, lags=12, random_state=0)
    sequential = f.clone().fit(y, fh=[1, 2]).predict()
    calls, original = [], joblib.Parallel.__call__

    def recording(self, iterable):
        tasks = list(iterable)
        calls.append((self.n_jobs, len(tasks), self._backend.__class__.__name__))
        return original(self, tasks)

    monkeypatch.setattr(joblib.Parallel, "__call__", recording)
    with joblib.parallel_config(backend="loky", n_jobs=2):
        parallel = f.clone().fit(y, fh=[1, 2]).predict()
    assert calls == [(2, 3, "LokyBackend")]  # one task per series, on two processes
    pd.testing.assert_frame_equal(parallel, sequential, check_exact=True)
