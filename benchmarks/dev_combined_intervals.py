"""How a combined fit of one series joins its two parts' intervals, on TRAINING tails only.

A series fitted by both schemes (``scheme_ == "combined"``, ``docs/forecaster-guide.md``)
has two predictive distributions: the series scheme's rolling-origin quantiles and the
global part's. The library pools them (``_combined.linear_pool``); this script scores that
beside the alternatives, without refitting:

* ``linear pool``: the library's intervals, the quantiles of the equal mixture of the two
  distributions (the mean of their CDFs, each read off a grid of quantiles), kept on
  their side of the mean forecast: wider than the quantile mean where the parts disagree;
* ``quantile mean``: the mean of the parts' quantiles (Vincentization; the library's way
  until 2026-12-04);
* ``envelope``: the lower of the parts' lower bounds and the higher of their upper ones;
* ``series part``, ``global part``: each part's own intervals around its own forecast.

Never reads a test split: each series' training part (``load_competition(...).y_train``)
loses its last ``h`` points (M3 monthly 18, Tourism monthly 24), ``LSTMForecaster()``
fits on the rest and the held-out tail scores coverage (mean and per step) and MSIS
(alpha = 0.05, scaled by the in-sample seasonal-naive MAE). Series that did not combine
keep the library's intervals in every row::

    python benchmarks/dev_combined_intervals.py --n 60 --n-jobs 2
"""

import argparse
import os
import sys
import warnings
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402
from joblib import Parallel, delayed  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _metrics  # noqa: E402
from bench_competitions import sample_data, series_list  # noqa: E402

COVERAGES = (0.8, 0.95)
BOUNDS = tuple(round(a, 3) for c in COVERAGES for a in ((1 - c) / 2, (1 + c) / 2))
WAYS = ("linear pool", "quantile mean", "envelope", "series part", "global part")


def parts_quantiles(forecaster, h, alphas):
    """Return each part's ``{alpha: (h,)}`` quantiles of a combined fit (series, global)."""
    from sktime.forecasting.base import ForecastingHorizon

    from skltsm.forecasting import _combined as combined

    fh = ForecastingHorizon(np.arange(1, h + 1), is_relative=True)
    steps, forecasts = forecaster._part_forecasts(fh, None)
    steps = steps.astype(int)
    own = forecaster._series_quantiles(forecasts[0][0], alphas, steps)
    other = combined.quantiles(forecaster._global_part(), forecasts[1], steps, alphas)
    return own, {a: other[a][0] for a in alphas}


def one_series(y, h):
    """Return the held-out tail, the fit part and every way's bounds of one series."""
    warnings.filterwarnings("ignore")
    from skltsm.forecasting import LSTMForecaster

    y_fit, y_val = y.iloc[:-h], y.iloc[-h:].to_numpy(float)
    f = LSTMForecaster(random_state=0).fit(y_fit)
    frame = f.predict_quantiles(fh=np.arange(1, h + 1), alpha=list(BOUNDS))
    library = {a: frame.iloc[:, i].to_numpy(float) for i, a in enumerate(BOUNDS)}
    ways = dict.fromkeys(WAYS, library)
    if f.scheme_ == "combined":
        own, other = parts_quantiles(f, h, list(BOUNDS))
        lower, upper = BOUNDS[::2], BOUNDS[1::2]
        envelope = {a: np.minimum(own[a], other[a]) for a in lower}
        envelope.update({a: np.maximum(own[a], other[a]) for a in upper})
        ways = {
            "linear pool": library,
            "quantile mean": {a: (own[a] + other[a]) / 2 for a in BOUNDS},
            "envelope": envelope,
            "series part": {a: own[a] for a in BOUNDS},
            "global part": {a: other[a] for a in BOUNDS},
        }
    return {"y_val": y_val, "y_fit": y_fit.to_numpy(float), "scheme": f.scheme_, "ways": ways}


def score(results, way, sp):
    """Return mean coverage 80 / 95, the 95 % coverage per step and the mean MSIS."""
    y = np.stack([r["y_val"] for r in results])
    cov = {}
    for c in COVERAGES:
        lo, hi = round((1 - c) / 2, 3), round((1 + c) / 2, 3)
        lower = np.stack([r["ways"][way][lo] for r in results])
        upper = np.stack([r["ways"][way][hi] for r in results])
        cov[c] = _metrics.coverage_by_step(y, lower, upper)
    msis = np.nanmean(
        [
            _metrics.msis(r["y_val"], r["ways"][way][0.025], r["ways"][way][0.975], r["y_fit"], sp)
            for r in results
        ]
    )
    return cov[0.8].mean(), cov[0.95].mean(), cov[0.95], msis


def report(name, results, sp):
    combined = [r for r in results if r["scheme"] == "combined"]
    print(f"## {name}: {len(results)} series, {len(combined)} combined", flush=True)
    print("| way | cov 80 | cov 95 | MSIS | combined only: cov 80 | cov 95 | MSIS |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for way in WAYS:
        a80, a95, _, am = score(results, way, sp)
        c80, c95, by_step, cm = score(combined, way, sp) if combined else (0, 0, [], 0)
        print(f"| {way} | {a80:.3f} | {a95:.3f} | {am:.2f} | {c80:.3f} | {c95:.3f} | {cm:.2f} |")
        print(f"  95 by step (combined): {' '.join(f'{v:.2f}' for v in by_step)}")


def dev_parser():
    """Return the arguments the interval development scripts share."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=60)
    parser.add_argument("--n-jobs", type=int, default=2)
    parser.add_argument("--data", nargs="+", default=["M3", "Tourism"])
    return parser


def training_parts(name, n):
    """Return the monthly set ``name``'s ``n`` series of ``default_rng(1)`` and the
    training parts long enough to lose their last ``h`` points and still fit."""
    from skltsm.datasets import load_competition

    data = sample_data(load_competition(name, "monthly"), n, 1)
    train, _ = series_list(data)
    return data, [y for y in train if len(y) > 2 * data.horizon + 12]


def main():
    args = dev_parser().parse_args()
    for name in args.data:
        data, keep = training_parts(name, args.n)
        results = Parallel(n_jobs=args.n_jobs)(delayed(one_series)(y, data.horizon) for y in keep)
        report(f"{data.name}, the last {data.horizon} of each training part", results, data.sp)


if __name__ == "__main__":
    main()
