"""Train an explicit-state network with all its epochs in compiled calls.

``train_network`` checks the data, plans the batches, and hands the loop to the backend's
engine (``_training_tensorflow`` or ``_training_jax``). An engine compiles one call that runs
every batch of a chunk of epochs, carrying the explicit ``(h, c)`` state as loop variables,
and caches it per data shape (in the caller's ``runners`` dict, or on the model when none is
given), so refitting the same model does not retrace.
"""

import dataclasses
import math
from dataclasses import dataclass

import keras
import numpy as np

from skltsm.networks._builders import state_shapes

# With ``jit_compile="auto"`` (TensorFlow) a call of at least this many batch steps is
# compiled with XLA: XLA compiles in 2-10 s, then a step of a small network costs a few
# microseconds instead of about 0.3 ms in a plain TensorFlow graph.
XLA_MIN_STEPS = 5_000

# Batch steps of one compiled call when the caller does not choose: a few seconds at most
# (0.3 ms a step in a plain graph), so an interrupt is not held up for long.
MAX_STEPS_PER_CALL = 2**14

# Compiled runners kept per model (one per data shape, batching and loss-buffer size).
MAX_RUNNERS = 8


@dataclass(frozen=True)
class TrainingPlan:
    """How a training call walks the rows: static facts an engine compiles against.

    Attributes
    ----------
    n_rows, batch_size : int
        Rows of the data and rows of a full batch. `n_rows`, `n_full` and `tail` are None
        in the plan an engine compiles against when it reads them off the data instead
        (TensorFlow without XLA), so one compiled call serves every number of rows.
    n_full : int
        Number of full batches per epoch.
    tail : int
        Rows of the smaller last batch (0 when `batch_size` divides `n_rows`).
    carry_state : bool
        Carry the state from batch to batch within an epoch.
    shuffle : bool
        Rows are permuted every epoch (the engine gathers them by an order array).
    max_epochs : int
        Length of the loss buffer: a power of two, at least the epochs of any chunk.
    state_shapes : tuple of tuple
        Shapes of the states without the batch dimension.
    """

    n_rows: int
    batch_size: int
    n_full: int
    tail: int
    carry_state: bool
    shuffle: bool
    max_epochs: int
    state_shapes: tuple


