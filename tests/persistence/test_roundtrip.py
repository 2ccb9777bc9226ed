"""save -> load gives back the same estimator: same parameters, bit-identical outputs."""

import pickle
import warnings

import joblib
import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.linear_model import Ridge
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

import skltsm
from skltsm import Differencer, LSTMForecaster
from skltsm.datasets import load_shampoo_sales
from tests._discovery import all_estimators
from tests.persistence.conftest import FORMAT1, assert_identical, outputs


def _name(est):
    return type(est).__name__


def test_every_fitted_estimator_round_trips_bit_identically(fitted, data, tmp_path):
    X, _ = data
    for est in fitted:
        loaded = skltsm.load(skltsm.save(est, tmp_path / f"{_name(est)}.skltsm"))
        assert type(loaded) is type(est)
        assert loaded.get_params() == est.get_params()
        assert_identical(outputs(loaded, X), outputs(est, X))
        assert_identical(outputs(loaded, X[4:11]), outputs(est, X[4:11]))


@pytest.mark.parametrize("est", all_estimators(), ids=_name)
def test_unfitted_estimator_keeps_its_params_and_fits_like_the_original(est, data, tmp_path):
    X, y = data
    loaded = skltsm.load(skltsm.save(est, tmp_path / "unfitted.skltsm"))
    assert type(loaded) is type(est) and loaded.get_params() == est.get_params()
    assert list(vars(loaded)) == list(vars(est))
    if not isinstance(est, skltsm.Differencer | skltsm.LagFramer | skltsm.WindowReshaper):
        return  # refitting a network is covered by the continuation test below
    assert_identical(outputs(loaded.fit(X, y), X), outputs(clone(est).fit(X, y), X))


def test_loaded_regressors_continue_partial_fit_like_the_original(fitted, data, tmp_path):
    X, y = data
    for est in (e for e in fitted if hasattr(e, "partial_fit")):
        loaded = skltsm.load(skltsm.save(est, tmp_path / f"{_name(est)}.skltsm"))
        original = pickle.loads(pickle.dumps(est))  # leave the shared fixture untouched
        for model in (original, loaded):
            model.partial_fit(X[::-1], y[::-1])
        assert loaded.history_ == original.history_
        assert_identical(outputs(loaded, X), outputs(original, X))
        loaded_state, original_state = loaded.get_network_state(), original.get_network_state()
        assert_identical(loaded_state["optimizer"], original_state["optimizer"])
        assert_identical(loaded_state["weights"], original_state["weights"])


def test_loaded_stateful_walk_forward_carries_the_same_state(fitted, data, tmp_path):
    X, _ = data
    est = next(e for e in fitted if hasattr(e, "walk_forward"))
    loaded = skltsm.load(skltsm.save(est, tmp_path / "stateful.skltsm"))
    walkers = [est.walk_forward(replay_training=True), loaded.walk_forward(replay_training=True)]
    steps = [[w.predict(row) for row in X[:6]] for w in walkers]
    assert_identical(steps[0], steps[1])
    assert_identical(walkers[0].state, walkers[1].state)


def test_forecaster_predicts_and_updates_identically_after_loading(
    tiny_lstm, shampoo_series, tmp_path
):
    y = shampoo_series
    original = LSTMForecaster(regressor=tiny_lstm, update_epochs=1).fit(y.iloc[:24])
    loaded = skltsm.load(skltsm.save(original, tmp_path / "forecaster.skltsm"))
    pd.testing.assert_series_equal(loaded.predict(fh=[1, 2, 3]), original.predict(fh=[1, 2, 3]))
    assert loaded.cutoff.equals(original.cutoff) and loaded.cutoff.freq == original.cutoff.freq
    for model in (original, loaded):
        model.update(y.iloc[24:26], update_params=True)
        model.update(y.iloc[26:27], update_params=False)
    expected = original.predict(fh=[1, 2])
    pd.testing.assert_series_equal(loaded.predict(fh=[1, 2]), expected, check_exact=True)
    # and a file saved after the updates continues from there
    again = skltsm.load(skltsm.save(loaded, tmp_path / "updated.skltsm"))
    pd.testing.assert_series_equal(again.predict(fh=[1, 2]), expected, check_exact=True)


def test_forecaster_with_exogenous_x_on_a_datetime_index(tmp_path):
    index = pd.date_range("2020-01-01", periods=30, freq="MS", name="month")
    t = np.arange(30.0)
    y = pd.Series(np.sin(t / 3) * 10 + t, index=index, name="demand")
    X = pd.DataFrame({"price": np.cos(t), "promo": t % 2}, index=index)
    original = LSTMForecaster(Ridge(), lags=3, strategy="direct", horizon=2).fit(
        y.iloc[:26], X=X.iloc[:26]
    )
    loaded = skltsm.load(skltsm.save(original, tmp_path / "ridge.skltsm"))
    for model in (original, loaded):
        model.update(y.iloc[26:28], X=X.iloc[26:28])
    expected = original.predict(fh=[1, 2], X=X.iloc[28:])
    result = loaded.predict(fh=[1, 2], X=X.iloc[28:])
    pd.testing.assert_series_equal(result, expected, check_exact=True)
    assert result.index.freqstr == "MS" and result.index.name == "month"


