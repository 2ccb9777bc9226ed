"""The forward pass of a recurrent network in NumPy, for fast walk-forward prediction.

``model.predict`` costs 70-110 ms a call and a compiled keras step about 1 ms; the same
arithmetic in NumPy takes a few tens of microseconds for the small networks of the
tutorials. The weights are read from any variant of :func:`build_recurrent_network`.
"""

import keras
import numpy as np

from skltsm.networks._builders import recurrent_layers


def _sigmoid(z):
    with np.errstate(over="ignore"):  # exp(-z) overflows to inf for z << 0: sigmoid is 0
        return 1.0 / (1.0 + np.exp(-z))


def _lstm_layer(x, state, weights, return_sequences):
    """Run one LSTM layer (gates i, f, c, o, keras order) over the time axis of `x`."""
    kernel, recurrent, bias = weights
    h, c = state
    n = recurrent.shape[0]
    projected = x @ kernel + bias
    outputs = []
    for t in range(x.shape[1]):
        z = projected[:, t] + h @ recurrent
        gates = _sigmoid(z)
        c = gates[:, n : 2 * n] * c + gates[:, :n] * np.tanh(z[:, 2 * n : 3 * n])
        h = gates[:, 3 * n :] * np.tanh(c)
        outputs.append(h)
    return (np.stack(outputs, axis=1) if return_sequences else h), [h, c]


def _gru_layer(x, state, weights, return_sequences):
    """Run one GRU layer (gates z, r, h; ``reset_after=True``) over the time axis of `x`."""
    kernel, recurrent, bias = weights
    (h,) = state
    n = recurrent.shape[0]
    projected = x @ kernel + bias[0]
    outputs = []
    for t in range(x.shape[1]):
        inner = h @ recurrent + bias[1]
        xt = projected[:, t]
        gates = _sigmoid(xt[:, : 2 * n] + inner[:, : 2 * n])
        candidate = np.tanh(xt[:, 2 * n :] + gates[:, n:] * inner[:, 2 * n :])
        h = gates[:, :n] * h + (1.0 - gates[:, :n]) * candidate
        outputs.append(h)
    return (np.stack(outputs, axis=1) if return_sequences else h), [h]


_KERNELS = {"lstm": (_lstm_layer, 2), "gru": (_gru_layer, 1)}


