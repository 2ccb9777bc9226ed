"""Pandas objects as plain data: indexes, Series, DataFrames, periods, timestamps, offsets.

Every index kind the forecasting layer meets round-trips exactly, with its name, dtype and
``freq``: ``RangeIndex``, ``DatetimeIndex`` (time zone and unit kept), ``PeriodIndex``,
``TimedeltaIndex`` and a plain ``Index`` of numbers or strings. Values go to the array
store as numpy arrays (never object arrays); strings go to the JSON as lists. Each index,
Series and DataFrame is rebuilt once while saving and compared with the original, so a
kind that would not come back identical is refused on save, not discovered on load.
"""

import numpy as np
import pandas as pd
from pandas.tseries.frequencies import to_offset

from skltsm.persistence._errors import unstorable


def is_pandas(value):
    """Whether ``value`` is a pandas object this module stores."""
    return isinstance(
        value,
        (pd.Index, pd.Series, pd.DataFrame, pd.Period, pd.Timestamp, pd.Timedelta, pd.DateOffset),
    ) or (value is pd.NaT)


def encode(value, enc, where):
    """Return the tagged node of a pandas object (see :func:`is_pandas`)."""
    if value is pd.NaT:
        return {"__skltsm__": "pd.NaT"}
    for kind, encoder in _ENCODERS:
        if isinstance(value, kind):
            node = encoder(value, enc, where)
            _check_exact(value, decode(node, enc.as_decoder(), where), where)
            return node
    raise unstorable(where, f"a pandas {type(value).__name__}")


def decode(node, dec, where):
    """Rebuild the pandas object of a node made by :func:`encode`."""
    tag = node["__skltsm__"]
    if tag == "pd.NaT":
        return pd.NaT
    return _DECODERS[tag](node, dec, where)


# -- scalars ----------------------------------------------------------------------------


def _encode_offset(offset, enc, where):
    return {"__skltsm__": "pd.offset", "freq": offset.freqstr}


def _encode_period(period, enc, where):
    return {"__skltsm__": "pd.Period", "ordinal": int(period.ordinal), "freq": period.freqstr}


def _encode_timestamp(ts, enc, where):
    tz = None if ts.tz is None else str(ts.tz)
    utc = ts if ts.tz is None else ts.tz_convert("UTC").tz_localize(None)
    return {"__skltsm__": "pd.Timestamp", "iso": utc.isoformat(), "unit": ts.unit, "tz": tz}


def _encode_timedelta(td, enc, where):
    return {"__skltsm__": "pd.Timedelta", "iso": td.isoformat(), "unit": td.unit}


def _decode_timestamp(node, dec, where):
    ts = pd.Timestamp(node["iso"]).as_unit(node["unit"])
    return ts if node["tz"] is None else ts.tz_localize("UTC").tz_convert(node["tz"])


# -- values, indexes, Series, DataFrames --------------------------------------------------


def _encode_values(values, enc, where):
    """Store a column of values: a numpy array, or a JSON list of strings (or labels)."""
    dtype = values.dtype
    if isinstance(dtype, np.dtype) and dtype.kind != "O":
        return enc.array(np.asarray(values), where)
    items = [None if _is_missing(v) else v for v in np.asarray(values, dtype=object)]
    labels = str if isinstance(dtype, pd.StringDtype) else (str, int, float, bool)
    if isinstance(dtype, pd.StringDtype | np.dtype) and all(
        v is None or type(v) in _as_tuple(labels) for v in items
    ):
        return {"__skltsm__": "labels", "values": items, "dtype": str(dtype)}
    raise unstorable(where, f"values of dtype {dtype}")


def _as_tuple(types):
    return types if isinstance(types, tuple) else (types,)


def _is_missing(value):
    return value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA


def _decode_values(node, dec, where):
    if isinstance(node, dict) and node.get("__skltsm__") == "labels":
        if node["dtype"] == "object":
            return np.array(node["values"], dtype=object)
        return pd.array(node["values"], dtype=node["dtype"])
    return dec.array(node, where)


def _freq(index):
    return None if index.freq is None else index.freq.freqstr


def _encode_index(index, enc, where):
    node = {"__skltsm__": "pd.Index", "name": enc.encode(index.name, f"{where}.name")}
    if isinstance(index, pd.RangeIndex):
        return {**node, "kind": "range", "range": [index.start, index.stop, index.step]}
    if isinstance(index, pd.PeriodIndex):
        ordinals = enc.array(np.asarray(index.asi8), where)
        return {**node, "kind": "period", "ordinals": ordinals, "freq": index.freqstr}
    if isinstance(index, pd.DatetimeIndex | pd.TimedeltaIndex):
        kind = "datetime" if isinstance(index, pd.DatetimeIndex) else "timedelta"
        tz = None if kind == "timedelta" or index.tz is None else str(index.tz)
        ticks = enc.array(np.asarray(index.asi8), where)
        return {**node, "kind": kind, "ticks": ticks, "unit": index.unit, "tz": tz,
                "freq": _freq(index)}  # fmt: skip
    if type(index) is pd.Index:
        return {**node, "kind": "values", "values": _encode_values(index, enc, where)}
    raise unstorable(where, f"a {type(index).__name__}")


