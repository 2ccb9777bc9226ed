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

ORIGINS = ((3, 1 / 3), (3, 1.0), (5, 0.5))
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
        (iv.N_ORIGINS, iv.SPACING), f._calibration = k, None
        out["errors"][k] = f._calibrate(h)["errors"]
    out["transform"] = f.transform_
    out["bounds"] = {}
    for k in ORIGINS:
        for beta in BETAS:
            pooled = cal.scores(out["errors"][k], beta=beta)
            w = cal.widths(pooled, h, COVERAGES, beta=beta)
            out["bounds"][k, beta] = {c: cal.bounds(point, w[c], f.transform_) for c in COVERAGES}
    return out


def main():
    from skltsm.datasets import load_competition

    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=30)
    parser.add_argument("--n-jobs", type=int, default=2)
    parser.add_argument("--data", nargs="+", default=["M3", "Tourism"])
    args = parser.parse_args()
    for name in args.data:
        data = sample_data(load_competition(name, "monthly"), args.n, 1)
        train, _ = series_list(data)
        keep = [y for y in train if len(y) > 2 * data.horizon + 12]
        res = Parallel(n_jobs=args.n_jobs)(
            delayed(one_series)(y, data.horizon, data.sp) for y in keep
        )
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
