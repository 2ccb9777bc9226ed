"""Reuse compiled networks across fits, so each fit pays for training, not for tracing.

Building a network and tracing its compiled training loop costs about a second; loading
other weights into an already compiled network and training it again costs milliseconds
more than the arithmetic. Grid searches and sktime's conformance suite fit the same
architecture hundreds of times, so estimators borrow networks from a :class:`NetworkPool`
and keep only plain arrays (:func:`get_network_state`) of their own.
"""

import threading
from collections import OrderedDict
from contextlib import contextmanager

import numpy as np

_PRISTINE = "_skltsm_pristine_optimizer"


class NetworkPool:
    """Idle compiled networks by architecture key, bounded in keys and in copies per key.

    Parameters
    ----------
    max_architectures : int, default=8
        Distinct keys kept; the least recently used is dropped first.
    max_idle : int, default=2
        Idle networks kept per key (two threads or a nested fit may borrow at once).

    Examples
    --------
    >>> from skltsm.networks import build_recurrent_network
    >>> pool = NetworkPool()
    >>> def build():
    ...     model = build_recurrent_network(timesteps=1, features=1, units=(2,), seed=0)
    ...     model.compile(optimizer="adam", loss="mean_squared_error")
    ...     return model
    >>> with pool.borrow("lstm-2", build) as first:
    ...     pass
    >>> with pool.borrow("lstm-2", build) as second:
    ...     second is first
    True
    """

    def __init__(self, max_architectures=8, max_idle=2):
        self.max_architectures = max_architectures
        self.max_idle = max_idle
        self._idle = OrderedDict()
        self._lock = threading.Lock()

    @contextmanager
    def borrow(self, key, build):
        """Lend an idle network for `key`, or one made by ``build()``; take it back after.

        Parameters
        ----------
        key : hashable
            Identifies the architecture and compile settings.
        build : callable
            Returns a new compiled network for `key`.

        Yields
        ------
        keras.Model
            A compiled network whose optimizer variables exist; its weights and optimizer
            state are whatever the last borrower left: load a state before use.
        """
        with self._lock:
            idle = self._idle.get(key)
            model = idle.pop() if idle else None
        if model is None:
            model = _prepared(build())
        try:
            yield model
        finally:
            self._give_back(key, model)

    def _give_back(self, key, model):
        with self._lock:
            idle = self._idle.setdefault(key, [])
            self._idle.move_to_end(key)
            if len(idle) < self.max_idle:
                idle.append(model)
            while len(self._idle) > self.max_architectures:
                self._idle.popitem(last=False)

    def clear(self):
        """Drop every idle network (and the compiled functions they hold)."""
        with self._lock:
            self._idle.clear()


def _prepared(model):
    """Create the optimizer's variables now and remember their starting values."""
    model.optimizer.build(model.trainable_variables)
    pristine = [np.array(v.numpy()) for v in model.optimizer.variables]
    object.__setattr__(model, _PRISTINE, pristine)
    return model


def get_network_state(model):
    """Return the weights and optimizer variables of `model` as plain arrays.

    Parameters
    ----------
    model : keras.Model
        A compiled network.

    Returns
    -------
    dict
        ``{"weights": [...], "optimizer": [...]}``, lists of ndarrays.
    """
    return {
        "weights": [np.array(w) for w in model.get_weights()],
        "optimizer": [np.array(v.numpy()) for v in model.optimizer.variables],
    }


def set_network_state(model, weights, optimizer=None):
    """Load weights, and optimizer variables (None: as the optimizer started), into `model`.

    Parameters
    ----------
    model : keras.Model
        A network prepared by :class:`NetworkPool` (its optimizer is built).
    weights : list of ndarray
        As returned by ``model.get_weights()``.
    optimizer : list of ndarray or None, default=None
        As in :func:`get_network_state`; None restores the optimizer's starting values
        (a fresh fit).
    """
    model.set_weights(weights)
    values = getattr(model, _PRISTINE) if optimizer is None else optimizer
    for variable, value in zip(model.optimizer.variables, values, strict=True):
        variable.assign(value)
