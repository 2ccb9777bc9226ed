"""Fuzz the public API with random shapes and values: a clear error or a clean result.

Every example must end in one of two ways: a ValueError/TypeError (sktime's
NotImplementedError for an in-sample horizon) with a non-empty message, or a result of the
right shape without NaN or infinity. Anything else - another exception, a hang, a silent NaN -
fails. The default runs are small; ``-m slow`` runs many more examples.
"""

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sklearn.linear_model import Ridge

from skltsm.preprocessing import Differencer, LagFramer, WindowReshaper

SPECIAL = [np.nan, np.inf, -np.inf, 1e300, -1e300, 1e-310, 3e38, 0.0]


def fuzz(max_examples):
    """Settings of a reproducible run (a fixed sequence of examples, no example database)."""
    return settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )


@st.composite
def hostile_arrays(draw, max_rows=50, max_columns=5, max_dims=4):
    """An array of 0-4 dims, 0-50 rows, 0-5 columns: finite, special or odd-typed values."""
    ndim = draw(st.sampled_from([0, 1, 2, 2, 2, 2, 3, 4]).filter(lambda d: d <= max_dims))
    shape = [draw(st.integers(0, max_rows))] + [
        draw(st.integers(0, max_columns)) for _ in range(ndim - 1)
    ]
    shape = tuple(shape[:ndim])
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    values = np.asarray(rng.standard_normal(shape) * draw(st.sampled_from([1.0, 1e-3, 1e6, 1e30])))
    if values.size and draw(st.integers(0, 2)) == 0:
        flat = values.reshape(-1)
        for _ in range(draw(st.integers(1, 3))):
            flat[draw(st.integers(0, flat.size - 1))] = draw(st.sampled_from(SPECIAL))
    kind = draw(st.sampled_from(["float64", "float64", "float32", "int", "bool", "complex"]))
    kind = draw(st.sampled_from([kind, kind, kind, "str", "object"]))
    if kind == "float32":
        with np.errstate(over="ignore"):
            return values.astype(np.float32)
    if kind == "int":
        return np.nan_to_num(values, posinf=0, neginf=0).clip(-1e9, 1e9).astype(np.int64)
    if kind == "bool":
        return values > 0
    if kind == "complex":
        return values + 1j
    if kind == "str":
        return values.astype(str)
    if kind == "object":
        mixed = values.astype(object)
        if mixed.size:
            mixed.reshape(-1)[0] = "x"
        return mixed
    return values


def _check_error(error):
    assert str(error).strip(), f"{type(error).__name__} without a message"


def _finite(values):
    return np.isfinite(np.asarray(values, dtype=np.float64)).all()


TRANSFORMERS = [
    (lambda: Differencer(lag=1), lambda X: X.shape),
    (lambda: LagFramer(lags=1), lambda X: (X.shape[0], 2 * X.shape[1])),
    (lambda: WindowReshaper(timesteps=1), lambda X: (X.shape[0], 1, X.shape[1])),
]


@pytest.mark.parametrize(("make", "out_shape"), TRANSFORMERS, ids=["diff", "lags", "window"])
@fuzz(100)
@given(X=hostile_arrays())
def test_transformers_fuzz(make, out_shape, X):
    transformer = make()
    try:
        Xt = transformer.fit_transform(X)
    except (ValueError, TypeError) as error:
        _check_error(error)
        return
    assert Xt.shape == out_shape(X) and _finite(Xt)
    try:
        back = transformer.inverse_transform(Xt)
    except (ValueError, TypeError) as error:  # an overflow when undoing the differences
        _check_error(error)
        return
    assert back.shape == X.shape and _finite(back)


def _estimator_fuzz(make, X, y):
    estimator = make()
    try:
        estimator.fit(X, y)
    except (ValueError, TypeError) as error:
        _check_error(error)
        return
    prediction = estimator.predict(X)
    assert prediction.shape == np.shape(X)[:1] + np.shape(y)[1:] and _finite(prediction)


