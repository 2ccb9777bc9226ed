"""Grid searches run on a real Dask ``distributed`` cluster and agree with ``n_jobs=1``.

One module-scoped ``LocalCluster`` with two worker *processes* serves every test: each
worker imports TensorFlow once (5-10 s), which is the cost a user pays too. Each test
records the cluster's task stream and asserts that the fits ran on the workers, so a
search that silently fell back to running in this process fails.
"""

import logging

import numpy as np
import pytest
from sklearn.base import clone

pytest.importorskip(
    "distributed", reason="dask[distributed] is not installed: pip install -e '.[test]'"
)

N_WORKERS = 2


def _import_skltsm_and_tensorflow():
    """Run on each worker: import what the fits need, so the tests time only the fits."""
    import keras  # noqa: F401  (TensorFlow; skltsm.regression imports it at the first fit)

    import skltsm.forecasting
    import skltsm.regression  # noqa: F401

    return skltsm.__file__


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    cluster = LocalCluster(
        n_workers=N_WORKERS,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,  # no fixed port, no bokeh
        silence_logs=logging.ERROR,
        env={"TF_CPP_MIN_LOG_LEVEL": "3"},  # the nanny sets it before TensorFlow loads
    )
    dask_client = Client(cluster, timeout="60s")  # becomes dask's default scheduler
    try:
        dask_client.wait_for_workers(N_WORKERS, timeout=120)
        where = dask_client.run(_import_skltsm_and_tensorflow)
        assert len(where) == N_WORKERS, where
        yield dask_client
    finally:
        dask_client.close(timeout=30)
        cluster.close(timeout=30)


def _ran_on_workers(client, task_stream, name):
    """Return the worker addresses that ran tasks whose key contains ``name``."""
    workers = set(client.scheduler_info()["workers"])
    ran = {task["worker"] for task in task_stream.data if name in str(task["key"])}
    assert ran <= workers, f"tasks ran outside the cluster's workers: {ran - workers}"
    return ran


def test_sklearn_grid_search_on_dask_matches_sequential(client):
    from distributed import get_task_stream
    from joblib import parallel_config
    from sklearn.model_selection import GridSearchCV, TimeSeriesSplit
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import MinMaxScaler

    from skltsm import StatefulLSTMRegressor
    from skltsm.datasets import load_shampoo_sales

    diffs = np.diff(load_shampoo_sales().to_numpy())
    X, y = diffs[:-1].reshape(-1, 1), diffs[1:] / 100.0
    model = Pipeline(
        [
            ("scale", MinMaxScaler(feature_range=(-1, 1))),
            ("lstm", StatefulLSTMRegressor(batch_size=1, random_state=0)),
        ]
    )
    search = GridSearchCV(
        model,
        {"lstm__units": [1, 2], "lstm__epochs": [2, 4]},
        cv=TimeSeriesSplit(n_splits=2),
        scoring="neg_mean_squared_error",
        n_jobs=1,
    )
    sequential = clone(search).fit(X, y)

    with get_task_stream(client) as tasks, parallel_config(backend="dask"):
        distributed = clone(search).set_params(n_jobs=-1).fit(X, y)

    # 4 candidates x 2 folds: both worker processes ran some of the 8 fits (joblib names
    # its tasks "batch_of__fit_and_score...")
    assert len(_ran_on_workers(client, tasks, "fit_and_score")) == N_WORKERS, tasks.data
    assert distributed.best_params_ == sequential.best_params_
    # every fit is seeded (random_state=0) and runs the same float32 graph in a fresh or a
    # reused network, so the scores are bit-identical, not merely close
    np.testing.assert_array_equal(
        distributed.cv_results_["mean_test_score"], sequential.cv_results_["mean_test_score"]
    )
    assert np.isfinite(sequential.cv_results_["mean_test_score"]).all()


