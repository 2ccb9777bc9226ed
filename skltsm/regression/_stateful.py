"""StatefulLSTMRegressor: the shampoo tutorial's stateful LSTM, trained in compiled code."""

import warnings
from numbers import Integral

import numpy as np
from sklearn.utils._param_validation import Hidden, Interval, StrOptions
from sklearn.utils.validation import check_is_fitted

from skltsm.regression._budget import STATEFUL_EPOCHS
from skltsm.regression._recurrent import RecurrentRegressorBase
from skltsm.regression._walk_forward import WalkForward

_DEFAULT_UNITS = 4
# The value of a deprecated parameter nobody set (sklearn's convention: a string default).
_UNSET = "deprecated"


def _width(est):
    """Return the LSTM width: ``units``, or the deprecated ``neurons`` with a FutureWarning."""
    if isinstance(est.neurons, str) and est.neurons == _UNSET:
        return est.units
    name = type(est).__name__
    if est.units not in (_DEFAULT_UNITS, est.neurons):
        raise ValueError(
            f"{name}: units={est.units!r} and neurons={est.neurons!r} disagree; neurons is "
            "the old name of units, set units only."
        )
    warnings.warn(
        f"{name}: neurons was renamed units (keras' word, as in StackedLSTMRegressor) in "
        f"skltsm 0.1 and will be removed in 0.2; use units={est.neurons!r}.",
        FutureWarning,
        stacklevel=5,
    )
    return est.neurons


