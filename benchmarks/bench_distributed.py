"""Wall time of an 8-candidate grid search on a Dask LocalCluster: 1 worker vs 2 workers.

The search: sktime's ``ForecastingGridSearchCV`` over ``LSTMForecaster(StatefulLSTMRegressor(
batch_size=1))`` on shampoo sales, ``regressor__units x regressor__epochs`` = 4 x 2
candidates, ``ExpandingWindowSplitter(initial_window=24, step_length=3, fh=[1, 2, 3])``
(4 folds), so 32 fits. ``backend="dask"`` sends every fit to the cluster through
``dask.compute``, the same code for 1 and 2 workers. (scikit-learn's ``GridSearchCV`` under
``joblib.parallel_config(backend="dask")`` is no fair 1-worker baseline: joblib sees one
thread in the whole cluster, takes ``n_jobs=1`` and runs every fit in the calling process.)

Each repeat starts a **fresh** cluster (the three runs interleave, so a change of load on
a shared machine hits all three), so every repeat pays what a user's first search pays:
each worker traces and compiles a network for every (architecture, training length,
epochs) it meets, about 1.5-3 s each, which dominates these short fits. Cluster start-up
(spawning the workers and importing TensorFlow in them) is timed separately and excluded
from the search times. The ``backend=None`` row runs in this process; its first repeat
compiles, later repeats reuse the compiled networks (the network pool), so its median is
a warm figure. Every worker gets ``--tf-threads`` TensorFlow intra-op threads and one
inter-op thread through the cluster's ``env`` (set before TensorFlow loads in the worker).
"CPU s / wall s" is the CPU time of the worker processes (of this process for
``backend=None``) per second of search: about 2 when both workers compute all the time, less
when other jobs on the machine take the cores.

Usage::

    python benchmarks/bench_distributed.py            # ~10-20 min on 2 busy cores
    python benchmarks/bench_distributed.py --repeats 1 --epochs 20 40   # smoke run
"""

import argparse
import logging
import os
import statistics
import time
import warnings

GRID_UNITS = [2, 4, 8, 16]
N_FOLDS = 4


def make_search(epochs, backend):
    from sktime.forecasting.model_selection import ForecastingGridSearchCV
    from sktime.performance_metrics.forecasting import MeanSquaredError
    from sktime.split import ExpandingWindowSplitter

    from skltsm import StatefulLSTMRegressor
    from skltsm.forecasting import LSTMForecaster

    with warnings.catch_warnings():
        # sktime's own classes warn that a config default changes in sktime 1.3
        warnings.filterwarnings("ignore", "The default of config", FutureWarning)
        return ForecastingGridSearchCV(
            LSTMForecaster(StatefulLSTMRegressor(batch_size=1), random_state=0),
            cv=ExpandingWindowSplitter(initial_window=24, step_length=3, fh=[1, 2, 3]),
            param_grid={"regressor__units": GRID_UNITS, "regressor__epochs": list(epochs)},
            scoring=MeanSquaredError(square_root=True),
            backend=backend,
        )


def time_search(epochs, backend):
    """Fit one fresh search; return its wall time, best params and this process' CPU time."""
    from skltsm.datasets import load_shampoo_sales

    y = load_shampoo_sales()
    search = make_search(epochs, backend)
    start, cpu = time.perf_counter(), time.process_time()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "The default of config", FutureWarning)
        search.fit(y)
    return time.perf_counter() - start, search.best_params_, time.process_time() - cpu


def _warm_worker():
    import skltsm.forecasting
    import skltsm.regression  # noqa: F401  (TensorFlow, scikeras, sktime, the engine)

    return os.getpid()


