"""Prediction intervals of ``LSTMForecaster``: rolling-origin conformal calibration.

**Method.** On the first ``predict_interval``/``predict_quantiles``/``predict_var`` call
(never in ``fit``, so fitting costs nothing more), :func:`rolling_origin_errors` cuts the
series seen so far at ``N_ORIGINS`` origins before its end (spaced so the last origin
leaves ``n_cal`` steps), refits the transforms and **one** network with the settings and
epochs the fit already chose, and forecasts from each origin up to its end. The errors, in
the modelling space (log or raw), feed the pure functions of ``_calibration``: scores
pooled over the steps through a growth ``h ** beta`` fitted to the errors
(``_calibration.fitted_growth``), a conformal quantile per coverage, widths
``q_c * h ** beta``. The median forecast is the centre. A series too short for any refit
falls back to the in-sample errors of the seasonal naive forecast. The calibration is kept
until the next ``fit`` (in ``_CACHE``, not in the forecaster: a copy, a pickle or a saved
model recomputes it, identically with an int ``random_state``); ``update`` moves the
centre, not the widths. A ``panel="local"`` fit asks each series' forecaster; a global fit
(``panel="global"``, or after ``pretrain``) uses the calibration made in ``fit`` by
``_global_intervals`` (per-step split-conformal quantiles pooled over series). A combined
fit of one series (``_combined``) pools the two schemes' distributions (the quantiles of
their equal mixture, ``_combined.linear_pool``).
"""

import weakref

import numpy as np
import pandas as pd

from skltsm.forecasting import _calibration as cal
from skltsm.forecasting import _combined as combined
from skltsm.forecasting import _fitting as fitting
from skltsm.forecasting import _global_origins as global_origins
from skltsm.forecasting import _panel as pn
from skltsm.forecasting import _regressor as reg
from skltsm.forecasting import _series as series
from skltsm.forecasting import _settings as settings_mod

# Origins refitted for the calibration (one network each, in the first interval call),
# and their spacing as a share of the calibrated steps (0.5: origins every h/2 steps, the
# earliest 5h/2 before the end). With QUANTILE and the cap, chosen on training tails of
# M3 and Tourism monthly (benchmarks/dev_intervals.py, docs/forecaster-guide.md).
N_ORIGINS = 5
SPACING = 0.5
# How the pooled scores give a width: "conformal" (the (n + 1)-rank quantile) or
# "robust" (median and a Student-t tail).
QUANTILE = "conformal"
# The calibration of each fit, outside the forecaster: sktime requires that predict-like
# methods leave ``__dict__`` unchanged, and ``skltsm.save`` stores ``__dict__``. Keyed by
# ``id(forecaster)``: (weak reference to it, the fit's series state, calibration); the
# state is held so a refit (a new state) is recognised; the entry dies with the forecaster.
_CACHE = {}


def origins(n_obs, n_cal, n_origins, shortest, spacing=None):
    """Return origins ``o_k`` (training lengths), latest first, each at least ``shortest``.

    Spaced by ``ceil(spacing * n_cal)`` steps back from the end (``spacing`` None:
    ``SPACING``); the latest origin is one spacing before the end.

    Examples
    --------
    >>> origins(100, 18, 3, 30, spacing=1 / 3), origins(40, 18, 3, 30, spacing=1 / 3)
    ([94, 88, 82], [34])
    >>> origins(100, 18, 3, 30, spacing=1.0)
    [82, 64, 46]
    """
    spacing = SPACING if spacing is None else spacing
    stride = max(1, int(np.ceil(spacing * int(n_cal) - 1e-9)))
    return [o for o in (n_obs - k * stride for k in range(1, n_origins + 1)) if o >= shortest]


