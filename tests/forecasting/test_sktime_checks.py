"""sktime's conformance suite over LSTMForecaster and every set of get_test_params.

Measured (2 cores): 1027 checks in about 6 minutes, peak memory 3.3 GB. About 85 % of the
time is the tiny StatefulLSTMRegressor set: ~400 calls of skltsm.networks.train_network
(fit and partial_fit) at ~0.7 s each, nearly all of it tracing the compiled epoch, not
arithmetic. The Ridge sets take about 35 s together.
"""

from sktime.utils.estimator_checks import check_estimator

from skltsm.forecasting import LSTMForecaster

# Checks that must be skipped, by name, with the reason. None at present: keep it that
# way, or say here why a check cannot pass.
SKIPPED_CHECKS: dict[str, str] = {}


def test_get_test_params_are_small_and_varied():
    params = LSTMForecaster.get_test_params()
    assert len(params) >= 2
    kinds = {type(p.get("regressor")).__name__ for p in params}
    assert "StatefulLSTMRegressor" in kinds and len(kinds) >= 2


def test_tags_as_sktime_1_2_expects():
    tags = LSTMForecaster.get_class_tags()
    assert tags["requires-fh-in-fit"] is False
    assert tags["capability:insample"] is False
    assert tags["capability:pred_int"] is False
    assert tags["capability:exogenous"] is True  # sktime 1.2's name for ignores-exogeneous-X
    assert tags["y_inner_mtype"] == "pd.Series"
    assert tags["X_inner_mtype"] == "pd.DataFrame"
    assert tags["python_dependencies"] == ["keras>=3"]
    assert tags["capability:random_state"] is True
    assert tags["property:randomness"] == "derandomized"
    assert LSTMForecaster().get_config()["remember_data"] is False


def test_sktime_check_estimator():
    check_estimator(
        LSTMForecaster,
        raise_exceptions=True,
        tests_to_exclude=list(SKIPPED_CHECKS) or None,
        verbose=False,
    )
