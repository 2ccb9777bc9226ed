"""Four stacked LSTM(50) layers with Dropout(0.2) (the stacked tutorial), with baselines.

The tutorial draws 100 random integers in 0-9, scales them to [0, 1], trains four
``LSTM(50)`` layers, each followed by ``Dropout(0.2)``, then ``Dense(1)``, on 10-step
windows of the first 75 values (30 epochs, batch size 50) and reports the test RMSE of the
last 25 values on the original scale (its 2.855). Here the network is
``StackedLSTMRegressor()`` (its defaults are exactly that architecture), the windows come
from ``LagFramer(lags=10)``, and the scaler is fitted on the 75 training values only.

The data are independent draws, so nothing about the next value can be learnt from the
past: the best predictor is the mean, with RMSE near the standard deviation of a uniform
draw on 0-9 (about 2.87). The result line prints the training-mean and persistence
baselines beside the network so that the tutorial's 2.855 can be read for what it is.

Protocol: **one-step with true lags** (each test window holds the 10 true previous
values; the first test windows reach back into the training values, as in the tutorial).
Split: train = values 0-74 (65 windows), test = values 75-99 (25 windows).

Usage::

    python examples/plot_stacked_dropout.py             # 5 seeds x 30 epochs
    python examples/plot_stacked_dropout.py --quick     # 1 seed x 1 epoch
    python examples/plot_stacked_dropout.py --plot stacked.png
"""

import argparse
import os

import numpy as np
import pandas as pd
from sklearn.preprocessing import MinMaxScaler

from skltsm import LagFramer

WINDOW = 10
N_VALUES = 100
N_TRAIN = 75  # the tutorial's ceil(100 * 0.75)


def rmse(y_true, y_pred):
    return float(np.sqrt(np.mean((np.asarray(y_true) - np.asarray(y_pred)) ** 2)))


def spread(values):
    values = np.asarray(values, dtype=float)
    sd = values.std(ddof=1) if len(values) > 1 else 0.0
    return f"{values.mean():.3f} ± {sd:.3f} ({len(values)} seed{'s' if len(values) > 1 else ''})"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 seed, 1 epoch (for CI)")
    parser.add_argument("--seeds", type=int, default=None, help="number of seeds (default 5)")
    parser.add_argument("--epochs", type=int, default=None, help="default 30")
    parser.add_argument("--data-seed", type=int, default=0, help="seed of the random integers")
    parser.add_argument("--plot", metavar="PATH", help="save a PNG of the first seed's forecast")
    args = parser.parse_args(argv)
    seeds = args.seeds or (1 if args.quick else 5)
    epochs = args.epochs or (1 if args.quick else 30)

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # before tensorflow is imported
    from skltsm import StackedLSTMRegressor

    values = np.random.default_rng(args.data_seed).integers(0, 10, size=N_VALUES).astype(float)
    y = pd.Series(values, name="random integer")
    scaler = MinMaxScaler(feature_range=(0, 1)).fit(values[:N_TRAIN].reshape(-1, 1))
    scaled = scaler.transform(values.reshape(-1, 1))
    frame = LagFramer(lags=WINDOW).fit_transform(scaled)[WINDOW:]  # row i: target value i+10
    X, target = frame[:, :-1], frame[:, -1]
    n_train_windows = N_TRAIN - WINDOW
    X_train, y_train = X[:n_train_windows], target[:n_train_windows]
    X_test = X[n_train_windows:]
    y_test = values[N_TRAIN:]

    errors, first = [], None
    for seed in range(seeds):
        regressor = StackedLSTMRegressor(
            units=(50, 50, 50, 50),
            dropout=0.2,
            timesteps=WINDOW,
            epochs=epochs,
            batch_size=50,
            random_state=seed,
        ).fit(X_train, y_train)
        pred = scaler.inverse_transform(regressor.predict(X_test).reshape(-1, 1)).ravel()
        errors.append(rmse(y_test, pred))
        first = pred if first is None else first
        print(f"seed {seed}: test RMSE {errors[-1]:.3f}")

    mean_baseline = rmse(y_test, np.full_like(y_test, values[:N_TRAIN].mean()))
    persistence = rmse(y_test, values[N_TRAIN - 1 : -1])
    print(
        f"\nresult: random integers 0-9, 4 x LSTM(50) + Dropout(0.2), epochs={epochs}, "
        f"batch_size=50 | protocol: one-step with true lags | split: train = values "
        f"0-{N_TRAIN - 1} ({n_train_windows} windows), test = values {N_TRAIN}-{N_VALUES - 1}, "
        f"original scale | test RMSE {spread(errors)}; training-mean RMSE "
        f"{mean_baseline:.3f}; persistence RMSE {persistence:.3f}"
    )

    if args.plot:
        from skltsm.plotting import plot_forecast

        ax = plot_forecast(
            y.iloc[:N_TRAIN],
            y.iloc[N_TRAIN:],
            pd.Series(first, index=y.index[N_TRAIN:]),
            title="Random integers: 4 x LSTM(50) + Dropout(0.2), one-step (seed 0)",
        )
        ax.axhline(values[:N_TRAIN].mean(), color="C7", linestyle=":", label="training mean")
        ax.legend(loc="best")
        ax.figure.savefig(args.plot, dpi=100)
        print(f"saved {args.plot}")


if __name__ == "__main__":
    main()
