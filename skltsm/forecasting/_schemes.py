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
  16 units, 10 members.
* **global** (a panel, and every fit after ``pretrain``): each series on its own log or
  mean scale, deseasonalised from its last seasons, windows relative to their last value
  (``_panel.global_settings``), one wider network in larger batches, 1 member (10 for a
  panel of one series, ``ONE_SERIES_GLOBAL_ENSEMBLE_SIZE``).

One series with every per-series setting left "auto" (and the default network, no ``X``)
tries both schemes' validation tails; when both hold one, both are fitted and forecast by
the mean of the two (``_combined``), else the validated one (:func:`choose_scheme`).
"""

import numpy as np

from skltsm.forecasting import _combined as combined
from skltsm.forecasting import _fitting as fitting
from skltsm.forecasting import _global_intervals as gi
from skltsm.forecasting import _global_origins as global_origins
from skltsm.forecasting import _panel as pn
from skltsm.forecasting import _regressor as reg
from skltsm.forecasting import _settings as settings_mod

# Networks in the single-series default ensemble, chosen on validation tails
# (docs/forecaster-guide.md): 10 (the median of 10 seeds, as Hewamalage et al. 2021),
# with 10 in the global scheme of one series below, lowered the development tails' sMAPE
# from 15.13 / 14.00 / 14.12 to 14.86 / 13.84 / 14.08 (M3 dev, seeds 0, 1, 2) against
# 5 and 5, for 0.80 -> 1.38 s per M3 series (2026-12-07, benchmarks/dev_members.py).
DEFAULT_ENSEMBLE_SIZE = 10
# Members of the global scheme's ensemble_size="auto" when the panel is one series: a
# single network trained on one series' few windows varies with its seed; a median of
# 5 lowered the development tails' sMAPE (M3 dev 15.29 -> 15.13 and 14.26 -> 14.00 over
# seeds 0 and 1, airline108 3.75 -> 3.31 over 3 seeds) for about 0.2 s per series, and
# 10 (with 10 series members, above) lowered it further.
ONE_SERIES_GLOBAL_ENSEMBLE_SIZE = 10
# How many members' networks each scheme's validation tails train and score by their
# median: the first member alone (the defaults), the first few, or None: every member
# (the forecast the fit deploys). Chosen on training tails (docs/forecaster-guide.md).
VALIDATION_MEMBERS = {"series": 1, "global": 1}


def validation_seeds(seeds, scheme):
    """Return the member seeds whose networks the validation tails of ``scheme`` train."""
    n_members = VALIDATION_MEMBERS.get(scheme, 1)
    return list(seeds if n_members is None else seeds[:n_members])


def choose_scheme(trials):
    """Return how one series is fitted: "combined", "series" or "global".

    ``trials`` maps each scheme to ``(template, tail)`` of
    ``SchemesMixin._validated_template`` (tail None: no validation tail). Both
    validated: "combined", both fitted and their forecasts averaged (``_combined``).
    Only the global one validated: it (the series scheme's epochs would be the untuned
    fallback). Otherwise the series scheme.

    Examples
    --------
    >>> tail = {"y_val": np.array([[1.0, 2.0]]), "preds": np.array([[1.0, 3.0]])}
    >>> choose_scheme({"series": (None, tail), "global": (None, tail)})
    'combined'
    >>> choose_scheme({"series": (None, None), "global": (None, tail)})
    'global'
    >>> choose_scheme({"series": (None, tail), "global": (None, None)})
    'series'
    """
    series_tail, global_tail = trials["series"][1], trials["global"][1]
    if global_tail is None:
        return "series"
    return "global" if series_tail is None else "combined"


class SchemesMixin:
    """The schemes of ``LSTMForecaster`` (see the module doc)."""

    def _n_members(self, auto):
        if self.ensemble_size != "auto":
            return self.ensemble_size
        return auto if self.regressor is None else 1

    def _may_fit_globally(self, X):
        """Return whether one series may take the global scheme.

        Only with every series-only setting "auto", the default network and no ``X``:
        explicit settings are honoured exactly.
        """
        return not self._given_series_settings() and self.regressor is None and X is None

    def _fit_series(self, y, X, fh):
        """Fit one series by the scheme(s) its validation tails allow (see the module doc)."""
        if not self._may_fit_globally(X):
            return self._fit_panel(y, X, fh, scheme="series")
        _, values, indexes, _ = pn.split_panel(y)
        before, trials = set(vars(self)), {}
        for name in ("series", "global"):
            plan = (
                self._series_scheme(values[0], indexes[0], fh)
                if name == "series"
                else self._global_scheme(values, indexes, fh)
            )
            seeds = reg.member_seeds(self.random_state, self._n_members(plan["n_members"]))
            trials[name] = self._validated_template(values, [None], plan, seeds)
        for name in set(vars(self)) - before:  # the trials' settings: the fit sets its own
            delattr(self, name)
        choice = choose_scheme(trials)
        if choice != "combined":
            return self._fit_panel(y, X, fh, choice, validated=trials[choice])
        # the global fit first: its state is copied out, then the series fit is the
        # forecaster's own (its settings are the fitted attributes)
        self._fit_panel(y, X, fh, "global", validated=trials["global"])
        part = combined.take_part(self)
        self._fit_panel(y, X, fh, "series", validated=trials["series"])
        self._companion = part
        return self

    def _validated_template(self, values, xs, plan, seeds):
        """Return the default network with its epochs chosen on validation tails, and them.

        The tails are the last ``plan["n_val"]`` steps of every series long enough for one
        (None: no tail, the scheme's unvalidated epochs).
        """
        n_val = plan["n_val"]
        tails = fitting.cut_tails(values, xs, n_val, n_val, self.lags_) if n_val else []
        epochs, scores, tail = None, {}, None
        if tails:
            epochs, scores, tail = fitting.choose_epochs(
                tails,
                plan["settings_for"],
                plan["template_for"],
                validation_seeds(seeds, plan["name"]),
                self.horizon_,
                plan["candidates"],
                plan["max_windows"],
            )
        if tail is None:
            return plan["template_for"](plan["unvalidated"]), None
        return plan["template_for"](epochs), {**tail, "scores": scores}

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
            "name": "series",
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
            "name": "global",
            "settings": [pn.global_settings(v, sp, lags) for v in values],
            "settings_for": lambda v: pn.global_settings(v, sp, lags),
            "template_for": lambda epochs: pn.global_lstm(lags, epochs),
            "candidates": pn.GLOBAL_EPOCH_CANDIDATES,
            "unvalidated": pn.GLOBAL_EPOCHS,
            "n_members": (
                ONE_SERIES_GLOBAL_ENSEMBLE_SIZE if len(values) == 1 else pn.GLOBAL_ENSEMBLE_SIZE
            ),
            "max_windows": pn.GLOBAL_MAX_WINDOWS,
            "n_val": n_val,
        }

    def _global_validation_steps(self, fh, sp):
        if self.validation_steps != "auto":
            wanted = self.validation_steps
        else:
            wanted = sp or 6 if fh is None else int(fh.to_relative(self._origin()).max())
        return min(wanted, self.horizon_) if self.horizon_ > 1 else wanted

    def _global_calibration(self, tail, values, xs, plan, seeds):
        """Return the intervals' calibration: the validation tails', else the naive one.

        With a tail, the chosen network is also trained at earlier origins
        (``_global_origins.calibrate``); for a panel of fewer than ``gi.MIN_SERIES``
        series without ``X`` (one series in the global scheme, or a small panel) that is
        deferred to the first interval call (``_global_origins.deferred``): the five
        origins of one series took half of its default fit, which a point forecast never
        reads.
        """
        if tail is None:
            return gi.naive_calibration(self._states, self._values, self.sp_)
        seeds = validation_seeds(seeds, plan["name"])
        if len(values) < gi.MIN_SERIES and all(x is None for x in xs):
            return global_origins.deferred(values, tail, seeds, self.horizon_)
        template = plan["template_for"](self.epochs_)
        return global_origins.calibrate(
            tail,
            values,
            xs,
            plan["settings_for"],
            template,
            seeds,
            self.horizon_,
            self.lags_,
            self.sp_,
        )
