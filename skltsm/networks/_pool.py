"""Reuse compiled networks across fits, so each fit pays for training, not for tracing.

Building a network and tracing its compiled training loop costs about a second; loading
other weights into an already compiled network and training it again costs milliseconds
more than the arithmetic. Grid searches and sktime's conformance suite fit the same
architecture hundreds of times, so estimators borrow a :class:`PooledNetwork` from a
:class:`NetworkPool`, load their own network state into it (plain arrays, which the
estimator owns), train, and read the state back. Nothing is attached to keras objects: the
pooled entry holds the model, its optimizer's starting values and its compiled calls.
"""

import threading
from collections import OrderedDict
from contextlib import contextmanager

import numpy as np


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
    ...     second is first, type(second).__name__
    (True, 'PooledNetwork')
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
        PooledNetwork
            A compiled network whose optimizer variables exist; its weights and optimizer
            state are whatever the last borrower left: load a state before use.
        """
        with self._lock:
            idle = self._idle.get(key)
            network = idle.pop() if idle else None
        if network is None:
            network = PooledNetwork(build())
        try:
            yield network
        finally:
            self._give_back(key, network)

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


class PooledNetwork:
    """A compiled network with its optimizer's starting values and its compiled calls.

    Parameters
    ----------
    model : keras.Model
        A compiled explicit-state network; its optimizer is built here.

    Attributes
    ----------
    model : keras.Model
        The network.
    runners : dict
        The cache of compiled training calls (``train_network(..., runners=...)``).
    """

    def __init__(self, model):
        model.optimizer.build(model.trainable_variables)
        self.model = model
        self.runners = {}
        self._pristine = [np.array(v.numpy()) for v in model.optimizer.variables]

    def load_state(self, weights, optimizer=None):
        """Load weights, and optimizer variables (None: as the optimizer started).

        Parameters
        ----------
        weights : list of ndarray
            As returned by ``model.get_weights()``.
        optimizer : list of ndarray or None, default=None
            As in :meth:`state`; None restores the optimizer's starting values (a fresh
            fit).
        """
        self.model.set_weights(weights)
        values = self._pristine if optimizer is None else optimizer
        variables = self.model.optimizer.variables
        if len(values) != len(variables):
            raise ValueError(
                f"the optimizer state holds {len(values)} arrays; this network's optimizer "
                f"has {len(variables)} variables"
            )
        for variable, value in zip(variables, values, strict=True):
            variable.assign(value)

    def state(self):
        """Return the weights and optimizer variables as plain arrays.

        Returns
        -------
        dict
            ``{"weights": [...], "optimizer": [...]}``, lists of ndarrays.
        """
        return {
            "weights": [np.array(w) for w in self.model.get_weights()],
            "optimizer": [np.array(v.numpy()) for v in self.model.optimizer.variables],
        }
