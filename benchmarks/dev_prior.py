"""A network pretrained on OTHER competitions as a prior for one M3 series, TRAINING tails only.

One series gives the global scheme a few gradient steps on its own windows; a network
pretrained on many other series (sktime's ``pretrain``) could bring what a global model
learns across series. This script measures that on ``dev_defaults``' development tails
(100 M3 monthly training parts, last 18 held out; no test split is read):

* ``prior``: ``LSTMForecaster(random_state=seed).pretrain(M1 and Tourism monthly training
  parts)``, then ``fit(series)`` (zero-shot) on each M3 fit part; no M3 data in the
  pretraining;
* ``self``: the same, pretrained on the 100 M3 fit parts themselves (the panel fit's
  figure: a check of the zero-shot path, not a prior a user would have);
* ``default``: ``LSTMForecaster()`` on each series, and its series part averaged with the
  prior's forecast (``series + prior``), where it combines;
* Theta(sp=12) on the same tails. ::

    python benchmarks/dev_prior.py --seed 0
"""

import argparse
import copy
import os
import sys
import warnings
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import dev_defaults as dd  # noqa: E402


def other_competitions():
    """M1 and Tourism monthly training parts as one panel (series ids made unique)."""
    from skltsm.datasets import load_competition

    frames = []
    for name in ("M1", "Tourism"):
        frame = load_competition(name, "monthly").y_train
        ids = [f"{name}-{s}" for s in frame.index.levels[0]]
        frames.append(frame.set_axis(frame.index.set_levels(ids, level=0)))
    return pd.concat(frames)


def zero_shot(pretrained, y_fit):
    """Return the pretrained network's forecast of ``y_fit``'s next ``H`` steps."""
    forecaster = copy.deepcopy(pretrained).fit(y_fit)
    return forecaster.predict(fh=np.arange(1, dd.H + 1)).to_numpy()


def default_parts(y_fit, seed):
    """Return the default's forecast, its series part and whether it combined."""
    from skltsm.forecasting import LSTMForecaster

    forecaster = LSTMForecaster(random_state=seed).fit(y_fit)
    mean = forecaster.predict(fh=np.arange(1, dd.H + 1)).to_numpy()
    _, parts = forecaster._part_forecasts(forecaster.fh, None)
    return mean, parts[0][0], forecaster.scheme_ == "combined"


def main():
    warnings.filterwarnings("ignore")
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    from skltsm.forecasting import LSTMForecaster

    sample = dd.m3_dev_sample(100)
    fit = pd.concat({sn: y.iloc[: -dd.H] for sn, y in sample}, names=["series", "time"])
    prior = LSTMForecaster(random_state=args.seed).pretrain(other_competitions())
    itself = LSTMForecaster(random_state=args.seed).pretrain(fit.to_frame("y"))
    scores = {k: [] for k in ("prior", "self", "default", "series + prior", "theta")}
    for _, y in sample:
        y_fit, truth = y.iloc[: -dd.H], y.iloc[-dd.H :].to_numpy()
        from_prior = zero_shot(prior, y_fit)
        mean, own, combined = default_parts(y_fit, args.seed)
        scores["prior"].append(dd.smape(truth, from_prior))
        scores["self"].append(dd.smape(truth, zero_shot(itself, y_fit)))
        scores["default"].append(dd.smape(truth, mean))
        joined = (own + from_prior) / 2 if combined else from_prior
        scores["series + prior"].append(dd.smape(truth, joined))
        scores["theta"].append(dd.run_theta(y, dd.H))
    print(f"M3 dev, 100 series, seed {args.seed}, sMAPE on the held-out 18:")
    for name, values in scores.items():
        print(f"  {name:15s} {np.mean(values):.2f}")


if __name__ == "__main__":
    main()
