"""Choose the global network's interval calibration on TRAINING parts only (issue #14).

Never reads a test split: each series' training part (``load_competition(...).y_train``)
loses its last ``h`` points (the pseudo-test: M3 monthly 18, Tourism monthly 24); one
global ``LSTMForecaster(strategy="direct")`` is fitted on the rest of every series (its
own epoch choice then holds out a further ``h`` steps: the calibration's validation
tails), and the pseudo-test scores the intervals. The fitted calibration is rescored
under every variant of ``skltsm/forecasting/_global_intervals.py`` (signed or absolute
quantiles, the scale, per-step quantiles or steps pooled with sqrt(k)) without
refitting. Prints coverage (mean and per step) and MSIS (scaled by the fit part's
seasonal-naive MAE, as the benchmark does).

    python benchmarks/dev_global_intervals.py --data M3 Tourism --save /tmp/dev_global.pkl
    python benchmarks/dev_global_intervals.py --load /tmp/dev_global.pkl
"""

import argparse
import os
import pickle
import sys
import time
import warnings
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _metrics  # noqa: E402
from bench_competitions import sample_data, series_list  # noqa: E402

COVERAGES = (0.8, 0.95)
ORIGINS = 4  # validation origins fitted; a variant keeps the last `origins` of them
VARIANTS = [
    {"signed": s, "method": m, "min_series": k, "groups": g, "center": c, "origins": o}
    for s in (True, False)
    for m in ("snaive", "naive", "none")
    for k in (50, 10**9)  # per-step quantiles, or every step pooled with sqrt(k)
    for g in (True, False)  # log-modelled series and the others calibrated apart, or pooled
    for c in (False, True)  # the errors centred on their per-step median, or as they are
    for o in range(1, ORIGINS + 1)
    if (not c and o == 1) or (m == "snaive" and g and k == 50)
]


def fit_on_training_tails(data, seed=0):
    """Fit one global network on every training part minus its last h; return the pieces."""
    from skltsm.forecasting import LSTMForecaster
    from skltsm.forecasting import _global_intervals as gi

    gi.ORIGINS = ORIGINS  # the fit calibrates on every origin; the variants pick theirs

    h = data.horizon
    train, _ = series_list(data)
    fit = pd.concat(
        {i: y.iloc[:-h] for i, y in enumerate(train)}, names=["series", "time"]
    ).to_frame("y")
    pseudo = np.stack([y.iloc[-h:].to_numpy(float) for y in train])
    start = time.perf_counter()
    f = LSTMForecaster(strategy="direct", random_state=seed).fit(fit, fh=np.arange(1, h + 1))
    points = f.predict(fh=np.arange(1, h + 1)).to_numpy(float).reshape(len(train), h)
    print(f"# {data.name}: fit + predict {time.perf_counter() - start:.0f} s", flush=True)
    return {
        "name": data.name,
        "sp": data.sp,
        "h": h,
        "points": points,
        "pseudo": pseudo,
        "values": f._values,
        "states": f._states,
        "calibration": f._calibration,
    }


def score_variant(r, variant):
    """Coverage per step and MSIS of one calibration variant on the pseudo-test."""
    from skltsm.forecasting import _global_intervals as gi

    h, alphas = r["h"], [a for c in COVERAGES for a in ((1 - c) / 2, (1 + c) / 2)]
    calibration = r["calibration"]
    keep = calibration.get("origins", np.ones(len(calibration["errors"]))) <= variant["origins"]
    calibration = {
        "errors": calibration["errors"][keep],
        "scales": {k: v[keep] for k, v in calibration["scales"].items()},
        "log": calibration["log"][keep],
    }
    args = (calibration, alphas, h, variant["method"], variant["signed"])
    offsets = {
        g: gi.table(
            *args,
            variant["min_series"],
            log=g if variant["groups"] else None,
            center=variant["center"],
        )
        for g in (True, False)
    }
    q = gi.quantile_forecasts(
        r["states"],
        r["values"],
        r["points"],
        np.arange(1, h + 1),
        offsets,
        r["sp"],
        variant["method"],
    )
    out = {}
    for c in COVERAGES:
        lo, up = q[(1 - c) / 2], q[(1 + c) / 2]
        out[c] = _metrics.coverage_by_step(r["pseudo"], lo, up)
    lo, up = q[(1 - 0.95) / 2], q[(1 + 0.95) / 2]
    out["MSIS"] = float(
        np.nanmean(
            [
                _metrics.msis(y, a, b, x, r["sp"], alpha=0.05)
                for y, a, b, x in zip(r["pseudo"], lo, up, r["values"], strict=True)
            ]
        )
    )
    return out


def report(r):
    print(f"\n## {r['name']} (pseudo-test: the last {r['h']} steps of each training part)")
    print(
        "| signed | scale | steps | log apart | centred | origins | cov 80 | cov 95 | MSIS"
        " | 95 % by step (1, h/2, h) |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    h = r["h"]
    for v in VARIANTS:
        s = score_variant(r, v)
        steps = "per step" if v["min_series"] < 10**9 else "pooled sqrt(k)"
        by = s[0.95][[0, h // 2 - 1, h - 1]].round(3).tolist()
        print(
            f"| {v['signed']} | {v['method']} | {steps} | {v['groups']} | {v['center']} | "
            f"{v['origins']} | {s[0.8].mean():.3f} | "
            f"{s[0.95].mean():.3f} | {s['MSIS']:.2f} | {by} |"
        )


def main():
    warnings.filterwarnings("ignore")
    from skltsm.datasets import load_competition

    parser = argparse.ArgumentParser()
    parser.add_argument("--data", nargs="+", default=["M3", "Tourism"])
    parser.add_argument("--sample", type=int, default=None)
    parser.add_argument("--save", default=None, help="pickle the fitted pieces here")
    parser.add_argument("--load", default=None, help="rescore pickles saved by --save")
    args = parser.parse_args()
    if args.load:
        with open(args.load, "rb") as fh:
            results = pickle.load(fh)
    else:
        results = []
        for name in args.data:
            data = sample_data(load_competition(name, "monthly"), args.sample, 0)
            results.append(fit_on_training_tails(data))
            if args.save:
                with open(args.save, "wb") as fh:
                    pickle.dump(results, fh)
    for r in results:
        report(r)


if __name__ == "__main__":
    main()
