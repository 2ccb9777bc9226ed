"""build_recurrent_network: output shapes of every variant, weight order, seeds, errors."""

import numpy as np
import pytest

from skltsm.networks import (
    build_recurrent_network,
    copy_weights,
    initial_states,
    recurrent_layers,
    state_shapes,
)


@pytest.mark.parametrize("cell", ["lstm", "gru"])
@pytest.mark.parametrize("units", [(4,), (5, 3)])
@pytest.mark.parametrize("outputs", [1, 3])
def test_output_shapes_of_all_variants(cell, units, outputs):
    common = dict(timesteps=2, features=3, outputs=outputs, units=units, cell=cell, dropout=0.2)
    explicit = build_recurrent_network(**common)
    n_states = 2 if cell == "lstm" else 1
    states = [(None, n) for n in units for _ in range(n_states)]
    assert [tuple(t.shape) for t in explicit.inputs] == [(None, 2, 3), *states]
    assert [tuple(t.shape) for t in explicit.outputs] == [(None, outputs), *states]
    stateful = build_recurrent_network(**common, stateful_batch_size=2)
    assert stateful.input_shape == (2, 2, 3) and stateful.output_shape == (2, outputs)
    assert all(layer.stateful for layer in recurrent_layers(stateful))
    plain = build_recurrent_network(**common, explicit_state=False)
    assert plain.input_shape == (None, 2, 3) and plain.output_shape == (None, outputs)
    dropouts = [layer for layer in plain.layers if layer.__class__.__name__ == "Dropout"]
    assert len(dropouts) == len(units)
    assert state_shapes(explicit) == state_shapes(stateful) == [(n,) for _, n in states]


@pytest.mark.parametrize("cell", ["lstm", "gru"])
def test_variants_share_weight_order_and_compute_the_same(cell):
    common = dict(timesteps=3, features=2, outputs=2, units=(4, 3), cell=cell)
    explicit = build_recurrent_network(**common, seed=1)
    plain = copy_weights(explicit, build_recurrent_network(**common, explicit_state=False))
    stateful = copy_weights(explicit, build_recurrent_network(**common, stateful_batch_size=5))
    shapes = [w.shape for w in explicit.get_weights()]
    assert shapes == [w.shape for w in plain.get_weights()]
    assert shapes == [w.shape for w in stateful.get_weights()]
    X = np.random.default_rng(0).standard_normal((5, 3, 2)).astype("float32")
    y_explicit = explicit([X, *initial_states(explicit, 5)])[0]
    np.testing.assert_allclose(plain(X), y_explicit, rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(stateful(X), y_explicit, rtol=1e-6, atol=1e-6)


def test_seed_makes_initial_weights_reproducible():
    def weights(seed):
        return build_recurrent_network(
            timesteps=1, features=1, units=(4, 2), seed=seed
        ).get_weights()

    assert all(np.array_equal(a, b) for a, b in zip(weights(3), weights(3), strict=True))
    assert not np.array_equal(weights(3)[0], weights(4)[0])


def test_initial_states_are_zero_arrays():
    model = build_recurrent_network(timesteps=1, features=1, units=(4, 2), cell="gru")
    states = initial_states(model, batch_size=3)
    assert [s.shape for s in states] == [(3, 4), (3, 2)]
    assert all(not s.any() and s.dtype == np.float32 for s in states)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"cell": "rnn"}, "expected 'lstm' or 'gru'"),
        ({"units": 4}, "expected a tuple"),
        ({"units": ()}, "need positive integers"),
        ({"units": (4, 0)}, "need positive integers"),
        ({"stateful_batch_size": 0}, "stateful_batch_size=0"),
    ],
)
def test_bad_arguments_raise_clear_errors(kwargs, message):
    with pytest.raises((ValueError, TypeError), match=message):
        build_recurrent_network(timesteps=1, features=1, **kwargs)
