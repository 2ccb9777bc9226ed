"""Many series, one network: pure functions over a panel of per-series arrays.

The global path of ``LSTMForecaster`` (``panel="global"``, and every fit after
``pretrain``). Each series is put on a common footing by itself, from its own training
values only, then windows from every series are pooled::

    y_i --log (positive series) or / mean|y_i|--> v_i --minus seasonal indices--> u_i
      windows of u_i (lags + horizon) --minus the window's last input value--> rows

so a window is the *shape* of the recent past relative to its last level, the same for a
series of 10 and one of 10,000 units. The seasonal indices come from the last
``GLOBAL_SEASONS_KEPT`` seasons only, so a season that drifts over decades (Tourism) is
removed as it is now, not as it averaged out. Forecasts are mapped back per series (add
the last level, the seasonal indices of the target phases, then exp or times the scale).

Memory: all pooled rows are ``sum_i (n_i - lags - horizon + 1) * (lags + horizon)``
float64 values, built in one array (``training_rows``): 10,000 series of 1,000 steps with
lags 13 and horizon 18 are 9.7 million rows, 2.4 GB (tracemalloc's peak 2.49 GB,
``benchmarks/bench_scale.py``; 1.1 GB for horizon 1). ``fit`` keeps a uniform sample of
``GLOBAL_MAX_WINDOWS`` rows, gathered without building the rest (50 MB at 31 values).
"""

import numpy as np
import pandas as pd

from skltsm.forecasting import _auto
from skltsm.forecasting import _regressor as reg
from skltsm.forecasting import _series as series

# Epoch counts tried on the validation tails, reached by one-epoch partial_fit steps.
GLOBAL_EPOCH_CANDIDATES = (4, 8, 16)
GLOBAL_EPOCHS = 8  # without a validation tail (series too short)
GLOBAL_UNITS = 32
GLOBAL_BATCH_SIZE = 256
GLOBAL_LEARNING_RATE = 0.005
# Chosen on validation tails of the training panels (last 24 Tourism / 18 M3 monthly
# points of each series held out; benchmarks/README.md, "one global LSTM"): the mean
# absolute error loss (Tourism MASE 1.758 vs 1.794 with squared error, 2 seeds) and
# seasonal indices of the last 6 seasons (Tourism 1.661 vs 1.758; M3 sMAPE 14.33 vs 14.46).
GLOBAL_LOSS = "mean_absolute_error"
GLOBAL_SEASONS_KEPT = 6  # None: seasonal indices of the whole series
# Training windows kept per fit (a uniform sample beyond it): bounds memory and epoch time
# on big panels; M3 and Tourism monthly (~100,000 windows each) are below it.
GLOBAL_MAX_WINDOWS = 200_000
# Members of ensemble_size="auto" with the default network: medians of 3 or 5 seeds did not
# beat one network on the validation tails (Tourism MASE 1.654 / 1.664 / 1.658 for 1 / 3 /
# 5; M3 sMAPE 14.40 / 14.44 for 1 / 3) and cost 2-3x the fit time. A panel of one series
# takes _schemes.ONE_SERIES_GLOBAL_ENSEMBLE_SIZE instead.
GLOBAL_ENSEMBLE_SIZE = 1


def global_lstm(lags, epochs):
    """Return the default network of the global path (wider, larger batches)."""
    return reg.default_lstm(
        lags,
        epochs,
        units=(GLOBAL_UNITS,),
        batch_size=GLOBAL_BATCH_SIZE,
        optimizer__learning_rate=GLOBAL_LEARNING_RATE,
        loss=GLOBAL_LOSS,
    )


def split_panel(y):
    """Return (keys, list of value arrays, list of time indexes, column name) of a panel.

    ``y`` is an sktime ``pd-multiindex`` / ``pd_multiindex_hier`` frame (the last index
    level is time) or a pandas Series (a panel of one, key None). Several columns are
    treated as separate series (keys extended by the column name).
    """
    if isinstance(y, pd.Series):
        return [None], [y.to_numpy(dtype=np.float64)], [y.index], y.name
    levels = list(range(y.index.nlevels - 1))
    keys, values, indexes = [], [], []
    for key, group in y.groupby(level=levels if len(levels) > 1 else 0, sort=False):
        key = key if isinstance(key, tuple) else (key,)
        time = group.index.get_level_values(-1)
        time = pd.Index(time, name=y.index.names[-1])
        if isinstance(group.index.levels[-1], pd.PeriodIndex | pd.DatetimeIndex):
            time = _with_freq(group.index.levels[-1], time)
        for column in y.columns:
            keys.append(key if y.shape[1] == 1 else (*key, column))
            values.append(group[column].to_numpy(dtype=np.float64))
            indexes.append(time)
    return keys, values, indexes, y.columns[0] if y.shape[1] == 1 else None


