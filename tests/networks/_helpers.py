"""Shared helpers of the network tests: tiny data, compiled models, keras reference loops."""

import numpy as np

from skltsm.networks import build_recurrent_network, recurrent_layers


def tiny_data(n=8, timesteps=1, features=1, outputs=1, seed=0):
    """Rows of a smooth signal with noise: (n, timesteps, features) and (n, outputs)."""
    rng = np.random.default_rng(seed)
    X = np.sin(np.arange(n * timesteps * features) / 3.0).reshape(n, timesteps, features)
    X = X + 0.1 * rng.standard_normal(X.shape)
    y = np.cos(np.arange(n * outputs) / 3.0).reshape(n, outputs)
    return X.astype(np.float32), y.astype(np.float32)


def compiled(optimizer="adam", **kwargs):
    """A network of build_recurrent_network, compiled like the estimators compile it."""
    model = build_recurrent_network(**kwargs)
    model.compile(optimizer=optimizer, loss="mean_squared_error")
    return model


def reset_stateful(model):
    """The tutorial's ``model.reset_states()``: reset every stateful layer (keras 3)."""
    for layer in recurrent_layers(model):
        layer.reset_state()


def layer_states(model):
    """The current states ``[h1, c1, ...]`` of a stateful model, as numpy arrays."""
    return [np.asarray(s) for layer in recurrent_layers(model) for s in layer.states]


def tutorial_loop(model, X, y, epochs, batch_size=1):
    """The tutorial's training loop: one ``fit(epochs=1, shuffle=False)`` + reset per epoch.

    Returns the per-epoch losses and the layer states read just before the last reset.
    """
    losses, states = [], None
    for _ in range(epochs):
        history = model.fit(X, y, epochs=1, batch_size=batch_size, shuffle=False, verbose=0)
        losses += history.history["loss"]
        states = layer_states(model)
        reset_stateful(model)
    return losses, states


def assert_weights_close(a, b, rtol=1e-4, atol=1e-5):
    """Assert two lists of weight arrays are equal to float tolerance."""
    assert len(a) == len(b)
    for u, v in zip(a, b, strict=True):
        np.testing.assert_allclose(u, v, rtol=rtol, atol=atol)


def max_abs_change(before, after):
    return max(float(np.max(np.abs(u - v))) for u, v in zip(before, after, strict=True))
