"""Stateful LSTM on shampoo sales: the tutorial's one-step walk-forward.

The tutorial differences the monthly series, frames one lag, scales to [-1, 1], trains
``LSTM(4, stateful=True)`` with batch size 1 for 3000 epochs (state reset every epoch) and
forecasts the last 12 months one step at a time, each step seeing the true previous month.
Here that is one ``LSTMForecaster`` over a ``StatefulLSTMRegressor`` and
``walk_forward_forecast``; differencing, scaling and framing are fitted on the first 24
months only, and every forecast is back on the original scale.

Protocol: **one-step walk-forward with true lags** (no refit; the LSTM state is carried
from step to step). Split: train = first 24 months, test = last 12 months. The baseline
is persistence (next month = this month), RMSE 136.761 on the same split.

One difference from the tutorial: it trains on 23 rows, the first of which holds the
``fillna(0)`` placeholder for the undefined lag; ``LSTMForecaster`` drops that row and
trains on the 22 defined ones.

Usage::

    python examples/plot_stateful_shampoo.py            # 5 seeds x 3000 epochs
    python examples/plot_stateful_shampoo.py --quick    # 1 seed x 5 epochs, seconds
    python examples/plot_stateful_shampoo.py --plot shampoo.png
"""

import argparse
import os

import numpy as np

from skltsm.datasets import load_shampoo_sales

TEST_MONTHS = 12
# The tutorial's settings, explicit: LSTMForecaster's defaults choose them from the data.
TUTORIAL = {"sp": None, "transform": None, "difference_lag": 1, "lags": 1}


def rmse(y_true, y_pred):
    return float(np.sqrt(np.mean((np.asarray(y_true) - np.asarray(y_pred)) ** 2)))


def spread(values):
    values = np.asarray(values, dtype=float)
    sd = values.std(ddof=1) if len(values) > 1 else 0.0
    return (
        f"{values.mean():.1f} ± {sd:.1f} (min {values.min():.1f}, max {values.max():.1f}; "
        f"{len(values)} seed{'s' if len(values) > 1 else ''})"
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 seed, 5 epochs (for CI)")
    parser.add_argument("--seeds", type=int, default=None, help="number of seeds (default 5)")
    parser.add_argument("--epochs", type=int, default=None, help="default 3000")
    parser.add_argument(
        "--replay-training",
        action="store_true",
        help="start the walk-forward from the state after replaying the training rows, "
        "as the tutorial does (off by default, see StatefulLSTMRegressor)",
    )
    parser.add_argument("--plot", metavar="PATH", help="save a PNG of the first seed's forecast")
    args = parser.parse_args(argv)
    seeds = args.seeds or (1 if args.quick else 5)
    epochs = args.epochs or (5 if args.quick else 3000)

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # before tensorflow is imported
    from skltsm import StatefulLSTMRegressor
    from skltsm.forecasting import LSTMForecaster, walk_forward_forecast

    y = load_shampoo_sales()
    y_train, y_test = y.iloc[:-TEST_MONTHS], y.iloc[-TEST_MONTHS:]
    persistence = rmse(y_test, y.iloc[-TEST_MONTHS - 1 : -1])

    errors, first = [], None
    for seed in range(seeds):
        regressor = StatefulLSTMRegressor(
            units=4, epochs=epochs, batch_size=1, replay_training=args.replay_training
        )
        # the tutorial's settings: no season, no log, first differences, one lag
        forecaster = LSTMForecaster(regressor, **TUTORIAL, random_state=seed)
        y_pred = walk_forward_forecast(forecaster, y_train, y_test)
        errors.append(rmse(y_test, y_pred))
        first = y_pred if first is None else first
        print(f"seed {seed}: test RMSE {errors[-1]:.3f}")

    print("\nmonth     predicted  expected   (seed 0)")
    for period, predicted, expected in zip(y_test.index, first, y_test, strict=True):
        print(f"{period}  {predicted:9.1f}  {expected:8.1f}")

    print(
        f"\nresult: shampoo sales, LSTM(4) stateful, batch_size=1, epochs={epochs}, "
        f"replay_training={args.replay_training} | protocol: one-step walk-forward with "
        f"true lags (no refit, state carried) | split: train = first {len(y_train)} months, "
        f"test = last {TEST_MONTHS} months, original scale | test RMSE {spread(errors)}; "
        f"persistence RMSE {persistence:.3f}"
    )

    if args.plot:
        from skltsm.plotting import plot_forecast

        ax = plot_forecast(
            y_train,
            y_test,
            first,
            title=f"Shampoo sales: one-step walk-forward, LSTM(4), RMSE {errors[0]:.1f}",
        )
        ax.figure.savefig(args.plot, dpi=100)
        print(f"saved {args.plot}")


if __name__ == "__main__":
    main()
