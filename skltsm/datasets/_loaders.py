"""Offline loaders: two bundled monthly series, a synthetic sine and a user CSV reader.

The bundled CSVs in ``data/`` are verbatim copies of sktime's own files, read the way
sktime reads them, so this module needs neither sktime (2+ s to import) nor the network.
"""

import os
import warnings
from importlib import resources
from numbers import Integral, Real
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["load_airline", "load_csv_series", "load_shampoo_sales", "make_sine"]

_PREFIX = "load_csv_series:"


def _load_bundled_monthly(fname, name):
    """Read ``data/<fname>`` like sktime: float values on a monthly ``PeriodIndex``."""
    source = resources.files(__package__).joinpath("data", fname)
    with source.open("r", encoding="utf-8") as handle:
        y = pd.read_csv(handle, comment="#", index_col=0, dtype={1: float})
    y = y.squeeze("columns")
    y.index = pd.PeriodIndex(y.index, freq="M", name="Period")
    y.name = name
    return y


def load_shampoo_sales():
    """Load the monthly shampoo sales series (36 months, 1991-01 to 1993-12).

    The values and index equal ``sktime.datasets.load_shampoo_sales()``; the data are
    bundled with skltsm, so loading imports neither sktime nor touches the network.

    Returns
    -------
    y : pandas.Series
        36 float64 sales counts named ``"Number of shampoo sales"`` on a monthly
        ``PeriodIndex`` named ``"Period"``.

    See Also
    --------
    load_airline : Monthly airline passengers, 1949-1960.
    make_sine : A synthetic sine series.

    References
    ----------
    .. [1] Makridakis, Wheelwright and Hyndman (1998), Forecasting: methods and
       applications, John Wiley & Sons, chapter 3.

    Examples
    --------
    >>> from skltsm.datasets import load_shampoo_sales
    >>> y = load_shampoo_sales()
    >>> y.shape, y.index.freqstr, str(y.index[0]), y.iloc[0]
    ((36,), 'M', '1991-01', np.float64(266.0))
    """
    return _load_bundled_monthly("shampoo_sales.csv", "Number of shampoo sales")


def load_airline():
    """Load the monthly international airline passengers series (1949-01 to 1960-12).

    Box and Jenkins' series G in thousands of passengers. The values and index equal
    ``sktime.datasets.load_airline()``; the data are bundled with skltsm.

    Returns
    -------
    y : pandas.Series
        144 float64 values named ``"Number of airline passengers"`` on a monthly
        ``PeriodIndex`` named ``"Period"``.

    See Also
    --------
    load_shampoo_sales : Monthly shampoo sales, 36 months.
    make_sine : A synthetic sine series.

    References
    ----------
    .. [1] Box, Jenkins and Reinsel (1976), Time Series Analysis, Forecasting and
       Control, third edition, Holden-Day, series G.

    Examples
    --------
    >>> from skltsm.datasets import load_airline
    >>> y = load_airline()
    >>> y.shape, y.index.freqstr, str(y.index[-1]), y.iloc[-1]
    ((144,), 'M', '1960-12', np.float64(432.0))
    """
    return _load_bundled_monthly("airline.csv", "Number of airline passengers")


def make_sine(n_samples=1000, *, stop=100.0, noise=0.0, random_state=None):
    """Make the sine series of the sine-wave tutorial, optionally with Gaussian noise.

    Without noise the values are exactly ``np.sin(np.linspace(0, stop, n_samples))``.

    Parameters
    ----------
    n_samples : int, default=1000
        Number of observations, at least 1.
    stop : float, default=100.0
        Last sampled angle in radians; samples are evenly spaced on ``[0, stop]``.
    noise : float, default=0.0
        Standard deviation of the Gaussian noise added to every value; 0 adds none.
    random_state : int, numpy.random.Generator or None, default=None
        Seed of the noise, passed to :func:`numpy.random.default_rng`. Fix it for
        reproducible noise; it is unused when ``noise == 0``.

    Returns
    -------
    y : pandas.Series
        ``n_samples`` float64 values named ``"sine"`` on a ``RangeIndex``.

    See Also
    --------
    load_airline : A real monthly series with trend and seasonality.

    Examples
    --------
    >>> import numpy as np
    >>> from skltsm.datasets import make_sine
    >>> y = make_sine()
    >>> y.shape, bool(np.array_equal(y, np.sin(np.linspace(0, 100, 1000))))
    ((1000,), True)
    >>> noisy = make_sine(5, noise=0.1, random_state=0)
    >>> bool(noisy.equals(make_sine(5, noise=0.1, random_state=0)))
    True
    """
    if isinstance(n_samples, bool) or not isinstance(n_samples, Integral) or n_samples < 1:
        raise ValueError(f"make_sine: n_samples must be an integer >= 1, got {n_samples!r}")
    for name, value in (("stop", stop), ("noise", noise)):
        if isinstance(value, bool) or not isinstance(value, Real) or not np.isfinite(value):
            raise ValueError(f"make_sine: {name} must be a finite number, got {value!r}")
    if noise < 0:
        raise ValueError(f"make_sine: noise must be >= 0, got {noise!r}")
    values = np.sin(np.linspace(0.0, stop, int(n_samples)))
    if noise > 0:
        values = values + np.random.default_rng(random_state).normal(0.0, noise, values.size)
    return pd.Series(values, index=pd.RangeIndex(int(n_samples)), name="sine", dtype="float64")


