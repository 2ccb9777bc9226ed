"""scikit-learn's estimator checks over every transformer found by discovery."""

import pytest
from sklearn.utils import estimator_checks
from sklearn.utils.estimator_checks import parametrize_with_checks

from skltsm.preprocessing import Differencer, LagFramer
from tests._discovery import all_transformers, strict_expected_failures

# A time-series transform reads neighbouring rows, so these two checks cannot pass: they
# are strict xfails, so a transformer that starts passing them is noticed.
_ROW_ORDER_CHECKS = {
    "check_methods_sample_order_invariance": (
        "row t of the output depends on row t - lag; permuting the rows of a series "
        "changes its differences and lags by design"
    ),
    "check_methods_subset_invariance": (
        "transforming one row at a time leaves no past rows; a single row is too short "
        "a series and raises the documented ValueError"
    ),
}


def _expected_failed_checks(estimator):
    if isinstance(estimator, (Differencer, LagFramer)):
        return _ROW_ORDER_CHECKS
    return {}


TRANSFORMERS = all_transformers()


@parametrize_with_checks(
    TRANSFORMERS, expected_failed_checks=_expected_failed_checks, **strict_expected_failures()
)
def test_sklearn_compatible(estimator, check):
    check(estimator)


# parametrize_with_checks leaves out sklearn's pandas-output checks; run them on every
# transformer with column names (WindowReshaper's output is 3-D and has none).
_PANDAS_CHECKS = [
    "check_set_output_transform",
    "check_set_output_transform_pandas",
    "check_global_output_transform_pandas",
    "check_transformer_get_feature_names_out",
    "check_transformer_get_feature_names_out_pandas",
    "check_dataframe_column_names_consistency",
]
_NAMED = [est for est in TRANSFORMERS if hasattr(est, "get_feature_names_out")]


def test_discovery_finds_the_preprocessing_transformers():
    names = {type(est).__name__ for est in TRANSFORMERS}
    assert {"Differencer", "LagFramer", "WindowReshaper"} <= names
    assert {type(est).__name__ for est in _NAMED} >= {"Differencer", "LagFramer"}


@pytest.mark.filterwarnings("ignore:X (has|does not have valid) feature names:UserWarning")
@pytest.mark.parametrize("check_name", _PANDAS_CHECKS)
@pytest.mark.parametrize("estimator", _NAMED, ids=repr)
def test_pandas_output_checks(estimator, check_name):
    getattr(estimator_checks, check_name)(type(estimator).__name__, estimator)
