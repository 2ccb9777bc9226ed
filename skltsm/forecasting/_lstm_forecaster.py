"""LSTMForecaster: series -> supervised rows -> regressor -> forecasts on the original scale."""

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

from skltsm.forecasting import _differencing as diff
from skltsm.forecasting import _index as idx
from skltsm.forecasting import _supervised as sup
from skltsm.forecasting._regressor import (
    forecast_scaled,
    prepare_regressor,
    start_state,
    walker_at,
)


class LSTMForecaster(BaseForecaster):
    """Forecast a series with an LSTM (or any regressor) on its scaled differences.

    The shampoo-sales tutorial as one sktime forecaster. ``fit(y)`` differences ``y``
    (:class:`~skltsm.preprocessing.Differencer`), scales the differences (the tutorial's
    ``MinMaxScaler((-1, 1))``), frames windows of the last ``lags`` steps
    (:class:`~skltsm.preprocessing.LagFramer`) and fits the regressor on them; all these
    transforms are fitted on the training data only, and the undefined leading rows
    (``sum(difference_lag) * difference_order`` after differencing, then ``lags``) are
    dropped.
    ``predict(fh)`` returns forecasts on the original scale, indexed like ``y``.

    Two evaluation protocols, both supported:

    * **one-step walk-forward with true lags**: ``predict(fh=1)``, then ``update`` with the
      true value, repeat (the tutorial's protocol; see :func:`walk_forward_forecast`).
      ``update(y_new, update_params=False)`` moves the forecast origin without training:
      the Differencers are re-anchored on the new values, the window of the last ``lags``
      steps advances with them, and a stateful regressor carries its LSTM state over them.
      ``update_params=True`` also trains ``update_epochs`` more epochs (``partial_fit``)
      on all supervised rows seen so far, or refits a regressor without ``partial_fit``.
    * **h-step forecast from the end of training**: ``predict(fh=[1, ..., h])`` with no
      update. With ``strategy="recursive"`` each predicted (scaled) difference is fed
      back into the window for the next step; ``strategy="direct"`` predicts all
      ``horizon`` steps at once with one multi-output regressor.

    A regressor with ``walk_forward`` (:class:`~skltsm.StatefulLSTMRegressor`) predicts
    with the LSTM state at the cutoff, as its ``walk_forward()`` starts it and ``update``
    carries it; ``predict`` works on a copy, so calling it twice gives identical output.

    Exogenous ``X`` adds per-step features, lagged like ``y``: the window step holding
    the difference at ``t - 1`` also holds ``X`` at ``t``, so the last step carries ``X`` at
    the target time, and forecasting ``h`` steps needs ``X`` for those ``h`` steps::

        time:          t-3        t-2        t-1        t
        features:   [z, x_t-2] [z, x_t-1] [z, x_t ]  -> target z_t      (lags=3)

    Parameters
    ----------
    regressor : scikit-learn regressor or None, default=None
        Fitted on windows of shape ``(n, lags * n_features)``; a clone is used. A regressor
        with a ``timesteps`` parameter (the skltsm LSTMs) gets ``timesteps=lags``, so it
        sees ``(lags, n_features)`` windows. None uses ``StatefulLSTMRegressor(neurons=4)``
        trained for about 1000 batch-1 steps, ``epochs=round(1000 / n_rows)`` for
        ``n_rows`` training windows (45 on the 24-month shampoo training series): short
        training forecast best on small series (see ``benchmarks/bench_accuracy.py``).
    lags : int, default=1
        Past steps in each window.
    difference_lag : int or tuple of int, default=1
        Lag of the differences (12 removes a monthly season). A tuple applies several in
        turn: ``(1, 12)`` takes a first then a seasonal difference (the airline series).
    difference_order : int, default=1
        Times each difference is applied; 0 turns differencing off.
    scaler : "minmax", scikit-learn transformer or None, default="minmax"
        Scaling of the differences (and of ``X``, with a separate clone): "minmax" is
        ``MinMaxScaler(feature_range=(-1, 1))``; None does not scale.
    strategy : {"recursive", "direct"}, default="recursive"
        How forecasts past one step are made.
    horizon : int or None, default=None
        Steps predicted at once by ``strategy="direct"``; None takes the largest step of
        the ``fh`` passed to ``fit``. Ignored by ``strategy="recursive"``.
    update_epochs : int, default=2
        Epochs of ``partial_fit`` per ``update(update_params=True)``; the tutorial
        author's follow-up found 2 more epochs per step helped (RMSE 99.6 vs 109.6).
    random_state : int, RandomState instance or None, default=None
        When not None, set as the regressor's ``random_state``.

    Attributes
    ----------
    regressor_ : regressor
        The fitted clone of ``regressor``.
    differencers_ : list of Differencer
        One per lag, each fitted on the previous one's training output and re-anchored by
        ``update``; empty when ``difference_order=0``.
    scaler_ : transformer or None
        Fitted on the training differences.
    exog_scaler_ : transformer or None
        Fitted on the training ``X``.
    n_exog_ : int
        Number of exogenous columns seen in ``fit`` (0 without ``X``).
    horizon_ : int
        Steps predicted by one regressor call (1 for ``strategy="recursive"``).

    Notes
    -----
    Each row of ``y`` is one step of a regular series (a PeriodIndex, a DatetimeIndex with
    a frequency, or consecutive integers); ``update`` must continue right after the cutoff
    (it may repeat the newest observations unchanged), and ``fh`` may reach at most 100000
    steps ahead. Anything else raises a ValueError naming the input.

    In sktime's ``ForecastingGridSearchCV`` pass ``backend=None`` for small grids: its
    default process pool imports TensorFlow again in every worker (46 s against 9 s for
    five tiny fits, measured here). For large grids, ``backend="dask"`` with an open
    ``distributed.Client`` runs one candidate per worker process, on one machine or many.

    See Also
    --------
    walk_forward_forecast : The one-step walk-forward protocol over a test series.
    skltsm.StatefulLSTMRegressor : The default regressor.

    Examples
    --------
    >>> from sklearn.linear_model import Ridge
    >>> from skltsm.datasets import load_shampoo_sales
    >>> from skltsm.forecasting import LSTMForecaster
    >>> y = load_shampoo_sales()
    >>> forecaster = LSTMForecaster(Ridge(), lags=2).fit(y.iloc[:24])
    >>> forecaster.predict(fh=[1, 2, 3]).round(1)
    Period
    1993-01    310.2
    1993-02    338.7
    1993-03    333.6
    Freq: M, Name: Number of shampoo sales, dtype: float64
    >>> _ = forecaster.update(y.iloc[24:25], update_params=False)
    >>> forecaster.predict(fh=1).index[0]
    Period('1993-02', 'M')

    The default regressor, a small stateful LSTM, trains in a second or two; the airline
    series wants a log, a first and a seasonal difference and a year of lags:

    >>> lstm = LSTMForecaster(random_state=0).fit(y.iloc[:24])  # doctest: +SKIP
    >>> from sktime.forecasting.compose import TransformedTargetForecaster
    >>> from sktime.transformations.series.boxcox import LogTransformer
    >>> airline = TransformedTargetForecaster(  # doctest: +SKIP
    ...     [("log", LogTransformer()), ("lstm", LSTMForecaster(difference_lag=(1, 12), lags=13))]
    ... )
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
        "capability:pred_int": False,
        "capability:update": True,
        "capability:non_contiguous_X": False,
        "capability:categorical_in_X": False,
        "capability:random_state": True,
        "property:randomness": "derandomized",
        "requires-fh-in-fit": False,
    }
    # We keep our own history (for update_params=True); sktime's copy is not needed.
    _config = {"remember_data": False}
    # sktime creates _y/_X in __init__ only when remember_data is already True; these
    # defaults keep a later set_config(remember_data=True) from failing on them.
    _y = None
    _X = None

    _parameter_constraints = {
        "regressor": [HasMethods(["fit", "predict"]), None],
        "lags": [Interval(Integral, 1, None, closed="left")],
        "difference_lag": [Interval(Integral, 1, None, closed="left"), tuple, list],
        "difference_order": [Interval(Integral, 0, None, closed="left")],
        "scaler": [StrOptions({"minmax"}), HasMethods(["fit", "transform"]), None],
        "strategy": [StrOptions({"recursive", "direct"})],
        "horizon": [Interval(Integral, 1, None, closed="left"), None],
        "update_epochs": [Interval(Integral, 0, None, closed="left")],
        "random_state": ["random_state"],
    }

    def __init__(
        self,
        regressor=None,
        *,
        lags=1,
        difference_lag=1,
        difference_order=1,
        scaler="minmax",
        strategy="recursive",
        horizon=None,
        update_epochs=2,
        random_state=None,
    ):
        self.regressor = regressor
        self.lags = lags
        self.difference_lag = difference_lag
        self.difference_order = difference_order
        self.scaler = scaler
        self.strategy = strategy
        self.horizon = horizon
        self.update_epochs = update_epochs
        self.random_state = random_state
        super().__init__()

    # -- sktime hooks -------------------------------------------------------------------

    def _fit(self, y, X, fh):
        params = {k: getattr(self, k) for k in self._parameter_constraints}
        validate_parameter_constraints(self._parameter_constraints, params, "LSTMForecaster")
        self.horizon_ = self._resolve_horizon(fh)
        self._check_length(len(y))
        self._index_freq = idx.index_freq(y.index)
        self._y_name, self._index_name = y.name, y.index.name
        self._y_seen = y.to_numpy(dtype=np.float64)
        idx.check_finite(self._y_seen, "y")
        self._X_seen = None if X is None else X.to_numpy(dtype=np.float64)
        if X is not None:
            idx.check_finite(self._X_seen, "X")
        self._last_index = y.index[-1]
        self.n_exog_ = 0 if X is None else X.shape[1]
        self._fit_transforms()
        windows, targets = self._supervised_rows()
        self.regressor_ = prepare_regressor(
            self.regressor, self.lags, self.random_state, self.strategy == "direct", len(targets)
        )
        self.regressor_.fit(windows[: len(targets)], targets)
        self._lstm_state = start_state(self.regressor_, windows[len(targets) :])
        return self

    def _predict(self, fh, X):
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
        window = self._features()[-self.lags :].copy()
        if x_future is not None:
            window[-1, 1:] = x_future[0]
        walker = walker_at(self.regressor_, self._lstm_state)
        predict = self.regressor_.predict if walker is None else walker.predict
        z = forecast_scaled(predict, window, x_future, n_steps, self.strategy == "direct")
        values = self._inverse(z)[steps - 1]
        index = fh.to_absolute_index(self.cutoff).rename(self._index_name)
        return pd.Series(values, index=index, name=self._y_name)

    def _update(self, y, X=None, update_params=True):
        freq = getattr(self, "_index_freq", None)
        y_new = idx.new_observations(y, self._last_index, freq, self._y_seen)
        self._restore_cutoff_freq(freq)
        if not len(y_new):
            return self
        idx.check_finite(y_new.to_numpy(dtype=np.float64), "update's y")
        self._append(y_new, X)
        windows, targets = self._supervised_rows()
        if update_params and self.update_epochs > 0:
            self._train_more(windows[: len(targets)], targets)
            self._lstm_state = start_state(self.regressor_, windows[len(targets) :])
        elif self._lstm_state is not None:
            walker = walker_at(self.regressor_, self._lstm_state)
            walker.predict(windows[-len(y_new) :])
            self._lstm_state = [s.copy() for s in walker.state]
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

    # -- transforms ---------------------------------------------------------------------

    @property
    def _n_undefined(self):
        return diff.n_undefined(diff.as_lags(self.difference_lag), self.difference_order)

    def _fit_transforms(self):
        lags = diff.as_lags(self.difference_lag)
        self.differencers_ = diff.fit_chain(
            self._y_seen.reshape(-1, 1), lags, self.difference_order
        )
        self.scaler_ = sup.make_scaler(self.scaler)
        if self.scaler_ is not None:
            self.scaler_.fit(self._diffs(self._y_seen))
        self.exog_scaler_ = None if self.n_exog_ == 0 else sup.make_scaler(self.scaler)
        if self.exog_scaler_ is not None:
            self.exog_scaler_.fit(self._X_seen)

    def _diffs(self, y):
        """Return the defined differences of ``y`` as one column (no scaling)."""
        return diff.difference(self.differencers_, y.reshape(-1, 1))

    def _scaled_diffs(self, y):
        diffs = self._diffs(y)
        return (diffs if self.scaler_ is None else self.scaler_.transform(diffs)).ravel()

    def _scaled_exog(self, X):
        return X if self.exog_scaler_ is None else self.exog_scaler_.transform(X)

    def _inverse(self, z):
        """Map scaled differences continuing after the cutoff to the original scale."""
        values = np.asarray(z, dtype=np.float64).reshape(-1, 1)
        if self.scaler_ is not None:
            values = self.scaler_.inverse_transform(values)
        values = diff.undifference(self.differencers_, values)
        return np.asarray(values, dtype=np.float64).ravel()

    def _features(self):
        """Per-step features of the observed steps; the last row's X is a placeholder."""
        xs = None
        if self.n_exog_:
            xs = self._scaled_exog(self._X_seen)[self._n_undefined :]
            xs = np.vstack([xs, np.zeros((1, self.n_exog_))])
        return sup.step_features(self._scaled_diffs(self._y_seen), xs)

    def _supervised_rows(self):
        """Return all windows (up to the cutoff) and the targets of the leading ones."""
        F = self._features()
        windows = sup.frame_windows(F, self.lags)
        if self.strategy == "direct":
            return windows, sup.multi_step_targets(F[:, 0], self.lags, self.horizon_)
        return windows, F[self.lags :, 0]

    # -- training and data bookkeeping ---------------------------------------------------

    def _train_more(self, windows, targets):
        if hasattr(self.regressor_, "partial_fit"):
            for _ in range(self.update_epochs):
                self.regressor_.partial_fit(windows, targets)
        else:
            self.regressor_.fit(windows, targets)

    def _resolve_horizon(self, fh):
        if self.strategy == "recursive":
            return 1
        if self.horizon is not None:
            return int(self.horizon)
        if fh is None:
            raise ValueError(
                "LSTMForecaster: strategy='direct' needs the number of steps to predict; "
                "set horizon=<int> or pass fh to fit"
            )
        horizon = int(fh.to_relative(self.cutoff).to_numpy().max())
        idx.check_steps(horizon)
        return horizon

    def _check_length(self, n_samples):
        params = (
            f"lags={self.lags}, difference_lag={self.difference_lag}, "
            f"difference_order={self.difference_order}, horizon={self.horizon_}"
        )
        minimum = sup.minimum_length(self.lags, self._n_undefined, self.horizon_)
        sup.check_length(n_samples, params, minimum)

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
        return self._scaled_exog(X.loc[index].to_numpy(dtype=np.float64))

    def _append(self, y_new, X):
        if self.n_exog_:
            if X is None or not y_new.index.isin(X.index).all():
                raise ValueError(
                    "LSTMForecaster: fitted with exogenous X, so update needs X for every "
                    "new observation of y"
                )
            X_new = X.loc[y_new.index].to_numpy(dtype=np.float64)
            self._X_seen = np.vstack([self._X_seen, X_new])
        values = y_new.to_numpy(dtype=np.float64)
        self._y_seen = np.concatenate([self._y_seen, values])
        diff.update_chain(self.differencers_, self._y_seen.reshape(-1, 1), len(values))
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

        # Three cheap sets: a tiny stateful LSTM, an SGDRegressor (partial_fit without
        # keras) and a direct multi-output Ridge without differencing.
        tiny_lstm = StatefulLSTMRegressor(neurons=2, epochs=2, random_state=0)
        return [
            {"regressor": tiny_lstm, "update_epochs": 1},
            {"regressor": SGDRegressor(random_state=0), "lags": 2, "update_epochs": 1},
            {"regressor": Ridge(), "strategy": "direct", "horizon": 5, "difference_order": 0},
        ]