def rolling_origin_errors(y, X, settings, template, seeds, horizon, n_cal):
    """Return the (n_origins, n_cal) errors in the modelling space, NaN past the data.

    Parameters
    ----------
    y : ndarray of shape (n,)
        The series seen so far (training values only).
    X : ndarray of shape (n, k) or None
        Its exogenous values.
    settings : dict
        The fit's settings (``FittedStateMixin._settings()``).
    template : regressor
        The regressor to clone (the default one with the chosen epochs, or the user's).
    seeds : list
        One seed per origin; ``len(seeds)`` origins at most.
    horizon : int
        1 for the recursive strategy, else the direct strategy's width.
    n_cal : int
        Steps calibrated (the direct strategy calibrates at most ``horizon``).
    """
    shortest = series.minimum_length(settings, horizon) + 3 * settings["lags"]
    if settings["deseasonalize"] and settings["sp"]:
        # each origin refits the seasonal indices: every phase needs a detrended value
        shortest = max(shortest, 2 * settings["sp"])
    errors = []
    for o, seed in zip(origins(len(y), n_cal, len(seeds), shortest), seeds, strict=False):
        state = series.fit(
            y[:o],
            None if X is None else X[:o],
            settings,
            settings_mod.seasonal_indices(settings, y[:o]),
        )
        windows, targets = pn.training_rows([state], horizon)
        (member,) = fitting.fit_members(
            template, [seed], settings["lags"], horizon > 1, windows, targets
        )
        n_ahead = min(n_cal, len(y) - o)
        x_future = None
        if X is not None:
            x_future = series._scale(state["exog_scaler"], X[o : o + n_ahead], flat=False)
        lstm = fitting.start_states([member], [state], horizon)
        f = fitting.forecast([member], lstm, [state], [x_future], n_ahead, horizon > 1)[0]
        row = np.full(n_cal, np.nan)
        transform = settings["transform"]
        row[:n_ahead] = cal.to_model_space(y[o : o + n_ahead], transform) - cal.to_model_space(
            np.maximum(f, 1e-300) if transform == "log" else f, transform
        )
        errors.append(row)
    return np.vstack(errors) if errors else np.empty((0, n_cal))


def calibration_length(n_steps, sp, strategy_horizon):
    """Return the steps to calibrate: the forecast's, at least one season (6 without)."""
    n_cal = max(int(n_steps), sp or 6)
    return min(n_cal, strategy_horizon) if strategy_horizon > 1 else n_cal


