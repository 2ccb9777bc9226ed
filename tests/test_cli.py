"""The ``skltsm`` command: runs in-process with tiny epochs, bad input, the module entry point."""

import os
import re
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from skltsm.cli import main
from skltsm.datasets import load_shampoo_sales

FAST = ["forecast", "--model", "stateful", "--epochs", "5"]  # the tutorial, short
RMSE_LINE = re.compile(r"^Test RMSE: (\d+\.\d{3}) \(persistence: (\d+\.\d{3})\)$", re.M)
TEST_MONTHS = [str(p) for p in pd.period_range("1993-01", "1993-12", freq="M")]


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def table_rows(out):
    """The rows of the printed forecast table: (period, predicted, expected)."""
    rows = re.findall(
        r"^(\S+)\s+(-?\d+\.\d{3})\s+(-?\d+\.\d{3})(?:\s+-?\d+\.\d{3})*$", out, flags=re.M
    )
    return [(label, float(pred), float(exp)) for label, pred, exp in rows]


@pytest.fixture
def sales_csv(tmp_path):
    """A CSV with extra columns: 30 daily points of a noisy trend."""
    days = pd.date_range("2024-03-01", periods=30, freq="D")
    values = 100 + np.arange(30) * 2.0 + np.random.default_rng(0).normal(0, 3, 30)
    path = tmp_path / "sales.csv"
    frame = pd.DataFrame({"store": "A", "day": days.strftime("%Y-%m-%d"), "units": values})
    frame.to_csv(path, index=False)
    return path


def test_default_run_prints_the_tutorial_table_and_writes_plot_and_csv(
    capsys, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *FAST, "--output-csv", "table.csv")
    assert code == 0, err
    assert (
        "one-step walk-forward with true lags; "
        "train 1991-01..1992-12 (24), test 1993-01..1993-12 (12)" in out
    )
    from skltsm import StatefulLSTMRegressor

    tutorial = "sp=None, transform=None, difference_lag=1, lags=1"
    defaults = f"units={StatefulLSTMRegressor().units}, epochs=5), {tutorial}"
    assert f"StatefulLSTMRegressor({defaults}" in out  # the documented defaults, but epochs
    assert "settings: sp=None, transform=None, deseasonalize=False" in out
    rows = table_rows(out)
    assert [label for label, _, _ in rows] == TEST_MONTHS
    expected = load_shampoo_sales().iloc[-12:].to_numpy()
    np.testing.assert_allclose([exp for _, _, exp in rows], expected, atol=1e-3)
    rmse, persistence = RMSE_LINE.search(out).groups()
    assert persistence == "136.761"
    assert out.index("Month") < out.index("Test RMSE")
    assert "epoch" in err  # the tqdm progress bar goes to stderr

    png = tmp_path / "forecast.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert f"plot written to {png.resolve()}" in out
    table = pd.read_csv(tmp_path / "table.csv")
    bounds = ["Lower_80", "Upper_80", "Lower_95", "Upper_95"]  # --coverage 0.8,0.95
    assert list(table.columns) == ["Month", "Predicted", "Expected", *bounds]
    assert (table["Lower_95"] <= table["Lower_80"]).all()
    assert (table["Lower_80"] <= table["Predicted"]).all()
    assert (table["Predicted"] <= table["Upper_80"]).all()
    assert (table["Upper_80"] <= table["Upper_95"]).all()
    assert table["Month"].tolist() == TEST_MONTHS
    np.testing.assert_allclose(table["Expected"], expected)
    np.testing.assert_allclose(table["Predicted"], [pred for _, pred, _ in rows], atol=1e-3)
    recomputed = np.sqrt(np.mean((table["Predicted"] - table["Expected"]) ** 2))
    assert f"{recomputed:.3f}" == rmse
    assert sorted(p.name for p in tmp_path.iterdir()) == ["forecast.png", "table.csv"]


def test_quiet_prints_only_the_rmse_line(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *FAST, "--quiet", "--no-plot")
    assert code == 0, err
    assert RMSE_LINE.fullmatch(out.strip())
    assert err == ""
    assert list(tmp_path.iterdir()) == []


def test_seeds_report_each_rmse_with_mean_and_sd(capsys, tmp_path):
    csv = tmp_path / "seeds.csv"
    code, out, err = run(capsys, *FAST, "--runs", "2", "--no-plot", "--output-csv", str(csv))
    assert code == 0, err
    seeds = [float(v) for v in re.findall(r"^seed [01]: RMSE (\d+\.\d{3})$", out, flags=re.M)]
    assert len(seeds) == 2
    final = re.search(r"^Test RMSE: mean (\S+), sd (\S+) over 2 seeds", out, flags=re.M)
    assert float(final[1]) == pytest.approx(np.mean(seeds), abs=2e-3)
    assert float(final[2]) == pytest.approx(np.std(seeds, ddof=1), abs=2e-3)
    table = pd.read_csv(csv)
    assert {"Predicted_seed_0", "Predicted_seed_1"} <= set(table.columns)
    mean = table[["Predicted_seed_0", "Predicted_seed_1"]].mean(axis=1)
    np.testing.assert_allclose(table["Predicted"], mean)


