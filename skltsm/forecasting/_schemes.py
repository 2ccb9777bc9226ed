"""The two schemes of ``LSTMForecaster``'s one fit path: one series, or many.

A scheme is a plain dict telling ``LSTMForecaster._fit_panel`` how to settle every
series' transforms (``settings``: ``(settings, seasonal)`` per series, and
``settings_for``, the same rule for a validation fit part), which network to train
(``template_for(epochs)``), the epochs to try on the validation tails (``candidates``,
``unvalidated`` without a tail, ``n_val`` steps held out), the members of
``ensemble_size="auto"`` and the windows kept (``max_windows``). Each default was chosen on
validation tails of training data (``docs/forecaster-guide.md``, ``docs/many-series.md``).

* **series** (one series): the settings from the data by ``_settings.resolve`` (season,
  log, deseasonalising, differencing, window), a minmax-scaled ``StackedLSTMRegressor`` of
  16 units, 5 members.
* **global** (a panel, and every fit after ``pretrain``): each series on its own log or
  mean scale, deseasonalised from its last seasons, windows relative to their last value
  (``_panel.global_settings``), one wider network in larger batches, 1 member.
"""

import numpy as np

from skltsm.forecasting import _fitting as fitting
from skltsm.forecasting import _global_intervals as gi
from skltsm.forecasting import _panel as pn
from skltsm.forecasting import _regressor as reg
from skltsm.forecasting import _settings as settings_mod

# Networks in the single-series default ensemble, chosen on validation tails
# (docs/forecaster-guide.md).
DEFAULT_ENSEMBLE_SIZE = 5


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


class SchemesMixin:
    """The schemes of ``LSTMForecaster`` (see the module doc)."""

    def _n_members(self, auto):
        if self.ensemble_size != "auto":
            return self.ensemble_size
        return auto if self.regressor is None else 1

    def _series_scheme(self, y, index, fh):
        """Return the scheme of one series: its settings from the data (``_settings``)."""
        params = self._params()
        self._check_length(len(y), settings_mod.smallest(params))
        settings = settings_mod.resolve(params, y, index)
        self._check_length(len(y), settings)
        vars(self).update({f"{k}_": v for k, v in settings.items() if k != "scaler"})
        self.seasonal_ = settings_mod.seasonal_indices(settings, y)
        n_val = 0
        if self.regressor is None:
            wanted = self.validation_steps
            if wanted == "auto":
                wanted = self.sp_ or 6 if fh is None else int(fh.to_relative(self.cutoff).max())
            if self.strategy == "direct":
                wanted = min(wanted, self.horizon_)
            n_val = fitting.validation_size(len(y), wanted, settings, self.horizon_)
        return {
            "settings": [(settings, self.seasonal_)],
            "settings_for": lambda v: (settings, settings_mod.seasonal_indices(settings, v)),
            "template_for": lambda epochs: reg.default_lstm(settings["lags"], epochs),
            "candidates": fitting.EPOCH_CANDIDATES,
            "unvalidated": fitting.UNVALIDATED_EPOCHS,
            "n_members": DEFAULT_ENSEMBLE_SIZE,
            "max_windows": None,
            "n_val": n_val,
        }

    def _global_scheme(self, values, indexes, fh, sp=None, lags=None):
        """Return the scheme of one network over many series (see ``_panel``)."""
        if sp is None:
            sp = settings_mod.resolve_sp(self.sp, indexes[0])
            n_median = int(np.median([len(v) for v in values]))
            auto = max(2, min(sp + 1 if sp else 4, n_median // 4))
            lags = self.lags if self.lags != "auto" else auto
        self.lags_, self.sp_ = lags, sp
        n_val = 0 if self.regressor is not None else self._global_validation_steps(fh, sp)
        return {
            "settings": [pn.global_settings(v, sp, lags) for v in values],
            "settings_for": lambda v: pn.global_settings(v, sp, lags),
            "template_for": lambda epochs: global_lstm(lags, epochs),
            "candidates": pn.GLOBAL_EPOCH_CANDIDATES,
            "unvalidated": pn.GLOBAL_EPOCHS,
            "n_members": pn.GLOBAL_ENSEMBLE_SIZE,
            "max_windows": pn.GLOBAL_MAX_WINDOWS,
            "n_val": n_val,
        }

    def _global_validation_steps(self, fh, sp):
        if self.validation_steps != "auto":
            wanted = self.validation_steps
        else:
            wanted = sp or 6 if fh is None else int(fh.to_relative(self._origin()).max())
        return min(wanted, self.horizon_) if self.horizon_ > 1 else wanted

    def _global_calibration(self, tail, values, xs, plan, seed):
        """Return the intervals' calibration: the validation tails', else the naive one.

        With a tail, the chosen network is also trained at ``gi.ORIGINS - 1`` earlier
        origins (each ``n_val`` steps before the last) and their forecasts join the
        calibration: one validation period alone carries its calendar's shocks.
        """
        if tail is None:
            return gi.naive_calibration(self._states, self._values, self.sp_)
        tails = [tail]
        template = plan["template_for"](self.epochs_)
        for cut in fitting.earlier_tails(values, xs, plan["n_val"], gi.ORIGINS, self.lags_):
            found = fitting.origin_forecasts(
                cut, plan["settings_for"], template, seed, self.horizon_, plan["max_windows"]
            )
            if found is not None:
                tails.append(found)
        return gi.combine(
            [
                gi.validation_calibration(
                    t["states"], t["fit_parts"], t["y_val"], t["preds"], self.sp_
                )
                for t in tails
            ]
        )
