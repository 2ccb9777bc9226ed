"""GRU against LSTM on the same sine windows (the sine tutorial's exercise), over seeds.

Same data, split, scaling and training as ``plot_sine_lstm.py``: ``make_sine()`` scaled to
[0, 1] on the training values, 10-step windows from ``LagFramer(lags=10)``, one recurrent
layer of 50 units and ``Dense(1)``, 50 epochs with batch size 1. Only the cell changes
(``cell="lstm"`` or ``cell="gru"``), and every seed trains both cells, so the comparison is
paired. The table shows the spread over seeds: one seed decides nothing.

Protocol: **one-step with true lags** (each test window holds the 10 true previous values).
Split: windows 0-791 train (series values 0-801), windows 792-989 test (values 802-999).
MSE on the [0, 1] scale.

Usage::

    python examples/plot_gru_vs_lstm.py              # 3 seeds x 50 epochs per cell
    python examples/plot_gru_vs_lstm.py --quick      # 1 seed x 1 epoch per cell
    python examples/plot_gru_vs_lstm.py --plot gru_vs_lstm.png
"""

import argparse
import os
import time

import numpy as np
import pandas as pd
from sklearn.preprocessing import MinMaxScaler

from skltsm import LagFramer
from skltsm.datasets import make_sine

WINDOW = 10
TRAIN_FRACTION = 0.8
CELLS = ("lstm", "gru")


def make_windows(values, window=WINDOW):
    """Return flat windows (oldest first) and the value right after each window."""
    frame = LagFramer(lags=window).fit_transform(values.reshape(-1, 1))[window:]
    return frame[:, :-1], frame[:, -1]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 seed, 1 epoch (for CI)")
    parser.add_argument("--seeds", type=int, default=None, help="number of seeds (default 3)")
    parser.add_argument("--epochs", type=int, default=None, help="default 50")
    parser.add_argument("--plot", metavar="PATH", help="save a PNG of seed 0's two forecasts")
    args = parser.parse_args(argv)
    seeds = args.seeds or (1 if args.quick else 3)
    epochs = args.epochs or (1 if args.quick else 50)
    batch_size = 32 if args.quick else 1

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # before tensorflow is imported
    from skltsm import StackedLSTMRegressor

    y = make_sine()
    n_windows = len(y) - WINDOW
    n_train = int(n_windows * TRAIN_FRACTION)
    split = n_train + WINDOW
    scaler = MinMaxScaler(feature_range=(0, 1)).fit(y.iloc[:split].to_frame())
    X, target = make_windows(scaler.transform(y.to_frame()).ravel())
    X_train, y_train, X_test, y_test = X[:n_train], target[:n_train], X[n_train:], target[n_train:]

    rows, first = [], {}
    for seed in range(seeds):
        for cell in CELLS:
            regressor = StackedLSTMRegressor(
                units=(50,),
                dropout=0.0,
                cell=cell,
                timesteps=WINDOW,
                epochs=epochs,
                batch_size=batch_size,
                random_state=seed,
            )
            start = time.perf_counter()
            regressor.fit(X_train, y_train)
            seconds = time.perf_counter() - start
            pred = regressor.predict(X_test)
            mse = float(np.mean((pred - y_test) ** 2))
            params = regressor.model_.count_params()
            rows.append(
                {"cell": cell, "seed": seed, "mse": mse, "fit_s": seconds, "params": params}
            )
            first.setdefault(cell, pred)
            print(f"seed {seed} {cell}: test MSE {mse:.2e}, fit {seconds:.1f} s")

    table = pd.DataFrame(rows)
    summary = table.groupby("cell", sort=False).agg(
        params=("params", "first"),
        mse_mean=("mse", "mean"),
        mse_sd=("mse", "std"),
        mse_min=("mse", "min"),
        mse_max=("mse", "max"),
        fit_s=("fit_s", "mean"),
    )
    paired = table.pivot(index="seed", columns="cell", values="mse")
    wins = int((paired["gru"] < paired["lstm"]).sum())
    print(f"\n| cell | params | test MSE mean ± sd (min-max) over {seeds} seed(s) | fit s |")
    print("|---|---:|---|---:|")
    for cell, row in summary.iterrows():
        sd = 0.0 if np.isnan(row.mse_sd) else row.mse_sd
        print(
            f"| {cell.upper()}(50) | {int(row.params)} | {row.mse_mean:.2e} ± {sd:.1e} "
            f"({row.mse_min:.2e}-{row.mse_max:.2e}) | {row.fit_s:.1f} |"
        )

    print(
        f"\nresult: sine, LSTM(50) vs GRU(50), 10-step windows, epochs={epochs}, "
        f"batch_size={batch_size} | protocol: one-step with true lags | split: train = "
        f"windows 0-{n_train - 1} (values 0-{split - 1}), test = windows "
        f"{n_train}-{n_windows - 1} (values {split}-{len(y) - 1}), [0, 1] scale | test MSE "
        f"LSTM {summary.loc['lstm', 'mse_mean']:.2e}, GRU {summary.loc['gru', 'mse_mean']:.2e} "
        f"(means over {seeds} seed{'s' if seeds > 1 else ''}; GRU lower in {wins} of {seeds})"
    )

    if args.plot:
        from skltsm.plotting import plot_forecast

        def original(pred):
            values = scaler.inverse_transform(pred.reshape(-1, 1)).ravel()
            return pd.Series(values, index=y.index[split:])

        ax = plot_forecast(
            y.iloc[split - 200 : split],
            y.iloc[split:],
            original(first["lstm"]),
            title="Sine, one-step with true lags: LSTM(50) vs GRU(50) (seed 0)",
            labels=("history", "actual", "LSTM(50)", "prediction interval"),
        )
        gru = original(first["gru"])
        ax.plot(gru.index, gru, "--", color="C3", label="GRU(50)")
        ax.legend(loc="best")
        ax.figure.savefig(args.plot, dpi=100)
        print(f"saved {args.plot}")


if __name__ == "__main__":
    main()