def test_horizon_protocol_forecasts_the_last_h_points(capsys, tmp_path):
    code, out, err = run(capsys, *FAST, "--protocol", "horizon", "--test-size", "6", "--no-plot")
    assert code == 0, err
    assert (
        "h-step forecast from the end of training (h=6); "
        "train 1991-01..1993-06 (30), test 1993-07..1993-12 (6)" in out
    )
    assert [label for label, _, _ in table_rows(out)] == TEST_MONTHS[6:]
    y = load_shampoo_sales().to_numpy()
    naive = np.sqrt(np.mean((y[-6:] - y[-7]) ** 2))  # the last training value, repeated
    assert RMSE_LINE.search(out)[2] == f"{naive:.3f}"


def test_stacked_model_with_lags(capsys, tmp_path):
    args = ["--model", "stacked", "--units", "4,3", "--lags", "3", "--test-size", "6"]
    code, out, err = run(capsys, *FAST, *args, "--plot", str(tmp_path / "p.svg"))
    assert code == 0, err
    from skltsm import StackedLSTMRegressor

    dropout = StackedLSTMRegressor().dropout
    assert f"StackedLSTMRegressor(units=(4, 3), dropout={dropout}, epochs=5), lags=3" in out
    assert "settings: sp=12, transform=" in out  # the settings not given: from the data
    assert len(table_rows(out)) == 6
    assert (tmp_path / "p.svg").read_text().lstrip().startswith("<?xml")


def test_csv_input_with_named_columns(capsys, tmp_path, sales_csv):
    csv = tmp_path / "out.csv"
    args = ["--csv", str(sales_csv), "--date-column", "day", "--value-column", "units"]
    code, out, err = run(capsys, *FAST, *args, "--test-size", "5", "--output-csv", str(csv))
    assert code == 0, err
    assert "train 2024-03-01..2024-03-25 (25), test 2024-03-26..2024-03-30 (5)" in out
    table = pd.read_csv(csv)
    assert table.columns[0] == "Period"
    assert table["Period"].tolist() == [f"2024-03-{d}" for d in range(26, 31)]
    frame = pd.read_csv(sales_csv)
    np.testing.assert_allclose(table["Expected"], frame["units"].iloc[-5:])


def _csv(tmp_path, text):
    path = tmp_path / "in.csv"
    path.write_text(text)
    return str(path)


