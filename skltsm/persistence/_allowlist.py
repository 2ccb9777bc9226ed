"""Which classes a model file may name, and how they are found without trusting the file.

A file names classes by path; the loader never imports a path it reads. Each path is
looked up in a fixed family: skltsm's public classes (``skltsm.<name>`` for a name in
``skltsm.__all__``), scikit-learn estimators (a module inside the ``sklearn`` package and
a ``BaseEstimator`` subclass defined there), sktime's ``ForecastingHorizon``, keras
optimizers and losses, numpy scalar types and sktime's ``DtypeKind`` enum. Anything else
is refused before any object is made.
"""

import re
import sys
from importlib import import_module

# sklearn paths look like "sklearn.linear_model.Ridge": a module inside sklearn, then a name.
_SKLEARN_PATH = re.compile(r"sklearn(\.[a-z_][a-z0-9_]*)*\.[A-Za-z_][A-Za-z0-9_]*")
_SKLEARN_SKIPPED = {"tests", "externals", "_build_utils", "_testing", "experimental"}
_FIXED = {
    "sktime.forecasting.base.ForecastingHorizon": ("sktime.forecasting.base", "ForecastingHorizon"),
}
_ENUMS = {"sktime.datatypes._dtypekind.DtypeKind": ("sktime.datatypes._dtypekind", "DtypeKind")}


class RefusedClass(LookupError):
    """A path outside the allow-list (the caller turns it into a clear error)."""


def estimator_path(cls):
    """Return the path naming ``cls`` in a file, or None when it may not be stored."""
    if cls.__module__.split(".")[0] == "skltsm":
        import skltsm

        name = cls.__name__
        if name in skltsm.__all__ and getattr(skltsm, name) is cls:
            return f"skltsm.{name}"
        return None
    if cls.__module__.split(".")[0] == "sklearn":
        return _sklearn_path(cls)
    for fixed, (module, name) in _FIXED.items():
        if getattr(sys.modules.get(module), name, None) is cls:
            return fixed
    return None


def _sklearn_path(cls):
    from sklearn.base import BaseEstimator

    if not issubclass(cls, BaseEstimator) or "." in cls.__qualname__:
        return None
    parts = cls.__module__.split(".")
    public = ".".join(p for p in parts if not p.startswith("_"))
    for module in (public, cls.__module__):
        if getattr(import_module(module), cls.__name__, None) is cls:
            return f"{module}.{cls.__name__}"
    return None


def resolve_estimator(path):
    """Return the class named by ``path`` if it is allow-listed; raise RefusedClass."""
    if not isinstance(path, str):
        raise RefusedClass(f"class path must be a string, got {path!r}")
    if path.startswith("skltsm."):
        return _resolve_skltsm(path)
    if path.startswith("sklearn."):
        return _resolve_sklearn(path)
    if path in _FIXED:
        module, name = _FIXED[path]
        return getattr(import_module(module), name)
    raise RefusedClass(f"class {path!r} is not in the allow-list")


def _resolve_skltsm(path):
    import skltsm

    name = path[len("skltsm.") :]
    if name not in skltsm.__all__:
        raise RefusedClass(f"class {path!r} is not a public skltsm class")
    cls = getattr(skltsm, name)
    if not isinstance(cls, type):
        raise RefusedClass(f"{path!r} is not a class")
    return cls


def _resolve_sklearn(path):
    from sklearn.base import BaseEstimator

    module, _, name = path.rpartition(".")
    parts = path.split(".")
    if (
        not _SKLEARN_PATH.fullmatch(path)
        or _SKLEARN_SKIPPED & set(parts)
        or any(part.startswith("__") for part in parts)
    ):
        raise RefusedClass(f"class {path!r} is not a scikit-learn estimator path")
    try:
        cls = getattr(import_module(module), name, None)
    except ImportError as exc:
        raise RefusedClass(f"class {path!r} does not exist in this scikit-learn") from exc
    if not (isinstance(cls, type) and issubclass(cls, BaseEstimator)):
        raise RefusedClass(f"{path!r} is not a scikit-learn estimator class")
    if cls.__module__.split(".")[0] != "sklearn":
        raise RefusedClass(f"{path!r} is not defined by scikit-learn")
    return cls


def reference_path(obj):
    """Return the path of a class or function stored by reference, or None."""
    import numpy as np

    if isinstance(obj, type) and issubclass(obj, np.generic):
        name = obj.__name__
        return f"numpy.{name}" if getattr(np, name, None) is obj else None
    module = getattr(obj, "__module__", None) or ""
    if module.split(".")[0] == "keras":
        return _keras_path(obj)
    if isinstance(obj, type):
        return estimator_path(obj)
    return None


def _keras_path(obj):
    import keras

    name = getattr(obj, "__name__", "")
    for family in ("optimizers", "losses"):
        if getattr(getattr(keras, family), name, None) is obj:
            return f"keras.{family}.{name}"
    return None


def resolve_reference(path):
    """Return the class or function a reference path names; raise RefusedClass."""
    if not isinstance(path, str):
        raise RefusedClass(f"reference must be a string, got {path!r}")
    family, _, name = path.rpartition(".")
    if family == "numpy":
        import numpy as np

        obj = getattr(np, name, None)
        if isinstance(obj, type) and issubclass(obj, np.generic):
            return obj
    elif family in ("keras.optimizers", "keras.losses"):
        return _resolve_keras(family, name, path)
    else:
        return resolve_estimator(path)
    raise RefusedClass(f"reference {path!r} is not in the allow-list")


def _resolve_keras(family, name, path):
    import keras

    obj = getattr(import_module(family), name, None) if name.isidentifier() else None
    base = keras.optimizers.Optimizer if family == "keras.optimizers" else keras.losses.Loss
    is_loss_function = family == "keras.losses" and callable(obj) and not isinstance(obj, type)
    if (isinstance(obj, type) and issubclass(obj, base)) or is_loss_function:
        return obj
    raise RefusedClass(f"reference {path!r} is not a keras optimizer or loss")


def enum_path(cls):
    """Return the path of an allow-listed enum class, or None."""
    for path, (module, name) in _ENUMS.items():
        if getattr(sys.modules.get(module), name, None) is cls:
            return path
    return None


def resolve_enum(path):
    """Return the allow-listed enum class named by ``path``; raise RefusedClass."""
    if path not in _ENUMS:
        raise RefusedClass(f"enum {path!r} is not in the allow-list")
    module, name = _ENUMS[path]
    return getattr(import_module(module), name)
