"""Unknown keywords raise; routed parameters are checked against what they route to."""

import keras
import numpy as np
import pytest
from sklearn.base import clone
from sklearn.model_selection import GridSearchCV

from skltsm import StackedLSTMRegressor, StatefulLSTMRegressor

FAST = {"epochs": 1, "random_state": 0}
REGRESSORS = [StatefulLSTMRegressor, StackedLSTMRegressor]


@pytest.mark.parametrize("cls", REGRESSORS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("typo", ["nuerons", "unit", "epoch", "fit__batch_size", "optimizer__"])
def test_an_unknown_keyword_raises_naming_it_and_the_valid_ones(cls, typo):
    with pytest.raises(TypeError, match=f"unexpected keyword argument '{typo}'") as info:
        cls(**{typo: 3})
    assert "random_state" in str(info.value) and "optimizer__<name>" in str(info.value)


def test_a_close_typo_gets_a_suggestion():
    with pytest.raises(TypeError, match="did you mean 'units'") as info:
        StatefulLSTMRegressor(unist=3)
    assert "neurons" not in str(info.value)  # the deprecated name is not offered
    with pytest.raises(TypeError, match="did you mean 'units'"):
        StatefulLSTMRegressor(nuerons=3)  # close to the old name: the new one is suggested


def test_set_params_still_rejects_unknown_names():
    with pytest.raises(ValueError, match="nuerons"):
        StatefulLSTMRegressor().set_params(nuerons=3)


@pytest.mark.parametrize(
    "params, message",
    [
        ({"optimizer__learnin_rate": 0.1}, "optimizer__learnin_rate is not a parameter of Adam"),
        ({"optimizer": "sgd", "optimizer__beta_1": 0.5}, "not a parameter of SGD"),
        ({"loss__delta": 2.0}, "loss='mean_squared_error' is not a class"),
        ({"loss": keras.losses.Huber, "loss__dleta": 2.0}, "did you mean 'delta'"),
        ({"optimizer": "adma"}, "optimizer='adma' is not a keras optimizer"),
    ],
)
def test_a_bad_routed_parameter_is_a_clear_error_at_fit(params, message, sine_windows):
    X, y = sine_windows
    reg = StatefulLSTMRegressor(units=2, **FAST, **params)  # construction only stores
    with pytest.raises((TypeError, ValueError), match=message):
        reg.fit(X, y)


def test_routed_parameters_reach_the_loss(sine_windows):
    X, y = sine_windows
    reg = StatefulLSTMRegressor(units=2, **FAST, loss=keras.losses.Huber, loss__delta=0.5)
    assert reg.fit(X, y).model_.loss._fn_kwargs == {"delta": 0.5}  # keras keeps it there


def test_routed_parameters_survive_clone_and_set_params():
    reg = StackedLSTMRegressor(units=(2,), optimizer__learning_rate=0.01)
    assert clone(reg).get_params()["optimizer__learning_rate"] == 0.01
    reg.set_params(optimizer__learning_rate=0.02, epochs=2)
    assert reg.get_params()["optimizer__learning_rate"] == 0.02 and reg.epochs == 2
    assert "optimizer__learning_rate=0.02" in repr(reg)


def test_grid_search_over_a_routed_parameter(sine_windows):
    X, y = sine_windows
    search = GridSearchCV(
        StatefulLSTMRegressor(units=2, **FAST),
        {"optimizer__learning_rate": [0.001, 0.05]},
        cv=2,
    ).fit(X, y)
    best = search.best_params_["optimizer__learning_rate"]
    assert best in (0.001, 0.05)
    assert np.isclose(float(search.best_estimator_.model_.optimizer.learning_rate), best)


def test_a_typo_in_grid_search_fails_loudly(sine_windows):
    X, y = sine_windows
    search = GridSearchCV(
        StatefulLSTMRegressor(units=2, **FAST),
        {"optimizer__learnin_rate": [0.001]},
        cv=2,
        error_score="raise",
    )
    with pytest.raises(TypeError, match="optimizer__learnin_rate"):
        search.fit(X, y)