BAD_INPUT = {
    "missing file": (lambda tmp: ["--csv", str(tmp / "nope.csv")], "does not exist"),
    "unknown column": (
        lambda tmp: ["--csv", _csv(tmp, "m,v\n2020-01,1\n2020-02,2\n"), "--value-column", "x"],
        "column 'x' not found",
    ),
    "non-numeric value": (
        lambda tmp: ["--csv", _csv(tmp, "m,v\n2020-01,1\n2020-02,abc\n")],
        "non-numeric value 'abc'",
    ),
    "unparseable date": (
        lambda tmp: ["--csv", _csv(tmp, "m,v\n2020-01,1\nnot-a-date,2\n")],
        "unparseable date 'not-a-date'",
    ),
    "too few rows for the test size": (
        lambda tmp: [
            "--csv",
            _csv(tmp, "m,v\n" + "".join(f"2020-{i:02},{i}\n" for i in range(1, 13))),
        ],
        "holding out 12 for the test leaves 0 for training",
    ),
    "too few rows for the lags": (lambda tmp: ["--lags", "30"], "30 lag(s) need at least 32"),
    "zero epochs": (lambda tmp: ["--epochs", "0"], "argument --epochs: expected a positive"),
    "bad units": (lambda tmp: ["--model", "stacked", "--units", "5,x"], "argument --units"),
    "unknown model": (lambda tmp: ["--model", "gru"], "invalid choice: 'gru'"),
    "unknown protocol": (lambda tmp: ["--protocol", "rolling"], "invalid choice: 'rolling'"),
    "negative seeds": (lambda tmp: ["--seeds", "-1"], "argument --seeds"),
    "two stateful layers": (lambda tmp: ["--units", "4,4"], "stateful has one LSTM layer"),
    "old and new test size": (
        lambda tmp: ["--horizon", "6", "--test-size", "6"],
        "argument --test-size: not allowed with argument --horizon",
    ),
    "column without csv": (lambda tmp: ["--date-column", "day"], "need --csv"),
    "plot format": (lambda tmp: ["--plot", str(tmp / "plot.xyz")], "--plot:"),
    "plot directory": (lambda tmp: ["--plot", str(tmp / "no" / "p.png")], "does not exist"),
    "unknown option": (lambda tmp: ["--bogus"], "unrecognized arguments: --bogus"),
    "infinite value": (
        lambda tmp: ["--csv", _csv(tmp, "m,v\n2020-01,1\n2020-02,inf\n")],
        "non-finite value 'inf' in row 2",
    ),
    "missing value": (
        lambda tmp: ["--csv", _csv(tmp, "m,v\n2020-01,1\n2020-02,\n")],
        "a missing value in row 2",
    ),
    "duplicated date": (
        lambda tmp: ["--csv", _csv(tmp, "m,v\n2020-01,1\n2020-01,2\n")],
        "duplicated date '2020-01' in rows 1 and 2",
    ),
    "unsorted dates": (
        lambda tmp: ["--csv", _csv(tmp, "m,v\n2020-02,1\n2020-01,2\n")],
        "is not sorted ascending",
    ),
    "boolean values": (
        lambda tmp: ["--csv", _csv(tmp, "m,v\n2020-01,True\n2020-02,False\n")],
        "non-numeric value 'True'",
    ),
    "empty csv": (lambda tmp: ["--csv", _csv(tmp, "")], "is empty"),
    "header only": (lambda tmp: ["--csv", _csv(tmp, "m,v\n")], "has 0 data rows"),
    "huge stateful units": (
        lambda tmp: ["--units", "1000000000"],
        "--units 1000000000 gives a network of about 4e+18 weights; at most 1e+08",
    ),
    "huge units": (
        lambda tmp: ["--model", "stacked", "--units", "4,100000"],
        "--units 4,100000 gives a network of about 4e+10 weights",
    ),
    "huge lags": (lambda tmp: ["--lags", "1000000000"], "1000000000 lag(s) need at least"),
    "huge test size": (
        lambda tmp: ["--test-size", "1000000000"],
        "holding out 1000000000 for the test leaves 0",
    ),
    "float epochs": (lambda tmp: ["--epochs", "1.5"], "argument --epochs: expected a positive"),
    "coverage above 1": (lambda tmp: ["--coverage", "0.8,95"], "argument --coverage: expected"),
    "coverage not a number": (lambda tmp: ["--coverage", "high"], "argument --coverage: expected"),
    "epochs for auto": (lambda tmp: ["--model", "auto", "--epochs", "3"], "--epochs sets --model"),
    "units for auto": (lambda tmp: ["--model", "auto", "--units", "3"], "--units sets --model"),
    "bad sp": (lambda tmp: ["--sp", "monthly"], "argument --sp: expected a positive"),
    "bad transform": (lambda tmp: ["--transform", "sqrt"], "invalid choice: 'sqrt'"),
    "bad difference lag": (lambda tmp: ["--difference-lag", "1,x"], "argument --difference-lag"),
    "negative difference order": (
        lambda tmp: ["--difference-order", "-1"],
        "argument --difference-order",
    ),
}


@pytest.mark.parametrize("case", list(BAD_INPUT))
def test_bad_input_exits_2_with_one_line_and_writes_nothing(case, capsys, tmp_path, monkeypatch):
    make_args, phrase = BAD_INPUT[case]
    monkeypatch.chdir(tmp_path)
    args = make_args(tmp_path)
    before = sorted(os.listdir(tmp_path))
    code, out, err = run(capsys, *FAST, *args, "--output-csv", "table.csv")
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("skltsm: error: "), err
    assert phrase in lines[0]
    assert sorted(os.listdir(tmp_path)) == before


def test_no_subcommand_and_help(capsys):
    code, out, err = run(capsys)
    assert code == 2 and err.startswith("skltsm: error: ") and len(err.splitlines()) == 1
    code, out, err = run(capsys, "forecast", "--help")
    assert code == 0 and "--protocol" in out and "--no-plot" in out


def test_failed_write_leaves_no_file(capsys, tmp_path, monkeypatch):
    import skltsm._cli_output

    def full_disk(*args):
        raise OSError(28, "No space left on device", str(tmp_path / "forecast.png"))

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(skltsm._cli_output, "_draw", full_disk)
    code, out, err = run(capsys, *FAST, "-q", "--output-csv", "t.csv")
    assert code == 2
    assert err.strip().splitlines() == [
        f"skltsm: error: cannot write '{tmp_path / 'forecast.png'}': No space left on device"
    ]
    assert list(tmp_path.iterdir()) == []


