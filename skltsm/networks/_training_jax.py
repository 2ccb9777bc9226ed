"""JAX engine of ``train_network``: a chunk of epochs in one ``jax.jit`` call.

The call runs ``lax.fori_loop`` over epochs and ``lax.scan`` over the full batches of an
epoch (a smaller last batch is one more step of static shape). Each step is keras' JAX
``train_step`` written out: ``model.stateless_call`` under ``jax.grad``, then
``optimizer.stateless_apply``; the ``(h, c)`` state is part of the loop carry, so the
gradient stops at batch boundaries. The variables are written back after the call.

jax is imported inside the functions: the module imports without it (doctest collection).
"""

import numpy as np


def make_runner(model, plan, loss_fn, jit_compile):
    """Return ``run(X, y, orders, n_epochs) -> (losses, final_state)`` for `plan`.

    Parameters
    ----------
    model : keras.Model
        Compiled explicit-state model; its variables are updated after each call.
    plan : TrainingPlan
        Static batching facts of the call.
    loss_fn : callable
        ``loss_fn(y_true, y_pred) -> scalar`` written with ``keras.ops``.
    jit_compile : bool
        Ignored: JAX always compiles with XLA.

    Returns
    -------
    callable
    """
    import jax
    import jax.numpy as jnp
    from jax import lax

    optimizer = model.optimizer
    if not optimizer.built:
        optimizer.build(model.trainable_variables)
    groups = (model.trainable_variables, model.non_trainable_variables, optimizer.variables)
    epoch = _make_epoch(_make_step(model, loss_fn), plan)

    @jax.jit
    def run_chunk(values, X, y, orders, n_epochs):
        def body(e, carry):
            values, losses, _ = carry
            values, loss, final = epoch(values, X, y, orders, e)
            return values, losses.at[e].set(loss), final

        start = (values, jnp.zeros(plan.max_epochs, X.dtype), _final_zeros(plan, X.dtype))
        return lax.fori_loop(0, n_epochs, body, start)

    def run(X, y, orders, n_epochs):
        values = tuple([v.value for v in group] for group in groups)
        values, losses, final = run_chunk(values, X, y, orders, n_epochs)
        for group, new_values in zip(groups, values, strict=True):
            for variable, value in zip(group, new_values, strict=True):
                variable.assign(value)
        return np.asarray(losses)[:n_epochs], [np.asarray(s) for s in final]

    return run


def _make_step(model, loss_fn):
    """One keras train step on a batch with explicit input state, as a pure function."""
    import jax

    optimizer = model.optimizer

    def compute_loss(trainable, non_trainable, xb, yb, state):
        outputs, non_trainable, losses = model.stateless_call(
            trainable, non_trainable, [xb, *state], training=True, return_losses=True
        )
        loss = loss_fn(yb, outputs[0])
        for extra in losses:
            loss = loss + extra
        return optimizer.scale_loss(loss), (loss, non_trainable, list(outputs[1:]))

    gradient = jax.grad(compute_loss, has_aux=True)

    def step(values, xb, yb, state):
        trainable, non_trainable, optimizer_values = values
        grads, (loss, non_trainable, state) = gradient(trainable, non_trainable, xb, yb, state)
        trainable, optimizer_values = optimizer.stateless_apply(optimizer_values, grads, trainable)
        return (trainable, non_trainable, optimizer_values), loss, state

    return step


def _zeros(plan, rows, dtype):
    import jax.numpy as jnp

    return [jnp.zeros((rows, *shape), dtype) for shape in plan.state_shapes]


def _final_zeros(plan, dtype):
    """Zero arrays shaped like the state after an epoch's last batch."""
    return _zeros(plan, plan.tail or plan.batch_size, dtype)


def _make_epoch(step, plan):
    """One epoch: state reset to zeros, full batches in a scan, then the tail."""
    import jax.numpy as jnp
    from jax import lax

    size, rows = plan.batch_size, plan.n_full * plan.batch_size

    def epoch(values, X, y, orders, e):
        if plan.shuffle:
            X, y = X[orders[e]], y[orders[e]]
        zeros = _zeros(plan, size, X.dtype)
        batches = (
            X[:rows].reshape(plan.n_full, size, *X.shape[1:]),
            y[:rows].reshape(plan.n_full, size, y.shape[1]),
        )

        def body(carry, batch):
            values, total, state = carry
            state = state if plan.carry_state else zeros
            values, loss, state = step(values, *batch, state)
            return (values, total + loss * size, state), None

        start = (values, jnp.zeros([], X.dtype), zeros)
        (values, total, state), _ = lax.scan(body, start, batches)
        if plan.tail:
            tail_state = [s[: plan.tail] for s in state]
            if not plan.carry_state:
                tail_state = _zeros(plan, plan.tail, X.dtype)
            values, loss, state = step(values, X[rows:], y[rows:], tail_state)
            total = total + loss * plan.tail
        return values, total / plan.n_rows, state

    return epoch