def stateful():
    from skltsm import StatefulLSTMRegressor

    return StatefulLSTMRegressor(units=1, epochs=1, random_state=0)


def stacked():
    from skltsm import StackedLSTMRegressor

    return StackedLSTMRegressor(units=(1,), dropout=0.0, timesteps=1, epochs=1, random_state=0)


@st.composite
def training_sets(draw):
    """Half clean 2-D windows of any magnitude, half hostile arrays; y of matching length.

    Few columns, so that the compiled networks are reused across examples.
    """
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    if draw(st.booleans()):
        shape = (draw(st.integers(1, 30)), draw(st.integers(1, 2)))
        X = rng.standard_normal(shape) * draw(st.sampled_from([1.0, 1e-6, 1e6, 1e30, 1e39]))
    else:
        X = draw(hostile_arrays(max_rows=30, max_columns=2))
    n_rows = X.shape[0] if X.ndim else 1
    scale = draw(st.sampled_from([1.0, 1e-6, 1e6, 1e30]))
    y = rng.standard_normal(n_rows) * scale
    if draw(st.integers(0, 3)) == 0:
        y = draw(hostile_arrays(max_rows=n_rows, max_columns=1, max_dims=2))
    return X, y


@pytest.mark.parametrize("make", [stateful, stacked])
@fuzz(25)
@given(data=training_sets())
def test_estimators_fuzz(make, data):
    _estimator_fuzz(make, *data)


@st.composite
def forecast_cases(draw):
    n = draw(st.integers(0, 50) if draw(st.integers(0, 4)) == 0 else st.integers(12, 50))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    values = np.cumsum(rng.standard_normal(n)) * draw(st.sampled_from([1.0, 1e-6, 1e6, 1e300]))
    if n and draw(st.integers(0, 3)) == 0:
        values[draw(st.integers(0, n - 1))] = draw(st.sampled_from(SPECIAL))
    index = draw(
        st.sampled_from(
            [
                pd.period_range("2000-01", periods=n, freq="M"),
                pd.RangeIndex(n),
                pd.date_range("2020-01-01", periods=n, freq="D"),
            ]
        )
    )
    if draw(st.integers(0, 9)) == 0:
        fh = draw(st.sampled_from([10**6, 10**9, [1, 10**7]]))
    elif draw(st.booleans()):
        fh = draw(st.integers(-3, 60))
    else:
        fh = draw(st.lists(st.integers(-2, 40), min_size=1, max_size=4, unique=True))
    params = draw(
        st.fixed_dictionaries(
            {
                "lags": st.integers(1, 4),
                "difference_order": st.integers(0, 2),
                "strategy": st.sampled_from(["recursive", "direct"]),
                "horizon": st.sampled_from([None, 3]),
            }
        )
    )
    return pd.Series(values, index=index, name="y"), fh, params


def _forecaster_fuzz(regressor, y, fh, params):
    from skltsm.forecasting import LSTMForecaster

    forecaster = LSTMForecaster(regressor, random_state=0, **params)
    try:
        y_pred = forecaster.fit(y, fh=fh if params["strategy"] == "direct" else None).predict(fh)
    except (ValueError, TypeError, NotImplementedError) as error:
        _check_error(error)
        return
    n_steps = fh if isinstance(fh, int) else len(fh)
    assert len(y_pred) == n_steps and _finite(y_pred)


@fuzz(60)
@given(case=forecast_cases())
def test_forecaster_fuzz(case):
    _forecaster_fuzz(Ridge(), *case)


@fuzz(8)
@given(case=forecast_cases())
def test_forecaster_with_lstm_fuzz(case):
    _forecaster_fuzz(stateful(), *case)


@pytest.mark.slow
@fuzz(300)
@given(data=training_sets(), case=forecast_cases())
def test_everything_fuzz_long(data, case):
    _estimator_fuzz(stateful, *data)
    _estimator_fuzz(stacked, *data)
    _forecaster_fuzz(Ridge(), *case)