def _with_freq(level, time):
    freq = getattr(level, "freq", None)
    if isinstance(level, pd.DatetimeIndex) and freq is None:
        freq = pd.infer_freq(time) if len(time) >= 3 else None
    if isinstance(level, pd.PeriodIndex):
        return pd.PeriodIndex(time, freq=level.freq, name=time.name)
    return pd.DatetimeIndex(time, freq=freq, name=time.name)


def global_settings(y, sp, lags):
    """Return the settings and seasonal indices of one series on the global path.

    Log when every value is positive, else division by the mean absolute value; additive
    seasonal indices of that level (from its last ``GLOBAL_SEASONS_KEPT`` seasons) when
    ``sp`` is set, three seasons are seen and the M4 seasonality test passes; no
    differencing, no scaler (``X`` gets a ``MinMaxScaler((-1, 1))`` per series) and windows
    anchored on their last input value. For :func:`skltsm.forecasting._series.fit`.
    """
    log = bool(np.all(y > 0))
    scale = 1.0 if log else float(np.mean(np.abs(y))) or 1.0
    v = np.log(y) if log else y / scale
    seasonal = None
    if sp and len(v) >= 3 * sp and _auto.is_seasonal(v, sp):
        start = 0 if GLOBAL_SEASONS_KEPT is None else max(0, len(v) - GLOBAL_SEASONS_KEPT * sp)
        # indices of the tail have phase 0 at row ``start``: roll them back to row 0's
        seasonal = np.roll(_auto.seasonal_indices(v[start:], sp), start % sp)
    settings = {
        "sp": sp,
        "transform": "log" if log else None,
        "scale": scale,
        "deseasonalize": seasonal is not None,
        "difference_lag": (1,),
        "difference_order": 0,
        "scaler": None,
        "exog_scaling": "minmax",
        "anchor": True,
        "lags": lags,
    }
    return settings, seasonal


def training_rows(states, horizon, max_windows=None, seed=0):
    """Return pooled windows (n, lags, f) and targets (n, horizon) of every series' state.

    Built with ``sliding_window_view`` over each state's per-step features (no loop over
    time steps); a state with ``anchor`` has each row's first feature (and its targets)
    taken relative to its last input value. Series shorter than ``lags + horizon`` add
    none. With ``max_windows``, a uniform sample of that many rows (without replacement,
    by ``seed``, kept in order) is gathered straight from the views, so memory is that of
    the sample, not of every row. One state gives the rows of its series alone.
    """
    lags = states[0]["lags"]
    width = lags + horizon
    blocks = []
    for state in states:
        F = series.features(state)
        if len(F) >= width:
            blocks.append(np.lib.stride_tricks.sliding_window_view(F, (width, F.shape[1]))[:, 0])
    if not blocks:
        raise ValueError(
            f"LSTMForecaster: no series is long enough for one window of lags + horizon = "
            f"{lags} + {horizon} steps; pass a smaller lags"
        )
    sizes = np.array([len(b) for b in blocks])
    if max_windows is not None and sizes.sum() > max_windows:
        keep = np.sort(np.random.default_rng(seed).choice(sizes.sum(), max_windows, replace=False))
        which = np.searchsorted(np.cumsum(sizes), keep, side="right")
        starts = keep - np.r_[0, np.cumsum(sizes)[:-1]][which]
        rows = np.empty((max_windows, *blocks[0].shape[1:]))
        for i in np.unique(which):
            at = which == i
            rows[at] = blocks[i][starts[at]]
    else:
        rows = np.concatenate(blocks)
    if states[0]["anchor"]:
        rows[:, :, 0] -= rows[:, lags - 1, 0].copy()[:, None]
    return rows[:, :lags], rows[:, lags:, 0]


def future_index(index, steps):
    """Return the time points ``steps`` (>= 1) after the last one of ``index``."""
    last, n = index[-1], int(np.max(steps))
    if isinstance(index, pd.PeriodIndex):
        future = pd.period_range(last + 1, periods=n, freq=index.freq)
    elif isinstance(index, pd.DatetimeIndex):
        freq = index.freq or pd.infer_freq(index)
        future = pd.date_range(last, periods=n + 1, freq=freq)[1:]
    else:
        step = int(index[-1] - index[-2]) if len(index) > 1 else 1
        future = pd.Index(last + step * np.arange(1, n + 1))
    return future[np.asarray(steps) - 1].rename(index.name)


def to_frame(keys, indexes, values, steps, names, column):
    """Return forecasts (n_series, len(steps)) as a panel frame, or a Series for key None."""
    if keys == [None]:
        return pd.Series(values[0], index=future_index(indexes[0], steps), name=column)
    tuples, flat = [], []
    for key, index, v in zip(keys, indexes, values, strict=True):
        tuples.extend((*key, t) for t in future_index(index, steps))
        flat.append(v)
    mi = pd.MultiIndex.from_tuples(tuples, names=names)
    return pd.DataFrame({column if column is not None else "y": np.concatenate(flat)}, index=mi)