class IntervalMixin:
    """sktime's probabilistic predictions for ``LSTMForecaster`` (see the module doc).

    Adds ``_predict_interval``, ``_predict_quantiles`` and ``_predict_var``; the first of
    them computes the calibration (``calibration_``) and keeps it until the next fit.
    """

    def _calibrate(self, n_steps):
        entry = _CACHE.get(id(self))
        if entry is not None and entry[0]() is self and entry[1] is self._states[0]:
            return entry[2]
        state, y = self._states[0], self._values[0]
        X = state["x"]
        if X is not None and state["exog_scaler"] is not None:
            X = state["exog_scaler"].inverse_transform(X)
        template = self.regressor
        if template is None:
            template = reg.default_lstm(self.lags_, self.epochs_)
        n_cal = calibration_length(n_steps, self.sp_, self.horizon_)
        seeds = reg.member_seeds(self.random_state, N_ORIGINS)
        errors = rolling_origin_errors(
            y, X, self._settings(), template, seeds, self.horizon_, n_cal
        )
        method = "rolling origins"
        if not np.isfinite(errors).any():
            levels = cal.to_model_space(y, self.transform_)
            errors, method = cal.naive_errors(levels, self.sp_), "naive in-sample errors"
        beta = cal.fitted_growth(errors)
        calibration = {
            "errors": errors,
            "growth": beta,
            "scores": cal.scores(errors, beta=beta),
            "method": method,
            "quantile": QUANTILE,
        }
        key = id(self)
        ref = weakref.ref(self, lambda _, key=key: _CACHE.pop(key, None))
        _CACHE[key] = (ref, self._states[0], calibration)
        return calibration

    @property
    def calibration_(self):
        """The interval calibration, a dict.

        One series: ``errors`` (origins x steps), ``growth`` (the fitted exponent of the
        widths' growth ``h ** growth``), ``scores`` and ``method``, computed by the first
        interval call after ``fit``, None before; a combined fit's also holds its global
        part's under ``"global_part"``. A panel's global network: made in ``fit``
        (``_global_intervals``; one series' global scheme: by the first interval call or
        this property, ``_global_origins``).
        """
        self.check_is_fitted()
        if getattr(self, "_mode", "series") == "global":
            return global_origins.resolve(combined.take_part(self))
        entry = _CACHE.get(id(self))
        if entry is None or entry[0]() is not self or entry[1] is not self._states[0]:
            return None
        if (part := self._global_part()) is None:
            return entry[2]
        return {**entry[2], "global_part": global_origins.resolve(part)}

    def _cap(self):
        """Return the widest half-width: the range of the modelled values seen."""
        return float(np.ptp(cal.to_model_space(self._values[0], self.transform_)))

    def _per_series(self, method, fh, X, **kwargs):
        """Return the per-series forecasters' ``method`` for a panel='local' fit, else None."""
        mode = getattr(self, "_mode", "series")
        return self._predict_local(fh, X, method, **kwargs) if mode == "local" else None

    def _global_quantiles(self, fh, X, alphas):
        """Return (point, {alpha: flat values}) of a global fit or a combined one.

        A global fit: ``_global_intervals``' quantiles. A combined fit: the linear pool
        of its series scheme's rolling-origin quantiles and its global part's
        (``_combined.linear_pool``).
        """
        steps, forecasts = self._part_forecasts(fh, X)
        steps = steps.astype(int)
        mean = combined.mean(forecasts)
        point = self._framed(fh, steps, mean)
        if (part := self._global_part()) is None:
            values = combined.quantiles(combined.take_part(self), forecasts[0], steps, alphas)
            return point, {a: v.ravel() for a, v in values.items()}
        grid = sorted(set(combined.POOL_GRID) | {float(a) for a in alphas})
        own = self._series_quantiles(forecasts[0][0], grid, steps)
        other = {a: v[0] for a, v in combined.quantiles(part, forecasts[1], steps, grid).items()}
        pool = combined.linear_pool(own, other, [float(a) for a in alphas], mean[0])
        return point, {a: pool[float(a)] for a in alphas}

    def _series_quantiles(self, point, alphas, steps):
        """Return the rolling-origin quantiles ``{alpha: values at steps}`` around ``point``.

        ``point``: the series scheme's forecast at the 1-based ``steps``.
        """
        calibration = self._calibrate(int(np.max(steps)))
        return cal.quantile_bounds(
            point,
            calibration["scores"],
            alphas,
            steps,
            transform=self.transform_,
            method=QUANTILE,
            cap=self._cap(),
            beta=calibration["growth"],
        )

    def _quantile_form(self):
        """Whether intervals come from quantiles (a global or combined fit), not widths."""
        return self._mode == "global" or self._global_part() is not None

    def _point_and_steps(self, fh, X):
        point = self._predict(fh, X)
        steps = fh.to_relative(self.cutoff).to_numpy().astype(int)
        return point, steps

    def _predict_interval(self, fh, X, coverage):
        local = self._per_series("predict_interval", fh, X, coverage=coverage)
        if local is not None:
            return local
        if self._quantile_form():
            alphas = [a for c in coverage for a in ((1 - c) / 2, (1 + c) / 2)]
            point, values = self._global_quantiles(fh, X, alphas)
            columns = [values[a] for a in alphas]
        else:
            point, steps = self._point_and_steps(fh, X)
            calibration = self._calibrate(int(steps.max()))
            half = cal.widths(
                calibration["scores"],
                steps.max(),
                coverage,
                beta=calibration["growth"],
                method=QUANTILE,
            )
            columns = []
            for c in coverage:
                columns.extend(
                    cal.bounds(point.to_numpy(), half[c][steps - 1], self.transform_, self._cap())
                )
        names = self._get_columns(method="predict_interval", coverage=coverage)
        return pd.DataFrame(np.column_stack(columns), index=point.index, columns=names)

    def _predict_quantiles(self, fh, X, alpha):
        local = self._per_series("predict_quantiles", fh, X, alpha=alpha)
        if local is not None:
            return local
        if self._quantile_form():
            point, values = self._global_quantiles(fh, X, list(alpha))
            names = self._get_columns(method="predict_quantiles", alpha=alpha)
            data = np.column_stack([values[a] for a in alpha])
            return pd.DataFrame(data, index=point.index, columns=names)
        point, steps = self._point_and_steps(fh, X)
        values = self._series_quantiles(point.to_numpy(), alpha, steps)
        names = self._get_columns(method="predict_quantiles", alpha=alpha)
        data = np.column_stack([values[a] for a in alpha])
        return pd.DataFrame(data, index=point.index, columns=names)

    def _predict_var(self, fh, X=None, cov=False):
        if cov:
            raise NotImplementedError("LSTMForecaster: predict_var(cov=True) is not supported")
        local = self._per_series("predict_var", fh, X)
        if local is not None:
            return local
        frame = self._predict_interval(fh, X, [0.8])
        lower, upper = frame.iloc[:, 0].to_numpy(), frame.iloc[:, 1].to_numpy()
        sd = (upper - lower) / (2 * cal.Z80)
        names = self._get_columns(method="predict_var")
        return pd.DataFrame(sd[:, None] ** 2, index=frame.index, columns=names)


def walk_forward_intervals(forecaster, y_train, y_test, coverage=(0.8, 0.95), X=None):
    """Return one-step intervals over ``y_test`` by the walk-forward protocol.

    A clone of ``forecaster`` is fitted on ``y_train``; for each test step its
    ``predict_interval(fh=1)`` is recorded, then it is updated (``update_params=False``)
    with the true value. The calibration is computed once, from the training series.

    Returns
    -------
    intervals : pandas.DataFrame
        sktime's interval frame (variable, coverage, lower/upper) with ``y_test``'s index.
    """
    from skltsm.forecasting._walk_forward import walk_forward_forecast

    coverage = [coverage] if np.isscalar(coverage) else list(coverage)
    return walk_forward_forecast(forecaster, y_train, y_test, X=X, coverage=coverage)[1]
