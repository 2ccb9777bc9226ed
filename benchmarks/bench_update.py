"""Cost of one walk-forward step (``predict(fh=1)`` + ``update``) against the history length.

A script, not a test: it prints a markdown table. For each history length (100, 1,000,
10,000, 100,000 observations of a synthetic monthly-like seasonal series on an integer
index) a forecaster is fitted once with cheap settings, then ``--steps`` steps of
``predict(fh=1)`` followed by ``update(y_next, update_params=False)`` are timed one by one,
round-robin over the lengths (step 1 of every length, then step 2, ...), so that a change
in the machine's load falls on every length alike. The table gives the median milliseconds
per step and its ratio to the 100-observation column, all measured in the same run: read
them as ratios on a shared machine.

Rows, all through sktime's public ``predict``/``update``:

* ``LSTMForecaster`` with a stateless ``StackedLSTMRegressor`` (the default regressor's
  kind) and with a ``StatefulLSTMRegressor`` (its LSTM state is carried over each new row);
  beside the whole step, the part spent inside the forecaster's own hooks (``_predict``
  and ``_update``, timed by wrapping them): the rest is sktime's ``BaseForecaster`` (input
  checks and conversion, cutoff, fh), the same for every sktime forecaster;
* sktime's ``NaiveForecaster(strategy="last")`` in the same loop, the cost of sktime's own
  machinery around a forecaster that does almost nothing.

Usage::

    python benchmarks/bench_update.py                   # ~3-5 min on 2 shared cores
    python benchmarks/bench_update.py --lengths 100 1000 --steps 20   # quick
"""

import argparse
import os
import time

import numpy as np
import pandas as pd

LENGTHS = (100, 1_000, 10_000, 100_000)
SP = 12


def seasonal_series(n, seed=0):
    """Return ``n`` values of a trend plus a 12-step season plus noise, on a RangeIndex."""
    t = np.arange(n, dtype=np.float64)
    rng = np.random.default_rng(seed)
    values = 100 + 0.01 * t + 10 * np.sin(2 * np.pi * t / SP) + rng.normal(0, 1, n)
    return pd.Series(values, index=pd.RangeIndex(n), name="y")


def lstm_forecaster(kind):
    """Return a cheaply trained LSTMForecaster: one epoch, large batches, one member."""
    from skltsm import StackedLSTMRegressor, StatefulLSTMRegressor
    from skltsm.forecasting import LSTMForecaster

    if kind == "stateful":
        regressor = StatefulLSTMRegressor(units=4, epochs=1, batch_size=256, random_state=0)
    else:
        regressor = StackedLSTMRegressor(
            units=(8,), dropout=0.0, epochs=1, batch_size=256, random_state=0
        )
    return LSTMForecaster(
        regressor, sp=SP, transform=None, deseasonalize=False, difference_lag=(1, SP),
        difference_order=1, lags=SP + 1, random_state=0,
    )  # fmt: skip


def naive_forecaster():
    from sktime.forecasting.naive import NaiveForecaster

    # sktime's current default, set explicitly (it warns otherwise): it keeps _y and
    # concatenates every update onto it
    return NaiveForecaster(strategy="last").set_config(remember_data=True)


class HookTimer:
    """Wrap a forecaster's ``_predict`` and ``_update`` and add up the time spent in them."""

    def __init__(self, forecaster):
        self.seconds = 0.0
        for name in ("_predict", "_update"):
            setattr(forecaster, name, self._timed(getattr(forecaster, name)))

    def _timed(self, method):
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - start

        return timed


def one_step(forecaster, timer, new):
    """Time ``predict(fh=1)`` + ``update(new)``: (seconds, seconds inside the hooks)."""
    before = timer.seconds if timer else 0.0
    start = time.perf_counter()
    forecaster.predict(fh=1)
    forecaster.update(new, update_params=False)
    total = time.perf_counter() - start
    return total, (timer.seconds - before) if timer else np.nan


def run(lengths, n_steps):
    """Return ``{model: {length: (ms per step, ms in the forecaster's hooks)}}``."""
    models = {
        "LSTMForecaster, stacked (stateless)": (lambda: lstm_forecaster("stacked"), True),
        "LSTMForecaster, stateful": (lambda: lstm_forecaster("stateful"), True),
        "sktime NaiveForecaster": (naive_forecaster, False),
    }
    fitted = []
    for n in lengths:
        y = seasonal_series(n + n_steps)
        for name, (make, hooks) in models.items():
            forecaster = make().fit(y.iloc[:n])
            fitted.append((name, n, y, forecaster, HookTimer(forecaster) if hooks else None))
            print(f"  fitted {name} on n={n:,}", flush=True)
    times = {(name, n): [] for name, n, *_ in fitted}
    for step in range(n_steps):
        for name, n, y, forecaster, timer in fitted:
            times[name, n].append(one_step(forecaster, timer, y.iloc[n + step : n + step + 1]))
    results = {name: {} for name in models}
    for (name, n), steps in times.items():
        results[name][n] = tuple(1e3 * np.median(np.asarray(steps), axis=0))
    return results


def print_table(results, lengths, n_steps):
    step = "predict(fh=1) + update(1 point, update_params=False)"
    print(f"\nmedian ms per step ({step}), {n_steps} steps per history length;")
    print(f"ratio to the {lengths[0]:,}-observation column, all measured in this run\n")
    print("| model | " + " | ".join(f"n={n:,}" for n in lengths) + " |")
    print("|---|" + "---:|" * len(lengths))
    for name, by_length in results.items():
        base_total, base_inner = by_length[lengths[0]]
        cells = []
        for n in lengths:
            total, inner = by_length[n]
            text = f"{total:.2f} ({total / base_total:.2f}x)"
            if not np.isnan(inner):
                text += f"; hooks {inner:.2f} ({inner / base_inner:.2f}x)"
            cells.append(text)
        print(f"| {name} | " + " | ".join(cells) + " |")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lengths", type=int, nargs="+", default=list(LENGTHS))
    parser.add_argument("--steps", type=int, default=50, help="timed steps per length")
    args = parser.parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    results = run(args.lengths, args.steps)
    print_table(results, args.lengths, args.steps)


if __name__ == "__main__":
    main()
