"""Intervals of one global network over a panel: split-conformal per horizon step, pooled.

Pure NumPy functions; ``_intervals.IntervalMixin`` calls them for a ``panel="global"``
fit (and a fit after ``pretrain``).

**Method.** The epoch choice of the global fit (``_fitting.choose_epochs``) already
forecasts every series' last ``n_val`` training steps from a network trained on the rest;
the chosen network is trained once more at ``ORIGINS - 1`` earlier origins (each series
cut ``o * n_val`` steps before its end, ``_fitting.origin_forecasts``; a panel of fewer
than ``MIN_SERIES`` series: ``SMALL_PANEL_ORIGINS``, ``n_val // 2`` apart, trained at
the first interval call, ``_global_origins``), since one
validation period alone carries the shocks of one calendar period that every series
shares. At the chosen epoch count those forecasts give, per row (a series at one origin)
``i`` and step ``k``, an error in the **modelling space** ``m`` of the series (the log of
a positive series, else the series over its mean absolute value: the global path's own
transform)::

    e_ik = m(y_ik) - m(f_ik),    z_ik = e_ik / s_i

with ``s_i`` the series' scale measured on the fit part of its origin only (``SCALE``:
the in-sample mean absolute error of the seasonal naive forecast in the modelling
space). The quantiles of ``z_.k`` pooled over the rows, per step, are the calibration
(:func:`table`);
the alpha-quantile forecast of series ``i`` at step ``k`` is
``m^-1(m(f_ik) + s_i * Q_k(alpha))``, with ``Q_k`` the signed split-conformal quantile
(``SIGNED``; the absolute one gives symmetric intervals). The upper offsets are made
non-decreasing (the lower non-increasing) along the steps: one series' errors do not
shrink with the lead time in expectation, and the monotone envelope removes the noise of
the per-step estimates.

**Fallbacks.** Fewer than ``MIN_SERIES`` finite errors at a step (a small panel): the
steps are pooled through a growth ``k ** beta`` fitted to the scaled errors
(``_calibration.fitted_growth``: ``z_ik / k ** beta``) before the quantile. Steps past
``n_val``: the last step's offsets times ``(k / n_val) ** beta`` (``sqrt`` after a large
panel's per-step quantiles). No validation tail at all (``validation_steps=0``, a user's
``regressor``, series too short): the one-step in-sample seasonal-naive errors of every
series, scaled, pooled, with the ``sqrt(k)`` growth (:func:`naive_calibration`), which is
crude and says so in ``method``.

**Assumptions.** The validation tails' scaled errors are exchangeable with those of the
test period, across series (a series' errors differ from another's only by its scale
``s_i``); the network trained on all the training data (and its ensemble) errs no more
than the one trained for the epoch choice; and no break in the noise at the cutoff.
"""

import numpy as np

from skltsm.forecasting import _calibration as cal

# Chosen on training tails of M3 and Tourism monthly (benchmarks/dev_global_intervals.py;
# table in docs/many-series.md): signed per-step quantiles of errors scaled by the
# in-sample seasonal-naive MAE of the modelling space, from 2 origins, covered
# 0.813 / 0.964 (MSIS 7.18) of M3's pseudo-test and 0.855 / 0.963 (15.55) of Tourism's
# (1 origin: 7.28 and 17.66); no scale, a lag-1 scale or steps pooled with sqrt(k)
# scored worse MSIS on both.
SIGNED = True
SCALE = "snaive"  # or "naive" (lag 1) or "none" (1 for every series)
SCALES = ("snaive", "naive", "none")
# Centre each step's scaled errors on their median: no better with 2 origins (dev table).
CENTER = False
# Validation origins of the calibration: the last tail and ORIGINS - 1 earlier ones.
ORIGINS = 2
# Origins of a panel of fewer than MIN_SERIES series (one series that took the global
# scheme), n_val // 2 steps apart: as many as the per-series intervals use
# (_intervals.N_ORIGINS), whose pooling over the steps the small panel shares.
SMALL_PANEL_ORIGINS = 5
# Finite errors needed at one step for its own quantiles; fewer: pooled over the steps.
MIN_SERIES = 50


def is_log(state):
    """Return whether a series' state models it on the log scale."""
    return state["transform"] == "log"


def model_space(state, values):
    """Return ``values`` in the modelling space of a series' ``state`` (log or / scale)."""
    values = np.asarray(values, dtype=np.float64)
    if is_log(state):
        return np.log(np.maximum(values, 1e-300))
    return values / state["scale"]


def from_model_space(state, values):
    """Invert :func:`model_space`."""
    values = np.asarray(values, dtype=np.float64)
    return np.exp(values) if is_log(state) else values * state["scale"]


