"""Forecast accuracy on competition data: M3 monthly and Tourism monthly, skltsm beside sktime.

A script, not a test: it prints markdown tables. **Protocol**: the published split of each
competition (``skltsm.datasets.load_competition``): every forecaster is fitted on a
series' training part alone and forecasts the published horizon (M3 monthly 18, Tourism
monthly 24) in one shot from the end of it; the test part is used only to score. Each
series is fitted separately (one clone per series), in parallel over series with joblib
(``--n-jobs``). Scores are computed per series and averaged over series (formulas in
``benchmarks/_metrics.py``, printed with the tables); stochastic models run once per seed
(``--seeds``) and show mean ± sd over seeds. "s/series" is the mean wall time of fit +
predict (+ intervals) of one series inside its worker; "wall s" is the whole model's run.
A forecaster that raises on a series is replaced there by its model's fallback (Theta: on
additively deseasonalised data, for series with zeros) or else by the seasonal naive
forecast, and counted under "failed". Before the timed run each model fits one series in
every worker, untimed, so imports and a network's first trace stay out of the seconds.

Models (``--models``): ``snaive`` sktime ``NaiveForecaster(strategy="last", sp=sp)``;
``theta`` ``ThetaForecaster(sp=sp)`` without intervals; ``theta-pi`` the same with its 80 %
and 95 % intervals; ``autoets`` ``AutoETS(auto=True, sp=sp, n_jobs=1)`` with intervals;
``skltsm`` ``LSTMForecaster(random_state=seed)``, skltsm's defaults (intervals if its
``capability:pred_int`` tag says so); ``skltsm-global`` one
``LSTMForecaster(strategy="direct")`` fitted once on the whole training panel, and
``skltsm-global-pi`` the same with its per-step split-conformal 80 % / 95 % intervals.
Other configurations plug in with ``--plug module:attribute``: a :class:`Model`, or a
factory ``f(seed, sp) -> forecaster``.

Usage::

    python benchmarks/bench_competitions.py --models snaive theta --sample 50 --seed 0
    python benchmarks/bench_competitions.py --data M3:monthly --models autoets --n-jobs 2
    python benchmarks/bench_competitions.py --models skltsm --sample 100 --seeds 3
    python benchmarks/bench_competitions.py --models theta-pi autoets skltsm-global-pi
"""

import argparse
import importlib
import os
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402
from joblib import Parallel, delayed  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _metrics  # noqa: E402
from _tables import COVERAGES, print_coverage_by_step, print_header, print_table  # noqa: E402

from skltsm.datasets import load_competition  # noqa: E402


def sktime_intervals(forecaster, fh):
    """``{coverage: (lower, upper)}`` from sktime's ``predict_interval``."""
    frame = forecaster.predict_interval(fh=fh, coverage=list(COVERAGES))
    var = frame.columns.get_level_values(0)[0]
    return {
        c: (frame[(var, c, "lower")].to_numpy(float), frame[(var, c, "upper")].to_numpy(float))
        for c in COVERAGES
    }


def ets_intervals(forecaster, fh):
    """AutoETS intervals straight from its statsmodels result (seeded simulation).

    sktime 1.2's ``AutoETS.predict_interval`` fails with statsmodels 0.15 on every model
    whose intervals are simulated (multiplicative parts): it passes
    ``simulate_kwargs={"rng": ...}`` to ``get_prediction(**simulate_kwargs)``, which
    forwards an unknown ``simulate_kwargs`` keyword to ``simulate``. This calls what
    sktime means to call: ``get_prediction(...)`` with ``rng`` and its 1000 simulations,
    then ``pred_int(alpha)``, the same as sktime where sktime works.
    """
    result = forecaster._fitted_forecaster
    start = int(result.nobs)
    steps = np.asarray(fh, dtype=int) - 1
    rng = np.random.default_rng(0)
    pred = result.get_prediction(start=start, end=start + int(max(fh)) - 1, rng=rng)
    out = {}
    for c in COVERAGES:
        bounds = np.asarray(pred.pred_int(alpha=1 - c), dtype=float)[steps]
        out[c] = (bounds[:, 0], bounds[:, 1])
    return out


