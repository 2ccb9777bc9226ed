"""The one module that imports scikeras, and the fixes it needs under scikit-learn >= 1.6.

scikeras 0.13 (its last release, 2024) predates scikit-learn 1.6. Each problem is fixed
here and tested in ``tests/regression/test_scikeras_fence.py``:

* ``KerasRegressor(BaseWrapper, RegressorMixin)`` puts ``RegressorMixin`` on the wrong side
  of the MRO, so ``is_regressor`` is False; we derive from ``(RegressorMixin, BaseWrapper)``,
  so ``score`` is ``RegressorMixin``'s r2.
* its tags live in ``_more_tags``, dead since 1.6, and sklearn's checks reject any class in
  the MRO that defines ``_more_tags`` without ``__sklearn_tags__``; we give ``BaseWrapper``
  sklearn's base ``__sklearn_tags__`` (the one change made to scikeras itself) and declare
  ours.
* it accepts sparse input, predicts float32, never sets ``feature_names_in_`` and crashes on
  ``y=None``; we validate with sklearn's ``validate_data`` and predict float64.
* its ``tensorflow_random_state`` sets ``TF_DETERMINISTIC_OPS``, which TensorFlow latches for
  the whole process so that a later unseeded fit fails; we never enter it (our builders and
  engine take explicit seeds), and we latch TensorFlow's determinism flag *off* on import.
"""

from scikeras._utils import (
    get_loss_class_function_or_string,
    get_optimizer_class,
    route_params,
    try_to_convert_strings_to_classes,
    unflatten_params,
)
from scikeras.wrappers import BaseWrapper
from sklearn.base import BaseEstimator, RegressorMixin


def _latch_determinism_off():
    """Make TensorFlow read ``TF_DETERMINISTIC_OPS`` now, while scikeras has not set it.

    TensorFlow reads the variable once, at its first determinism query, and keeps the answer
    for the life of the process. Asking first pins the user's own choice.
    """
    import keras

    if keras.backend.backend() != "tensorflow":
        return
    from tensorflow.python.framework import config

    config.is_op_determinism_enabled()


_latch_determinism_off()

if "__sklearn_tags__" not in vars(BaseWrapper):
    # scikeras' own tags (in the dead ``_more_tags``) never reach sklearn >= 1.6 anyway.
    BaseWrapper.__sklearn_tags__ = BaseEstimator.__sklearn_tags__


class ScikerasRegressorBase(RegressorMixin, BaseWrapper):
    """scikeras' ``BaseWrapper`` with scikit-learn's regressor MRO restored.

    Subclasses implement ``fit``/``predict`` with skltsm's compiled engine; this class keeps
    scikeras' parameter routing (``optimizer__learning_rate=...`` through ``set_params``
    and ``clone``) and its optimizer and loss resolution.
    """

    def _compile_kwargs(self):
        """Optimizer and loss for ``Model.compile``, with scikeras' ``optimizer__*`` routing."""
        params = self.get_params()
        optimizer = unflatten_params(
            items=try_to_convert_strings_to_classes(self.optimizer, get_optimizer_class),
            params=route_params(params, "optimizer", pass_filter=set(), strict=True),
        )
        loss = unflatten_params(
            items=try_to_convert_strings_to_classes(self.loss, get_loss_class_function_or_string),
            params=route_params(params, "loss", pass_filter=set(), strict=False),
        )
        return {"optimizer": optimizer, "loss": loss}

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = False
        tags.input_tags.allow_nan = False
        tags.target_tags.required = True
        tags.target_tags.single_output = True
        tags.target_tags.multi_output = True
        tags.non_deterministic = False
        return tags
