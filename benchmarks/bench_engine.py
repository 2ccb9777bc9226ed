"""Speed of skltsm's training engine and NumPy forward pass against the tutorials' keras code.

A script, not a test: it prints a markdown table. Each keras backend runs in its own
subprocess (``KERAS_BACKEND`` must be set before keras is imported); JAX is skipped when it
is not installed. Every figure is measured in the same run, so read them as ratios.

* shampoo (tutorial 001): LSTM(4), 23 rows of 1 step x 1 feature, batch 1, 3000 epochs with
  the state carried through each epoch. Reference: 3000 x ``fit(epochs=1, shuffle=False)``
  + ``layer.reset_state()``; timed on ``--tutorial-epochs`` epochs and extrapolated to
  3000 (the first epoch, which traces, counted once; the mean of the others times 2999)
  unless ``--tutorial-epochs 3000`` (about 500 s on TensorFlow).
* sine (tutorial 004): LSTM(50) on 10-step windows, batch 1, 50 epochs, no carried state.
  Reference: ``fit(epochs=50, batch_size=1)``; timed as one ``fit(epochs=1)`` and one
  ``fit(epochs=--fit-epochs - 1)`` on the same model, extrapolated the same way.
* walk-forward step of the shampoo network: ``model.predict(x, batch_size=1)`` on the
  stateful model against ``NumpyRecurrentNetwork.step``.

``train_network`` is always timed in full, including building and compiling (a fresh model).

Usage::

    python benchmarks/bench_engine.py                      # about 3-5 minutes
    python benchmarks/bench_engine.py --tutorial-epochs 3000 --fit-epochs 50   # no extrapolation
    python benchmarks/bench_engine.py --backends tensorflow --tutorial-epochs 20  # quick
"""

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHAMPOO_EPOCHS = 3000
SINE_EPOCHS = 50


def shampoo_rows():
    """The tutorial's 23 training rows: differenced, lag 1, scaled to [-1, 1]."""
    from skltsm.datasets import load_shampoo_sales

    diff = np.diff(np.asarray(load_shampoo_sales(), dtype=float))
    supervised = np.column_stack([np.r_[0.0, diff[:-1]], diff])[:-12]
    low, high = supervised.min(axis=0), supervised.max(axis=0)
    scaled = 2 * (supervised - low) / (high - low) - 1
    return scaled[:, :1].reshape(-1, 1, 1), scaled[:, 1:]


def sine_windows(time_step=10):
    """The tutorial's training windows: sine scaled to [0, 1], 80 % of 10-step windows."""
    data = np.sin(np.linspace(0, 100, 1000))
    data = (data - data.min()) / (data.max() - data.min())
    n = len(data) - time_step - 1
    X = np.stack([data[i : i + time_step] for i in range(n)])[:, :, None]
    y = data[time_step : time_step + n, None]
    train = int(n * 0.8)
    return X[:train], y[:train]


def _model(**kwargs):
    from skltsm.networks import build_recurrent_network

    model = build_recurrent_network(**kwargs)
    model.compile(optimizer="adam", loss="mean_squared_error")
    return model


def _timed(function):
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def bench_shampoo(tutorial_epochs):
    """Tutorial loop (per epoch, extrapolated) vs train_network on 3000 epochs."""
    from skltsm.networks import recurrent_layers, train_network

    X, y = shampoo_rows()
    shape = dict(timesteps=1, features=1, units=(4,), seed=0)

    model = _model(**shape, stateful_batch_size=1)

    def tutorial(epochs):
        for _ in range(epochs):
            model.fit(X, y, epochs=1, batch_size=1, shuffle=False, verbose=0)
            for layer in recurrent_layers(model):
                layer.reset_state()

    first_s, _ = _timed(lambda: tutorial(1))  # includes keras' tracing
    rest_s, _ = _timed(lambda: tutorial(tutorial_epochs - 1))

    def ours():
        model = _model(**shape)
        return model, train_network(model, X, y, epochs=SHAMPOO_EPOCHS, carry_state=True)

    ours_s, (model, history) = _timed(ours)
    warm_s, _ = _timed(lambda: train_network(model, X, y, epochs=SHAMPOO_EPOCHS))
    return {
        "rows": len(X),
        "tutorial_epochs": tutorial_epochs,
        "tutorial_s": first_s + rest_s * (SHAMPOO_EPOCHS - 1) / (tutorial_epochs - 1),
        "ours_s": ours_s,
        "ours_warm_s": warm_s,
        "final_loss": history["loss"][-1],
    }


