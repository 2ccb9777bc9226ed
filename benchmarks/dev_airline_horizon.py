"""Airline's test protocol (a 36-step forecast) on its TRAINING months only.

The test split of ``dev_defaults --final`` fits airline's first 108 months and forecasts
the last 36. This script never reads those 36: it fits the first 72 months and forecasts
months 73-108 (``H`` steps), with ``LSTMForecaster()`` (its two parts' forecasts beside
their mean) over seeds, and sktime's seasonal naive, Theta and AutoETS on the same months.
MAPE in percent, ``100 * mean(|f / y - 1|)``::

    python benchmarks/dev_airline_horizon.py --seeds 0 1 2 3 4
"""

import argparse
import os
import warnings

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402

TRAINING = 108  # airline's training months in the test protocol
H = 36


def mape(truth, forecast):
    """Mean absolute percentage error, in percent."""
    return float(100 * np.mean(np.abs(np.asarray(forecast) / truth - 1)))


def lstm_rows(y_fit, truth, seeds):
    """Print the mean forecast's and each part's MAPE of ``LSTMForecaster()`` per seed."""
    from skltsm.forecasting import LSTMForecaster

    fh = np.arange(1, H + 1)
    for seed in seeds:
        forecaster = LSTMForecaster(random_state=seed).fit(y_fit)
        mean = forecaster.predict(fh=fh).to_numpy()
        _, parts = forecaster._part_forecasts(forecaster.fh, None)
        print(
            f"LSTMForecaster() seed {seed} ({forecaster.scheme_}): {mape(truth, mean):.2f} "
            f"(series part {mape(truth, parts[0][0]):.2f}, "
            f"global part {mape(truth, parts[-1][0]):.2f})",
            flush=True,
        )


def baseline_rows(y_fit, truth):
    """Print sktime's seasonal naive, Theta and AutoETS MAPE on the same months."""
    from sktime.forecasting.ets import AutoETS
    from sktime.forecasting.naive import NaiveForecaster
    from sktime.forecasting.theta import ThetaForecaster

    models = {
        "NaiveForecaster(sp=12)": NaiveForecaster(sp=12, strategy="last"),
        "ThetaForecaster(sp=12)": ThetaForecaster(sp=12),
        "AutoETS(auto=True, sp=12)": AutoETS(auto=True, sp=12),
    }
    for name, model in models.items():
        pred = model.fit(y_fit).predict(fh=np.arange(1, H + 1)).to_numpy()
        print(f"{name}: {mape(truth, pred):.2f}", flush=True)


def main():
    warnings.filterwarnings("ignore")
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    args = parser.parse_args()
    from skltsm.datasets import load_airline

    y = load_airline().iloc[:TRAINING]  # the test months are never loaded past this
    y_fit, truth = y.iloc[:-H], y.iloc[-H:].to_numpy()
    print(f"airline months 1-{TRAINING - H} fitted, {TRAINING - H + 1}-{TRAINING} forecast")
    baseline_rows(y_fit, truth)
    lstm_rows(y_fit, truth, args.seeds)


if __name__ == "__main__":
    main()
