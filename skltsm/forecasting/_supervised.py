"""Series to supervised rows and back, for ``LSTMForecaster``: small pure functions.

The forecaster works on the *scaled differences* ``z`` of the series. Every time step
``s`` carries one row of per-step features: ``z_s`` beside the (scaled) exogenous values
of the NEXT step, ``x_{s+1}``. A window for the target ``z_t`` is the ``lags`` feature rows
before ``t``, oldest first, so its last row holds ``z_{t-1}`` and ``x_t``, the exogenous
values at the target time::

    time:          t-3        t-2        t-1        t
    features:   [z, x_t-2] [z, x_t-1] [z, x_t ]  -> target z_t      (lags=3)

These functions know nothing about sktime; they are tested directly.
"""

import numpy as np
from sklearn.base import clone
from sklearn.preprocessing import MinMaxScaler


def make_scaler(scaler):
    """Return an unfitted scaler for ``scaler`` ("minmax", None or a transformer)."""
    if scaler is None:
        return None
    if isinstance(scaler, str):
        if scaler == "minmax":
            return MinMaxScaler(feature_range=(-1, 1))
        raise ValueError(
            f"LSTMForecaster: scaler={scaler!r} is not supported; expected 'minmax', None "
            "or a scikit-learn transformer instance such as StandardScaler()"
        )
    missing = [m for m in ("fit", "transform", "inverse_transform") if not hasattr(scaler, m)]
    if missing:
        raise TypeError(
            f"LSTMForecaster: scaler must have fit, transform and inverse_transform; "
            f"{type(scaler).__name__} lacks {missing}"
        )
    return clone(scaler)


def step_features(z, xs):
    """Stack ``z_s`` beside ``x_{s+1}`` for every step ``s``.

    Parameters
    ----------
    z : ndarray of shape (m,)
        Scaled differences of steps ``s = 0 .. m-1``.
    xs : ndarray of shape (m + 1, k) or None
        Scaled exogenous values of steps ``0 .. m`` (row ``m`` may be a placeholder when
        the step after the last one is unknown).

    Returns
    -------
    F : ndarray of shape (m, 1 + k)
        Per-step features.
    """
    z = z.reshape(-1, 1)
    if xs is None:
        return z
    return np.hstack([z, xs[1 : z.shape[0] + 1]])


def minimum_length(lags, n_undefined, horizon):
    """Return the shortest series giving one supervised row with ``horizon`` targets."""
    return n_undefined + lags + horizon


def check_length(n_samples, params, minimum):
    """Raise a ValueError naming the parameters if the series is shorter than ``minimum``."""
    if n_samples < minimum:
        raise ValueError(
            f"LSTMForecaster: y of length {n_samples} is too short for {params}; need at "
            f"least {minimum} observations"
        )
