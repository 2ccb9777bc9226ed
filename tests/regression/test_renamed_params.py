"""Old parameter names work for one release, with a FutureWarning naming the new one."""

import pickle
import warnings

import numpy as np
import pytest
from sklearn.base import clone

from skltsm import StatefulLSTMRegressor

FAST = {"epochs": 2, "random_state": 0}


def test_neurons_fits_as_units_with_a_future_warning(sine_windows):
    X, y = sine_windows
    old = StatefulLSTMRegressor(neurons=3, **FAST)
    with pytest.warns(FutureWarning, match=r"neurons was renamed units .* use units=3"):
        old.fit(X, y)
    new = StatefulLSTMRegressor(units=3, **FAST).fit(X, y)
    assert old.get_params()["neurons"] == 3 and old.units == 4  # parameters stay as set
    np.testing.assert_array_equal(old.predict(X), new.predict(X))
    assert old.get_network_state()["weights"][0].shape == (1, 12)  # 4 gates x 3 units


def test_neurons_round_trips_through_get_set_params_and_clone():
    reg = StatefulLSTMRegressor(neurons=3)
    assert clone(reg).get_params()["neurons"] == 3
    assert reg.set_params(neurons=5).neurons == 5
    assert "neurons" not in repr(StatefulLSTMRegressor(units=3))  # the default is hidden


def test_units_alone_does_not_warn(sine_windows):
    X, y = sine_windows
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        StatefulLSTMRegressor(units=2, **FAST).fit(X, y)


def test_units_and_neurons_that_disagree_are_refused(sine_windows):
    X, y = sine_windows
    with pytest.raises(ValueError, match="units=5 and neurons=3 disagree; .* set units only"):
        StatefulLSTMRegressor(units=5, neurons=3, **FAST).fit(X, y)


def test_a_pickle_from_before_the_rename_loads_with_units(sine_windows):
    X, y = sine_windows
    reg = StatefulLSTMRegressor(units=3, **FAST).fit(X, y)
    state = reg.__getstate__()
    state["neurons"] = state.pop("units")  # what skltsm wrote before the rename
    old = StatefulLSTMRegressor.__new__(StatefulLSTMRegressor)
    old.__setstate__(state)
    assert old.units == 3 and old.neurons == "deprecated"
    loaded = pickle.loads(pickle.dumps(old))
    np.testing.assert_array_equal(loaded.predict(X), reg.predict(X))
