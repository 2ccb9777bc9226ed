"""The shampoo tutorial end to end: its own keras loop against skltsm, in the same run.

A script, not a test. For each seed it runs the stateful-LSTM tutorial (seed 001: difference,
lag-1 frame, scale to [-1, 1], LSTM(4) with batch size 1, ``--epochs`` x
``fit(epochs=1, shuffle=False)`` + state reset, predict the training rows to build state,
then a one-step walk-forward over the last 12 months with ``model.predict``) and the same
protocol with ``StatefulLSTMRegressor(replay_training=True)`` and its ``walk_forward``.
Both see identical arrays; RMSE is on the original scale. Protocol: **one-step walk-forward
with true lags**, train = first 24 months (23 supervised rows), test = last 12 months.

Usage::

    python benchmarks/bench_tutorial.py                    # 3 seeds x 3000 epochs: ~30 min
    python benchmarks/bench_tutorial.py --epochs 300 --seeds 3   # quick look (~4 min)

Prints a markdown table: train seconds, ms per walk-forward step, the ratios, and RMSE
(mean, sd, min-max over seeds) beside persistence.
"""

import argparse
import os
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402

from skltsm.datasets import load_shampoo_sales  # noqa: E402

TEST_SIZE = 12


def tutorial_arrays():
    """The tutorial's arrays: raw values, and train/test rows scaled to [-1, 1]."""
    from sklearn.preprocessing import MinMaxScaler

    raw = np.asarray(load_shampoo_sales(), dtype=float)
    diff = np.diff(raw)
    supervised = np.column_stack([np.r_[0.0, diff[:-1]], diff])  # shift(1) + fillna(0)
    train, test = supervised[:-TEST_SIZE], supervised[-TEST_SIZE:]
    scaler = MinMaxScaler(feature_range=(-1, 1)).fit(train)
    return raw, scaler, scaler.transform(train), scaler.transform(test)


def invert(raw, scaler, x_row, yhat, i):
    """The tutorial's invert_scale + inverse_difference for test step i."""
    row = np.r_[x_row, yhat].reshape(1, -1)
    value = scaler.inverse_transform(row)[0, -1]
    return value + raw[-(TEST_SIZE + 1 - i)]


def rmse(raw, predictions):
    return float(np.sqrt(np.mean((raw[-TEST_SIZE:] - np.asarray(predictions)) ** 2)))


def run_tutorial(seed, epochs, arrays):
    """Seed 001's code, with keras 3's spelling of batch_input_shape and reset_states."""
    import keras

    raw, scaler, train, test = arrays
    keras.utils.set_random_seed(seed)
    X, y = train[:, :-1].reshape(-1, 1, 1), train[:, -1]
    model = keras.Sequential(
        [keras.Input(batch_shape=(1, 1, 1)), keras.layers.LSTM(4, stateful=True)]
        + [keras.layers.Dense(1)]
    )
    model.compile(loss="mean_squared_error", optimizer="adam")
    lstm = model.layers[0]
    start = time.perf_counter()
    for _ in range(epochs):
        model.fit(X, y, epochs=1, batch_size=1, verbose=0, shuffle=False)
        lstm.reset_state()
    train_s = time.perf_counter() - start
    model.predict(X, batch_size=1, verbose=0)  # build up state, as the tutorial does
    predictions, step_s = [], []
    for i in range(TEST_SIZE):
        x_row = test[i, :-1]
        t0 = time.perf_counter()
        yhat = model.predict(x_row.reshape(1, 1, 1), batch_size=1, verbose=0)[0, 0]
        step_s.append(time.perf_counter() - t0)
        predictions.append(invert(raw, scaler, x_row, yhat, i))
    return train_s, 1000 * float(np.mean(step_s)), rmse(raw, predictions)


def run_skltsm(seed, epochs, arrays):
    from skltsm import StatefulLSTMRegressor

    raw, scaler, train, test = arrays
    reg = StatefulLSTMRegressor(
        units=4, epochs=epochs, batch_size=1, replay_training=True, random_state=seed
    )
    start = time.perf_counter()
    reg.fit(train[:, :-1], train[:, -1])
    train_s = time.perf_counter() - start
    steps = reg.walk_forward()
    predictions = [
        invert(raw, scaler, row[:-1], steps.predict(row[:-1])[0], i) for i, row in enumerate(test)
    ]
    return train_s, step_ms(reg, test), rmse(raw, predictions)


def step_ms(reg, test, repeats=2000):
    """Mean cost of one walk-forward step, over many steps (one call is too short to time)."""
    steps = reg.walk_forward()
    rows = np.resize(test[:, :-1], (repeats, 1))
    start = time.perf_counter()
    for row in rows:
        steps.predict(row)
    return 1000 * (time.perf_counter() - start) / repeats


def summarize(name, results):
    train_s, step, errors = (np.array(col) for col in zip(*results, strict=True))
    return {
        "name": name,
        "train_s": train_s.mean(),
        "step_ms": step.mean(),
        "rmse": f"{errors.mean():.1f} ± {errors.std(ddof=1) if len(errors) > 1 else 0:.1f} "
        f"({errors.min():.1f}-{errors.max():.1f})",
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=3000)
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args()
    arrays = tutorial_arrays()
    raw = arrays[0]
    seeds = range(args.seeds)
    tutorial = summarize("tutorial loop", [run_tutorial(s, args.epochs, arrays) for s in seeds])
    ours = summarize("skltsm", [run_skltsm(s, args.epochs, arrays) for s in seeds])
    persistence = rmse(raw, raw[-TEST_SIZE - 1 : -1])
    print(
        f"\nshampoo, one-step walk-forward with true lags, last {TEST_SIZE} months; "
        f"LSTM(4), batch 1, {args.epochs} epochs, {args.seeds} seeds; persistence RMSE "
        f"{persistence:.3f}\n"
    )
    print("| | train s | ms / walk-forward step | RMSE mean ± sd (min-max) |")
    print("|---|---:|---:|---|")
    for row in (tutorial, ours):
        print(f"| {row['name']} | {row['train_s']:.2f} | {row['step_ms']:.3f} | {row['rmse']} |")
    print(
        f"| ratio (tutorial / skltsm) | {tutorial['train_s'] / ours['train_s']:.0f}x | "
        f"{tutorial['step_ms'] / ours['step_ms']:.0f}x | |"
    )


if __name__ == "__main__":
    main()
