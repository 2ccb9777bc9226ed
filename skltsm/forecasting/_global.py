"""The panel side of ``LSTMForecaster``: one network on many series, and pretraining.

``GlobalMixin`` routes sktime's inner methods: a single series (not pretrained) goes to
the per-series path of ``_lstm_forecaster`` (``_fit_series`` ...); a panel or hierarchy
with ``panel="global"``, and any fit after :meth:`pretrain`, goes to one network over
windows pooled from every series (``_panel``); ``panel="local"`` fits one clone per
series. The pretrained network is the public attribute ``pretrained_model_``.
"""

import copy
import warnings
from numbers import Integral

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.utils._param_validation import Interval, StrOptions, validate_parameter_constraints

from skltsm.forecasting import _fitting as fitting
from skltsm.forecasting import _global_intervals as gi
from skltsm.forecasting import _panel as pn
from skltsm.forecasting import _regressor as reg
from skltsm.forecasting import _settings as settings_mod

PANEL_TAGS = {
    "y_inner_mtype": ["pd.Series", "pd-multiindex", "pd_multiindex_hier"],
    "X_inner_mtype": ["pd.DataFrame", "pd-multiindex", "pd_multiindex_hier"],
    "capability:pretrain": True,
    "capability:unequal_length": True,
    "pretrain:fitted_params": ["pretrained_model_"],
}
# Settings of the per-series path, with their defaults; the global path has its own scheme.
SERIES_ONLY_SETTINGS = {
    "transform": "auto",
    "deseasonalize": "auto",
    "difference_lag": "auto",
    "difference_order": "auto",
    "scaler": "minmax",
}
PANEL_CONSTRAINTS = {
    "panel": [StrOptions({"global", "local"})],
    "finetune_epochs": [Interval(Integral, 0, None, closed="left")],
}


def global_lstm(lags, epochs):
    """Return the default network of the global path (wider, larger batches)."""
    return reg.default_lstm(
        lags,
        epochs,
        units=(pn.GLOBAL_UNITS,),
        batch_size=pn.GLOBAL_BATCH_SIZE,
        optimizer__learning_rate=pn.GLOBAL_LEARNING_RATE,
        loss=pn.GLOBAL_LOSS,
    )


def _pairs(a, b):
    return zip(a, b, strict=True)


def _score(members, levels_fit, transforms, y_val, lags, horizon):
    """Mean over series of the sMAPE (M3 definition) of the validation-tail forecasts.

    Returns (score, forecasts (n_series, n_val)); the intervals calibrate on the latter.
    """
    n_val = y_val.shape[1]
    f = pn.forecast_levels(members, pn.last_windows(levels_fit, lags), n_val, horizon, reg.as_input)
    preds = np.stack(
        [pn.from_level(t, f[i], len(u)) for i, (t, u) in enumerate(_pairs(transforms, levels_fit))]
    )
    denom = np.abs(preds) + np.abs(y_val)
    return float(np.nanmean(200 * np.abs(preds - y_val) / np.where(denom == 0, 1, denom))), preds


def _fit_one(template, y, X, fh):
    """Fit a clone of ``template`` on one series (a joblib task of a panel='local' fit)."""
    return clone(template).fit(y, X=X, fh=fh)


