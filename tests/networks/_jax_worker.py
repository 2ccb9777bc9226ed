"""Train on keras' JAX backend, for ``test_jax_backend.py``; run as a script in a subprocess.

``python _jax_worker.py IN.npz OUT.npz`` with ``KERAS_BACKEND=jax``: loads the data and the
initial weights the TensorFlow test process wrote, trains with ``train_network`` (carried
state at batch 1; zero state at batch 3) and writes the weights, losses and final states
back.
"""

import sys


def _train(shape, weights, X, y, **kwargs):
    from skltsm.networks import build_recurrent_network, train_network

    net = build_recurrent_network(**shape)
    net.set_weights(weights)
    net.compile(optimizer="adam", loss="mean_squared_error")
    history = train_network(net, X, y, epochs=3, **kwargs)
    return net.get_weights(), history


def main(path_in, path_out):
    import keras
    import numpy as np

    assert keras.backend.backend() == "jax", keras.backend.backend()
    data = np.load(path_in)
    X, y, n = data["X"], data["y"], int(data["n_weights"])
    weights = [data[f"w{i}"] for i in range(n)]
    shape = dict(timesteps=X.shape[1], features=X.shape[2], units=tuple(data["units"]))
    out = {}
    carry, history = _train(shape, weights, X, y, batch_size=1, carry_state=True)
    out.update({f"carry{i}": w for i, w in enumerate(carry)})
    out.update({f"state{i}": s for i, s in enumerate(history["final_state"])})
    out["carry_loss"] = np.array(history["loss"])
    no_carry, history = _train(shape, weights, X, y, batch_size=3, carry_state=False)
    out.update({f"nocarry{i}": w for i, w in enumerate(no_carry)})
    out["nocarry_loss"] = np.array(history["loss"])
    np.savez(path_out, **out)


if __name__ == "__main__":
    main(*sys.argv[1:3])
