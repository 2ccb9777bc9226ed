"""Lagged, repeated differencing with exact inverses from the start and from the end."""

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
    check_no_overflow,
    keep_series_index,
    validate_series,
)


def _difference(X, lag, order, fill_value):
    """Return ``x_t - x_{t-lag}`` applied ``order`` times; the first rows hold the fill."""
    level = X
    for _ in range(order):
        level = level[lag:] - level[:-lag]
    out = np.full_like(X, fill_value)
    out[lag * order :] = level
    return out


def _levels(block, lag, order):
    """Return the difference levels 0 .. order-1 of ``block``; level j is j*lag rows shorter."""
    levels = [block]
    for _ in range(order - 1):
        levels.append(levels[-1][lag:] - levels[-1][:-lag])
    return levels


def _lagged_cumsum(init, increments, lag):
    """Return ``c`` with ``c[i] = increments[i] + (init[i] if i < lag else c[i - lag])``.

    Each residue class modulo ``lag`` is an independent running sum, so padding to whole
    blocks of ``lag`` rows turns the recursion into one cumulative sum over the blocks.
    Sums run in float64 so that float32 data loses no more than its own rounding.
    """
    values = np.concatenate([init, increments]).astype(np.float64)
    n_blocks = -(-values.shape[0] // lag)
    padded = np.zeros((n_blocks * lag, values.shape[1]))
    padded[: values.shape[0]] = values
    sums = padded.reshape(n_blocks, lag, -1).cumsum(axis=0).reshape(n_blocks * lag, -1)
    return sums[lag : lag + increments.shape[0]]


def _undifference_from_head(Xt, head, lag, order):
    """Invert ``_difference`` for ``Xt`` aligned with the start; ``head`` is the first rows."""
    levels = _levels(head, lag, order)
    out = Xt[lag * order :]
    for level in reversed(levels):
        init = level[:lag]
        out = np.concatenate([init, _lagged_cumsum(init, out, lag)])
    # The head is known exactly; re-adding its differences would only add rounding.
    out[: head.shape[0]] = head
    return out


def _undifference_continuation(Xt_future, tail, lag, order):
    """Invert differences that continue right after ``tail``, the last lag*order rows."""
    out = Xt_future
    for level in reversed(_levels(tail, lag, order)):
        out = _lagged_cumsum(level[-lag:], out, lag)
    return out


class Differencer(_SeriesTransformer):
    """Difference a series at a lag, ``order`` times, keeping the number of rows.

    Row ``t`` of the output is ``x_t - x_{t-lag}``, applied ``order`` times. The first
    ``lag * order`` rows are undefined and hold ``fill_value`` (0.0 as in the tutorial;
    ``np.nan`` is allowed): like every skltsm transformer it keeps the rows, and the
    forecasting layer decides which leading rows to drop.

    Two inverses, because differences are undone from a known anchor:

    * ``inverse_transform(Xt)`` takes ``Xt`` as aligned with the START of the series seen
      by ``fit``; it ignores the filled leading rows of ``Xt`` and restarts from the stored
      first ``lag * order`` values, so ``inverse_transform(transform(X))`` returns ``X``.
    * ``inverse_forecast(Xt_future)`` takes differences that continue past the LAST
      observed value (row 0 is the step right after it), anchored on the last
      ``lag * order`` observed values; ``update(X_new)`` appends new observations.

    The forecasting layer uses ``inverse_forecast`` + ``update`` for walk-forward
    validation: each forecast continues the newest observations, and only the first and
    last ``lag * order`` rows are kept, never the whole series.

    Parameters
    ----------
    lag : int, default=1
        Distance in rows between the two values of a difference (12 for a monthly season).
    order : int, default=1
        How many times the difference is applied.
    fill_value : float, default=0.0
        Value of the first ``lag * order`` undefined rows of the output.

    Attributes
    ----------
    head_ : ndarray of shape (lag * order, n_features)
        First values of the series seen by ``fit``, the anchor of ``inverse_transform``.
    tail_ : ndarray of shape (lag * order, n_features)
        Last values observed by ``fit`` and ``update``, the anchor of ``inverse_forecast``.
    n_features_in_ : int
        Number of columns seen during ``fit``.
    feature_names_in_ : ndarray of shape (n_features_in_,)
        Column names seen during ``fit``, only when ``X`` has string column names.

    See Also
    --------
    LagFramer : Turn the (differenced) series into a supervised frame.
    sktime.transformations.series.difference.Differencer : The sktime equivalent.

    Examples
    --------
    >>> import numpy as np
    >>> from skltsm.preprocessing import Differencer
    >>> X = np.array([[1.0], [3.0], [6.0], [10.0]])
    >>> diff = Differencer(lag=1)
    >>> diff.fit_transform(X).ravel().tolist()
    [0.0, 2.0, 3.0, 4.0]
    >>> diff.inverse_transform(diff.transform(X)).ravel().tolist()
    [1.0, 3.0, 6.0, 10.0]
    >>> diff.inverse_forecast([[5.0], [6.0]]).ravel().tolist()
    [15.0, 21.0]
    """

    _parameter_constraints: dict = {
        "lag": [Interval(Integral, 1, None, closed="left")],
        "order": [Interval(Integral, 1, None, closed="left")],
        "fill_value": [Real],
    }

    def __init__(self, lag=1, order=1, fill_value=0.0):
        self.lag = lag
        self.order = order
        self.fill_value = fill_value

    def _check_length(self, n_samples):
        params = f"lag={self.lag}, order={self.order}"
        check_long_enough(self, n_samples, self.lag * self.order + 1, params)

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y=None):
        """Store the first and last ``lag * order`` values of the series.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features) or pandas Series
            Finite series, oldest row first, with more than ``lag * order`` rows.
        y : None
            Ignored.

        Returns
        -------
        self : Differencer
            The fitted transformer.

        Examples
        --------
        >>> Differencer(lag=2).fit([[1.0], [2.0], [4.0], [8.0]]).tail_.ravel().tolist()
        [4.0, 8.0]
        """
        X = validate_series(self, X, reset=True)
        self._check_length(X.shape[0])
        size = self.lag * self.order
        self.head_ = X[:size].copy()
        self.tail_ = X[-size:].copy()
        return self

    def transform(self, X):
        """Difference ``X``; the first ``lag * order`` rows hold ``fill_value``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features) or pandas Series
            Finite series with more than ``lag * order`` rows.

        Returns
        -------
        Xt : ndarray of shape (n_samples, n_features)
            Differences, same dtype as ``X`` (a DataFrame under ``set_output``).

        Examples
        --------
        >>> X = [[1.0], [2.0], [4.0], [8.0]]
        >>> Differencer(lag=1, order=2).fit(X).transform(X).ravel().tolist()
        [0.0, 0.0, 1.0, 2.0]
        """
        check_is_fitted(self)
        values = validate_series(self, X, reset=False)
        self._check_length(values.shape[0])
        with np.errstate(over="ignore", invalid="ignore"):  # overflow is reported below
            out = _difference(values, self.lag, self.order, self.fill_value)
        check_no_overflow(self, out[self.lag * self.order :], "the differences of X")
        return keep_series_index(self, out, X)

    def inverse_transform(self, Xt):
        """Undo ``transform`` for differences aligned with the start of the fitted series.

        Parameters
        ----------
        Xt : array-like of shape (n_samples, n_features)
            Differences whose row 0 is row 0 of the series seen by ``fit``; its first
            ``lag * order`` rows are ignored (they may be NaN) and the rest must be finite.

        Returns
        -------
        X : ndarray or DataFrame of shape (n_samples, n_features)
            The series; a DataFrame with the fitted column names and ``Xt``'s index when
            ``Xt`` is pandas.

        Examples
        --------
        >>> diff = Differencer(lag=2, fill_value=np.nan).fit([[1.0], [2.0], [4.0], [8.0]])
        >>> diff.inverse_transform([[np.nan], [np.nan], [3.0], [6.0], [10.0]]).ravel().tolist()
        [1.0, 2.0, 4.0, 8.0, 14.0]
        """
        check_is_fitted(self)
        values = validate_series(self, Xt, reset=False, input_name="Xt", ensure_all_finite=False)
        self._check_length(values.shape[0])
        size = self.lag * self.order
        check_finite(self, values[size:], f"Xt after its first lag * order={size} rows")
        with np.errstate(over="ignore", invalid="ignore"):
            out = _undifference_from_head(values, self.head_, self.lag, self.order)
            out = out.astype(values.dtype)
        check_no_overflow(self, out, "the undifferenced values of Xt")
        return as_input_container(out, Xt, self)

    def inverse_forecast(self, Xt_future):
        """Undo differencing for values that continue past the last observation.

        Parameters
        ----------
        Xt_future : array-like of shape (horizon, n_features)
            Finite differences; row 0 is the step right after the last value seen by
            ``fit`` or ``update``.

        Returns
        -------
        X_future : ndarray or DataFrame of shape (horizon, n_features)
            Values on the original scale; a DataFrame with ``Xt_future``'s index when it
            is pandas.

        Examples
        --------
        >>> diff = Differencer(lag=1, order=2).fit([[1.0], [2.0], [4.0]])
        >>> diff.inverse_forecast([[1.0], [1.0]]).ravel().tolist()
        [7.0, 11.0]
        """
        check_is_fitted(self)
        values = validate_series(self, Xt_future, reset=False, input_name="Xt_future")
        with np.errstate(over="ignore", invalid="ignore"):
            out = _undifference_continuation(values, self.tail_, self.lag, self.order)
            out = out.astype(values.dtype)
        check_no_overflow(self, out, "the undifferenced values of Xt_future")
        return as_input_container(out, Xt_future, self)

    def update(self, X_new):
        """Append newly observed values, so ``inverse_forecast`` continues after them.

        Parameters
        ----------
        X_new : array-like of shape (n_new, n_features) or pandas Series
            Finite observations that follow the last value seen so far, oldest first.

        Returns
        -------
        self : Differencer
            The transformer with its memory moved forward.

        Examples
        --------
        >>> diff = Differencer(lag=1).fit([[1.0], [2.0]]).update([[4.0]])
        >>> diff.inverse_forecast([[1.0]]).ravel().tolist()
        [5.0]
        """
        check_is_fitted(self)
        X_new = validate_series(self, X_new, reset=False, input_name="X_new")
        size = self.tail_.shape[0]
        merged = np.concatenate([self.tail_, X_new.astype(self.tail_.dtype)])
        self.tail_ = merged[-size:].copy()
        return self

    def get_feature_names_out(self, input_features=None):
        """Get the output column names, the same as the input names.

        Parameters
        ----------
        input_features : array-like of str or None, default=None
            Input names; default ``feature_names_in_`` or ``x0, x1, ...``.

        Returns
        -------
        feature_names_out : ndarray of str objects
            One name per column.

        Examples
        --------
        >>> Differencer().fit([[1.0, 2.0], [3.0, 5.0]]).get_feature_names_out().tolist()
        ['x0', 'x1']
        """
        check_is_fitted(self, "n_features_in_")
        return _check_feature_names_in(self, input_features)
