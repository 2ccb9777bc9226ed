"""Seed ensembles, the validation tail and the windows handed to recurrent regressors."""

import subprocess
import sys

import numpy as np
import pytest
from sklearn.linear_model import SGDRegressor

from skltsm.forecasting import LSTMForecaster
from skltsm.forecasting import _fitting as fitting
from skltsm.forecasting import _regressor as reg
from skltsm.forecasting import _schemes as schemes
from skltsm.forecasting._regressor import member_seeds

regression = pytest.importorskip("skltsm.regression")
FIXED = {"sp": None, "transform": None, "difference_lag": 1, "lags": 2}


def test_member_seeds_start_with_the_given_seed_and_differ():
    seeds = member_seeds(5, 4)
    assert seeds[0] == 5 and len(set(seeds)) == 4
    assert member_seeds(5, 4) == seeds and member_seeds(6, 4)[1:] != seeds[1:]
    drawn = member_seeds(np.random.RandomState(0), 3)
    assert drawn == member_seeds(np.random.RandomState(0), 3) and len(set(drawn)) == 3


def test_ensemble_forecast_is_the_median_of_the_members(shampoo):
    sgd = SGDRegressor(max_iter=5, tol=None)
    forecaster = LSTMForecaster(sgd, ensemble_size=3, random_state=1, **FIXED)
    forecaster.fit(shampoo.iloc[:24])
    assert forecaster.ensemble_size_ == 3 and len(forecaster.regressors_) == 3
    members = []
    for seed in member_seeds(1, 3):
        single = LSTMForecaster(sgd.set_params(random_state=seed), ensemble_size=1, **FIXED)
        members.append(single.fit(shampoo.iloc[:24]).predict(fh=range(1, 7)).to_numpy())
    expected = np.median(np.vstack(members), axis=0)
    np.testing.assert_allclose(forecaster.predict(fh=range(1, 7)), expected, rtol=1e-12)
    assert not np.allclose(members[0], members[1])


def test_one_member_with_a_seed_is_the_single_fit(shampoo):
    lstm = regression.StatefulLSTMRegressor(units=2, epochs=2)
    one = LSTMForecaster(lstm, ensemble_size=1, random_state=3, **FIXED).fit(shampoo.iloc[:24])
    assert one.regressor_.random_state == 3
    assert one.regressor_ is one.regressors_[0]


def test_explicit_timesteps_conflicting_with_lags_is_refused(shampoo):
    stacked = regression.StackedLSTMRegressor(units=(2,), timesteps=4, epochs=1)
    with pytest.raises(ValueError, match="lags=2 conflicts with the regressor's timesteps=4"):
        LSTMForecaster(stacked, lags=2).fit(shampoo.iloc[:24])
    forecaster = LSTMForecaster(stacked, sp=None).fit(shampoo.iloc[:24])  # lags from it
    assert forecaster.lags_ == 4 and forecaster.regressor_.timesteps == 4


def test_validation_tail_is_cut_from_the_training_series_only(shampoo):
    y = np.log(shampoo.to_numpy())
    settings = {
        "sp": None,
        "transform": None,
        "deseasonalize": False,
        "difference_lag": (1,),
        "difference_order": 1,
        "lags": 2,
        "scaler": "minmax",
    }
    tails = [(y[:24], None, y[24:30], None)]  # the training series is y[:30]
    best, scores, tail = fitting.choose_epochs(
        tails,
        lambda v: (settings, None),
        lambda epochs: reg.default_lstm(2, epochs),
        [0],
        1,
        (1, 2),
    )
    assert set(scores) == {1, 2} and best in scores and all(np.isfinite(list(scores.values())))
    np.testing.assert_array_equal(tail["y_val"], [y[24:30]])
    assert tail["states"][0]["n_seen"] == 24 and tail["preds"].shape == (1, 6)
    assert scores[best] == pytest.approx(np.mean(np.abs(tail["preds"][0] - y[24:30])))
    assert fitting.validation_size(30, 6, settings, 1) == 6
    assert fitting.validation_size(12, 6, settings, 1) == 0


def test_validation_scores_the_median_of_the_seeds_it_is_given(shampoo):
    # _schemes.VALIDATION_MEMBERS (a development variant, not a default) may hand every
    # member's seed to choose_epochs: the tail is then the median of their forecasts
    y = np.log(shampoo.to_numpy())
    settings = {**FIXED, "deseasonalize": False, "difference_order": 1, "scaler": "minmax"}
    settings["difference_lag"] = (1,)
    tails = [(y[:24], None, y[24:30], None)]

    def tail_of(seeds):
        return fitting.choose_epochs(
            tails, lambda v: (settings, None), lambda e: reg.default_lstm(2, e), seeds, 1, (2,)
        )[2]["preds"]

    first, second = tail_of([0]), tail_of([1])
    np.testing.assert_allclose(tail_of([0, 1]), np.median([first, second], axis=0))
    assert not np.allclose(first, second)
    assert schemes.validation_seeds([3, 4, 5], "series") == [3]
    assert schemes.VALIDATION_MEMBERS == {"series": 1, "global": 1}  # the first member


def test_validation_seeds_are_every_members_for_a_listed_scheme(monkeypatch):
    monkeypatch.setattr(schemes, "VALIDATION_MEMBERS", {"series": 1, "global": None})
    assert schemes.validation_seeds([3, 4, 5], "global") == [3, 4, 5]
    assert schemes.validation_seeds([3, 4, 5], "series") == [3]


ENSEMBLE = """
import sys
from skltsm import LSTMForecaster, StackedLSTMRegressor
from skltsm.datasets import load_shampoo_sales
y = load_shampoo_sales()
lstm = StackedLSTMRegressor(units=(2,), dropout=0.0, epochs=3, batch_size=4)
f = LSTMForecaster(lstm, ensemble_size=3, random_state=4, sp=None, lags=2).fit(y[:-12])
sys.stdout.write(f.predict(fh=range(1, 7)).to_numpy().tobytes().hex())
"""


def test_seeded_ensemble_bit_identical_across_processes():
    runs = [
        subprocess.run(
            [sys.executable, "-c", ENSEMBLE], capture_output=True, text=True, timeout=600
        )
        for _ in range(2)
    ]
    for run in runs:
        assert run.returncode == 0, run.stderr[-2000:]
    assert runs[0].stdout == runs[1].stdout and len(runs[0].stdout) == 6 * 16


def test_validation_seeds_are_the_first_members_of_a_scheme(monkeypatch):
    # _schemes.VALIDATION_MEMBERS (a development variant; 1 and 1 by default)
    assert schemes.VALIDATION_MEMBERS == {"series": 1, "global": 1}
    monkeypatch.setattr(schemes, "VALIDATION_MEMBERS", {"series": 1, "global": 2})
    assert schemes.validation_seeds([3, 4, 5], "global") == [3, 4]
    assert schemes.validation_seeds([3, 4, 5], "series") == [3]
    monkeypatch.setattr(schemes, "VALIDATION_MEMBERS", {"series": None, "global": 2})
    assert schemes.validation_seeds([3, 4, 5], "series") == [3, 4, 5]
