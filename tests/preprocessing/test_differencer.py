import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from skltsm.preprocessing import Differencer
from tests.preprocessing._strategies import scale_of, series

FAST = settings(max_examples=60, deadline=None)


def reference_difference(X, lag, order):
    """Differences by pandas, NaN where undefined: independent of skltsm's slicing."""
    frame = pd.DataFrame(X)
    for _ in range(order):
        frame = frame.diff(periods=lag)
    return frame.to_numpy(copy=True)


def assert_close_to_series(actual, X):
    assert_allclose(actual, X, rtol=1e-9, atol=1e-9 * scale_of(X))


@FAST
@given(
    X=series(),
    lag=st.integers(1, 12),
    order=st.integers(1, 2),
    fill_value=st.sampled_from([0.0, np.nan, -1.5]),
)
def test_transform_matches_pandas_and_inverts(X, lag, order, fill_value):
    diff = Differencer(lag=lag, order=order, fill_value=fill_value)
    if X.shape[0] <= lag * order:
        with pytest.raises(ValueError, match=f"n_samples={X.shape[0]} is too short for lag={lag}"):
            diff.fit(X)
        return
    Xt = diff.fit_transform(X)
    expected = reference_difference(X, lag, order)
    expected[: lag * order] = fill_value
    assert_array_equal(Xt, expected)
    if lag == 1:
        assert_array_equal(Xt[order:], np.diff(X, n=order, axis=0))
    assert_close_to_series(diff.inverse_transform(Xt), X)


@FAST
@given(X=series(min_rows=30, max_rows=400), lag=st.integers(1, 12), order=st.integers(1, 2))
def test_inverse_transform_continues_past_the_fitted_series(X, lag, order):
    diff = Differencer(lag=lag, order=order).fit(X[: lag * order + 1])
    assert_close_to_series(diff.inverse_transform(reference_difference(X, lag, order)), X)


def walk_forward(X, lag, order, n_fit, horizon):
    """Check inverse_forecast at every origin from n_fit to the end, updating by one row."""
    future_differences = reference_difference(X, lag, order)
    diff = Differencer(lag=lag, order=order).fit(X[:n_fit])
    for origin in range(n_fit, X.shape[0]):
        stop = min(origin + horizon, X.shape[0])
        forecast = diff.inverse_forecast(future_differences[origin:stop])
        assert_close_to_series(forecast, X[origin:stop])
        assert diff.update(X[origin : origin + 1]) is diff
    assert diff.tail_.shape == (lag * order, X.shape[1])
    assert_array_equal(diff.tail_, X[-lag * order :])
    assert_array_equal(diff.head_, X[: lag * order])


@settings(max_examples=25, deadline=None)
@given(data=st.data(), lag=st.integers(1, 12), order=st.integers(1, 2))
def test_inverse_forecast_at_every_walk_forward_origin(data, lag, order):
    X = data.draw(series(min_rows=lag * order + 2, max_rows=200))
    n_fit = data.draw(st.integers(lag * order + 1, X.shape[0] - 1))
    walk_forward(X, lag, order, n_fit, horizon=data.draw(st.integers(1, 30)))


def test_inverse_forecast_seasonal_lag12_order2_horizon30():
    t = np.arange(240.0)[:, None]
    X = 1e6 + 50.0 * t + 1e3 * np.sin(2 * np.pi * t / 12) + np.cos(t) * [1.0, -2.0]
    walk_forward(X, lag=12, order=2, n_fit=25, horizon=30)


def test_update_with_several_rows_equals_one_by_one():
    X = np.cumsum(np.random.default_rng(0).standard_normal((60, 2)), axis=0)
    at_once = Differencer(lag=3, order=2).fit(X[:20]).update(X[20:])
    one_by_one = Differencer(lag=3, order=2).fit(X[:20])
    for row in X[20:]:
        one_by_one.update(row[None, :])
    assert_array_equal(at_once.tail_, one_by_one.tail_)
    assert_array_equal(at_once.tail_, X[-6:])


def test_order_is_not_capped():
    X = np.cumsum(np.cumsum(np.random.default_rng(1).standard_normal((80, 1)), axis=0), axis=0)
    diff = Differencer(lag=2, order=3).fit(X)
    assert_array_equal(diff.transform(X)[6:], reference_difference(X, 2, 3)[6:])
    assert_close_to_series(diff.inverse_transform(diff.transform(X)), X)
    walk_forward(X, lag=2, order=3, n_fit=10, horizon=5)


def test_nan_fill_rows_are_ignored_by_inverse_transform():
    X = np.arange(10.0).reshape(5, 2) ** 2
    diff = Differencer(lag=1, order=2, fill_value=np.nan)
    Xt = diff.fit_transform(X)
    assert np.isnan(Xt[:2]).all() and np.isfinite(Xt[2:]).all()
    assert_array_equal(diff.inverse_transform(Xt), X)
    Xt[:2] = 123.0
    assert_array_equal(diff.inverse_transform(Xt), X)


@pytest.mark.parametrize("method", ["transform", "inverse_transform", "inverse_forecast"])
def test_float32_is_preserved(method):
    X = np.linspace(0.0, 1.0, 24, dtype=np.float32).reshape(12, 2)
    diff = Differencer(lag=2).fit(X)
    assert getattr(diff, method)(X).dtype == np.float32


@pytest.mark.parametrize(
    "index",
    [
        pd.date_range("2020-01-01", periods=30, freq="D"),
        pd.period_range("2001-01", periods=30, freq="M"),
    ],
    ids=["DatetimeIndex", "PeriodIndex"],
)
def test_pandas_index_and_names_are_kept(index):
    df = pd.DataFrame({"sales": np.arange(30.0) ** 2, "price": np.arange(30.0)}, index=index)
    diff = Differencer(lag=2, order=2).set_output(transform="pandas").fit(df)
    Xt = diff.transform(df)
    assert isinstance(Xt, pd.DataFrame)
    assert list(Xt.columns) == ["sales", "price"]
    assert Xt.index.equals(index)
    inverse = diff.inverse_transform(Xt)
    assert isinstance(inverse, pd.DataFrame)
    assert inverse.index.equals(index)
    pd.testing.assert_frame_equal(inverse, df)


def test_inverse_forecast_keeps_the_future_index():
    index = pd.period_range("2001-01", periods=10, freq="M")
    df = pd.DataFrame({"sales": np.arange(10.0)}, index=index)
    diff = Differencer().fit(df.iloc[:8])
    future = pd.DataFrame({"sales": [1.0, 1.0]}, index=index[8:])
    pd.testing.assert_frame_equal(diff.inverse_forecast(future), df.iloc[8:])


def test_series_is_one_column():
    y = pd.Series([1.0, 4.0, 9.0, 16.0], name="y", index=pd.date_range("2020", periods=4))
    diff = Differencer().set_output(transform="pandas").fit(y)
    Xt = diff.transform(y)
    assert list(Xt.columns) == ["y"] and Xt.index.equals(y.index)
    assert Xt["y"].tolist() == [0.0, 3.0, 5.0, 7.0]
    pd.testing.assert_frame_equal(diff.inverse_transform(Xt), y.to_frame())


def test_numpy_in_numpy_out():
    X = np.arange(8.0).reshape(4, 2)
    diff = Differencer().fit(X)
    assert isinstance(diff.transform(X), np.ndarray)
    assert isinstance(diff.inverse_transform(diff.transform(X)), np.ndarray)
    assert diff.get_feature_names_out().tolist() == ["x0", "x1"]
