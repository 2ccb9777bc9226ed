"""train_network against keras itself: the tutorial's stateful loop and plain ``fit``.

The reference is always keras' own training on a twin model with the same initial weights;
the engine runs under XLA, so weights agree to float32 rounding, not bit for bit.
"""

import keras
import numpy as np
import pytest

from skltsm.networks import NumpyRecurrentNetwork, copy_weights, train_network

from ._helpers import assert_weights_close, compiled, tiny_data, tutorial_loop

EPOCHS = 3


# jit_compile="auto" runs these tiny cases as a plain TensorFlow graph; True forces XLA.
@pytest.mark.parametrize(
    "cell, units, batch_size, jit_compile",
    [
        ("lstm", (4,), 1, "auto"),
        ("lstm", (4,), 1, True),
        ("gru", (3, 2), 1, "auto"),
        ("lstm", (3,), 2, "auto"),
    ],
)
def test_carry_state_equals_the_tutorial_stateful_loop(cell, units, batch_size, jit_compile):
    X, y = tiny_data(n=8, timesteps=2, features=1)
    shape = dict(timesteps=2, features=1, units=units, cell=cell)
    net = compiled(**shape, seed=0)
    tutorial = copy_weights(net, compiled(**shape, stateful_batch_size=batch_size))
    expected_losses, expected_states = tutorial_loop(tutorial, X, y, EPOCHS, batch_size)
    history = train_network(
        net, X, y, epochs=EPOCHS, batch_size=batch_size, carry_state=True, jit_compile=jit_compile
    )
    assert_weights_close(net.get_weights(), tutorial.get_weights())
    np.testing.assert_allclose(history["loss"], expected_losses, rtol=1e-4, atol=1e-6)
    # the state keras' stateful layers hold at the end of the last epoch, before the reset
    assert_weights_close(history["final_state"], expected_states)


@pytest.mark.parametrize("batch_size, jit_compile", [(3, "auto"), (3, True), (8, "auto")])
def test_no_carry_equals_plain_fit_including_a_partial_last_batch(batch_size, jit_compile):
    X, y = tiny_data(n=8, timesteps=1, features=2, outputs=2)
    shape = dict(timesteps=1, features=2, outputs=2, units=(4,))
    net = compiled(**shape, seed=0)
    plain = copy_weights(net, compiled(**shape, explicit_state=False))
    fitted = plain.fit(X, y, epochs=EPOCHS, batch_size=batch_size, shuffle=False, verbose=0)
    history = train_network(
        net, X, y, epochs=EPOCHS, batch_size=batch_size, carry_state=False, jit_compile=jit_compile
    )
    assert_weights_close(net.get_weights(), plain.get_weights())
    np.testing.assert_allclose(history["loss"], fitted.history["loss"], rtol=1e-4, atol=1e-6)


def test_state_is_carried_across_rows_and_reset_at_every_epoch():
    # With a zero learning rate the weights stay put, so the state after an epoch's last
    # row must equal a walk-forward over all rows from zero state, whatever the epoch.
    X, y = tiny_data(n=7)
    net = compiled(
        optimizer=keras.optimizers.SGD(learning_rate=0.0),
        units=(3,),
        timesteps=1,
        features=1,
        seed=0,
    )
    _, walk_state = NumpyRecurrentNetwork.from_keras(net).run(X)
    for epochs in (1, 4):
        final = train_network(net, X, y, epochs=epochs)["final_state"]
        assert_weights_close(final, walk_state, rtol=1e-5, atol=1e-6)
    # without carrying, the last batch (rows 5, 6) starts from zero state
    final = train_network(net, X, y, epochs=2, batch_size=5, carry_state=False)["final_state"]
    numpy_net = NumpyRecurrentNetwork.from_keras(net)
    _, last_batch_state = numpy_net.step(X[5:], numpy_net.initial_state(2))
    assert_weights_close(final, last_batch_state, rtol=1e-5, atol=1e-6)