class NumpyRecurrentNetwork:
    """NumPy forward pass of a stack of LSTM or GRU layers with a dense head.

    Parameters
    ----------
    cells : list of {"lstm", "gru"}
        The cell of each recurrent layer.
    layer_weights : list of tuple of numpy.ndarray
        ``(kernel, recurrent_kernel, bias)`` of each layer, in keras' layout.
    head : tuple of numpy.ndarray
        ``(kernel, bias)`` of the dense head.
    dtype : numpy dtype, default=numpy.float64
        Dtype of the arithmetic.

    Attributes
    ----------
    cells : list of str
        The cell of each recurrent layer.
    layer_weights : list of tuple of numpy.ndarray
        Weights of each recurrent layer, cast to `dtype`.
    head : tuple of numpy.ndarray
        Kernel and bias of the dense head.
    units : list of int
        Units of each recurrent layer.

    See Also
    --------
    build_recurrent_network : The keras networks it reads.

    Examples
    --------
    >>> from skltsm.networks import build_recurrent_network
    >>> net = NumpyRecurrentNetwork.from_keras(
    ...     build_recurrent_network(timesteps=1, features=1, units=(4,), seed=0)
    ... )
    >>> Y, state = net.run(np.zeros((5, 1, 1)))
    >>> Y.shape, [s.shape for s in state]
    ((5, 1), [(1, 4), (1, 4)])
    """

    def __init__(self, cells, layer_weights, head, dtype=np.float64):
        self.cells = list(cells)
        self.layer_weights = [tuple(np.asarray(w, dtype) for w in ws) for ws in layer_weights]
        self.head = tuple(np.asarray(w, dtype) for w in head)
        self.units = [ws[1].shape[0] for ws in self.layer_weights]
        self.dtype = dtype

    @classmethod
    def from_keras(cls, model, dtype=np.float64):
        """Read the weights of a model built by :func:`build_recurrent_network`.

        Parameters
        ----------
        model : keras.Model
            Explicit-state, stateful or plain variant; dropout is inactive at inference.
        dtype : numpy dtype, default=numpy.float64
            Dtype of the arithmetic.

        Returns
        -------
        NumpyRecurrentNetwork
        """
        cells, weights = [], []
        for layer in recurrent_layers(model):
            cells.append(_check_layer(layer))
            weights.append(tuple(layer.get_weights()))
        heads = [layer for layer in model.layers if isinstance(layer, keras.layers.Dense)]
        if not cells or len(heads) != 1 or heads[0].get_config()["activation"] != "linear":
            raise ValueError(
                "NumpyRecurrentNetwork.from_keras: expected recurrent layers and one linear "
                f"Dense head, as built by build_recurrent_network; got {model.name!r}"
            )
        return cls(cells, weights, tuple(heads[0].get_weights()), dtype=dtype)

    def initial_state(self, batch_size=1):
        """Return the zero state ``[h1, c1, h2, ...]`` (GRU: ``[h1, h2, ...]``).

        Parameters
        ----------
        batch_size : int, default=1
            Number of rows.

        Returns
        -------
        list of numpy.ndarray
        """
        return [
            np.zeros((batch_size, n), self.dtype)
            for cell, n in zip(self.cells, self.units, strict=True)
            for _ in range(_KERNELS[cell][1])
        ]

    def step(self, x, state):
        """Run a batch of rows from `state`; like one call of the explicit-state model.

        Parameters
        ----------
        x : array-like of shape (batch, timesteps, features)
            One row per batch member.
        state : list of numpy.ndarray
            ``[h1, c1, ...]``, each of shape ``(batch, units)``.

        Returns
        -------
        y : numpy.ndarray of shape (batch, outputs)
        new_state : list of numpy.ndarray
        """
        h, new_state, i = np.asarray(x, self.dtype), [], 0
        last = len(self.cells) - 1
        for j, (cell, weights) in enumerate(zip(self.cells, self.layer_weights, strict=True)):
            kernel, n_states = _KERNELS[cell]
            h, layer_state = kernel(h, state[i : i + n_states], weights, j < last)
            new_state += layer_state
            i += n_states
        return h @ self.head[0] + self.head[1], new_state

    def run(self, X, state=None):
        """Run the rows of `X` one after another, carrying the state (a walk-forward).

        Parameters
        ----------
        X : array-like of shape (n, timesteps, features)
            Rows in time order.
        state : list of numpy.ndarray, optional
            State before the first row (batch 1); zeros by default.

        Returns
        -------
        Y : numpy.ndarray of shape (n, outputs)
        state : list of numpy.ndarray
            State after the last row.
        """
        X = np.asarray(X, self.dtype)
        state = self.initial_state(1) if state is None else state
        outputs = [np.zeros((0, self.head[1].shape[0]), self.dtype)]
        for i in range(len(X)):
            y, state = self.step(X[i : i + 1], state)
            outputs.append(y)
        return np.concatenate(outputs, axis=0), state


def _check_layer(layer):
    """Return ``"lstm"`` or ``"gru"`` for a layer the NumPy kernels reproduce, else raise."""
    config = layer.get_config()
    cell = "lstm" if isinstance(layer, keras.layers.LSTM) else "gru"
    supported = (
        config["activation"] == "tanh"
        and config["recurrent_activation"] == "sigmoid"
        and config["use_bias"]
        and not config["go_backwards"]
        and config.get("reset_after", True)
    )
    if not supported:
        raise NotImplementedError(
            f"NumpyRecurrentNetwork: layer {layer.name!r} is not supported; expected tanh and "
            "sigmoid activations, a bias, go_backwards=False and (GRU) reset_after=True"
        )
    return cell
