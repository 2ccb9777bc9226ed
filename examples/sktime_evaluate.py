"""Evaluate and tune LSTMForecaster with sktime: evaluate, refit vs update, grid search.

``LSTMForecaster`` is an sktime forecaster, so sktime's model-selection tools work on it
unchanged. Two parts:

1. ``evaluate`` with an ``ExpandingWindowSplitter`` over the whole shampoo series: the
   first cutoff is after month 24, then every 3 months (4 folds; ``--quick``: after month
   30, 2 folds), each forecasting the next 3 months. ``strategy="refit"`` trains a new
   model at every cutoff; ``strategy="update"`` trains once at the first cutoff and then
   calls ``update(y_new, update_params=True)``, which trains ``update_epochs`` more
   epochs on all rows seen. The baseline repeats the last value before each cutoff, on
   the same folds.
2. ``ForecastingGridSearchCV`` over ``regressor__units`` and ``regressor__epochs``, with
   its own expanding-window folds inside the first 24 months only, then a 12-month
   forecast of the held-out last 12 months from the end of training.

Protocol: **h-step recursive forecast** everywhere here (each predicted difference is
fed back into the window; no true value inside a horizon is seen), h = 1-3 per fold in
part 1 and h = 1-12 in part 2. This is not the tutorial's one-step walk-forward with true
lags (see ``plot_stateful_shampoo.py``), and its errors are larger for that reason.
RMSE on the original scale.

Usage::

    python examples/sktime_evaluate.py            # 3 seeds x 1000 epochs; 3 x 2 grid
    python examples/sktime_evaluate.py --quick    # 1 seed, tiny epochs, 2 x 1 grid
    python examples/sktime_evaluate.py --plot sktime.png
"""

import argparse
import os
import warnings

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
    return f"{values.mean():.1f} ± {sd:.1f} ({len(values)} seed{'s' if len(values) > 1 else ''})"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny epochs and grid (for CI)")
    parser.add_argument("--seeds", type=int, default=None, help="seeds for part 1 (default 3)")
    parser.add_argument("--plot", metavar="PATH", help="save a PNG of the tuned forecast")
    args = parser.parse_args(argv)
    seeds = args.seeds or (1 if args.quick else 3)
    epochs = 2 if args.quick else 1000
    # Quick mode cuts the folds too: every fold is a fit, and each fit compiles a network.
    outer_start, inner_start = (30, 21) if args.quick else (24, 15)
    grid = (
        {"regressor__units": [1, 2], "regressor__epochs": [2]}
        if args.quick
        else {"regressor__units": [1, 2, 4], "regressor__epochs": [500, 1500]}
    )

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # before tensorflow is imported
    from sktime.forecasting.model_evaluation import evaluate
    from sktime.forecasting.model_selection import ForecastingGridSearchCV
    from sktime.performance_metrics.forecasting import MeanSquaredError
    from sktime.split import ExpandingWindowSplitter

    from skltsm import StatefulLSTMRegressor
    from skltsm.forecasting import LSTMForecaster

    y = load_shampoo_sales()
    rmse_metric = MeanSquaredError(square_root=True)
    score = f"test_{rmse_metric.name}"

    # -- part 1: evaluate, refit vs update ----------------------------------------------
    cv = ExpandingWindowSplitter(initial_window=outer_start, step_length=3, fh=[1, 2, 3])
    n_folds = cv.get_n_splits(y)
    naive = np.mean(  # persistence over the same folds: the last value before the cutoff
        [rmse(y.iloc[test], np.full(len(test), y.iloc[train[-1]])) for train, test in cv.split(y)]
    )
    by_strategy = {"refit": [], "update": []}
    for seed in range(seeds):
        forecaster = LSTMForecaster(
            StatefulLSTMRegressor(units=4, epochs=epochs, batch_size=1),
            **TUTORIAL,  # no season, no log, first differences, one lag
            update_epochs=2,
            random_state=seed,
        )
        for strategy, errors in by_strategy.items():
            folds = evaluate(forecaster, cv, y, strategy=strategy, scoring=rmse_metric)
            errors.append(folds[score].mean())
            print(f"seed {seed} {strategy}: RMSE per fold {folds[score].round(1).tolist()}")

    split = (
        f"ExpandingWindowSplitter(initial_window={outer_start}, step_length=3, fh=[1, 2, 3]), "
        f"{n_folds} folds over months {outer_start + 1}-{len(y)}, original scale"
    )
    for strategy, errors in by_strategy.items():
        print(
            f"result: shampoo sales, LSTMForecaster(StatefulLSTMRegressor(units=4, "
            f"epochs={epochs})), evaluate strategy={strategy!r} | protocol: h-step recursive "
            f"forecast, h = 1-3 from each cutoff | split: {split} | RMSE mean over folds "
            f"{spread(errors)}; last value repeated {naive:.1f}"
        )

    # -- part 2: grid search on the first 24 months, test on the last 12 ----------------
    y_train, y_test = y.iloc[:-TEST_MONTHS], y.iloc[-TEST_MONTHS:]
    inner_cv = ExpandingWindowSplitter(initial_window=inner_start, step_length=3, fh=[1, 2, 3])
    with warnings.catch_warnings():
        # sktime's own forecasters warn at construction that a config default changes in
        # sktime 1.3 (LSTMForecaster sets that config itself and does not warn).
        warnings.filterwarnings("ignore", "The default of config", FutureWarning)
        search = ForecastingGridSearchCV(
            LSTMForecaster(StatefulLSTMRegressor(batch_size=1), **TUTORIAL, random_state=0),
            cv=inner_cv,
            param_grid=grid,
            scoring=rmse_metric,
            # sequential: sktime's default "loky" starts worker processes, each of which
            # imports TensorFlow and compiles its own networks, which costs more than
            # these small fits
            backend=None,
        )
    search.fit(y_train)
    fh = list(range(1, TEST_MONTHS + 1))
    y_pred = search.predict(fh=fh)
    last_value = rmse(y_test, np.full(TEST_MONTHS, y_train.iloc[-1]))
    print("\n| units | epochs | inner-CV RMSE | rank |")
    print("|---:|---:|---:|---:|")
    for _, row in search.cv_results_.sort_values(f"rank_{score}").iterrows():
        params = row["params"]
        print(
            f"| {params['regressor__units']} | {params['regressor__epochs']} "
            f"| {row[f'mean_{score}']:.1f} | {row[f'rank_{score}']:.0f} |"
        )
    best = search.best_params_
    print(
        f"\nresult: shampoo sales, ForecastingGridSearchCV best regressor__units="
        f"{best['regressor__units']}, regressor__epochs={best['regressor__epochs']} (1 seed) "
        f"| protocol: h-step recursive forecast from the end of training, h = 1-{TEST_MONTHS} "
        f"| split: tuned with ExpandingWindowSplitter(initial_window={inner_start}, "
        f"step_length=3, fh=[1, 2, 3]) ({inner_cv.get_n_splits(y_train)} fold(s)) on the first "
        f"{len(y_train)} months, test = last {TEST_MONTHS} months, "
        f"original scale | test RMSE {rmse(y_test, y_pred):.1f}; last value repeated "
        f"{last_value:.1f}"
    )

    if args.plot:
        from skltsm.plotting import plot_forecast

        ax = plot_forecast(
            y_train,
            y_test,
            y_pred,
            title="Shampoo sales: tuned LSTMForecaster, 12-step recursive forecast",
        )
        ax.figure.savefig(args.plot, dpi=100)
        print(f"saved {args.plot}")


if __name__ == "__main__":
    main()
