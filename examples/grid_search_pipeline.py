"""Tune a stateful LSTM with scikit-learn: Pipeline + GridSearchCV + TimeSeriesSplit.

The shampoo series is made stationary and framed by the skltsm transformers
(``Differencer`` then ``LagFramer(lags=1)``, as DataFrames with ``set_output``: column
``diff_lag1`` is last month's difference, ``diff`` this month's), and the two undefined
leading rows are dropped. The model is plain scikit-learn::

    TransformedTargetRegressor(                     # scales y to [-1, 1] and back
        Pipeline([("scale", MinMaxScaler((-1, 1))),  # scales X to [-1, 1]
                  ("lstm", StatefulLSTMRegressor(batch_size=1))]),
        transformer=MinMaxScaler((-1, 1)))

and ``GridSearchCV`` tunes ``units`` and ``epochs`` with ``TimeSeriesSplit``, so every
validation fold comes after its training rows. A ``Pipeline`` scales only ``X``; the
tutorial also scales the target, which is what ``TransformedTargetRegressor`` is for.

Protocols and splits:

* **cross-validation** on the first 24 months only (22 supervised rows): each fold's
  ``predict`` runs the fold's rows in order with their true lags, starting from zero
  state (``replay_training=False``); the score is the RMSE of the monthly differences.
* **test**: the refitted best model predicts the last 12 months, **one-step walk-forward
  with true lags** (one ``predict`` call over the 12 rows in order, the state carried from
  row to row); differences are turned back into sales by adding the true previous month,
  so the RMSE is on the original scale, beside persistence (136.761).

With 22 rows and a single seed the ranking is noisy: read it as a demonstration of the
machinery, not as the best setting.

Usage::

    python examples/grid_search_pipeline.py            # 3 x 2 grid, 3 folds
    python examples/grid_search_pipeline.py --quick    # 2 x 1 grid, 2 folds, tiny epochs
    python examples/grid_search_pipeline.py --plot grid.png
"""

import argparse
import os

import numpy as np
import pandas as pd
from sklearn.compose import TransformedTargetRegressor
from sklearn.model_selection import GridSearchCV, TimeSeriesSplit
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MinMaxScaler

from skltsm import Differencer, LagFramer
from skltsm.datasets import load_shampoo_sales

TEST_MONTHS = 12


def supervised_rows(y):
    """Return the lag-1 frame of the monthly differences, undefined rows dropped."""
    diffs = Differencer(lag=1).set_output(transform="pandas").fit_transform(y.to_frame("diff"))
    frame = LagFramer(lags=1).set_output(transform="pandas").fit_transform(diffs)
    return frame.iloc[2:]  # row 0: no difference; row 1: no lagged difference


def rmse(y_true, y_pred):
    return float(np.sqrt(np.mean((np.asarray(y_true) - np.asarray(y_pred)) ** 2)))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny grid and epochs (for CI)")
    parser.add_argument("--plot", metavar="PATH", help="save a PNG of the test forecast")
    args = parser.parse_args(argv)
    if args.quick:
        grid = {"regressor__lstm__units": [1, 2], "regressor__lstm__epochs": [2]}
        n_splits = 2
    else:
        grid = {"regressor__lstm__units": [1, 2, 4], "regressor__lstm__epochs": [500, 1500]}
        n_splits = 3

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # before tensorflow is imported
    from skltsm import StatefulLSTMRegressor

    y = load_shampoo_sales()
    frame = supervised_rows(y)
    is_test = frame.index >= y.index[-TEST_MONTHS]
    X, target = frame[["diff_lag1"]], frame["diff"]
    X_train, y_train = X[~is_test], target[~is_test]
    X_test = X[is_test]

    model = TransformedTargetRegressor(
        regressor=Pipeline(
            [
                ("scale", MinMaxScaler(feature_range=(-1, 1))),
                ("lstm", StatefulLSTMRegressor(batch_size=1, random_state=0)),
            ]
        ),
        transformer=MinMaxScaler(feature_range=(-1, 1)),
    )
    search = GridSearchCV(
        model,
        grid,
        cv=TimeSeriesSplit(n_splits=n_splits),
        scoring="neg_root_mean_squared_error",
    )
    search.fit(X_train, y_train)

    results = pd.DataFrame(search.cv_results_)
    print(f"cross-validation: TimeSeriesSplit(n_splits={n_splits}) over {len(X_train)} rows")
    print("| units | epochs | CV RMSE of differences, mean ± sd over folds | rank |")
    print("|---:|---:|---|---:|")
    for _, row in results.sort_values("rank_test_score").iterrows():
        print(
            f"| {row['param_regressor__lstm__units']} | {row['param_regressor__lstm__epochs']} "
            f"| {-row['mean_test_score']:.1f} ± {row['std_test_score']:.1f} "
            f"| {row['rank_test_score']} |"
        )

    best = search.best_params_
    diff_pred = search.best_estimator_.predict(X_test)  # rows in order: state carried
    y_test = y.iloc[-TEST_MONTHS:]
    y_pred = pd.Series(y.iloc[-TEST_MONTHS - 1 : -1].to_numpy() + diff_pred, index=y_test.index)
    persistence = rmse(y_test, y.iloc[-TEST_MONTHS - 1 : -1])
    print(
        f"\nresult: shampoo sales, MinMaxScaler -> StatefulLSTMRegressor, best "
        f"units={best['regressor__lstm__units']}, epochs={best['regressor__lstm__epochs']} "
        f"(CV RMSE of differences {-search.best_score_:.1f}, 1 seed) | protocol: "
        f"one-step walk-forward with true lags (no refit, state carried) | split: tuned "
        f"with TimeSeriesSplit(n_splits={n_splits}) on the first {len(y) - TEST_MONTHS} months, "
        f"test = last {TEST_MONTHS} months, original scale | test RMSE "
        f"{rmse(y_test, y_pred):.3f}; persistence RMSE {persistence:.3f}"
    )

    if args.plot:
        from skltsm.plotting import plot_forecast

        ax = plot_forecast(
            y.iloc[:-TEST_MONTHS],
            y_test,
            y_pred,
            title="Shampoo sales: grid-searched stateful LSTM, one-step walk-forward",
        )
        ax.figure.savefig(args.plot, dpi=100)
        print(f"saved {args.plot}")


if __name__ == "__main__":
    main()
