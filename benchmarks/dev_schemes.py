"""Score the series scheme, the global one and their mean on ONE series, TRAINING tails only.

Each series of ``dev_defaults``' development set (shampoo's first 24 months with the last
6 held out, airline's first 108 with the last 18 held out, 100 M3 monthly training parts
with their last 18 held out; no test split is read) is fitted once by the default
``LSTMForecaster``: when both schemes hold a validation tail it fits both and forecasts
their mean (``scheme_ == "combined"``), and its parts' forecasts give each scheme alone
(``_part_forecasts``: the same fits as each scheme forced). A series too short for the
series scheme's tail takes the global one alone (then all three figures are its). Prints
sMAPE on the held-out tails, and the pick by the lower validation MAE (the rule before the
combination) and the two parts weighted by their inverse validation MAE (not built) for
comparison.

    python benchmarks/dev_schemes.py --n 100
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


def compare(y, h, seed):
    """Return sMAPE of the series part, the global one, the mean, the old pick; the
    scheme, seconds, and sMAPE of the inverse-MAE weighted mean (a variant, not built).

    One part (the global scheme alone): every figure is its.
    """
    from skltsm.forecasting import LSTMForecaster

    forecaster = LSTMForecaster(random_state=seed)
    start = time.perf_counter()
    forecaster.fit(y.iloc[:-h])
    mean = forecaster.predict(fh=np.arange(1, h + 1)).to_numpy()
    seconds = time.perf_counter() - start
    _, parts = forecaster._part_forecasts(forecaster.fh, None)
    own, other = parts[0][0], parts[-1][0]
    truth = y.iloc[-h:].to_numpy()
    s, g = dd.smape(truth, own), dd.smape(truth, other)
    picked, weighted = s, s
    if forecaster.scheme_ == "combined":
        own_mae, other_mae = validation_maes(forecaster)
        picked = g if other_mae < own_mae else s
        w = (1 / own_mae) / (1 / own_mae + 1 / other_mae)
        weighted = dd.smape(truth, w * own + (1 - w) * other)
    return s, g, dd.smape(truth, mean), picked, forecaster.scheme_, seconds, weighted


def validation_maes(forecaster):
    """Return the series and the global part's validation MAE at their chosen epochs.

    The rule before the combination picked the lower one (over the steps both tails
    hold; without ``fh`` in ``fit`` both tails are one season long here, so their scores
    at the chosen epochs compare the same steps).
    """
    summary = forecaster.summary()
    own = min(summary["validation_scores"].values())
    return own, min(summary["global_part"]["validation_scores"].values())


def main():
    warnings.filterwarnings("ignore")
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100)
    args = parser.parse_args()
    for label, y, h in dd.bundled_dev():
        for seed in (0, 1, 2):
            s, g, mean, picked, scheme, t, weighted = compare(y, h, seed)
            print(
                f"{label} seed {seed}: {scheme}; series {s:.2f} global {g:.2f} "
                f"mean {mean:.2f} old pick {picked:.2f} weighted {weighted:.2f} ({t:.1f} s)",
                flush=True,
            )
    rows, theta = [], []
    for _, y in dd.m3_dev_sample(args.n):
        s, g, mean, picked, scheme, t, weighted = compare(y, dd.H, 0)
        rows.append((s, g, mean, picked, scheme == "combined", t, weighted))
        theta.append(dd.run_theta(y, dd.H))
    a, theta = np.array(rows, dtype=float), np.array(theta)
    both = a[:, 4] == 1
    print(
        f"M3 dev {args.n}: the default {a[:, 2].mean():.2f} (combined for {both.mean():.0%}), "
        f"old pick {a[:, 3].mean():.2f}, Theta {theta.mean():.2f}; "
        f"{a[:, 5].mean():.2f} s/series (fit + predict)\n"
        f"  the {both.sum()} combined: series part {a[both, 0].mean():.2f}, global part "
        f"{a[both, 1].mean():.2f}, mean {a[both, 2].mean():.2f}, weighted by inverse "
        f"validation MAE {a[both, 6].mean():.2f}, better of the two "
        f"{np.minimum(a[both, 0], a[both, 1]).mean():.2f}, Theta {theta[both].mean():.2f}\n"
        f"  the {(~both).sum()} global alone: {a[~both, 2].mean():.2f}, "
        f"Theta {theta[~both].mean():.2f}"
    )


if __name__ == "__main__":
    main()
