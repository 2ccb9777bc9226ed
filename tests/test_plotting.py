import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("matplotlib")

from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from skltsm.datasets import load_airline, make_sine  # noqa: E402
from skltsm.plotting import plot_forecast  # noqa: E402

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def airline_split():
    y = load_airline()
    y_train, y_test = y.iloc[:-12], y.iloc[-12:]
    y_pred = y_train.iloc[-12:].set_axis(y_test.index) * 1.1
    return y_train, y_test, y_pred


def _legend_texts(ax):
    return [text.get_text() for text in ax.get_legend().get_texts()]


def test_full_plot_lines_collections_legend_png(airline_split, tmp_path):
    y_train, y_test, y_pred = airline_split
    ax = plot_forecast(
        y_train, y_test, y_pred, intervals=(y_pred * 0.9, y_pred * 1.1), title="Airline"
    )
    assert isinstance(ax, Axes)
    assert len(ax.lines) == 3
    assert len(ax.collections) == 1
    assert ax.get_title() == "Airline"
    assert ax.get_ylabel() == "Number of airline passengers"
    assert _legend_texts(ax) == ["history", "actual", "forecast", "prediction interval"]

    path = tmp_path / "forecast.png"
    ax.figure.savefig(path, dpi=60)
    data = path.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    assert len(data) > 5_000


def test_history_only():
    ax = plot_forecast(make_sine(100))
    assert (len(ax.lines), len(ax.collections)) == (1, 0)
    assert _legend_texts(ax) == ["history"]


def test_forecast_without_actuals_keeps_its_label(airline_split):
    y_train, _, y_pred = airline_split
    ax = plot_forecast(y_train, y_pred=y_pred, labels=("train", "test", "pred", "band"))
    assert _legend_texts(ax) == ["train", "pred"]
    assert len(ax.lines) == 2
    assert [line.get_color() for line in ax.lines] == ["C0", "C1"]


def test_period_index_is_drawn_at_period_start_timestamps(airline_split):
    y_train, y_test, _ = airline_split
    ax = plot_forecast(y_train, y_test)
    x_train = np.asarray(ax.lines[0].get_xdata())
    x_test = np.asarray(ax.lines[1].get_xdata())
    np.testing.assert_array_equal(x_train, y_train.index.to_timestamp().to_numpy())
    np.testing.assert_array_equal(x_test, y_test.index.to_timestamp().to_numpy())
    np.testing.assert_array_equal(ax.lines[1].get_ydata(), y_test.to_numpy())


@pytest.mark.parametrize(
    "index",
    [
        pd.period_range("2000-01", periods=30, freq="M"),
        pd.date_range("2000-01-01", periods=30, freq="D"),
        pd.date_range("2000-01-01", periods=30, freq="h", tz="Europe/Paris"),
        pd.RangeIndex(30),
        pd.Index(np.arange(30) * 0.5),
    ],
    ids=["period", "datetime", "datetime-tz", "range", "float"],
)
def test_supported_index_types(index, tmp_path):
    y = pd.Series(np.sin(np.arange(30.0)), index=index, name="y")
    lower, upper = y.iloc[20:] - 0.2, y.iloc[20:] + 0.2
    ax = plot_forecast(y.iloc[:20], y.iloc[20:], y.iloc[20:] + 0.1, intervals=(lower, upper))
    assert (len(ax.lines), len(ax.collections)) == (3, 1)
    ax.figure.savefig(tmp_path / "y.png")
    assert (tmp_path / "y.png").read_bytes().startswith(PNG_SIGNATURE)


def test_interval_dataframe_with_lower_upper_columns(airline_split):
    y_train, y_test, y_pred = airline_split
    intervals = pd.DataFrame({"lower": y_pred - 20, "upper": y_pred + 20})
    ax = plot_forecast(y_train, y_test, y_pred, intervals=intervals)
    assert len(ax.collections) == 1
    vertices = ax.collections[0].get_paths()[0].vertices[:, 1]
    assert vertices.min() == pytest.approx((y_pred - 20).min())
    assert vertices.max() == pytest.approx((y_pred + 20).max())


def test_interval_multiindex_one_band_per_coverage(airline_split):
    y_train, y_test, y_pred = airline_split
    name = y_pred.name
    intervals = pd.DataFrame(
        {
            (name, 0.9, "lower"): y_pred * 0.8,
            (name, 0.9, "upper"): y_pred * 1.2,
            (name, 0.5, "lower"): y_pred * 0.9,
            (name, 0.5, "upper"): y_pred * 1.1,
        }
    )
    ax = plot_forecast(y_train, y_test, y_pred, intervals=intervals)
    assert (len(ax.lines), len(ax.collections)) == (3, 2)
    assert _legend_texts(ax)[-2:] == ["prediction interval 90%", "prediction interval 50%"]


@pytest.mark.filterwarnings("ignore:The default of config:FutureWarning")  # sktime 1.2 notice
def test_sktime_predict_interval_output_is_accepted():
    pytest.importorskip("sktime")
    from sktime.forecasting.naive import NaiveForecaster

    y = load_airline()
    forecaster = NaiveForecaster(strategy="last").fit(y.iloc[:-12])
    fh = list(range(1, 13))
    y_pred = forecaster.predict(fh)
    intervals = forecaster.predict_interval(fh, coverage=[0.5, 0.9])
    ax = plot_forecast(y.iloc[:-12], y.iloc[-12:], y_pred, intervals=intervals)
    assert (len(ax.lines), len(ax.collections)) == (3, 2)
    assert _legend_texts(ax)[-2:] == ["prediction interval 50%", "prediction interval 90%"]


