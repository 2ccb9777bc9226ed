"""Settings from the data: pure functions that choose what ``LSTMForecaster`` leaves "auto".

Each function looks only at the training series it is given (never at a test split) and
returns a plain value; ``LSTMForecaster`` stores what they return as fitted attributes
(``sp_``, ``transform_``, ``deseasonalize_``, ``difference_lag_``, ``lags_``). How each
rule and threshold was chosen, with the figures, is in ``docs/forecaster-guide.md``.
"""

import numpy as np
import pandas as pd

# Seasonal period of each pandas frequency family (the period of the dominant cycle).
_SP_BY_FREQ = {"Y": 1, "A": 1, "Q": 4, "M": 12, "W": 52, "D": 7, "B": 5, "H": 24, "h": 24}
# Seasonality test of the M4 benchmarks (Theta, Naive2): ACF at lag sp beyond the 90 % band.
SEASONALITY_Z = 1.645
# KPSS level-stationarity critical value at 5 % (Kwiatkowski et al. 1992, Table 1).
KPSS_CRITICAL = 0.463
# Guerrero-style variance test: log when log(spread) grows with log(level) this fast.
LOG_SLOPE = 0.5


def infer_sp(index):
    """Return the seasonal period read from a time index, or None (integer index).

    Parameters
    ----------
    index : pandas.Index
        A PeriodIndex, a DatetimeIndex with a frequency, or an integer index.

    Returns
    -------
    sp : int or None
        12 for monthly, 4 quarterly, 52 weekly, 7 daily, 5 business-daily, 24 hourly;
        None for an integer index, yearly data or an unknown frequency.

    Examples
    --------
    >>> infer_sp(pd.period_range("2000-01", periods=3, freq="M"))
    12
    >>> infer_sp(pd.date_range("2000-01-03", periods=3, freq="W-MON"))
    52
    >>> infer_sp(pd.RangeIndex(3)) is None
    True
    """
    freq = getattr(index, "freqstr", None)
    if freq is None and isinstance(index, pd.DatetimeIndex) and len(index) >= 3:
        freq = pd.infer_freq(index)
    if not freq:
        return None
    base = freq.split("-")[0].lstrip("0123456789")
    for prefix in (base, base[:1]):
        sp = _SP_BY_FREQ.get(prefix)
        if sp is not None:
            return sp if sp > 1 else None
    return None


def is_seasonal(y, sp):
    """Return whether ``y`` has a season of period ``sp`` (the M4 benchmarks' ACF test).

    True when the autocorrelation at lag ``sp`` exceeds ``1.645 * sqrt((1 + 2 *
    sum_{k<sp} r_k^2) / n)``; False when ``sp`` is None or 1 or ``y`` is shorter than three
    seasons.

    Examples
    --------
    >>> t = np.arange(48)
    >>> bool(is_seasonal(10 + np.sin(2 * np.pi * t / 12), 12))
    True
    >>> bool(is_seasonal(np.random.default_rng(0).normal(size=48), 12))
    False
    """
    y = np.asarray(y, dtype=np.float64)
    if sp is None or sp < 2 or len(y) < 3 * sp:
        return False
    r = _acf(y, sp)
    limit = SEASONALITY_Z * np.sqrt((1 + 2 * np.sum(r[:-1] ** 2)) / len(y))
    return bool(abs(r[-1]) > limit)


def _standardised(y):
    """Return ``y`` centred and divided by its largest deviation (no overflow in sums)."""
    d = y - np.median(y)
    top = np.max(np.abs(d)) if len(d) else 0.0
    return d / top if top > 0 and np.isfinite(top) else d


def _acf(y, max_lag):
    d = _standardised(y)
    d = d - d.mean()
    denom = np.dot(d, d)
    if denom == 0:
        return np.zeros(max_lag)
    return np.array([np.dot(d[k:], d[:-k]) / denom for k in range(1, max_lag + 1)])


