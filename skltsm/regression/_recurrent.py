"""Shared fit/predict of the recurrent regressors, on skltsm's compiled engine.

Training runs all epochs in compiled code (``skltsm.networks.train_network``), and
prediction runs the NumPy forward pass (``NumpyRecurrentNetwork``): neither calls keras'
``fit`` once per epoch nor ``model.predict`` once per step, the two costs that dominate the
tutorials' loops.
"""

from numbers import Integral

import numpy as np
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.validation import check_is_fitted, validate_data

from skltsm._validation import (
    check_float32_range,
    check_network_size,
    recurrent_weight_count,
    reject_non_numeric,
)
from skltsm.regression._determinism import op_determinism
from skltsm.regression._network_state import FittedNetworkMixin
from skltsm.regression._progress import epoch_progress
from skltsm.regression._scikeras_base import RoutedParamsRegressor

_POOL = None  # the NetworkPool, made on first fit so that importing stays free of keras


def _network_pool():
    global _POOL
    if _POOL is None:
        from skltsm.networks._pool import NetworkPool

        _POOL = NetworkPool()
    return _POOL


def _check_converged(name, losses, weights):
    """Raise instead of keeping a network whose training overflowed to NaN or infinity."""
    finite = np.isfinite(np.asarray(losses, dtype=np.float64)).all()
    if finite and all(np.isfinite(w).all() for w in weights):
        return
    raise ValueError(
        f"{name}: training diverged (the loss or the weights became NaN or infinite); "
        "X or y may hold values too large for the float32 network: scale them (e.g. with "
        "sklearn.preprocessing.StandardScaler or MinMaxScaler) or lower the learning rate "
        "(optimizer__learning_rate)"
    )


