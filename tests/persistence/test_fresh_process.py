"""A file loads in another Python process and predicts bit-identically there."""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np

import skltsm
from skltsm import LSTMForecaster
from tests.persistence.conftest import outputs

ROOT = Path(__file__).resolve().parents[2]

# Loads every file named on the command line and writes what it predicts next to it.
LOADER = """
import sys, numpy as np, skltsm
from sklearn.base import RegressorMixin
X = np.load(sys.argv[1])
for path in sys.argv[2:]:
    est = skltsm.load(path)
    if hasattr(est, "cutoff"):
        values = [est.predict(fh=[1, 2, 3]).to_numpy()]
    elif isinstance(est, RegressorMixin):
        values = [est.predict(X)]
    else:
        Xt = est.transform(X)
        values = [Xt, est.inverse_transform(Xt)]
    np.savez(path + ".out.npz", *values)
"""


def test_files_load_and_predict_identically_in_a_fresh_process(
    fitted, data, tiny_lstm, shampoo_series, tmp_path
):
    X, _ = data
    forecaster = LSTMForecaster(regressor=tiny_lstm).fit(shampoo_series.iloc[:24])
    expected = {}
    for est in [*fitted, forecaster]:
        path = str(skltsm.save(est, tmp_path / f"{type(est).__name__}.skltsm"))
        is_forecaster = est is forecaster
        expected[path] = (
            [est.predict(fh=[1, 2, 3]).to_numpy()] if is_forecaster else outputs(est, X)
        )
    np.save(tmp_path / "X.npy", X)
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", LOADER, str(tmp_path / "X.npy"), *expected],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=tmp_path,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    for path, values in expected.items():
        with np.load(path + ".out.npz") as got:
            loaded = [got[f"arr_{i}"] for i in range(len(values))]
        for a, b in zip(loaded, values, strict=True):
            assert a.dtype == b.dtype and a.tobytes() == b.tobytes(), path


LIGHT = """
import sys, numpy as np, skltsm
est = skltsm.LagFramer(lags=2).fit(np.arange(6.0).reshape(-1, 1))
loaded = skltsm.load(skltsm.save(est, sys.argv[1]))
assert np.array_equal(loaded.transform(np.ones((4, 1))), est.transform(np.ones((4, 1))))
heavy = [m for m in ("tensorflow", "keras", "scikeras", "sktime") if m in sys.modules]
assert not heavy, f"saving and loading a transformer imported {heavy}"
"""


def test_transformer_files_load_without_tensorflow_or_sktime(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-c", LIGHT, str(tmp_path / "framer.skltsm")]
    out = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)
    assert out.returncode == 0, out.stderr[-3000:]
