"""Resolve ``LSTMForecaster``'s "auto" parameters against one training series.

:func:`resolve` returns the settings a fit uses, every one either the user's explicit
value (honoured exactly) or the choice of a rule in :mod:`skltsm.forecasting._auto`.
"""

from numbers import Integral

import numpy as np

from skltsm.forecasting import _auto
from skltsm.forecasting import _differencing as diff

AUTO = "auto"
# How "auto" removes a season the seasonality test finds: "indices" subtracts classical
# seasonal indices, "difference" takes a seasonal difference (then KPSS decides a first
# one, as auto.arima's nsdiffs then ndiffs).
SEASONAL_ADJUSTMENT = "indices"


def resolve_sp(sp, index):
    """Return the seasonal period: read from ``index`` for "auto"; 1 and None mean none."""
    value = _auto.infer_sp(index) if sp == AUTO else sp
    return None if value is None or int(value) < 2 else int(value)


def _transform(transform, y, sp):
    if transform == AUTO:
        return _auto.choose_transform(y, sp)
    if transform == "log" and np.any(y <= 0):
        raise ValueError(
            f"LSTMForecaster: transform='log' needs a positive series; y has values down "
            f"to {np.min(y)!r}; pass transform=None or shift the series"
        )
    return transform


def _has_seasonal_lag(difference_lag, sp):
    return difference_lag != AUTO and any(lag % sp == 0 for lag in diff.as_lags(difference_lag))


def _deseasonalize(deseasonalize, levels, sp, difference_lag):
    if deseasonalize == AUTO:
        if sp is None or _has_seasonal_lag(difference_lag, sp):
            return False
        return _auto.is_seasonal(levels, sp)
    if deseasonalize and (sp is None or len(levels) < 2 * sp):
        raise ValueError(
            f"LSTMForecaster: deseasonalize=True needs a seasonal period and two seasons of "
            f"data; got sp={sp} (set sp=<int> for an integer index) and {len(levels)} rows"
        )
    return bool(deseasonalize)


def _differences_season(params, levels, sp):
    """Return whether "auto" removes the season by a seasonal difference."""
    every_auto = all(
        params[name] == AUTO for name in ("deseasonalize", "difference_lag", "difference_order")
    )
    return (
        SEASONAL_ADJUSTMENT == "difference"
        and every_auto
        and sp is not None
        and _auto.is_seasonal(levels, sp)
    )


def _differencing(difference_lag, difference_order, levels):
    if difference_lag == AUTO:
        order = _auto.choose_differences(levels) if difference_order == AUTO else difference_order
        return (1,), int(order)
    order = 1 if difference_order == AUTO else int(difference_order)
    return diff.as_lags(difference_lag), order


def _lags(lags, regressor, n_rows, sp):
    explicit = explicit_timesteps(regressor)
    if lags == AUTO:
        return explicit if explicit is not None else _auto.choose_lags(n_rows, sp)
    if explicit is not None and explicit != lags:
        raise ValueError(
            f"LSTMForecaster: lags={lags} conflicts with the regressor's timesteps={explicit}; "
            f"the forecaster passes windows of lags steps: set one of them to match, or "
            f"leave lags='auto' to take the regressor's timesteps"
        )
    return int(lags)


def explicit_timesteps(regressor):
    """Return the ``timesteps`` a user set on ``regressor``, or None when unset.

    A value equal to the class default counts as unset (the skltsm regressors' default
    before ``timesteps=None`` became their default); None is unset.
    """
    if regressor is None or "timesteps" not in regressor.get_params(deep=False):
        return None
    value = regressor.get_params(deep=False)["timesteps"]
    if value is None or value == class_default(regressor, "timesteps"):
        return None
    return int(value)


def class_default(estimator, name):
    """Return the default of ``name`` in the signature of ``type(estimator).__init__``."""
    import inspect

    parameter = inspect.signature(type(estimator).__init__).parameters.get(name)
    return None if parameter is None else parameter.default


def resolve(params, y, index):
    """Return the settings of a fit: explicit values as given, "auto" ones chosen from ``y``.

    Parameters
    ----------
    params : dict
        The forecaster's parameters.
    y : ndarray of shape (n,)
        The training series.
    index : pandas.Index
        Its time index (for the seasonal period).

    Returns
    -------
    settings : dict
        ``sp``, ``transform``, ``deseasonalize``, ``difference_lag`` (tuple),
        ``difference_order``, ``lags`` and ``scaler``.
    """
    sp = resolve_sp(params["sp"], index)
    transform = _transform(params["transform"], y, sp)
    levels = np.log(y) if transform == "log" else y
    if _differences_season(params, levels, sp):
        deseasonalize, order = False, 1
        first = _auto.choose_differences(levels[sp:] - levels[:-sp])
        lag = (sp, 1) if first else (sp,)
    else:
        deseasonalize = _deseasonalize(
            params["deseasonalize"], levels, sp, params["difference_lag"]
        )
        if deseasonalize:
            levels = levels - np.resize(_auto.seasonal_indices(levels, sp), len(levels))
        lag, order = _differencing(params["difference_lag"], params["difference_order"], levels)
    n_rows = len(y) - diff.n_undefined(lag, order)
    lags = _lags(params["lags"], params["regressor"], n_rows, sp)
    return {
        "sp": sp,
        "transform": transform,
        "deseasonalize": deseasonalize,
        "difference_lag": lag,
        "difference_order": order,
        "lags": lags,
        "scaler": params["scaler"],
    }


def smallest(params):
    """Return the settings of the shortest series "auto" could fit (for the length check)."""
    lag_auto = params["difference_lag"] == AUTO
    order = params["difference_order"]
    return {
        "lags": 1 if params["lags"] == AUTO else params["lags"],
        "difference_lag": (1,) if lag_auto else diff.as_lags(params["difference_lag"]),
        "difference_order": (0 if lag_auto else 1) if order == AUTO else order,
    }


def seasonal_indices(settings, y):
    """Return the seasonal indices of the transformed ``y`` (None without deseasonalising)."""
    if not settings["deseasonalize"]:
        return None
    levels = np.log(y) if settings["transform"] == "log" else y
    return _auto.seasonal_indices(levels, settings["sp"])


def is_int(value):
    """Return whether ``value`` is an int (not a bool)."""
    return isinstance(value, Integral) and not isinstance(value, bool)
