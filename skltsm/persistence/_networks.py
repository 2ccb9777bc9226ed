"""The keras side of a fitted recurrent regressor: one ``.keras`` archive per network.

Fitted regressors keep their network as arrays (``_network_state``: weights and optimizer
variables) and a NumPy forward pass (``network_``). A file stores the keras model itself
(``keras.saving.save_model`` of ``model_``, optimizer included); loading reads it back
with ``safe_mode=True`` and rebuilds both from it, so prediction and further training
continue exactly. A SHA-256 of the saved arrays, kept in the manifest, proves the archive
restored what was saved.
"""

import hashlib
import os
import sys
import tempfile
import warnings
from pathlib import Path

import numpy as np

_DERIVED = ("network_", "_model_cache", "_network_state")
_KERAS_COPY_WARNING = "__array__ implementation doesn't accept a copy keyword"


def is_fitted_recurrent(obj):
    """Whether ``obj`` is a fitted skltsm recurrent regressor (no keras import needed)."""
    module = sys.modules.get("skltsm.regression._recurrent")
    return (
        module is not None and isinstance(obj, module.RecurrentRegressorBase) and obj.initialized_
    )


def network_node(estimator, save_network, state):
    """Store the network of ``estimator``; drop its derived fields from ``state``."""
    for name in _DERIVED:
        state.pop(name, None)
    archive, digest = keras_archive(estimator)
    return {"network": save_network(archive), "network_sha256": digest}


def keras_archive(estimator):
    """Return the ``.keras`` bytes of the estimator's network and the digest of its state."""
    import keras

    from skltsm.networks._pool import get_network_state

    cached = estimator._model_cache
    try:
        model = estimator.model_
        with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
            # keras 3.15 converts each variable with np.array(x), which numpy 2 flags once
            # per variable; the values are unaffected (the SHA-256 below checks them).
            warnings.filterwarnings("ignore", _KERAS_COPY_WARNING, DeprecationWarning)
            path = os.path.join(tmp, "network.keras")
            keras.saving.save_model(model, path)
            return Path(path).read_bytes(), state_digest(get_network_state(model))
    finally:
        estimator._model_cache = cached  # model_ builds a copy; do not keep it alive


def restore_network(estimator, node, load_network):
    """Load the keras archive a node names and rebuild the estimator's network fields."""
    from skltsm.networks import NumpyRecurrentNetwork
    from skltsm.networks._pool import get_network_state

    model = load_keras(load_network(node["network"]))
    state = get_network_state(model)
    if state_digest(state) != node["network_sha256"]:
        raise ValueError(
            f"network {node['network']!r} does not hold the weights that were saved "
            "(SHA-256 mismatch)"
        )
    estimator._network_state = state
    estimator.network_ = NumpyRecurrentNetwork.from_keras(model)
    estimator._model_cache = None


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
