"""``skltsm forecast --csv FILE --id-column NAME``: one network for many series."""

import os

import numpy as np
import pandas as pd
import pytest

from skltsm.cli import main

FAST = ["forecast", "--model", "stacked", "--units", "4", "--epochs", "2", "--coverage", "none"]


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def write_long_csv(path, n_series=3, n_points=40, interleave=False):
    """Seasonal monthly series of different lengths and scales, in long format."""
    rng = np.random.default_rng(0)
    frames = []
    for i in range(n_series):
        n = n_points - 3 * i
        months = pd.period_range("2015-01", periods=n, freq="M") + 2 * i
        values = (10 ** (i + 1)) * (2 + np.sin(np.arange(n) * np.pi / 6) + rng.normal(0, 0.1, n))
        frames.append(pd.DataFrame({"shop": f"s{i}", "month": months.astype(str), "sales": values}))
    frame = pd.concat(frames)
    if interleave:
        frame = frame.sort_values(["month", "shop"], kind="stable")
    frame.to_csv(path, index=False)
    return frame


@pytest.mark.parametrize("protocol", ["horizon", "walk-forward"])
def test_long_csv_forecasts_every_series_and_writes_a_long_table(capsys, tmp_path, protocol):
    source = write_long_csv(tmp_path / "shops.csv", interleave=True)
    table, plot = tmp_path / "out.csv", tmp_path / "out.png"
    code, out, err = run(
        capsys, *FAST, "--csv", str(tmp_path / "shops.csv"), "--id-column", "shop",
        "--protocol", protocol, "--test-size", "6", "--output-csv", str(table),
        "--plot", str(plot),
    )  # fmt: skip
    assert code == 0, err
    assert "3 series by 'shop'" in out and "the last 6 points of every series" in out
    assert "Test RMSE: mean" in out and "of 3" in out
    written = pd.read_csv(table)
    assert list(written.columns[:5]) == ["shop", "month", "Predicted", "Expected", "Persistence"]
    assert written.groupby("shop").size().tolist() == [6, 6, 6]
    # the expected values are each series' last 6, in the series' first-appearance order
    for shop, rows in written.groupby("shop", sort=False):
        tail = source[source["shop"] == shop].tail(6)
        np.testing.assert_allclose(rows["Expected"], tail["sales"])
        assert rows["month"].tolist() == tail["month"].tolist()
        assert np.isfinite(rows["Predicted"]).all()
        last_train = source[source["shop"] == shop]["sales"].iloc[-7]
        if protocol == "horizon":
            np.testing.assert_allclose(rows["Persistence"], last_train)
        else:  # the previous true value
            np.testing.assert_allclose(rows["Persistence"], [last_train, *tail["sales"][:-1]])
    assert plot.stat().st_size > 10_000


def test_quiet_prints_only_the_final_line(capsys, tmp_path):
    write_long_csv(tmp_path / "shops.csv")
    code, out, _ = run(
        capsys, *FAST, "--csv", str(tmp_path / "shops.csv"), "--id-column", "shop", "-q",
        "--no-plot", "--test-size", "4",
    )  # fmt: skip
    assert code == 0
    assert out.count("\n") == 1 and out.startswith("Test RMSE: mean ")


BAD_PANEL_INPUT = {
    "unknown id column": (["--id-column", "store"], "--id-column 'store' not found"),
    "stateful model": (["--model", "stateful"], "--model stateful trains with batch size 1"),
    "transform": (["--transform", "log"], "--transform is not used by the network of many"),
    "series too short": (["--test-size", "35"], "series 's2' has 34 points; holding out 35"),
    "id without csv": (["--csv", None], "need --csv PATH"),
}


@pytest.mark.parametrize("case", list(BAD_PANEL_INPUT))
def test_bad_panel_input_exits_2_with_one_line_and_writes_nothing(case, capsys, tmp_path):
    write_long_csv(tmp_path / "shops.csv")
    options = {"--csv": str(tmp_path / "shops.csv"), "--id-column": "shop"}
    extra, phrase = BAD_PANEL_INPUT[case]
    options.update(dict(zip(extra[::2], extra[1::2], strict=True)))
    args = [part for key, value in options.items() if value is not None for part in (key, value)]
    before = sorted(os.listdir(tmp_path))
    code, out, err = run(capsys, *FAST, *args, "--output-csv", str(tmp_path / "t.csv"))
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("skltsm: error: ") and phrase in lines[0], err
    assert sorted(os.listdir(tmp_path)) == before


def test_intervals_of_every_series_reach_the_table(capsys, tmp_path):
    write_long_csv(tmp_path / "shops.csv")
    table = tmp_path / "out.csv"
    fast = [a for a in FAST if a not in ("--coverage", "none")]
    code, out, err = run(
        capsys, *fast, "--csv", str(tmp_path / "shops.csv"), "--id-column", "shop",
        "--protocol", "horizon", "--test-size", "4", "--coverage", "0.8", "--no-plot",
        "--output-csv", str(table),
    )  # fmt: skip
    assert code == 0, err
    written = pd.read_csv(table)
    assert {"Lower_80", "Upper_80"} <= set(written.columns)
    assert (written["Lower_80"] <= written["Predicted"]).all()
    assert (written["Predicted"] <= written["Upper_80"]).all()
