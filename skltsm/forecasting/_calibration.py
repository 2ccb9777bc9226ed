"""Conformal interval widths from forecast errors: pure NumPy functions over arrays.

The errors are those of h-step forecasts made from a few origins inside the training
series (``_intervals.rolling_origin_errors``), measured in the **modelling space**: the
log of the series when the forecaster took the log, else the series itself. An interval
is symmetric there, ``T^-1(T(f) -+ w_h)``, so it is relative (asymmetric) on the original
scale of a log-transformed series.

A handful of origins gives too few errors per step for a 95 % quantile, so the steps are
pooled through a growth model: with ``g(h) = h ** beta`` every error becomes a score
``|e_{k,h}| / g(h)``, the conformal quantile ``q_c`` of all scores is taken with the
``(n + 1)`` correction, and the width at step ``h`` is ``q_c * g(h)``. ``beta`` is the
calibration's own (:func:`fitted_growth`): the slope of the log mean absolute error per
step on ``log h``, in ``[0.1, 1]``; a random walk's errors give about 0.5 (``GROWTH``, the
fallback), a seasonal series whose errors hardly grow the floor 0.1. Scores divided by a
series' scale (``scale``) are comparable across series, so a panel can pool them before
taking the quantile.

Assumptions: the scores of the training origins are exchangeable with those of the
future (no break in the noise level at the cutoff), the errors grow like ``h ** beta``
and the error of the final (ensemble) model is no larger than that of the single refits.
"""

import numpy as np

# Growth exponent of the widths with the horizon where the errors cannot tell it (fewer
# than MIN_GROWTH_STEPS steps with errors): sqrt(h), as a random walk's errors. Otherwise
# each calibration fits its own (fitted_growth), within GROWTH_RANGE: widths that grow
# with the horizon, at least like h ** 0.1. On the training tails of 100 M3 and 100
# Tourism monthly series (benchmarks/dev_interval_growth.py, docs/forecaster-guide.md),
# for both of one series' calibrations, that lowered MSIS from 27.11 to 21.32 (M3) and
# from 21.97 to 16.01 (Tourism) against sqrt(h), and beat every fixed exponent tried.
GROWTH = 0.5
MIN_GROWTH_STEPS = 3
GROWTH_RANGE = (0.1, 1.0)
# Tail of the scores relative to their median: ``q_c = INFLATION * median * t(c) / t(0.5)``
# with ``t(c)`` the central-c quantile of |Student t| with TAIL_DOF degrees of freedom.
# Chosen on validation tails of M3 and Tourism monthly training parts
# (benchmarks/dev_intervals.py; docs/forecaster-guide.md, "Prediction intervals").
TAIL_DOF = 4.0
INFLATION = 1.0
# z of the central 80 % normal interval: predict_var reads the variance from that width.
Z80 = 1.2815515655446004


def to_model_space(values, transform):
    """Return ``values`` in the modelling space: the log for ``transform="log"``."""
    values = np.asarray(values, dtype=np.float64)
    return np.log(values) if transform == "log" else values


def from_model_space(values, transform):
    """Invert :func:`to_model_space`."""
    values = np.asarray(values, dtype=np.float64)
    return np.exp(values) if transform == "log" else values


# A coverage whose conformal rank lies past the scores: beyond the largest score by a
# fitted |t| tail (True), or the largest score itself (False, the rule until 2026-12-07).
BEYOND = True


def conformal_quantile(scores, coverage, beyond=None):
    """Return the split-conformal quantile of the absolute ``scores`` at ``coverage``.

    The ``ceil((n + 1) * coverage)``-th smallest score. When that rank exceeds ``n`` (too
    few scores for the coverage: fewer than 19 at 95 %, 99 at 99 %) the quantile lies past
    the largest score by :func:`beyond_largest` (``beyond`` None: ``BEYOND``), else it is
    the largest score.

    Examples
    --------
    >>> conformal_quantile(np.arange(1.0, 20.0), 0.8)
    16.0
    >>> conformal_quantile([1.0, 2.0, 3.0], 0.95, beyond=False)
    3.0
    >>> conformal_quantile([1.0, 2.0, 3.0], 0.95) > 3.0
    True
    """
    scores = np.sort(np.asarray(scores, dtype=np.float64).ravel())
    scores = scores[np.isfinite(scores)]
    if not len(scores):
        raise ValueError("conformal_quantile: no finite scores to calibrate on")
    rank = int(np.ceil((len(scores) + 1) * float(coverage) - 1e-9))
    if rank > len(scores) and (BEYOND if beyond is None else beyond):
        return beyond_largest(scores, coverage)
    return float(scores[min(max(rank, 1), len(scores)) - 1])


