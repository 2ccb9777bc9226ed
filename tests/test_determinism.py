"""The same ``random_state`` gives the same forecasts everywhere; no seed gives fresh ones.

Seeding must stay inside the estimator: a seeded fit may not touch the global NumPy,
Python or TensorFlow random state, nor latch TensorFlow's op determinism (which would make
every later unseeded random op fail), so estimators never leak into one another.
"""

import random
import subprocess
import sys

import numpy as np
import pytest

from skltsm import LSTMForecaster, StackedLSTMRegressor, StatefulLSTMRegressor
from skltsm.datasets import load_shampoo_sales

FORECAST = """
import sys
from skltsm import LSTMForecaster, StatefulLSTMRegressor
from skltsm.datasets import load_shampoo_sales
y = load_shampoo_sales()
forecaster = LSTMForecaster(
    regressor=StatefulLSTMRegressor(units=3, epochs=4), lags=2, random_state=11
).fit(y[:-12], fh=range(1, 13))
horizon = forecaster.predict()
forecaster.update(y[-12:-10], update_params=True)
walked = forecaster.predict(fh=1)
sys.stdout.write(horizon.to_numpy().tobytes().hex() + " " + walked.to_numpy().tobytes().hex())
"""


def seeded_forecaster():
    return LSTMForecaster(
        regressor=StatefulLSTMRegressor(units=3, epochs=4), lags=2, random_state=11
    )


def test_forecaster_bit_identical_across_processes():
    y = load_shampoo_sales()
    children = [
        subprocess.Popen(
            [sys.executable, "-c", FORECAST],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    forecaster = seeded_forecaster().fit(y[:-12], fh=range(1, 13))  # while they run
    horizon = forecaster.predict()
    forecaster.update(y[-12:-10], update_params=True)
    walked = forecaster.predict(fh=1)
    here = horizon.to_numpy().tobytes().hex() + " " + walked.to_numpy().tobytes().hex()
    outputs = [child.communicate(timeout=600) for child in children]
    for child, (_, stderr) in zip(children, outputs, strict=True):
        assert child.returncode == 0, stderr[-2000:]
    assert outputs[0][0] == outputs[1][0] == here


def make_unseeded(kind):
    if kind == "stateful":
        return StatefulLSTMRegressor(units=2, epochs=3)
    return StackedLSTMRegressor(units=(2,), timesteps=1, epochs=3, dropout=0.3)


@pytest.mark.parametrize("kind", ["stateful", "stacked"])
def test_unseeded_fits_work_and_differ(kind):
    rng = np.random.default_rng(0)
    X, y = rng.uniform(-1, 1, (30, 1)), rng.uniform(-1, 1, 30)
    StatefulLSTMRegressor(units=2, epochs=1, random_state=0).fit(X, y)  # a seeded one first
    first = make_unseeded(kind).fit(X, y).predict(X)
    second = make_unseeded(kind).fit(X, y).predict(X)
    assert np.isfinite(first).all() and np.isfinite(second).all()
    assert not np.array_equal(first, second)


def test_unseeded_forecasts_work_and_differ():
    y = load_shampoo_sales()
    regressor = StatefulLSTMRegressor(units=2, epochs=3)
    forecasts = [
        LSTMForecaster(regressor=regressor).fit(y[:-6], fh=range(1, 7)).predict() for _ in range(2)
    ]
    assert all(np.isfinite(f.to_numpy()).all() for f in forecasts)
    assert not forecasts[0].equals(forecasts[1])


def test_seeded_fits_leave_global_random_state_alone():
    from tensorflow.python.framework import config

    rng = np.random.default_rng(2)
    X, y = rng.uniform(-1, 1, (30, 1)), rng.uniform(-1, 1, 30)
    numpy_state, python_state = np.random.get_state(), random.getstate()
    StatefulLSTMRegressor(units=2, epochs=2, random_state=5).fit(X, y)
    StackedLSTMRegressor(units=(2,), timesteps=1, epochs=2, random_state=5).fit(X, y)
    seeded_forecaster().fit(load_shampoo_sales()[:-6], fh=[1])
    assert np.array_equal(np.random.get_state()[1], numpy_state[1])
    assert random.getstate() == python_state
    assert not config.is_op_determinism_enabled()
