"""The shampoo-sales tutorial in a few lines: last 12 months, one-step walk-forward, RMSE."""

import numpy as np
import pytest

from skltsm.forecasting import LSTMForecaster, walk_forward_forecast

regression = pytest.importorskip("skltsm.regression")


def _rmse(y_true, y_pred):
    return float(np.sqrt(np.mean((y_true.to_numpy() - y_pred.to_numpy()) ** 2)))


def test_tutorial_pipeline_end_to_end_on_a_short_budget(shampoo):
    y_train, y_test = shampoo.iloc[:-12], shampoo.iloc[-12:]
    lstm = regression.StatefulLSTMRegressor(neurons=4, epochs=5, random_state=0)
    y_pred = walk_forward_forecast(LSTMForecaster(lstm), y_train, y_test)
    assert y_pred.index.equals(y_test.index)
    assert len(y_pred) == 12 and np.isfinite(y_pred).all()
    assert np.isfinite(_rmse(y_test, y_pred))
