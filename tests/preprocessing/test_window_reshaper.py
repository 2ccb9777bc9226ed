import numpy as np
import pandas as pd
import pytest
import sklearn
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_array_equal

from skltsm.preprocessing import LagFramer, WindowReshaper
from tests.preprocessing._strategies import series

FAST = settings(max_examples=60, deadline=None)


@FAST
@given(data=st.data(), timesteps=st.integers(1, 24), give_features=st.booleans())
def test_reshape_is_row_major_and_inverts(data, timesteps, give_features):
    flat = data.draw(series(max_rows=300, max_columns=3))
    features = flat.shape[1]
    X = np.tile(flat, timesteps) + np.repeat(np.arange(timesteps), features)
    reshaper = WindowReshaper(timesteps=timesteps, features=features if give_features else None)
    Xt = reshaper.fit_transform(X)
    assert Xt.shape == (X.shape[0], timesteps, features)
    assert reshaper.features_ == features
    for step in range(timesteps):
        assert_array_equal(Xt[:, step, :], X[:, step * features : (step + 1) * features])
    assert_array_equal(reshaper.inverse_transform(Xt), X)


@settings(max_examples=30, deadline=None)
@given(X=series(min_rows=25, max_rows=300), timesteps=st.integers(2, 24))
def test_lag_frame_reshapes_into_windows_ending_at_the_current_value(X, timesteps):
    frame = LagFramer(lags=timesteps - 1).fit_transform(X)
    windows = WindowReshaper(timesteps=timesteps).fit_transform(frame)
    for row in range(timesteps - 1, X.shape[0]):
        assert_array_equal(windows[row], X[row - timesteps + 1 : row + 1])


def test_output_is_3d_without_column_names_even_under_pandas_output():
    df = pd.DataFrame(np.arange(12.0).reshape(3, 4), columns=["a_lag1", "b_lag1", "a", "b"])
    reshaper = WindowReshaper(timesteps=2)
    assert not hasattr(reshaper, "get_feature_names_out")
    assert not hasattr(reshaper, "set_output")
    with sklearn.config_context(transform_output="pandas"):
        Xt = reshaper.fit_transform(df)
    assert isinstance(Xt, np.ndarray)
    assert_array_equal(Xt[2], [[8.0, 9.0], [10.0, 11.0]])


def test_output_does_not_alias_the_input():
    X = np.zeros((2, 4))
    Xt = WindowReshaper(timesteps=2).fit_transform(X)
    Xt[0, 0, 0] = 1.0
    assert X[0, 0] == 0.0


@pytest.mark.parametrize("method", ["transform", "inverse_transform"])
def test_float32_is_preserved(method):
    X = np.arange(12, dtype=np.float32).reshape(3, 4)
    reshaper = WindowReshaper(timesteps=2).fit(X)
    data = X if method == "transform" else reshaper.transform(X)
    assert getattr(reshaper, method)(data).dtype == np.float32
