"""The window shape comes from the data; an explicit timesteps is honoured or refused."""

import numpy as np
import pytest
from sklearn.base import clone

from skltsm import StackedLSTMRegressor, StatefulLSTMRegressor

SMALL = {
    "StackedLSTMRegressor": {"units": (3,), "dropout": 0.0},
    "StatefulLSTMRegressor": {"units": 3},
}
REGRESSORS = [StatefulLSTMRegressor, StackedLSTMRegressor]


def make(cls, **params):
    return cls(**SMALL[cls.__name__], epochs=1, random_state=0, **params)


@pytest.fixture(scope="module")
def windows():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(24, 6))
    return X, X[:, -1] - 0.5 * X[:, 0]


@pytest.mark.parametrize("cls", REGRESSORS, ids=lambda c: c.__name__)
def test_none_reads_2d_columns_as_steps_of_one_feature(cls, windows):
    X, y = windows
    reg = make(cls, timesteps=None).fit(X, y)
    assert reg.timesteps is None  # the setting is not overwritten
    assert [w.shape for w in reg.get_network_state()["weights"]][0] == (1, 12)
    same = make(cls, timesteps=None).fit(X.reshape(24, 6, 1), y)
    np.testing.assert_array_equal(same.predict(X), reg.predict(X))
    np.testing.assert_array_equal(reg.predict(X.reshape(24, 6, 1)), reg.predict(X))


def test_the_defaults():
    # stateless windows: time runs along the columns; stateful: time runs along the rows
    assert StackedLSTMRegressor().timesteps is None
    assert StatefulLSTMRegressor().timesteps == 1


@pytest.mark.parametrize("cls", REGRESSORS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("timesteps, features", [(6, 1), (3, 2), (2, 3), (1, 6)])
def test_an_explicit_timesteps_is_honoured(cls, timesteps, features, windows):
    X, y = windows
    reg = make(cls, timesteps=timesteps).fit(X, y)
    assert reg.get_params()["timesteps"] == timesteps
    assert reg.get_network_state()["weights"][0].shape[0] == features
    from_3d = make(cls, timesteps=timesteps).fit(X.reshape(24, timesteps, features), y)
    np.testing.assert_array_equal(from_3d.predict(X), reg.predict(X))


@pytest.mark.parametrize("cls", REGRESSORS, ids=lambda c: c.__name__)
def test_a_conflicting_timesteps_is_refused_not_replaced(cls, windows):
    X, y = windows
    with pytest.raises(ValueError, match="6 columns, which is not a multiple of timesteps=4"):
        make(cls, timesteps=4).fit(X, y)
    with pytest.raises(ValueError, match="3-D X has 3 timesteps, but timesteps=6"):
        make(cls, timesteps=6).fit(X.reshape(24, 3, 2), y)


@pytest.mark.parametrize("cls", REGRESSORS, ids=lambda c: c.__name__)
def test_predict_takes_the_fitted_shape_only(cls, windows):
    X, y = windows
    reg = make(cls, timesteps=None).fit(X.reshape(24, 3, 2), y)
    assert reg.predict(X).shape == (24,)
    with pytest.raises(ValueError, match=r"windows of shape \(6, 1\), but the estimator was"):
        reg.predict(X.reshape(24, 6, 1))
    with pytest.raises(ValueError, match="X has 4 features"):
        reg.predict(X[:, :4])


def test_a_refit_reads_the_new_data_shape(windows):
    X, y = windows
    reg = make(StackedLSTMRegressor).fit(X, y)
    reg.fit(X[:, :2], y)
    assert reg.predict(X[:, :2]).shape == (24,)
    assert clone(reg).timesteps is None
