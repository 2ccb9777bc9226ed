"""The one-step walk-forward protocol with true lags, for any sktime forecaster."""

import pandas as pd


def walk_forward_forecast(
    forecaster,
    y_train,
    y_test,
    X=None,
    update_params=False,
    return_forecaster=False,
    coverage=None,
):
    """Forecast ``y_test`` one step at a time, updating with each true value.

    The protocol of the shampoo-sales tutorial, **one-step walk-forward with true lags**:
    fit a clone of ``forecaster`` on ``y_train``; then for each test step predict one step
    ahead (``fh=1``) and ``update`` the forecaster with the true value before the next
    step. Compare the **h-step forecast from the end of training**,
    ``forecaster.fit(y_train).predict(fh=range(1, len(y_test) + 1))``, which never sees
    the test values.

    Parameters
    ----------
    forecaster : sktime forecaster
        Not changed; a clone is fitted.
    y_train : pandas.Series or sktime panel
        Training series, or a panel (``pd-multiindex`` DataFrame: series id levels, then
        time) of training series.
    y_test : pandas.Series or sktime panel
        The series that follows ``y_train``, its values revealed one at a time; for a
        panel, every series' continuation (the same number of steps each), revealed one
        step of every series at a time.
    X : pandas.DataFrame or None, default=None
        Exogenous data covering the indices of ``y_train`` and ``y_test``.
    update_params : bool, default=False
        Passed to ``update``: False only moves the forecast origin (and the LSTM state);
        True also trains the forecaster on each new value (for :class:`LSTMForecaster`,
        ``update_epochs`` more epochs).
    return_forecaster : bool, default=False
        Also return the fitted clone, updated up to the last test step but one (e.g. to
        read the settings a :class:`LSTMForecaster` chose, with ``summary()``).
    coverage : float, list of float or None, default=None
        Also return the one-step prediction intervals of every step, from the
        forecaster's ``predict_interval(fh=1, coverage=coverage)`` before each update.

    Returns
    -------
    y_pred : pandas.Series or pandas.DataFrame
        One one-step-ahead forecast per test step, with ``y_test``'s index and name (for
        a panel: a frame in ``y_test``'s row order).
    intervals : pandas.DataFrame
        Only with ``coverage``: sktime's interval table (columns: variable, coverage,
        lower/upper), one row per test step.
    fitted : sktime forecaster
        Only with ``return_forecaster=True``: the fitted clone.

    See Also
    --------
    LSTMForecaster : Its ``update`` implements the walk-forward step.

    Examples
    --------
    >>> from sklearn.linear_model import Ridge
    >>> from skltsm.datasets import load_shampoo_sales
    >>> from skltsm.forecasting import LSTMForecaster, walk_forward_forecast
    >>> y = load_shampoo_sales()
    >>> y_pred = walk_forward_forecast(LSTMForecaster(Ridge()), y.iloc[:-12], y.iloc[-12:])
    >>> y_pred.index.equals(y.index[-12:])
    True
    """
    _check_inputs(forecaster, y_train, y_test)
    steps = _test_steps(y_test)
    fitted = forecaster.clone()
    fitted.fit(y_train, X=_rows(X, y_train.index))
    forecasts, bands = [], []
    for i, step in enumerate(steps):
        y_pred = fitted.predict(fh=1, X=_rows(X, step.index))
        if not y_pred.index.equals(step.index):
            raise ValueError(
                f"walk_forward_forecast: y_test must continue y_train step by step; the "
                f"forecast one step after {fitted.cutoff[0]} is for {y_pred.index[0]}, but "
                f"the next value of y_test is at {step.index[0]}"
            )
        forecasts.append(y_pred)
        if coverage is not None:
            bands.append(fitted.predict_interval(fh=1, X=_rows(X, step.index), coverage=coverage))
        if i + 1 < len(steps):
            fitted.update(step, X=_rows(X, step.index), update_params=update_params)
    out = [_in_order(pd.concat(forecasts), y_test)]
    if isinstance(y_test, pd.Series):
        out[0] = out[0].rename(y_test.name)
    if coverage is not None:
        out.append(_in_order(pd.concat(bands), y_test))
    if return_forecaster:
        out.append(fitted)
    return out[0] if len(out) == 1 else tuple(out)


def _test_steps(y_test):
    """Return the test rows revealed at each step: one row, or one per series of a panel."""
    if isinstance(y_test, pd.Series):
        return [y_test.iloc[i : i + 1] for i in range(len(y_test))]
    position = y_test.groupby(level=list(range(y_test.index.nlevels - 1))).cumcount()
    lengths = position.groupby(level=list(range(y_test.index.nlevels - 1))).size()
    if lengths.nunique() != 1:
        raise ValueError(
            f"walk_forward_forecast: every series of y_test must hold the same number of "
            f"steps; got {lengths.min()} to {lengths.max()}"
        )
    return [y_test[position.to_numpy() == i] for i in range(int(lengths.iloc[0]))]


def _in_order(frame, y_test):
    """Return the stacked per-step forecasts in ``y_test``'s row order."""
    return frame if isinstance(y_test, pd.Series) else frame.loc[y_test.index]


def _check_inputs(forecaster, y_train, y_test):
    """Reject what would otherwise fail deep inside the loop, or forecast the wrong steps."""
    missing = [m for m in ("clone", "fit", "predict", "update") if not hasattr(forecaster, m)]
    if missing:
        raise TypeError(
            f"walk_forward_forecast: forecaster must be an sktime forecaster such as "
            f"LSTMForecaster(); {type(forecaster).__name__} lacks {missing}"
        )
    for name, y in (("y_train", y_train), ("y_test", y_test)):
        if not (isinstance(y, pd.Series) or _is_panel(y)):
            raise TypeError(
                f"walk_forward_forecast: {name} must be a pandas Series with a time index, "
                f"or an sktime panel (a DataFrame with a MultiIndex, time last), got "
                f"{type(y).__name__}"
            )
    if _is_panel(y_train) != _is_panel(y_test):
        raise TypeError("walk_forward_forecast: y_train and y_test must both be panels or not")
    if len(y_test) == 0:
        raise ValueError("walk_forward_forecast: y_test is empty; nothing to forecast")
    if _is_panel(y_test):
        return
    if len(y_train) and len(y_test) and not y_test.index[0] > y_train.index[-1]:
        raise ValueError(
            f"walk_forward_forecast: y_test must follow y_train; it starts at "
            f"{y_test.index[0]}, not after the end of y_train at {y_train.index[-1]}"
        )


def _is_panel(y):
    return isinstance(y, pd.DataFrame) and isinstance(y.index, pd.MultiIndex)


def _rows(X, index):
    return None if X is None else X.loc[index]
