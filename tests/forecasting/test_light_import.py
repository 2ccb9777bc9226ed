"""Forecasting with a scikit-learn regressor needs neither TensorFlow nor keras."""

import subprocess
import sys

CODE = """
import sys
import skltsm
assert "sktime" not in sys.modules, "import skltsm imported sktime"
from sklearn.linear_model import Ridge
from skltsm.datasets import load_shampoo_sales
forecaster = skltsm.LSTMForecaster(Ridge()).fit(load_shampoo_sales())
forecaster.predict(fh=[1, 2])
heavy = [m for m in ("tensorflow", "keras", "scikeras") if m in sys.modules]
assert not heavy, f"forecasting with Ridge imported {heavy}"
"""


def test_ridge_forecasting_imports_no_tensorflow():
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-3000:]
