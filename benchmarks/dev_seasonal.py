"""How "auto" removes a season, for ONE series, on TRAINING tails only.

The development tails of ``dev_defaults`` (airline's first 108 months with the last 18
held out, 100 M3 monthly training parts with their last 18 held out; no test split is
read), fitted by ``LSTMForecaster()`` with nothing set, four ways:

* ``indices``: the defaults (a series the seasonality test finds seasonal has classical
  seasonal indices subtracted, then KPSS decides a first difference);
* ``difference``: a seasonal difference instead, then KPSS on the seasonally differenced
  series decides a first one (auto.arima's nsdiffs-then-ndiffs order;
  ``_settings.SEASONAL_ADJUSTMENT = "difference"``);
* ``mean``: the mean of the two forecasts (an ensemble over both adjustments);
* ``detrended test``: the seasonality test run on the first differences when KPSS asks
  for one (a trend inflates every autocorrelation, so the test on levels misses seasons
  of trending series), else on the levels, the adjustment by indices.

Only the series whose settings differ are refitted (the others score as ``indices``).
Prints the mean sMAPE per way and seed, the series each way touches, and airline's::

    python benchmarks/dev_seasonal.py --seeds 0 1
"""

import argparse
import os
import sys
import types
import warnings
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import dev_defaults as dd  # noqa: E402


def forecast(y, h, seed):
    from skltsm.forecasting import LSTMForecaster

    fitted = LSTMForecaster(random_state=seed).fit(y.iloc[:-h])
    return fitted.predict(fh=np.arange(1, h + 1)).to_numpy()


def levels_of(y_fit, sp=12):
    from skltsm.forecasting import _auto

    return np.log(y_fit) if _auto.choose_transform(y_fit, sp) == "log" else y_fit


def detrended_is_seasonal(y, sp):
    """The seasonality test on first differences when KPSS asks for one."""
    from skltsm.forecasting import _auto

    y = np.asarray(y, dtype=np.float64)
    return _auto.is_seasonal(np.diff(y) if _auto.choose_differences(y) else y, sp)


def with_settings_module(name, value, fn):
    """Call ``fn`` with ``_settings.<name>`` replaced by ``value``."""
    from skltsm.forecasting import _settings

    old = getattr(_settings, name)
    setattr(_settings, name, value)
    try:
        return fn()
    finally:
        setattr(_settings, name, old)


def scores_of(y, h, seed):
    """Return the sMAPE of the four ways on one tail (see the module doc)."""
    from skltsm.forecasting import _auto

    truth, lv = y.iloc[-h:].to_numpy(), levels_of(y.iloc[:-h].to_numpy())
    base = forecast(y, h, seed)
    seasonal = _auto.is_seasonal(lv, 12)
    diff = base
    if seasonal:
        diff = with_settings_module(
            "SEASONAL_ADJUSTMENT", "difference", lambda: forecast(y, h, seed)
        )
    detrended = base
    if detrended_is_seasonal(lv, 12) != seasonal:
        shim = types.SimpleNamespace(**{k: getattr(_auto, k) for k in dir(_auto)})
        shim.is_seasonal = detrended_is_seasonal
        detrended = with_settings_module("_auto", shim, lambda: forecast(y, h, seed))
    ways = {"indices": base, "difference": diff, "mean": (base + diff) / 2}
    ways["detrended test"] = detrended
    return {k: dd.smape(truth, f) for k, f in ways.items()}, seasonal, detrended is not base


def main():
    warnings.filterwarnings("ignore")
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, nargs="+", default=[0])
    parser.add_argument("--n", type=int, default=100)
    args = parser.parse_args()
    sample = dd.m3_dev_sample(args.n)
    airline = dd.bundled_dev()[1]
    for seed in args.seeds:
        rows = [scores_of(y, dd.H, seed) for _, y in sample]
        means = {k: np.mean([r[0][k] for r in rows]) for k in rows[0][0]}
        print(
            f"M3 dev {len(sample)} seed {seed}: "
            + ", ".join(f"{k} {v:.2f}" for k, v in means.items())
            + f" ({sum(r[1] for r in rows)} seasonal, {sum(r[2] for r in rows)} changed "
            f"by the detrended test)",
            flush=True,
        )
        air = scores_of(airline[1], airline[2], seed)[0]
        print(f"airline108 seed {seed}: " + ", ".join(f"{k} {v:.2f}" for k, v in air.items()))


if __name__ == "__main__":
    main()
