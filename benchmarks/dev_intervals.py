"""Choose the interval calibration on validation tails of TRAINING parts only.

Never reads a test split: each series' training part (``load_competition(...).y_train``)
loses its last ``h`` points (M3 monthly 18, Tourism monthly 24); ``LSTMForecaster`` fits
on the rest, and the held-out tail scores the intervals. For each number of origins the
rolling-origin errors are computed once per series; each growth exponent then rescores
them without refitting. Prints coverage (mean over steps and per step) and MSIS.

    python benchmarks/dev_intervals.py --n 30 --n-jobs 2
"""

import argparse
import os
import sys
import warnings
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import numpy as np  # noqa: E402
from joblib import Parallel, delayed  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _metrics  # noqa: E402
from bench_competitions import sample_data, series_list  # noqa: E402

ORIGINS = ((3, 1 / 3), (5, 0.5))
BETAS = (0.5, 0.75, 1.0)
COVERAGES = (0.8, 0.95)


def one_series(y, h, sp):
    warnings.filterwarnings("ignore")
    from skltsm.forecasting import LSTMForecaster
    from skltsm.forecasting import _calibration as cal
    from skltsm.forecasting import _intervals as iv

    y_fit, y_val = y.iloc[:-h], y.iloc[-h:].to_numpy(float)
    f = LSTMForecaster(random_state=0).fit(y_fit)
    point = f.predict(fh=np.arange(1, h + 1)).to_numpy(float)
    out = {"point": point, "y_val": y_val, "y_fit": y_fit.to_numpy(float), "errors": {}}
    for k in ORIGINS:
        (iv.N_ORIGINS, iv.SPACING) = k
        iv._CACHE.pop(id(f), None)
        out["errors"][k] = f._calibrate(h)["errors"]
    out["transform"] = f.transform_
    out["bounds"] = {}
    for k in ORIGINS:
        for beta in BETAS:
            pooled = cal.scores(out["errors"][k], beta=beta)
            w = cal.widths(pooled, h, COVERAGES, beta=beta)
            out["bounds"][k, beta] = {c: cal.bounds(point, w[c], f.transform_) for c in COVERAGES}
    return out


GRID = {
    "beta": (0.5, 0.75, 1.0),
    "dof": (3.0, 4.0, 6.0, 1000.0),
    "inflation": (1.0, 1.2, 1.4, 1.6, 1.8, 2.0, 2.3),
}


def robust_bounds(r, key, beta, dof, inflation):
    """Bounds of one dev series by the median + Student-t tail rule."""
    from skltsm.forecasting import _calibration as cal

    pooled = cal.scores(r["errors"][key], beta=beta)
    g = cal.growth(np.arange(1, len(r["point"]) + 1), beta)
    out = {}
    for c in COVERAGES:
        q = cal.robust_quantile(pooled, c, dof=dof, inflation=inflation)
        out[c] = cal.bounds(r["point"], q * g, r["transform"])
    return out


def evaluate(res, bounds, sp):
    """Mean coverage 80/95, per-step 95 coverage and mean MSIS of one variant."""
    y = np.stack([r["y_val"] for r in res])
    cov = {
        c: _metrics.coverage_by_step(
            y, np.stack([b[c][0] for b in bounds]), np.stack([b[c][1] for b in bounds])
        )
        for c in COVERAGES
    }
    msis = np.nanmean(
        [
            _metrics.msis(r["y_val"], *b[0.95], r["y_fit"], sp)
            for r, b in zip(res, bounds, strict=True)
        ]
    )
    return cov[0.8].mean(), cov[0.95].mean(), cov[0.95], msis


def analyse(results):
    """Rank the robust variants: coverage near nominal on both sets, then mean MSIS."""
    import itertools

    rows = []
    for key in ORIGINS:
        for beta, dof, inf in itertools.product(*GRID.values()):
            ev = {
                name: evaluate(res, [robust_bounds(r, key, beta, dof, inf) for r in res], 12)
                for name, res in results.items()
            }
            miss = sum(abs(e[0] - 0.8) + abs(e[1] - 0.95) for e in ev.values())
            msis = np.mean([e[3] for e in ev.values()])
            rows.append((miss, msis, key, beta, dof, inf, ev))
    rows.sort(key=lambda row: (round(row[0], 2), row[1]))
    for miss, _msis, key, beta, dof, inf, ev in rows[:12]:
        figures = "; ".join(
            f"{n}: cov80 {e[0]:.3f} cov95 {e[1]:.3f} MSIS {e[3]:.2f}" for n, e in ev.items()
        )
        print(f"robust {key} beta={beta} dof={dof} inflation={inf}: miss {miss:.3f} | {figures}")


def main():
    from skltsm.datasets import load_competition

    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=30)
    parser.add_argument("--n-jobs", type=int, default=2)
    parser.add_argument("--data", nargs="+", default=["M3", "Tourism"])
    parser.add_argument("--save", default=None, help="pickle the per-series results here")
    parser.add_argument("--load", default=None, help="analyse pickles saved by --save")
    args = parser.parse_args()
    if args.load:
        import pickle

        results = {}
        for name in args.data:
            with open(f"{args.load}.{name}.pkl", "rb") as fh:
                results[name] = pickle.load(fh)
        analyse(results)
        return
    for name in args.data:
        data = sample_data(load_competition(name, "monthly"), args.n, 1)
        train, _ = series_list(data)
        keep = [y for y in train if len(y) > 2 * data.horizon + 12]
        res = Parallel(n_jobs=args.n_jobs)(
            delayed(one_series)(y, data.horizon, data.sp) for y in keep
        )
        if args.save:
            import pickle

            with open(f"{args.save}.{name}.pkl", "wb") as fh:
                pickle.dump(res, fh)
        print(f"## {data.name}: {len(keep)} series with a dev tail of {data.horizon}")
        y = np.stack([r["y_val"] for r in res])
        for key in res[0]["bounds"]:
            cov = {
                c: _metrics.coverage_by_step(
                    y,
                    np.stack([r["bounds"][key][c][0] for r in res]),
                    np.stack([r["bounds"][key][c][1] for r in res]),
                )
                for c in COVERAGES
            }
            msis = np.nanmean(
                [
                    _metrics.msis(r["y_val"], *r["bounds"][key][0.95], r["y_fit"], data.sp)
                    for r in res
                ]
            )
            by_step = " ".join(f"{v:.2f}" for v in cov[0.95])
            print(
                f"origins, spacing={key[0]} beta={key[1]}: cov80 {cov[0.8].mean():.3f} "
                f"cov95 {cov[0.95].mean():.3f} MSIS {msis:.2f} | 95 by step {by_step}",
                flush=True,
            )


if __name__ == "__main__":
    main()
