"""TensorFlow engine of ``train_network``: a chunk of epochs in one compiled call.

The call is a ``tf.function`` (XLA by default) with two nested ``tf.while_loop``: epochs,
then the full batches of an epoch; a smaller last batch is one more step of static shape.
Each step is keras' ``train_step`` (GradientTape, the compiled loss, ``optimizer.apply``)
on the explicit-state model, with the ``(h, c)`` state as a loop variable: the gradient
stops at batch boundaries, exactly like keras' stateful layers.
"""

import tensorflow as tf


def make_runner(model, plan, loss_fn, jit_compile):
    """Return ``run(X, y, orders, n_epochs) -> (losses, final_state)`` for `plan`.

    Parameters
    ----------
    model : keras.Model
        Compiled explicit-state model; its variables are updated in place.
    plan : TrainingPlan
        Static batching facts of the call.
    loss_fn : callable
        ``loss_fn(y_true, y_pred) -> scalar``.
    jit_compile : bool
        Compile the call with XLA.

    Returns
    -------
    callable
    """
    variables = model.trainable_variables
    if not model.optimizer.built:
        model.optimizer.build(variables)
    step = _make_step(model, loss_fn, variables)
    epoch = _make_epoch(step, plan)

    @tf.function(jit_compile=bool(jit_compile), autograph=False)
    def run_chunk(X, y, orders, n_epochs):
        def body(e, losses, final):
            loss, final = epoch(X, y, orders, e)
            return e + 1, tf.tensor_scatter_nd_update(losses, [[e]], [loss]), final

        start = (tf.constant(0), tf.zeros([plan.max_epochs], X.dtype), _final_zeros(plan, X.dtype))
        _, losses, final = tf.while_loop(lambda e, *_: e < n_epochs, body, start)
        return losses, final

    def run(X, y, orders, n_epochs):
        losses, final = run_chunk(
            tf.constant(X), tf.constant(y), tf.constant(orders), tf.constant(n_epochs)
        )
        return losses.numpy()[:n_epochs], [s.numpy() for s in final]

    return run


def _make_step(model, loss_fn, variables):
    """One keras train step on a batch with explicit input state; returns loss, new state."""
    optimizer = model.optimizer

    def step(xb, yb, state):
        with tf.GradientTape() as tape:
            outputs = model([xb, *state], training=True)
            loss = loss_fn(yb, outputs[0])
            if model.losses:
                loss = loss + tf.add_n(model.losses)
            scaled = optimizer.scale_loss(loss)
        gradients = tape.gradient(scaled, variables)
        optimizer.apply(gradients, variables)
        return loss, list(outputs[1:])

    return step


def _zeros(plan, rows, dtype):
    return [tf.zeros((rows, *shape), dtype) for shape in plan.state_shapes]


def _final_zeros(plan, dtype):
    """Zero arrays shaped like the state after an epoch's last batch."""
    return _zeros(plan, plan.tail or plan.batch_size, dtype)


def _make_epoch(step, plan):
    """One epoch: state reset to zeros, full batches in a while loop, then the tail."""
    size = plan.batch_size

    def epoch(X, y, orders, e):
        if plan.shuffle:
            X, y = tf.gather(X, orders[e]), tf.gather(y, orders[e])
        zeros = _zeros(plan, size, X.dtype)

        def body(k, total, state):
            xb = tf.slice(X, [k * size, 0, 0], [size, *X.shape[1:]])
            yb = tf.slice(y, [k * size, 0], [size, y.shape[1]])
            loss, state = step(xb, yb, state if plan.carry_state else zeros)
            return k + 1, total + loss * size, state

        start = (tf.constant(0), tf.zeros([], X.dtype), zeros)
        _, total, state = tf.while_loop(lambda k, *_: k < plan.n_full, body, start)
        if plan.tail:
            rows = plan.n_full * size
            tail_state = [s[: plan.tail] for s in state]
            if not plan.carry_state:
                tail_state = _zeros(plan, plan.tail, X.dtype)
            loss, state = step(X[rows:], y[rows:], tail_state)
            total = total + loss * plan.tail
        return total / plan.n_rows, state

    return epoch
