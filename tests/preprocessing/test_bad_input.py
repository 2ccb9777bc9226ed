"""Every bad input raises a ValueError (or NotFittedError) that names what was wrong."""

import numpy as np
import pandas as pd
import pytest
from sklearn.exceptions import NotFittedError
from sklearn.utils._param_validation import InvalidParameterError

from skltsm.preprocessing import Differencer, LagFramer, WindowReshaper

GOOD = np.arange(40.0).reshape(20, 2)

MAKERS = {
    "Differencer": lambda: Differencer(lag=2),
    "LagFramer": lambda: LagFramer(lags=2),
    "WindowReshaper": lambda: WindowReshaper(timesteps=2),
}


def with_value(value):
    X = GOOD.copy()
    X[3, 1] = value
    return X


def fit(X):
    return lambda est: est.fit(X)


def fit_then(method, X, fit_X=GOOD):
    return lambda est: getattr(est.fit(fit_X), method)(X)


def unfitted(method, X=GOOD):
    return lambda est: getattr(est, method)(X)


INVALID = "{name}: X is not a valid numeric series: "

# (case, action, exception, match); "{name}" is the transformer's class name.
EVERY_TRANSFORMER = [
    ("nan", fit(with_value(np.nan)), ValueError, INVALID + "Input X contains NaN"),
    ("inf", fit(with_value(np.inf)), ValueError, INVALID + "Input X contains infinity"),
    ("nan-at-transform", fit_then("transform", with_value(np.nan)), ValueError, "contains NaN"),
    ("strings", fit(GOOD.astype(str)), ValueError, "{name}: X must be numeric; got an array"),
    (
        "string-column",
        fit(pd.DataFrame({"a": GOOD[:, 0], "b": GOOD[:, 1].astype(str)})),
        ValueError,
        r"{name}: X must be numeric; column\(s\) \['b'\]",
    ),
    (
        "object-strings",
        fit(np.array([[1.0, "x"]] * 5, dtype=object)),
        ValueError,
        INVALID + "could not convert string to float",
    ),
    ("complex", fit(GOOD + 1j), ValueError, "Complex data not supported"),
    ("empty", fit(np.empty((0, 2))), ValueError, r"0 sample\(s\)"),
    ("no-columns", fit(np.empty((20, 0))), ValueError, r"0 feature\(s\)"),
    ("1-D", fit(GOOD[:, 0]), ValueError, "Expected 2D array"),
    ("3-D", fit(GOOD.reshape(10, 2, 2)), ValueError, "dim 3"),
    (
        "wrong-n-columns",
        fit_then("transform", np.zeros((20, 3))),
        ValueError,
        "X has 3 features, but {name} is expecting 2 features",
    ),
    (
        "renamed-columns",
        fit_then(
            "transform",
            pd.DataFrame(GOOD, columns=["b", "a"]),
            fit_X=pd.DataFrame(GOOD, columns=["a", "b"]),
        ),
        ValueError,
        "feature names should match",
    ),
    ("unfitted-transform", unfitted("transform"), NotFittedError, "{name} instance is not fitted"),
    ("unfitted-inverse", unfitted("inverse_transform"), NotFittedError, "not fitted"),
]

DIFF, LAGS, WINDOW = MAKERS.values()

