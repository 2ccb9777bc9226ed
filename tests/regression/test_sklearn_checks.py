"""scikit-learn's estimator checks over every regressor found by discovery."""

from sklearn.utils.estimator_checks import parametrize_with_checks

from skltsm.regression import StatefulLSTMRegressor
from tests._discovery import all_regressors, strict_expected_failures

# A stateful LSTM carries its state from row to row inside predict, as the tutorial's model
# does between rows: a row's prediction depends on the rows before it, by design.
_STATEFUL_ROW_ORDER = {
    "check_methods_sample_order_invariance": (
        "stateful: each row starts from the state the previous row left, so permuting rows "
        "changes predictions by design (StackedLSTMRegressor passes this check)"
    ),
    "check_methods_subset_invariance": (
        "stateful: a row predicted alone starts from zero state, in sequence from the state "
        "the rows before it left (StackedLSTMRegressor passes this check)"
    ),
}


def _expected_failed_checks(estimator):
    if isinstance(estimator, StatefulLSTMRegressor):
        return _STATEFUL_ROW_ORDER
    return {}


REGRESSORS = all_regressors()


def test_discovery_finds_both_regressors():
    names = {type(est).__name__ for est in REGRESSORS}
    assert names >= {"StatefulLSTMRegressor", "StackedLSTMRegressor"}


@parametrize_with_checks(
    REGRESSORS, expected_failed_checks=_expected_failed_checks, **strict_expected_failures()
)
def test_sklearn_compatible(estimator, check):
    check(estimator)
