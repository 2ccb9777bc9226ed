import subprocess
import sys
from importlib import resources

import numpy as np
import pandas as pd
import pytest

from skltsm.datasets import load_airline, load_csv_series, load_shampoo_sales, make_sine

BUNDLED = [
    # loader, n, first period, last period, first value, last value, name
    (load_shampoo_sales, 36, "1991-01", "1993-12", 266.0, 646.9, "Number of shampoo sales"),
    (load_airline, 144, "1949-01", "1960-12", 112.0, 432.0, "Number of airline passengers"),
]


@pytest.mark.parametrize("loader, n, start, end, first, last, name", BUNDLED)
def test_bundled_loader_values_index_dtype(loader, n, start, end, first, last, name):
    y = loader()
    assert isinstance(y, pd.Series)
    assert y.shape == (n,)
    assert y.dtype == np.float64
    assert y.name == name
    assert isinstance(y.index, pd.PeriodIndex)
    assert y.index.freqstr == "M"
    assert y.index.name == "Period"
    assert (str(y.index[0]), str(y.index[-1])) == (start, end)
    assert y.index.is_monotonic_increasing and y.index.is_unique
    assert (y.iloc[0], y.iloc[-1]) == (first, last)
    assert np.isfinite(y.to_numpy()).all()


def test_bundled_loaders_return_fresh_copies():
    y = load_airline()
    y.iloc[0] = -1.0
    assert load_airline().iloc[0] == 112.0


@pytest.mark.parametrize("name", ["load_shampoo_sales", "load_airline"])
def test_bundled_data_equal_sktime_exactly(name):
    sktime_datasets = pytest.importorskip("sktime.datasets")
    ours = getattr(sys.modules["skltsm.datasets"], name)()
    theirs = getattr(sktime_datasets, name)()
    pd.testing.assert_series_equal(ours, theirs, check_exact=True, check_freq=True)
    assert ours.index.equals(theirs.index)
    assert ours.index.name == theirs.index.name
    np.testing.assert_array_equal(ours.to_numpy(), theirs.to_numpy())


@pytest.mark.parametrize("fname", ["shampoo_sales.csv", "airline.csv"])
def test_bundled_csv_is_package_data_with_source_header(fname):
    text = resources.files("skltsm.datasets").joinpath("data", fname).read_text("utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert any("sktime" in line for line in header)
    assert any("BSD-3-Clause" in line for line in header)


def test_make_sine_matches_tutorial_exactly():
    y = make_sine()
    np.testing.assert_array_equal(y.to_numpy(), np.sin(np.linspace(0, 100, 1000)))
    assert y.dtype == np.float64
    assert y.name == "sine"
    assert isinstance(y.index, pd.RangeIndex)
    assert y.index.equals(pd.RangeIndex(1000))


def test_make_sine_stop_and_length():
    y = make_sine(50, stop=2 * np.pi)
    np.testing.assert_array_equal(y.to_numpy(), np.sin(np.linspace(0, 2 * np.pi, 50)))
    assert make_sine(1).tolist() == [0.0]


def test_make_sine_noise_reproducible():
    a = make_sine(500, noise=0.2, random_state=7)
    b = make_sine(500, noise=0.2, random_state=7)
    c = make_sine(500, noise=0.2, random_state=8)
    pd.testing.assert_series_equal(a, b, check_exact=True)
    assert not np.allclose(a, c)
    residual = a.to_numpy() - make_sine(500).to_numpy()
    assert 0.15 < residual.std() < 0.25
    from_generator = make_sine(5, noise=0.2, random_state=np.random.default_rng(7))
    expected = np.sin(np.linspace(0, 100, 5)) + np.random.default_rng(7).normal(0, 0.2, 5)
    np.testing.assert_array_equal(from_generator.to_numpy(), expected)


def test_make_sine_without_noise_ignores_random_state():
    pd.testing.assert_series_equal(make_sine(20, random_state=1), make_sine(20, random_state=2))


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"n_samples": 0}, "n_samples must be an integer >= 1, got 0"),
        ({"n_samples": 2.5}, "n_samples must be an integer >= 1"),
        ({"n_samples": True}, "n_samples must be an integer >= 1"),
        ({"noise": -0.1}, "noise must be >= 0, got -0.1"),
        ({"noise": float("nan")}, "noise must be a finite number"),
        ({"stop": "100"}, "stop must be a finite number"),
    ],
)
def test_make_sine_rejects_bad_parameters(kwargs, match):
    with pytest.raises(ValueError, match=match):
        make_sine(**kwargs)