def bench_sine(fit_epochs):
    """keras fit at batch 1 (per epoch, extrapolated) vs train_network on 50 epochs."""
    from skltsm.networks import train_network

    X, y = sine_windows()
    shape = dict(timesteps=10, features=1, units=(50,), seed=0)
    plain = _model(**shape, explicit_state=False)
    first_s, _ = _timed(lambda: plain.fit(X, y, epochs=1, batch_size=1, verbose=0))
    rest_s, _ = _timed(lambda: plain.fit(X, y, epochs=fit_epochs - 1, batch_size=1, verbose=0))

    def ours():
        return train_network(_model(**shape), X, y, epochs=SINE_EPOCHS, carry_state=False)

    ours_s, history = _timed(ours)
    return {
        "rows": len(X),
        "fit_epochs": fit_epochs,
        "fit_s": first_s + rest_s * (SINE_EPOCHS - 1) / (fit_epochs - 1),
        "ours_s": ours_s,
        "final_loss": history["loss"][-1],
    }


def bench_step(predict_calls=30, numpy_calls=3000):
    """Milliseconds per one-row walk-forward step: keras predict vs the NumPy forward pass."""
    from skltsm.networks import NumpyRecurrentNetwork

    X, _ = shampoo_rows()
    model = _model(timesteps=1, features=1, units=(4,), seed=0, stateful_batch_size=1)
    model.predict(X[:1], batch_size=1, verbose=0)  # trace once
    predict_s, _ = _timed(
        lambda: [
            model.predict(X[i % 23 : i % 23 + 1], batch_size=1, verbose=0)
            for i in range(predict_calls)
        ]
    )
    network = NumpyRecurrentNetwork.from_keras(model)

    def numpy_steps():
        state = network.initial_state(1)
        for i in range(numpy_calls):
            _, state = network.step(X[i % 23 : i % 23 + 1], state)

    numpy_s, _ = _timed(numpy_steps)
    return {
        "predict_ms": 1e3 * predict_s / predict_calls,
        "numpy_ms": 1e3 * numpy_s / numpy_calls,
    }


def worker(args):
    """Run every benchmark on the backend this process was started with; print JSON."""
    import keras

    results = {
        "backend": keras.backend.backend(),
        "step": bench_step(),
        "shampoo": bench_shampoo(args.tutorial_epochs),
        "sine": bench_sine(args.fit_epochs),
    }
    print("RESULT " + json.dumps(results))


def run_backend(backend, args):
    env = {**os.environ, "KERAS_BACKEND": backend, "TF_CPP_MIN_LOG_LEVEL": "3"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    command = [
        sys.executable,
        __file__,
        "--worker",
        "--tutorial-epochs",
        str(args.tutorial_epochs),
        "--fit-epochs",
        str(args.fit_epochs),
    ]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"{backend} benchmark failed:\n{done.stderr[-3000:]}")
    return json.loads(lines[-1][len("RESULT ") :])


def _extrapolated(done, total):
    return "measured" if done >= total else f"extrapolated from {done} epochs"


def table(results):
    """Markdown rows of the results of every backend."""
    rows = [
        "| backend | benchmark | keras reference | train_network / NumPy | speed-up |",
        "|---|---|---|---|---|",
    ]
    for r in results:
        s, w, p = r["shampoo"], r["sine"], r["step"]
        rows.append(
            f"| {r['backend']} | shampoo: LSTM(4), {s['rows']} rows, batch 1, 3000 epochs, "
            f"carried state | tutorial loop {s['tutorial_s']:.1f} s "
            f"({_extrapolated(s['tutorial_epochs'], SHAMPOO_EPOCHS)}) | {s['ours_s']:.2f} s "
            f"incl. build+compile ({s['ours_warm_s']:.2f} s refit) | "
            f"{s['tutorial_s'] / s['ours_s']:.0f}x |"
        )
        rows.append(
            f"| {r['backend']} | sine: LSTM(50), {w['rows']} windows x 10 steps, batch 1, "
            f"50 epochs | fit {w['fit_s']:.1f} s ({_extrapolated(w['fit_epochs'], SINE_EPOCHS)})"
            f" | {w['ours_s']:.2f} s incl. build+compile | {w['fit_s'] / w['ours_s']:.0f}x |"
        )
        rows.append(
            f"| {r['backend']} | walk-forward step, LSTM(4), one row | model.predict "
            f"{p['predict_ms']:.1f} ms | NumpyRecurrentNetwork.step {p['numpy_ms']:.3f} ms | "
            f"{p['predict_ms'] / p['numpy_ms']:.0f}x |"
        )
    return "\n".join(rows)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--tutorial-epochs",
        type=int,
        default=100,
        help="epochs of the tutorial loop actually run, at least 2 (default 100 of 3000)",
    )
    parser.add_argument(
        "--fit-epochs",
        type=int,
        default=3,
        help="epochs of the sine keras fit actually run, at least 2 (default 3 of 50)",
    )
    parser.add_argument(
        "--backends",
        default="tensorflow,jax",
        help="comma-separated keras backends (jax skipped if missing)",
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return worker(args)
    results = []
    for backend in args.backends.split(","):
        if backend == "jax" and importlib.util.find_spec("jax") is None:
            print("jax is not installed: skipping the JAX backend (pip install jax)")
            continue
        started = time.perf_counter()
        results.append(run_backend(backend, args))
        print(f"{backend}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    print(table(results))


if __name__ == "__main__":
    main()
