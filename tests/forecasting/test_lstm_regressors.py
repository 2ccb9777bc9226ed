"""LSTMForecaster with skltsm's own tiny LSTM regressors (about a second per fit)."""

import numpy as np
import pandas as pd
import pytest
from sklearn.preprocessing import MinMaxScaler
from sktime.forecasting.model_evaluation import evaluate
from sktime.forecasting.model_selection import ForecastingGridSearchCV
from sktime.split import ExpandingWindowSplitter

from skltsm.forecasting import LSTMForecaster

regression = pytest.importorskip("skltsm.regression")


def _tiny(**kwargs):
    return regression.StatefulLSTMRegressor(units=2, epochs=3, random_state=0, **kwargs)


@pytest.fixture(scope="module")
def fitted(request):
    from skltsm.datasets import load_shampoo_sales

    y = load_shampoo_sales()
    return y, LSTMForecaster(
        _tiny(), update_epochs=1, sp=None, transform=None, difference_lag=1, lags=1
    ).fit(y.iloc[:24])


def test_stateful_walk_forward_matches_the_regressor_walker(fitted):
    y, forecaster = fitted
    values = y.to_numpy()
    scaler = MinMaxScaler(feature_range=(-1, 1)).fit(np.diff(values[:24]).reshape(-1, 1))
    z = scaler.transform(np.diff(values).reshape(-1, 1)).ravel()  # z[i] = diff at i + 1
    walker = forecaster.regressor_.walk_forward()
    walker.predict(z[22:25].reshape(-1, 1))  # windows of the targets at 24, 25, 26
    z_hat = walker.predict(z[25:26].reshape(1, 1))[0]  # window of the target at 27
    expected = values[26] + scaler.inverse_transform([[z_hat]])[0, 0]
    walked = forecaster.clone().fit(y.iloc[:24])
    walked.update(y.iloc[24:27], update_params=False)
    assert walked.predict(fh=1).iloc[0] == pytest.approx(expected, rel=1e-9)
    np.testing.assert_array_equal(walked.predict(fh=[1, 2]), walked.predict(fh=[1, 2]))


def test_predict_is_repeatable_and_recursive_steps_differ(fitted):
    _, forecaster = fitted
    first = forecaster.predict(fh=range(1, 7))
    pd.testing.assert_series_equal(forecaster.predict(fh=range(1, 7)), first)
    assert np.isfinite(first).all() and first.nunique() == 6


def test_update_params_continues_training(fitted):
    y, forecaster = fitted
    forecaster = forecaster.clone().fit(y.iloc[:24])
    epochs = forecaster.regressor_.current_epoch
    forecaster.update(y.iloc[24:26], update_params=True)
    assert forecaster.regressor_.current_epoch == epochs + 1  # update_epochs=1


@pytest.mark.parametrize("strategy", ["recursive", "direct"])
def test_windows_of_several_lags_and_strategies(fitted, strategy):
    y, _ = fitted
    stacked = regression.StackedLSTMRegressor(units=(2,), dropout=0.0, epochs=2, random_state=0)
    forecaster = LSTMForecaster(
        stacked, lags=3, strategy=strategy, horizon=3, sp=None, transform=None, difference_lag=1
    )
    y_pred = forecaster.fit(y.iloc[:24]).predict(fh=[1, 2, 3])
    # the windows are 3-D (n, lags, 1); timesteps=None reads them as given, never edited
    assert forecaster.regressor_.timesteps is None and stacked.timesteps is None
    assert forecaster.regressor_._architecture["timesteps"] == 3
    assert y_pred.index.equals(y.index[24:27]) and np.isfinite(y_pred).all()


def test_evaluate_update_and_grid_search_over_units_and_epochs(fitted):
    y, _ = fitted
    cv = ExpandingWindowSplitter(initial_window=30, step_length=3, fh=[1, 2])
    forecaster = LSTMForecaster(
        _tiny(), update_epochs=1, sp=None, transform=None, difference_lag=1, lags=1
    )
    results = evaluate(forecaster, cv, y, strategy="update", return_data=True)
    assert len(results) == 2 and all(np.isfinite(p).all() for p in results["y_pred"])
    grid = ForecastingGridSearchCV(
        forecaster,
        cv=ExpandingWindowSplitter(initial_window=35, step_length=1, fh=[1]),
        param_grid={"regressor__units": [2, 3], "regressor__epochs": [1, 2]},
        backend=None,  # sktime's default, loky, imports TensorFlow anew in each worker
    )
    grid.fit(y)
    assert set(grid.best_params_) == {"regressor__units", "regressor__epochs"}
    assert grid.best_forecaster_.regressor_.units == grid.best_params_["regressor__units"]


def test_default_regressor_is_a_validated_stateless_lstm_ensemble(fitted):
    y, _ = fitted
    forecaster = LSTMForecaster(random_state=0, ensemble_size=2).fit(y.iloc[:24])
    assert all(isinstance(m, regression.StackedLSTMRegressor) for m in forecaster.regressors_)
    assert [m.random_state for m in forecaster.regressors_][0] == 0
    assert forecaster.regressor_.timesteps == forecaster.lags_
    assert forecaster.epochs_ == forecaster.regressor_.epochs
    assert forecaster.regressor is None
    summary = forecaster.summary()
    assert summary["regressor"] == "StackedLSTMRegressor" and summary["ensemble_size"] == 2
    if summary["validation_steps"]:
        assert summary["epochs"] in summary["validation_scores"]