def scale(m, sp, method=SCALE):
    """Return a series' scale from its modelled training values ``m`` (NaN if none).

    ``"snaive"``: mean ``|m_t - m_{t-sp}|`` (lag 1 without a season or when the series is
    no longer than ``sp``); ``"naive"``: the same with lag 1; ``"none"``: 1.

    Examples
    --------
    >>> scale(np.array([1.0, 2.0, 4.0, 7.0]), 2), scale(np.array([1.0, 2.0, 4.0]), 12)
    (4.0, 1.5)
    """
    if method == "none":
        return 1.0
    m = np.asarray(m, dtype=np.float64)
    lag = int(sp) if method == "snaive" and sp and len(m) > int(sp) else 1
    if len(m) <= lag:
        return float("nan")
    s = float(np.mean(np.abs(m[lag:] - m[:-lag])))
    return s if np.isfinite(s) and s > 0 else float("nan")


def validation_calibration(states, fit_parts, y_val, preds, sp):
    """Return the calibration from the validation-tail forecasts of the epoch choice.

    Parameters
    ----------
    states : list of dict
        The series' states (``_series``), fitted on each series' fit part.
    fit_parts : list of ndarray
        Each series without its validation tail.
    y_val, preds : ndarray of shape (n_series, n_val)
        The validation tails and their forecasts (original scale).
    sp : int or None
        Seasonal period.

    Returns
    -------
    calibration : dict
        ``errors`` (n_series, n_val) in the modelling space, ``scales`` {method: (n_series,)}
        of the fit parts, ``method``.
    """
    errors = np.stack(
        [
            model_space(t, y) - model_space(t, f)
            for t, y, f in zip(states, y_val, preds, strict=True)
        ]
    )
    scales = {
        name: np.array(
            [scale(model_space(t, v), sp, name) for t, v in zip(states, fit_parts, strict=True)]
        )
        for name in SCALES
    }
    log = np.array([is_log(t) for t in states], dtype=bool)
    return {"errors": errors, "scales": scales, "log": log, "method": "validation tails"}


def combine(calibrations):
    """Stack the calibrations of several origins (the last first) into one.

    Its rows are every origin's series; ``origins`` (1 for the last) tells them apart.

    Examples
    --------
    >>> c = {"errors": np.zeros((2, 3)), "scales": {"none": np.ones(2)}, "log": np.ones(2)}
    >>> both = combine([c, c])
    >>> both["errors"].shape, both["origins"].tolist(), both["method"]
    ((4, 3), [1, 1, 2, 2], 'validation tails, 2 origins')
    """
    first = calibrations[0]
    n_origins = len(calibrations)
    return {
        "errors": np.concatenate([c["errors"] for c in calibrations]),
        "scales": {
            k: np.concatenate([c["scales"][k] for c in calibrations]) for k in first["scales"]
        },
        "log": np.concatenate([c["log"] for c in calibrations]).astype(bool),
        "origins": np.concatenate(
            [np.full(len(c["errors"]), o) for o, c in enumerate(calibrations, start=1)]
        ),
        "method": "validation tails" + (f", {n_origins} origins" if n_origins > 1 else ""),
    }


def naive_calibration(states, values, sp):
    """Return the fallback calibration: in-sample one-step seasonal-naive errors, pooled.

    Used without a validation tail; its ``errors`` are a single step (so every step is
    pooled with the ``sqrt(k)`` growth).
    """
    rows, scales = [], {name: [] for name in SCALES}
    for t, v in zip(states, values, strict=True):
        m = model_space(t, v)
        lag = int(sp) if sp and len(m) > 2 * int(sp) else 1
        rows.append((m[lag:] - m[:-lag]) if len(m) > lag else np.array([np.nan]))
        for name in SCALES:
            scales[name].append(scale(m, sp, name))
    width = max(len(r) for r in rows)
    errors = np.full((len(rows) * width, 1), np.nan)
    for i, r in enumerate(rows):
        errors[i * width : i * width + len(r), 0] = r
    scales = {k: np.repeat(np.asarray(v, dtype=np.float64), width) for k, v in scales.items()}
    log = np.repeat([is_log(t) for t in states], width).astype(bool)
    return {"errors": errors, "scales": scales, "log": log, "method": "naive in-sample errors"}


def _conformal(z, alpha):
    """Signed split-conformal alpha-quantile of the finite ``z`` (rank with n + 1).

    A rank beyond the data (fewer than ``alpha / (1 - alpha)`` scores, e.g. 39 for the
    upper bound of a 95 % band) lies past the extreme score by :func:`_beyond`: clipped
    to the extreme, the 80 % and 95 % bands of a series with a dozen errors coincided.

    Examples
    --------
    >>> z = np.linspace(-1.0, 1.0, 12)
    >>> _conformal(z, 0.9), round(_conformal(z, 0.975), 3)
    (1.0, 1.751)
    >>> _conformal(z, 0.1), round(_conformal(z, 0.025), 3)
    (-1.0, -1.751)
    """
    z = np.sort(z[np.isfinite(z)])
    n = len(z)
    if alpha > 0.5:
        rank = int(np.ceil((n + 1) * alpha - 1e-9))
    else:
        rank = int(np.floor((n + 1) * alpha + 1e-9))
    if 1 <= rank <= n:
        return float(z[rank - 1])
    return _beyond(z, alpha)