# sktime's own classes warn that a config default changes in sktime 1.3
@pytest.mark.filterwarnings("ignore:The default of config:FutureWarning")
def test_sktime_grid_search_with_dask_backend_matches_sequential(client):
    from distributed import get_task_stream
    from sktime.forecasting.model_selection import ForecastingGridSearchCV
    from sktime.performance_metrics.forecasting import MeanSquaredError
    from sktime.split import ExpandingWindowSplitter

    from skltsm import StatefulLSTMRegressor
    from skltsm.datasets import load_shampoo_sales
    from skltsm.forecasting import LSTMForecaster

    y = load_shampoo_sales()
    rmse = MeanSquaredError(square_root=True)

    def search(backend):
        return ForecastingGridSearchCV(
            LSTMForecaster(StatefulLSTMRegressor(batch_size=1), random_state=0),
            cv=ExpandingWindowSplitter(initial_window=30, step_length=3, fh=[1, 2, 3]),
            param_grid={"regressor__units": [1, 2], "regressor__epochs": [2, 4]},
            scoring=rmse,
            backend=backend,
        )

    sequential = search(None).fit(y)
    # sktime's "dask" backend calls dask.compute on delayed fits: with a Client alive it
    # goes to that client's cluster; the task keys carry the function's name
    with get_task_stream(client) as tasks:
        distributed = search("dask").fit(y)

    assert len(_ran_on_workers(client, tasks, "fit_and_score")) == N_WORKERS, tasks.data
    assert distributed.best_params_ == sequential.best_params_
    score = f"mean_test_{rmse.name}"
    # equal to 1e-9, not bit for bit: one CI run (2026-12-03) saw 151.01972818876203 on the
    # workers against 151.01972819256224 here (relative 2.5e-11) for one candidate of
    # this stateful batch-1 grid; distributed's workers start with OMP_NUM_THREADS=1 and
    # this process does not, which may reorder a float reduction. Not yet reproduced.
    np.testing.assert_allclose(
        distributed.cv_results_[score].to_numpy(),
        sequential.cv_results_[score].to_numpy(),
        rtol=1e-9,
    )
    assert np.isfinite(sequential.cv_results_[score]).all()


def test_local_panel_fits_go_to_the_cluster_and_match_sequential(client):
    """panel='local' fits one forecaster per series through joblib: on Dask's workers."""
    import pandas as pd
    from distributed import get_task_stream
    from joblib import parallel_config

    from skltsm import StackedLSTMRegressor
    from skltsm.datasets import load_airline
    from skltsm.forecasting import LSTMForecaster

    y = load_airline()
    panel = pd.concat({f"s{i}": (y * (i + 1)).to_frame("y") for i in range(4)})
    panel.index.names = ["series", "month"]
    network = StackedLSTMRegressor(units=(2,), epochs=2, verbose=0)
    forecaster = LSTMForecaster(network, panel="local", random_state=0)
    sequential = forecaster.clone().fit(panel, fh=[1, 2]).predict()
    with get_task_stream(client) as tasks, parallel_config(backend="dask"):
        distributed = forecaster.clone().fit(panel, fh=[1, 2]).predict()

    assert len(_ran_on_workers(client, tasks, "_fit_one")) == N_WORKERS, tasks.data
    pd.testing.assert_frame_equal(distributed, sequential, check_exact=True)


def test_ensemble_members_go_to_the_cluster_and_match_sequential(client):
    """The members of one network's ensemble (here a panel's global one) train on workers."""
    import pandas as pd
    from distributed import get_task_stream
    from joblib import parallel_config

    from skltsm import StackedLSTMRegressor
    from skltsm.datasets import load_airline
    from skltsm.forecasting import LSTMForecaster

    y = load_airline()
    panel = pd.concat({f"s{i}": (y * (i + 1)).to_frame("y") for i in range(3)})
    panel.index.names = ["series", "month"]
    network = StackedLSTMRegressor(units=(2,), epochs=2, verbose=0)
    forecaster = LSTMForecaster(network, ensemble_size=2, random_state=0)
    sequential = forecaster.clone().fit(panel, fh=[1, 2]).predict()
    with get_task_stream(client) as tasks, parallel_config(backend="dask"):
        distributed = forecaster.clone().fit(panel, fh=[1, 2]).predict()

    assert _ran_on_workers(client, tasks, "_fit_member"), tasks.data  # not in this process
    pd.testing.assert_frame_equal(distributed, sequential, check_exact=True)
