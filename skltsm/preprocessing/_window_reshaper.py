"""Reshape a flat supervised frame into the 3-D input of a recurrent network."""

from numbers import Integral

from sklearn.base import _fit_context
from sklearn.utils._param_validation import Interval
from sklearn.utils.validation import check_is_fitted

from skltsm.preprocessing._common import (
    _SeriesTransformer,
    check_finite,
    validate_output,
    validate_series,
)


class WindowReshaper(_SeriesTransformer):
    """Reshape ``(n_samples, timesteps * features)`` to ``(n_samples, timesteps, features)``.

    The reshape is row-major: the first ``features`` columns become time step 0, the next
    ``features`` columns time step 1, and so on. That is the column order of
    :class:`LagFramer` (oldest to newest, grouped by time step), so a frame of
    ``lags=timesteps - 1`` reshapes into windows whose last step is the current value::

        flat row:  | a_lag2 b_lag2 | a_lag1 b_lag1 | a    b   |
                        step 0          step 1      step 2
        3-D row:   [[a_lag2, b_lag2],    <- oldest
                    [a_lag1, b_lag1],
                    [a,      b     ]]    <- newest

    **Window length.** ``timesteps`` counts every step of a window, the current one
    included, while ``LagFramer``'s ``lags`` counts the past steps only: the frame of
    ``LagFramer(lags=k)`` has ``k + 1`` steps, so it takes ``timesteps=k + 1`` (and
    ``timesteps=k`` with ``include_current=False``). The regressors' ``timesteps`` means
    the same as here; ``LSTMForecaster(lags=k)`` gives them windows of ``k`` steps.

    The output is 3-D, so there are no output column names and ``set_output`` does not
    apply; ``inverse_transform`` flattens back to 2-D.

    Parameters
    ----------
    timesteps : int, default=1
        Number of time steps in each window, the newest included (``lags + 1`` for the
        frame of ``LagFramer(lags)``).
    features : int or None, default=None
        Number of columns per time step; None infers ``n_features_in_ // timesteps``.

    Attributes
    ----------
    features_ : int
        Number of columns per time step used by ``transform``.
    n_features_in_ : int
        Number of columns seen during ``fit``, ``timesteps * features_``.
    feature_names_in_ : ndarray of shape (n_features_in_,)
        Column names seen during ``fit``, only when ``X`` has string column names.

    See Also
    --------
    LagFramer : Build the flat frame, oldest to newest.

    Examples
    --------
    >>> import numpy as np
    >>> from skltsm.preprocessing import WindowReshaper
    >>> X = np.arange(12.0).reshape(2, 6)
    >>> reshaper = WindowReshaper(timesteps=3).fit(X)
    >>> reshaper.features_
    2
    >>> reshaper.transform(X)[0]
    array([[0., 1.],
           [2., 3.],
           [4., 5.]])
    """

    _parameter_constraints: dict = {
        "timesteps": [Interval(Integral, 1, None, closed="left")],
        "features": [Interval(Integral, 1, None, closed="left"), None],
    }

    def __init__(self, timesteps=1, features=None):
        self.timesteps = timesteps
        self.features = features

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y=None):
        """Check that the width of ``X`` is ``timesteps * features``.

        Parameters
        ----------
        X : array-like of shape (n_samples, timesteps * features)
            Finite flat frame, e.g. the output of :class:`LagFramer`.
        y : None
            Ignored.

        Returns
        -------
        self : WindowReshaper
            The fitted transformer.

        Examples
        --------
        >>> WindowReshaper(timesteps=2).fit([[1.0, 2.0, 3.0, 4.0]]).features_
        2
        """
        width = validate_series(self, X, reset=True).shape[1]
        if self.features is None and width % self.timesteps:
            raise ValueError(
                f"WindowReshaper: the width of X, {width} columns, is not divisible by "
                f"timesteps={self.timesteps}; expected timesteps * features columns"
            )
        features = width // self.timesteps if self.features is None else self.features
        if self.timesteps * features != width:
            raise ValueError(
                f"WindowReshaper: timesteps={self.timesteps} * features={features} = "
                f"{self.timesteps * features} columns expected, but X has a width of "
                f"{width} columns"
            )
        self.features_ = features
        return self

    def transform(self, X):
        """Reshape ``X`` into windows.

        Parameters
        ----------
        X : array-like of shape (n_samples, timesteps * features)
            Finite flat frame with the width seen by ``fit``.

        Returns
        -------
        Xt : ndarray of shape (n_samples, timesteps, features)
            A new array with the dtype of ``X``.

        Examples
        --------
        >>> WindowReshaper(timesteps=2).fit_transform([[1.0, 2.0, 3.0, 4.0]]).shape
        (1, 2, 2)
        """
        check_is_fitted(self)
        X = validate_series(self, X, reset=False)
        return X.reshape(X.shape[0], self.timesteps, self.features_).copy()

    def inverse_transform(self, Xt):
        """Flatten windows back into the frame.

        Parameters
        ----------
        Xt : array-like of shape (n_samples, timesteps, features)
            Finite windows.

        Returns
        -------
        X : ndarray of shape (n_samples, timesteps * features)
            A new array with the dtype of ``Xt``.

        Examples
        --------
        >>> import numpy as np
        >>> reshaper = WindowReshaper(timesteps=2).fit(np.zeros((1, 4)))
        >>> reshaper.inverse_transform(np.arange(4.0).reshape(1, 2, 2))
        array([[0., 1., 2., 3.]])
        """
        check_is_fitted(self)
        values = validate_output(self, Xt, names=None, shape=(self.timesteps, self.features_))
        check_finite(self, values, "Xt")
        return values.reshape(values.shape[0], -1).copy()
