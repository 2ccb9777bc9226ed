"""Shared input checks with clear messages (numpy, pandas and scikit-learn only).

Each check names the estimator, the input or parameter at fault and what was expected, so a
failure deep inside a pipeline, a grid search or the command line is still readable.
"""

import numpy as np
import pandas as pd
from pandas.api.types import is_bool_dtype, is_numeric_dtype

# The networks train in float32: larger magnitudes turn into infinity when cast.
FLOAT32_MAX = float(np.finfo(np.float32).max)

# Networks above this many weights are refused before anything is allocated: with the
# optimizer's two moments and the gradients, training holds about 16 bytes per weight,
# so 10**8 weights already need 1.6 GB (an LSTM of about 5000 units).
MAX_NETWORK_WEIGHTS = 100_000_000


def reject_non_numeric(name, values, input_name):
    """Raise a ValueError if ``values`` holds strings or other non-numeric data.

    scikit-learn silently parses strings such as ``"1.5"`` as numbers; a series or a
    window of a series must be numbers already.

    Parameters
    ----------
    name : str
        The estimator's name, the start of the message.
    values : array-like
        The input as the user passed it.
    input_name : str
        Its argument name, e.g. ``"X"`` or ``"y"``.

    Examples
    --------
    >>> reject_non_numeric("Demo", [[1.0], [2.0]], "X")
    >>> reject_non_numeric("Demo", [["1.0"]], "X")
    Traceback (most recent call last):
    ...
    ValueError: Demo: X must be numeric; got an array of dtype <U3
    """
    if isinstance(values, pd.Series):
        values = values.to_frame()
    if isinstance(values, pd.DataFrame):
        bad = [(c, str(d)) for c, d in values.dtypes.items() if not _is_number_dtype(d)]
        if bad:
            columns, dtypes = map(list, zip(*bad, strict=True))
            raise ValueError(
                f"{name}: {input_name} must be numeric; column(s) {columns} have "
                f"non-numeric dtype(s) {dtypes}"
            )
        return
    if isinstance(values, (list, tuple)):
        try:
            values = np.asarray(values)
        except ValueError:  # ragged nesting; sklearn's own check reports it
            return
    if isinstance(values, np.ndarray) and values.dtype.kind in "USV":
        raise ValueError(
            f"{name}: {input_name} must be numeric; got an array of dtype {values.dtype}"
        )


def _is_number_dtype(dtype):
    return is_numeric_dtype(dtype) or is_bool_dtype(dtype)


def check_float32_range(name, values, input_name):
    """Raise a ValueError if finite ``values`` would overflow when cast to float32.

    Parameters
    ----------
    name : str
        The estimator's name.
    values : ndarray
        Finite numbers, already validated.
    input_name : str
        The argument name, e.g. ``"X"``.

    Examples
    --------
    >>> import numpy as np
    >>> check_float32_range("Demo", np.array([1.0, -2.0]), "y")
    >>> check_float32_range("Demo", np.array([1.0, 1e300]), "y")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: Demo: y holds values up to 1e+300 in magnitude, beyond the float32 range ...
    """
    largest = float(np.abs(values).max(initial=0.0))
    if largest > FLOAT32_MAX:
        raise ValueError(
            f"{name}: {input_name} holds values up to {largest:.3g} in magnitude, beyond the "
            f"float32 range (+/-{FLOAT32_MAX:.3g}) the network trains in; scale "
            f"{input_name} first, e.g. with sklearn.preprocessing.StandardScaler"
        )


def recurrent_weight_count(cell, units, n_features, n_outputs):
    """Return the number of weights of stacked recurrent layers and their dense head.

    Parameters
    ----------
    cell : {"lstm", "gru"}
        Recurrent cell: an LSTM layer has 4 gates, a GRU (keras' ``reset_after``) 3 gates
        with two biases.
    units : sequence of int
        Units of each layer, input side first.
    n_features : int
        Features per time step.
    n_outputs : int
        Outputs of the dense head.

    Returns
    -------
    n_weights : int
        Trainable weights, as a Python int (no overflow for absurd sizes).

    Examples
    --------
    >>> recurrent_weight_count("lstm", (4,), 1, 1)  # 4 * 4 * (1 + 4 + 1) + 4 + 1
    101
    """
    gates, biases = (4, 1) if cell == "lstm" else (3, 2)
    total, width = 0, int(n_features)
    for unit in units:
        unit = int(unit)
        total += gates * unit * (width + unit + biases)
        width = unit
    return total + width * int(n_outputs) + int(n_outputs)


def check_network_size(name, n_weights, parameter):
    """Raise a ValueError naming ``parameter`` if a network is too large to build.

    Parameters
    ----------
    name : str
        The estimator's name.
    n_weights : int
        The network's weight count, from :func:`recurrent_weight_count`.
    parameter : str
        The parameter setting the size, as shown to the user, e.g. ``"units=10**9"``.

    Examples
    --------
    >>> check_network_size("Demo", 101, "units=4")
    >>> check_network_size("Demo", 10**18, "units=10**9")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: Demo: units=10**9 gives a network of about 1e+18 weights; ...
    """
    if n_weights > MAX_NETWORK_WEIGHTS:
        raise ValueError(
            f"{name}: {parameter} gives a network of about {float(n_weights):.3g} weights; "
            f"at most {MAX_NETWORK_WEIGHTS:.0e} (about 1.6 GB to train) are supported, "
            "so use fewer units"
        )
