"""clone, params, Pipeline, GridSearchCV, pickling, reproducibility, progress."""

import pickle
import subprocess
import sys

import joblib
import numpy as np
import pytest
from sklearn.base import clone
from sklearn.model_selection import GridSearchCV, TimeSeriesSplit
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import MinMaxScaler

from skltsm import StackedLSTMRegressor, StatefulLSTMRegressor

FAST = {"units": 2, "epochs": 3, "random_state": 0}


def test_clone_keeps_routed_optimizer_parameters():
    reg = StatefulLSTMRegressor(**FAST).set_params(optimizer__learning_rate=0.05)
    cloned = clone(reg)
    assert cloned.get_params()["optimizer__learning_rate"] == 0.05
    assert cloned.get_params()["units"] == 2


def test_routed_learning_rate_reaches_the_optimizer(sine_windows):
    X, y = sine_windows
    reg = StatefulLSTMRegressor(**FAST, optimizer__learning_rate=0.05).fit(X, y)
    assert np.isclose(float(reg.model_.optimizer.learning_rate), 0.05)


def test_same_seed_gives_bit_identical_predictions(sine_windows):
    X, y = sine_windows
    first = StatefulLSTMRegressor(**FAST).fit(X, y).predict(X)
    second = StatefulLSTMRegressor(**FAST).fit(X, y).predict(X)
    np.testing.assert_array_equal(first, second)


def test_same_seed_bit_identical_across_processes(sine_windows):
    X, y = sine_windows
    code = (
        "import numpy as np, sys\n"
        "from skltsm import StackedLSTMRegressor as R\n"
        "s = np.sin(np.arange(41) * 0.3)\n"
        "p = R(units=(3,), timesteps=1, epochs=3, dropout=0.2, random_state=7)"
        ".fit(s[:-1, None], s[1:]).predict(s[:-1, None])\n"
        "sys.stdout.write(p.tobytes().hex())\n"
    )
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
        for _ in range(2)
    ]
    assert all(r.returncode == 0 for r in runs), runs[0].stderr[-2000:]
    assert runs[0].stdout == runs[1].stdout
    here = StackedLSTMRegressor(units=(3,), timesteps=1, epochs=3, dropout=0.2, random_state=7)
    assert here.fit(X, y).predict(X).tobytes().hex() == runs[0].stdout


@pytest.mark.parametrize("dump, load", [(pickle.dumps, pickle.loads), ("joblib", "joblib")])
def test_pickle_and_joblib_round_trip(sine_windows, tmp_path, dump, load):
    X, y = sine_windows
    reg = StatefulLSTMRegressor(**FAST, replay_training=True).fit(X, y)
    if dump == "joblib":
        joblib.dump(reg, tmp_path / "reg.joblib")
        restored = joblib.load(tmp_path / "reg.joblib")
    else:
        restored = load(dump(reg))
    np.testing.assert_array_equal(restored.predict(X), reg.predict(X))
    restored.partial_fit(X, y)  # the keras model and optimizer come back trainable


def test_pipeline_with_scaler(sine_windows):
    X, y = sine_windows
    pipe = make_pipeline(MinMaxScaler((-1, 1)), StatefulLSTMRegressor(**FAST)).fit(X, y)
    assert pipe.predict(X).shape == (len(X),)


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_grid_search_over_units_and_epochs(sine_windows, n_jobs):
    X, y = sine_windows
    search = GridSearchCV(
        StatefulLSTMRegressor(random_state=0),
        {"units": [1, 2], "epochs": [1, 2]},
        cv=TimeSeriesSplit(n_splits=2),
        scoring="neg_root_mean_squared_error",
        n_jobs=n_jobs,
    ).fit(X, y)
    assert set(search.best_params_) == {"units", "epochs"}
    assert np.isfinite(search.cv_results_["mean_test_score"]).all()


def test_grid_search_results_do_not_depend_on_n_jobs(sine_windows):
    X, y = sine_windows
    results = []
    for n_jobs in (1, 2):
        search = GridSearchCV(
            StackedLSTMRegressor(units=(2,), timesteps=1, dropout=0.0, random_state=0),
            {"epochs": [1, 3]},
            cv=TimeSeriesSplit(n_splits=2),
            n_jobs=n_jobs,
        ).fit(X, y)
        results.append(search.cv_results_["mean_test_score"])
    np.testing.assert_allclose(results[0], results[1], rtol=1e-6)


def test_verbose_shows_a_progress_bar(sine_windows, capsys):
    X, y = sine_windows
    StatefulLSTMRegressor(**{**FAST, "epochs": 4}, verbose=1).fit(X, y)
    err = capsys.readouterr().err
    assert "StatefulLSTMRegressor" in err and "4/4" in err


def test_silent_by_default(sine_windows, capsys):
    X, y = sine_windows
    StatefulLSTMRegressor(**FAST).fit(X, y)
    captured = capsys.readouterr()
    assert "epoch" not in captured.err and captured.out == ""
