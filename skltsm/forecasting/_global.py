"""The panel side of ``LSTMForecaster``: pretraining, local fits, the unused settings.

Every fit goes through the same path (``_lstm_forecaster``: per-series states, pooled
windows, one batched forecast); what differs with the number of series is the *scheme*
(``_schemes``): one series gets its settings from its data, a panel or hierarchy with
``panel="global"``, and any fit after :meth:`pretrain`, the global per-series scaling.
``panel="local"`` instead fits one clone per series, through joblib. The pretrained
network is the public attribute ``pretrained_model_``.
"""

import warnings
from numbers import Integral

import pandas as pd
from sklearn.base import clone
from sklearn.utils._param_validation import Interval, StrOptions, validate_parameter_constraints

from skltsm.forecasting import _combined as combined
from skltsm.forecasting import _fitting as fitting
from skltsm.forecasting import _global_origins as global_origins
from skltsm.forecasting import _panel as pn
from skltsm.forecasting import _series as series

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


def _fit_one(template, y, X, fh):
    """Fit a clone of ``template`` on one series (a joblib task of a panel='local' fit).

    Its ensemble members train one after another inside the task: the series are the
    parallel level, and a task on a Dask worker waiting for nested tasks could hold the
    worker the nested tasks need.
    """
    from joblib import parallel_config

    with parallel_config(backend="sequential"):
        return clone(template).fit(y, X=X, fh=fh)


class GlobalMixin:
    """Panels in sktime's inner methods, and sktime's pretraining API."""

    def _origin(self):
        return None if self._state == "new" and self._cutoff is None else self.cutoff

    def _params(self):
        return {k: getattr(self, k) for k in self._parameter_constraints}

    def _validate_params(self):
        validate_parameter_constraints(
            self._parameter_constraints, self._params(), "LSTMForecaster"
        )

    def _given_series_settings(self):
        """Return the per-series settings given explicitly (not at their default)."""
        values = {name: getattr(self, name) for name in SERIES_ONLY_SETTINGS}
        return {
            name: value
            for name, value in values.items()
            if not (isinstance(value, str) and value == SERIES_ONLY_SETTINGS[name])
        }

    def _warn_unused_settings(self):
        """Say which explicit per-series settings one network over a panel does not use."""
        given = self._given_series_settings()
        if given:
            settings = ", ".join(f"{name}={value!r}" for name, value in given.items())
            warnings.warn(
                f"LSTMForecaster: {settings} not used by the global network of a panel (each "
                "series is put on its own log or mean scale and deseasonalised instead); "
                "pass panel='local' to fit one model per series with them",
                UserWarning,
                stacklevel=4,
            )

    def _check_no_exog(self, X):
        if X is not None:
            raise ValueError(
                "LSTMForecaster: exogenous X is not supported with pretrain (nor in a fit "
                "after pretrain) yet; fit the panel with X instead"
            )

    # -- sktime's pretraining API --------------------------------------------------------

    def _pretrain(self, y, X=None, fh=None):
        """Train one network on every series of the panel ``y`` (its weights persist)."""
        self._validate_params()
        self._check_no_exog(X)
        self._warn_unused_settings()
        self.horizon_ = fitting.resolve_horizon(self.strategy, self.horizon, fh, self._origin())
        self._fit_panel(y, None, fh, scheme="global")
        self.pretrained_model_ = {
            "members": self.regressors_,
            "lags": self.lags_,
            "sp": self.sp_,
            "horizon": self.horizon_,
            # a small panel's deferred calibration needs the data deleted below
            "calibration": global_origins.resolve(combined.take_part(self)),
        }
        for name in ("_states", "_values", "_meta", "_lstm_states"):
            del self.__dict__[name]  # the pretraining panel's data: not kept
        return self

    def _fit_pretrained(self, y, X, fh, pretrained):
        """Forecast ``y`` with copies of the pretrained network, fine-tuned or zero-shot."""
        self._check_no_exog(X)
        self.horizon_ = pretrained["horizon"]
        self._fit_panel(y, None, fh, scheme="pretrained")
        if self.finetune_epochs:
            self._train_more(self.finetune_epochs)
        return self

    def _pretrain_update(self, y, X=None, fh=None):
        """Train the pretrained network ``update_epochs`` (at least 1) more epochs on ``y``."""
        self._check_no_exog(X)
        model = self.pretrained_model_
        values = pn.split_panel(y)[1]
        states = [
            series.fit(v, None, *pn.global_settings(v, model["sp"], model["lags"])) for v in values
        ]
        windows, targets = pn.training_rows(states, model["horizon"], pn.GLOBAL_MAX_WINDOWS)
        fitting.train_more(model["members"], windows, targets, max(1, self.update_epochs))
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