def seasonal_indices(y, sp):
    """Return additive seasonal indices of ``y`` by classical decomposition.

    The trend is a centred moving average of one season (2 x sp for even ``sp``); the index
    of phase ``p`` (``p = i mod sp`` for row ``i``) is the mean of ``y - trend`` over that
    phase, centred to sum to zero.

    Parameters
    ----------
    y : array-like of shape (n,)
        Series with at least two full seasons.
    sp : int
        Seasonal period.

    Returns
    -------
    indices : ndarray of shape (sp,)
        Index of each phase, phase 0 being the first row of ``y``.

    Examples
    --------
    >>> y = np.tile([1.0, -1.0], 6) + np.arange(12.0)
    >>> seasonal_indices(y, 2).round(3).tolist()
    [1.0, -1.0]
    """
    y = np.asarray(y, dtype=np.float64)
    if sp % 2:
        weights = np.full(sp, 1.0 / sp)
    else:
        weights = np.r_[0.5, np.ones(sp - 1), 0.5] / sp
    trend = np.convolve(y, weights, mode="valid")
    offset = (len(weights) - 1) // 2
    detrended = y[offset : offset + len(trend)] - trend
    phases = (np.arange(len(detrended)) + offset) % sp
    indices = np.array([detrended[phases == p].mean() for p in range(sp)])
    return indices - indices.mean()


def choose_transform(y, sp):
    """Return "log" when a positive series' spread grows with its level, else None.

    The series is cut into blocks of one season (4 rows without ``sp``); when the slope of
    log(block std) on log(block mean) exceeds ``LOG_SLOPE`` (Guerrero's method reads a
    Box-Cox lambda of ``1 - slope``, so a slope above 0.5 is nearer the log than the raw
    series), the log is chosen.

    Examples
    --------
    >>> t = np.arange(96)
    >>> grow = np.exp(0.03 * t) * (1 + 0.2 * np.sin(2 * np.pi * t / 12))
    >>> choose_transform(grow, 12)
    'log'
    >>> choose_transform(10 + np.sin(2 * np.pi * t / 12), 12) is None
    True
    """
    y = np.asarray(y, dtype=np.float64)
    block = sp if sp and sp > 1 else 4
    n_blocks = len(y) // block
    if np.any(y <= 0) or n_blocks < 3:
        return None
    blocks = y[len(y) - n_blocks * block :].reshape(n_blocks, block)
    mean, std = blocks.mean(axis=1), blocks.std(axis=1, ddof=1)
    if np.any(std <= 0) or np.ptp(np.log(mean)) < 1e-9:
        return None
    slope = np.polyfit(np.log(mean), np.log(std), 1)[0]
    return "log" if slope > LOG_SLOPE else None


def kpss_statistic(y):
    """Return the KPSS level-stationarity statistic of ``y`` (Bartlett window).

    The lag truncation is ``int(3 * sqrt(n) / 13)``, the "short" rule pmdarima's ``ndiffs``
    uses.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> kpss_statistic(rng.normal(size=200)) < KPSS_CRITICAL
    True
    >>> kpss_statistic(np.cumsum(rng.normal(size=200))) > KPSS_CRITICAL
    True
    """
    e = _standardised(np.asarray(y, dtype=np.float64))
    e = e - e.mean()
    n = len(e)
    s = np.cumsum(e)
    lags = int(3 * np.sqrt(n) / 13)
    gamma0 = np.dot(e, e) / n
    long_run = gamma0 + sum(
        2 * (1 - k / (lags + 1)) * np.dot(e[k:], e[:-k]) / n for k in range(1, lags + 1)
    )
    if long_run <= 0:
        return 0.0
    return float(np.dot(s, s) / (n**2 * long_run))


def choose_differences(y, max_d=1):
    """Return how many first differences make ``y`` level-stationary by KPSS (0..max_d).

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> choose_differences(rng.normal(size=120)), choose_differences(np.arange(120.0))
    (0, 1)
    """
    y = np.asarray(y, dtype=np.float64)
    for d in range(max_d + 1):
        if d == max_d or np.ptp(y) == 0 or kpss_statistic(y) < KPSS_CRITICAL:
            return d
        y = np.diff(y)
    return max_d


def choose_lags(n_rows, sp, min_windows=4):
    """Return the window length: a season plus a step, shortened for short series.

    Parameters
    ----------
    n_rows : int
        Rows left after differencing (the windows are cut from them).
    sp : int or None
        Seasonal period; None or 1 takes 4 steps.
    min_windows : int, default=4
        The window is at most ``n_rows // min_windows`` long, so at least this many
        times as many rows as window steps remain.

    Examples
    --------
    >>> choose_lags(100, 12), choose_lags(23, 12), choose_lags(50, None)
    (13, 5, 4)
    """
    wanted = sp + 1 if sp and sp > 1 else 4
    return int(max(1, min(wanted, n_rows // min_windows)))
