"""Hostile input across the public API: each raises a clear error naming what was wrong.

Transformer cases live in tests/preprocessing/test_bad_input.py and CLI cases in
tests/test_cli.py; this matrix covers the estimators, the forecaster, walk_forward_forecast
and the transformers' overflow. Every case asserts the exception type and a message fragment
naming the input or parameter, and none may hang: the absurd sizes must fail before
allocating anything.
"""

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import Ridge
from sklearn.utils._param_validation import InvalidParameterError

from skltsm.preprocessing import Differencer

X = np.sin(np.arange(20.0)).reshape(-1, 1)
Y = np.cos(np.arange(20.0))


def stateful(**params):
    from skltsm import StatefulLSTMRegressor

    return StatefulLSTMRegressor(**{"units": 1, "epochs": 1, "random_state": 0, **params})


def stacked(**params):
    from skltsm import StackedLSTMRegressor

    defaults = {"units": (1,), "dropout": 0.0, "timesteps": 1, "epochs": 1, "random_state": 0}
    return StackedLSTMRegressor(**{**defaults, **params})


def with_value(values, value, at=3):
    values = values.copy().astype(np.result_type(values, type(value)))
    values.flat[at] = value
    return values


def fit(X_, y_=Y):
    return lambda est: est.fit(X_, y_)


def fitted(method, *args):
    return lambda est: getattr(est.fit(X, Y), method)(*args)


NAME = r"(StatefulLSTMRegressor|StackedLSTMRegressor)"

# (case, action, exception, match): run on both estimators.
ESTIMATOR_INPUTS = [
    ("X-nan", fit(with_value(X, np.nan)), ValueError, "Input X contains NaN"),
    ("X-inf", fit(with_value(X, np.inf)), ValueError, "Input X contains infinity"),
    ("y-nan", fit(X, with_value(Y, np.nan)), ValueError, "Input y contains NaN"),
    ("y-minus-inf", fit(X, with_value(Y, -np.inf)), ValueError, "Input y contains infinity"),
    ("X-strings", fit(X.astype(str)), ValueError, NAME + ": X must be numeric; got an array"),
    ("y-strings", fit(X, Y.astype(str)), ValueError, NAME + ": y must be numeric"),
    (
        "X-object-column",
        fit(pd.DataFrame({"a": ["x"] * 20})),
        ValueError,
        NAME + r": X must be numeric; column\(s\) \['a'\]",
    ),
    (
        "X-mixed-object",
        fit(np.array([[1.0, "x"]] * 20, dtype=object)),
        ValueError,
        "could not convert string to float",
    ),
    ("X-complex", fit(X + 1j), ValueError, "Complex data not supported"),
    ("y-complex", fit(X, Y + 1j), ValueError, "Complex data not supported"),
    ("X-empty", fit(X[:0], Y[:0]), ValueError, r"0 sample\(s\)"),
    ("X-no-columns", fit(np.empty((20, 0))), ValueError, r"0 feature\(s\)"),
    ("X-0-d", fit(np.float64(1.0)), ValueError, "Expected 2D array, got scalar"),
    ("X-1-d", fit(X.ravel()), ValueError, "Expected 2D array, got 1D"),
    ("X-4-d", fit(X.reshape(20, 1, 1, 1)), ValueError, "Found array with dim 4"),
    ("X-3-d-timesteps", fit(X.reshape(10, 2, 1), Y[:10]), ValueError, "3-D X has 2 timesteps"),
    ("y-3-d", fit(X, Y.reshape(20, 1, 1)), ValueError, "Found array with dim 3"),
    ("y-length", fit(X, Y[:5]), ValueError, "inconsistent numbers of samples: \\[20, 5\\]"),
    ("y-None", fit(X, None), ValueError, NAME + " requires y to be passed"),
    ("X-float32-overflow", fit(X * 1e300), ValueError, NAME + ": X holds values up to 1e\\+300"),
    ("y-float32-overflow", fit(X, Y * 1e39), ValueError, NAME + ": y holds values up to"),
    ("y-diverges", fit(X, Y * 1e30), ValueError, NAME + ": training diverged"),
    ("predict-nan", fitted("predict", with_value(X, np.nan)), ValueError, "Input X contains NaN"),
    (
        "predict-n-features",
        fitted("predict", np.zeros((3, 2))),
        ValueError,
        "X has 2 features, but " + NAME + " is expecting 1 features",
    ),
    ("predict-empty", fitted("predict", X[:0]), ValueError, r"0 sample\(s\)"),
    ("predict-1-d", fitted("predict", np.zeros(3)), ValueError, "Expected 2D array"),
    ("predict-4-d", fitted("predict", np.zeros((3, 1, 1, 1))), ValueError, "dim 4"),
    ("predict-strings", fitted("predict", np.array([["a"]])), ValueError, "X must be numeric"),
    ("partial_fit-inf", fitted("partial_fit", with_value(X, np.inf), Y), ValueError, "infinity"),
    (
        "partial_fit-outputs",
        fitted("partial_fit", X, np.c_[Y, Y]),
        ValueError,
        r"y has \(2,\) outputs, but the estimator was fitted with n_outputs_=1",
    ),
]

