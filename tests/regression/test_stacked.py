"""StackedLSTMRegressor: shapes, 2-D and 3-D input, multi-output, GRU."""

import numpy as np
import pytest

from skltsm import StackedLSTMRegressor

TINY = {"units": (4, 3), "dropout": 0.1, "timesteps": 4, "epochs": 2, "random_state": 0}


def test_two_dimensional_and_three_dimensional_input_agree(long_windows):
    X, y = long_windows
    X3 = X.reshape(len(X), 4, 2)
    flat = StackedLSTMRegressor(**TINY).fit(X, y)
    cube = StackedLSTMRegressor(**TINY).fit(X3, y)
    np.testing.assert_array_equal(flat.predict(X), cube.predict(X3))
    np.testing.assert_array_equal(flat.predict(X3), flat.predict(X))


def test_multi_output_shape(long_windows):
    X, y = long_windows
    assert StackedLSTMRegressor(**TINY).fit(X, y).predict(X).shape == (len(X), 2)


@pytest.mark.parametrize("cell", ["lstm", "gru"])
def test_cells(long_windows, cell):
    X, y = long_windows
    pred = StackedLSTMRegressor(cell=cell, **TINY).fit(X, y[:, 0]).predict(X)
    assert pred.shape == (len(X),) and np.isfinite(pred).all()


def test_rows_are_independent(long_windows):
    X, y = long_windows
    reg = StackedLSTMRegressor(**TINY).fit(X, y)
    np.testing.assert_allclose(reg.predict(X[5:6]), reg.predict(X)[5:6], atol=1e-12)


def test_width_not_multiple_of_timesteps_is_a_clear_error(long_windows):
    X, y = long_windows
    with pytest.raises(ValueError, match="not a multiple of timesteps=3"):
        StackedLSTMRegressor(**{**TINY, "timesteps": 3}).fit(X, y)


def test_wrong_timesteps_in_3d_input(long_windows):
    X, y = long_windows
    with pytest.raises(ValueError, match="timesteps=4"):
        StackedLSTMRegressor(**TINY).fit(X.reshape(len(X), 2, 4), y)


@pytest.mark.parametrize(
    "params, match",
    [
        ({"units": ()}, "units"),
        ({"units": (0,)}, "units"),
        ({"epochs": 0}, "epochs"),
        ({"dropout": 1.5}, "dropout"),
        ({"cell": "rnn"}, "cell"),
    ],
)
def test_bad_parameters_name_themselves(long_windows, params, match):
    X, y = long_windows
    with pytest.raises(ValueError, match=match):
        StackedLSTMRegressor(**{**TINY, **params}).fit(X, y)