def time_on_cluster(n_workers, epochs, tf_threads):
    """Start a fresh LocalCluster, time its start-up, then one search on it."""
    from distributed import Client, LocalCluster

    env = {"TF_CPP_MIN_LOG_LEVEL": "3", "OMP_NUM_THREADS": "1"}
    if tf_threads:
        env |= {"TF_NUM_INTRAOP_THREADS": str(tf_threads), "TF_NUM_INTEROP_THREADS": "1"}
    start = time.perf_counter()
    with (
        LocalCluster(
            n_workers=n_workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.CRITICAL,
            env=env,
        ) as cluster,
        Client(cluster) as client,
    ):
        client.wait_for_workers(n_workers, timeout=300)
        client.run(_warm_worker)
        startup = time.perf_counter() - start
        cpu_before = client.run(time.process_time)
        seconds, best, _ = time_search(epochs, "dask")  # this process only waits
        cpu_after = client.run(time.process_time)
    cpu = sum(cpu_after[worker] - cpu_before[worker] for worker in cpu_before)
    return startup, seconds, best, cpu


def _summary(runs):
    """Summarise runs of ``(start-up or None, search s, best params, CPU s, load)``."""
    startups = [run[0] for run in runs if run[0] is not None]
    return (
        statistics.median(startups) if startups else None,
        [run[1] for run in runs],
        [run[3] / run[1] for run in runs],
        runs[-1][2],
        [run[4] for run in runs],
    )


def _row(name, startup, times, busy, best, loads, reference=None):
    median = statistics.median(times)
    speedup = f"{reference / median:.2f}x" if reference else "1.00x"
    runs = ", ".join(f"{t:.1f}" for t in times)
    params = f"units={best['regressor__units']}, epochs={best['regressor__epochs']}"
    startup = f"{startup:.1f}" if startup is not None else "-"
    busy = ", ".join(f"{b:.2f}" for b in busy)
    loads = ", ".join(f"{load:.1f}" for load in loads)
    return (
        f"| {name} | {startup} | {median:.1f} | {runs} | {speedup} | {busy} | {loads} | {params} |"
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--epochs", type=int, nargs=2, default=[50, 100])
    parser.add_argument(
        "--tf-threads", type=int, default=1, help="TensorFlow threads per worker (0: default)"
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # before tensorflow is imported

    load_before = os.getloadavg()[0]
    runs = {"plain": [], 1: [], 2: []}
    for _ in range(args.repeats):  # interleaved, so a change of load hits every column
        load = os.getloadavg()[0]
        runs["plain"].append((None, *time_search(args.epochs, None), load))
        for n_workers in (1, 2):
            load = os.getloadavg()[0]
            run = time_on_cluster(n_workers, args.epochs, args.tf_threads)
            runs[n_workers].append((*run, load))
    load_after = os.getloadavg()[0]
    plain, one, two = (_summary(runs[key]) for key in ("plain", 1, 2))

    n_fits = len(GRID_UNITS) * len(args.epochs) * N_FOLDS
    print(
        f"ForecastingGridSearchCV, LSTMForecaster(StatefulLSTMRegressor(batch_size=1)) on "
        f"shampoo, units {GRID_UNITS} x epochs {args.epochs} = 8 candidates, "
        f"{N_FOLDS} expanding-window folds: {n_fits} fits; {args.repeats} interleaved repeats, "
        f"a fresh cluster each; TensorFlow threads per "
        f"worker: {args.tf_threads or 'default'}; {os.cpu_count()} cores, "
        f"load average {load_before:.1f} before, {load_after:.1f} after\n"
    )
    print(
        "| run | cluster start s | search s (median) | each repeat s | speedup vs 1 worker "
        "| CPU s / wall s, each | load average at start, each | best params |"
    )
    print("|---|---:|---:|---|---:|---|---|---|")
    reference = statistics.median(one[1])
    print(_row("backend=None, this process", *plain, reference))
    print(_row("LocalCluster, 1 worker", *one))
    print(_row("LocalCluster, 2 workers", *two, reference))


if __name__ == "__main__":  # LocalCluster spawns processes that import this module
    main()