# (make, match) for parameters rejected by _parameter_constraints (InvalidParameterError).
ESTIMATOR_PARAMETERS = [
    (lambda: stateful(epochs=0), "'epochs' parameter of StatefulLSTMRegressor must be an int"),
    (lambda: stateful(epochs=-1), "'epochs' parameter"),
    (lambda: stateful(epochs=1.5), "'epochs' parameter"),
    (lambda: stateful(batch_size=0), "'batch_size' parameter"),
    (lambda: stateful(timesteps=0), "'timesteps' parameter"),
    (lambda: stateful(units=0), "'units' parameter of StatefulLSTMRegressor"),
    (lambda: stateful(units=-4), "'units' parameter"),
    (lambda: stateful(units=2.5), "'units' parameter"),
    (lambda: stateful(units="4"), "'units' parameter"),
    (lambda: stateful(cell="rnn"), "'cell' parameter of StatefulLSTMRegressor must be a str"),
    (lambda: stateful(random_state="x"), "'random_state' parameter"),
    (lambda: stateful(replay_training="yes"), "'replay_training' parameter"),
    (lambda: stacked(dropout=1.5), r"'dropout' parameter of StackedLSTMRegressor .*\[0.0, 1.0\)"),
    (lambda: stacked(dropout=-0.1), "'dropout' parameter"),
    (lambda: stacked(recurrent_dropout=1.0), "'recurrent_dropout' parameter"),
    (lambda: stacked(units=5), "'units' parameter of StackedLSTMRegressor"),
    (lambda: stacked(units="50"), "'units' parameter"),
    (lambda: stacked(shuffle="y"), "'shuffle' parameter"),
    (lambda: stacked(timesteps=0), "'timesteps' parameter"),
]

# (make, match) for parameters checked when the network is built (ValueError, no allocation).
ESTIMATOR_SIZES = [
    (lambda: stateful(units=10**9), "StatefulLSTMRegressor: units=1000000000 gives a network"),
    (lambda: stacked(units=(10**9,)), r"StackedLSTMRegressor: units=\(1000000000,\) gives"),
    (lambda: stacked(units=(4, 10**5)), r"units=\(4, 100000\) gives a network of about 4e\+10"),
    (lambda: stacked(units=(0,)), "units must be a non-empty tuple of positive integers"),
    (lambda: stacked(units=()), "units must be a non-empty tuple"),
    (lambda: stacked(units=(1.5,)), "units must be a non-empty tuple"),
    (lambda: stacked(units=(True,)), "units must be a non-empty tuple"),
    (lambda: stateful(optimizer="nope"), "optimizer='nope' is not a keras optimizer"),
    (lambda: stacked(loss="nope"), "loss='nope' is not a keras loss"),
]


def _estimator_cases():
    for make in (stateful, stacked):
        for case, action, exc, match in ESTIMATOR_INPUTS:
            yield pytest.param(make, action, exc, match, id=f"{make.__name__}-{case}")


@pytest.mark.parametrize(("make", "action", "exc", "match"), list(_estimator_cases()))
def test_estimator_bad_input_raises_a_named_error(make, action, exc, match):
    with pytest.raises(exc, match=match):
        action(make())


@pytest.mark.parametrize(("make", "match"), ESTIMATOR_PARAMETERS)
def test_estimator_bad_parameter_is_rejected_at_fit(make, match):
    with pytest.raises(InvalidParameterError, match=match):
        make().fit(X, Y)


@pytest.mark.parametrize(("make", "match"), ESTIMATOR_SIZES)
def test_estimator_absurd_network_fails_before_building(make, match):
    with pytest.raises(ValueError, match=match):
        make().fit(X, Y)


@pytest.mark.parametrize(
    ("row", "match"),
    [
        ([np.nan], "WalkForward.predict: Input X contains NaN or infinity"),
        (["a"], "WalkForward.predict: X must be numeric windows"),
        ([[1.0, 2.0]], r"X has shape \(1, 2\), but the estimator expects rows of 1 features"),
        (np.zeros((0, 1)), r"X has shape \(0, 1\).*at least one"),
    ],
    ids=["nan", "string", "two-features", "empty"],
)
def test_walk_forward_bad_row(row, match):
    walker = stateful().fit(X, Y).walk_forward()
    with pytest.raises(ValueError, match=match):
        walker.predict(row)