class RecurrentRegressorBase(FittedNetworkMixin, RoutedParamsRegressor):
    """Fit and predict shared by ``StatefulLSTMRegressor`` and ``StackedLSTMRegressor``.

    Subclasses declare ``is_stateful`` (whether LSTM state flows from row to row, in
    training and in ``predict``) and implement ``_network_kwargs`` (the architecture for
    ``build_recurrent_network``).

    A fitted regressor holds its network in one form, the arrays of
    :meth:`get_network_state`; the NumPy forward pass ``network_`` is derived from them by
    :meth:`set_network_state`, and ``model_`` builds a keras copy when asked.
    """

    #: Whether the recurrent state flows from one row to the next (declared per class).
    is_stateful = False

    _parameter_constraints = {
        "epochs": [Interval(Integral, 1, None, closed="left")],
        "batch_size": [Interval(Integral, 1, None, closed="left")],
        "timesteps": [Interval(Integral, 1, None, closed="left"), None],
        "cell": [StrOptions({"lstm", "gru"})],
        "random_state": ["random_state"],
        "verbose": ["verbose"],
    }

    def fit(self, X, y):
        """Build the network and train it for ``epochs`` epochs.

        **Window shape.** The shape of a window is read from the data, and a setting is
        never overwritten:

        * a 3-D X of shape ``(n, T, F)`` is ``n`` windows of ``T`` steps of ``F``
          features; ``timesteps`` must be None or ``T``;
        * a 2-D X of ``k`` columns with ``timesteps=None`` (``StackedLSTMRegressor``'s
          default) is ``k`` steps of one feature;
        * a 2-D X of ``k`` columns with ``timesteps=T`` is ``T`` steps of ``k / T``
          features, in the row-major order of ``LagFramer`` and ``WindowReshaper``
          (oldest step first); ``k`` must be a multiple of ``T``
          (``StatefulLSTMRegressor``'s default ``timesteps=1`` reads a row as one step).

        Anything else raises a ``ValueError`` naming ``timesteps`` and the shape of X.
        ``predict`` and ``partial_fit`` take windows of the shape learned here, as 3-D
        arrays or flattened to ``T * F`` columns.

        Parameters
        ----------
        X : array-like of shape (n_samples, timesteps * n_features) or \
(n_samples, timesteps, n_features)
            Input windows, oldest step first (as ``LagFramer`` makes them).
        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
            Targets.

        Returns
        -------
        self : object
            The fitted estimator.
        """
        X3, y2 = self._initialize(X, y)
        self._train(X3, y2, self.epochs)
        return self

    def partial_fit(self, X, y):
        """Continue training the fitted network for one more epoch on ``(X, y)``.

        The optimizer keeps its state, so ``partial_fit`` twice continues exactly where
        ``fit`` stopped. On an unfitted estimator it builds the network first.

        Parameters
        ----------
        X : array-like of shape (n_samples, timesteps * n_features) or \
(n_samples, timesteps, n_features)
            Input windows.
        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
            Targets.

        Returns
        -------
        self : object
            The estimator, trained one epoch further.
        """
        if self.initialized_:
            X3, y2 = self._validate_training_data(X, y, reset=False)
        else:
            X3, y2 = self._initialize(X, y)
        self._train(X3, y2, 1)
        return self

    def predict(self, X):
        """Predict targets for the input windows.

        Parameters
        ----------
        X : array-like of shape (n_samples, timesteps * n_features) or \
(n_samples, timesteps, n_features)
            Input windows.

        Returns
        -------
        y_pred : ndarray of shape (n_samples,) or (n_samples, n_outputs)
            Float64 predictions, shaped like the ``y`` seen in ``fit``.
        """
        check_is_fitted(self)
        X3 = self._validate_windows(X, reset=False)
        return self._format_output(self._predict_windows(X3))

    def _initialize(self, X, y):
        """Validate parameters and data, draw the seed and make fresh initial weights."""
        from skltsm.networks import initial_weights

        self._validate_params()
        self._architecture = None  # the window shape is read from this X (see _window_shape)
        X3, y2 = self._validate_training_data(X, y)
        self._seed = int(check_random_state(self.random_state).randint(np.iinfo(np.int32).max))
        self._architecture = {
            "timesteps": X3.shape[1],
            "features": X3.shape[2],
            "outputs": y2.shape[1],
            "cell": self.cell,
            **self._network_kwargs(),
        }
        self._check_network_size()
        self._network_state = {
            "weights": initial_weights(seed=self._seed, **self._architecture),
            "optimizer": None,
        }
        self.history_ = {"loss": []}
        return X3, y2

    # -- validation ---------------------------------------------------------------------

    def _window_shape(self, X):
        """Return ``(timesteps, features)`` of the windows in X (2-D or 3-D).

        Once fitted, the shape learned in ``fit``; in ``fit``, the rule of the class
        docstrings: 3-D X as given, 2-D X of ``k`` columns as ``k`` steps of one feature
        when ``timesteps=None``, else as ``timesteps`` steps of ``k / timesteps``
        features. A ``timesteps`` the data contradicts is refused, never replaced.
        """
        name = type(self).__name__
        if getattr(self, "_architecture", None):
            return self._architecture["timesteps"], self._architecture["features"]
        if getattr(X, "ndim", None) == 3:
            if self.timesteps is not None and X.shape[1] != self.timesteps:
                raise ValueError(
                    f"{name}: 3-D X has {X.shape[1]} timesteps, but timesteps="
                    f"{self.timesteps}; pass timesteps=None to read the steps from X."
                )
            return X.shape[1], X.shape[2]
        n_columns = X.shape[1]
        if self.timesteps is None:
            return n_columns, 1
        if n_columns % self.timesteps:
            raise ValueError(
                f"{name}: X has {n_columns} columns, which is not a multiple of timesteps="
                f"{self.timesteps}; expected timesteps * n_features columns (or "
                "timesteps=None to read each column as one time step)."
            )
        return self.timesteps, n_columns // self.timesteps

    def _validate_windows(self, X, *, reset, y=None):
        """Return X as (n, timesteps, features) after sklearn's checks on its 2-D form."""
        reject_non_numeric(type(self).__name__, X, "X")
        if y is not None:
            reject_non_numeric(type(self).__name__, y, "y")
        window = None
        if getattr(X, "ndim", None) == 3:  # checked, then flattened row-major
            window = self._window_shape(X)
            if X.shape[1:] != window:
                raise ValueError(
                    f"{type(self).__name__}: 3-D X has windows of shape {X.shape[1:]}, but "
                    f"the estimator was fitted on windows of shape {window}."
                )
            X = np.asarray(X).reshape(X.shape[0], -1)
        kwargs = {"dtype": [np.float64, np.float32], "ensure_min_features": self.timesteps or 1}
        if y is None:
            X = validate_data(self, X, reset=reset, **kwargs)
        else:
            X, y = validate_data(
                self, X, y, reset=reset, multi_output=True, y_numeric=True, **kwargs
            )
        timesteps, features = window or self._window_shape(X)
        X3 = X.reshape(X.shape[0], timesteps, features)
        return X3 if y is None else (X3, y)

    def _validate_training_data(self, X, y, reset=True):
        if y is None:
            raise ValueError(
                f"{type(self).__name__} requires y to be passed, but the target y is None."
            )
        X3, y = self._validate_windows(X, y=y, reset=reset)
        if reset:
            self.n_outputs_ = 1 if y.ndim == 1 else y.shape[1]
            self._y_ndim = y.ndim
        elif (1 if y.ndim == 1 else y.shape[1]) != self.n_outputs_:
            raise ValueError(
                f"{type(self).__name__}: y has {y.shape[1:]} outputs, but the estimator was "
                f"fitted with n_outputs_={self.n_outputs_}."
            )
        check_float32_range(type(self).__name__, X3, "X")
        check_float32_range(type(self).__name__, y, "y")
        return X3.astype(np.float32), y.reshape(len(y), -1).astype(np.float32)

    def _format_output(self, Y):
        Y = np.asarray(Y, dtype=np.float64)
        return Y.ravel() if self._y_ndim == 1 else Y

    # -- network ------------------------------------------------------------------------

    def _check_network_size(self):
        """Refuse absurd layer sizes before building (and allocating) anything."""
        arch = self._architecture
        n_weights = recurrent_weight_count(
            arch["cell"], arch["units"], arch["features"], arch["outputs"]
        )
        check_network_size(type(self).__name__, n_weights, self._size_parameter())

    def _size_parameter(self):
        return f"units={self._architecture['units']!r}"

    def _build_compiled(self):
        """Build and compile a network of this fit's architecture (weights: any)."""
        from skltsm.networks import build_recurrent_network

        model = build_recurrent_network(seed=self._seed, **self._architecture)
        compile_kwargs = self._compile_kwargs()
        try:
            model.compile(**compile_kwargs)
        except ValueError as exc:  # keras names the identifier, not our parameter
            raise ValueError(
                f"{type(self).__name__}: cannot compile the network with "
                f"optimizer={self.optimizer!r} and loss={self.loss!r}: {exc}"
            ) from exc
        return model

    def _pool_key(self):
        compile_settings = (repr(self.optimizer), repr(self.loss), self._routed_params())
        return (repr(sorted(self._architecture.items())), repr(compile_settings))

    def _train(self, X3, y2, epochs):
        from skltsm.networks import train_network

        self._check_routed_params()
        progress = epoch_progress(epochs, enabled=bool(self.verbose), name=type(self).__name__)
        with (
            _network_pool().borrow(self._pool_key(), self._build_compiled) as pooled,
            progress as bar,
            op_determinism(self.random_state is not None),
        ):
            pooled.load_state(**self._network_state)
            history = train_network(
                pooled.model,
                X3,
                y2,
                epochs=epochs,
                batch_size=self.batch_size,
                carry_state=self.is_stateful,
                shuffle=self._shuffle(),
                seed=self._seed + len(self.history_["loss"]),
                on_epochs_end=bar,
                runners=pooled.runners,
            )
            state = pooled.state()
        _check_converged(type(self).__name__, history["loss"], state["weights"])
        self.set_network_state(state)
        self.history_["loss"].extend(float(v) for v in history["loss"])
        self._after_training(X3)

    def _shuffle(self):
        return False

    def _after_training(self, X3):
        """Compute state derived from the trained weights (the stateful replay)."""

    def _predict_windows(self, X3):
        batch_state = self.network_.initial_state(batch_size=X3.shape[0])
        Y, _ = self.network_.step(X3.astype(np.float64), batch_state)
        return Y

    @property
    def current_epoch(self):
        """Number of epochs trained so far, over ``fit`` and ``partial_fit``."""
        return len(getattr(self, "history_", {"loss": []})["loss"])
