"""The JAX engine, in a subprocess with ``KERAS_BACKEND=jax``, against keras' reference.

Keras' JAX ``fit`` never carries stateful state, so the references are keras' TensorFlow
runs in this process: the tutorial's stateful loop and a plain ``fit``, from the same
initial weights.
"""

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from skltsm.networks import copy_weights

from ._helpers import assert_weights_close, compiled, tiny_data, tutorial_loop

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("jax") is None, reason="jax is not installed (pip install jax)"
)
ROOT = Path(__file__).resolve().parents[2]


def _run_worker(tmp_path, X, y, weights, units):
    path_in, path_out = tmp_path / "in.npz", tmp_path / "out.npz"
    arrays = {f"w{i}": w for i, w in enumerate(weights)}
    np.savez(path_in, X=X, y=y, n_weights=len(weights), units=units, **arrays)
    env = {**os.environ, "KERAS_BACKEND": "jax", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("_jax_worker.py")), path_in, path_out],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    out = np.load(path_out)
    return {key: out[key] for key in out.files}


def _group(out, prefix, n):
    return [out[f"{prefix}{i}"] for i in range(n)]


def test_jax_engine_equals_keras_references(tmp_path):
    X, y = tiny_data(n=8, timesteps=2)
    shape = dict(timesteps=2, features=1, units=(3,))
    tutorial = compiled(**shape, stateful_batch_size=1, seed=0)
    plain = copy_weights(tutorial, compiled(**shape, explicit_state=False))
    weights = tutorial.get_weights()
    out = _run_worker(tmp_path, X, y, weights, shape["units"])
    losses, states = tutorial_loop(tutorial, X, y, epochs=3)
    n = len(weights)
    assert_weights_close(_group(out, "carry", n), tutorial.get_weights())
    assert_weights_close(_group(out, "state", len(states)), states)
    np.testing.assert_allclose(out["carry_loss"], losses, rtol=1e-4, atol=1e-6)
    # a partial last batch of 2 rows, every batch from zero state
    fitted = plain.fit(X, y, epochs=3, batch_size=3, shuffle=False, verbose=0)
    assert_weights_close(_group(out, "nocarry", n), plain.get_weights())
    np.testing.assert_allclose(out["nocarry_loss"], fitted.history["loss"], rtol=1e-4, atol=1e-6)