# -- transformers: arithmetic overflow on finite input ------------------------------------


@pytest.mark.parametrize(
    ("action", "match"),
    [
        (lambda d, X_: d.fit(X_).transform(X_), "Differencer: the differences of X overflow"),
        (
            lambda d, X_: d.fit([[1.0], [1e308]]).inverse_forecast([[1e308]]),
            "Differencer: the undifferenced values of Xt_future overflow",
        ),
        (
            lambda d, X_: d.fit(X_[:2]).inverse_transform([[0.0], [1e308], [1e308]]),
            "Differencer: the undifferenced values of Xt overflow",
        ),
    ],
    ids=["transform", "inverse_forecast", "inverse_transform"],
)
def test_differencer_overflow_is_an_error_not_infinity(action, match):
    huge = np.array([[1e308], [-1e308], [1.0]])
    with pytest.raises(ValueError, match=match):
        action(Differencer(), huge)


# -- the forecaster ------------------------------------------------------------------------

MONTHS = pd.period_range("2000-01", periods=30, freq="M")
SERIES = pd.Series(np.arange(30.0) ** 1.5 + 10, index=MONTHS, name="sales")
DAYS = pd.date_range("2020-01-01", periods=30, freq="D")
HOURS = pd.date_range("2020-01-01", periods=30, freq="h")  # 2040 is 175320 steps ahead


def forecaster(**params):
    from skltsm.forecasting import LSTMForecaster

    # The checks are the forecaster's own: a linear regressor keeps them fast.
    return LSTMForecaster(Ridge(), **params)


def on_index(index):
    return pd.Series(SERIES.to_numpy()[: len(index)], index=index)


def fc_fit(y, **params):
    return lambda: forecaster(**params).fit(y)


def fc_predict(fh, y=SERIES.iloc[:20], **params):
    return lambda: forecaster(**params).fit(y).predict(fh=fh)


def fc_update(y_new, y=SERIES.iloc[:20], update_params=False):
    def run():
        fitted_ = forecaster().fit(y)
        fitted_.update(y_new, update_params=update_params)
        return fitted_.predict(fh=1)

    return run


def series_with(value, at=5):
    y = SERIES.copy()
    y.iloc[at] = value
    return y


IRREGULAR = DAYS[:29].append(pd.DatetimeIndex(["2020-03-01"]))
DUPLICATED = DAYS[:29].append(pd.DatetimeIndex(["2020-01-29"]))
SORTED = "must be sorted monotonically increasing"
CONTINUE = "update's y must continue the series right after the cutoff"