# ---------------------------------------------------------------- load_csv_series


def _write(tmp_path, text, name="series.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("loader", [load_airline, load_shampoo_sales])
def test_load_csv_series_round_trip(tmp_path, loader):
    y = loader()
    path = tmp_path / "roundtrip.csv"
    y.to_csv(path)
    pd.testing.assert_series_equal(load_csv_series(path), y, check_exact=True, check_freq=True)
    pd.testing.assert_series_equal(load_csv_series(str(path)), y, check_exact=True)


def test_load_csv_series_names_and_explicit_columns(tmp_path):
    path = _write(
        tmp_path, "id,when,a,b\nx,2024-01-01,1,10\ny,2024-01-02,2,20\nz,2024-01-03,3,30\n"
    )
    y = load_csv_series(path, date_column="when", value_column="b")
    assert y.name == "b"
    assert y.index.name == "when"
    assert y.dtype == np.float64
    assert y.tolist() == [10.0, 20.0, 30.0]


@pytest.mark.parametrize(
    "dates, index_type, freqstr",
    [
        (["2024-01", "2024-02", "2024-03"], pd.PeriodIndex, "M"),
        (["2024-01-31", "2024-02-29", "2024-03-31"], pd.PeriodIndex, "M"),
        (["2024-01-01", "2024-01-02", "2024-01-03"], pd.PeriodIndex, "D"),
        (["2024Q1", "2024Q2", "2024Q3"], pd.PeriodIndex, "Q-DEC"),
        (["1991", "1992", "1993"], pd.PeriodIndex, "Y-DEC"),
        (["2024-01-01 00:00", "2024-01-01 01:00", "2024-01-01 02:00"], pd.PeriodIndex, "h"),
        (["2024-01-01 12:00", "2024-01-02 12:00", "2024-01-03 12:00"], pd.DatetimeIndex, "D"),
        (["2024-01-01", "2024-01-03", "2024-01-07"], pd.DatetimeIndex, None),
        (["2024-01-01", "2024-01-02"], pd.DatetimeIndex, None),
    ],
)
def test_load_csv_series_infers_regular_frequency(tmp_path, dates, index_type, freqstr):
    rows = "".join(f"{date},{i}\n" for i, date in enumerate(dates))
    y = load_csv_series(_write(tmp_path, "date,value\n" + rows))
    assert type(y.index) is index_type
    assert (y.index.freqstr if y.index.freq is not None else None) == freqstr
    assert y.tolist() == [float(i) for i in range(len(dates))]


def test_load_csv_series_tolerates_spaces_and_bom(tmp_path):
    path = _write(tmp_path, "\ufeffmonth, sales\n 2024-01, 1.5\n2024-02 ,2\n2024-03,  3\n")
    y = load_csv_series(path)
    assert (y.name, y.index.name, y.tolist()) == ("sales", "month", [1.5, 2.0, 3.0])
    assert y.index.freqstr == "M"


BAD_CSV = [
    # id, file text, kwargs, match (regular expression)
    ("unknown value column", "d,v\n2024-01,1\n2024-02,2\n", {"value_column": "sales"},
     r"column 'sales' not found in '.*bad\.csv'; available columns: 'd', 'v'$"),
    ("unknown date column", "d,v\n2024-01,1\n2024-02,2\n", {"date_column": "month"},
     r"column 'month' not found .*available columns: 'd', 'v'$"),
    ("ambiguous value column", "d,a,b\n2024-01,1,2\n2024-02,2,3\n", {},
     r"has 2 columns besides date column 'd'; pass value_column= \(available columns: "
     r"'d', 'a', 'b'\)"),
    ("single column", "d\n2024-01\n2024-02\n", {}, r"has a single column 'd'; need a date"),
    ("semicolons", "d;v\n2024-01;1\n2024-02;2\n", {}, r"single column 'd;v'.*separated by commas"),
    ("non-numeric", "d,v\n2024-01,1\n2024-02,abc\n2024-03,x\n", {},
     r"column 'v' has a non-numeric value 'abc' in row 2 \(date '2024-02'\)"),
    ("missing value", "d,v\n2024-01,1\n2024-02,\n", {},
     r"column 'v' has a missing value in row 2 \(date '2024-02'\)"),
    ("non-finite value", "d,v\n2024-01,inf\n2024-02,1\n", {},
     r"column 'v' has a non-finite value 'inf' in row 1"),
    ("unparseable date", "d,v\n2024-01,1\nnot a date,2\nfoo,3\n", {},
     r"column 'd' has an unparseable date 'not a date' in row 2 of"),
    ("mixed date formats", "d,v\n2024-01,1\n2024-02-05,2\n", {},
     r"unparseable date '2024-02-05' in row 2 .*format differs from the first date '2024-01'"),
    ("duplicated dates", "d,v\n2024-01,1\n2024-02,2\n2024-01,3\n", {},
     r"column 'd' has a duplicated date '2024-01' in rows 1 and 3 of"),
    ("unsorted dates", "d,v\n2024-01,1\n2024-03,2\n2024-02,3\n", {},
     r"column 'd' is not sorted ascending: row 3 '2024-02' comes after row 2 '2024-03'"),
    ("one row", "d,v\n2024-01,1\n", {}, r"'.*bad\.csv' has 1 data row; need at least 2$"),
    ("header only", "d,v\n", {}, r"has 0 data rows; need at least 2$"),
    ("empty file", "", {}, r"'.*bad\.csv' is empty; need a header and 2 rows$"),
    ("row longer than header", "d,v\n2024-01,1,5\n2024-02,2\n", {},
     r"cannot read '.*bad\.csv' as CSV: the first data row has more fields than the header"),
    ("ragged row", "d,v\n2024-01,1\n2024-02,2,7\n", {},
     r"cannot read '.*bad\.csv' as CSV: .*Expected 2 fields in line 3, saw 3"),
]  # fmt: skip


@pytest.mark.parametrize(
    "text, kwargs, match", [case[1:] for case in BAD_CSV], ids=[case[0] for case in BAD_CSV]
)
def test_load_csv_series_bad_input_one_line_error(tmp_path, text, kwargs, match):
    path = _write(tmp_path, text, name="bad.csv")
    with pytest.raises(ValueError, match=match) as error:
        load_csv_series(path, **kwargs)
    assert str(error.value).startswith("load_csv_series: ")
    assert "\n" not in str(error.value)


def test_load_csv_series_binary_file(tmp_path):
    path = tmp_path / "binary.csv"
    path.write_bytes(b"\xff\xfe\x00garbage\n\x80\x81\n")
    with pytest.raises(ValueError, match=r"cannot read '.*binary\.csv' as CSV: 'utf-8' codec"):
        load_csv_series(path)


def test_load_csv_series_missing_file_names_path(tmp_path):
    path = tmp_path / "nowhere" / "sales.csv"
    with pytest.raises(FileNotFoundError, match=f"'{path}' does not exist$"):
        load_csv_series(path)
    with pytest.raises(FileNotFoundError, match=f"'{tmp_path}' is a directory, not a file$"):
        load_csv_series(tmp_path)


def test_load_csv_series_never_fetches_urls():
    with pytest.raises(FileNotFoundError, match="'https://example.invalid/y.csv' does not"):
        load_csv_series("https://example.invalid/y.csv")


def test_load_csv_series_rejects_non_path():
    with pytest.raises(TypeError, match="path must be a str or os.PathLike, got 3"):
        load_csv_series(3)


def test_import_and_load_stay_light():
    code = (
        "import sys\n"
        "import skltsm.datasets as d\n"
        "d.load_airline(); d.load_shampoo_sales(); d.make_sine(noise=0.1, random_state=0)\n"
        "heavy = ('sktime', 'tensorflow', 'keras', 'matplotlib', 'torch', 'jax')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == "[]"
