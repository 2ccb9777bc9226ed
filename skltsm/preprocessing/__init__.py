"""Invertible series transformers in plain numpy and pandas (no keras).

All keep the number of rows and accept numpy arrays, DataFrames and Series:

* :class:`Differencer` - lagged differences, inverted from the start or the end.
* :class:`LagFramer` - a supervised frame of lagged copies, oldest to newest.
* :class:`WindowReshaper` - flat frame to ``(n_samples, timesteps, features)``.
"""

from skltsm.preprocessing._differencer import Differencer
from skltsm.preprocessing._lag_framer import LagFramer
from skltsm.preprocessing._window_reshaper import WindowReshaper

__all__ = ["Differencer", "LagFramer", "WindowReshaper"]
