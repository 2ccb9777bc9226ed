"""What deferring one series' global calibration saves: default fits of M3 series, timed.

``LSTMForecaster()`` on one series keeps its global part's interval calibration for the
first interval call (``skltsm/forecasting/_global_origins.py``). This script fits the same
M3 monthly training parts (``.x``, the sample of ``dev_defaults``) both ways in one run,
alternating per series: **deferred** (the library) and **in fit** (the calibration
computed at once, as before 2026-12-07, by resolving it inside ``fit``). Both forecast the
same values; the table gives seconds per fit and their ratio. A warm-up fit first, so
neither pays TensorFlow's traces::

    python benchmarks/bench_deferred_calibration.py --n 30
"""

import argparse
import os
import sys
import time
import warnings
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import dev_defaults as dd  # noqa: E402


def timed_fit(y, in_fit):
    """Return the seconds of one default fit, the calibration deferred or made in fit."""
    from skltsm.forecasting import LSTMForecaster
    from skltsm.forecasting import _combined as combined
    from skltsm.forecasting import _global_origins as global_origins

    start = time.perf_counter()
    forecaster = LSTMForecaster(random_state=0).fit(y)
    if in_fit:
        part = forecaster._global_part() or (
            combined.take_part(forecaster) if forecaster.scheme_ == "global" else None
        )
        if part is not None:
            global_origins.resolve(part)
    return time.perf_counter() - start


def main():
    warnings.filterwarnings("ignore")
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=30)
    args = parser.parse_args()
    sample = dd.m3_dev_sample(100)[: args.n]
    timed_fit(sample[0][1], True)  # warm-up: traces of every network shape used
    seconds = {False: [], True: []}
    for _, y in sample:
        for in_fit in (True, False):
            seconds[in_fit].append(timed_fit(y, in_fit))
    before, now = np.mean(seconds[True]), np.mean(seconds[False])
    print(f"LSTMForecaster(random_state=0).fit, {args.n} M3 monthly training parts, one run\n")
    print("| global part's calibration | s / fit | ratio |")
    print("|---|---:|---:|")
    print(f"| in fit (before) | {before:.3f} | 1.00 |")
    print(f"| deferred to the first interval call | {now:.3f} | {now / before:.2f} |")


if __name__ == "__main__":
    main()
