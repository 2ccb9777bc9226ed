"""Dev only, TRAINING data only: one series through the global path (a panel of one).

Asks whether the global network's scheme (per-series log or mean scale, seasonal indices,
windows relative to their last value; ``skltsm/forecasting/_panel.py``) would serve a single
series as well. Uses ``dev_defaults.py``'s protocol: M3 monthly training parts with their
last 18 points held out, shampoo's first 24 months (last 6 held out), airline's first 108
(last 18 held out); never a test split. The global path's epoch candidates and batch size
are meant for thousands of windows, so they are overridden here for one series.

    python benchmarks/dev_panel_of_one.py --candidates 32 64 128 --batch-size 16 --n 100
"""

import argparse
import os
import time
import warnings

import dev_defaults as dev
import numpy as np
import pandas as pd


def run(y, h, seed, ensemble_size):
    """Fit a panel of one on ``y`` minus its last ``h`` points; return sMAPE, s, epochs."""
    from skltsm.forecasting import LSTMForecaster

    y_fit, y_val = y.iloc[:-h], y.iloc[-h:].to_numpy()
    index = pd.MultiIndex.from_product([["series"], y_fit.index])
    panel = pd.DataFrame({"y": y_fit.to_numpy()}, index=index)
    forecaster = LSTMForecaster(random_state=seed, strategy="direct", ensemble_size=ensemble_size)
    start = time.perf_counter()
    forecaster.fit(panel, fh=np.arange(1, h + 1))
    pred = forecaster.predict()["y"].to_numpy()
    return dev.smape(y_val, pred), time.perf_counter() - start, forecaster.epochs_


def main():
    """Score the panel-of-one path on the dev tails and print one line."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--candidates", type=int, nargs="+", default=[32, 64, 128])
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--ensemble-size", type=int, default=1)
    parser.add_argument("--n", type=int, default=100)
    args = parser.parse_args()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    warnings.simplefilter("ignore")
    from skltsm.forecasting import _panel

    _panel.GLOBAL_EPOCH_CANDIDATES = tuple(args.candidates)
    _panel.GLOBAL_BATCH_SIZE = args.batch_size
    sample = dev.m3_dev_sample(args.n)
    results = [run(y, dev.H, 0, args.ensemble_size) for _, y in sample]
    theta = [dev.run_theta(y, dev.H) for _, y in sample]
    bundled = {label: run(y, h, 0, args.ensemble_size)[0] for label, y, h in dev.bundled_dev()}
    print(
        f"panel of one, candidates {args.candidates}, batch {args.batch_size}, ensemble "
        f"{args.ensemble_size}: M3 dev sMAPE {np.mean([r[0] for r in results]):.2f} (Theta "
        f"{np.mean(theta):.2f}), {np.mean([r[1] for r in results]):.2f} s/series | "
        f"shampoo24 sMAPE {bundled['shampoo24']:.2f}, airline108 {bundled['airline108']:.2f}"
    )


if __name__ == "__main__":
    main()
