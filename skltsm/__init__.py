"""skltsm: scikit-learn and sktime compatible LSTM time-series forecasting.

The transformers are plain numpy/pandas and import eagerly. The estimators and the
forecaster need tensorflow (through scikeras) and sktime, which take seconds to import, so
they are loaded on first attribute access: ``import skltsm`` stays light.

Examples
--------
>>> import sys
>>> import skltsm
>>> "tensorflow" in sys.modules and "keras" in sys.modules  # doctest: +SKIP
False
>>> skltsm.Differencer(lag=1).fit_transform([[1.0], [3.0], [6.0]]).ravel().tolist()
[0.0, 2.0, 3.0]
"""

from importlib import import_module

from skltsm.preprocessing import Differencer, LagFramer, WindowReshaper

__version__ = "0.1.0.dev0"

# name -> module that defines it; imported when first used.
_LAZY = {
    "StatefulLSTMRegressor": "skltsm.regression",
    "StackedLSTMRegressor": "skltsm.regression",
    "LSTMForecaster": "skltsm.forecasting",
    "save": "skltsm.persistence",
    "load": "skltsm.persistence",
}

__all__ = ["Differencer", "LagFramer", "WindowReshaper", *_LAZY, "__version__"]


def __getattr__(name):
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'skltsm' has no attribute {name!r}")


def __dir__():
    return sorted(__all__)
