"""Keras model builders for the recurrent networks skltsm trains.

One function builds the three variants of the same network: the explicit-state model the
training engine uses, the tutorial's stateful model (a reference for tests and benchmarks)
and a plain ``x -> y`` model. The variants create their weights in the same order, so
``model.get_weights()`` of one can be loaded into another.
"""

import keras
import numpy as np

_CELLS = {"lstm": (keras.layers.LSTM, 2), "gru": (keras.layers.GRU, 1)}


def build_recurrent_network(
    *,
    timesteps,
    features,
    outputs=1,
    units=(4,),
    cell="lstm",
    dropout=0.0,
    recurrent_dropout=0.0,
    explicit_state=True,
    stateful_batch_size=None,
    seed=None,
    unroll=None,
):
    """Build a stack of recurrent layers with a dense head (uncompiled).

    Parameters
    ----------
    timesteps, features : int
        Shape of one input row, ``(timesteps, features)``.
    outputs : int, default=1
        Width of the ``Dense`` head.
    units : tuple of int, default=(4,)
        Units of each recurrent layer; every layer but the last returns sequences.
    cell : {"lstm", "gru"}, default="lstm"
        Recurrent cell (GRU with keras' default ``reset_after=True``).
    dropout : float, default=0.0
        Rate of a ``Dropout`` layer after each recurrent layer (none when 0).
    recurrent_dropout : float, default=0.0
        Passed to each recurrent layer.
    explicit_state : bool, default=True
        Inputs ``[x, h1, c1, h2, c2, ...]`` (GRU: ``[x, h1, h2, ...]``) and outputs
        ``[y, h1', c1', ...]``: the network the training engine trains.
    stateful_batch_size : int, optional
        When given (takes precedence over `explicit_state`), the tutorial's own model:
        ``keras.Input(batch_shape=(b, timesteps, features))``, ``stateful=True`` layers,
        output ``y`` only.
    seed : int, optional
        Seeds every initializer and dropout layer: the same seed gives the same weights.
    unroll : bool, optional
        Unroll the time loop. By default only the explicit-state model on the TensorFlow
        backend with ``timesteps <= 16`` is unrolled: its XLA training loop then runs
        about twice as fast. On JAX a ``lax.scan`` compiles several times faster and
        runs about as fast. Unrolling never changes the weights or the arithmetic.

    Returns
    -------
    keras.Model
        The uncompiled model.

    See Also
    --------
    initial_states : Zero states for an explicit-state model.
    train_network : Train an explicit-state model.

    Examples
    --------
    >>> net = build_recurrent_network(timesteps=3, features=2, units=(8, 4), seed=0)
    >>> [tuple(t.shape) for t in net.outputs]
    [(None, 1), (None, 8), (None, 8), (None, 4), (None, 4)]
    >>> tutorial = build_recurrent_network(timesteps=1, features=1, stateful_batch_size=1)
    >>> tutorial.output_shape
    (1, 1)
    """
    layer_class, n_states = _check_arguments(cell, units, stateful_batch_size)
    units = tuple(int(n) for n in units)
    stateful = stateful_batch_size is not None
    explicit = explicit_state and not stateful
    if unroll is None:
        unroll = explicit and timesteps <= 16 and keras.backend.backend() == "tensorflow"
    batch_shape = (stateful_batch_size, timesteps, features)
    x = keras.Input(batch_shape=batch_shape, name="x")
    state_inputs = [
        keras.Input(shape=(n,), name=f"{s}{i + 1}")
        for i, n in enumerate(units)
        for s in ("h", "c")[:n_states]
        if explicit
    ]
    seeds = _seed_sequence(seed, _n_seeds(units))
    h, new_states = x, []
    for i, n in enumerate(units):
        layer = layer_class(
            n,
            return_sequences=i < len(units) - 1,
            return_state=explicit,
            stateful=stateful,
            recurrent_dropout=recurrent_dropout,
            unroll=unroll,
            name=f"{cell}_{i + 1}",
            **_recurrent_seeds(seeds[4 * i : 4 * i + 3]),
        )
        if explicit:
            h, *layer_states = layer(h, initial_state=state_inputs[n_states * i :][:n_states])
            new_states += layer_states
        else:
            h = layer(h)
        if dropout:
            h = keras.layers.Dropout(dropout, seed=seeds[4 * i + 3], name=f"dropout_{i + 1}")(h)
    y = keras.layers.Dense(outputs, kernel_initializer=_glorot(seeds[-2]), name="head")(h)
    if explicit:
        return keras.Model([x, *state_inputs], [y, *new_states], name=f"{cell}_explicit_state")
    return keras.Model(x, y, name=f"{cell}_{'stateful' if stateful else 'network'}")