def train_network(
    model,
    X,
    y,
    *,
    epochs,
    batch_size=1,
    carry_state=True,
    shuffle=False,
    seed=None,
    on_epochs_end=None,
    epochs_per_call=None,
    jit_compile="auto",
    runners=None,
):
    """Train a compiled explicit-state model with keras' semantics, fast.

    Parameters
    ----------
    model : keras.Model
        An explicit-state model of :func:`build_recurrent_network`, compiled with an
        optimizer and a loss; its optimizer state carries over between calls.
    X : array-like of shape (n, timesteps, features)
        Input rows in time order.
    y : array-like of shape (n, outputs)
        Targets.
    epochs : int
        Number of epochs.
    batch_size : int, default=1
        Rows per batch; a smaller last batch is averaged over its own rows, like keras.
    carry_state : bool, default=True
        True: state carried from batch to batch, reset to zeros at the start of every
        epoch, gradient truncated at batch boundaries (keras' ``stateful=True`` with a reset
        after every epoch). False: every batch starts from zero state (plain ``fit``).
    shuffle : bool, default=False
        Permute the rows every epoch (from `seed`); False reproduces
        ``fit(shuffle=False)``.
    seed : int, optional
        Seeds the shuffling and re-seeds the model's dropout generators, so the same
        seed and initial weights give bit-identical weights.
    on_epochs_end : callable, optional
        ``on_epochs_end(epochs_done, loss)`` is called after every compiled chunk with the
        last epoch's loss. When None, all epochs run in one compiled call.
    epochs_per_call : int, optional
        Epochs per compiled chunk; default ``ceil(epochs / 100)`` with a callback.
    jit_compile : bool or "auto", default="auto"
        TensorFlow backend: compile the loop with XLA; "auto" does so when the call runs at
        least ``XLA_MIN_STEPS`` batch steps, and otherwise runs a plain graph that is
        traced in well under a second. JAX always compiles with XLA.
    runners : dict, optional
        The cache of compiled calls for `model`, owned by the caller (``NetworkPool``
        keeps one per pooled network). When None, the cache is kept on the model itself.

    Returns
    -------
    dict
        ``"loss"``: the loss of each epoch, the mean of its batch losses weighted by their
        rows (what keras' ``fit`` reports); ``"final_state"``: the states ``[h1, c1, ...]``
        after the last batch of the last epoch, before the next epoch's reset (numpy
        arrays; what keras' stateful layers hold at the end of ``fit(epochs=1)``).

    See Also
    --------
    build_recurrent_network : Build the explicit-state model.

    Examples
    --------
    >>> from skltsm.networks import build_recurrent_network
    >>> net = build_recurrent_network(timesteps=1, features=1, units=(2,), seed=0)
    >>> net.compile(optimizer="adam", loss="mean_squared_error")
    >>> X, y = np.linspace(-1, 1, 6).reshape(6, 1, 1), np.linspace(0, 1, 6).reshape(6, 1)
    >>> history = train_network(net, X, y, epochs=3, seed=0)
    >>> len(history["loss"]), [s.shape for s in history["final_state"]]
    (3, [(1, 2), (1, 2)])
    """
    X, y = _check_data(model, X, y, epochs, batch_size)
    if seed is not None:
        reseed_generators(model, seed)
    steps_per_epoch = -(-len(X) // min(int(batch_size), len(X)))
    order_length = len(X) if shuffle else 1
    chunk = _chunk_size(epochs, on_epochs_end, epochs_per_call, order_length, steps_per_epoch)
    plan = _make_plan(model, len(X), batch_size, carry_state, shuffle, chunk)
    if jit_compile == "auto":
        jit_compile = epochs * steps_per_epoch >= XLA_MIN_STEPS
    run = _runner(model, plan, jit_compile, runners)
    rng = np.random.default_rng(seed)
    losses, final_state = [], None
    for start in range(0, epochs, chunk):
        stop = min(start + chunk, epochs)
        orders = _orders(plan, stop - start, rng)
        chunk_losses, final_state = run(X, y, orders, stop - start)
        losses += [float(v) for v in chunk_losses]
        if on_epochs_end is not None:
            on_epochs_end(stop, losses[-1])
    return {"loss": losses, "final_state": final_state}


def _check_data(model, X, y, epochs, batch_size):
    """Check the model and arrays; return X and y in the model's float dtype."""
    if getattr(model, "optimizer", None) is None or model.loss is None:
        raise ValueError(
            "train_network: the model is not compiled; call "
            "model.compile(optimizer='adam', loss='mean_squared_error') first"
        )
    if len(model.inputs) != 1 + len(state_shapes(model)):
        raise ValueError(
            "train_network: expected an explicit-state model with inputs [x, h1, c1, ...]; "
            "build it with build_recurrent_network(explicit_state=True)"
        )
    dtype = keras.backend.standardize_dtype(model.inputs[0].dtype)
    X, y = np.asarray(X, dtype=dtype), np.asarray(y, dtype=dtype)
    if y.ndim == 1:
        y = y[:, None]
    expected = tuple(model.inputs[0].shape[1:])
    if X.ndim != 3 or X.shape[1:] != expected or len(y) != len(X):
        raise ValueError(
            f"train_network: X of shape {X.shape} and y of shape {y.shape}; expected X of "
            f"shape (n, {expected[0]}, {expected[1]}) and y with the same n rows"
        )
    if len(X) == 0 or int(epochs) < 1 or int(batch_size) < 1:
        raise ValueError(
            f"train_network: need at least one row, epochs >= 1 and batch_size >= 1; got "
            f"{len(X)} rows, epochs={epochs}, batch_size={batch_size}"
        )
    return X, y


def _chunk_size(epochs, on_epochs_end, epochs_per_call, order_length, steps_per_epoch):
    """Return the epochs of one compiled call; the last call may run fewer.

    A call holds at most ``2**24`` row indices of shuffled orders (64 MiB), and by default
    at most ``MAX_STEPS_PER_CALL`` batch steps: Ctrl-C only lands between compiled calls.
    """
    if epochs_per_call is None:
        epochs_per_call = epochs if on_epochs_end is None else math.ceil(epochs / 100)
        epochs_per_call = min(epochs_per_call, MAX_STEPS_PER_CALL // steps_per_epoch)
    return max(1, min(int(epochs_per_call), int(epochs), 2**24 // order_length))


def _make_plan(model, n_rows, batch_size, carry_state, shuffle, chunk):
    """Return the static :class:`TrainingPlan` of a call.

    A batch size above the row count is kept (no full batch, all rows in the last one,
    as keras does): clipped to the rows, it would give every data size its own compiled
    call, and a fit of one short series after another would trace each anew.
    """
    batch_size = int(batch_size)
    return TrainingPlan(
        n_rows=n_rows,
        batch_size=batch_size,
        n_full=n_rows // batch_size,
        tail=n_rows % batch_size,
        carry_state=bool(carry_state),
        shuffle=bool(shuffle),
        # a power of two: calls with a similar number of epochs share one compiled call
        max_epochs=1 << (chunk - 1).bit_length(),
        state_shapes=tuple(state_shapes(model)),
    )


def _orders(plan, n_epochs, rng):
    """Row order of each epoch of a chunk, ``(plan.max_epochs, n_rows)`` int32.

    Without shuffling the engines ignore it, and it is a ``(1, 1)`` placeholder.
    """
    if not plan.shuffle:
        return np.zeros((1, 1), dtype=np.int32)
    orders = np.tile(np.arange(plan.n_rows, dtype=np.int32), (plan.max_epochs, 1))
    for e in range(n_epochs):
        orders[e] = rng.permutation(plan.n_rows)
    return orders


def _runner(model, plan, jit_compile, cache=None):
    """Return the backend's compiled runner for `plan`, cached per model and optimizer.

    The cache is the caller's dict, or else lives on the model (bypassing keras'
    attribute tracking), so it dies with the model; it keeps the ``MAX_RUNNERS`` most
    recently used runners.
    """
    backend = keras.backend.backend()
    if backend == "tensorflow" and not jit_compile:
        plan = dataclasses.replace(plan, n_rows=None, n_full=None, tail=None)
    key = (plan, bool(jit_compile), id(model.optimizer), backend)
    if cache is None:
        cache = model.__dict__.get("_skltsm_runners")
    if cache is None:
        cache = {}
        object.__setattr__(model, "_skltsm_runners", cache)
    run = cache.pop(key, None)
    if run is None:
        engine = _engine(backend)
        run = engine.make_runner(model, plan, resolve_loss(model), jit_compile)
    cache[key] = run
    while len(cache) > MAX_RUNNERS:
        cache.pop(next(iter(cache)))
    return run


def _engine(backend):
    """Return the engine module of a keras backend."""
    if backend == "tensorflow":
        from skltsm.networks import _training_tensorflow as engine
    elif backend == "jax":
        from skltsm.networks import _training_jax as engine
    else:
        raise NotImplementedError(
            f"train_network: keras backend {backend!r} is not supported; "
            "use KERAS_BACKEND=tensorflow (default) or jax"
        )
    return engine


def resolve_loss(model):
    """Return the compiled loss of `model` as ``loss(y_true, y_pred) -> scalar``.

    A loss function or name is averaged over the rows of a batch (keras'
    ``"sum_over_batch_size"``); a ``keras.losses.Loss`` instance applies its own reduction.
    For a list or dict of losses, the one for the first output ``y`` is used.
    """
    loss = model.loss
    if isinstance(loss, list | tuple):
        loss = loss[0]
    elif isinstance(loss, dict):
        loss = loss[model.output_names[0]]
    loss = keras.losses.get(loss)
    if isinstance(loss, keras.losses.Loss):
        return loss

    def mean_loss(y_true, y_pred):
        return keras.ops.mean(loss(y_true, y_pred))

    return mean_loss


def reseed_generators(model, seed):
    """Set the state of every random seed generator of `model` from `seed` (dropout)."""
    generators = [v for v in model.variables if v.path.endswith("seed_generator_state")]
    seeds = np.random.default_rng(seed).integers(0, 2**31 - 1, size=len(generators))
    for variable, value in zip(generators, seeds, strict=True):
        variable.assign(np.array([value, 0], dtype=variable.dtype))
