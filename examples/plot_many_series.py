"""One LSTM for many series: M3 monthly competition data, against seasonal naive.

``LSTMForecaster`` is given an sktime panel (``pd-multiindex``: series id, then month) and
trains **one** network on windows pooled from every series; each series is forecast on its
own scale and index. The data are the M3 competition's monthly series with their
published split (the last 18 months of each series are the test; ``load_competition`` needs
the ``competitions`` extra, ``pip install "skltsm[competitions]"``).

Protocol: **h-step forecast from the end of training**, h = 18, no test value is seen.
Metric: sMAPE as in the M3 competition, ``200 |y - f| / (|y| + |f|)`` averaged over the 18
steps and the series. Baseline: seasonal naive (the value of the same month a year before
the end of training), in the same run on the same series. The series are a fixed sample
drawn by ``numpy.random.default_rng(0)``; every setting of the forecaster is its default,
chosen inside ``fit`` on the last months of each *training* series.

Usage::

    python examples/plot_many_series.py             # 200 of 1,428 series, 2 seeds
    python examples/plot_many_series.py --quick     # 30 series, 1 seed (for CI)
    python examples/plot_many_series.py --plot many.png
"""

import argparse
import os

import numpy as np

COVERAGE = [0.8, 0.95]


def smape(y, f):
    """Mean over rows and steps of 200 |y - f| / (|y| + |f|) (0 where both are 0)."""
    denominator = np.abs(y) + np.abs(f)
    return float(np.mean(200 * np.abs(y - f) / np.where(denominator == 0, 1, denominator)))


def sample(data, n_series, seed=0):
    """Return the training and test panels of ``n_series`` series drawn by ``seed``."""
    ids = data.y_train.index.unique(level=0)
    keep = ids[np.sort(np.random.default_rng(seed).choice(len(ids), n_series, replace=False))]
    return data.y_train.loc[keep], data.y_test.loc[keep]


def seasonal_naive(y_train, horizon, sp):
    """The last season of every training series, repeated over the horizon."""
    rows = [g.to_numpy(float)[-sp:] for _, g in y_train["y"].groupby(level=0, sort=False)]
    return np.stack([np.resize(row, horizon) for row in rows])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="30 series, 1 seed (for CI)")
    parser.add_argument("--series", type=int, default=None, help="default 200 (quick: 30)")
    parser.add_argument("--seeds", type=int, default=None, help="default 2 (quick: 1)")
    parser.add_argument("--plot", metavar="PATH", help="save the first four series' forecasts")
    args = parser.parse_args(argv)
    n_series = args.series or (30 if args.quick else 200)
    seeds = args.seeds or (1 if args.quick else 2)

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # before tensorflow is imported
    from skltsm.datasets import load_competition
    from skltsm.forecasting import LSTMForecaster

    data = load_competition("M3", "monthly")
    y_train, y_test = sample(data, n_series)
    fh = np.arange(1, data.horizon + 1)
    actual = y_test["y"].to_numpy(float).reshape(n_series, data.horizon)
    scores, first = [], None
    for seed in range(seeds):
        forecaster = LSTMForecaster(random_state=seed).fit(y_train, fh=fh)
        y_pred = forecaster.predict()
        scores.append(smape(actual, y_pred["y"].to_numpy(float).reshape(actual.shape)))
        print(f"seed {seed}: sMAPE {scores[-1]:.2f} (epochs {forecaster.epochs_})")
        first = (forecaster, y_pred) if first is None else first
    naive = smape(actual, seasonal_naive(y_train, data.horizon, data.sp))
    sd = f" ± {np.std(scores, ddof=1):.2f}" if seeds > 1 else ""
    print(
        f"\nresult: LSTMForecaster() defaults, one network for {n_series} series | protocol: "
        f"h-step forecast from the end of training, h = {data.horizon} | split: M3 monthly's "
        f"published train/test, {n_series} of {data.n_series} series (default_rng(0)) | "
        f"sMAPE {np.mean(scores):.2f}{sd} ({seeds} seed{'s' if seeds > 1 else ''}); "
        f"seasonal naive {naive:.2f}"
    )
    if args.plot:
        from skltsm.plotting import plot_panel_forecast

        forecaster, y_pred = first
        bands = forecaster.predict_interval(coverage=COVERAGE)
        figure = plot_panel_forecast(
            y_train,
            y_test,
            y_pred,
            intervals=bands,
            title=f"M3 monthly: one LSTM for {n_series} series (the first four shown, seed 0)",
        )
        figure.savefig(args.plot, dpi=100)
        print(f"saved {args.plot}")


if __name__ == "__main__":
    main()