def _check_arguments(cell, units, stateful_batch_size):
    """Validate the builder's arguments; return the layer class and states per layer."""
    if cell not in _CELLS:
        raise ValueError(f"build_recurrent_network: cell={cell!r}; expected 'lstm' or 'gru'")
    if isinstance(units, int | np.integer):
        raise TypeError(f"build_recurrent_network: units={units!r}; expected a tuple such as (4,)")
    if len(units) == 0 or any(int(n) < 1 for n in units):
        raise ValueError(f"build_recurrent_network: units={units!r}; need positive integers")
    if stateful_batch_size is not None and int(stateful_batch_size) < 1:
        raise ValueError(
            f"build_recurrent_network: stateful_batch_size={stateful_batch_size!r}; "
            "expected a positive integer or None"
        )
    return _CELLS[cell]


def _n_seeds(units):
    """Seeds a network draws: kernel, recurrent, layer and dropout per layer, then the head.

    Layer ``i`` takes ``seeds[4 * i : 4 * i + 4]`` and the head's kernel ``seeds[-2]``.
    """
    return 4 * len(units) + 2


def initial_weights(*, features, outputs=1, units=(4,), cell="lstm", seed, **_):
    """Return the initial weights of :func:`build_recurrent_network`, building no model.

    Each weight comes from the keras initializer the builder gives its layer, applied to
    the weight's shape with the same seed, so the arrays equal
    ``build_recurrent_network(..., seed=seed).get_weights()`` bit for bit (tested) at a
    fraction of the cost: no layer, graph or model is made.

    Parameters
    ----------
    features, outputs : int
        Input features per time step and width of the dense head.
    units : tuple of int, default=(4,)
        Units of each recurrent layer.
    cell : {"lstm", "gru"}, default="lstm"
        Recurrent cell.
    seed : int
        The builder's seed.
    **_ : dict
        The builder's other arguments (``timesteps``, ``dropout``, ...), which create no
        weights and are ignored.

    Returns
    -------
    list of numpy.ndarray
        Float32 arrays in the order of ``model.get_weights()``.

    Examples
    --------
    >>> weights = initial_weights(features=2, units=(3,), seed=0)
    >>> [w.shape for w in weights]
    [(2, 12), (3, 12), (12,), (3, 1), (1,)]
    """
    shapes = weight_shapes(features=features, outputs=outputs, units=units, cell=cell)
    seeds = _seed_sequence(seed, _n_seeds(units))
    weights = []
    for i in range(len(units)):
        kernel, recurrent, bias = shapes[3 * i : 3 * i + 3]
        n = recurrent[0]
        weights.append(_draw(_glorot(seeds[4 * i]), kernel))
        weights.append(_draw(keras.initializers.Orthogonal(seed=seeds[4 * i + 1]), recurrent))
        if cell == "lstm":  # keras' unit_forget_bias: ones for the forget gate
            weights.append(np.concatenate([np.zeros(n), np.ones(n), np.zeros(2 * n)]))
        else:  # reset_after=True: an input and a recurrent bias
            weights.append(np.zeros(bias))
    weights += [_draw(_glorot(seeds[-2]), shapes[-2]), np.zeros(shapes[-1])]
    return [np.asarray(w, dtype=np.float32) for w in weights]


