"""Ensemble sizes and the global part's batch for ONE series, on TRAINING tails only.

The development tails of ``dev_defaults`` (shampoo's first 24 months with the last 6 held
out, airline's first 108 with the last 18 held out, 100 M3 monthly training parts with
their last 18 held out; no test split is read), fitted by ``LSTMForecaster()`` with one
module constant changed per variant:

* ``series5-global1``: the defaults before 2026-12-03 (5 series members, 1 global network);
* ``series10-global1``: 10 members in the series scheme (``_schemes.DEFAULT_ENSEMBLE_SIZE``);
* ``series5-global5``: 5 members in the global scheme of a panel of one series
  (``_schemes.ONE_SERIES_GLOBAL_ENSEMBLE_SIZE``; the defaults since);
* ``series10-global5``: both;
* ``series5-global10``, ``series10-global10``: 10 global networks (and 10 series members;
  the defaults since 2026-12-07); ``series20-global20``: 20 and 20;
* ``global1-batch16``: the old defaults with the global network of one series in batches
  of 16 instead of 256 (``_panel.GLOBAL_BATCH_SIZE``).
* ``seasonal-difference``: the seasonal difference instead of seasonal indices;
* ``series-mae``: series members trained on the mean absolute error
  (``_regressor.DEFAULT_LOSS``);
* ``series-epochs-4-8-16``: early-stopping candidates (4, 8, 16) instead of (8, 16, 32)
  (``_fitting.EPOCH_CANDIDATES``).
* ``series-units-*``, ``series-lr-*``, ``series-batch-*``: the series part's units,
  learning rate and batch size (``_regressor.DEFAULT_*``);
* ``global-units-*``, ``global-epochs-*``: the global part's units and epoch candidates
  (``_panel.GLOBAL_UNITS``, ``_panel.GLOBAL_EPOCH_CANDIDATES``).
* ``validate-*``: how many members' networks each part's validation tails score by
  their median (``_schemes.VALIDATION_MEMBERS``): every member (``validate-ensemble``,
  ``validate-global-ensemble``, ``validate-series-ensemble``), the first 3
  (``validate-global-3``, ``validate-both-3``) or the first alone
  (``validate-first-member``, the default).

Prints sMAPE per variant (airline and shampoo over seeds 0, 1, 2; the M3 mean per seed)
and seconds per M3 series (fit + predict)::

    python benchmarks/dev_members.py series5-global1 series5-global5 --seeds 0 1
"""

import argparse
import os
import sys
import warnings
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import dev_defaults as dd  # noqa: E402

