"""Shared validation and pandas round-tripping for the series transformers.

Every message starts with the transformer's name and says which input or parameter was
wrong and what was expected, so a failure deep inside a pipeline is still readable.
"""

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import _check_feature_names_in, check_array, validate_data

from skltsm._validation import reject_non_numeric

FLOAT_DTYPES = (np.float64, np.float32)


class _SeriesTransformer(TransformerMixin, BaseEstimator):
    """Tags shared by the transformers: finite input, float64 and float32 preserved."""

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = False
        tags.transformer_tags.preserves_dtype = ["float64", "float32"]
        return tags


def _as_frame(X):
    # A Series is one column; sklearn would reject it as 1-D.
    return X.to_frame() if isinstance(X, pd.Series) else X


def keep_series_index(estimator, Xt, X):
    """Return `Xt` on the index of a Series `X` when pandas output is set, else unchanged.

    scikit-learn before 1.8 takes the output index from a DataFrame input only, so a
    Series' time index would silently become 0..n-1.
    """
    from sklearn.utils._set_output import _get_output_config

    if isinstance(X, pd.Series) and _get_output_config("transform", estimator)["dense"] == "pandas":
        return pd.DataFrame(Xt, index=X.index, columns=estimator.get_feature_names_out())
    return Xt


def validate_series(estimator, X, *, reset, input_name="X", ensure_all_finite=True):
    """Validate a numeric 2-D series with ``validate_data``, naming the transformer.

    Parameters
    ----------
    estimator : estimator instance
        The transformer; its ``n_features_in_`` and ``feature_names_in_`` are set when
        ``reset`` is True and checked otherwise.
    X : array-like of shape (n_samples, n_features) or pandas Series
        The series; a Series is taken as one column.
    reset : bool
        True in ``fit``, False afterwards.
    input_name : str, default="X"
        Name of the argument, used in messages.
    ensure_all_finite : bool, default=True
        False when the caller checks finiteness of only part of ``X`` itself.

    Returns
    -------
    values : ndarray of shape (n_samples, n_features)
        Float64 or float32 values.
    """
    name = type(estimator).__name__
    X = _as_frame(X)
    reject_non_numeric(name, X, input_name)
    try:
        return validate_data(
            estimator,
            X,
            reset=reset,
            dtype=FLOAT_DTYPES,
            ensure_all_finite=ensure_all_finite,
        )
    except ValueError as exc:
        raise ValueError(f"{name}: {input_name} is not a valid numeric series: {exc}") from exc


def _check_column_order(name, Xt, names):
    # Named columns in another order would otherwise be read by position, silently wrong.
    if isinstance(Xt, pd.DataFrame) and names is not None:
        columns = list(Xt.columns)
        if all(isinstance(c, str) for c in columns) and columns != list(names):
            raise ValueError(
                f"{name}: the columns of Xt must be {list(names)} in this order "
                f"(get_feature_names_out()); got {columns}"
            )


def validate_output(estimator, Xt, *, names, shape):
    """Validate the input of ``inverse_transform`` against the transformer's output shape.

    ``validate_data(reset=False)`` cannot be used here: it compares the width with
    ``n_features_in_``, and the output width differs from the input width.

    Parameters
    ----------
    estimator : estimator instance
        The fitted transformer.
    Xt : array-like
        What ``transform`` returned, possibly as a DataFrame.
    names : ndarray of str or None
        Expected column names of a DataFrame ``Xt``; None for a 3-D output.
    shape : tuple of int
        Expected shape of one row, e.g. ``(6,)`` or ``(3, 2)``.

    Returns
    -------
    values : ndarray of shape (n_samples, *shape)
        Float64 or float32 values, not yet checked for finiteness.
    """
    name = type(estimator).__name__
    Xt = _as_frame(Xt)
    reject_non_numeric(name, Xt, "Xt")
    _check_column_order(name, Xt, names)
    try:
        values = check_array(
            Xt, dtype=FLOAT_DTYPES, ensure_all_finite=False, allow_nd=True, input_name="Xt"
        )
    except ValueError as exc:
        raise ValueError(f"{name}: Xt is not a valid output of transform: {exc}") from exc
    if values.shape[1:] != tuple(shape):
        raise ValueError(
            f"{name}: Xt must have shape (n_samples, {', '.join(map(str, shape))}) as "
            f"returned by transform; got shape {values.shape}"
        )
    return values


def check_long_enough(estimator, n_samples, minimum, params):
    """Raise if a series is too short for the parameters ``params`` (e.g. ``"lags=5"``)."""
    if n_samples < minimum:
        raise ValueError(
            f"{type(estimator).__name__}: series of n_samples={n_samples} is too short "
            f"for {params}; need at least {minimum} observations"
        )


def check_finite(estimator, values, what):
    """Raise if ``values`` (described by ``what``) holds NaN or infinity."""
    if not np.isfinite(values).all():
        raise ValueError(
            f"{type(estimator).__name__}: {what} must be finite; found NaN or infinity"
        )


def check_no_overflow(estimator, values, what):
    """Raise if arithmetic on finite input overflowed: ``values`` (``what``) hold infinity."""
    if not np.isfinite(values).all():
        raise ValueError(
            f"{type(estimator).__name__}: {what} overflow the float range (the input holds "
            f"values too large in magnitude, near {np.finfo(values.dtype).max:.3g}); "
            "scale the series down first"
        )


def as_input_container(values, original, estimator):
    """Return ``values`` as a DataFrame like a pandas ``original``, else unchanged.

    The columns are the names seen at fit (``x0, x1, ...`` without names) and the index is
    ``original``'s, so an inverse keeps the caller's time index.
    """
    if not isinstance(original, (pd.DataFrame, pd.Series)):
        return values
    columns = _check_feature_names_in(estimator, None)
    return pd.DataFrame(values, index=original.index, columns=columns)