def _decode_index(node, dec, where):
    name, kind = dec.decode(node["name"], f"{where}.name"), node["kind"]
    if kind == "range":
        return pd.RangeIndex(*node["range"], name=name)
    if kind == "period":
        ordinals = dec.array(node["ordinals"], where)
        return pd.PeriodIndex.from_ordinals(ordinals, freq=node["freq"], name=name)
    if kind in ("datetime", "timedelta"):
        ticks = dec.array(node["ticks"], where).astype(np.int64, copy=False)
        letter = "M" if kind == "datetime" else "m"
        values = ticks.view(f"{letter}8[{node['unit']}]")
        cls = pd.DatetimeIndex if kind == "datetime" else pd.TimedeltaIndex
        index = cls(values, name=name)
        if node.get("tz") is not None:
            index = index.tz_localize("UTC").tz_convert(node["tz"])
        return index if node["freq"] is None else cls(index, freq=node["freq"], name=name)
    if kind == "values":
        values = _decode_values(node["values"], dec, where)
        return pd.Index(values, dtype=values.dtype, name=name)
    raise ValueError(f"unknown index kind {kind!r}")


def _encode_series(series, enc, where):
    return {
        "__skltsm__": "pd.Series",
        "values": _encode_values(series, enc, where),
        "index": _encode_index(series.index, enc, f"{where}.index"),
        "name": enc.encode(series.name, f"{where}.name"),
    }


def _decode_series(node, dec, where):
    values = _decode_values(node["values"], dec, where)
    index = _decode_index(node["index"], dec, f"{where}.index")
    name = dec.decode(node["name"], f"{where}.name")
    return pd.Series(values, index=index, dtype=values.dtype, name=name)


def _encode_frame(frame, enc, where):
    columns = [frame.iloc[:, i] for i in range(frame.shape[1])]
    return {
        "__skltsm__": "pd.DataFrame",
        "columns": _encode_index(frame.columns, enc, f"{where}.columns"),
        "index": _encode_index(frame.index, enc, f"{where}.index"),
        "data": [_encode_values(c, enc, f"{where}[{i}]") for i, c in enumerate(columns)],
    }


def _decode_frame(node, dec, where):
    index = _decode_index(node["index"], dec, f"{where}.index")
    columns = (_decode_values(v, dec, where) for v in node["data"])
    data = {i: pd.Series(v, index=index, dtype=v.dtype) for i, v in enumerate(columns)}
    frame = pd.DataFrame(data, index=index)
    frame.columns = _decode_index(node["columns"], dec, f"{where}.columns")
    return frame


# -- exactness ------------------------------------------------------------------------


def _check_exact(original, rebuilt, where):
    """Refuse to store a pandas object that would not come back identical."""
    if not _same(original, rebuilt):
        raise unstorable(where, f"a {type(original).__name__} that would not come back identical")


def _same(a, b):
    if type(a) is not type(b):
        return False
    if isinstance(a, pd.DataFrame):
        return (
            _same(a.index, b.index)
            and _same(a.columns, b.columns)
            and a.dtypes.equals(b.dtypes)
            and a.equals(b)
        )
    if isinstance(a, pd.Series):
        return _same(a.index, b.index) and a.dtype == b.dtype and a.equals(b) and a.name == b.name
    if isinstance(a, pd.Index):
        same_freq = getattr(a, "freq", None) == getattr(b, "freq", None)
        return a.dtype == b.dtype and a.equals(b) and a.names == b.names and same_freq
    if isinstance(a, pd.Timestamp | pd.Timedelta):
        return a == b and a.unit == b.unit and getattr(a, "tz", None) == getattr(b, "tz", None)
    return a == b and getattr(a, "freqstr", None) == getattr(b, "freqstr", None)


_ENCODERS = [
    (pd.Index, _encode_index),
    (pd.Series, _encode_series),
    (pd.DataFrame, _encode_frame),
    (pd.Period, _encode_period),
    (pd.Timestamp, _encode_timestamp),
    (pd.Timedelta, _encode_timedelta),
    (pd.DateOffset, _encode_offset),
]

_DECODERS = {
    "pd.Index": _decode_index,
    "pd.Series": _decode_series,
    "pd.DataFrame": _decode_frame,
    "pd.Period": lambda node, dec, where: pd.Period(ordinal=node["ordinal"], freq=node["freq"]),
    "pd.Timestamp": _decode_timestamp,
    "pd.Timedelta": lambda node, dec, where: pd.Timedelta(node["iso"]).as_unit(node["unit"]),
    "pd.offset": lambda node, dec, where: to_offset(node["freq"]),
}

TAGS = frozenset(_DECODERS) | {"pd.NaT"}