def _beyond(z, alpha):
    """Return a quantile past the extreme of the sorted ``z`` for a level it cannot reach.

    The extreme stands for level ``n / (n + 1)`` (``1 / (n + 1)`` below); the quantile lies
    past it by the gap between the two levels' quantiles of a Student t fitted to ``z``
    (``_calibration.TAIL_DOF`` degrees of freedom, its scale from the median absolute
    deviation, the t of the per-series path's robust widths).
    """
    from scipy.stats import t

    n = len(z)
    dof = cal.TAIL_DOF
    spread = float(np.median(np.abs(z - np.median(z)))) / t.ppf(0.75, dof)
    if alpha > 0.5:
        return float(z[-1] + (t.ppf(alpha, dof) - t.ppf(n / (n + 1), dof)) * spread)
    return float(z[0] - (t.ppf(1 / (n + 1), dof) - t.ppf(alpha, dof)) * spread)


def _offset(z, alpha, signed):
    if alpha == 0.5:
        return 0.0
    if signed:
        return _conformal(z, alpha)
    return np.sign(alpha - 0.5) * _conformal(np.abs(z), abs(2 * alpha - 1))


def table(
    calibration,
    alphas,
    n_steps,
    method=SCALE,
    signed=SIGNED,
    min_series=MIN_SERIES,
    log=None,
    center=CENTER,
    beta=None,
):
    """Return ``{alpha: offsets (n_steps,)}`` in scaled units, monotone along the steps.

    ``log`` True/False: only the errors of the series modelled on the log scale (or not),
    when at least ``min_series`` of them exist (else all): the relative errors of positive
    series and the scaled errors of series with zeros are different populations (Tourism
    monthly: pooled, the 95 % bands covered 0.988 of the first and 0.913 of the second on
    training tails; apart 0.966 and 0.991, MSIS 43.5 -> 17.2).

    Examples
    --------
    >>> z = np.tile(np.linspace(-1, 1, 101)[:, None], (1, 2)) * [1.0, 2.0]
    >>> c = {"errors": z, "scales": {"none": np.ones(101)}}
    >>> t = table(c, [0.1, 0.9], 3, method="none")
    >>> t[0.9].round(2).tolist(), t[0.1].round(2).tolist()  # ranks 92 and 10 of 101
    ([0.82, 1.64, 2.01], [-0.82, -1.64, -2.01])
    """
    rows = np.ones(len(calibration["errors"]), dtype=bool)
    if log is not None and "log" in calibration:
        same = calibration["log"] == bool(log)
        rows = same if same.sum() >= min_series else rows
    s = calibration["scales"][method][rows]
    floor = np.nanmedian(s) if np.isfinite(s).any() else 1.0
    s = np.where(np.isfinite(s), s, floor)
    z = calibration["errors"][rows] / s[:, None]
    n_val = z.shape[1]
    per_step = np.isfinite(z).sum(axis=0).min() >= min_series
    if center and np.isfinite(z).any():
        # The validation network's bias at a step is not the final network's: that one
        # is trained on the validation tail too (see CENTER).
        finite = np.isfinite(z).any(axis=0)
        z[:, finite] = z[:, finite] - np.nanmedian(z[:, finite], axis=0)
    if beta is None:  # fitted to a small panel's errors; sqrt(k) past a large one's steps
        beta = cal.GROWTH if per_step else cal.fitted_growth(z)
    k = np.arange(1, n_val + 1)
    pooled = None if per_step else (z / k**beta).ravel()
    out = {}
    for alpha in alphas:
        if per_step:
            q = np.array([_offset(z[:, j], alpha, signed) for j in range(n_val)])
        else:
            q = _offset(pooled, alpha, signed) * k**beta
        q = np.maximum.accumulate(q) if alpha > 0.5 else np.minimum.accumulate(q)
        steps = np.arange(1, int(n_steps) + 1)
        out[alpha] = np.concatenate([q, q[-1] * (steps[n_val:] / n_val) ** beta])[: int(n_steps)]
    return out


def quantile_forecasts(states, values, points, steps, offsets, sp, method=SCALE):
    """Return ``{alpha: (n_series, len(steps))}`` quantile forecasts on the original scale.

    ``offsets``: ``{log: {alpha: offsets}}`` for ``log`` True and False (:func:`table`'s);
    ``points`` (n_series, len(steps)) are the point forecasts at the 1-based ``steps``;
    each series' scale is measured on its ``values`` seen so far (after ``update`` too).
    The half-width is capped at the range of the modelled values seen (a guard for a
    small panel, as on the per-series path).
    """
    steps = np.asarray(steps, dtype=int)
    s = np.array(
        [scale(model_space(t, v), sp, method) for t, v in zip(states, values, strict=True)]
    )
    floor = np.nanmedian(s) if np.isfinite(s).any() else 1.0
    s = np.where(np.isfinite(s), s, floor)
    cap = np.array([np.ptp(model_space(t, v)) for t, v in zip(states, values, strict=True)])
    out = {}
    for alpha in offsets[True]:
        rows = []
        for i, t in enumerate(states):
            q = offsets[is_log(t)][alpha]
            shift = np.clip(s[i] * q[steps - 1], -cap[i], cap[i])
            rows.append(from_model_space(t, model_space(t, points[i]) + shift))
        out[alpha] = np.stack(rows)
    return out
