"""How the global network scales: a synthetic panel of many long series (issue #13).

A script, not a test: it prints a markdown table. Each panel has ``--series`` series of
``--steps`` monthly steps: a yearly season, a trend and noise, on scales spread over four
orders of magnitude (log-uniform 1 to 10,000), as an sktime ``pd-multiindex`` frame.

Two measurements per panel size:

* **windows**: :func:`skltsm.forecasting._panel.training_rows` alone, as ``fit`` calls
  it (lags 13, the horizon), all rows and capped at ``GLOBAL_MAX_WINDOWS``; tracemalloc's
  peak for the call, beside the formula ``rows x (lags + horizon) x 8`` bytes.
* **fit + predict**: ``LSTMForecaster(strategy="direct", random_state=0)`` fitted on the
  whole panel (``fh = 1..h``), then one ``predict`` of every series; seconds of each and
  the process's peak RSS (``resource.getrusage``: the high-water mark so far, so panels
  run from small to large; ``--fit-only`` leaves out the window measurements, whose
  uncapped build would otherwise set the mark).

    python benchmarks/bench_scale.py --series 1000 10000 --steps 1000
    python benchmarks/bench_scale.py --series 1000 10000 --windows-only
    python benchmarks/bench_scale.py --series 1000 10000 --fit-only
"""

import argparse
import os
import resource
import sys
import time
import tracemalloc
import warnings

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

LAGS = 13  # what fit's lags="auto" gives a monthly panel of long series


def synthetic_panel(n_series, n_steps, seed=0):
    """A ``pd-multiindex`` frame: season + trend + noise on log-uniform scales."""
    rng = np.random.default_rng(seed)
    t = np.arange(n_steps)
    scale = 10 ** rng.uniform(0, 4, (n_series, 1))
    amplitude = rng.uniform(0.0, 0.3, (n_series, 1))
    phase = rng.uniform(0, 2 * np.pi, (n_series, 1))
    trend = rng.uniform(-0.5, 1.0, (n_series, 1)) * t / n_steps
    noise = rng.normal(0, rng.uniform(0.01, 0.1, (n_series, 1)), (n_series, n_steps))
    y = scale * (1 + amplitude * np.sin(2 * np.pi * t / 12 + phase) + 0.5 * trend + noise)
    y = np.abs(y) + 1e-3 * scale  # positive, so the log transform applies as on most data
    index = pd.MultiIndex.from_product(
        [
            [f"s{i}" for i in range(n_series)],
            pd.period_range(end="2000-12", periods=n_steps, freq="M"),
        ],
        names=["series", "time"],
    )
    return pd.DataFrame({"y": y.ravel()}, index=index)


def peak_rss_mb():
    """The process's peak resident set so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_windows(y, horizon, max_windows):
    """Rows, formula MB and tracemalloc's peak MB of ``training_rows`` on the panel."""
    from skltsm.forecasting import _panel as pn
    from skltsm.forecasting import _series as series

    _, values, _, _ = pn.split_panel(y)
    states = [series.fit(v, None, *pn.global_settings(v, 12, LAGS)) for v in values]
    tracemalloc.start()
    windows, targets = pn.training_rows(states, horizon, max_windows=max_windows)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    n = len(windows)
    return n, n * (LAGS + horizon) * 8 / 1e6, peak / 1e6


def measure_fit(y, horizon, ensemble_size):
    """Seconds of fit and predict and the peak RSS (MB) after them."""
    from skltsm.forecasting import LSTMForecaster

    fh = np.arange(1, horizon + 1)
    f = LSTMForecaster(strategy="direct", random_state=0, ensemble_size=ensemble_size)
    start = time.perf_counter()
    f.fit(y, fh=fh)
    fit_s = time.perf_counter() - start
    pred = f.predict(fh=fh)
    predict_s = time.perf_counter() - start - fit_s
    assert np.isfinite(pred.to_numpy()).all()
    return fit_s, predict_s, peak_rss_mb(), f.epochs_, f.ensemble_size_


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--horizon", type=int, default=18)
    parser.add_argument("--ensemble-size", default="auto")
    parser.add_argument("--windows-only", action="store_true")
    parser.add_argument("--fit-only", action="store_true", help="peak RSS of the fit alone")
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")
    from skltsm.forecasting import _panel as pn

    ensemble = args.ensemble_size if args.ensemble_size == "auto" else int(args.ensemble_size)
    cap = pn.GLOBAL_MAX_WINDOWS
    print(f"horizon {args.horizon}, lags {LAGS}, GLOBAL_MAX_WINDOWS {cap}")
    print(
        "| series x steps | windows built | formula MB | tracemalloc peak MB | fit s "
        "| predict s | epochs | members | peak RSS MB |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in args.series:
        y = synthetic_panel(n, args.steps)
        label = f"{n:,} x {args.steps:,}"
        for max_windows in () if args.fit_only else (None, cap):
            rows, formula, peak = measure_windows(y, args.horizon, max_windows)
            print(
                f"| {label} | {rows:,} | {formula:.0f} | {peak:.0f} | - | - | - | - "
                f"| {peak_rss_mb():.0f} |",
                flush=True,
            )
        if not args.windows_only:
            fit_s, predict_s, rss, epochs, members = measure_fit(y, args.horizon, ensemble)
            print(
                f"| {label}, fit (capped) | - | - | - | {fit_s:.0f} | {predict_s:.1f} "
                f"| {epochs} | {members} | {rss:.0f} |",
                flush=True,
            )
        sys.stdout.flush()


if __name__ == "__main__":
    main()