def test_single_column_dataframes_are_accepted(airline_split):
    y_train, y_test, y_pred = airline_split
    ax = plot_forecast(y_train.to_frame(), y_test.to_frame(), y_pred.to_frame())
    assert len(ax.lines) == 3


def test_draws_on_given_axes():
    ax = Figure().add_subplot()
    ax.plot([0, 1], [0, 1])
    y = make_sine(50)
    assert plot_forecast(y.iloc[:40], y.iloc[40:], ax=ax) is ax
    assert len(ax.lines) == 3


@pytest.mark.parametrize(
    "call, error, match",
    [
        (lambda y: plot_forecast(y.values), TypeError, "y_train must be a pandas Series"),
        (lambda y: plot_forecast(None), TypeError, "y_train must be a pandas Series"),
        (
            lambda y: plot_forecast(y, y_pred=pd.DataFrame({"a": y, "b": y})),
            ValueError,
            "y_pred must be a Series or a single-column DataFrame, got a DataFrame with 2",
        ),
        (
            lambda y: plot_forecast(y, y_pred=y.set_axis(pd.RangeIndex(len(y)))),
            TypeError,
            r"cannot draw y_train \(time index\) and y_pred \(numeric index\) on one axis",
        ),
        (
            lambda y: plot_forecast(y.set_axis(y.index.astype(str))),
            TypeError,
            "y_train has an index of type Index",
        ),
        (
            lambda y: plot_forecast(y, intervals=pd.DataFrame({"lo": y, "hi": y})),
            ValueError,
            r"intervals DataFrame lacks column\(s\) \['lower', 'upper'\]",
        ),
        (
            lambda y: plot_forecast(y, intervals=(y, y, y)),
            ValueError,
            r"intervals must be a \(lower, upper\) pair, got 3 items",
        ),
        (
            lambda y: plot_forecast(y, intervals=(y, y.iloc[1:])),
            ValueError,
            "interval bounds differ in length: lower 144, upper 143",
        ),
        (
            lambda y: plot_forecast(y, intervals=y.to_numpy()),
            TypeError,
            "intervals must be a DataFrame or a",
        ),
        (
            lambda y: plot_forecast(y, labels=("a", "b")),
            ValueError,
            "labels must be 4 str",
        ),
        (lambda y: plot_forecast(y, labels="abcd"), TypeError, "labels must be a tuple"),
    ],
)
def test_bad_input_errors(call, error, match):
    with pytest.raises(error, match="^plot_forecast: .*" + match):
        call(load_airline())


def test_import_is_cheap_and_plotting_never_uses_pyplot():
    code = (
        "import sys\n"
        "import skltsm.plotting\n"
        "assert 'matplotlib' not in sys.modules, 'import skltsm.plotting imported matplotlib'\n"
        "from skltsm.datasets import make_sine\n"
        "ax = skltsm.plotting.plot_forecast(make_sine(50))\n"
        "print('matplotlib' in sys.modules, 'matplotlib.pyplot' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.split() == ["True", "False"]


def test_panel_plot_draws_one_axes_per_series_with_bands(tmp_path):
    from skltsm.plotting import plot_panel_forecast

    months = pd.period_range("2000-01", periods=24, freq="M")
    index = pd.MultiIndex.from_product([["a", "b", "c"], months], names=["id", "t"])
    y = pd.DataFrame({"y": np.arange(72, dtype=float)}, index=index)
    last = y.groupby(level=0).cumcount(ascending=False).to_numpy()
    y_train, y_test = y[last >= 6], y[last < 6]
    columns = pd.MultiIndex.from_tuples([("y", 0.9, "lower"), ("y", 0.9, "upper")])
    bands = pd.DataFrame(
        np.c_[y_test["y"] - 1, y_test["y"] + 1], index=y_test.index, columns=columns
    )
    figure = plot_panel_forecast(y_train, y_test, y_test * 1.1, intervals=bands, title="t")
    assert [ax.get_title() for ax in figure.axes] == ["a", "b", "c"]
    assert all(len(ax.lines) == 3 and len(ax.collections) == 1 for ax in figure.axes)
    figure.savefig(tmp_path / "panel.png")
    assert (tmp_path / "panel.png").read_bytes().startswith(PNG_SIGNATURE)
    assert [ax.get_title() for ax in plot_panel_forecast(y_train, series=1).axes] == ["a"]


@pytest.mark.parametrize(
    ("y", "series", "error", "match"),
    [
        (pd.Series([1.0, 2.0]), 4, TypeError, "must be an sktime panel"),
        (None, ["zz"], ValueError, r"series \['zz'\] not in y_train"),
        (None, 0, ValueError, "series must be >= 1"),
    ],
)
def test_panel_plot_bad_input(y, series, error, match):
    from skltsm.plotting import plot_panel_forecast

    if y is None:
        index = pd.MultiIndex.from_product([["a"], range(5)])
        y = pd.DataFrame({"y": np.arange(5.0)}, index=index)
    with pytest.raises(error, match=match):
        plot_panel_forecast(y, series=series)
