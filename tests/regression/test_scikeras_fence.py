"""Each scikeras 0.13 problem the base module fixes, tested (see _scikeras_base.py)."""

import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from sklearn.base import is_regressor
from sklearn.ensemble import StackingRegressor, VotingRegressor
from sklearn.linear_model import LinearRegression
from sklearn.utils import get_tags

from skltsm import StackedLSTMRegressor, StatefulLSTMRegressor

FAST = {"epochs": 2, "random_state": 0}


def test_is_a_regressor_for_sklearn():
    reg = StatefulLSTMRegressor(**FAST)
    assert is_regressor(reg)
    assert get_tags(reg).estimator_type == "regressor"
    assert get_tags(reg).input_tags.sparse is False


def test_accepted_by_voting_and_stacking(sine_windows):
    X, y = sine_windows
    members = [("lstm", StatefulLSTMRegressor(**FAST)), ("lin", LinearRegression())]
    assert VotingRegressor(members).fit(X, y).predict(X).shape == (len(X),)
    stack = StackingRegressor(members, cv=2).fit(X, y)
    assert stack.predict(X).shape == (len(X),)


def test_sparse_input_rejected(sine_windows):
    X, y = sine_windows
    with pytest.raises(TypeError, match="[Ss]parse"):
        StatefulLSTMRegressor(**FAST).fit(sp.csr_matrix(X), y)


def test_predictions_are_float64(sine_windows):
    X, y = sine_windows
    pred = StatefulLSTMRegressor(**FAST).fit(X, y).predict(X)
    assert pred.dtype == np.float64


def test_feature_names_in_from_dataframe(sine_windows):
    X, y = sine_windows
    frame = pd.DataFrame(X, columns=["sales_lag1"])
    reg = StatefulLSTMRegressor(**FAST).fit(frame, y)
    assert list(reg.feature_names_in_) == ["sales_lag1"]


def test_y_none_is_a_clear_error(sine_windows):
    X, _ = sine_windows
    with pytest.raises(ValueError, match="requires y to be passed"):
        StackedLSTMRegressor(units=(2,), timesteps=1, **FAST).fit(X, None)


def test_seeded_fit_does_not_latch_tensorflow_determinism(sine_windows):
    """scikeras sets TF_DETERMINISTIC_OPS inside its seeding context; TensorFlow would then
    refuse every unseeded random op for the rest of the process."""
    from tensorflow.python.framework import config

    X, y = sine_windows
    StatefulLSTMRegressor(**FAST).fit(X, y)
    assert "TF_DETERMINISTIC_OPS" not in os.environ
    assert not config.is_op_determinism_enabled()
    unseeded = StackedLSTMRegressor(units=(2,), timesteps=1, epochs=1, dropout=0.5)
    assert np.isfinite(unseeded.fit(X, y).predict(X)).all()


def test_unseeded_fit_after_seeded_fit_in_fresh_process():
    code = (
        "import numpy as np\n"
        "from skltsm import StackedLSTMRegressor as R\n"
        "X = np.random.rand(20, 1); y = X.ravel()\n"
        "R(units=(2,), timesteps=1, epochs=1, random_state=0).fit(X, y)\n"
        "R(units=(2,), timesteps=1, epochs=1, dropout=0.3).fit(X, y).predict(X)\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().endswith("ok")
