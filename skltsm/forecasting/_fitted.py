"""What a fitted ``LSTMForecaster`` exposes: its settings, members and transforms."""

from skltsm.forecasting import _combined as combined

SETTINGS = ("sp", "transform", "deseasonalize", "difference_lag", "difference_order", "lags")


class FittedStateMixin:
    """Read-only views of the fitted state, and :meth:`summary` for the CLI and reprs."""

    @property
    def regressor_(self):
        """The first fitted ensemble member (the only one when ``ensemble_size_ == 1``)."""
        return self.regressors_[0]

    @property
    def scheme_(self):
        """How the series were fitted: "series", "global", "combined" or "local".

        "combined": one series by both schemes, their forecasts averaged; "local": one
        fit per series.
        """
        return "combined" if self._global_part() is not None else self._mode

    def _global_part(self):
        """Return the global scheme's fit of a combined one (``_combined``), else None."""
        return vars(self).get("_companion")  # absent: a local fit, or an older file

    def _settings(self):
        return {**{k: getattr(self, f"{k}_") for k in SETTINGS}, "scaler": self.scaler}

    @property
    def differencers_(self):
        """The fitted difference chain (empty without differencing)."""
        return self._states[0]["chain"]

    @property
    def scaler_(self):
        """The scaler fitted on the training differences (None without scaling)."""
        return self._states[0]["scaler"]

    @property
    def exog_scaler_(self):
        """The scaler fitted on the training ``X`` (None without ``X`` or scaling)."""
        return self._states[0]["exog_scaler"]

    def summary(self):
        """Return the settings this fit used, explicit or chosen, as a plain dict.

        Returns
        -------
        summary : dict
            ``sp``, ``transform``, ``deseasonalize``, ``difference_lag``,
            ``difference_order``, ``lags``, ``scheme`` (:attr:`scheme_`),
            ``regressor`` (class name), ``epochs``,
            ``ensemble_size``, ``validation_steps`` and ``validation_scores``. The global
            network of a panel has one ``sp`` and ``lags``; its per-series transforms are
            ``"per series"`` (``docs/many-series.md``). A combined fit lists its series
            scheme's and adds ``global_part``, the same keys of its global network (``sp``,
            ``lags``, ``epochs``, ...). After a ``panel="local"`` fit:
            ``{"panel": "local", "per_series": [summary of each series' forecaster]}``.
        """
        self.check_is_fitted()
        mode = getattr(self, "_mode", "series")
        if mode == "local":
            return {"panel": "local", "per_series": [m.summary() for m in self._local]}
        if mode == "series":
            out = {k: v for k, v in self._settings().items() if k != "scaler"}
        else:
            out = {k: "per series" for k in SETTINGS}
            out.update(sp=self.sp_, lags=self.lags_)
        out.update(
            scheme=self.scheme_,
            regressor=type(self.regressor_).__name__,
            epochs=self.epochs_,
            ensemble_size=self.ensemble_size_,
            validation_steps=self.validation_steps_,
            validation_scores=dict(self.validation_scores_),
        )
        if (part := self._global_part()) is not None:
            out["global_part"] = combined.summary(part)
        return out
