"""How one series' interval widths grow with the horizon, on TRAINING tails only.

Both of one series' calibrations have too few errors for a quantile per step (5 origins),
so both pool their steps through a growth model ``g(k) = k ** beta`` (``beta = 0.5``, a
random walk's ``sqrt(k)``): the series scheme's rolling-origin scores
(``_calibration.scores``) and the global part's small-panel scores
(``_global_intervals.table``). This script fits each series once, keeps what the
intervals are made of (each part's point forecast and calibration errors) and rescores
the growth rules below without refitting:

* ``beta=B``: one fixed exponent for both parts (``0.5``, with the largest score standing
  for a conformal rank past the scores, reproduces the bands the library gave until
  2026-12-07, checked against the saved ``predict_quantiles`` of every series);
* ``fitted``: each calibration's own exponent, the least-squares slope of the log of the
  per-step median absolute error on ``log k``, clipped to ``[0, 1]``;
* ``fitted-shrunk``: the mean of that slope and 0.5;
* ``fitted-mean``: the slope of the mean absolute error, in ``[0, 1]``;
* ``library``: the library's rule (``_calibration.fitted_growth``, the slope of the mean
  absolute error in ``[0.1, 1]``, the global part's fitted to its scaled errors; it
  reproduces the bands of fits saved since 2026-12-07, checked on every series);
  ``library-floor-F`` with the range ``[F, 1]``; ``library-clip`` with the largest score
  for a conformal rank past the scores instead of a t tail beyond it
  (``_calibration.BEYOND``); ``library-symmetric`` with the global part's small-panel
  quantiles of ``|z|``; ``library-quantile-mean`` with the mean of the parts' quantiles
  instead of their linear pool; ``library-inflate-K`` with every half-width times K.

Never reads a test split: each training part (``load_competition(...).y_train``) loses its
last ``h`` points (M3 monthly 18, Tourism monthly 24), ``LSTMForecaster(random_state=0)``
fits on the rest and the held-out tail scores coverage (mean and per step) and MSIS
(alpha = 0.05, scaled by the in-sample seasonal-naive MAE)::

    python benchmarks/dev_interval_growth.py --n 60 --n-jobs 2 --save /tmp/growth.pkl
    python benchmarks/dev_interval_growth.py --load /tmp/growth.pkl   # rescoring only
"""

import os
import pickle
import sys
import warnings
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402
from joblib import Parallel, delayed  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _metrics  # noqa: E402
from dev_combined_intervals import dev_parser, training_parts  # noqa: E402

COVERAGES = (0.8, 0.95)
BOUNDS = tuple(round(a, 3) for c in COVERAGES for a in ((1 - c) / 2, (1 + c) / 2))
RULES = (
    "beta=0.5",
    "beta=0",
    "beta=0.15",
    "beta=0.25",
    "beta=0.35",
    "beta=0.65",
    "fitted",
    "fitted-shrunk",
    "fitted-mean",
    "library",
    "library-floor-0",
    "library-floor-0.2",
    "library-clip",
    "library-symmetric",
    "library-quantile-mean",
    "library-inflate-1.1",
    "library-inflate-1.2",
)


def fitted_beta(errors, centre=np.nanmedian):
    """Return the slope of log median |error| per step on log step, clipped to [0, 1]."""
    errors = np.abs(np.asarray(errors, dtype=np.float64))
    if errors.shape[1] < 2:
        return 0.5
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = centre(errors, axis=0)
    k = np.arange(1, errors.shape[1] + 1)
    keep = np.isfinite(m) & (m > 0)
    if keep.sum() < 3:
        return 0.5
    slope = np.polyfit(np.log(k[keep]), np.log(m[keep]), 1)[0]
    return float(np.clip(slope, 0.0, 1.0))


def beta_of(rule, errors):
    if rule.startswith("library"):
        from skltsm.forecasting import _calibration as cal

        return cal.fitted_growth(errors)
    if rule.startswith("beta="):
        return float(rule.split("=")[1])
    if rule == "fitted-mean":
        return fitted_beta(errors, np.nanmean)
    b = fitted_beta(errors)
    return b if rule == "fitted" else (b + 0.5) / 2


