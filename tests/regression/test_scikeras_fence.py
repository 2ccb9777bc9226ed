"""The fence around scikeras (see _scikeras_base.py): each problem it avoids, tested.

skltsm keeps scikeras' routed parameters and optimizer/loss resolution but no longer derives
from its ``BaseWrapper``; importing and fitting changes nothing of scikeras, keras or
TensorFlow for the process, and TensorFlow's op determinism is on only while a seeded fit
trains.
"""

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


def test_no_scikeras_class_in_the_mro():
    # BaseWrapper's _more_tags is what sklearn >= 1.6 rejects; it used to be patched
    from scikeras.wrappers import BaseWrapper

    for cls in (StatefulLSTMRegressor, StackedLSTMRegressor):
        assert not issubclass(cls, BaseWrapper)
        assert not any(c.__module__.startswith("scikeras") for c in cls.__mro__)
    assert "__sklearn_tags__" not in vars(BaseWrapper)


def test_determinism_is_on_only_while_a_seeded_fit_trains(sine_windows, monkeypatch):
    """scikeras would set TF_DETERMINISTIC_OPS for good; we switch it on for a seeded
    training call and back off after, and an unseeded fit never touches it."""
    from tensorflow.python.framework import config

    import skltsm.networks

    X, y = sine_windows
    seen, train = [], skltsm.networks.train_network

    def recording(*args, **kwargs):
        seen.append(config.is_op_determinism_enabled())
        return train(*args, **kwargs)

    monkeypatch.setattr(skltsm.networks, "train_network", recording)
    assert not config.is_op_determinism_enabled()
    StatefulLSTMRegressor(**FAST).fit(X, y)
    assert not config.is_op_determinism_enabled()
    unseeded = StackedLSTMRegressor(units=(2,), timesteps=1, epochs=1, dropout=0.5)
    assert np.isfinite(unseeded.fit(X, y).predict(X)).all()
    assert seen == [True, False]
    assert "TF_DETERMINISTIC_OPS" not in os.environ
    assert not config.is_op_determinism_enabled()


def _run(code, env=None):
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=300,
        env={k: v for k, v in {**os.environ, **(env or {})}.items() if v is not None},
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.strip().endswith("ok")


IMPORT_ONLY = """
import os, sys
import skltsm.regression
assert "scikeras" not in sys.modules and "tensorflow" not in sys.modules, "imported early"
os.environ["TF_DETERMINISTIC_OPS"] = "1"  # read by TensorFlow at its first query only
from tensorflow.python.framework import config
assert config.is_op_determinism_enabled(), "importing skltsm latched TF's determinism"
print("ok")
"""


def test_importing_skltsm_regression_changes_nothing_in_a_fresh_process():
    _run(IMPORT_ONLY, env={"TF_DETERMINISTIC_OPS": None})


IMPORT_AND_FIT = """
import numpy as np
import keras
import scikeras.wrappers
from scikeras.wrappers import BaseWrapper
from tensorflow.python.framework import config

def snapshot():
    return (
        dict(vars(BaseWrapper)),
        {n: vars(keras.Model).get(n) for n in ("__reduce__", "__deepcopy__")},
        config.is_op_determinism_enabled(),
    )

X = np.random.default_rng(0).random((20, 3)); y = X.sum(axis=1)
before = snapshot()
assert before[2] is False
from skltsm import StackedLSTMRegressor as R
R(units=(2,), epochs=1, dropout=0.3, random_state=0).fit(X, y).predict(X)
R(units=(2,), epochs=1, dropout=0.3).fit(X, y).predict(X)
assert snapshot() == before, "importing or fitting changed scikeras, keras or TF"
config.enable_op_determinism()  # the user's own choice is kept
R(units=(2,), epochs=1, random_state=0).fit(X, y)
assert config.is_op_determinism_enabled()
print("ok")
"""


def test_importing_and_fitting_leave_scikeras_and_tensorflow_as_they_were():
    _run(IMPORT_AND_FIT, env={"TF_DETERMINISTIC_OPS": None})


def test_unseeded_fit_after_seeded_fit_in_fresh_process():
    code = (
        "import numpy as np\n"
        "from skltsm import StackedLSTMRegressor as R\n"
        "X = np.random.rand(20, 1); y = X.ravel()\n"
        "R(units=(2,), timesteps=1, epochs=1, random_state=0).fit(X, y)\n"
        "R(units=(2,), timesteps=1, epochs=1, dropout=0.3).fit(X, y).predict(X)\n"
        "print('ok')\n"
    )
    _run(code)