def load_csv_series(path, *, date_column=None, value_column=None):
    r"""Read a local CSV file of dates and values into a time-indexed Series.

    Dates are parsed with :func:`pandas.to_datetime` (the first date sets the format).
    When a regular frequency can be inferred (at least 3 rows) the index gets it: a
    ``PeriodIndex`` when every date is the start or the end of its period (``2024-01``,
    ``2024-01-31``, daily dates, ...), otherwise a ``DatetimeIndex`` with ``freq`` set.
    Irregular dates give a ``DatetimeIndex`` without frequency.

    Parameters
    ----------
    path : str or os.PathLike
        Local CSV file with a header row. Never fetched over the network.
    date_column : str, optional
        Column holding the dates; default the first column.
    value_column : str, optional
        Column holding the numeric values; default the only column besides the dates.

    Returns
    -------
    y : pandas.Series
        float64 values named after ``value_column``, indexed by the dates (index named
        after ``date_column``).

    Raises
    ------
    FileNotFoundError
        If ``path`` is not an existing file; the message names the path.
    ValueError
        With a one-line message for: an unknown column (the available ones are listed),
        an ambiguous value column, fewer than 2 data rows, a non-numeric or missing value
        (column, row and date named), an unparseable date (value and row named), and
        duplicated or unsorted dates. Rows are counted from 1, header excluded.

    See Also
    --------
    load_airline : A bundled monthly series.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from skltsm.datasets import load_csv_series
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = Path(tmp) / "sales.csv"
    ...     _ = path.write_text("month,sales\n2024-01,10\n2024-02,12\n2024-03,9\n")
    ...     y = load_csv_series(path)
    >>> y.name, y.index.freqstr, y.tolist()
    ('sales', 'M', [10.0, 12.0, 9.0])
    """
    frame = _read_csv_frame(path)
    date_column, value_column = _pick_columns(frame, date_column, value_column, path)
    n_rows = len(frame)
    if n_rows < 2:
        raise ValueError(
            f"{_PREFIX} '{path}' has {n_rows} data row{'' if n_rows == 1 else 's'}; need at least 2"
        )
    raw_dates = frame[date_column].str.strip()
    index = _parse_dates(raw_dates, date_column, path)
    _check_order(index, raw_dates, date_column, path)
    values = _parse_values(frame[value_column].str.strip(), raw_dates, value_column, path)
    index = _regular_index(index).rename(date_column)
    return pd.Series(values, index=index, name=value_column, dtype="float64")


def _read_csv_frame(path, prefix=_PREFIX):
    """Read every cell as a string; turn reader failures into one-line errors."""
    try:
        is_file = Path(os.fspath(path)).is_file()
    except TypeError:
        raise TypeError(f"{prefix} path must be a str or os.PathLike, got {path!r}") from None
    if not is_file:
        what = "is a directory, not a file" if Path(path).is_dir() else "does not exist"
        raise FileNotFoundError(f"{prefix} '{path}' {what}")
    try:
        with warnings.catch_warnings():
            # a first row longer than the header would silently lose data: make it an error
            warnings.simplefilter("error", pd.errors.ParserWarning)
            return pd.read_csv(
                path, dtype=str, keep_default_na=False, skipinitialspace=True, index_col=False
            )
    except pd.errors.EmptyDataError:
        raise ValueError(f"{prefix} '{path}' is empty; need a header and 2 rows") from None
    except pd.errors.ParserWarning:
        raise ValueError(
            f"{prefix} cannot read '{path}' as CSV: the first data row has more fields "
            "than the header"
        ) from None
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        reason = " ".join(str(error).split()) or type(error).__name__
        raise ValueError(f"{prefix} cannot read '{path}' as CSV: {reason}") from None