def inflation(rule):
    """Return the factor on every half-width of ``rule`` ("library-inflate-K": K)."""
    return float(rule.split("-")[-1]) if rule.startswith("library-inflate") else 1.0


def series_quantiles(rec, alphas, rule):
    """The series scheme's quantiles ``{alpha: (h,)}`` under ``rule``."""
    from skltsm.forecasting import _calibration as cal

    errors = rec["series_errors"]
    b = beta_of(rule, errors)
    pooled = cal.scores(errors, beta=b)
    steps = np.arange(1, rec["h"] + 1)
    g = cal.growth(steps, b)
    centre = cal.to_model_space(rec["series_point"], rec["transform"])
    out = {}
    for a in alphas:
        if a == 0.5:
            out[a] = np.asarray(rec["series_point"], dtype=np.float64)
            continue
        q = cal.conformal_quantile(pooled, abs(2 * a - 1)) * g * inflation(rule)
        q = np.minimum(q, rec["cap"])
        out[a] = cal.from_model_space(centre + np.sign(a - 0.5) * q, rec["transform"])
    return out


def global_quantiles(rec, alphas, rule):
    """The global part's quantiles ``{alpha: (h,)}`` under ``rule``."""
    from skltsm.forecasting import _global_intervals as gi

    calibration = rec["global_calibration"]
    b = None if rule.startswith("library") else beta_of(rule, calibration["errors"])
    signed = gi.SIGNED if rule != "library-symmetric" else False
    offsets = {
        g: {
            a: q * inflation(rule)
            for a, q in gi.table(
                calibration, alphas, rec["h"], log=g, beta=b, signed=signed
            ).items()
        }
        for g in (True, False)
    }
    steps = np.arange(1, rec["h"] + 1)
    values = gi.quantile_forecasts(
        rec["states"], rec["values"], rec["global_point"][None, :], steps, offsets, rec["sp"]
    )
    return {a: v[0] for a, v in values.items()}


def bands(rec, rule):
    """Return ``{alpha: (h,)}`` of the forecaster under ``rule`` at BOUNDS."""
    from skltsm.forecasting import _combined as combined

    if rec["scheme"] == "series":
        return series_quantiles(rec, BOUNDS, rule)
    if rec["scheme"] == "global":
        return global_quantiles(rec, BOUNDS, rule)
    grid = sorted(set(combined.POOL_GRID) | set(BOUNDS))
    own, other = series_quantiles(rec, grid, rule), global_quantiles(rec, grid, rule)
    if rule == "library-quantile-mean":  # Vincentization, the way until 2026-12-04
        return {a: (own[a] + other[a]) / 2 for a in BOUNDS}
    return combined.linear_pool(own, other, list(BOUNDS), rec["point"])


def one_series(y, h, sp):
    """Fit on ``y[:-h]``; return what every rule's bands are made of."""
    warnings.filterwarnings("ignore")
    from sktime.forecasting.base import ForecastingHorizon

    from skltsm.forecasting import LSTMForecaster
    from skltsm.forecasting import _combined as combined
    from skltsm.forecasting import _global_origins as global_origins

    y_fit, y_val = y.iloc[:-h], y.iloc[-h:].to_numpy(float)
    f = LSTMForecaster(random_state=0).fit(y_fit)
    frame = f.predict_quantiles(fh=np.arange(1, h + 1), alpha=list(BOUNDS))
    fh = ForecastingHorizon(np.arange(1, h + 1), is_relative=True)
    _, forecasts = f._part_forecasts(fh, None)
    rec = {
        "y_val": y_val,
        "y_fit": y_fit.to_numpy(float),
        "h": h,
        "sp": sp,
        "scheme": f.scheme_,
        "library": {a: frame.iloc[:, i].to_numpy(float) for i, a in enumerate(BOUNDS)},
        "point": combined.mean(forecasts)[0],
    }
    part = f._global_part() if f.scheme_ == "combined" else None
    if f.scheme_ == "global":
        part = combined.take_part(f)
    if f.scheme_ != "global":
        rec["series_point"] = forecasts[0][0]
        rec["series_errors"] = f._calibrate(h)["errors"]
        rec["transform"], rec["cap"] = f.transform_, f._cap()
    if part is not None:
        rec["global_point"] = forecasts[-1][0]
        rec["global_calibration"] = global_origins.resolve(part)
        rec["states"], rec["values"] = part["_states"], part["_values"]
        rec["sp"] = part["sp_"]
    return rec


