"""LSTMForecaster inside sktime's evaluate, grid search and TransformedTargetForecaster."""

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.preprocessing import StandardScaler
from sktime.forecasting.compose import TransformedTargetForecaster
from sktime.forecasting.model_evaluation import evaluate
from sktime.forecasting.model_selection import ForecastingGridSearchCV
from sktime.split import ExpandingWindowSplitter
from sktime.transformations.series.adapt import TabularToSeriesAdaptor

from skltsm.forecasting import LSTMForecaster

# sktime's own forecasters and composites warn at construction that a config default
# changes in sktime 1.3; LSTMForecaster sets remember_data itself and does not warn.
pytestmark = pytest.mark.filterwarnings("ignore:The default of config:FutureWarning")


@pytest.mark.parametrize("strategy", ["refit", "update", "no-update_params"])
def test_evaluate_expanding_window_is_exact_on_a_quadratic(quadratic, strategy):
    cv = ExpandingWindowSplitter(initial_window=20, step_length=4, fh=[1, 2, 3])
    forecaster = LSTMForecaster(
        LinearRegression(), lags=2, sp=None, transform=None, difference_lag=1
    )
    results = evaluate(forecaster, cv, quadratic, strategy=strategy, return_data=True)
    assert len(results) == 5
    for _, row in results.iterrows():
        np.testing.assert_allclose(row["y_pred"], row["y_test"], rtol=1e-8)


def test_evaluate_update_differs_from_refit_only_by_training(shampoo):
    cv = ExpandingWindowSplitter(initial_window=18, step_length=3, fh=[1, 2])
    forecaster = LSTMForecaster(
        Ridge(), lags=2, scaler=None, sp=None, transform=None, difference_lag=1
    )
    refit = evaluate(forecaster, cv, shampoo, strategy="refit", return_data=True)
    update = evaluate(forecaster, cv, shampoo, strategy="update", return_data=True)
    # Without scaling, a Ridge refit on all rows in update equals a fresh fit.
    for a, b in zip(refit["y_pred"], update["y_pred"], strict=True):
        pd.testing.assert_series_equal(a, b)


def test_grid_search_over_regressor_parameters(shampoo):
    cv = ExpandingWindowSplitter(initial_window=24, step_length=4, fh=[1])
    grid = ForecastingGridSearchCV(
        LSTMForecaster(Ridge(), sp=None, transform=None, difference_lag=1, lags=1),
        cv=cv,
        param_grid={"regressor__alpha": [0.1, 10.0], "lags": [1, 2]},
    )
    grid.fit(shampoo.iloc[:-3])
    assert set(grid.best_params_) == {"regressor__alpha", "lags"}
    assert len(grid.cv_results_) == 4
    assert grid.predict(fh=[1, 2, 3]).index.equals(shampoo.index[-3:])


def test_inside_transformed_target_forecaster(quadratic):
    pipe = TransformedTargetForecaster(
        [
            ("scale", TabularToSeriesAdaptor(StandardScaler())),
            (
                "forecast",
                LSTMForecaster(
                    LinearRegression(), lags=2, sp=None, transform=None, difference_lag=1
                ),
            ),
        ]
    )
    y_pred = pipe.fit(quadratic.iloc[:30]).predict(fh=range(1, 6))
    np.testing.assert_allclose(y_pred.to_numpy(), quadratic.iloc[30:35].to_numpy(), rtol=1e-8)


def test_update_without_params_in_a_pipeline_stays_exact(quadratic):
    # The scenario where sktime 1.2's own Differencer returns raw differences after
    # update(update_params=False): differencing inside our forecaster, in a pipeline,
    # walked forward with the true values. A linear regressor is exact on this series,
    # so every forecast must equal the truth. Measured with sktime 1.2, the same pipeline
    # with sktime's Differencer + make_reduction(LinearRegression) forecast 125.3 after
    # update(y[20:23], update_params=False), where the truth (and ours) is 343.5.
    pipe = TransformedTargetForecaster(
        [
            ("scale", TabularToSeriesAdaptor(StandardScaler())),
            (
                "forecast",
                LSTMForecaster(
                    LinearRegression(), lags=1, sp=None, transform=None, difference_lag=1
                ),
            ),
        ]
    )
    pipe.fit(quadratic.iloc[:20])
    for cut in range(20, 36, 3):
        y_pred = pipe.predict(fh=[1, 2, 3])
        np.testing.assert_allclose(y_pred.to_numpy(), quadratic.iloc[cut : cut + 3], rtol=1e-8)
        pipe.update(quadratic.iloc[cut : cut + 3], update_params=False)
    results = evaluate(
        pipe,
        ExpandingWindowSplitter(initial_window=20, step_length=3, fh=[1, 2, 3]),
        quadratic,
        strategy="no-update_params",
        scoring=None,
        return_data=True,
    )
    errors = [np.max(np.abs(r["y_pred"] - r["y_test"])) for _, r in results.iterrows()]
    assert max(errors) < 1e-6
