"""NumpyRecurrentNetwork against keras: stateful walk-forward predict and explicit state."""

import numpy as np
import pytest

from skltsm.networks import (
    NumpyRecurrentNetwork,
    build_recurrent_network,
    copy_weights,
    initial_states,
)

CASES = [("lstm", (4,)), ("lstm", (4, 3)), ("gru", (4,)), ("gru", (4, 3))]


def _rows(n=6, timesteps=2, features=2):
    rng = np.random.default_rng(1)
    return rng.standard_normal((n, timesteps, features)).astype(np.float32)


@pytest.mark.parametrize("cell, units", CASES)
def test_walk_forward_equals_the_tutorial_stateful_predict(cell, units):
    shape = dict(timesteps=2, features=2, outputs=2, units=units, cell=cell, dropout=0.5)
    stateful = build_recurrent_network(**shape, stateful_batch_size=1, seed=3)
    X = _rows()
    # the tutorial: one predict(batch_size=1) per row, the state carried between the calls
    expected = np.concatenate([stateful.predict(X[i : i + 1], verbose=0) for i in range(3)])
    expected = np.concatenate([expected, stateful.predict(X[3:], batch_size=1, verbose=0)])
    network = NumpyRecurrentNetwork.from_keras(stateful)
    Y, state = network.run(X)
    np.testing.assert_allclose(Y, expected, rtol=1e-5, atol=1e-6)
    keras_state = [
        np.asarray(s) for layer in stateful.layers[1:] for s in getattr(layer, "states", [])
    ]
    np.testing.assert_allclose(
        np.concatenate(state, axis=1), np.concatenate(keras_state, axis=1), rtol=1e-5, atol=1e-6
    )


@pytest.mark.parametrize("cell, units", CASES)
def test_step_equals_the_explicit_state_model(cell, units):
    explicit = build_recurrent_network(timesteps=2, features=2, units=units, cell=cell, seed=4)
    X = _rows(n=5)
    start = [s + 0.5 for s in initial_states(explicit, batch_size=5)]
    expected = explicit.predict([X, *start], verbose=0)
    y, state = NumpyRecurrentNetwork.from_keras(explicit).step(X, start)
    for got, want in zip([y, *state], expected, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)


def test_run_continues_from_a_given_state_and_handles_no_rows():
    model = build_recurrent_network(timesteps=1, features=1, units=(3,), seed=0)
    network = NumpyRecurrentNetwork.from_keras(model)
    X = _rows(n=5, timesteps=1, features=1)
    Y, state = network.run(X)
    Y1, mid = network.run(X[:2])
    Y2, end = network.run(X[2:], mid)
    np.testing.assert_allclose(np.concatenate([Y1, Y2]), Y)
    np.testing.assert_allclose(np.concatenate(end), np.concatenate(state))
    empty, same = network.run(X[:0], state)
    assert empty.shape == (0, 1) and same is state


def test_float32_arithmetic_is_available():
    model = build_recurrent_network(timesteps=1, features=1, units=(3,), cell="gru", seed=0)
    network = NumpyRecurrentNetwork.from_keras(model, dtype=np.float32)
    y, _ = network.step(np.ones((2, 1, 1)), network.initial_state(2))
    assert y.dtype == np.float32 and y.shape == (2, 1)


def test_weights_of_any_variant_give_the_same_network():
    plain = build_recurrent_network(
        timesteps=1, features=1, units=(3,), explicit_state=False, seed=0
    )
    explicit = copy_weights(plain, build_recurrent_network(timesteps=1, features=1, units=(3,)))
    a, b = NumpyRecurrentNetwork.from_keras(plain), NumpyRecurrentNetwork.from_keras(explicit)
    for u, v in zip(a.layer_weights[0] + a.head, b.layer_weights[0] + b.head, strict=True):
        np.testing.assert_array_equal(u, v)


def test_unsupported_layers_are_refused():
    import keras

    x = keras.Input((2, 1))
    model = keras.Model(x, keras.layers.Dense(1)(keras.layers.LSTM(3, activation="relu")(x)))
    with pytest.raises(NotImplementedError, match="not supported"):
        NumpyRecurrentNetwork.from_keras(model)
    dense_only = keras.Model(x, keras.layers.Dense(1)(x))
    with pytest.raises(ValueError, match="expected recurrent layers"):
        NumpyRecurrentNetwork.from_keras(dense_only)