def score(records, rule):
    """Return coverage 80 / 95 (mean), the 95 % coverage per step, mean and median MSIS."""
    from skltsm.forecasting import _calibration as cal

    y = np.stack([r["y_val"] for r in records])
    floor = float(rule.split("-")[-1]) if rule.startswith("library-floor") else 0.1
    kept = cal.GROWTH_RANGE, cal.BEYOND
    cal.GROWTH_RANGE, cal.BEYOND = (floor, 1.0), rule != "library-clip"
    try:
        got = [bands(r, rule) for r in records]
    finally:
        cal.GROWTH_RANGE, cal.BEYOND = kept
    cov = {}
    for c in COVERAGES:
        lo, hi = round((1 - c) / 2, 3), round((1 + c) / 2, 3)
        lower, upper = np.stack([g[lo] for g in got]), np.stack([g[hi] for g in got])
        cov[c] = _metrics.coverage_by_step(y, lower, upper)
    msis = np.array(
        [
            _metrics.msis(r["y_val"], g[0.025], g[0.975], r["y_fit"], r["sp_data"])
            for r, g in zip(records, got, strict=True)
        ]
    )
    return cov[0.8], cov[0.95], np.nanmean(msis), np.nanmedian(msis)


def check(records):
    """Print how far two rules are from the bands saved with the fits: ``library`` (the
    library's rule now) and ``beta=0.5`` with the largest score for a rank past the
    scores (its rule until 2026-12-07). One of them reproduces the saved bands, to the
    bit, according to the code that saved them."""
    from skltsm.forecasting import _calibration as cal

    for rule, beyond in (("library", True), ("beta=0.5", False)):
        worst, kept, cal.BEYOND = 0.0, cal.BEYOND, beyond
        for r in records:
            got = bands(r, rule)
            for a in BOUNDS:
                ref = r["library"][a]
                worst = max(worst, float(np.max(np.abs(got[a] - ref) / (np.abs(ref) + 1e-9))))
        cal.BEYOND = kept
        print(f"{rule} vs the saved bands: largest relative difference {worst:.2e}")


def report(name, records):
    print(f"## {name}: {len(records)} series", flush=True)
    check(records)
    for label, rows in (
        ("all", records),
        ("combined", [r for r in records if r["scheme"] == "combined"]),
        ("not combined", [r for r in records if r["scheme"] != "combined"]),
    ):
        if not rows:
            continue
        print(f"### {label}: {len(rows)} series")
        print("| rule | cov 80 | cov 95 | MSIS mean | MSIS median | 80 % by step (every 3rd) |")
        print("|---|---:|---:|---:|---:|---|")
        for rule in RULES:
            c80, c95, m, med = score(rows, rule)
            steps = " ".join(f"{v:.2f}" for v in c80[::3])
            cov = f"{c80.mean():.3f} | {c95.mean():.3f}"
            print(f"| {rule} | {cov} | {m:.2f} | {med:.2f} | {steps} |")


def main():
    parser = dev_parser()
    parser.add_argument("--save")
    parser.add_argument("--load")
    args = parser.parse_args()
    if args.load:
        with open(args.load, "rb") as handle:
            saved = pickle.load(handle)
    else:
        saved = {}
        for name in args.data:
            data, keep = training_parts(name, args.n)
            records = Parallel(n_jobs=args.n_jobs)(
                delayed(one_series)(y, data.horizon, data.sp) for y in keep
            )
            for r in records:
                r["sp_data"] = data.sp
            saved[f"{data.name}, the last {data.horizon} of each training part"] = records
        if args.save:
            with open(args.save, "wb") as handle:
                pickle.dump(saved, handle)
    for name, records in saved.items():
        report(name, records)


if __name__ == "__main__":
    main()