def test_chunks_and_callback_equal_one_call():
    X, y = tiny_data(n=6)
    one = compiled(units=(3,), timesteps=1, features=1, seed=0)
    chunked = copy_weights(one, compiled(units=(3,), timesteps=1, features=1))
    calls = []
    chunked_history = train_network(
        chunked, X, y, epochs=5, epochs_per_call=2, on_epochs_end=lambda *a: calls.append(a)
    )
    history = train_network(one, X, y, epochs=5)
    assert [done for done, _ in calls] == [2, 4, 5]
    assert [loss for _, loss in calls] == [chunked_history["loss"][i] for i in (1, 3, 4)]
    np.testing.assert_allclose(chunked_history["loss"], history["loss"], rtol=1e-6)
    assert_weights_close(chunked.get_weights(), one.get_weights(), rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize("jit_compile", [False, True])
def test_same_seed_gives_bit_identical_weights_with_dropout_and_shuffle(jit_compile):
    X, y = tiny_data(n=9)
    # graph mode also checks recurrent dropout; the XLA case stays small to compile fast
    extra = dict(units=(2,)) if jit_compile else dict(units=(3, 2), recurrent_dropout=0.2)
    shape = dict(timesteps=1, features=1, dropout=0.3, **extra)

    def train(seed):
        net = compiled(**shape, seed=7)
        train_network(
            net,
            X,
            y,
            epochs=3,
            batch_size=2,
            carry_state=False,
            shuffle=True,
            seed=seed,
            jit_compile=jit_compile,
        )
        return net.get_weights()

    first, second = train(1), train(1)
    assert all(np.array_equal(a, b) for a, b in zip(first, second, strict=True))
    if not jit_compile:
        other = train(2)
        assert not all(np.array_equal(a, b) for a, b in zip(first, other, strict=True))


def test_refit_reuses_the_compiled_call_and_keeps_the_optimizer_state():
    X, y = tiny_data(n=6)
    net = compiled(units=(2,), timesteps=1, features=1, seed=0)
    twin = copy_weights(net, compiled(units=(2,), timesteps=1, features=1))
    train_network(net, X, y, epochs=3)
    train_network(net, X, y, epochs=4)  # the same power-of-two loss buffer: no new trace
    assert len(net.__dict__["_skltsm_runners"]) == 1
    train_network(twin, X, y, epochs=7, epochs_per_call=4)
    assert int(net.optimizer.iterations) == 7 * 6
    assert_weights_close(net.get_weights(), twin.get_weights(), rtol=1e-6, atol=1e-7)


def test_the_runner_cache_keeps_the_most_recent(monkeypatch):
    from skltsm.networks import _training

    monkeypatch.setattr(_training, "MAX_RUNNERS", 2)
    net = compiled(units=(2,), timesteps=1, features=1, seed=0)
    for batch_size in (1, 2, 3, 1):
        train_network(net, *tiny_data(n=6), epochs=1, batch_size=batch_size)
    assert [key[0].batch_size for key in net.__dict__["_skltsm_runners"]] == [3, 1]


def test_one_graph_serves_every_row_count():
    """Walk-forward retraining adds a row a step: a trace per length would cost ~1 s and
    megabytes TensorFlow never frees. Results equal those of a call traced afresh."""
    net = compiled(units=(2,), timesteps=1, features=1, seed=0)
    twin = copy_weights(net, compiled(units=(2,), timesteps=1, features=1))
    start = net.get_weights()
    for n in (4, 5, 7, 6):
        X, y = tiny_data(n=n)
        twin.__dict__.pop("_skltsm_runners", None)
        expected = train_network(twin, X, y, epochs=2, batch_size=3)
        got = train_network(net, X, y, epochs=2, batch_size=3)
        np.testing.assert_allclose(got["loss"], expected["loss"], rtol=1e-6)
        assert [s.shape for s in got["final_state"]] == [(n % 3 or 3, 2)] * 2
        assert_weights_close(net.get_weights(), twin.get_weights(), rtol=1e-6, atol=1e-7)
    if keras.backend.backend() == "tensorflow":
        assert len(net.__dict__["_skltsm_runners"]) == 1
    assert not all(np.array_equal(a, b) for a, b in zip(start, net.get_weights(), strict=True))


def test_a_batch_above_the_row_count_is_one_batch_and_one_graph():
    """Short series fitted one after another (M3's, each its own length) share one trace;
    all rows then form the last batch, with the weights of a batch of exactly the rows."""
    net = compiled(units=(2,), timesteps=1, features=1, seed=0)
    twin = copy_weights(net, compiled(units=(2,), timesteps=1, features=1))
    for n in (4, 5, 7):
        X, y = tiny_data(n=n)
        got = train_network(net, X, y, epochs=2, batch_size=16, carry_state=False)
        expected = train_network(twin, X, y, epochs=2, batch_size=n, carry_state=False)
        np.testing.assert_array_equal(got["loss"], expected["loss"])
        for a, b in zip(net.get_weights(), twin.get_weights(), strict=True):
            np.testing.assert_array_equal(a, b)
    if keras.backend.backend() == "tensorflow":
        assert len(net.__dict__["_skltsm_runners"]) == 1


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"X": np.zeros((4, 2, 1))}, r"expected X of shape \(n, 1, 1\)"),
        ({"y": np.zeros((3, 1))}, "same n rows"),
        ({"epochs": 0}, "epochs >= 1"),
        ({"batch_size": 0}, "batch_size >= 1"),
    ],
)
def test_bad_input_raises_clear_errors(kwargs, message):
    net = compiled(units=(2,), timesteps=1, features=1)
    args = {"X": np.zeros((4, 1, 1)), "y": np.zeros((4, 1)), "epochs": 1, **kwargs}
    with pytest.raises(ValueError, match=message):
        train_network(net, args.pop("X"), args.pop("y"), **args)


def test_uncompiled_or_stateless_models_are_refused():
    from skltsm.networks import build_recurrent_network

    X, y = np.zeros((4, 1, 1)), np.zeros((4, 1))
    with pytest.raises(ValueError, match="not compiled"):
        train_network(build_recurrent_network(timesteps=1, features=1), X, y, epochs=1)
    plain = compiled(timesteps=1, features=1, explicit_state=False)
    with pytest.raises(ValueError, match="explicit-state model"):
        train_network(plain, X, y, epochs=1)


def test_long_training_runs_in_bounded_calls_with_the_same_result(monkeypatch):
    """Ctrl-C lands only between compiled calls, so a call is bounded in batch steps."""
    from skltsm.networks import _training

    X, y = tiny_data(n=6)
    net = compiled(units=(2,), timesteps=1, features=1, seed=0)
    twin = copy_weights(net, compiled(units=(2,), timesteps=1, features=1))
    whole = train_network(net, X, y, epochs=5)
    monkeypatch.setattr(_training, "MAX_STEPS_PER_CALL", 12)  # two epochs of six rows
    calls = []
    engine = _training._engine(keras.backend.backend())
    make_runner = engine.make_runner

    def counting_runner(*args):
        run = make_runner(*args)
        return lambda *a: calls.append(a[3]) or run(*a)

    monkeypatch.setattr(engine, "make_runner", counting_runner)
    split = train_network(twin, X, y, epochs=5)
    assert calls == [2, 2, 1]
    np.testing.assert_allclose(split["loss"], whole["loss"], rtol=1e-6)
    assert_weights_close(twin.get_weights(), net.get_weights(), rtol=1e-6, atol=1e-7)
