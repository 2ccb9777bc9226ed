"""Plot a forecast against its history: the only skltsm module that uses matplotlib.

matplotlib is imported inside the functions, so ``import skltsm.plotting`` is cheap, and
figures are built with :class:`matplotlib.figure.Figure` rather than pyplot,
so plotting works headless and never opens a window.
"""

import pandas as pd

__all__ = ["plot_forecast", "plot_panel_forecast"]

_PREFIX = "plot_forecast:"
# series name -> (position in ``labels``, line colour); the intervals share the forecast's.
_STYLE = {"y_train": (0, "C0"), "y_test": (1, "C2"), "y_pred": (2, "C1")}


def plot_forecast(
    y_train,
    y_test=None,
    y_pred=None,
    *,
    intervals=None,
    ax=None,
    title=None,
    labels=("history", "actual", "forecast", "prediction interval"),
):
    """Plot the history, the actual future values, the forecast and its intervals.

    Each series is drawn against its index: a ``PeriodIndex`` is converted to
    timestamps (period starts), a ``DatetimeIndex`` or a numeric index such as a
    ``RangeIndex`` is used as is. All series must share one kind of index. The function
    never calls ``show()``; save or display the returned axes' figure yourself.

    Parameters
    ----------
    y_train : pandas.Series or single-column pandas.DataFrame
        The observed history.
    y_test : pandas.Series or single-column pandas.DataFrame, optional
        The actual values over the forecast horizon.
    y_pred : pandas.Series or single-column pandas.DataFrame, optional
        The forecast.
    intervals : pandas.DataFrame or tuple of (lower, upper), optional
        Prediction intervals drawn as shaded bands. Either a DataFrame with ``"lower"``
        and ``"upper"`` columns, the MultiIndex-column DataFrame returned by sktime's
        ``predict_interval`` (one band per variable and coverage), or a ``(lower,
        upper)`` pair of Series. A DataFrame's index, or the lower Series' index, gives
        the x positions.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on. By default a new headless
        :class:`matplotlib.figure.Figure` of size 10 x 4 inches is created.
    title : str, optional
        Axes title.
    labels : tuple of 4 str, optional
        Legend labels of ``y_train``, ``y_test``, ``y_pred`` and the intervals; default
        ``("history", "actual", "forecast", "prediction interval")``. Bands of a sktime
        coverage table get the coverage appended, e.g. ``"prediction interval 90%"``.

    Returns
    -------
    ax : matplotlib.axes.Axes
        The axes drawn on: one line per given series, one ``fill_between`` collection
        per interval band, and a legend.

    See Also
    --------
    skltsm.datasets.load_airline : A monthly series to plot.

    Examples
    --------
    >>> from skltsm.datasets import load_airline
    >>> from skltsm.plotting import plot_forecast
    >>> y = load_airline()
    >>> y_train, y_test = y.iloc[:-12], y.iloc[-12:]
    >>> y_pred = y_train.iloc[-12:].set_axis(y_test.index) * 1.1
    >>> bands = (y_pred * 0.9, y_pred * 1.1)
    >>> ax = plot_forecast(y_train, y_test, y_pred, intervals=bands, title="Airline")
    >>> len(ax.lines), len(ax.collections), ax.get_title()
    (3, 1, 'Airline')
    """
    labels = _check_labels(labels)
    given = {"y_train": y_train, "y_test": y_test, "y_pred": y_pred}
    series = {
        name: _as_series(y, name) for name, y in given.items() if y is not None or name == "y_train"
    }
    bands = _interval_bands(intervals, labels[3])
    indexes = [(name, y.index) for name, y in series.items()]
    _check_index_kinds(indexes + [("intervals", lower.index) for _, lower, _ in bands])

    if ax is None:
        from matplotlib.figure import Figure  # lazy and pyplot-free: headless, no window

        ax = Figure(figsize=(10, 4), layout="constrained").add_subplot()
    for name, y in series.items():
        position, color = _STYLE[name]
        ax.plot(_plot_x(y.index), y.to_numpy(dtype=float), color=color, label=labels[position])
    for (label, lower, upper), alpha in zip(bands, _band_alphas(bands), strict=True):
        ax.fill_between(
            _plot_x(lower.index),
            lower.to_numpy(dtype=float),
            upper.to_numpy(dtype=float),
            color=_STYLE["y_pred"][1],
            alpha=alpha,
            linewidth=0,
            zorder=1,  # under the lines (zorder 2)
            label=label,
        )
    if title is not None:
        ax.set_title(title)
    if series["y_train"].name is not None:
        ax.set_ylabel(str(series["y_train"].name))
    ax.grid(True, alpha=0.3)
    ax.legend(loc="best")
    return ax