def test_without_matplotlib_the_default_plot_is_skipped(capsys, tmp_path, monkeypatch):
    import importlib.util

    find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda n: None if n == "matplotlib" else find_spec(n)
    )
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "forecast", "--plot", "p.png")
    assert code == 2 and "--plot needs matplotlib" in err
    code, out, err = run(capsys, "forecast", "--model", "stateful", "--epochs", "1")
    assert code == 0, err
    assert "plot skipped: matplotlib is not installed" in out
    assert list(tmp_path.iterdir()) == []


def test_module_entry_point_runs_the_readme_command(tmp_path):
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    command = [sys.executable, "-m", "skltsm", "forecast", "--quiet", "--no-plot"]
    done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert RMSE_LINE.fullmatch(done.stdout.strip()), done.stdout
    assert RMSE_LINE.search(done.stdout)[2] == "136.761"
    assert list(tmp_path.iterdir()) == []


def test_import_is_light():
    code = (
        "import sys, skltsm.cli\n"
        "heavy = [m for m in ('tensorflow', 'keras', 'sktime', 'matplotlib') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_huge_values_give_a_finite_rmse(capsys, tmp_path):
    # Squaring errors of 1e300 overflows; the RMSE must still be a finite number.
    rows = "".join(f"2020-01-{day:02},{1e300 * (day % 3)}\n" for day in range(1, 21))
    args = ["--csv", _csv(tmp_path, "d,v\n" + rows), "--test-size", "5", "--no-plot", "-q"]
    code, out, err = run(capsys, "forecast", "--model", "stateful", "--epochs", "1", *args)
    assert code == 0, err
    rmse, persistence = (float(v) for v in RMSE_LINE.search(out).groups())
    naive_errors = np.array([1.0, 1.0, -2.0, 1.0, 1.0])  # days 16..20 minus days 15..19
    assert np.isfinite(rmse)
    assert persistence == pytest.approx(1e300 * np.sqrt(np.mean(naive_errors**2)), rel=1e-3)


def test_auto_model_prints_the_settings_it_chose_from_the_data(capsys, tmp_path):
    """--model auto (the default): LSTMForecaster()'s choices, printed before the table."""
    code, out, err = run(capsys, "forecast", "--dataset", "airline", "--no-plot")
    assert code == 0, err
    assert "model: LSTMForecaster() defaults; seed 0" in out
    settings = re.search(r"^settings: (.*)$", out, flags=re.M)[1]
    # airline's training months hold both schemes' validation tails: both are fitted
    # and averaged; the line shows the series scheme's choices, then the global network
    assert settings.startswith("sp=12, transform='log'"), settings
    assert "lags=13, scheme='combined'" in settings
    assert re.search(r"epochs=\d+ \(chosen on the last 12 training points\)", settings)
    from skltsm.forecasting import _schemes

    both = (_schemes.DEFAULT_ENSEMBLE_SIZE, _schemes.ONE_SERIES_GLOBAL_ENSEMBLE_SIZE)
    assert (
        "ensemble of {}; averaged with the global scheme's {} networks (epochs=".format(*both)
        in settings
    )
    assert out.index("settings:") < out.index("Month") < out.index("Test RMSE")


def test_settings_options_reach_the_forecaster_and_old_seeds_warns(capsys, tmp_path):
    args = ["--difference-lag", "1,12", "--sp", "none", "--transform", "none", "--lags", "2"]
    code, out, err = run(capsys, *FAST, *args, "--seeds", "1", "--no-plot", "--test-size", "3")
    assert code == 0, err
    assert "settings: sp=None, transform=None, deseasonalize=False, difference_lag=(1, 12)" in out
    assert "lags=2" in out
    assert "skltsm: warning: --seeds is now called --runs" in err


def test_old_option_names_still_work_with_a_warning(capsys, tmp_path):
    """--neurons and --horizon, renamed --units and --test-size, work for one release."""
    old = ["--neurons", "3", "--protocol", "horizon", "--horizon", "4", "--no-plot", "-q"]
    code, out, err = run(capsys, *FAST, *old)
    assert code == 0, err
    assert "skltsm: warning: --neurons is now called --units" in err
    assert "skltsm: warning: --horizon is now called --test-size" in err
    new = ["--units", "3", "--protocol", "horizon", "--test-size", "4", "--no-plot", "-q"]
    code, again, err = run(capsys, *FAST, *new)
    assert code == 0 and "warning" not in err, err
    assert out == again  # the same model and split, so the same RMSE line


def test_coverage_none_gives_point_forecasts_only(capsys, tmp_path):
    csv = tmp_path / "t.csv"
    code, out, err = run(capsys, *FAST, "--coverage", "none", "--no-plot", "--output-csv", str(csv))
    assert code == 0, err
    assert list(pd.read_csv(csv).columns) == ["Month", "Predicted", "Expected"]
    assert "Lower_" not in out
