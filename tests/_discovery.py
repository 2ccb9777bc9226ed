"""Find the public estimators of skltsm, so compliance suites check new ones unasked.

Discovery walks ``skltsm.__all__``. Names whose module cannot be imported yet (an
estimator not written, or an optional dependency missing) are skipped with a warning, so
the suites pick them up as soon as they land. Each class is built with
``CHEAP_PARAMS[name]``, else with its defaults.
"""

import inspect
import warnings

from sklearn.base import BaseEstimator, RegressorMixin, TransformerMixin

import skltsm

# Keyword arguments that make a check instance fast and still representative, by class
# name (the class may not exist yet). Differencer and LagFramer use more than one step so
# the checks exercise the lag and order loops, not only the simplest case.
CHEAP_PARAMS = {
    "Differencer": {"lag": 2, "order": 2},
    "LagFramer": {"lags": 2},
    # sklearn's checks fit on 200 rows x 10 features and ask for R^2 > 0.5: a few epochs
    # of a small network at batch size 8 learn that in well under a second.
    "StatefulLSTMRegressor": {"units": 8, "epochs": 30, "batch_size": 8, "random_state": 0},
    "StackedLSTMRegressor": {
        "units": (8,),
        "dropout": 0.0,
        "timesteps": 1,
        "epochs": 30,
        "batch_size": 8,
        "random_state": 0,
    },
}


def _public_classes():
    for name in skltsm.__all__:
        try:
            obj = getattr(skltsm, name)
        except (ImportError, AttributeError) as exc:
            # Skipped, not hidden: a broken import would otherwise drop a class from the
            # compliance suites without anyone noticing.
            warnings.warn(f"discovery skipped skltsm.{name}: {exc!r}", stacklevel=2)
            continue
        if inspect.isclass(obj) and issubclass(obj, BaseEstimator):
            yield name, obj


def all_estimators():
    """Return one instance of every public transformer and regressor of skltsm."""
    return [
        cls(**CHEAP_PARAMS.get(name, {}))
        for name, cls in _public_classes()
        if issubclass(cls, (TransformerMixin, RegressorMixin))
    ]


def all_regressors():
    """Return one instance of every public regressor of skltsm."""
    return [est for est in all_estimators() if isinstance(est, RegressorMixin)]


def all_transformers():
    """Return one instance of every public transformer of skltsm."""
    return [est for est in all_estimators() if isinstance(est, TransformerMixin)]


def strict_expected_failures():
    """``parametrize_with_checks`` keywords that make an expected failure that passes an error.

    scikit-learn 1.8 added ``xfail_strict``; before it, the listed checks are plain xfails.
    """
    from sklearn.utils.estimator_checks import parametrize_with_checks

    if "xfail_strict" in inspect.signature(parametrize_with_checks).parameters:
        return {"xfail_strict": True}
    return {}