class GlobalMixin:
    """Panels in sktime's inner methods, and sktime's pretraining API."""

    def _origin(self):
        return None if self._state == "new" and self._cutoff is None else self.cutoff

    def _params(self):
        return {k: getattr(self, k) for k in self._parameter_constraints}

    def _fit(self, y, X, fh):
        validate_parameter_constraints(
            self._parameter_constraints, self._params(), "LSTMForecaster"
        )
        pretrained = getattr(self, "pretrained_model_", None)
        self._mode = "series"
        if pretrained is not None:
            return self._fit_pretrained(y, X, fh, pretrained)
        if isinstance(y, pd.Series):
            return self._fit_series(y, X, fh)
        if self.panel == "local" or X is not None:
            if X is not None and self.panel == "global":
                warnings.warn(
                    "LSTMForecaster: exogenous X with a panel is not supported by the global "
                    "network yet; fitting one model per series (panel='local')",
                    stacklevel=3,
                )
            return self._fit_local(y, X, fh)
        self._warn_unused_settings()
        self._global = self._train_global(y, fh)
        self._set_panel_data(y, self._global)
        self._mode = "global"
        return self

    def _warn_unused_settings(self):
        """Say which explicit per-series settings one network over a panel does not use."""
        values = {name: getattr(self, name) for name in SERIES_ONLY_SETTINGS}
        given = {
            name: value
            for name, value in values.items()
            if not (isinstance(value, str) and value == SERIES_ONLY_SETTINGS[name])
        }
        if given:
            settings = ", ".join(f"{name}={value!r}" for name, value in given.items())
            warnings.warn(
                f"LSTMForecaster: {settings} not used by the global network of a panel (each "
                "series is put on its own log or mean scale and deseasonalised instead); "
                "pass panel='local' to fit one model per series with them",
                UserWarning,
                stacklevel=4,
            )

    # -- global fits ---------------------------------------------------------------------

    def _check_no_exog(self, X):
        if X is not None:
            raise ValueError(
                "LSTMForecaster: exogenous X is not supported with a panel and "
                "panel='global' (nor after pretrain) yet; pass panel='local' to use X"
            )

    def _train_global(self, y, fh):
        """Train the global network(s) on every series of ``y``; return the model dict."""
        keys, values, indexes, _ = pn.split_panel(y)
        for v in values:
            if not np.all(np.isfinite(v)):
                raise ValueError("LSTMForecaster: y holds NaN or infinite values")
        horizon = fitting.resolve_horizon(self.strategy, self.horizon, fh, self._origin())
        sp = settings_mod.resolve_sp(self.sp, indexes[0])
        n_median = int(np.median([len(v) for v in values]))
        lags = self.lags if self.lags != "auto" else max(2, min(sp + 1 if sp else 4, n_median // 4))
        transforms = [pn.series_transform(v, sp) for v in values]
        levels = [pn.to_level(t, v) for t, v in zip(transforms, values, strict=True)]
        n_members = self.ensemble_size
        if n_members == "auto":
            n_members = pn.GLOBAL_ENSEMBLE_SIZE if self.regressor is None else 1
        seeds = reg.member_seeds(self.random_state, n_members)
        template, scores, n_val, calibration = self.regressor, {}, 0, None
        if template is None:
            n_val = self._global_validation_steps(fh, sp, horizon)
            epochs, scores, calibration = self._choose_global_epochs(
                values, sp, lags, horizon, n_val, seeds[0]
            )
            template = global_lstm(lags, epochs)
        windows, targets = pn.training_rows(levels, lags, horizon, pn.GLOBAL_MAX_WINDOWS)
        members = []
        for seed in seeds:
            member = reg.prepare_regressor(template, lags, seed, horizon > 1)
            member.fit(reg.as_input(member, windows), targets if horizon > 1 else targets[:, 0])
            members.append(member)
        self.validation_scores_, self.validation_steps_ = scores, n_val
        self.epochs_ = members[0].get_params().get("epochs")
        self.lags_, self.sp_, self.horizon_, self.ensemble_size_ = lags, sp, horizon, n_members
        calibration = calibration or gi.naive_calibration(transforms, values, sp)
        return {
            "members": members,
            "lags": lags,
            "sp": sp,
            "horizon": horizon,
            "calibration": calibration,
        }

    def _global_validation_steps(self, fh, sp, horizon):
        if self.validation_steps != "auto":
            wanted = self.validation_steps
        else:
            wanted = sp or 6 if fh is None else int(fh.to_relative(self._origin()).max())
        return min(wanted, horizon) if horizon > 1 else wanted

    def _choose_global_epochs(self, values, sp, lags, horizon, n_val, seed):
        """Epochs among GLOBAL_EPOCH_CANDIDATES by sMAPE on every series' last n_val steps.

        The transforms are refitted on the shortened series; one network is trained in
        one-epoch ``partial_fit`` steps and scored at each candidate count. Returns
        ``(epochs, scores, calibration)``: the intervals' calibration from the forecasts at
        the chosen count, None without a validation tail.
        """
        if n_val == 0:
            return pn.GLOBAL_EPOCHS, {}, None
        fit_parts = [v[:-n_val] for v in values if len(v) > n_val + lags]
        y_val = np.stack([v[-n_val:] for v in values if len(v) > n_val + lags])
        transforms = [pn.series_transform(v, sp) for v in fit_parts]
        levels = [pn.to_level(t, v) for t, v in zip(transforms, fit_parts, strict=True)]
        try:
            windows, targets = pn.training_rows(levels, lags, horizon, pn.GLOBAL_MAX_WINDOWS)
        except ValueError:
            return pn.GLOBAL_EPOCHS, {}, None
        candidates = pn.GLOBAL_EPOCH_CANDIDATES
        member = reg.prepare_regressor(global_lstm(lags, candidates[0]), lags, seed, False)
        Xw, yw = reg.as_input(member, windows), targets if horizon > 1 else targets[:, 0]
        member.fit(Xw, yw)
        scores, preds, done = {}, {}, candidates[0]
        for epochs in candidates:
            for _ in range(epochs - done):
                member.partial_fit(Xw, yw)
            done = epochs
            scores[epochs], preds[epochs] = _score(
                [member], levels, transforms, y_val, lags, horizon
            )
        best = min(scores, key=scores.get)
        # the intervals' calibration: these forecasts at the chosen epochs (_global_intervals)
        return (
            best,
            scores,
            gi.validation_calibration(transforms, fit_parts, y_val, preds[best], sp),
        )

    def _set_panel_data(self, y, model):
        keys, values, indexes, column = pn.split_panel(y)
        sp = model["sp"]
        transforms = [pn.series_transform(v, sp) for v in values]
        self._panel_data = {
            "keys": keys,
            "values": values,
            "indexes": indexes,
            "column": column,
            "transforms": transforms,
            "names": None if keys == [None] else list(y.index.names),
        }

    def _fit_pretrained(self, y, X, fh, pretrained):
        self._check_no_exog(X)
        model = {**pretrained, "members": [copy.deepcopy(m) for m in pretrained["members"]]}
        self._set_panel_data(y, model)
        if self.finetune_epochs:
            self._train_more_global(model, self.finetune_epochs)
        self._global, self._mode = model, "global"
        self.lags_, self.sp_, self.horizon_ = model["lags"], model["sp"], model["horizon"]
        return self

    def _train_more_global(self, model, epochs):
        data = self._panel_data
        levels = [pn.to_level(t, v) for t, v in _pairs(data["transforms"], data["values"])]
        try:
            windows, targets = pn.training_rows(
                levels, model["lags"], model["horizon"], pn.GLOBAL_MAX_WINDOWS
            )
        except ValueError:
            return  # too short to train on: forecast zero-shot
        y_rows = targets if model["horizon"] > 1 else targets[:, 0]
        fitting.train_more(model["members"], windows, y_rows, epochs)

    def _predict(self, fh, X):
        if self._mode == "local":
            return self._predict_local(fh, X)
        if self._mode == "series":
            return self._predict_series(fh, X)
        steps = fh.to_relative(self.cutoff).to_numpy()
        if (steps < 1).any():
            raise ValueError(f"LSTMForecaster: fh must be out of sample; got {steps.tolist()}")
        model, data = self._global, self._panel_data
        n_steps = int(steps.max())
        if model["horizon"] > 1 and n_steps > model["horizon"]:
            raise ValueError(
                f"LSTMForecaster: fh reaches {n_steps} steps, but strategy='direct' was "
                f"fitted for horizon={model['horizon']}"
            )
        levels = [pn.to_level(t, v) for t, v in _pairs(data["transforms"], data["values"])]
        windows = pn.last_windows(levels, model["lags"])
        f = pn.forecast_levels(model["members"], windows, n_steps, model["horizon"], reg.as_input)
        out = [
            pn.from_level(t, f[i], len(v))[steps - 1]
            for i, (t, v) in enumerate(_pairs(data["transforms"], data["values"]))
        ]
        keys, idx = data["keys"], data["indexes"]
        return pn.to_frame(keys, idx, out, steps, data["names"], data["column"])

    def _update(self, y, X=None, update_params=True):
        if self._mode == "series":
            return self._update_series(y, X, update_params)
        if self._mode == "local":
            raise NotImplementedError("LSTMForecaster: update after a panel='local' fit")
        data = self._panel_data
        keys, values, indexes, _ = pn.split_panel(y)
        position = {k: i for i, k in enumerate(data["keys"])}
        for key, v, index in zip(keys, values, indexes, strict=True):
            i = position[key]
            new = index > data["indexes"][i][-1]
            data["values"][i] = np.r_[data["values"][i], v[new]]
            data["indexes"][i] = data["indexes"][i].append(index[new])
        if update_params and self.update_epochs > 0:
            self._train_more_global(self._global, self.update_epochs)
        return self

    # -- one model per series ------------------------------------------------------------

    def _fit_local(self, y, X, fh):
        """Fit one forecaster per series, through joblib (see :func:`_fit_one`)."""
        from joblib import Parallel, delayed

        keys, values, indexes, column = pn.split_panel(y)
        template = clone(self).set_params(panel="global")
        jobs = []
        for key in keys:
            y_i = y.xs(key, level=list(range(len(key)))) if len(key) else y
            y_i = y_i.iloc[:, 0].rename(column)
            x_i = None if X is None else X.xs(key, level=list(range(len(key))))
            jobs.append(delayed(_fit_one)(template, y_i, x_i, fh))
        # n_jobs=None: one after another here, unless the caller opens a
        # joblib.parallel_config (n_jobs=2, or backend="dask" for a cluster), as for
        # scikit-learn's searches; every fit is seeded alike either way.
        self._local = Parallel(n_jobs=None)(jobs)
        self._local_keys, self._local_names, self._mode = keys, list(y.index.names), "local"
        return self

    def _predict_local(self, fh, X, method="predict", **kwargs):
        """Call ``method`` (predict, predict_interval, ...) of every series' forecaster."""
        frames = []
        for key, member in zip(self._local_keys, self._local, strict=True):
            x_i = None if X is None else X.xs(key, level=list(range(len(key))))
            pred = getattr(member, method)(fh=fh.to_relative(self.cutoff), X=x_i, **kwargs)
            index = [(*key, t) for t in pred.index]
            frames.append(pred.set_axis(pd.MultiIndex.from_tuples(index, names=self._local_names)))
        out = pd.concat(frames)
        return out.to_frame() if isinstance(out, pd.Series) else out

    # -- sktime's pretraining API --------------------------------------------------------

    def _pretrain(self, y, X=None, fh=None):
        """Train one network on every series of the panel ``y`` (its weights persist)."""
        validate_parameter_constraints(
            self._parameter_constraints, self._params(), "LSTMForecaster"
        )
        self._check_no_exog(X)
        self._warn_unused_settings()
        self.pretrained_model_ = self._train_global(y, fh)
        return self

    def _pretrain_update(self, y, X=None, fh=None):
        """Train the pretrained network ``update_epochs`` (at least 1) more epochs on ``y``."""
        self._check_no_exog(X)
        self._set_panel_data(y, self.pretrained_model_)
        self._train_more_global(self.pretrained_model_, max(1, self.update_epochs))
        return self
