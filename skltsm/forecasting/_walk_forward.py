"""The one-step walk-forward protocol with true lags, for any sktime forecaster."""

import numpy as np
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
    y_train : pandas.Series
        Training series.
    y_test : pandas.Series
        The series that follows ``y_train``; its values are revealed one at a time.
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
    y_pred : pandas.Series
        One one-step-ahead forecast per test step, with ``y_test``'s index and name.
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
    fitted = forecaster.clone()
    fitted.fit(y_train, X=_rows(X, y_train.index))
    forecasts, bands = np.empty(len(y_test)), []
    for i in range(len(y_test)):
        step = y_test.iloc[i : i + 1]
        y_pred = fitted.predict(fh=1, X=_rows(X, step.index))
        if y_pred.index[0] != step.index[0]:
            raise ValueError(
                f"walk_forward_forecast: y_test must continue y_train step by step; the "
                f"forecast one step after {fitted.cutoff[0]} is for {y_pred.index[0]}, but "
                f"the next value of y_test is at {step.index[0]}"
            )
        forecasts[i] = y_pred.iloc[0]
        if coverage is not None:
            bands.append(fitted.predict_interval(fh=1, X=_rows(X, step.index), coverage=coverage))
        if i + 1 < len(y_test):
            fitted.update(step, X=_rows(X, step.index), update_params=update_params)
    out = [pd.Series(forecasts, index=y_test.index, name=y_test.name)]
    if coverage is not None:
        out.append(pd.concat(bands))
    if return_forecaster:
        out.append(fitted)
    return out[0] if len(out) == 1 else tuple(out)


def _check_inputs(forecaster, y_train, y_test):
    """Reject what would otherwise fail deep inside the loop, or forecast the wrong steps."""
    missing = [m for m in ("clone", "fit", "predict", "update") if not hasattr(forecaster, m)]
    if missing:
        raise TypeError(
            f"walk_forward_forecast: forecaster must be an sktime forecaster such as "
            f"LSTMForecaster(); {type(forecaster).__name__} lacks {missing}"
        )
    for name, y in (("y_train", y_train), ("y_test", y_test)):
        if not isinstance(y, pd.Series):
            raise TypeError(
                f"walk_forward_forecast: {name} must be a pandas Series with a time index, "
                f"got {type(y).__name__}"
            )
    if len(y_test) == 0:
        raise ValueError("walk_forward_forecast: y_test is empty; nothing to forecast")
    if len(y_train) and len(y_test) and not y_test.index[0] > y_train.index[-1]:
        raise ValueError(
            f"walk_forward_forecast: y_test must follow y_train; it starts at "
            f"{y_test.index[0]}, not after the end of y_train at {y_train.index[-1]}"
        )


def _rows(X, index):
    return None if X is None else X.loc[index]