def plot_panel_forecast(
    y_train,
    y_test=None,
    y_pred=None,
    *,
    intervals=None,
    series=4,
    title=None,
    labels=("history", "actual", "forecast", "prediction interval"),
):
    """Plot the forecasts of a few series of an sktime panel, one axes per series.

    Each axes is :func:`plot_forecast` of one series (the first id level selects it).

    Parameters
    ----------
    y_train : pandas.DataFrame
        sktime panel (``pd-multiindex``: series id, then time) of the histories.
    y_test, y_pred : pandas.DataFrame, optional
        Panels of the actual future values and of the forecasts.
    intervals : pandas.DataFrame, optional
        sktime's ``predict_interval`` table of the panel.
    series : int or list, default=4
        How many series to draw (the first ones of ``y_train``), or their ids.
    title : str, optional
        Figure title.
    labels : tuple of 4 str, optional
        As in :func:`plot_forecast`.

    Returns
    -------
    figure : matplotlib.figure.Figure
        Two axes per row; each axes titled with its series id.

    Examples
    --------
    >>> import pandas as pd
    >>> from skltsm.plotting import plot_panel_forecast
    >>> index = pd.MultiIndex.from_product([["a", "b", "c"], pd.RangeIndex(10)])
    >>> y = pd.DataFrame({"y": range(30)}, index=index, dtype=float)
    >>> figure = plot_panel_forecast(y, series=["a", "c"], title="Two of three")
    >>> [ax.get_title() for ax in figure.axes]
    ['a', 'c']
    """
    from matplotlib.figure import Figure

    if not isinstance(y_train, pd.DataFrame) or not isinstance(y_train.index, pd.MultiIndex):
        raise TypeError(
            f"plot_panel_forecast: y_train must be an sktime panel (a DataFrame with a "
            f"MultiIndex: series id, then time), got {type(y_train).__name__}"
        )
    keys = _panel_keys(y_train, series)
    rows = (len(keys) + 1) // 2
    figure = Figure(figsize=(11, 1 + 2.8 * rows), layout="constrained")
    axes = figure.subplots(rows, min(2, len(keys)), squeeze=False).ravel()
    for ax, key in zip(axes, keys, strict=False):
        one = {
            name: None if y is None else y.xs(key, level=0)
            for name, y in (("y_test", y_test), ("y_pred", y_pred), ("intervals", intervals))
        }
        plot_forecast(y_train.xs(key, level=0), **one, ax=ax, title=str(key), labels=labels)
    for ax in axes[len(keys) :]:
        figure.delaxes(ax)
    if title is not None:
        figure.suptitle(title)
    return figure


def _panel_keys(y_train, series):
    """Return the ids to draw: the first ``series`` ones, or the given ids (checked)."""
    ids = list(y_train.index.get_level_values(0).unique())
    if isinstance(series, int) and not isinstance(series, bool):
        if series < 1:
            raise ValueError(f"plot_panel_forecast: series must be >= 1, got {series}")
        return ids[:series]
    keys = list(series)
    missing = [key for key in keys if key not in set(ids)]
    if missing or not keys:
        raise ValueError(
            f"plot_panel_forecast: series {missing or keys} not in y_train (its first ids: "
            f"{ids[:5]})"
        )
    return keys


def _band_alphas(bands):
    """Return one opacity per band: 0.25 alone; else 0.15 (widest) to 0.35 (narrowest).

    Nested bands (80 % inside 95 %) then differ in the legend as on the axes.
    """
    if len(bands) < 2:
        return [0.25] * len(bands)
    widths = [
        float((upper.to_numpy(float) - lower.to_numpy(float)).mean()) for _, lower, upper in bands
    ]
    rank = {i: r for r, i in enumerate(sorted(range(len(bands)), key=lambda i: -widths[i]))}
    return [0.15 + 0.2 * rank[i] / (len(bands) - 1) for i in range(len(bands))]


