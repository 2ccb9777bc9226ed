"""Forecast accuracy metrics of the forecasting competitions, in plain NumPy.

Every function scores **one series**: ``y`` and the forecasts are arrays of the horizon's
length (``y_train`` the series' training part); averaging over series is the caller's
(``np.mean`` of the per-series scores, as the M3 and M4 competitions do). Formulas, with
``h`` the horizon and ``t = 1..h``:

* sMAPE (M3, in %): ``mean_t 200 |y_t - f_t| / (|y_t| + |f_t|)``; a term with
  ``y_t = f_t = 0`` counts 0.
* MAPE (in %): ``mean_t 100 |y_t - f_t| / |y_t|`` over the steps with ``y_t != 0``
  (NaN when every ``y_t`` is 0).
* MASE: ``mean_t |y_t - f_t| / s`` with ``s`` the in-sample mean absolute error of the
  seasonal naive forecast, ``s = mean_i |x_i - x_{i-sp}|`` over the training part; ``sp``
  falls back to 1 when the training part has at most ``sp`` points. NaN when ``s = 0``.
* MSIS (M4, ``alpha = 0.05`` for 95 % intervals): ``mean_t [(U_t - L_t)
  + (2/alpha)(L_t - y_t)[y_t < L_t] + (2/alpha)(y_t - U_t)[y_t > U_t]] / s``.
* Coverage: per horizon step, whether ``L_t <= y_t <= U_t``; averaged over series by
  :func:`coverage_by_step`.
"""

import numpy as np

__all__ = [
    "coverage",
    "coverage_by_step",
    "mape",
    "mase",
    "msis",
    "seasonal_naive_scale",
    "smape",
]


def _pair(y, f):
    y, f = np.asarray(y, dtype=float), np.asarray(f, dtype=float)
    if y.shape != f.shape or y.ndim != 1:
        raise ValueError(f"expected two 1-d arrays of one shape; got {y.shape} and {f.shape}")
    return y, f


def smape(y, f):
    """Symmetric MAPE of the M3 competition, in percent.

    >>> smape([100.0, 200.0], [110.0, 200.0])
    4.761904761904762
    """
    y, f = _pair(y, f)
    denom = np.abs(y) + np.abs(f)
    terms = np.divide(200.0 * np.abs(y - f), denom, out=np.zeros_like(y), where=denom > 0)
    return float(np.mean(terms))


def mape(y, f):
    """Mean absolute percentage error in percent, over the steps with a nonzero actual.

    >>> mape([100.0, 0.0, 50.0], [110.0, 3.0, 40.0])
    15.0
    """
    y, f = _pair(y, f)
    keep = y != 0
    if not keep.any():
        return float("nan")
    return float(np.mean(100.0 * np.abs(y[keep] - f[keep]) / np.abs(y[keep])))


def seasonal_naive_scale(y_train, sp):
    """In-sample mean absolute error of the seasonal naive forecast (sp=1 if too short).

    >>> seasonal_naive_scale([1.0, 2.0, 4.0, 7.0], sp=2)
    4.0
    >>> seasonal_naive_scale([1.0, 2.0, 4.0], sp=12)  # too short: sp=1
    1.5
    """
    x = np.asarray(y_train, dtype=float)
    if x.ndim != 1 or len(x) < 2:
        raise ValueError(f"y_train must be 1-d with at least 2 points; got shape {x.shape}")
    lag = int(sp) if len(x) > int(sp) else 1
    return float(np.mean(np.abs(x[lag:] - x[:-lag])))


def mase(y, f, y_train, sp):
    """Mean absolute scaled error: MAE over the in-sample seasonal-naive MAE.

    >>> mase([10.0, 12.0], [11.0, 11.0], y_train=[1.0, 2.0, 4.0, 7.0], sp=2)
    0.25
    """
    y, f = _pair(y, f)
    scale = seasonal_naive_scale(y_train, sp)
    return float(np.mean(np.abs(y - f)) / scale) if scale > 0 else float("nan")


def msis(y, lower, upper, y_train, sp, alpha=0.05):
    """Mean scaled interval score of the M4 competition (alpha=0.05: 95 % intervals).

    >>> msis([5.0, 9.0], [4.0, 4.0], [6.0, 6.0], y_train=[0.0, 1.0, 2.0], sp=1)
    62.0
    """
    y, lower = _pair(y, lower)
    _, upper = _pair(y, upper)
    below = np.where(y < lower, lower - y, 0.0)
    above = np.where(y > upper, y - upper, 0.0)
    score = np.mean((upper - lower) + (2.0 / alpha) * (below + above))
    scale = seasonal_naive_scale(y_train, sp)
    return float(score / scale) if scale > 0 else float("nan")


def coverage(y, lower, upper):
    """Per horizon step, 1.0 where ``lower <= y <= upper`` else 0.0.

    >>> coverage([1.0, 5.0, 3.0], [0.0, 0.0, 3.0], [2.0, 4.0, 3.0]).tolist()
    [1.0, 0.0, 1.0]
    """
    y, lower = _pair(y, lower)
    _, upper = _pair(y, upper)
    return ((lower <= y) & (y <= upper)).astype(float)


def coverage_by_step(y, lower, upper):
    """Empirical coverage per horizon step over series: arrays of shape (n_series, h).

    >>> coverage_by_step([[1.0, 5.0], [1.0, 1.0]], [[0.0, 0.0], [0.0, 0.0]],
    ...                  [[2.0, 2.0], [2.0, 2.0]]).tolist()
    [1.0, 0.5]
    """
    y, lower, upper = (np.asarray(a, dtype=float) for a in (y, lower, upper))
    if not (y.shape == lower.shape == upper.shape) or y.ndim != 2:
        raise ValueError(
            f"expected three (n_series, h) arrays; got {y.shape}, {lower.shape}, {upper.shape}"
        )
    return ((lower <= y) & (y <= upper)).mean(axis=0)
