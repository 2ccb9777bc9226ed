"""LSTMForecaster: a thin sktime shell over the per-series functions of ``_series``."""

from numbers import Integral

import numpy as np
import pandas as pd
from sklearn.utils._param_validation import (
    HasMethods,
    Interval,
    StrOptions,
    validate_parameter_constraints,
)
from sktime.forecasting.base import BaseForecaster, ForecastingHorizon

from skltsm.forecasting import _fitting as fitting
from skltsm.forecasting import _index as idx
from skltsm.forecasting import _regressor as reg
from skltsm.forecasting import _series as series
from skltsm.forecasting import _settings as settings_mod
from skltsm.forecasting import _supervised as sup
from skltsm.forecasting._fitted import FittedStateMixin
from skltsm.forecasting._global import PANEL_CONSTRAINTS, PANEL_TAGS, GlobalMixin
from skltsm.forecasting._intervals import IntervalMixin

# Networks in the default ensemble, chosen on validation tails (docs/forecaster-guide.md).
DEFAULT_ENSEMBLE_SIZE = 5
_AUTO = StrOptions({"auto"})


class LSTMForecaster(IntervalMixin, FittedStateMixin, GlobalMixin, BaseForecaster):
    """Forecast a series with an LSTM (or any regressor); settings chosen from the data.

    ``fit(y)`` resolves every "auto" parameter from the training series (seasonal period
    from the index, log transform, deseasonalising, differencing, window length), fits
    those transforms on the training data only, and trains an ensemble of networks on
    windows of the scaled differences; with the default regressor a validation tail of
    the training series picks the number of epochs first. ``predict(fh)`` returns the
    median of the members' forecasts on the original scale. Explicit parameter values are
    honoured exactly. The user guide (``docs/forecaster-guide.md``) explains the protocols,
    exogenous windows, the LSTM state and how each default was chosen. Intervals
    (``predict_interval``, ``predict_quantiles``, ``predict_var``) are conformal, from
    rolling origins inside the training series (:mod:`skltsm.forecasting._intervals`).

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
        "auto" is 5 for the default regressor of a single series, 1 for a given regressor
        and 1 for the global network of a panel (more gained nothing on its validation
        tails; ``docs/many-series.md``).
    validation_steps : int or "auto", default="auto"
        Length of the validation tail that chooses the default regressor's epochs (0: no
        validation, 64 epochs); "auto" is the largest step of ``fh`` in fit, else one
        season (6 steps without a season). Ignored with a given regressor.
    update_epochs : int, default=2
        Epochs of ``partial_fit`` per ``update(update_params=True)``.
    random_state : int, RandomState instance or None, default=None
        Seeds the members (member 0 gets it as is).
    panel : {"global", "local"}, default="global"
        For a panel ``y``: one network on all series' windows (its own per-series scaling:
        explicit ``transform``, ``deseasonalize``, ``difference_*`` or ``scaler`` values
        are not used, with a warning), or one fit per series.
    finetune_epochs : int, default=0
        Epochs ``fit`` trains a ``pretrain``-ed network on its series (0: zero-shot).

    Attributes
    ----------
    sp_, transform_, deseasonalize_, difference_lag_, difference_order_, lags_ : object
        The settings used, explicit or chosen; :meth:`summary` lists them all.
    seasonal_ : ndarray of shape (sp_,) or None
        Seasonal indices subtracted from the transformed series (phase 0 = first row).
    epochs_ : int or None
        Epochs each member trained (None when the regressor has no ``epochs``).
    validation_scores_ : dict
        Score on the validation tail per candidate epoch count ({} if none): mean
        absolute error for a single series, mean sMAPE over the series of a global fit.
    regressors_ : list of regressor
        The fitted members; ``regressor_`` is the first.
    differencers_ : list of Differencer
        The fitted difference chain.
    scaler_, exog_scaler_ : transformer or None
        Fitted on the training differences and ``X``.
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
    # sktime creates _y/_X in __init__ only when remember_data is already True; these
    # defaults keep a later set_config(remember_data=True) from failing on them.
    _y = None
    _X = None

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

    # -- sktime hooks -------------------------------------------------------------------

    def _fit_series(self, y, X, fh):
        params = {k: getattr(self, k) for k in self._parameter_constraints}
        validate_parameter_constraints(self._parameter_constraints, params, "LSTMForecaster")
        self.horizon_ = fitting.resolve_horizon(self.strategy, self.horizon, fh, self.cutoff)
        self._check_length(len(y), settings_mod.smallest(params))  # before y.index[-1]
        self._index_freq = idx.index_freq(y.index)
        self._y_name, self._index_name = y.name, y.index.name
        self._y_seen = y.to_numpy(dtype=np.float64)
        idx.check_finite(self._y_seen, "y")
        x = None if X is None else X.to_numpy(dtype=np.float64)
        if x is not None:
            idx.check_finite(x, "X")
        self._last_index = y.index[-1]
        self.n_exog_ = 0 if X is None else X.shape[1]
        settings = settings_mod.resolve(params, self._y_seen, y.index)
        self._check_length(len(y), settings)
        vars(self).update({f"{k}_": v for k, v in settings.items() if k != "scaler"})
        self.seasonal_ = settings_mod.seasonal_indices(settings, self._y_seen)
        self._series = series.fit(self._y_seen, x, settings, self.seasonal_)
        self._fit_members(x, fh)
        return self

    def _fit_members(self, x, fh):
        state = self._series
        windows, targets = series.supervised(state, self.horizon_)
        template = self._template(x, fh)
        n_members = self.ensemble_size
        if n_members == "auto":
            n_members = DEFAULT_ENSEMBLE_SIZE if self.regressor is None else 1
        seeds = reg.member_seeds(self.random_state, n_members)
        self.regressors_ = fitting.fit_members(
            template, seeds, self.lags_, self.strategy == "direct", windows[: len(targets)], targets
        )
        self.ensemble_size_ = n_members
        self.epochs_ = self.regressor_.get_params().get("epochs")
        self._lstm_states = [reg.start_state(m, windows[len(targets) :]) for m in self.regressors_]

    def _template(self, x, fh):
        """Return the regressor to clone: the user's, or the default with chosen epochs."""
        self.validation_scores_, self.validation_steps_ = {}, 0
        if self.regressor is not None:
            return self.regressor
        wanted = self.validation_steps
        if wanted == "auto":
            wanted = self.sp_ or 6 if fh is None else int(fh.to_relative(self.cutoff).max())
        if self.strategy == "direct":
            wanted = min(wanted, self.horizon_)
        settings = self._settings()
        n_val = fitting.validation_size(len(self._y_seen), wanted, settings, self.horizon_)
        seed = reg.member_seeds(self.random_state, 1)[0]
        epochs, self.validation_scores_ = fitting.choose_epochs(
            self._y_seen, x, settings, n_val, seed, self.horizon_
        )
        self.validation_steps_ = n_val
        return reg.default_lstm(self.lags_, epochs)

    def _predict_series(self, fh, X):
        steps = fh.to_relative(self.cutoff).to_numpy()
        if (steps < 1).any():
            raise ValueError(
                f"LSTMForecaster: fh must be out of sample (steps >= 1 after the cutoff); "
                f"got relative steps {steps.tolist()}"
            )
        n_steps = int(steps.max())
        idx.check_steps(n_steps)
        if self.strategy == "direct" and n_steps > self.horizon_:
            raise ValueError(
                f"LSTMForecaster: fh reaches {n_steps} steps ahead, but strategy='direct' "
                f"was fitted for horizon={self.horizon_} steps; refit with a larger horizon"
            )
        n_exog_steps = 1 if self.strategy == "direct" else n_steps
        x_future = self._future_exog(X, fh, n_exog_steps)
        direct = self.strategy == "direct"
        values = fitting.forecast(
            self.regressors_, self._lstm_states, self._series, x_future, n_steps, direct
        )[steps - 1]
        index = fh.to_absolute_index(self.cutoff).rename(self._index_name)
        return pd.Series(values, index=index, name=self._y_name)

    def _update_series(self, y, X=None, update_params=True):
        freq = getattr(self, "_index_freq", None)
        y_new = idx.new_observations(y, self._last_index, freq, self._y_seen)
        self._restore_cutoff_freq(freq)
        if not len(y_new):
            return self
        idx.check_finite(y_new.to_numpy(dtype=np.float64), "update's y")
        n_rows = len(self._series["z"])
        self._append(y_new, X)
        if update_params and self.update_epochs > 0:
            windows, targets = series.supervised(self._series, self.horizon_)
            fitting.train_more(
                self.regressors_, windows[: len(targets)], targets, self.update_epochs
            )
            pending = windows[len(targets) :]
            self._lstm_states = [reg.start_state(m, pending) for m in self.regressors_]
        elif any(s is not None for s in self._lstm_states):
            new = len(self._series["z"]) - n_rows
            windows = series.features(self._series, self.lags_ + new)
            windows = sup.frame_windows(windows, self.lags_).reshape(new, self.lags_, -1)
            self._lstm_states = [
                reg.carry_state(m, s, windows)
                for m, s in zip(self.regressors_, self._lstm_states, strict=True)
            ]
        return self

    def _check_fh(self, fh, *args, **kwargs):
        # sktime materialises fh=n as the steps 1..n: refuse an absurd n before it does.
        idx.check_fh_size(fh)
        return super()._check_fh(fh, *args, **kwargs)

    def _restore_cutoff_freq(self, freq):
        # A one-row update without index freq would leave the cutoff without one, and
        # sktime could then not place the next forecast in time.
        cutoff = self._cutoff
        if isinstance(cutoff, pd.DatetimeIndex) and cutoff.freq is None and freq is not None:
            self._set_cutoff(pd.DatetimeIndex(cutoff, freq=freq))

    # -- training and data bookkeeping ---------------------------------------------------

    def _check_length(self, n_samples, settings):
        shown = {
            k: settings[k] if getattr(self, k) == "auto" else getattr(self, k)
            for k in ("lags", "difference_lag", "difference_order")
        }
        params = ", ".join(f"{k}={v}" for k, v in shown.items()) + f", horizon={self.horizon_}"
        sup.check_length(n_samples, params, series.minimum_length(settings, self.horizon_))

    def _future_exog(self, X, fh, n_steps):
        if not self.n_exog_:
            return None
        relative = ForecastingHorizon(np.arange(1, n_steps + 1), is_relative=True, freq=fh.freq)
        index = relative.to_absolute_index(self.cutoff)
        if X is None or not index.isin(X.index).all():
            raise ValueError(
                f"LSTMForecaster: fitted with exogenous X, so predict needs X for the "
                f"{n_steps} step(s) after the cutoff ({index[0]} to {index[-1]})"
            )
        return series._scale(self.exog_scaler_, X.loc[index].to_numpy(dtype=np.float64), False)

    def _append(self, y_new, X):
        x_new = None
        if self.n_exog_:
            if X is None or not y_new.index.isin(X.index).all():
                raise ValueError(
                    "LSTMForecaster: fitted with exogenous X, so update needs X for every "
                    "new observation of y"
                )
            x_new = X.loc[y_new.index].to_numpy(dtype=np.float64)
        values = y_new.to_numpy(dtype=np.float64)
        self._y_seen = series.extend(self._y_seen, values)
        series.append(self._series, values, x_new)
        self._last_index = y_new.index[-1]

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