@dataclass(frozen=True)
class Model:
    """One table row: how to build a fresh forecaster for a series.

    ``factory(seed, sp)`` returns an unfitted sktime forecaster; ``stochastic`` models run
    once per seed; ``intervals`` True/False, or None to ask the forecaster's
    ``capability:pred_int`` tag; ``interval_fn(fitted, fh)`` returns
    ``{coverage: (lower, upper)}``; ``fallback(seed, sp)`` builds the forecaster used on
    a series where the first one raises (None: the seasonal naive forecast).
    """

    name: str
    factory: Callable
    stochastic: bool = False
    intervals: bool | None = False
    interval_fn: Callable = sktime_intervals
    fallback: Callable | None = None
    panel: bool = False  # factory(seed, sp) is fitted ONCE on the whole training panel


def _naive(seed, sp):
    from sktime.forecasting.naive import NaiveForecaster

    return NaiveForecaster(strategy="last", sp=sp)


def _theta(seed, sp):
    from sktime.forecasting.theta import ThetaForecaster

    return ThetaForecaster(sp=sp)


def _theta_additive(seed, sp):
    """Theta on additively deseasonalised data: for series with zeros (Tourism has 61)."""
    from sktime.forecasting.compose import TransformedTargetForecaster
    from sktime.forecasting.theta import ThetaForecaster
    from sktime.transformations.series.detrend import Deseasonalizer

    steps = [("deseasonalize", Deseasonalizer(sp=sp, model="additive"))] if sp > 1 else []
    return TransformedTargetForecaster([*steps, ("theta", ThetaForecaster(deseasonalize=False))])


def _auto_ets(seed, sp):
    from sktime.forecasting.ets import AutoETS

    return AutoETS(auto=True, sp=sp, n_jobs=1)


def _lstm_defaults(seed, sp):
    from skltsm.forecasting import LSTMForecaster

    return LSTMForecaster(random_state=seed)


def _lstm_global(seed, sp):
    from skltsm.forecasting import LSTMForecaster

    return LSTMForecaster(strategy="direct", random_state=seed)


MODELS = {
    "snaive": Model("seasonal naive (NaiveForecaster last, sp)", _naive),
    "theta": Model("ThetaForecaster(sp)", _theta, fallback=_theta_additive),
    "theta-pi": Model(
        "ThetaForecaster(sp) + intervals", _theta, intervals=True, fallback=_theta_additive
    ),
    "autoets": Model(
        "AutoETS(auto=True, sp) + intervals", _auto_ets, intervals=True, interval_fn=ets_intervals
    ),
    "skltsm": Model("LSTMForecaster() defaults", _lstm_defaults, stochastic=True, intervals=None),
    "skltsm-global": Model(
        'LSTMForecaster(strategy="direct"), one global network', _lstm_global, True, panel=True
    ),
}

# Issue #14: the global network with its split-conformal intervals, per horizon step
# pooled over series (skltsm/forecasting/_global_intervals.py).
_GLOBAL_PI = 'LSTMForecaster(strategy="direct"), one global network + intervals'
MODELS["skltsm-global-pi"] = Model(_GLOBAL_PI, _lstm_global, True, intervals=True, panel=True)
# Issue #14: skltsm's defaults with their rolling-origin conformal 80 % / 95 % intervals
# (skltsm/forecasting/_intervals.py), asked for whatever the tag says.
MODELS["skltsm-pi"] = Model(
    "LSTMForecaster() + conformal intervals", _lstm_defaults, stochastic=True, intervals=True
)


def plugged(spec):
    """Resolve ``module:attribute`` to a :class:`Model` (a bare factory is wrapped)."""
    module, _, attribute = spec.partition(":")
    if not attribute:
        raise SystemExit(f"--plug expects module:attribute; got {spec!r}")
    obj = getattr(importlib.import_module(module), attribute)
    if isinstance(obj, Model):
        return obj
    return Model(spec, obj, stochastic=True, intervals=None)


def sample_data(data, n, seed):
    """The same subset with ``n`` series drawn without replacement by ``seed`` (kept in order)."""
    if n is None or n >= data.n_series:
        return data
    rng = np.random.default_rng(seed)
    ids = data.info.index[np.sort(rng.choice(data.n_series, size=n, replace=False))]
    keep = {part: getattr(data, part) for part in ("y_train", "y_test")}
    keep = {k: v[v.index.get_level_values(0).isin(ids)] for k, v in keep.items()}
    name = f"{data.name}, {n} of {data.n_series} series (numpy default_rng({seed}))"
    return replace(data, **keep, info=data.info.loc[ids], name=name)