def beyond_largest(scores, coverage, dof=TAIL_DOF):
    """Return a quantile of the sorted absolute ``scores`` past their largest.

    The largest of ``n`` scores stands for coverage ``n / (n + 1)``; the quantile lies
    past it by the gap between the two coverages' quantiles of ``|t_dof|`` scaled to the
    scores' median (the t of :func:`robust_quantile` and of the global path's
    ``_global_intervals._beyond``).

    Examples
    --------
    >>> s = np.arange(1.0, 10.0)  # n = 9: the largest stands for coverage 0.9
    >>> round(beyond_largest(s, 0.9), 6), beyond_largest(s, 0.99) > beyond_largest(s, 0.95)
    (9.0, True)
    """
    from scipy.stats import t

    n = len(scores)
    spread = float(np.median(scores)) / t.ppf(0.75, dof)
    gap = t.ppf((1 + float(coverage)) / 2, dof) - t.ppf((1 + n / (n + 1)) / 2, dof)
    return float(scores[-1] + max(gap, 0.0) * spread)


def robust_quantile(scores, coverage, dof=TAIL_DOF, inflation=INFLATION):
    """Return the score quantile at ``coverage`` from the median and a Student-t tail.

    ``inflation * median(scores) * T(coverage) / T(0.5)`` with ``T(c)`` the central-c
    quantile of ``|t_dof|``. A single wild score (one origin's diverging refit) moves the
    median little, unlike the largest score that the conformal rank picks at 95 % when
    there are fewer than 19 scores.

    Examples
    --------
    >>> round(robust_quantile([1.0, 1.0, 1.0], 0.5), 6)
    1.0
    >>> robust_quantile([1.0], 0.95) > robust_quantile([1.0], 0.8) > 1.0
    True
    """
    from scipy.stats import t

    scores = np.asarray(scores, dtype=np.float64).ravel()
    scores = scores[np.isfinite(scores)]
    if not len(scores):
        raise ValueError("robust_quantile: no finite scores to calibrate on")
    ratio = t.ppf((1 + float(coverage)) / 2, dof) / t.ppf(0.75, dof)
    return float(inflation * np.median(scores) * ratio)


def quantile(scores, coverage, method="conformal"):
    """Return the score quantile by ``method``: "robust" or "conformal"."""
    if method == "conformal":
        return conformal_quantile(scores, coverage)
    return robust_quantile(scores, coverage)


def fitted_growth(errors):
    """Return the growth exponent of an error matrix: its log-log slope, in GROWTH_RANGE.

    The least-squares slope of ``log mean_k |e_{k,h}|`` (the mean over the rows: origins,
    or series at origins) on ``log h``, clipped to ``GROWTH_RANGE``; ``GROWTH`` with fewer than
    ``MIN_GROWTH_STEPS`` steps holding a positive mean.

    Examples
    --------
    >>> h = np.arange(1.0, 13.0)
    >>> round(fitted_growth(np.vstack([h**0.3, -(h**0.3)])), 6)
    0.3
    >>> fitted_growth(np.ones((5, 1)))  # one step: no slope to fit
    0.5
    """
    errors = np.abs(np.asarray(errors, dtype=np.float64))
    finite = np.isfinite(errors)
    counts = finite.sum(axis=0)
    mean = np.where(finite, errors, 0.0).sum(axis=0) / np.maximum(counts, 1)
    keep = (counts > 0) & (mean > 0)
    if keep.sum() < MIN_GROWTH_STEPS:
        return GROWTH
    steps = np.arange(1, errors.shape[1] + 1)[keep]
    slope = np.polyfit(np.log(steps), np.log(mean[keep]), 1)[0]
    return float(np.clip(slope, *GROWTH_RANGE))


