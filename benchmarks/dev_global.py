"""Choose the global network's settings on validation tails of TRAINING data only (#13).

Never reads a test split: it loads a competition's training panel (``y_train``), holds out
the last ``h`` points of every series (M3 monthly 18, Tourism monthly 24, the published
horizons) and fits ``LSTMForecaster(strategy="direct")`` once on the rest, so the model's
own inner tail (which picks its epochs) is cut from the shortened series. Scores on the
held-out tails: mean sMAPE and MASE (scaled by the shortened series' in-sample seasonal
naive MAE), beside the seasonal naive forecast of the same tails. With ``--members K`` the
K networks' forecasts are combined by the median of the first 1, 3, ... K of them, so one
run scores every ensemble size.

    python benchmarks/dev_global.py --data Tourism:monthly --members 5
    python benchmarks/dev_global.py --data M3:monthly --const GLOBAL_UNITS=64 --set lags=25
"""

import argparse
import ast
import os
import sys
import time
import warnings
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _metrics  # noqa: E402

from skltsm.datasets import load_competition  # noqa: E402


def validation_split(y_train, h):
    """Return (shortened panel, held-out tails (n, h), shortened arrays) of a training panel."""
    groups = [g for _, g in y_train.groupby(level=0, sort=False)]
    from_end = y_train.groupby(level=0, sort=False).cumcount(ascending=False)
    fit = y_train[from_end.to_numpy() >= h]
    tails = np.stack([g["y"].to_numpy(float)[-h:] for g in groups])
    parts = [g["y"].to_numpy(float)[:-h] for g in groups]
    return fit, tails, parts


def scores(points, tails, parts, sp):
    """Mean sMAPE and MASE over series."""
    smape = [_metrics.smape(y, f) for y, f in zip(tails, points, strict=True)]
    mase = [_metrics.mase(y, f, x, sp) for y, f, x in zip(tails, points, parts, strict=True)]
    return float(np.nanmean(smape)), float(np.nanmean(mase))


def member_forecasts(forecaster, h, n_series):
    """Forecasts (members, n_series, h) of each global member alone."""
    members, states, out = forecaster.regressors_, forecaster._lstm_states, []
    try:
        for m, s in zip(members, states, strict=True):
            forecaster.regressors_, forecaster._lstm_states = [m], [s]
            pred = forecaster.predict(fh=np.arange(1, h + 1))
            out.append(pred.iloc[:, 0].to_numpy(float).reshape(n_series, h))
    finally:
        forecaster.regressors_, forecaster._lstm_states = members, states
    return np.stack(out)


def parse_values(pairs):
    """``["a=1", "b=(2, 3)"]`` -> {"a": 1, "b": (2, 3)} (literals, else strings)."""
    out = {}
    for pair in pairs:
        key, _, raw = pair.partition("=")
        try:
            out[key] = ast.literal_eval(raw)
        except (ValueError, SyntaxError):
            out[key] = raw
    return out


def run(spec, params, consts, members, seed):
    """Fit on the shortened panel of ``spec``; print one row per ensemble size."""
    from skltsm.forecasting import LSTMForecaster
    from skltsm.forecasting import _panel as pn

    for key, value in consts.items():
        setattr(pn, key, value)
    name, _, subset = spec.partition(":")
    data = load_competition(name, subset or "monthly")
    h, sp = data.horizon, data.sp
    fit, tails, parts = validation_split(data.y_train, h)
    naive = np.stack([np.resize(x[-sp:], h) for x in parts])
    f = LSTMForecaster(strategy="direct", random_state=seed, ensemble_size=members, **params)
    start = time.perf_counter()
    f.fit(fit, fh=np.arange(1, h + 1))
    fit_s = time.perf_counter() - start
    paths = member_forecasts(f, h, len(parts))
    label = f"{spec} seed={seed} {params} {consts}"
    print(
        f"# {label}: fit {fit_s:.0f} s, lags {f.lags_}, epochs {f.epochs_}, "
        f"inner validation scores (mean MAE / level) {f.validation_scores_}",
        flush=True,
    )
    print(f"| {spec} | seasonal naive | - | %.2f | %.3f | - |" % scores(naive, tails, parts, sp))
    for k in range(1, members + 1, 2) if members > 1 else [1]:
        point = np.median(paths[:k], axis=0)
        row = scores(point, tails, parts, sp)
        print(
            f"| {spec} | {params} {consts} seed {seed} | {k} | {row[0]:.2f} | {row[1]:.3f} "
            f"| {fit_s:.0f} |",
            flush=True,
        )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", nargs="+", default=["M3:monthly", "Tourism:monthly"])
    parser.add_argument("--set", nargs="*", default=[], help="LSTMForecaster key=value")
    parser.add_argument("--const", nargs="*", default=[], help="_panel CONSTANT=value")
    parser.add_argument("--members", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")
    print("| data | config | members | val sMAPE | val MASE | fit s |")
    print("|---|---|---:|---:|---:|---:|")
    for spec in args.data:
        run(spec, parse_values(args.set), parse_values(args.const), args.members, args.seed)


if __name__ == "__main__":
    main()
