"""LSTMForecaster: a thin sktime shell over the per-series functions of ``_series``."""

import copy
from numbers import Integral

import pandas as pd
from sklearn.utils._param_validation import (
    HasMethods,
    Interval,
    StrOptions,
)
from sktime.forecasting.base import BaseForecaster

from skltsm.forecasting import _combined as combined
from skltsm.forecasting import _fitting as fitting
from skltsm.forecasting import _index as idx
from skltsm.forecasting import _panel as pn
from skltsm.forecasting import _regressor as reg
from skltsm.forecasting import _series as series
from skltsm.forecasting._fitted import FittedStateMixin
from skltsm.forecasting._global import PANEL_CONSTRAINTS, PANEL_TAGS, GlobalMixin
from skltsm.forecasting._history import HistoryMixin
from skltsm.forecasting._intervals import IntervalMixin
from skltsm.forecasting._schemes import SchemesMixin

_AUTO = StrOptions({"auto"})


class LSTMForecaster(
    IntervalMixin, FittedStateMixin, SchemesMixin, GlobalMixin, HistoryMixin, BaseForecaster
):
    """Forecast a series or a panel with an LSTM (or any regressor); settings from the data.

    One path for one series and many (a series is a panel of one): ``fit(y)`` settles
    each series' transforms by a scheme (``_schemes``: a single series gets its settings
    from the data, season, log, deseasonalising, differencing, window, and the global one
    too when both hold a validation tail, their forecasts averaged; a panel the global
    per-series scaling),
    trains an ensemble of networks on the windows pooled from every series (the default
    network's epochs first chosen on validation tails of the training series) and
    ``predict(fh)`` forecasts every series in one batch, the median of the members, on
    each series' own scale and index. Explicit parameter values are honoured
    exactly. The user guides (``docs/forecaster-guide.md``, ``docs/many-series.md``)
    explain the protocols, exogenous windows, the LSTM state and each default. Intervals
    (``predict_interval``, ``predict_quantiles``, ``predict_var``) are conformal
    (:mod:`skltsm.forecasting._intervals`).

    Parameters
    ----------
    regressor : scikit-learn regressor or None, default=None
        Fitted (cloned) on windows ``(n, lags, n_features)``, flattened for a regressor
        without ``timesteps``. None: a ``StackedLSTMRegressor(units=(16,), dropout=0.0,
        batch_size=16)`` whose epochs are chosen on the validation tail.
    sp : int, None or "auto", default="auto"
        Seasonal period; "auto" reads it from the index (monthly 12, quarterly 4, weekly
        52, daily 7, hourly 24; none for an integer index). None or 1: no season.
    transform : {"auto", "log"} or None, default="auto"
        Variance-stabilising transform; "auto" takes the log of a positive series whose
        spread grows with its level.
    deseasonalize : bool or "auto", default="auto"
        Subtract additive seasonal indices (classical decomposition) of the transformed
        series; "auto" does so when the ACF test finds a season and no seasonal lag is
        differenced.
    difference_lag : int, tuple of int or "auto", default="auto"
        Lags differenced in turn (``(1, 12)``: first then seasonal); "auto" takes lag 1.
    difference_order : int or "auto", default="auto"
        Times each lag is applied (0: none); "auto" is 1 with an explicit
        ``difference_lag``, else the KPSS test's choice (0 or 1).
    lags : int or "auto", default="auto"
        Steps per window; "auto" is the regressor's explicit ``timesteps``, else a season
        plus a step (4 without a season), at most a quarter of the rows.
    scaler : "minmax", scikit-learn transformer or None, default="minmax"
        Scaling of the differences (and of ``X``): ``MinMaxScaler((-1, 1))`` for "minmax".
    strategy : {"recursive", "direct"}, default="recursive"
        How forecasts past one step are made.
    horizon : int or None, default=None
        Width of ``strategy="direct"``; None takes the largest step of ``fh`` in fit.
    ensemble_size : int or "auto", default="auto"
        Networks trained from different seeds, combined by the median of their forecasts;
        "auto" is 10 for the default regressor of a single series (in each scheme it
        takes), 1 for a given regressor and 1 for the global network of a panel of
        several series (more gained nothing on its validation tails;
        ``docs/many-series.md``).
    validation_steps : int or "auto", default="auto"
        Length of the validation tail that chooses the default regressor's epochs (0: no
        validation, 64 epochs); "auto" is the largest step of ``fh`` in fit, else one
        season (6 steps without a season). Ignored with a given regressor.
    update_epochs : int, default=2
        Epochs of ``partial_fit`` per ``update(update_params=True)``.
    random_state : int, RandomState instance or None, default=None
        Seeds the members (member 0 gets it as is).
    panel : {"global", "local"}, default="global"
        For a panel ``y`` (and its ``X``, per series): one network on all series' windows
        (its own per-series scaling: explicit ``transform``, ``deseasonalize``,
        ``difference_*`` or ``scaler`` values are not used, with a warning), or one fit
        per series.
    finetune_epochs : int, default=0
        Epochs ``fit`` trains a ``pretrain``-ed network on its series (0: zero-shot).

    Attributes
    ----------
    sp_, transform_, deseasonalize_, difference_lag_, difference_order_, lags_ : object
        The settings of one series, explicit or chosen (a panel: ``sp_`` and ``lags_``);
        :meth:`summary` lists them. ``seasonal_``: the seasonal indices (phase 0 = row 0).
    scheme_ : {"series", "global", "combined", "local"}
        How one series was fitted (``_schemes.choose_scheme``; "combined": by both
        schemes, the mean of their forecasts, the settings attributes the series
        scheme's); a panel: "global" (or "local" after ``panel="local"``).
    epochs_ : int or None
        Epochs each member trained (None when the regressor has no ``epochs``).
    validation_scores_ : dict
        Score on the validation tails per candidate epoch count ({} if none): the mean
        absolute error of one series; over a panel the mean of each series' MAE divided
        by its mean absolute level.
    regressors_ : list of regressor
        The fitted members; ``regressor_`` is the first.
    differencers_, scaler_, exog_scaler_ : list of Differencer, transformer or None
        The difference chain and the scalers fitted on the differences and ``X``.
    n_exog_ : int
        Exogenous columns seen in ``fit``.
    horizon_ : int
        Steps predicted by one regressor call (1 for ``strategy="recursive"``).

    See Also
    --------
    walk_forward_forecast : The one-step walk-forward protocol over a test series.
    skltsm.StackedLSTMRegressor : The default regressor.

    Examples
    --------
    >>> from sklearn.linear_model import Ridge
    >>> from skltsm.datasets import load_shampoo_sales
    >>> from skltsm.forecasting import LSTMForecaster
    >>> y = load_shampoo_sales()
    >>> forecaster = LSTMForecaster(Ridge(), lags=2, transform=None).fit(y.iloc[:24])
    >>> forecaster.predict(fh=[1, 2, 3]).round(1)
    Period
    1993-01    310.2
    1993-02    338.7
    1993-03    333.6
    Freq: M, Name: Number of shampoo sales, dtype: float64
    >>> forecaster.summary()["sp"], forecaster.summary()["difference_lag"]
    (12, (1,))
    """

    _tags = {
        "authors": ["skltsm developers"],
        "maintainers": ["skltsm developers"],
        "python_dependencies": ["keras>=3"],
        "y_inner_mtype": "pd.Series",
        "X_inner_mtype": "pd.DataFrame",
        "capability:multivariate": False,
        "capability:exogenous": True,
        "capability:insample": False,
        "capability:pred_int": True,
        "capability:update": True,
        "capability:non_contiguous_X": False,
        "capability:categorical_in_X": False,
        "capability:random_state": True,
        "property:randomness": "derandomized",
        "requires-fh-in-fit": False,
        **PANEL_TAGS,  # panels and hierarchies in the inner methods; pretrain
    }
    # We keep our own history (for update_params=True); sktime's copy is not needed.
    _config = {"remember_data": False}
    # sktime creates _y/_X in __init__ only when remember_data is already True: defaults
    # keep a later set_config(remember_data=True) from failing on them.
    _y = _X = None

    _parameter_constraints = {
        "regressor": [HasMethods(["fit", "predict"]), None],
        "sp": [Interval(Integral, 1, None, closed="left"), None, _AUTO],
        "transform": [StrOptions({"auto", "log"}), None],
        "deseasonalize": ["boolean", _AUTO],
        "difference_lag": [Interval(Integral, 1, None, closed="left"), tuple, list, _AUTO],
        "difference_order": [Interval(Integral, 0, None, closed="left"), _AUTO],
        "lags": [Interval(Integral, 1, None, closed="left"), _AUTO],
        "scaler": [StrOptions({"minmax"}), HasMethods(["fit", "transform"]), None],
        "strategy": [StrOptions({"recursive", "direct"})],
        "horizon": [Interval(Integral, 1, None, closed="left"), None],
        "ensemble_size": [Interval(Integral, 1, None, closed="left"), _AUTO],
        "validation_steps": [Interval(Integral, 0, None, closed="left"), _AUTO],
        "update_epochs": [Interval(Integral, 0, None, closed="left")],
        "random_state": ["random_state"],
        **PANEL_CONSTRAINTS,
    }

    def __init__(
        self,
        regressor=None,
        *,
        sp="auto",
        transform="auto",
        deseasonalize="auto",
        difference_lag="auto",
        difference_order="auto",
        lags="auto",
        scaler="minmax",
        strategy="recursive",
        horizon=None,
        ensemble_size="auto",
        validation_steps="auto",
        update_epochs=2,
        random_state=None,
        panel="global",
        finetune_epochs=0,
    ):
        self.regressor = regressor
        self.sp = sp
        self.transform = transform
        self.deseasonalize = deseasonalize
        self.difference_lag = difference_lag
        self.difference_order = difference_order
        self.lags = lags
        self.scaler = scaler
        self.strategy = strategy
        self.horizon = horizon
        self.ensemble_size = ensemble_size
        self.validation_steps = validation_steps
        self.update_epochs = update_epochs
        self.random_state = random_state
        self.panel, self.finetune_epochs = panel, finetune_epochs
        super().__init__()

    # -- sktime hooks: one path for a series and a panel -----------------------------------

    def _fit(self, y, X, fh):
        self._validate_params()
        pretrained = getattr(self, "pretrained_model_", None)
        if pretrained is not None:  # its horizon is the pretraining's
            return self._fit_pretrained(y, X, fh, pretrained)
        self.horizon_ = fitting.resolve_horizon(self.strategy, self.horizon, fh, self._origin())
        if self.panel == "local" and not isinstance(y, pd.Series):
            return self._fit_local(y, X, fh)
        many = not isinstance(y, pd.Series) and y.index.droplevel(-1).nunique() > 1
        if many:  # a panel of one series is fitted as that series alone
            self._warn_unused_settings()
            return self._fit_panel(y, X, fh, scheme="global")
        return self._fit_series(y, X, fh)

    def _fit_panel(self, y, X, fh, scheme, validated=None):
        """Fit every series' transforms, then one network (ensemble) on their windows."""
        keys, values, indexes, column = pn.split_panel(y)
        xs = [
            None if X is None else self._exog_rows(X, k, i, "fit")
            for k, i in zip(keys, indexes, strict=True)
        ]
        for v in values:
            idx.check_finite(v, "y")
        self._mode = "series" if scheme == "series" else "global"
        self._companion = None  # a combined fit sets the global part after (_schemes)
        self.n_exog_ = 0 if X is None else X.shape[1]
        if scheme == "series":
            plan = self._series_scheme(values[0], indexes[0], fh)
        else:
            model = getattr(self, "pretrained_model_", None) if scheme == "pretrained" else None
            sp, lags = (model["sp"], model["lags"]) if model else (None, None)
            plan = self._global_scheme(values, indexes, fh, sp, lags)
        self._meta = {
            "keys": keys,
            "names": None if keys == [None] else list(y.index.names),
            "column": column,
            "freqs": [idx.index_freq(i) for i in indexes],
            "last": [i[-1] for i in indexes],
            "tails": [i[-2:] for i in indexes],
        }
        self._values = list(values)  # series.extend copies them on the first update
        self._states = [
            series.fit(v, x, *st) for v, x, st in zip(values, xs, plan["settings"], strict=True)
        ]
        if scheme == "pretrained":
            self.regressors_ = [copy.deepcopy(m) for m in model["members"]]
            self._calibration, self.ensemble_size_ = model["calibration"], len(model["members"])
            self.epochs_, self.validation_scores_, self.validation_steps_ = None, {}, 0
        else:
            self._fit_members(values, xs, plan, validated)
        self._lstm_states = fitting.start_states(self.regressors_, self._states, self.horizon_)
        return self

    def _fit_members(self, values, xs, plan, validated=None):
        seeds = reg.member_seeds(self.random_state, self._n_members(plan["n_members"]))
        template, tail = self.regressor, None
        if template is None:
            template, tail = validated or self._validated_template(values, xs, plan, seeds)
        self.validation_scores_ = {} if tail is None else tail["scores"]
        self.validation_steps_ = 0 if tail is None else plan["n_val"]
        windows, targets = pn.training_rows(self._states, self.horizon_, plan["max_windows"])
        direct = self.strategy == "direct"
        self.regressors_ = fitting.fit_members(
            template, seeds, self.lags_, direct, windows, targets
        )
        self.ensemble_size_ = len(seeds)
        self.epochs_ = self.regressor_.get_params().get("epochs")
        # one series' intervals calibrate on rolling origins when first asked (_intervals)
        self._calibration = (
            None
            if self._mode == "series"
            else self._global_calibration(tail, values, xs, plan, seeds)
        )

    def _predict(self, fh, X):
        if self._mode == "local":
            return self._predict_local(fh, X)
        steps, forecasts = self._part_forecasts(fh, X)
        return self._framed(fh, steps, combined.mean(forecasts))

    def _part_forecasts(self, fh, X):
        """Return fh's relative steps and each part's forecasts at them (n_series, n_steps).

        One part, or two for a combined fit: this fit's and the global part's.
        """
        steps = fh.to_relative(self.cutoff).to_numpy()
        n_steps = idx.forecast_steps(steps, self.strategy, self.horizon_)
        direct = self.strategy == "direct"
        x_futures = self._future_exog(X, fh, 1 if direct else n_steps)
        f = fitting.forecast(
            self.regressors_, self._lstm_states, self._states, x_futures, n_steps, direct
        )
        forecasts = [f[:, steps - 1]]
        if (part := self._global_part()) is not None:
            forecasts.append(combined.forecast(part, n_steps, direct)[:, steps - 1])
        return steps, forecasts

    def _framed(self, fh, steps, f):
        """Return the forecasts ``f`` (n_series, len(steps)) on each series' index."""
        if (meta := self._meta)["keys"] == [None]:
            index = fh.to_absolute_index(self.cutoff).rename(meta["tails"][0].name)
            return pd.Series(f[0], index=index, name=meta["column"])
        return pn.to_frame(
            meta["keys"], meta["tails"], list(f), steps, meta["names"], meta["column"]
        )

    def _update(self, y, X=None, update_params=True):
        if self._mode == "local":
            raise NotImplementedError("LSTMForecaster: update after a panel='local' fit")
        meta = self._meta
        keys, values, indexes, _ = pn.split_panel(y)
        position = {k: i for i, k in enumerate(meta["keys"])}
        added = {}
        for key, v, index in zip(keys, values, indexes, strict=True):
            i = position[key]
            y_i = pd.Series(v, index=index)
            y_new = idx.new_observations(y_i, meta["last"][i], meta["freqs"][i], self._values[i])
            if len(y_new):
                added[i] = self._append(i, y_new, X, key)
        self._restore_cutoff_freq(meta["freqs"][0])
        if not added:
            return self
        if update_params and self.update_epochs > 0:
            self._train_more(self.update_epochs)
            self._lstm_states = fitting.start_states(self.regressors_, self._states, self.horizon_)
        else:
            self._carry_lstm_states(added)
        return self

    def _train_more(self, epochs):
        if (part := self._global_part()) is not None:
            combined.train_more(part, self.horizon_, epochs)
        max_windows = None if self._mode == "series" else pn.GLOBAL_MAX_WINDOWS
        try:
            windows, targets = pn.training_rows(self._states, self.horizon_, max_windows)
        except ValueError:
            return  # too short to train on: forecast as fitted
        fitting.train_more(self.regressors_, windows, targets, epochs)

    @classmethod
    def get_test_params(cls, parameter_set="default"):
        """Return tiny parameter sets for sktime's conformance tests.

        Parameters
        ----------
        parameter_set : str, default="default"
            Name of the set; only "default" exists.

        Returns
        -------
        params : list of dict
            Each dict builds a fast instance with ``cls(**params)``.
        """
        from sklearn.linear_model import Ridge, SGDRegressor

        from skltsm.regression import StatefulLSTMRegressor

        # Tiny stateful LSTM, SGD (partial_fit), direct Ridge, Ridge ensemble all "auto".
        tiny_lstm = StatefulLSTMRegressor(units=2, epochs=2, random_state=0)
        return [
            {"regressor": tiny_lstm, "update_epochs": 1, "lags": 1},
            {"regressor": SGDRegressor(random_state=0), "lags": 2, "update_epochs": 1},
            {"regressor": Ridge(), "strategy": "direct", "horizon": 5, "difference_order": 0},
            {"regressor": Ridge(), "ensemble_size": 2},
        ]