def _check_labels(labels):
    """Return ``labels`` as a tuple of exactly four strings."""
    if isinstance(labels, str):
        raise TypeError(f"{_PREFIX} labels must be a tuple of 4 str, got the str {labels!r}")
    labels = tuple(labels)
    if len(labels) != 4 or not all(isinstance(label, str) for label in labels):
        raise ValueError(
            f"{_PREFIX} labels must be 4 str (history, actual, forecast, interval), got {labels!r}"
        )
    return labels


def _as_series(y, name):
    """Accept a Series or a single-column DataFrame; return a Series."""
    if isinstance(y, pd.DataFrame):
        if y.shape[1] != 1:
            raise ValueError(
                f"{_PREFIX} {name} must be a Series or a single-column DataFrame, "
                f"got a DataFrame with {y.shape[1]} columns"
            )
        return y.iloc[:, 0]
    if not isinstance(y, pd.Series):
        raise TypeError(
            f"{_PREFIX} {name} must be a pandas Series or DataFrame, got {type(y).__name__}"
        )
    return y


def _interval_bands(intervals, label):
    """Return ``[(label, lower, upper), ...]``, one entry per band to shade."""
    if intervals is None:
        return []
    if isinstance(intervals, tuple | list):
        if len(intervals) != 2:
            raise ValueError(
                f"{_PREFIX} intervals must be a (lower, upper) pair, got {len(intervals)} items"
            )
        lower = _as_series(intervals[0], "intervals[0]")
        upper = _as_series(intervals[1], "intervals[1]")
        if len(lower) != len(upper):
            raise ValueError(
                f"{_PREFIX} interval bounds differ in length: lower {len(lower)}, "
                f"upper {len(upper)}"
            )
        return [(label, lower, upper)]
    if not isinstance(intervals, pd.DataFrame):
        raise TypeError(
            f"{_PREFIX} intervals must be a DataFrame or a (lower, upper) pair, "
            f"got {type(intervals).__name__}"
        )
    if isinstance(intervals.columns, pd.MultiIndex):
        return _coverage_bands(intervals, label)
    missing = [bound for bound in ("lower", "upper") if bound not in intervals.columns]
    if missing:
        raise ValueError(
            f"{_PREFIX} intervals DataFrame lacks column(s) {missing}; "
            f"got columns {list(intervals.columns)}"
        )
    return [(label, intervals["lower"], intervals["upper"])]


def _coverage_bands(intervals, label):
    """Split sktime's ``(variable, coverage, lower/upper)`` columns into bands."""
    bounds = set(intervals.columns.get_level_values(-1))
    if not {"lower", "upper"} <= bounds:
        raise ValueError(
            f"{_PREFIX} the last column level of intervals must hold 'lower' and 'upper', "
            f"got {sorted(map(str, bounds))}"
        )
    bands = []
    for key in dict.fromkeys(column[:-1] for column in intervals.columns):
        coverage = key[-1] if key else None
        suffix = f" {coverage:.0%}" if isinstance(coverage, float | int) else ""
        lower, upper = intervals[(*key, "lower")], intervals[(*key, "upper")]
        bands.append((label + suffix, lower, upper))
    return bands


def _index_kind(index):
    """Return ``"time"`` or ``"number"``, the two kinds of x axis that can be drawn."""
    if isinstance(index, pd.PeriodIndex | pd.DatetimeIndex):
        return "time"
    if pd.api.types.is_numeric_dtype(index.dtype) and not pd.api.types.is_bool_dtype(index):
        return "number"
    return None


def _check_index_kinds(named_indexes):
    """Require every index to be time-like, or every index to be numeric."""
    kinds = {}
    for name, index in named_indexes:
        kind = _index_kind(index)
        if kind is None:
            raise TypeError(
                f"{_PREFIX} {name} has an index of type {type(index).__name__} "
                f"(dtype {index.dtype}); use a PeriodIndex, DatetimeIndex or numeric index"
            )
        kinds.setdefault(kind, name)
    if len(kinds) > 1:
        raise TypeError(
            f"{_PREFIX} cannot draw {kinds['time']} (time index) and {kinds['number']} "
            "(numeric index) on one axis; give all series the same kind of index"
        )


def _plot_x(index):
    """X values for matplotlib: period starts as timestamps, others as they are."""
    if isinstance(index, pd.PeriodIndex):
        index = index.to_timestamp()
    return index.to_numpy()
