"""The one rule for epochs (skltsm/regression/_budget.py): the regressor owns its budget."""

from skltsm import StackedLSTMRegressor, StatefulLSTMRegressor
from skltsm.datasets import load_shampoo_sales
from skltsm.forecasting import LSTMForecaster
from skltsm.forecasting import _fitting as fitting
from skltsm.forecasting._regressor import default_regressor
from skltsm.regression import _budget as budget


def test_class_defaults_are_the_constants_of_the_budget_module():
    assert StatefulLSTMRegressor().epochs == budget.STATEFUL_EPOCHS
    assert StackedLSTMRegressor().epochs == budget.STACKED_EPOCHS


def test_a_given_regressor_keeps_its_epochs_in_the_forecaster():
    lstm = StatefulLSTMRegressor(units=2, epochs=3, random_state=0)
    forecaster = LSTMForecaster(lstm, lags=1).fit(load_shampoo_sales().iloc[:24])
    assert forecaster.epochs_ == 3 and forecaster.regressor_.current_epoch == 3


def test_the_forecaster_sets_its_own_networks_epochs_through_choose_epochs():
    # the forecaster's default network gets its epochs from choose_epochs, or without a
    # validation tail the documented fallback
    short = LSTMForecaster(validation_steps=0, ensemble_size=1, sp=None, lags=2, random_state=0)
    assert short.fit(load_shampoo_sales().iloc[:24]).epochs_ == fitting.UNVALIDATED_EPOCHS


def test_the_cli_stateful_budget_is_a_number_of_gradient_steps():
    assert default_regressor(22).epochs == 45 == budget.epochs_for_steps(22, 1000)
    assert budget.epochs_for_steps(10**6, 1000) == 1  # at least one epoch
    assert budget.epochs_for_steps(33, 100, batch_size=16) == 33  # 3 batches an epoch
