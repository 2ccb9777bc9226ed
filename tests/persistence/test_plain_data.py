"""Every kind of state the estimators hold comes back equal, type for type."""

import numpy as np
import pandas as pd
import pytest

import skltsm
from skltsm import Differencer

_INDEXES = {
    "range": pd.RangeIndex(2, 40, 3, name="t"),
    "datetime-freq": pd.date_range("2020-01-01", periods=5, freq="MS", name="month"),
    "datetime-tz": pd.date_range("2021-03-27", periods=50, freq="h", tz="Europe/Paris"),
    "datetime-irregular": pd.DatetimeIndex(["2020-01-01", "2020-01-03", "2020-02-01"]),
    "datetime-seconds": pd.date_range("2020", periods=3, freq="D", unit="s"),
    "period-month": pd.period_range("1991-01", periods=36, freq="M", name="Period"),
    "period-quarter": pd.period_range("2000Q1", periods=4, freq="Q-DEC"),
    "timedelta": pd.timedelta_range("1 day", periods=3, freq="6h", name="lead"),
    "floats": pd.Index([1.5, np.nan, -2.0], name=("a", 1)),
    "ints": pd.Index(np.array([3, 1, 2], dtype=np.int32)),
    "strings": pd.Index(["x", "y", None], name="col"),
    "object-strings": pd.Index(["x", "y"], dtype=object),
}


def _round_trip(value, tmp_path):
    est = Differencer()
    est.value_ = value
    return skltsm.load(skltsm.save(est, tmp_path / "plain.skltsm")).value_


@pytest.mark.parametrize("index", list(_INDEXES.values()), ids=list(_INDEXES))
def test_indexes_round_trip_with_name_dtype_and_freq(index, tmp_path):
    back = _round_trip(index, tmp_path)
    assert type(back) is type(index) and back.dtype == index.dtype
    assert back.equals(index) and back.names == index.names
    assert getattr(back, "freq", None) == getattr(index, "freq", None)
    assert getattr(back, "tz", None) == getattr(index, "tz", None)


def test_series_and_frames_round_trip(tmp_path):
    index = _INDEXES["period-month"][:3]
    series = pd.Series([266.0, 145.9, 183.1], index=index, name="Number of shampoo sales")
    frame = pd.DataFrame(
        {"price": [1.0, 2.0, 3.0], 7: np.array([1, 2, 3], dtype=np.int8), "flag": [True] * 3},
        index=_INDEXES["datetime-freq"][:3],
    )
    frame["when"] = pd.to_datetime(["2020-01-01", "2020-01-02", "2020-01-03"])
    frame["label"] = pd.Series(["a", "b", "c"], index=frame.index)
    back_series, back_frame = _round_trip((series, frame), tmp_path)
    pd.testing.assert_series_equal(back_series, series, check_exact=True, check_freq=True)
    pd.testing.assert_frame_equal(back_frame, frame, check_exact=True, check_freq=True)
    assert back_series.index.freq == series.index.freq


def test_scalars_containers_and_numpy_values_round_trip(tmp_path):
    value = {
        "floats": [0.1, float("nan"), float("inf"), -float("inf"), 1e-310],
        3: ("tuple", None, True, 2**70),
        ("key", 1): {1, 2},
        "frozen": frozenset({"a"}),
        "numpy": [np.float32(0.1), np.int64(-3), np.bool_(False), np.dtype("float32")],
        "array": np.arange(6, dtype=np.float32).reshape(2, 3)[:, ::2],
        "types": [np.float64, np.int32],
        "pandas": [
            pd.Period("1992-12", "M"),
            pd.Timestamp("2020-03-29 01:30", tz="Europe/Paris"),
            pd.Timedelta("1 days 02:00:00.000001"),
            pd.offsets.MonthEnd(2),
            pd.NaT,
        ],
    }
    back = _round_trip(value, tmp_path)
    assert back.keys() == value.keys()
    assert np.array_equal(back["floats"], value["floats"], equal_nan=True)
    assert back[3] == value[3] and back[("key", 1)] == {1, 2} and back["frozen"] == {"a"}
    for got, want in zip(back["numpy"], value["numpy"], strict=True):
        assert type(got) is type(want) and got == want
    assert back["array"].dtype == np.float32 and np.array_equal(back["array"], value["array"])
    assert back["types"] == value["types"]
    assert back["pandas"][:4] == value["pandas"][:4] and back["pandas"][4] is pd.NaT
    assert str(back["pandas"][1].tz) == "Europe/Paris"


def test_a_random_state_instance_continues_its_stream(tmp_path):
    random_state = np.random.RandomState(42)
    random_state.normal(size=3)
    back = _round_trip(random_state, tmp_path)
    assert np.array_equal(back.normal(size=5), random_state.normal(size=5))
