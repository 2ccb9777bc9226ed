"""Loading never unpickles and rebuilds only allow-listed classes; saving refuses the rest."""

import json
import os
import pickle
import subprocess
import zipfile

import numpy as np
import pandas as pd
import pytest

import skltsm
from skltsm import Differencer, LSTMForecaster
from skltsm.persistence import ModelFileError
from tests.persistence.conftest import FORMAT1, assert_identical, outputs, rewrite


@pytest.fixture
def differencer_file(tmp_path):
    est = Differencer(lag=1).fit(np.arange(8.0).reshape(-1, 1) ** 2)
    return est, skltsm.save(est, tmp_path / "differencer.skltsm")


def _refuse(*args, **kwargs):
    raise AssertionError("something was unpickled")


def test_files_hold_no_pickle_and_load_with_pickle_disabled(
    fitted, data, tiny_lstm, shampoo_series, tmp_path, monkeypatch
):
    X, _ = data
    forecaster = LSTMForecaster(regressor=tiny_lstm).fit(shampoo_series.iloc[:24])
    paths = [skltsm.save(est, tmp_path / f"{i}.skltsm") for i, est in enumerate(fitted)]
    paths.append(skltsm.save(forecaster, tmp_path / "forecaster.skltsm"))
    for path in paths:
        with zipfile.ZipFile(path) as archive, archive.open("arrays.npz") as member:
            with np.load(member, allow_pickle=False) as npz:
                assert all(not npz[key].dtype.hasobject for key in npz.files)
    for name in ("loads", "load", "Unpickler"):
        monkeypatch.setattr(pickle, name, _refuse)
    for est, path in zip(fitted, paths, strict=False):
        assert_identical(outputs(skltsm.load(path), X), outputs(est, X))
    loaded = skltsm.load(paths[-1])
    pd.testing.assert_series_equal(loaded.predict(fh=[1, 2]), forecaster.predict(fh=[1, 2]))


@pytest.mark.parametrize(
    ("where", "path"),
    [
        ("root", "os.system"),
        ("root", "subprocess.Popen"),
        ("root", "builtins.eval"),
        ("root", "skltsm.load"),  # public, but a function, not an estimator class
        ("root", "sklearn.utils.deprecated"),
        ("root", "sklearn.externals.array_api_compat.numpy"),
        ("nested", "subprocess.Popen"),
        ("reference", "os.system"),
        ("reference", "numpy.load"),
        ("enum", "os.system"),
    ],
)
def test_a_manifest_naming_a_class_outside_the_allow_list_is_refused(
    where, path, differencer_file, tmp_path, monkeypatch
):
    calls = []
    monkeypatch.setattr(os, "system", lambda *a: calls.append(a))
    monkeypatch.setattr(subprocess, "Popen", lambda *a, **k: calls.append(a))
    _, good = differencer_file
    manifest = json.loads(zipfile.ZipFile(good).read("manifest.json"))
    root = manifest["estimator"]
    if where == "root":
        root["class"] = manifest["class"] = path
    elif where == "nested":
        root["state"]["head_"] = {"__skltsm__": "object", "class": path, "state": {"args": "ls"}}
    elif where == "reference":
        root["state"]["head_"] = {"__skltsm__": "ref", "path": path}
    else:
        root["state"]["head_"] = {"__skltsm__": "enum", "class": path, "name": "x"}
    bad = rewrite(good, tmp_path / "bad.skltsm", manifest=json.dumps(manifest))
    with pytest.raises(ModelFileError, match=rf"bad\.skltsm' refused: .*{path}"):
        skltsm.load(bad)
    assert calls == []


def test_saving_state_that_is_not_plain_data_names_the_attribute(tmp_path):
    est = Differencer().fit(np.arange(5.0).reshape(-1, 1))
    cases = {
        "callback_": lambda x: x,
        "objects_": np.array([{"a": 1}], dtype=object),
        "generator_": np.random.default_rng(0),
        "multi_": pd.MultiIndex.from_tuples([(1, "a")]),
    }
    for name, value in cases.items():
        setattr(est, name, value)
        with pytest.raises(TypeError, match=rf"Differencer\.{name} .*pickle or joblib"):
            skltsm.save(est, tmp_path / "x.skltsm")
        delattr(est, name)
        assert not (tmp_path / "x.skltsm").exists()  # nothing half-written


def test_saving_an_object_that_is_not_an_estimator_is_refused(tmp_path):
    class Custom(Differencer):
        pass

    for obj in (Custom(), object(), {"a": 1}):
        with pytest.raises(TypeError, match="must be a skltsm estimator .*pickle or joblib"):
            skltsm.save(obj, tmp_path / "x.skltsm")


def test_format1_network_carrying_code_is_refused_by_keras_safe_mode(tmp_path):
    # format 2 files hold no keras archive at all; format 1 files are still read
    import keras

    good = FORMAT1 / "format1_stateful.skltsm"
    model = keras.Sequential([keras.Input((1,)), keras.layers.Lambda(lambda x: x * 2)])
    keras.saving.save_model(model, tmp_path / "lambda.keras")
    bad = tmp_path / "bad.skltsm"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for info in src.infolist():
            is_network = info.filename == "networks/0.keras"
            data = (tmp_path / "lambda.keras").read_bytes() if is_network else src.read(info)
            dst.writestr(info.filename, data)
    with pytest.raises(ModelFileError, match="bad.skltsm' has invalid content.*safe_mode"):
        skltsm.load(bad)