def series_list(data):
    """The training parts as a list of pandas Series, and the test parts as (n, h) array."""
    train = [g.droplevel(0)["y"] for _, g in data.y_train.groupby(level=0, sort=False)]
    test = data.y_test["y"].to_numpy(float).reshape(data.n_series, data.horizon)
    return train, test


def seasonal_naive(y, h, sp):
    """The seasonal naive forecast in NumPy (the fallback of a failed fit)."""
    x = np.asarray(y, dtype=float)
    if len(x) < sp:
        return np.full(h, x[-1])
    return np.resize(x[-sp:], h) if sp > 1 else np.full(h, x[-1])


def _fit_predict(model, factory, seed, sp, y, fh):
    """Fit one fresh forecaster; return (point, bounds or None, interval error or None)."""
    forecaster = factory(seed, sp)
    forecaster.set_config(remember_data=False)
    forecaster.fit(y)
    point = forecaster.predict(fh=fh).to_numpy(float)
    wants = model.intervals
    if wants is None:
        wants = bool(forecaster.get_tag("capability:pred_int", False))
    try:
        return point, (model.interval_fn(forecaster, fh) if wants else None), None
    except Exception as exc:  # noqa: BLE001 - counted and reported, not hidden
        return point, None, f"{type(exc).__name__}: {exc}"


def forecast_series(model, seed, sp, y, h):
    """Fit ``model`` on one training part; return forecasts, intervals, seconds, errors.

    The seconds are those of fit + predict (+ intervals), including a network's first
    trace and the first call's imports (run :func:`warm_up` first). If the model raises,
    its ``fallback`` (if any) forecasts the series, else the seasonal naive forecast does;
    either way ``error`` keeps the message and the series counts as failed.
    """
    warnings.filterwarnings("ignore")
    fh = np.arange(1, h + 1)
    out = {"error": None, "fallback": None}
    start = time.perf_counter()
    for factory in (model.factory, model.fallback):
        if factory is None:
            continue
        try:
            out["point"], out["bounds"], out["interval_error"] = _fit_predict(
                model, factory, seed, sp, y, fh
            )
            break
        except Exception as exc:  # noqa: BLE001
            out["error"] = out["error"] or f"{type(exc).__name__}: {exc}"
            out["fallback"] = getattr(model.fallback, "__name__", None)
    else:
        out.update(point=seasonal_naive(y, h, sp), bounds=None, interval_error=None)
        out["fallback"] = "seasonal naive"
    out["seconds"] = time.perf_counter() - start
    return out


def warm_up(model, data, n_jobs):
    """Fit the model on the first series once in every worker (imports, first traces)."""
    train, _ = series_list(data)
    Parallel(n_jobs=n_jobs)(
        delayed(forecast_series)(model, 0, data.sp, train[0], data.horizon)
        for _ in range(max(1, n_jobs))
    )


def run_model(model, data, seed, n_jobs=1, warm=True):
    """Forecast every series of ``data`` with one seed; return per-series results, wall s.

    ``warm``: first fit the first series once per worker (not timed), so the timings
    leave out imports and a network's first trace; the README says which runs did.
    """
    if model.panel:
        return run_panel_model(model, data, seed)
    train, _ = series_list(data)
    if warm:
        warm_up(model, data, n_jobs)
    start = time.perf_counter()
    results = Parallel(n_jobs=n_jobs)(
        delayed(forecast_series)(model, seed, data.sp, y, data.horizon) for y in train
    )
    return results, time.perf_counter() - start


def run_panel_model(model, data, seed, log=sys.stderr):
    """Fit one forecaster on the whole training panel, forecast every series in one call.

    Not warmed up: the seconds include the network's first trace. Per-series seconds are
    the total divided by the number of series.
    """
    warnings.filterwarnings("ignore")
    fh = np.arange(1, data.horizon + 1)
    forecaster = model.factory(seed, data.sp)
    start = time.perf_counter()
    forecaster.fit(data.y_train, fh=fh)
    fit_s = time.perf_counter() - start
    pred = forecaster.predict(fh=fh)
    ids = data.y_train.index.get_level_values(0).unique()
    points = pred.loc[ids].iloc[:, 0].to_numpy(float).reshape(data.n_series, data.horizon)
    n, h = data.n_series, data.horizon
    bounds = panel_intervals(forecaster, fh, n, h) if model.intervals else [None] * n
    predict_s = time.perf_counter() - start - fit_s
    print(
        f"# fit {fit_s:.1f} s, predict {predict_s:.1f} s, epochs {forecaster.epochs_}, "
        f"validation scores (mean MAE / level) {forecaster.validation_scores_}",
        file=log,
        flush=True,
    )
    each = (fit_s + predict_s) / data.n_series
    base = {"interval_error": None, "error": None, "fallback": None}
    rows = [
        {**base, "point": p, "bounds": b, "seconds": each}
        for p, b in zip(points, bounds, strict=True)
    ]
    return rows, fit_s + predict_s


