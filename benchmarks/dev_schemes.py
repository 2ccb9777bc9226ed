"""Compare the series and the global scheme on ONE series, on TRAINING tails only.

Each series of ``dev_defaults``' development set (shampoo's first 24 months with the last
6 held out, airline's first 108 with the last 18 held out, 100 M3 monthly training parts
with their last 18 held out; no test split is read) is fitted twice: by the series scheme
and by the global scheme as a panel of one: the default ``LSTMForecaster`` fit, whose
``scheme_`` is ``_schemes.choose_scheme``'s pick (the lower validation MAE; only one
validated: that one), and the other scheme forced by a subclass. The mean of the two
forecasts is scored too (a combination, not built). Prints sMAPE on the held-out tails.

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


def forced(scheme):
    """Return an ``LSTMForecaster`` subclass whose fit of one series takes ``scheme``."""
    from skltsm.forecasting import LSTMForecaster
    from skltsm.forecasting import _fitting as fitting

    class Forced(LSTMForecaster):
        def _fit(self, y, X, fh):
            self._validate_params()
            self.horizon_ = fitting.resolve_horizon(self.strategy, self.horizon, fh, self._origin())
            return self._fit_panel(y, X, fh, scheme=scheme)

    return Forced


def fit_scheme(y, h, seed, scheme=None):
    """Fit ``y[:-h]`` by ``scheme`` (None: the default, which chooses); sMAPE, s, fit."""
    from skltsm.forecasting import LSTMForecaster

    forecaster = (LSTMForecaster if scheme is None else forced(scheme))(random_state=seed)
    fh = np.arange(1, h + 1)
    start = time.perf_counter()
    pred = forecaster.fit(y.iloc[:-h]).predict(fh=fh).to_numpy()
    forecaster.dev_pred_ = pred
    return dd.smape(y.iloc[-h:].to_numpy(), pred), time.perf_counter() - start, forecaster


def compare(y, h, seed):
    """The default fit (the library's own choice) and the other scheme forced."""
    picked, t_picked, f_picked = fit_scheme(y, h, seed)
    chosen = f_picked.scheme_
    other, t_other, f_other = fit_scheme(y, h, seed, "global" if chosen == "series" else "series")
    s, g = (picked, other) if chosen == "series" else (other, picked)
    mean = dd.smape(y.iloc[-h:].to_numpy(), (f_picked.dev_pred_ + f_other.dev_pred_) / 2)
    return s, g, picked, chosen, t_picked + t_other, mean


def main():
    warnings.filterwarnings("ignore")
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100)
    args = parser.parse_args()
    for label, y, h in dd.bundled_dev():
        for seed in (0, 1, 2):
            s, g, _, chosen, _, mean = compare(y, h, seed)
            print(
                f"{label} seed {seed}: series {s:.2f} global {g:.2f} pick {chosen}, "
                f"mean of the two {mean:.2f}",
                flush=True,
            )
    rows, theta = [], []
    for _, y in dd.m3_dev_sample(args.n):
        s, g, p, chosen, t, mean = compare(y, dd.H, 0)
        rows.append((s, g, p, chosen == "global", t, mean))
        theta.append(dd.run_theta(y, dd.H))
    a = np.array(rows, dtype=float)
    print(
        f"M3 dev {args.n}: series {a[:, 0].mean():.2f} global {a[:, 1].mean():.2f} "
        f"picked {a[:, 2].mean():.2f} (global for {a[:, 3].mean():.0%}), better of the two "
        f"{np.minimum(a[:, 0], a[:, 1]).mean():.2f}, mean of the two forecasts "
        f"{a[:, 5].mean():.2f}, Theta {np.mean(theta):.2f}; "
        f"{a[:, 4].mean():.2f} s/series for both"
    )


if __name__ == "__main__":
    main()
