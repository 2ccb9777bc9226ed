"""TensorFlow engine of ``train_network``: a chunk of epochs in one compiled call.

The call is a ``tf.function`` with two nested ``tf.while_loop``: epochs, then the full
batches of an epoch; a smaller last batch is one more step. Without XLA the number of rows
is left dynamic (``plan.n_rows is None``), so one trace serves every length: walk-forward
retraining grows the data by a row a step, and each new trace would cost about a second and
a few megabytes that TensorFlow never returns (tensorflow/tensorflow#62854). XLA needs
static shapes, so an XLA call is traced for its row count.
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

    def run_chunk(X, y, orders, n_epochs):
        rows = _Rows(plan, X)

        def body(e, losses, final):
            loss, final = epoch(X, y, orders, e, rows)
            return e + 1, tf.tensor_scatter_nd_update(losses, [[e]], [loss]), final

        start = (tf.constant(0), tf.zeros([plan.max_epochs], X.dtype), rows.final_zeros())
        _, losses, final = tf.while_loop(lambda e, *_: e < n_epochs, body, start)
        return losses, final

    signature = None
    if plan.n_rows is None:
        dtype = model.inputs[0].dtype
        signature = [
            tf.TensorSpec([None, *model.inputs[0].shape[1:]], dtype),
            tf.TensorSpec([None, model.outputs[0].shape[-1]], dtype),
            tf.TensorSpec([None, None], tf.int32),
            tf.TensorSpec([], tf.int32),
        ]
    run_chunk = tf.function(
        run_chunk, jit_compile=bool(jit_compile), autograph=False, input_signature=signature
    )

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


class _Rows:
    """Row counts of a call: the plan's static ints, or tensors read off X's dynamic shape."""

    def __init__(self, plan, X):
        self.plan, self.dtype = plan, X.dtype
        if plan.n_rows is None:
            self.n_rows = tf.shape(X)[0]
            self.n_full = self.n_rows // plan.batch_size
            self.tail = self.n_rows % plan.batch_size
        else:
            self.n_rows, self.n_full, self.tail = plan.n_rows, plan.n_full, plan.tail

    def final_zeros(self):
        """Zero arrays shaped like the state after an epoch's last batch."""
        if self.plan.n_rows is None:
            rows = tf.where(self.tail > 0, self.tail, self.plan.batch_size)
            return _zeros(self.plan, rows, self.dtype)
        return _zeros(self.plan, self.tail or self.plan.batch_size, self.dtype)


def _make_epoch(step, plan):
    """One epoch: state reset to zeros, full batches in a while loop, then the tail."""
    size = plan.batch_size

    def epoch(X, y, orders, e, rows):
        if plan.shuffle:
            X, y = tf.gather(X, orders[e]), tf.gather(y, orders[e])
        zeros = _zeros(plan, size, X.dtype)

        def body(k, total, state):
            xb = tf.slice(X, [k * size, 0, 0], [size, *X.shape[1:]])
            yb = tf.slice(y, [k * size, 0], [size, y.shape[1]])
            loss, state = step(xb, yb, state if plan.carry_state else zeros)
            return k + 1, total + loss * size, state

        start = (tf.constant(0), tf.zeros([], X.dtype), zeros)
        _, total, state = tf.while_loop(lambda k, *_: k < rows.n_full, body, start)

        def with_tail():
            start_row = rows.n_full * size
            tail_state = [s[: rows.tail] for s in state]
            if not plan.carry_state:
                tail_state = _zeros(plan, rows.tail, X.dtype)
            loss, tail_end = step(X[start_row:], y[start_row:], tail_state)
            return total + loss * tf.cast(rows.tail, X.dtype), tail_end

        if plan.n_rows is None:
            total, state = tf.cond(rows.tail > 0, with_tail, lambda: (total, state))
        elif plan.tail:
            total, state = with_tail()
        return total / tf.cast(rows.n_rows, X.dtype), state

    return epoch
