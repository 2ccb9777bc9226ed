"""Fitted recurrent regressors in a model file: their network state, and format 1 files.

A fitted regressor holds its network in one form, the plain arrays of its
``get_network_state()``; its pickling state carries them, so a file (format 2) stores them
in ``arrays.npz`` like any other array, and loading hands them back through
``set_network_state``, which checks their shapes against the fitted architecture. Nothing
here reads or writes a regressor's private attributes, and no keras model is built to save
or to load.

Files of format 1 (skltsm before the network state was public) kept each network as a
keras ``.keras`` archive beside a SHA-256 of its arrays; :func:`restore_network` still
reads them, with keras' ``safe_mode=True``, and loads the arrays the same way.
"""

import hashlib
import os
import sys
import tempfile
from pathlib import Path

import numpy as np


def is_fitted_recurrent(obj):
    """Whether ``obj`` is a fitted skltsm recurrent regressor (no keras import needed)."""
    module = sys.modules.get("skltsm.regression._recurrent")
    return (
        module is not None and isinstance(obj, module.RecurrentRegressorBase) and obj.initialized_
    )


def restore_network(estimator, node, load_network):
    """Format 1: load the keras archive a node names into the estimator's network."""
    model = load_keras(load_network(node["network"]))
    state = {
        "weights": [np.array(w) for w in model.get_weights()],
        "optimizer": [np.array(v.numpy()) for v in model.optimizer.variables],
    }
    if state_digest(state) != node["network_sha256"]:
        raise ValueError(
            f"network {node['network']!r} does not hold the weights that were saved "
            "(SHA-256 mismatch)"
        )
    estimator.set_network_state(state)


def load_keras(data):
    """Read a ``.keras`` archive from bytes, refusing unsafe (code-carrying) layers."""
    import keras

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "network.keras")
        Path(path).write_bytes(data)
        return keras.saving.load_model(path, safe_mode=True, compile=True)


def state_digest(state):
    """SHA-256 of the weights and optimizer variables, dtypes and shapes included."""
    digest = hashlib.sha256()
    for group in ("weights", "optimizer"):
        for value in state[group] or []:
            value = np.ascontiguousarray(value)
            digest.update(f"{group}|{value.dtype.str}|{value.shape}|".encode())
            digest.update(value.tobytes())
    return digest.hexdigest()
