"""TensorFlow op determinism, switched on only while a seeded fit trains, then restored.

A fit with an int ``random_state`` promises the same network in every process. The engine
passes explicit seeds to every random op, which suffices on CPU; TensorFlow's op
determinism also pins kernels that may otherwise reduce in a varying order (on GPUs
chiefly). It is process-wide, so it is switched on only for the duration of a seeded
training call and switched off afterwards when it was off before; nothing is changed at
import and unseeded fits never touch it. Overlapping seeded fits (threads) share one
switch: the last to finish restores it.
"""

import threading
from contextlib import contextmanager

_LOCK = threading.Lock()
_HOLDERS = {"count": 0, "was_enabled": False}


def _tensorflow_config():
    import keras

    if keras.backend.backend() != "tensorflow":
        return None
    from tensorflow.python.framework import config

    return config


@contextmanager
def op_determinism(seeded):
    """Enable TensorFlow's op determinism inside the block when `seeded`; restore it after.

    Parameters
    ----------
    seeded : bool
        Whether the fit was given a seed; without one the block changes nothing.

    Examples
    --------
    >>> with op_determinism(False):
    ...     pass
    """
    config = _tensorflow_config() if seeded else None
    if config is None:
        yield
        return
    with _LOCK:
        if _HOLDERS["count"] == 0:
            _HOLDERS["was_enabled"] = config.is_op_determinism_enabled()
            if not _HOLDERS["was_enabled"]:
                config.enable_op_determinism()
        _HOLDERS["count"] += 1
    try:
        yield
    finally:
        with _LOCK:
            _HOLDERS["count"] -= 1
            if _HOLDERS["count"] == 0 and not _HOLDERS["was_enabled"]:
                config.disable_op_determinism()