def _pick_columns(frame, date_column, value_column, path, prefix=_PREFIX):
    """Resolve the default columns and check that the named ones exist."""
    available = ", ".join(f"'{column}'" for column in frame.columns)
    for column in (date_column, value_column):
        if column is not None and column not in frame.columns:
            raise ValueError(
                f"{prefix} column '{column}' not found in '{path}'; available columns: {available}"
            )
    if date_column is None:
        date_column = frame.columns[0]
    if frame.shape[1] < 2:
        raise ValueError(
            f"{prefix} '{path}' has a single column {available}; need a date column and a "
            "value column separated by commas"
        )
    if value_column is None:
        others = [column for column in frame.columns if column != date_column]
        if len(others) != 1:
            raise ValueError(
                f"{prefix} '{path}' has {len(others)} columns besides date column "
                f"'{date_column}'; pass value_column= (available columns: {available})"
            )
        value_column = others[0]
    return date_column, value_column


def _parse_dates(raw_dates, column, path, prefix=_PREFIX):
    """Parse the date strings; name the first one that does not parse."""
    with warnings.catch_warnings():
        # "Could not infer format ... falling back to dateutil": we report bad dates below.
        warnings.simplefilter("ignore", UserWarning)
        try:
            parsed = pd.to_datetime(raw_dates, errors="coerce")
        except (ValueError, TypeError, OverflowError) as error:
            reason = str(error).splitlines()[0]
            raise ValueError(
                f"{prefix} cannot parse column '{column}' as dates: {reason}"
            ) from None
        bad = np.flatnonzero(parsed.isna().to_numpy())
        if bad.size:
            i = int(bad[0])
            hint = ""
            if i > 0 and not pd.isna(pd.to_datetime(raw_dates.iloc[i], errors="coerce")):
                hint = f" (its format differs from the first date '{raw_dates.iloc[0]}')"
            raise ValueError(
                f"{prefix} column '{column}' has an unparseable date "
                f"'{raw_dates.iloc[i]}' in row {i + 1} of '{path}'{hint}"
            )
    return pd.DatetimeIndex(parsed)


def _check_order(index, raw_dates, column, path):
    """Reject duplicated dates first, then dates out of ascending order."""
    duplicated = np.flatnonzero(index.duplicated())
    if duplicated.size:
        i = int(duplicated[0])
        first = int(np.flatnonzero(index == index[i])[0])
        raise ValueError(
            f"{_PREFIX} column '{column}' has a duplicated date '{raw_dates.iloc[i]}' "
            f"in rows {first + 1} and {i + 1} of '{path}'"
        )
    backwards = np.flatnonzero(index[1:] < index[:-1])
    if backwards.size:
        i = int(backwards[0]) + 1
        raise ValueError(
            f"{_PREFIX} column '{column}' is not sorted ascending: row {i + 1} "
            f"'{raw_dates.iloc[i]}' comes after row {i} '{raw_dates.iloc[i - 1]}' "
            f"in '{path}'; sort the file by date"
        )


def _parse_values(raw_values, raw_dates, column, path, prefix=_PREFIX):
    """Convert the value strings to floats; name the first missing or non-numeric one."""
    values = pd.to_numeric(raw_values, errors="coerce").to_numpy(dtype="float64")
    bad = np.flatnonzero(~np.isfinite(values))
    if bad.size:
        i = int(bad[0])
        raw = raw_values.iloc[i]
        if raw == "":
            what = "a missing value"
        elif np.isinf(values[i]):
            what = f"a non-finite value '{raw}'"
        else:
            what = f"a non-numeric value '{raw}'"
        raise ValueError(
            f"{prefix} column '{column}' has {what} in row {i + 1} "
            f"(date '{raw_dates.iloc[i]}') of '{path}'"
        )
    return values


def _regular_index(index):
    """Attach an inferred frequency; use a PeriodIndex when no information is lost."""
    freq = pd.infer_freq(index) if len(index) >= 3 else None
    if freq is None:
        return index
    index = pd.DatetimeIndex(index, freq=freq)
    if index.tz is not None:
        return index
    try:
        periods = index.to_period()
    except (ValueError, TypeError):  # e.g. semi-monthly "SMS" has no period equivalent
        return index
    if (periods.start_time == index).all() or (periods.end_time.normalize() == index).all():
        return periods
    return index