VARIANTS = {
    "series5-global1": {"DEFAULT_ENSEMBLE_SIZE": 5, "ONE_SERIES_GLOBAL_ENSEMBLE_SIZE": 1},
    "series10-global1": {"DEFAULT_ENSEMBLE_SIZE": 10, "ONE_SERIES_GLOBAL_ENSEMBLE_SIZE": 1},
    "series5-global5": {"DEFAULT_ENSEMBLE_SIZE": 5, "ONE_SERIES_GLOBAL_ENSEMBLE_SIZE": 5},
    "series10-global5": {"DEFAULT_ENSEMBLE_SIZE": 10, "ONE_SERIES_GLOBAL_ENSEMBLE_SIZE": 5},
    "series5-global10": {"DEFAULT_ENSEMBLE_SIZE": 5, "ONE_SERIES_GLOBAL_ENSEMBLE_SIZE": 10},
    "series10-global10": {"DEFAULT_ENSEMBLE_SIZE": 10, "ONE_SERIES_GLOBAL_ENSEMBLE_SIZE": 10},
    "series20-global20": {"DEFAULT_ENSEMBLE_SIZE": 20, "ONE_SERIES_GLOBAL_ENSEMBLE_SIZE": 20},
    "global1-batch16": {"ONE_SERIES_GLOBAL_ENSEMBLE_SIZE": 1, "GLOBAL_BATCH_SIZE": 16},
    "seasonal-difference": {"SEASONAL_ADJUSTMENT": "difference"},
    "series-mae": {"DEFAULT_LOSS": "mean_absolute_error"},
    "series-epochs-4-8-16": {"EPOCH_CANDIDATES": (4, 8, 16)},
    "series-units-32": {"DEFAULT_UNITS": 32},
    "series-lr-0.01": {"DEFAULT_LEARNING_RATE": 0.01},
    "series-batch-8": {"DEFAULT_BATCH_SIZE": 8},
    "series-units-8": {"DEFAULT_UNITS": 8},
    "series-lr-0.002": {"DEFAULT_LEARNING_RATE": 0.002},
    "series-batch-32": {"DEFAULT_BATCH_SIZE": 32},
    "global-units-64": {"GLOBAL_UNITS": 64},
    "global-units-16": {"GLOBAL_UNITS": 16},
    "global-epochs-8-16-32": {"GLOBAL_EPOCH_CANDIDATES": (8, 16, 32)},
    "global-epochs-16-32-64": {"GLOBAL_EPOCH_CANDIDATES": (16, 32, 64)},
    "global-epochs-4-8-16-32-64": {"GLOBAL_EPOCH_CANDIDATES": (4, 8, 16, 32, 64)},
    "validate-first-member": {"VALIDATION_MEMBERS": {"series": 1, "global": 1}},
    "validate-ensemble": {"VALIDATION_MEMBERS": {"series": None, "global": None}},
    "validate-global-ensemble": {"VALIDATION_MEMBERS": {"series": 1, "global": None}},
    "validate-series-ensemble": {"VALIDATION_MEMBERS": {"series": None, "global": 1}},
    "validate-global-3": {"VALIDATION_MEMBERS": {"series": 1, "global": 3}},
    "validate-both-3": {"VALIDATION_MEMBERS": {"series": 3, "global": 3}},
}


def apply(variant):
    """Set the variant's module constants (in ``_schemes``, ``_panel``, ``_settings``,
    ``_regressor`` or ``_fitting``); return the old ones."""
    from skltsm.forecasting import _fitting, _panel, _regressor, _schemes, _settings

    old = {}
    for name, value in VARIANTS[variant].items():
        modules = (_schemes, _panel, _settings, _regressor, _fitting)
        module = next(m for m in modules if hasattr(m, name))
        old[name] = (module, getattr(module, name))
        setattr(module, name, value)
    return old


def score(y, h, seed):
    """Return the held-out sMAPE, seconds and scheme of one default fit on ``y[:-h]``."""
    smape, seconds, summary = dd.run_lstm(y, h, {}, seed)
    return smape, seconds, summary["scheme"]


def run(variant, seeds, sample):
    old = apply(variant)
    for label, y, h in dd.bundled_dev():
        scores = [round(score(y, h, seed)[0], 2) for seed in (0, 1, 2)]
        print(f"{variant} {label} seeds 0, 1, 2: {scores}", flush=True)
    for seed in seeds:
        rows = [score(y, dd.H, seed) for _, y in sample]
        smapes = np.array([r[0] for r in rows])
        both = np.array([r[2] == "combined" for r in rows])
        print(
            f"{variant} M3 dev {len(sample)} seed {seed}: {smapes.mean():.2f} (the "
            f"{both.sum()} combined {smapes[both].mean():.2f}, the others "
            f"{smapes[~both].mean():.2f}); {np.mean([r[1] for r in rows]):.2f} s/series",
            flush=True,
        )
    for name, (module, value) in old.items():
        setattr(module, name, value)


def main():
    warnings.filterwarnings("ignore")
    parser = argparse.ArgumentParser()
    parser.add_argument("variants", nargs="+", choices=sorted(VARIANTS))
    parser.add_argument("--seeds", type=int, nargs="+", default=[0])
    parser.add_argument("--n", type=int, default=100)
    args = parser.parse_args()
    sample = dd.m3_dev_sample(args.n)
    for variant in args.variants:
        run(variant, args.seeds, sample)


if __name__ == "__main__":
    main()