def weight_shapes(*, features, outputs=1, units=(4,), cell="lstm", **_):
    """Return the shapes of the weights of :func:`build_recurrent_network`, in order.

    Parameters
    ----------
    features, outputs : int
        Input features per time step and width of the dense head.
    units : tuple of int, default=(4,)
        Units of each recurrent layer.
    cell : {"lstm", "gru"}, default="lstm"
        Recurrent cell.
    **_ : dict
        The builder's other arguments, which create no weights and are ignored.

    Returns
    -------
    list of tuple
        Kernel, recurrent kernel and bias of each layer, then the head's kernel and bias.

    Examples
    --------
    >>> weight_shapes(features=1, units=(2,), cell="gru")
    [(1, 6), (2, 6), (2, 6), (2, 1), (1,)]
    """
    _check_arguments(cell, units, None)
    gates = 4 if cell == "lstm" else 3
    shapes, width = [], int(features)
    for n in (int(n) for n in units):
        bias = (gates * n,) if cell == "lstm" else (2, gates * n)
        shapes += [(width, gates * n), (n, gates * n), bias]
        width = n
    return shapes + [(width, int(outputs)), (int(outputs),)]


def _draw(initializer, shape):
    return keras.ops.convert_to_numpy(initializer(shape, dtype="float32"))


def _seed_sequence(seed, n):
    """Return `n` distinct integer seeds drawn from `seed` (all None when `seed` is None)."""
    if seed is None:
        return [None] * n
    return [int(s) for s in np.random.default_rng(seed).integers(0, 2**31 - 1, size=n)]


def _glorot(seed):
    return keras.initializers.GlorotUniform(seed=seed)


def _recurrent_seeds(seeds):
    """Seeded initializers and dropout seed for one recurrent layer."""
    kernel, recurrent, layer = seeds
    return {
        "kernel_initializer": _glorot(kernel),
        "recurrent_initializer": keras.initializers.Orthogonal(seed=recurrent),
        "seed": layer,
    }


def recurrent_layers(model):
    """Return the recurrent (LSTM or GRU) layers of `model`, in order.

    Parameters
    ----------
    model : keras.Model
        A model built by :func:`build_recurrent_network`.

    Returns
    -------
    list of keras.layers.Layer

    Examples
    --------
    >>> net = build_recurrent_network(timesteps=2, features=1, units=(3, 2), cell="gru")
    >>> [layer.name for layer in recurrent_layers(net)]
    ['gru_1', 'gru_2']
    """
    return [
        layer for layer in model.layers if isinstance(layer, keras.layers.LSTM | keras.layers.GRU)
    ]


def state_shapes(model):
    """Return the shape of each state input of a model, without the batch dimension.

    Parameters
    ----------
    model : keras.Model
        Any model built by :func:`build_recurrent_network`.

    Returns
    -------
    list of tuple
        ``[(units1,), (units1,), (units2,), ...]`` in the order ``h1, c1, h2, c2, ...``
        (GRU: ``h1, h2, ...``).

    Examples
    --------
    >>> state_shapes(build_recurrent_network(timesteps=1, features=1, units=(4, 2)))
    [(4,), (4,), (2,), (2,)]
    """
    shapes = []
    for layer in recurrent_layers(model):
        n_states = 2 if isinstance(layer, keras.layers.LSTM) else 1
        shapes += [(layer.units,)] * n_states
    return shapes


def initial_states(model, batch_size=1, dtype="float32"):
    """Return the zero states ``[h1, c1, ...]`` for a batch of `batch_size` rows.

    Parameters
    ----------
    model : keras.Model
        Any model built by :func:`build_recurrent_network`.
    batch_size : int, default=1
        Number of rows.
    dtype : str, default="float32"
        NumPy dtype of the arrays.

    Returns
    -------
    list of numpy.ndarray

    Examples
    --------
    >>> net = build_recurrent_network(timesteps=1, features=1, units=(4,))
    >>> [s.shape for s in initial_states(net, batch_size=2)]
    [(2, 4), (2, 4)]
    """
    return [np.zeros((batch_size, *shape), dtype=dtype) for shape in state_shapes(model)]


def copy_weights(src, dst):
    """Copy the weights of `src` into `dst` (any two variants of the same network).

    Parameters
    ----------
    src, dst : keras.Model
        Models built by :func:`build_recurrent_network` with the same architecture.

    Returns
    -------
    keras.Model
        `dst`, with the weights of `src`.

    Examples
    --------
    >>> a = build_recurrent_network(timesteps=1, features=1, seed=1)
    >>> b = build_recurrent_network(timesteps=1, features=1, stateful_batch_size=1, seed=2)
    >>> all((u == v).all() for u, v in zip(a.get_weights(), copy_weights(a, b).get_weights()))
    True
    """
    dst.set_weights(src.get_weights())
    return dst