def test_a_scikit_learn_pipeline_round_trips(data, tmp_path):
    X, y = data
    pipe = make_pipeline(Differencer(lag=1), StandardScaler(), Ridge(alpha=0.5)).fit(X, y)
    loaded = skltsm.load(skltsm.save(pipe, tmp_path / "pipe.skltsm"))
    assert [type(s) for _, s in loaded.steps] == [type(s) for _, s in pipe.steps]
    assert_identical([loaded.predict(X)], [pipe.predict(X)])


@pytest.mark.parametrize("dump", ["pickle", "joblib"])
def test_pickle_and_joblib_still_round_trip_every_estimator(
    dump, fitted, data, tiny_lstm, shampoo_series, tmp_path
):
    X, _ = data
    y = shampoo_series
    forecaster = LSTMForecaster(regressor=tiny_lstm, update_epochs=1).fit(y.iloc[:24])
    forecaster.update(y.iloc[24:26])

    def round_trip(obj):
        if dump == "pickle":
            return pickle.loads(pickle.dumps(obj))
        joblib.dump(obj, tmp_path / "model.joblib")
        return joblib.load(tmp_path / "model.joblib")

    for est in fitted:
        assert_identical(outputs(round_trip(est), X), outputs(est, X))
    expected = forecaster.predict(fh=[1, 2])
    pd.testing.assert_series_equal(round_trip(forecaster).predict(fh=[1, 2]), expected)


def test_an_unfitted_forecaster_keeps_its_params_and_fits_like_the_original(
    tiny_lstm, shampoo_series, tmp_path
):
    y = shampoo_series.iloc[:24]
    for forecaster in (LSTMForecaster(tiny_lstm, lags=2), LSTMForecaster(Ridge(), lags=2)):
        loaded = skltsm.load(skltsm.save(forecaster, tmp_path / "unfitted.skltsm"))
        assert not loaded.is_fitted
        assert repr(loaded.get_params()) == repr(forecaster.get_params())
    expected = clone(forecaster).fit(y).predict(fh=[1, 2])
    pd.testing.assert_series_equal(loaded.fit(y).predict(fh=[1, 2]), expected, check_exact=True)


@pytest.mark.parametrize("name", ["stateful", "stacked"])
def test_format1_files_load_predict_and_continue_as_when_saved(name):
    """Files written before format 2 (networks as keras archives) still load exactly."""
    expected = np.load(FORMAT1 / "format1_expected.npz")
    X, y = expected["X"], expected["y"]
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "skltsm.load: .* was saved with", UserWarning)
        loaded = skltsm.load(FORMAT1 / f"format1_{name}.skltsm")
    _close(loaded.predict(X), expected[f"{name}_predict"])  # written on another CPU
    loaded.partial_fit(X[::-1], y[::-1])
    np.testing.assert_allclose(
        loaded.predict(X), expected[f"{name}_partial_fit_predict"], rtol=1e-6, atol=1e-7
    )


def test_a_saved_regressor_file_holds_no_keras_archive(fitted, tmp_path):
    import zipfile

    est = next(e for e in fitted if getattr(e, "is_stateful", False))
    path = skltsm.save(est, tmp_path / "stateful.skltsm")
    assert zipfile.ZipFile(path).namelist() == ["manifest.json", "arrays.npz"]


def _close(actual, expected):
    # The expected values were computed where the file was written: another CPU's BLAS
    # kernels may round the last bit differently (seen: 1 ulp on the format-1 fixtures).
    np.testing.assert_allclose(actual, expected, rtol=1e-12, atol=0)


@pytest.mark.parametrize("name", ["stateful", "forecaster"])
def test_format2_files_saved_with_neurons_load_with_units(name):
    """Format-2 files written before ``neurons`` was renamed ``units`` still load exactly."""
    expected = np.load(FORMAT1 / "format2_neurons_expected.npz")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "skltsm.load: .* was saved with", UserWarning)
        warnings.simplefilter("error", FutureWarning)  # loading needs no deprecated name
        loaded = skltsm.load(FORMAT1 / f"format2_{name}_neurons.skltsm")
    if name == "stateful":
        assert loaded.get_params()["units"] == 2 and loaded.neurons == "deprecated"
        _close(loaded.predict(expected["X"]), expected["stateful_predict"])
        return
    assert loaded.regressor.units == 2 and loaded.regressor_.units == 2
    _close(loaded.predict(fh=[1, 2, 3]).to_numpy(), expected["forecaster_predict"])
    with warnings.catch_warnings():
        warnings.simplefilter("error", FutureWarning)
        loaded.fit(load_shampoo_sales().iloc[:24])  # a refit builds the same width, no warning
    assert loaded.regressor_.get_network_state()["weights"][1].shape == (2, 8)
