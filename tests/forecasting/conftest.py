"""Fixtures for the forecasting tests: small series and a transparent stateful regressor."""

import numpy as np
import pandas as pd
import pytest
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.linear_model import LinearRegression


def _flat(X):
    """Windows (n, timesteps, features) as the forecaster passes them, flattened."""
    X = np.asarray(X, dtype=float)
    return X.reshape(len(X), -1) if X.ndim == 3 else X


class CountingWalker:
    """Like skltsm's WalkForward: ``state`` counts the rows run since the start."""

    def __init__(self, reg, start):
        self.reg = reg
        self.state = [np.array([float(start)])]

    def predict(self, X):
        X = np.asarray(X, dtype=float).reshape(-1, self.reg.n_features_in_)
        out = []
        for row in X:
            self.state[0] = self.state[0] + 1.0
            out.append(self.reg.linear_.predict(row[None])[0] + self.reg.bump * self.state[0][0])
        return np.asarray(out)


class StatefulLinear(RegressorMixin, BaseEstimator):
    """A linear regressor whose walk-forward adds ``bump`` times the steps run so far.

    It makes the LSTM-state bookkeeping of the forecaster visible in its forecasts:
    ``predict`` is plain linear regression, ``walk_forward()`` starts at 0 steps (or at the
    number of training rows with ``replay_training=True``), and every row run adds one.
    """

    is_stateful = True  # declared, as StatefulLSTMRegressor does: the forecaster carries state

    def __init__(self, timesteps=1, replay_training=False, bump=0.01, random_state=None):
        self.timesteps = timesteps
        self.replay_training = replay_training
        self.bump = bump
        self.random_state = random_state

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.target_tags.multi_output = True
        return tags

    def fit(self, X, y):
        X = _flat(X)
        self.n_features_in_ = X.shape[1]
        self.linear_ = LinearRegression().fit(X, y)
        self.n_train_ = X.shape[0]
        self.n_partial_fit_ = 0
        return self

    def partial_fit(self, X, y):
        self.linear_ = LinearRegression().fit(_flat(X), y)
        self.n_train_ = len(X)
        self.n_partial_fit_ += 1
        return self

    def predict(self, X):
        return self.linear_.predict(_flat(X))

    def walk_forward(self):
        return CountingWalker(self, self.n_train_ if self.replay_training else 0)


@pytest.fixture
def quadratic():
    """y_t = 0.5 t^2 + 3 t + 10 on a monthly PeriodIndex: differences are linear in t."""
    t = np.arange(40.0)
    index = pd.period_range("2000-01", periods=40, freq="M", name="month")
    return pd.Series(0.5 * t**2 + 3 * t + 10, index=index, name="sales")


@pytest.fixture
def shampoo():
    from skltsm.datasets import load_shampoo_sales

    return load_shampoo_sales()
