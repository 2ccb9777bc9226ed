"""One form of a fitted network: get_network_state / set_network_state, declared statefulness."""

import pickle

import numpy as np
import pytest
from sklearn.exceptions import NotFittedError

from skltsm import StackedLSTMRegressor, StatefulLSTMRegressor
from skltsm.networks import build_recurrent_network


@pytest.fixture(scope="module")
def fitted(sine_windows):
    X, y = sine_windows
    return StatefulLSTMRegressor(units=3, epochs=2, random_state=0).fit(X, y)


def test_statefulness_is_declared():
    assert StatefulLSTMRegressor.is_stateful is True
    assert StackedLSTMRegressor.is_stateful is False
    assert "is_stateful" not in StatefulLSTMRegressor().get_params()


def test_the_state_is_plain_arrays_and_a_copy(fitted, sine_windows):
    X, _ = sine_windows
    state = fitted.get_network_state()
    assert set(state) == {"weights", "optimizer"}
    assert all(type(a) is np.ndarray for a in state["weights"] + state["optimizer"])
    before = fitted.predict(X)
    state["weights"][0][...] = 0.0  # the caller's copy, not the regressor's
    np.testing.assert_array_equal(fitted.predict(X), before)


def test_set_network_state_moves_a_network_between_regressors(fitted, sine_windows):
    X, y = sine_windows
    other = StatefulLSTMRegressor(units=3, epochs=1, random_state=5).fit(X, y)
    assert not np.array_equal(other.predict(X), fitted.predict(X))
    other.set_network_state(fitted.get_network_state())
    np.testing.assert_array_equal(other.predict(X), fitted.predict(X))
    copy = pickle.loads(pickle.dumps(fitted))  # continue both from the same optimizer state
    copy.partial_fit(X, y)
    other.partial_fit(X, y)  # no dropout or shuffling: the seed plays no part
    np.testing.assert_array_equal(other.predict(X), copy.predict(X))


def test_set_network_state_checks_shapes_and_fit(fitted, sine_windows):
    state = fitted.get_network_state()
    with pytest.raises(NotFittedError):
        StatefulLSTMRegressor().set_network_state(state)
    X, y = sine_windows
    wider = StatefulLSTMRegressor(units=4, epochs=1, random_state=0).fit(X, y)
    with pytest.raises(ValueError, match="set_network_state: weights of shapes"):
        wider.set_network_state(state)
    with pytest.raises(TypeError, match="must be a dict with a 'weights' list"):
        wider.set_network_state(state["weights"])


def test_the_regressor_holds_one_form_of_its_network(fitted):
    assert fitted.model_ is not fitted.model_  # a keras copy, made on request, not kept
    names = set(vars(fitted))
    assert not names & {"_model_cache", "model_"}
    assert "network_" not in fitted.__getstate__()  # derived, rebuilt on unpickling


@pytest.mark.parametrize("cell", ["lstm", "gru"])
def test_initial_weights_equal_those_of_a_built_network(cell, sine_windows):
    X, y = sine_windows
    reg = StackedLSTMRegressor(units=(3, 2), cell=cell, epochs=1, random_state=3)
    reg._initialize(X, y)
    built = build_recurrent_network(seed=reg._seed, **reg._architecture).get_weights()
    initial = reg._network_state["weights"]
    assert len(initial) == len(built)
    for a, b in zip(initial, built, strict=True):
        assert a.dtype == b.dtype and a.tobytes() == b.tobytes()
