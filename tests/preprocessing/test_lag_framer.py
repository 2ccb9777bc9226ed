import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_array_equal

from skltsm.preprocessing import LagFramer
from tests.preprocessing._strategies import series

FAST = settings(max_examples=60, deadline=None)


def reference_frame(X, lags, include_current, fill_value):
    """The tutorial's frame: ``df.shift(i)`` side by side, oldest first, then filled."""
    frame = pd.DataFrame(X)
    last = -1 if include_current else 0
    shifted = pd.concat([frame.shift(i) for i in range(lags, last, -1)], axis=1)
    return shifted.fillna(fill_value).to_numpy() if not np.isnan(fill_value) else shifted.to_numpy()


@FAST
@given(
    X=series(),
    lags=st.integers(1, 24),
    include_current=st.booleans(),
    fill_value=st.sampled_from([0.0, np.nan, -7.0]),
)
def test_transform_matches_pandas_shift_and_inverts(X, lags, include_current, fill_value):
    framer = LagFramer(lags=lags, include_current=include_current, fill_value=fill_value)
    if X.shape[0] <= lags:
        with pytest.raises(
            ValueError, match=f"n_samples={X.shape[0]} is too short for lags={lags}"
        ):
            framer.fit(X)
        return
    Xt = framer.fit_transform(X)
    assert_array_equal(Xt, reference_frame(X, lags, include_current, fill_value))
    assert Xt.shape == (X.shape[0], X.shape[1] * (lags + include_current))
    if include_current:
        assert_array_equal(framer.inverse_transform(Xt), X)


def test_column_order_is_oldest_to_newest_grouped_by_step():
    X = np.arange(10.0).reshape(5, 2)
    framer = LagFramer(lags=2).fit(X)
    names = ["x0_lag2", "x1_lag2", "x0_lag1", "x1_lag1", "x0", "x1"]
    assert framer.get_feature_names_out().tolist() == names
    assert_array_equal(framer.transform(X)[4], [4.0, 5.0, 6.0, 7.0, 8.0, 9.0])
    assert_array_equal(framer.transform(X)[1], [0.0, 0.0, 0.0, 1.0, 2.0, 3.0])


def test_without_current_the_frame_holds_only_lags():
    framer = LagFramer(lags=2, include_current=False).fit(np.zeros((4, 1)))
    assert framer.get_feature_names_out().tolist() == ["x0_lag2", "x0_lag1"]
    with pytest.raises(ValueError, match="include_current=False.*last observation"):
        framer.inverse_transform(np.zeros((4, 2)))


@pytest.mark.parametrize(
    "index",
    [
        pd.date_range("2020-01-01", periods=8, freq="h"),
        pd.period_range("1990Q1", periods=8, freq="Q"),
    ],
    ids=["DatetimeIndex", "PeriodIndex"],
)
def test_pandas_index_and_names_are_kept(index):
    df = pd.DataFrame({"sales": np.arange(8.0), "price": np.arange(8.0) * 10}, index=index)
    framer = LagFramer(lags=2).set_output(transform="pandas").fit(df)
    Xt = framer.transform(df)
    assert list(Xt.columns) == [
        "sales_lag2",
        "price_lag2",
        "sales_lag1",
        "price_lag1",
        "sales",
        "price",
    ]
    assert Xt.index.equals(index)
    assert Xt.loc[index[3], "price_lag2"] == 10.0
    pd.testing.assert_frame_equal(framer.inverse_transform(Xt), df)


def test_series_is_one_column():
    y = pd.Series(np.arange(5.0), name="y", index=pd.period_range("2001-01", periods=5, freq="M"))
    Xt = LagFramer(lags=1).set_output(transform="pandas").fit_transform(y)
    assert list(Xt.columns) == ["y_lag1", "y"] and Xt.index.equals(y.index)
    assert Xt["y_lag1"].tolist() == [0.0, 0.0, 1.0, 2.0, 3.0]


def test_inverse_rejects_reordered_columns():
    df = pd.DataFrame({"a": np.arange(5.0), "b": np.arange(5.0)})
    framer = LagFramer(lags=1).set_output(transform="pandas").fit(df)
    Xt = framer.transform(df)
    with pytest.raises(ValueError, match=r"columns of Xt must be \['a_lag1', 'b_lag1', 'a', 'b'\]"):
        framer.inverse_transform(Xt[["a_lag1", "b_lag1", "b", "a"]])


def test_inverse_ignores_nan_fill_in_lagged_columns():
    X = np.arange(6.0).reshape(3, 2)
    framer = LagFramer(lags=2, fill_value=np.nan)
    Xt = framer.fit_transform(X)
    assert np.isnan(Xt[0, :4]).all()
    assert_array_equal(framer.inverse_transform(Xt), X)


@pytest.mark.parametrize("method", ["transform", "inverse_transform"])
def test_float32_is_preserved(method):
    X = np.arange(12, dtype=np.float32).reshape(6, 2)
    framer = LagFramer(lags=2).fit(X)
    data = X if method == "transform" else framer.transform(X)
    assert getattr(framer, method)(data).dtype == np.float32