class StatefulLSTMRegressor(RecurrentRegressorBase):
    """A stateful LSTM regressor: state flows from row to row, reset every epoch.

    The model of the shampoo-sales tutorial: ``LSTM(units, stateful=True)`` with batch
    size 1, trained with ``shuffle=False`` and the states reset after every epoch, then
    used walk-forward without a reset. The whole training runs as compiled code and
    prediction as a NumPy forward pass, so 3000 epochs take seconds, not minutes; the
    weights equal those of the tutorial's own loop from the same initial weights.

    ``predict(X)`` is a pure function of the fitted model and ``X``: it starts from zero
    state (or, with ``replay_training=True``, from the state left by replaying the training
    rows, as the tutorial does) and runs the rows of ``X`` in order. For a walk-forward
    that carries state from one call to the next, use :meth:`walk_forward`. So under
    ``GridSearchCV`` each validation fold is predicted from that starting state, not from
    where the training rows left the state.

    Parameters
    ----------
    units : int, default=4
        Width of the LSTM layer (keras' ``units``; ``StackedLSTMRegressor`` takes one
        per layer).
    epochs : int, default=1000
        Passes over the training rows (the class default, ``STATEFUL_EPOCHS`` in
        ``skltsm/regression/_budget.py``, which states the rule for epochs).
    batch_size : int, default=1
        Rows per gradient step; the state is carried from batch to batch.
    timesteps : int or None, default=1
        Time steps per input window. The default reads every row of a 2-D X as one time
        step of ``k`` features, since the state carries time from row to row (the
        tutorial's model); an int is honoured, or refused when X contradicts it, and None
        reads the steps from the data: a 2-D X of ``k`` columns is ``k`` steps of one
        feature, a 3-D X is taken as given (the rule is spelled out under :meth:`fit`).
    cell : {"lstm", "gru"}, default="lstm"
        Recurrent cell.
    replay_training : bool, default=False
        Start predictions from the state reached by running the training rows (the
        tutorial's choice). Its author's follow-up measured it hurting (RMSE 186 with, 147
        without), hence off by default.
    optimizer : str or keras optimizer class, default="adam"
        Optimizer; its parameters route as ``optimizer__learning_rate=...``.
    loss : str, default="mean_squared_error"
        Training loss.
    random_state : int, RandomState instance or None, default=None
        Seeds initial weights and training; an int gives bit-identical predictions.
    verbose : int, default=0
        Show a progress bar over epochs when positive.
    neurons : int or "deprecated", default="deprecated"
        The old name of ``units``, accepted until skltsm 0.2: ``fit`` uses it as
        ``units`` with a ``FutureWarning``.

        .. deprecated:: 0.1
           Use ``units``.
    **kwargs
        Routed parameters only, ``optimizer__<name>`` and ``loss__<name>`` (such as
        ``optimizer__learning_rate=0.01``), checked against the optimizer's or loss'
        parameters in ``fit``; any other keyword raises ``TypeError``.

    Attributes
    ----------
    is_stateful : bool
        True (class attribute): the LSTM state flows from row to row in training and in
        ``predict``, and :meth:`walk_forward` carries it between calls.
    model_ : keras.Model
        A keras copy of the trained explicit-state network (inputs ``[x, h, c]``,
        outputs ``[y, h, c]``), built on each access.
    network_ : NumpyRecurrentNetwork
        Its NumPy forward pass, used for prediction; derived from
        :meth:`get_network_state`.
    train_end_state_ : list of ndarray
        The state after running the training rows from zero state.
    history_ : dict
        ``{"loss": [...]}``, the mean training loss per epoch.
    n_features_in_ : int
        Columns of the 2-D X seen in ``fit``.
    n_outputs_ : int
        Number of targets.

    See Also
    --------
    StackedLSTMRegressor : Stateless stacked LSTMs over longer windows.
    skltsm.LagFramer : Builds the lagged input windows.

    Examples
    --------
    >>> import numpy as np
    >>> from skltsm import StatefulLSTMRegressor
    >>> X = np.sin(np.arange(30.0)).reshape(-1, 1)
    >>> y = np.sin(np.arange(1.0, 31.0))
    >>> reg = StatefulLSTMRegressor(units=4, epochs=20, random_state=0).fit(X, y)
    >>> reg.predict(X[:3]).shape
    (3,)
    >>> steps = reg.walk_forward()
    >>> [steps.predict(row).shape for row in X[:2]]
    [(1,), (1,)]
    """

    is_stateful = True
    _renamed_params = {"neurons": "units"}

    _parameter_constraints = {
        **RecurrentRegressorBase._parameter_constraints,
        "units": [Interval(Integral, 1, None, closed="left")],
        "neurons": [Interval(Integral, 1, None, closed="left"), Hidden(StrOptions({_UNSET}))],
        "replay_training": ["boolean"],
    }

    def __init__(
        self,
        units=_DEFAULT_UNITS,
        *,
        epochs=STATEFUL_EPOCHS,
        batch_size=1,
        timesteps=1,
        cell="lstm",
        replay_training=False,
        optimizer="adam",
        loss="mean_squared_error",
        random_state=None,
        verbose=0,
        neurons=_UNSET,
        **kwargs,
    ):
        self.units = units
        self.epochs = epochs
        self.batch_size = batch_size
        self.timesteps = timesteps
        self.cell = cell
        self.replay_training = replay_training
        self.optimizer = optimizer
        self.loss = loss
        self.random_state = random_state
        self.verbose = verbose
        self.neurons = neurons
        self._store_routed(kwargs)

    def __setstate__(self, state):
        # Files and pickles saved before the rename hold ``neurons`` and no ``units``.
        if "units" not in state and "neurons" in state:
            state = {**state, "units": state["neurons"], "neurons": _UNSET}
        super().__setstate__(state)

    def _network_kwargs(self):
        return {"units": (_width(self),)}

    def _size_parameter(self):
        return f"units={self._architecture['units'][0]!r}"

    def _after_training(self, X3):
        zero = self.network_.initial_state(batch_size=1)
        _, self.train_end_state_ = self.network_.run(X3.astype(np.float64), zero)

    def _start_state(self, replay_training):
        if replay_training:
            return self.train_end_state_
        return self.network_.initial_state(batch_size=1)

    def _predict_windows(self, X3):
        Y, _ = self.network_.run(X3.astype(np.float64), self._start_state(self.replay_training))
        return Y

    def walk_forward(self, replay_training=None):
        """Start a walk-forward that carries state from one ``predict`` call to the next.

        Parameters
        ----------
        replay_training : bool or None, default=None
            Start from the state after the training rows; None uses the estimator's
            ``replay_training``.

        Returns
        -------
        WalkForward
            An object with ``predict(X)``, ``reset()`` and the current ``state``.
        """
        check_is_fitted(self)
        if replay_training is None:
            replay_training = self.replay_training
        return WalkForward(
            self.network_,
            self._start_state(replay_training),
            timesteps=self._architecture["timesteps"],
            n_features_in=self.n_features_in_,
            flat_output=self._y_ndim == 1,
        )