def growth(steps, beta=GROWTH):
    """Return the growth model ``g(h) = h ** beta`` at the horizon steps ``steps``."""
    return np.asarray(steps, dtype=np.float64) ** float(beta)


def scores(errors, scale=1.0, beta=GROWTH):
    """Return the pooled scores ``|e_{k,h}| / (scale * g(h))`` of an error matrix.

    Parameters
    ----------
    errors : array-like of shape (n_origins, n_steps)
        Forecast errors from each origin at steps ``1..n_steps``; NaN where an origin's
        forecast ran past the data.
    scale : float, default=1.0
        The series' scale; divide by it to pool scores across series.
    beta : float, default=GROWTH
        Growth exponent.

    Returns
    -------
    scores : ndarray of shape (n_finite,)

    Examples
    --------
    >>> scores([[1.0, -2.0], [np.nan, 4.0]], beta=0.5).round(3).tolist()
    [1.0, 1.414, 2.828]
    """
    errors = np.asarray(errors, dtype=np.float64)
    if errors.ndim != 2:
        raise ValueError(f"scores: errors must be (n_origins, n_steps); got {errors.shape}")
    s = np.abs(errors) / (float(scale) * growth(np.arange(1, errors.shape[1] + 1), beta))
    return s[np.isfinite(s)]


def widths(pooled, n_steps, coverages, scale=1.0, beta=GROWTH, method="conformal"):
    """Return ``{coverage: half-widths of shape (n_steps,)}`` in the modelling space.

    Examples
    --------
    >>> w = widths(np.arange(1.0, 20.0), 4, [0.8], method="conformal")
    >>> w[0.8].round(2).tolist()
    [16.0, 22.63, 27.71, 32.0]
    """
    g = float(scale) * growth(np.arange(1, int(n_steps) + 1), beta)
    return {c: quantile(pooled, c, method) * g for c in coverages}


def naive_errors(levels, sp=None):
    """Return in-sample errors of the (seasonal) naive forecast as a one-step matrix.

    The fallback of a series too short for a refit at any origin: the one-step errors
    ``T(y)_t - T(y)_{t-sp}`` (``sp`` 1 without a season or when too short), shape (n, 1).
    """
    levels = np.asarray(levels, dtype=np.float64)
    lag = int(sp) if sp and len(levels) > 2 * int(sp) else 1
    return (levels[lag:] - levels[:-lag]).reshape(-1, 1)


def bounds(point, half_widths, transform, cap=None):
    """Return ``(lower, upper)`` of ``point`` on the original scale.

    ``cap``: the largest half-width in the modelling space (the forecaster passes the
    range of the modelled training values), a guard against one diverging refit's error
    blowing a log-scale interval up by ``exp(w)``.
    """
    if cap is not None:
        half_widths = np.minimum(half_widths, cap)
    centre = to_model_space(point, transform)
    return (
        from_model_space(centre - half_widths, transform),
        from_model_space(centre + half_widths, transform),
    )


def quantile_bounds(
    point, pooled, alphas, steps, transform=None, method="conformal", cap=None, beta=GROWTH
):
    """Return ``{alpha: values at steps}``: the alpha quantiles of the forecast.

    Quantile ``alpha < 0.5`` is the lower bound of the central ``1 - 2 alpha`` interval,
    ``alpha > 0.5`` the upper bound of the ``2 alpha - 1`` one, 0.5 the point forecast;
    ``beta`` is the growth the ``pooled`` scores were divided by.
    """
    steps = np.asarray(steps)
    g = growth(steps, beta)
    centre = to_model_space(point, transform)
    out = {}
    for alpha in alphas:
        if alpha == 0.5:
            out[alpha] = np.asarray(point, dtype=np.float64)
            continue
        q = quantile(pooled, abs(2 * alpha - 1), method) * g
        q = q if cap is None else np.minimum(q, cap)
        out[alpha] = from_model_space(centre + np.sign(alpha - 0.5) * q, transform)
    return out