# (case, action, exception, match)
FORECASTER_CASES = [
    ("y-nan", fc_fit(series_with(np.nan)), ValueError, "y passed contained missing data"),
    ("y-inf", fc_fit(series_with(np.inf)), ValueError, "LSTMForecaster: y must be finite"),
    ("y-minus-inf", fc_fit(series_with(-np.inf)), ValueError, "y must be finite"),
    ("y-strings", fc_fit(SERIES.astype(str)), TypeError, "categorical features in endogeneous y"),
    ("y-object", fc_fit(SERIES.astype(object)), TypeError, "categorical features"),
    ("y-complex", fc_fit(SERIES + 1j), TypeError, "Found dtype: complex128"),
    ("y-empty", fc_fit(SERIES.iloc[:0]), ValueError, "y of length 0 is too short for lags=1"),
    ("y-one-row", fc_fit(SERIES.iloc[:1]), ValueError, "y of length 1 is too short"),
    ("y-too-short-for-lags", fc_fit(SERIES.iloc[:6], lags=5), ValueError, "need at least 7"),
    ("y-0-d", fc_fit(np.float64(1.0)), TypeError, "input y must be in an sktime compatible"),
    ("y-list", fc_fit(list(range(30))), TypeError, "input y must be in an sktime compatible"),
    ("index-unsorted", fc_fit(on_index(DAYS[::-1])), TypeError, SORTED),
    ("index-irregular", fc_fit(on_index(IRREGULAR)), ValueError, "without a regular frequency"),
    ("index-duplicated", fc_fit(on_index(DUPLICATED)), ValueError, "duplicated time points"),
    (
        "index-integer-gaps",
        fc_fit(on_index(pd.Index(range(0, 60, 2)))),
        ValueError,
        "y has an integer index that is not consecutive",
    ),
    ("fh-zero", fc_predict(0), NotImplementedError, "can not perform in-sample prediction"),
    ("fh-negative", fc_predict(-3), NotImplementedError, "in-sample prediction"),
    ("fh-in-sample", fc_predict(MONTHS[[5]]), NotImplementedError, "in-sample prediction"),
    ("fh-float", fc_predict(1.5), TypeError, "Invalid `fh`"),
    ("fh-string", fc_predict("a"), TypeError, "Invalid `fh`"),
    ("fh-empty", fc_predict([]), ValueError, "`fh` must not be empty"),
    ("fh-duplicated", fc_predict([1, 1]), ValueError, "must not contain any duplicates"),
    ("fh-huge", fc_predict(10**9), ValueError, "fh reaches 1000000000 steps ahead; at most"),
    ("fh-huge-list", fc_predict([1, 10**12]), ValueError, "fh reaches 1000000000000 steps"),
    (
        "fh-huge-absolute",
        fc_predict(pd.DatetimeIndex(["2040-01-01"]), y=on_index(HOURS[:20])),
        ValueError,
        r"fh reaches 1\d{5} steps ahead; at most 100000",
    ),
    (
        "fh-beyond-direct-horizon",
        fc_predict(4, strategy="direct", horizon=3),
        ValueError,
        "fh reaches 4 steps ahead, but strategy='direct' was fitted for horizon=3",
    ),
    (
        "direct-huge-fh-in-fit",
        lambda: forecaster(strategy="direct").fit(SERIES, fh=10**9),
        ValueError,
        "fh reaches 1000000000 steps ahead",
    ),
    ("update-gap", fc_update(SERIES.iloc[22:23]), ValueError, CONTINUE + " 2001-08 without gaps"),
    ("update-gap-params", fc_update(SERIES.iloc[22:23], update_params=True), ValueError, CONTINUE),
    (
        "update-backwards",
        fc_update(SERIES.iloc[10:12]),
        ValueError,
        "update's y ends at 2000-12, before the cutoff 2001-08",
    ),
    (
        "update-revises-past",
        fc_update(series_with(-1.0, at=19).iloc[18:21]),
        ValueError,
        "update's y changes a value already seen: 2001-08",
    ),
    (
        "update-skips-to-cutoff",
        fc_update(SERIES.iloc[[17, 20]]),
        ValueError,
        "update's y skips time points up to the cutoff 2001-08",
    ),
    ("update-nan", fc_update(series_with(np.nan, 20).iloc[20:21]), ValueError, "missing data"),
    (
        "update-inf",
        fc_update(series_with(np.inf, 20).iloc[20:21]),
        ValueError,
        "update's y must be finite",
    ),
    (
        "update-duplicated",
        fc_update(pd.Series([1.0, 2.0], index=MONTHS[[20, 20]])),
        ValueError,
        "the index of update's y has duplicated time points",
    ),
    ("update-unsorted", fc_update(on_index(MONTHS[[21, 20]])), TypeError, SORTED),
    (
        "update-other-index",
        fc_update(pd.Series([1.0], index=[20])),
        ValueError,
        "update's y has a Index of dtype int64, but the series seen in fit has Period",
    ),
    (
        "update-daily-gap",
        fc_update(on_index(DAYS[22:23]), y=on_index(DAYS[:20])),
        ValueError,
        CONTINUE + " 2020-01-20 00:00:00 without gaps: expected 2020-01-21",
    ),
    (
        "update-off-grid",
        fc_update(on_index(pd.DatetimeIndex(["2020-01-21 12:00"])), y=on_index(DAYS[:20])),
        ValueError,
        "expected 2020-01-21 00:00:00 at position 0 of the new observations",
    ),
    (
        "update-range-gap",
        fc_update(pd.Series([1.0], index=[22]), y=SERIES.iloc[:20].reset_index(drop=True)),
        ValueError,
        CONTINUE + " 19 without gaps: expected 20",
    ),
]

