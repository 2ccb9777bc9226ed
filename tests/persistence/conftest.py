"""Fitted estimators and files shared by the persistence tests (fitted once per session)."""

import zipfile
from pathlib import Path

import numpy as np
import pytest
from sklearn.base import RegressorMixin

from tests._discovery import all_estimators

# Files written by skltsm before format 2 (see data/make_format1.py): networks as keras
# archives beside a SHA-256 of their arrays. Current skltsm must still read them.
FORMAT1 = Path(__file__).parent / "data"


def outputs(est, X):
    """Everything a user reads from a fitted estimator, for exact comparisons."""
    if isinstance(est, RegressorMixin):
        return [est.predict(X)]
    Xt = est.transform(X)
    return [Xt, est.inverse_transform(Xt)]


def assert_identical(left, right):
    """Bit-identical arrays: same dtype, same shape, same bytes."""
    assert len(left) == len(right)
    for a, b in zip(left, right, strict=True):
        a, b = np.asarray(a), np.asarray(b)
        assert a.dtype == b.dtype and a.shape == b.shape
        assert a.tobytes() == b.tobytes()


@pytest.fixture(scope="session")
def data():
    """20 rows of 2 features and a target that depends on both."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(20, 2))
    return X, X[:, 0] - 0.5 * X[:, 1]


@pytest.fixture(scope="session")
def fitted(data):
    """Every public transformer and regressor, fitted with its cheap parameters."""
    X, y = data
    return [est.fit(X, y) for est in all_estimators()]


@pytest.fixture(scope="session")
def tiny_lstm():
    """The forecaster's tiny regressor of the persistence tests."""
    from skltsm import StatefulLSTMRegressor

    return StatefulLSTMRegressor(units=2, epochs=3, random_state=0)


@pytest.fixture(scope="session")
def shampoo_series():
    from skltsm.datasets import load_shampoo_sales

    return load_shampoo_sales()


def rewrite(path, out, *, manifest=None, drop=()):
    """Copy the archive at ``path`` to ``out``, replacing the manifest or dropping members."""
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename in drop:
                continue
            data = src.read(info.filename)
            if info.filename == "manifest.json" and manifest is not None:
                data = manifest.encode()
            dst.writestr(info.filename, data)
    return out
