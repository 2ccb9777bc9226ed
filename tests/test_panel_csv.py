"""load_csv_panel: a long CSV file of many series -> an sktime pd-multiindex panel."""

import pandas as pd
import pytest

from skltsm.datasets import load_csv_panel


def _csv(tmp_path, text):
    path = tmp_path / "panel.csv"
    path.write_text(text)
    return path


def test_interleaved_rows_become_a_panel_in_first_appearance_order(tmp_path):
    text = (
        "id,day,v\nb,2020-01-01,1\na,2020-01-01,2\nb,2020-01-02,3\na,2020-01-02,4\nb,2020-01-03,5\n"
    )
    y = load_csv_panel(_csv(tmp_path, text), id_column="id")
    assert list(y.index.names) == ["id", "day"] and list(y.columns) == ["v"]
    assert y.index.get_level_values(0).tolist() == ["b", "b", "b", "a", "a"]
    assert y["v"].tolist() == [1.0, 3.0, 5.0, 2.0, 4.0]
    assert isinstance(y.index.levels[1], pd.PeriodIndex) and y.index.levels[1].freqstr == "D"
    from sktime.datatypes import check_is_mtype

    assert check_is_mtype(y, "pd-multiindex", return_metadata=False)


def test_series_with_different_spans_and_a_gap_between_them(tmp_path):
    rows = [f"a,2000-{m:02},{m}" for m in (1, 2, 3)] + [f"b,2005-{m:02},{m}" for m in (1, 2)]
    y = load_csv_panel(_csv(tmp_path, "s,m,v\n" + "\n".join(rows) + "\n"), id_column="s")
    assert [str(t) for t in y.index.get_level_values(1)] == [
        "2000-01", "2000-02", "2000-03", "2005-01", "2005-02",
    ]  # fmt: skip


def test_explicit_columns_and_extra_columns(tmp_path):
    text = "note,v,id,m\nx,1,a,2020-01\ny,2,a,2020-02\nz,3,a,2020-03\n"
    y = load_csv_panel(_csv(tmp_path, text), id_column="id", date_column="m", value_column="v")
    assert y["v"].tolist() == [1.0, 2.0, 3.0]


BAD = {
    "unknown id column": ("x,m,v\na,2020-01,1\n", "id_column 'id' not found"),
    "empty id": ("id,m,v\na,2020-01,1\n,2020-02,2\n", "empty series id in row 2"),
    "duplicated date": ("id,m,v\na,2020-01,1\na,2020-01,2\n", "row 2 of"),
    "descending dates": ("id,m,v\na,2020-02,1\na,2020-01,2\n", "comes before row 1"),
    "skipped step": (
        "id,m,v\na,2020-01,1\na,2020-02,2\na,2020-04,3\nb,2020-01,1\nb,2020-02,1\nb,2020-03,1\n",
        "series 'a' is not regular at frequency MS: row 3",
    ),
    "missing value": ("id,m,v\na,2020-01,1\na,2020-02,\n", "missing value in row 2"),
    "no frequency": ("id,m,v\na,2020-01-01,1\na,2020-01-02,2\na,2020-01-05,3\n", "frequency"),
    "ambiguous value column": ("id,m,v,w\na,2020-01,1,2\n", "pass value_column="),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_raises_one_line_naming_the_problem(tmp_path, case):
    text, phrase = BAD[case]
    with pytest.raises(ValueError, match="^load_csv_panel: ") as error:
        load_csv_panel(_csv(tmp_path, text), id_column="id")
    assert phrase in str(error.value) and "\n" not in str(error.value)