def panel_intervals(forecaster, fh, n_series, h):
    """Per series ``{coverage: (lower, upper)}``; rows in ``y_train``'s series order."""
    flat = {
        c: [b.reshape(n_series, h) for b in v] for c, v in sktime_intervals(forecaster, fh).items()
    }
    return [{c: (lo[i], up[i]) for c, (lo, up) in flat.items()} for i in range(n_series)]


def score(data, results):
    """Mean scores over series of one run: point metrics, seconds, interval metrics."""
    train, test = series_list(data)
    x = [y.to_numpy(float) for y in train]
    per = {"sMAPE": [], "MASE": [], "MAPE": []}
    for y_train, y, r in zip(x, test, results, strict=True):
        per["sMAPE"].append(_metrics.smape(y, r["point"]))
        per["MASE"].append(_metrics.mase(y, r["point"], y_train, data.sp))
        per["MAPE"].append(_metrics.mape(y, r["point"]))
    out = {k: float(np.nanmean(v)) for k, v in per.items()}
    out["nan scores"] = int(sum(np.isnan(v).sum() for v in per.values()))
    out["s/series"] = float(np.mean([r["seconds"] for r in results]))
    out["failed"] = sum(r["error"] is not None for r in results)
    out["fallback"] = sorted({r["fallback"] for r in results} - {None})
    out["interval failed"] = sum(r["interval_error"] is not None for r in results)
    keep = [i for i, r in enumerate(results) if r["bounds"] is not None]
    if keep:
        for c in COVERAGES:
            lower = np.stack([results[i]["bounds"][c][0] for i in keep])
            upper = np.stack([results[i]["bounds"][c][1] for i in keep])
            out[f"coverage {c:.0%} by step"] = _metrics.coverage_by_step(test[keep], lower, upper)
            out[f"cov {c:.0%}"] = float(out[f"coverage {c:.0%} by step"].mean())
        lower, upper = zip(*(results[i]["bounds"][0.95] for i in keep), strict=True)
        msis = [
            _metrics.msis(test[i], lo, up, x[i], data.sp, alpha=0.05)
            for i, lo, up in zip(keep, lower, upper, strict=True)
        ]
        out["MSIS"] = float(np.nanmean(msis))
        out["series with intervals"] = len(keep)
    return out


def run_models(data, models, seeds=1, n_jobs=1, log=sys.stderr):
    """Run every model (stochastic ones once per seed); return (model, [scores], [wall s])."""
    rows = []
    for model in models:
        scores, walls = [], []
        for seed in range(seeds) if model.stochastic else [0]:
            results, wall = run_model(model, data, seed, n_jobs=n_jobs)
            scores.append(score(data, results))
            walls.append(wall)
            errors = {r["error"] or r["interval_error"] for r in results} - {None}
            print(f"# {data.name}: {model.name}, seed {seed}: {wall:.0f} s", file=log, flush=True)
            for message in sorted(errors)[:3]:
                print(f"#   error seen: {message[:200]}", file=log, flush=True)
        rows.append((model, scores, walls))
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", nargs="+", default=["M3:monthly", "Tourism:monthly"])
    parser.add_argument("--models", nargs="+", default=list(MODELS), choices=list(MODELS))
    parser.add_argument("--plug", action="append", default=[], help="module:attribute")
    parser.add_argument("--sample", type=int, default=None, help="number of series")
    parser.add_argument("--seed", type=int, default=0, help="seed of the sample")
    parser.add_argument("--seeds", type=int, default=1, help="seeds of stochastic models")
    parser.add_argument("--n-jobs", type=int, default=1, help="joblib workers over series")
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")
    models = [MODELS[m] for m in args.models] + [plugged(p) for p in args.plug]
    for spec in args.data:
        name, _, subset = spec.partition(":")
        data = sample_data(load_competition(name, subset or "monthly"), args.sample, args.seed)
        print_header(data)
        rows = run_models(data, models, seeds=args.seeds, n_jobs=args.n_jobs)
        print_table(rows)
        print_coverage_by_step(rows, data.horizon)


if __name__ == "__main__":
    main()
