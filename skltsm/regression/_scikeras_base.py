"""The fence around scikeras: strict and routed parameters, and nothing changed on import.

skltsm keeps scikeras' convention of *routed parameters* (``optimizer__learning_rate=0.01``
goes to the optimizer, ``loss__delta=2.0`` to the loss; ``clone``, ``set_params`` and
``GridSearchCV`` treat them as parameters) and its resolution of optimizer and loss
names, but it no longer derives from scikeras' ``BaseWrapper``:

* importing :mod:`skltsm.regression` imports neither scikeras nor TensorFlow and changes
  nothing of either for the process (no class attribute assigned, no determinism flag
  latched); scikeras' helpers are imported by the first fit that compiles a network;
* ``BaseWrapper`` defines the ``_more_tags`` that scikit-learn >= 1.6 rejects, puts
  ``RegressorMixin`` on the wrong side of the MRO and accepts any keyword; deriving from
  ``(RegressorMixin, BaseEstimator)`` needs none of the patches it took;
* every keyword is checked: an unknown one raises ``TypeError`` at construction, naming it
  and the valid ones, and a routed one is checked against the parameters of the class it
  routes to when the estimator is fitted.
"""

import difflib
import inspect

from sklearn.base import BaseEstimator, RegressorMixin

# Where a routed parameter may go: ``<prefix>__<parameter of that object>``.
ROUTES = ("optimizer", "loss")


def _is_routed(name):
    prefix, sep, rest = name.partition("__")
    return bool(sep) and prefix in ROUTES and bool(rest) and not rest.startswith("_")


def _init_names(cls):
    """Named ``__init__`` parameters of `cls` and of the bases its ``**kwargs`` reach."""
    names = []
    for klass in cls.__mro__:
        init = vars(klass).get("__init__")
        if init is None or klass is object:
            continue
        parameters = inspect.signature(init).parameters.values()
        names += [
            p.name
            for p in parameters
            if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY) and p.name != "self"
        ]
        if not any(p.kind is p.VAR_KEYWORD for p in parameters):
            break
    return list(dict.fromkeys(names))


def _suggestion(name, valid, renamed=None):
    """Return `` (did you mean 'x'?)`` for the closest name; an old name maps to its new one."""
    renamed = renamed or {}
    close = difflib.get_close_matches(name, [*valid, *renamed], n=1)
    return f" (did you mean {renamed.get(close[0], close[0])!r}?)" if close else ""


class RoutedParamsRegressor(RegressorMixin, BaseEstimator):
    """A scikit-learn regressor whose ``**kwargs`` are only routed parameters.

    Subclasses end ``__init__`` with ``self._store_routed(kwargs)`` and call
    :meth:`_compile_kwargs` in ``fit``.
    """

    #: Deprecated parameter names mapped to their new names (left out of error messages).
    _renamed_params = {}

    def _store_routed(self, kwargs):
        """Keep the routed keywords as parameters; raise TypeError on any other."""
        bad = [name for name in kwargs if not _is_routed(name)]
        if bad:
            renamed = self._renamed_params
            valid = sorted(set(self._get_param_names()) - set(renamed))
            name = type(self).__name__
            raise TypeError(
                f"{name}.__init__() got an unexpected keyword argument {bad[0]!r}"
                f"{_suggestion(bad[0], valid, renamed)}. Valid parameters: {', '.join(valid)}; "
                "routed parameters are optimizer__<name> and loss__<name> (for example "
                "optimizer__learning_rate=0.01)."
            )
        vars(self).update(kwargs)

    def _routed_params(self):
        return {k: v for k, v in vars(self).items() if _is_routed(k)}

    def get_params(self, deep=True):
        """Get the parameters, routed ones (``optimizer__learning_rate``) included.

        Parameters
        ----------
        deep : bool, default=True
            Also return the parameters of contained estimators.

        Returns
        -------
        params : dict
            Parameter names mapped to their values.
        """
        return {**super().get_params(deep=deep), **self._routed_params()}

    def set_params(self, **params):
        """Set parameters, routed ones (``optimizer__learning_rate=...``) included.

        Parameters
        ----------
        **params : dict
            Estimator parameters; routed ones are checked when the estimator is fitted.

        Returns
        -------
        self : estimator instance
            This estimator.
        """
        routed = {k: v for k, v in params.items() if _is_routed(k)}
        vars(self).update(routed)
        rest = {k: v for k, v in params.items() if k not in routed}
        return super().set_params(**rest) if rest else self

    def _check_routed_params(self):
        """Check each routed parameter against the class it routes to (TypeError)."""
        routed = self._routed_params()
        for route in ROUTES:
            names = [k.split("__")[1] for k in routed if k.startswith(route + "__")]
            if not names:
                continue
            target = self._route_target(route)
            if not inspect.isclass(target):
                raise TypeError(
                    f"{type(self).__name__}: {route}__{names[0]} is set, but "
                    f"{route}={getattr(self, route)!r} is not a class that takes "
                    f"parameters; pass a name or a class (for example {route}="
                    f"{'keras.optimizers.Adam' if route == 'optimizer' else 'keras.losses.Huber'})"
                    " or configure the object itself."
                )
            valid = _init_names(target)
            for name in names:
                if name not in valid:
                    raise TypeError(
                        f"{type(self).__name__}: {route}__{name} is not a parameter of "
                        f"{target.__name__}{_suggestion(name, valid)}; valid: "
                        f"{', '.join(f'{route}__{v}' for v in valid)}"
                    )

    def _route_target(self, route):
        """Return the class (or function, or instance) that ``route__*`` parameters go to."""
        from scikeras._utils import (
            get_loss_class_function_or_string,
            get_optimizer_class,
            try_to_convert_strings_to_classes,
        )

        getter = get_optimizer_class if route == "optimizer" else get_loss_class_function_or_string
        try:
            return try_to_convert_strings_to_classes(getattr(self, route), getter)
        except ValueError as exc:  # keras names the identifier, not our parameter
            raise ValueError(
                f"{type(self).__name__}: {route}={getattr(self, route)!r} is not a keras "
                f"{route}: {exc}"
            ) from exc

    def _compile_kwargs(self):
        """Optimizer and loss for ``Model.compile``, with the routed parameters applied."""
        from scikeras._utils import route_params, unflatten_params

        self._check_routed_params()
        params = self.get_params(deep=False)
        return {
            route: unflatten_params(
                items=self._route_target(route),
                params=route_params(params, route, pass_filter=set(), strict=False),
            )
            for route in ROUTES
        }

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = False
        tags.input_tags.allow_nan = False
        tags.target_tags.required = True
        tags.target_tags.single_output = True
        tags.target_tags.multi_output = True
        tags.non_deterministic = False
        return tags
