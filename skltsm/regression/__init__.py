"""scikit-learn regressors on recurrent networks (the only package importing scikeras)."""

from skltsm.regression._stacked import StackedLSTMRegressor
from skltsm.regression._stateful import StatefulLSTMRegressor
from skltsm.regression._walk_forward import WalkForward

__all__ = ["StackedLSTMRegressor", "StatefulLSTMRegressor", "WalkForward"]
