"""Read many series from one long CSV file (a series-id column) into an sktime panel."""

import numpy as np
import pandas as pd

from skltsm.datasets._loaders import (
    _parse_dates,
    _parse_values,
    _pick_columns,
    _read_csv_frame,
    _regular_index,
)

_PREFIX = "load_csv_panel:"


def load_csv_panel(path, *, id_column, date_column=None, value_column=None):
    r"""Read a long CSV file (one row per series and date) into an sktime panel frame.

    Every series must be regular, with the same frequency: its dates are consecutive
    steps of the one frequency inferred from the file (series may start and end at
    different dates and have different lengths). The series keep the order in which they
    first appear; rows of different series may be interleaved, but each series' dates
    must be ascending. Dates become a ``PeriodIndex`` level when every date is the start
    or the end of its period, as :func:`load_csv_series` does.

    Parameters
    ----------
    path : str or os.PathLike
        Local CSV file with a header row.
    id_column : str
        Column naming the series of each row.
    date_column : str, optional
        Column holding the dates; default the first column other than ``id_column``.
    value_column : str, optional
        Column holding the values; default the only other column.

    Returns
    -------
    y : pandas.DataFrame
        sktime ``pd-multiindex`` frame: index levels (``id_column``, ``date_column``),
        one float64 column named ``value_column``.

    Raises
    ------
    ValueError
        With a one-line message naming the column, series and row for: an unknown
        column, an empty series id, a missing or non-numeric value, an unparseable date,
        a series with a duplicated, unsorted or skipped date, no inferable frequency.

    See Also
    --------
    load_csv_series : One series from a CSV file.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from skltsm.datasets import load_csv_panel
    >>> text = "store,month,sales\na,2024-01,10\na,2024-02,12\nb,2024-02,7\nb,2024-03,8\n"
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = Path(tmp) / "sales.csv"
    ...     _ = path.write_text(text)
    ...     y = load_csv_panel(path, id_column="store")
    >>> y.index.names, y.index.levels[1].freqstr, y["sales"].tolist()
    (FrozenList(['store', 'month']), 'M', [10.0, 12.0, 7.0, 8.0])
    """
    frame = _read_csv_frame(path, prefix=_PREFIX)
    if id_column not in frame.columns:
        available = ", ".join(f"'{column}'" for column in frame.columns)
        raise ValueError(
            f"{_PREFIX} id_column '{id_column}' not found in '{path}'; available columns: "
            f"{available}"
        )
    rest = frame.drop(columns=id_column)
    date_column, value_column = _pick_columns(rest, date_column, value_column, path, _PREFIX)
    ids = frame[id_column].str.strip()
    _check_ids(ids, id_column, path)
    raw_dates = frame[date_column].str.strip()
    dates = _parse_dates(raw_dates, date_column, path, prefix=_PREFIX)
    values = _parse_values(frame[value_column].str.strip(), raw_dates, value_column, path, _PREFIX)
    groups = {key: np.flatnonzero(ids.to_numpy() == key) for key in pd.unique(ids)}
    for key, rows in groups.items():
        _check_series_order(dates[rows], rows, key, date_column, path)
    steps = _common_steps(dates, raw_dates, groups, path)
    order = np.concatenate(list(groups.values()))
    index = pd.MultiIndex.from_arrays(
        [ids.to_numpy()[order], steps[order]], names=[id_column, date_column]
    )
    return pd.DataFrame({value_column: values[order]}, index=index)


def _check_ids(ids, id_column, path):
    empty = np.flatnonzero(ids.to_numpy() == "")
    if empty.size:
        raise ValueError(
            f"{_PREFIX} column '{id_column}' has an empty series id in row {empty[0] + 1} "
            f"of '{path}'"
        )


def _check_series_order(dates, rows, key, column, path):
    """Reject a series' duplicated or descending dates, naming the file's rows."""
    steps = np.diff(dates.asi8)
    bad = np.flatnonzero(steps <= 0)
    if bad.size:
        i = int(bad[0])
        what = "repeats the date of" if steps[i] == 0 else "comes before"
        raise ValueError(
            f"{_PREFIX} series '{key}': row {rows[i + 1] + 1} of '{path}' {what} row "
            f"{rows[i] + 1} in column '{column}'; each series' dates must be ascending"
        )


def _common_steps(dates, raw_dates, groups, path):
    """Return each row's date on one regular index spanning every series (checked)."""
    span = pd.DatetimeIndex(dates.unique()).sort_values()
    freq = pd.infer_freq(span) if len(span) >= 3 else None
    if freq is None:  # a gap between series hides the frequency of the union: ask each
        freqs = {pd.infer_freq(dates[rows]) for rows in groups.values() if len(rows) >= 3}
        freqs.discard(None)
        if len(freqs) != 1:
            found = ", ".join(sorted(freqs)) or "none"
            raise ValueError(
                f"{_PREFIX} cannot infer one frequency for the series of '{path}' (found: "
                f"{found}); every series needs regular dates of the same frequency"
            )
        freq = freqs.pop()
    full = pd.date_range(span[0], span[-1], freq=freq)
    position = full.get_indexer(dates)
    for key, rows in groups.items():
        off_grid = np.flatnonzero(position[rows] < 0)
        skipped = np.flatnonzero(np.diff(position[rows]) != 1) + 1
        bad = off_grid if off_grid.size else skipped
        if bad.size:
            row = rows[bad[0]]
            raise ValueError(
                f"{_PREFIX} series '{key}' is not regular at frequency {freq}: row "
                f"{row + 1} of '{path}' (date '{raw_dates.iloc[row]}') is not one step "
                "after the series' previous date"
            )
    return _regular_index(full)[position]
