"""The fitted network of a recurrent regressor, held in one form: plain arrays.

``get_network_state()`` returns the weights and the optimizer state; ``set_network_state``
loads them and derives the NumPy forward pass ``network_`` from them. Training (through the
network pool), pickling and :func:`skltsm.save` all go through this pair.
"""

import numpy as np
from sklearn.utils.validation import check_is_fitted


class FittedNetworkMixin:
    """``get_network_state``/``set_network_state``, ``model_`` and pickling of the network.

    The class using it sets ``_architecture`` (the arguments of
    ``build_recurrent_network``) in ``fit`` and implements ``_build_compiled``.
    """

    def get_network_state(self):
        """Return the fitted network as plain arrays: its weights and optimizer state.

        This is the one form in which a fitted regressor holds its network; pickling,
        :func:`skltsm.save` and the training engine all go through it.

        Returns
        -------
        state : dict
            ``{"weights": [...], "optimizer": [...]}``: float32 arrays in the order of
            keras' ``model.get_weights()`` and of ``model.optimizer.variables`` (copies).

        Examples
        --------
        >>> import numpy as np
        >>> from skltsm import StackedLSTMRegressor
        >>> X, y = np.random.rand(8, 3), np.random.rand(8)
        >>> reg = StackedLSTMRegressor(units=(2,), epochs=1, random_state=0).fit(X, y)
        >>> state = reg.get_network_state()
        >>> [w.shape for w in state["weights"]]
        [(1, 8), (2, 8), (8,), (2, 1), (1,)]
        >>> same = StackedLSTMRegressor(units=(2,), epochs=1, random_state=1).fit(X, y)
        >>> np.allclose(same.set_network_state(state).predict(X), reg.predict(X))
        True
        """
        check_is_fitted(self)
        return {
            "weights": [np.array(w) for w in self._network_state["weights"]],
            "optimizer": None
            if self._network_state["optimizer"] is None
            else [np.array(v) for v in self._network_state["optimizer"]],
        }

    def set_network_state(self, state):
        """Load a network state (as from :meth:`get_network_state`) into this regressor.

        The regressor must be fitted (its architecture comes from ``fit``); the weights
        must have the shapes of that architecture. Prediction then uses them, and
        ``partial_fit`` continues from the optimizer state (None: a fresh optimizer).
        ``train_end_state_`` of a stateful regressor, which needs the training rows, is
        recomputed by the next ``fit`` or ``partial_fit`` only.

        Parameters
        ----------
        state : dict
            ``{"weights": list of ndarray, "optimizer": list of ndarray or None}``.

        Returns
        -------
        self : object
            This regressor.
        """
        from skltsm.networks import NumpyRecurrentNetwork, weight_shapes

        if not getattr(self, "_architecture", None):
            check_is_fitted(self)
        weights, optimizer = _checked_state(type(self).__name__, state)
        expected = weight_shapes(**self._architecture)
        if [w.shape for w in weights] != expected:
            raise ValueError(
                f"{type(self).__name__}.set_network_state: weights of shapes "
                f"{[w.shape for w in weights]}; this regressor's network has {expected}"
            )
        self._network_state = {"weights": weights, "optimizer": optimizer}
        n = len(self._architecture["units"])
        self.network_ = NumpyRecurrentNetwork(
            [self._architecture["cell"]] * n,
            [weights[3 * i : 3 * i + 3] for i in range(n)],
            weights[-2:],
        )
        return self

    @property
    def initialized_(self):
        """Whether the network has been trained (scikeras' notion of being fitted)."""
        return "network_" in vars(self)

    def __sklearn_is_fitted__(self):
        return self.initialized_

    @property
    def model_(self):
        """A keras copy of the trained explicit-state network, made on each access.

        The regressor keeps its network as arrays (:meth:`get_network_state`); this
        builds, compiles and loads a standalone model (about a second) whose predictions
        equal ``predict``'s. Keep the returned model rather than reading it twice.
        """
        check_is_fitted(self)
        from skltsm.networks._pool import PooledNetwork

        network = PooledNetwork(self._build_compiled())
        network.load_state(**self._network_state)
        return network.model

    def __getstate__(self):
        state = dict(super().__getstate__())  # object's default is __dict__ itself
        state.pop("network_", None)  # derived from _network_state, rebuilt on unpickling
        return state

    def __setstate__(self, state):
        state = dict(state)
        network = state.pop("_network_state", None)
        super().__setstate__(state)
        if network is not None:
            self.set_network_state(network)


def _checked_state(name, state):
    """Return the weights and optimizer arrays of a network state, or raise."""
    if not isinstance(state, dict) or not isinstance(state.get("weights"), list | tuple):
        raise TypeError(
            f"{name}.set_network_state: state must be a dict with a 'weights' list (and an "
            f"'optimizer' list or None), as get_network_state returns; got {type(state)}"
        )
    weights = [np.array(w, dtype=np.float32) for w in state["weights"]]
    optimizer = state.get("optimizer")
    if optimizer is not None:
        optimizer = [np.array(v) for v in optimizer]
    return weights, optimizer