# (make, action, exception, match) for one transformer's own inputs and methods.
SPECIFIC = [
    (DIFF, fit(GOOD[:1]), ValueError, "n_samples=1 is too short for lag=2, order=1"),
    (
        lambda: Differencer(lag=2, order=2),
        fit(GOOD[:4]),
        ValueError,
        r"Differencer: series of n_samples=4 is too short for lag=2, order=2.*at least 5",
    ),
    (DIFF, fit_then("transform", GOOD[:2]), ValueError, "n_samples=2 is too short"),
    (DIFF, fit_then("inverse_transform", GOOD[:2]), ValueError, "n_samples=2 is too"),
    (
        DIFF,
        fit_then("inverse_transform", with_value(np.nan)),
        ValueError,
        r"Differencer: Xt after its first lag \* order=2 rows must be finite",
    ),
    (
        DIFF,
        fit_then("inverse_forecast", with_value(np.inf)),
        ValueError,
        "Differencer: Xt_future is not a valid numeric series: Input X contains infinity",
    ),
    (DIFF, fit_then("inverse_forecast", np.ones((2, 3))), ValueError, "3 features"),
    (DIFF, fit_then("update", with_value(np.nan)), ValueError, "X_new is not a valid"),
    (DIFF, fit_then("update", np.ones((1, 1))), ValueError, "X has 1 features"),
    (DIFF, fit_then("update", np.ones((0, 2))), ValueError, r"0 sample\(s\)"),
    (DIFF, unfitted("inverse_forecast"), NotFittedError, "not fitted"),
    (DIFF, unfitted("update"), NotFittedError, "not fitted"),
    (LAGS, fit(GOOD[:1]), ValueError, "n_samples=1 is too short for lags=2"),
    (
        LAGS,
        fit_then("transform", GOOD[:2]),
        ValueError,
        "LagFramer: series of n_samples=2 is too short for lags=2; need at least 3",
    ),
    (
        LAGS,
        fit_then("inverse_transform", np.zeros((5, 4))),
        ValueError,
        r"LagFramer: Xt must have shape \(n_samples, 6\).*got shape \(5, 4\)",
    ),
    (
        LAGS,
        fit_then("inverse_transform", np.full((5, 6), np.nan)),
        ValueError,
        "current-value columns of Xt must be finite",
    ),
    (
        WINDOW,
        fit_then("inverse_transform", GOOD),
        ValueError,
        r"WindowReshaper: Xt must have shape \(n_samples, 2, 1\).*got shape \(20, 2\)",
    ),
    (
        WINDOW,
        fit_then("inverse_transform", np.full((3, 2, 1), np.inf)),
        ValueError,
        "WindowReshaper: Xt must be finite",
    ),
]

BAD_PARAMS = [
    (Differencer(lag=-1), "'lag' parameter of Differencer must be an int in the range"),
    (Differencer(lag=1.5), "'lag' parameter"),
    (Differencer(order=0), "'order' parameter of Differencer"),
    (Differencer(fill_value="zero"), "'fill_value' parameter of Differencer"),
    (LagFramer(lags=0), r"'lags' parameter of LagFramer must be an int in the range \[1, inf\)"),
    (LagFramer(include_current="yes"), "'include_current' parameter of LagFramer"),
    (WindowReshaper(timesteps=0), "'timesteps' parameter of WindowReshaper"),
    (WindowReshaper(features=0), "'features' parameter of WindowReshaper"),
    (Differencer(lag=0), "'lag' parameter of Differencer"),
    (Differencer(order=-1), "'order' parameter of Differencer"),
    (Differencer(lag="1"), "'lag' parameter of Differencer"),
    (LagFramer(lags=-2), "'lags' parameter of LagFramer"),
    (LagFramer(lags=1.5), "'lags' parameter of LagFramer"),
    (LagFramer(lags="2"), "'lags' parameter of LagFramer"),
    (LagFramer(fill_value="nan"), "'fill_value' parameter of LagFramer"),
    (WindowReshaper(timesteps=1.5), "'timesteps' parameter of WindowReshaper"),
    (WindowReshaper(timesteps=-1), "'timesteps' parameter of WindowReshaper"),
]


def _cases():
    for name, make in MAKERS.items():
        for case, action, exc, match in EVERY_TRANSFORMER:
            yield pytest.param(make, action, exc, match.format(name=name), id=f"{name}-{case}")
    for i, (make, action, exc, match) in enumerate(SPECIFIC):
        yield pytest.param(make, action, exc, match, id=f"{type(make()).__name__}-{i}")


@pytest.mark.filterwarnings("ignore:X (has|does not have valid) feature names:UserWarning")
@pytest.mark.parametrize(("make", "action", "exc", "match"), list(_cases()))
def test_bad_input_raises_a_named_error(make, action, exc, match):
    with pytest.raises(exc, match=match):
        action(make())


@pytest.mark.parametrize(("estimator", "match"), BAD_PARAMS, ids=repr)
def test_bad_parameters_are_rejected_at_fit(estimator, match):
    with pytest.raises(InvalidParameterError, match=match):
        estimator.fit(GOOD)
    assert isinstance(InvalidParameterError(), ValueError)


@pytest.mark.parametrize(
    ("estimator", "match"),
    [
        (WindowReshaper(timesteps=3), "the width of X, 2 columns, is not divisible by timesteps=3"),
        (
            WindowReshaper(timesteps=2, features=3),
            r"timesteps=2 \* features=3 = 6 columns expected, but X has a width of 2",
        ),
    ],
    ids=["not-divisible", "features-mismatch"],
)
def test_window_width_must_match_timesteps(estimator, match):
    with pytest.raises(ValueError, match=match):
        estimator.fit(GOOD)


def test_one_sample_message_satisfies_sklearn():
    for estimator in (Differencer(), LagFramer()):
        with pytest.raises(ValueError, match="n_samples=1"):
            estimator.fit(GOOD[:1])
