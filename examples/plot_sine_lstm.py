"""LSTM(50) on 10-step windows of a sine wave (the sine tutorial), with a baseline.

The tutorial scales ``sin(linspace(0, 100, 1000))`` to [0, 1], cuts windows of 10 steps,
trains ``LSTM(50) -> Dense(1)`` for 50 epochs with batch size 1 on the first 80% of the
windows and reports the test MSE (its "Test Loss: 0.0008"). Here the windows come from
``LagFramer(lags=10)``, the network is ``StackedLSTMRegressor(units=(50,), dropout=0.0)``,
and the scaler is fitted on the training part of the series only (the tutorial fits it on
all 1000 values before splitting).

Two protocols are reported, and kept apart:

* **one-step with true lags**: every test window holds the 10 true previous values (this
  is the tutorial's number). Persistence (next value = last value) is the baseline: a
  sine sampled every 0.1 rad barely moves in one step, so its MSE is already small.
* **h-step recursive forecast from the end of training**: predict the whole test span
  (198 steps) feeding each prediction back into the window; no true value is seen.

Split: windows 0-791 train (series values 0-801), windows 792-989 test (values 802-999).
MSE is on the [0, 1] scale, as in the tutorial.

Usage::

    python examples/plot_sine_lstm.py              # 3 seeds x 50 epochs, batch size 1
    python examples/plot_sine_lstm.py --quick      # 1 seed x 1 epoch, batch size 32
    python examples/plot_sine_lstm.py --plot sine.png
"""

import argparse
import os

import numpy as np
import pandas as pd
from sklearn.preprocessing import MinMaxScaler

from skltsm import LagFramer
from skltsm.datasets import make_sine

WINDOW = 10
TRAIN_FRACTION = 0.8


def make_windows(values, window=WINDOW):
    """Return flat windows (oldest first) and the value right after each window."""
    frame = LagFramer(lags=window).fit_transform(values.reshape(-1, 1))[window:]
    return frame[:, :-1], frame[:, -1]


def recursive_forecast(regressor, window, steps):
    """Feed each one-step prediction back into the window: an h-step forecast."""
    window = np.array(window, dtype=float)
    out = np.empty(steps)
    for step in range(steps):
        out[step] = regressor.predict(window.reshape(1, -1))[0]
        window = np.r_[window[1:], out[step]]
    return out


def spread(values):
    values = np.asarray(values, dtype=float)
    sd = values.std(ddof=1) if len(values) > 1 else 0.0
    return f"{values.mean():.2e} ± {sd:.1e} ({len(values)} seed{'s' if len(values) > 1 else ''})"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 seed, 1 epoch (for CI)")
    parser.add_argument("--seeds", type=int, default=None, help="number of seeds (default 3)")
    parser.add_argument("--epochs", type=int, default=None, help="default 50")
    parser.add_argument("--plot", metavar="PATH", help="save a PNG of the first seed's forecasts")
    args = parser.parse_args(argv)
    seeds = args.seeds or (1 if args.quick else 3)
    epochs = args.epochs or (1 if args.quick else 50)
    batch_size = 32 if args.quick else 1

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # before tensorflow is imported
    from skltsm import StackedLSTMRegressor

    y = make_sine()
    n_windows = len(y) - WINDOW
    n_train = int(n_windows * TRAIN_FRACTION)
    split = n_train + WINDOW  # first series value that is a test target
    scaler = MinMaxScaler(feature_range=(0, 1)).fit(y.iloc[:split].to_frame())
    scaled = scaler.transform(y.to_frame()).ravel()
    X, target = make_windows(scaled)
    X_train, y_train, X_test, y_test = X[:n_train], target[:n_train], X[n_train:], target[n_train:]

    persistence = float(np.mean((X_test[:, -1] - y_test) ** 2))
    one_step, recursive, first = [], [], None
    for seed in range(seeds):
        regressor = StackedLSTMRegressor(
            units=(50,),
            dropout=0.0,
            timesteps=WINDOW,
            epochs=epochs,
            batch_size=batch_size,
            random_state=seed,
        ).fit(X_train, y_train)
        pred = regressor.predict(X_test)
        rec = recursive_forecast(regressor, X_test[0], len(y_test))
        one_step.append(float(np.mean((pred - y_test) ** 2)))
        recursive.append(float(np.mean((rec - y_test) ** 2)))
        first = (pred, rec) if first is None else first
        print(f"seed {seed}: one-step MSE {one_step[-1]:.2e}, recursive MSE {recursive[-1]:.2e}")

    split_text = (
        f"train = windows 0-{n_train - 1} (values 0-{split - 1}), "
        f"test = windows {n_train}-{n_windows - 1} (values {split}-{len(y) - 1}), [0, 1] scale"
    )
    model = f"sine, LSTM(50), {WINDOW}-step windows, epochs={epochs}, batch_size={batch_size}"
    print(
        f"\nresult: {model} | protocol: one-step with true lags | split: {split_text} | "
        f"test MSE {spread(one_step)}; persistence MSE {persistence:.2e}"
    )
    print(
        f"result: {model} | protocol: h-step recursive forecast from the end of training, "
        f"h = {len(y_test)} | split: {split_text} | test MSE {spread(recursive)}"
    )

    if args.plot:
        from skltsm.plotting import plot_forecast

        def original(pred):
            values = scaler.inverse_transform(pred.reshape(-1, 1)).ravel()
            return pd.Series(values, index=y.index[split:])

        ax = plot_forecast(
            y.iloc[split - 200 : split],
            y.iloc[split:],
            original(first[0]),
            title="Sine: LSTM(50) on 10-step windows (seed 0)",
            labels=("history", "actual", "one-step, true lags", "prediction interval"),
        )
        recursive_pred = original(first[1])
        ax.plot(recursive_pred.index, recursive_pred, "--", color="C3", label="recursive, h-step")
        ax.legend(loc="best")
        ax.figure.savefig(args.plot, dpi=100)
        print(f"saved {args.plot}")


if __name__ == "__main__":
    main()