FORECASTER_PARAMETERS = [
    ({"lags": 0}, InvalidParameterError, "'lags' parameter of LSTMForecaster must be an int"),
    ({"lags": -1}, InvalidParameterError, "'lags' parameter"),
    ({"lags": 1.5}, InvalidParameterError, "'lags' parameter"),
    ({"lags": "2"}, InvalidParameterError, "'lags' parameter"),
    ({"lags": 10**9}, ValueError, "too short for lags=1000000000"),
    ({"difference_lag": 0}, InvalidParameterError, "'difference_lag' parameter"),
    ({"difference_lag": -1}, InvalidParameterError, "'difference_lag' parameter"),
    ({"difference_lag": 1.0}, InvalidParameterError, "'difference_lag' parameter"),
    ({"difference_lag": "1"}, InvalidParameterError, "'difference_lag' parameter"),
    ({"difference_lag": ()}, ValueError, "difference_lag must be a positive int or a non-empty"),
    ({"difference_lag": (1, 0)}, ValueError, r"difference_lag .* got \(1, 0\)"),
    ({"difference_lag": 10**9}, ValueError, "too short for lags=1, difference_lag=1000000000"),
    ({"difference_order": -1}, InvalidParameterError, "'difference_order' parameter"),
    ({"difference_order": 10**6}, ValueError, "difference_order=1000000"),
    ({"scaler": "std"}, InvalidParameterError, "'scaler' parameter of LSTMForecaster"),
    ({"scaler": 5}, InvalidParameterError, "'scaler' parameter"),
    ({"strategy": "x"}, InvalidParameterError, "'strategy' parameter"),
    ({"horizon": 0}, InvalidParameterError, "'horizon' parameter"),
    ({"strategy": "direct", "horizon": 10**9}, ValueError, "horizon=1000000000; need at least"),
    ({"strategy": "direct"}, ValueError, "strategy='direct' needs the number of steps"),
    ({"update_epochs": -1}, InvalidParameterError, "'update_epochs' parameter"),
    ({"random_state": "x"}, InvalidParameterError, "'random_state' parameter"),
    ({"regressor": "ridge"}, InvalidParameterError, "'regressor' parameter of LSTMForecaster"),
]


@pytest.mark.filterwarnings("ignore:empty y passed to update:UserWarning")
@pytest.mark.parametrize(
    ("action", "exc", "match"),
    [pytest.param(*case[1:], id=case[0]) for case in FORECASTER_CASES],
)
def test_forecaster_bad_input_raises_a_named_error(action, exc, match):
    with pytest.raises(exc, match=match):
        action()


@pytest.mark.parametrize(("params", "exc", "match"), FORECASTER_PARAMETERS, ids=repr)
def test_forecaster_bad_parameter_raises_a_named_error(params, exc, match):
    from skltsm.forecasting import LSTMForecaster

    params = {"regressor": Ridge(), **params}
    with pytest.raises(exc, match=match):
        LSTMForecaster(**params).fit(SERIES)


def test_forecaster_update_may_repeat_the_newest_observations():
    # sktime's evaluate(strategy="update") passes the whole training window again.
    reference = forecaster().fit(SERIES.iloc[:20])
    reference.update(SERIES.iloc[20:22], update_params=False)
    repeated = forecaster().fit(SERIES.iloc[:20])
    repeated.update(SERIES.iloc[:22], update_params=False)
    pd.testing.assert_series_equal(repeated.predict(fh=[1, 2]), reference.predict(fh=[1, 2]))


def test_forecaster_one_row_update_without_freq_keeps_the_daily_grid():
    fitted_ = forecaster().fit(on_index(DAYS[:20]))
    fitted_.update(pd.Series([40.0], index=pd.DatetimeIndex(["2020-01-21"])), update_params=False)
    assert fitted_.predict(fh=[1, 2]).index.tolist() == list(DAYS[21:23])


# -- walk_forward_forecast -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "exc", "match"),
    [
        ((Ridge(), SERIES[:20], SERIES[20:]), TypeError, r"Ridge lacks \['clone', 'update'\]"),
        (("f", SERIES[:20].to_numpy(), SERIES[20:]), TypeError, "y_train must be a pandas Series"),
        (("f", SERIES[:20], SERIES[20:].to_numpy()), TypeError, "y_test must be a pandas Series"),
        (("f", SERIES[:20], SERIES[:0]), ValueError, "y_test is empty; nothing to forecast"),
        (("f", SERIES[:20], SERIES[15:25]), ValueError, "y_test must follow y_train; it starts"),
        (("f", SERIES[:20], SERIES[22:25]), ValueError, "y_test must continue y_train step"),
        (("f", SERIES[:20], SERIES[22:23]), ValueError, "is for 2001-09, but the next value"),
        (("f", SERIES[:20], series_with(np.nan, 21)[20:25]), ValueError, "missing data"),
    ],
    ids=["not-a-forecaster", "y_train-array", "y_test-array", "empty", "overlap", "gap", "gap-1"]
    + ["nan"],
)
def test_walk_forward_forecast_bad_input(args, exc, match):
    from skltsm.forecasting import walk_forward_forecast

    args = (forecaster() if args[0] == "f" else args[0], *args[1:])
    with pytest.raises(exc, match=match):
        walk_forward_forecast(*args)
