"""Turn a series into a supervised frame of lagged copies, oldest to newest."""

from numbers import Integral, Real

import numpy as np
from sklearn.base import _fit_context
from sklearn.utils._param_validation import Interval
from sklearn.utils.validation import _check_feature_names_in, check_is_fitted

from skltsm.preprocessing._common import (
    _SeriesTransformer,
    as_input_container,
    check_finite,
    check_long_enough,
    keep_series_index,
    validate_output,
    validate_series,
)


def _shifts(lags, include_current):
    """Return the shifts of the column blocks, oldest first: ``lags, ..., 1[, 0]``."""
    return list(range(lags, -1 if include_current else 0, -1))


def _lag_frame(X, shifts, fill_value):
    """Return the blocks ``X`` shifted down by each of ``shifts``, side by side."""
    n_samples, n_features = X.shape
    out = np.full((n_samples, n_features * len(shifts)), fill_value, dtype=X.dtype)
    for block, shift in enumerate(shifts):
        out[shift:, block * n_features : (block + 1) * n_features] = X[: n_samples - shift]
    return out


class LagFramer(_SeriesTransformer):
    """Frame a series as a supervised problem: each row holds the last ``lags`` values.

    Row ``t`` of the output is ``x_{t-lags}, ..., x_{t-1}, x_t``: the columns are
    grouped by time step, oldest to newest, every input column within a step. For
    ``lags=2`` and two columns ``x0, x1`` the output columns are
    ``x0_lag2, x1_lag2, x0_lag1, x1_lag1, x0, x1`` (the input names are used when ``X``
    is a DataFrame). Rows are kept: the undefined lagged values of the first ``lags``
    rows hold ``fill_value``, like the tutorial's ``df.shift(i)`` then ``fillna(0)``.

    With ``lags=3``, each row is a window sliding over the series: ``x`` the lagged
    values, ``y`` the current value (present with ``include_current=True``), ``f`` the
    ``fill_value`` before the start, ``.`` the past and ``*`` the future left out::

        time t:      -2 -1  0  1  2  3  4  5  6
        row t=1:   |  f  f  x  y  *  *  *  *  * |   -> fill, fill, x_0 | x_1
        row t=5:   |        .  .  x  x  x  y  * |   -> x_2, x_3, x_4 | x_5

    **Window length.** ``lags`` counts the *past* steps of a row, so a row holds
    ``lags + 1`` steps with ``include_current=True`` and ``lags`` without it:
    ``LagFramer(lags=k)`` pairs with ``WindowReshaper(timesteps=k + 1)``, and
    ``LagFramer(lags=k, include_current=False)`` with ``timesteps=k``. The forecaster
    uses the second reading: ``LSTMForecaster(lags=k)`` feeds windows of ``k`` past steps
    (the current value is the target) to a regressor whose ``timesteps`` is ``k``.

    Parameters
    ----------
    lags : int, default=1
        Number of past time steps in each row (a row has ``lags + 1`` steps with
        ``include_current=True``).
    include_current : bool, default=True
        Whether the last block holds the current value ``x_t`` (the usual target).
    fill_value : float, default=0.0
        Value of the lagged entries that fall before the start of the series.

    Attributes
    ----------
    n_features_in_ : int
        Number of columns seen during ``fit``.
    feature_names_in_ : ndarray of shape (n_features_in_,)
        Column names seen during ``fit``, only when ``X`` has string column names.

    See Also
    --------
    Differencer : Make the series stationary before framing it.
    WindowReshaper : Reshape the frame to ``(n_samples, timesteps, features)``.

    Examples
    --------
    >>> import numpy as np
    >>> from skltsm.preprocessing import LagFramer
    >>> X = np.array([[1.0, 10.0], [2.0, 20.0], [3.0, 30.0]])
    >>> framer = LagFramer(lags=1).fit(X)
    >>> framer.get_feature_names_out().tolist()
    ['x0_lag1', 'x1_lag1', 'x0', 'x1']
    >>> framer.transform(X)
    array([[ 0.,  0.,  1., 10.],
           [ 1., 10.,  2., 20.],
           [ 2., 20.,  3., 30.]])
    >>> from skltsm.preprocessing import WindowReshaper
    >>> WindowReshaper(timesteps=1 + 1).fit_transform(framer.transform(X)).shape
    (3, 2, 2)
    """

    _parameter_constraints: dict = {
        "lags": [Interval(Integral, 1, None, closed="left")],
        "include_current": ["boolean"],
        "fill_value": [Real],
    }

    def __init__(self, lags=1, include_current=True, fill_value=0.0):
        self.lags = lags
        self.include_current = include_current
        self.fill_value = fill_value

    def _check_length(self, n_samples):
        check_long_enough(self, n_samples, self.lags + 1, f"lags={self.lags}")

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y=None):
        """Check ``X`` and learn its number and names of columns.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features) or pandas Series
            Finite series, oldest row first, with more than ``lags`` rows.
        y : None
            Ignored.

        Returns
        -------
        self : LagFramer
            The fitted transformer.

        Examples
        --------
        >>> LagFramer(lags=2).fit([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]).n_features_in_
        2
        """
        X = validate_series(self, X, reset=True)
        self._check_length(X.shape[0])
        return self

    def transform(self, X):
        """Return the supervised frame of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features) or pandas Series
            Finite series with more than ``lags`` rows.

        Returns
        -------
        Xt : ndarray of shape (n_samples, n_blocks * n_features)
            ``n_blocks`` is ``lags + 1`` with ``include_current``, else ``lags``; same dtype
            as ``X`` (a DataFrame under ``set_output``).

        Examples
        --------
        >>> X = [[1.0], [2.0], [3.0]]
        >>> LagFramer(lags=2, include_current=False).fit(X).transform(X).tolist()
        [[0.0, 0.0], [0.0, 1.0], [1.0, 2.0]]
        """
        check_is_fitted(self)
        values = validate_series(self, X, reset=False)
        self._check_length(values.shape[0])
        framed = _lag_frame(values, _shifts(self.lags, self.include_current), self.fill_value)
        return keep_series_index(self, framed, X)

    def inverse_transform(self, Xt):
        """Recover the series from the current-value columns of the frame.

        Parameters
        ----------
        Xt : array-like of shape (n_samples, n_blocks * n_features)
            A frame as returned by ``transform``; only its last block is read.

        Returns
        -------
        X : ndarray or DataFrame of shape (n_samples, n_features)
            The series; a DataFrame with the fitted column names and ``Xt``'s index when
            ``Xt`` is pandas.

        Examples
        --------
        >>> framer = LagFramer(lags=2).fit([[1.0], [2.0], [3.0]])
        >>> framer.inverse_transform(framer.transform([[4.0], [5.0], [6.0]])).ravel().tolist()
        [4.0, 5.0, 6.0]
        """
        check_is_fitted(self)
        if not self.include_current:
            raise ValueError(
                "LagFramer: inverse_transform needs include_current=True; with "
                "include_current=False the frame holds only past values, so the last "
                "observation of the series is not in the frame"
            )
        names = self.get_feature_names_out()
        values = validate_output(self, Xt, names=names, shape=(len(names),))
        current = values[:, -self.n_features_in_ :]
        check_finite(self, current, "the current-value columns of Xt")
        return as_input_container(current.copy(), Xt, self)

    def get_feature_names_out(self, input_features=None):
        """Get the output column names, oldest to newest.

        Parameters
        ----------
        input_features : array-like of str or None, default=None
            Input names; default ``feature_names_in_`` or ``x0, x1, ...``.

        Returns
        -------
        feature_names_out : ndarray of str objects
            ``{name}_lag{k}`` for the lagged blocks and ``{name}`` for the current one.

        Examples
        --------
        >>> import pandas as pd
        >>> df = pd.DataFrame({"sales": [1.0, 2.0, 3.0]})
        >>> LagFramer(lags=2).fit(df).get_feature_names_out().tolist()
        ['sales_lag2', 'sales_lag1', 'sales']
        """
        check_is_fitted(self, "n_features_in_")
        names = _check_feature_names_in(self, input_features)
        shifts = _shifts(self.lags, self.include_current)
        out = [f"{name}_lag{shift}" if shift else str(name) for shift in shifts for name in names]
        return np.asarray(out, dtype=object)
