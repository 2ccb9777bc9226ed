"""StackedLSTMRegressor: stacked (or single) LSTM/GRU layers with dropout over windows."""

from numbers import Integral, Real

from sklearn.utils._param_validation import Interval

from skltsm.regression._budget import STACKED_EPOCHS
from skltsm.regression._recurrent import RecurrentRegressorBase


class StackedLSTMRegressor(RecurrentRegressorBase):
    """Stacked recurrent layers over windows of ``timesteps`` steps; stateless.

    The default is the third tutorial's network, four ``LSTM(50)`` layers each followed by
    ``Dropout(0.2)``; ``units=(50,), dropout=0.0`` is the sine tutorial's single LSTM(50),
    and ``cell="gru"`` its GRU exercise. Every window starts from zero state, so rows are
    independent and may be shuffled. Training runs epochs in compiled code.

    Parameters
    ----------
    units : tuple of int, default=(50, 50, 50, 50)
        Units of each recurrent layer, input side first.
    dropout : float, default=0.2
        Rate of the ``Dropout`` layer after each recurrent layer.
    recurrent_dropout : float, default=0.0
        Dropout on the recurrent connections inside each layer.
    timesteps : int or None, default=None
        Time steps per input window. None reads them from the data: a 2-D X of ``k``
        columns is ``k`` steps of one feature, a 3-D X is taken as given; an int is
        honoured, or refused when X contradicts it (the rule is spelled out under
        :meth:`fit`).
    epochs : int, default=30
        Passes over the training windows (the class default, ``STACKED_EPOCHS`` in
        ``skltsm/regression/_budget.py``, which states the rule for epochs).
    batch_size : int, default=32
        Windows per gradient step.
    cell : {"lstm", "gru"}, default="lstm"
        Recurrent cell.
    shuffle : bool, default=True
        Shuffle the windows every epoch (reproducibly from ``random_state``).
    optimizer : str or keras optimizer class, default="adam"
        Optimizer; its parameters route as ``optimizer__learning_rate=...``.
    loss : str, default="mean_squared_error"
        Training loss.
    random_state : int, RandomState instance or None, default=None
        Seeds initial weights, dropout and shuffling.
    verbose : int, default=0
        Show a progress bar over epochs when positive.
    **kwargs
        Routed parameters only, ``optimizer__<name>`` and ``loss__<name>`` (such as
        ``optimizer__learning_rate=0.01``), checked against the optimizer's or loss'
        parameters in ``fit``; any other keyword raises ``TypeError``.

    Attributes
    ----------
    is_stateful : bool
        False (class attribute): every window starts from zero state.
    model_ : keras.Model
        A keras copy of the trained explicit-state network, built on each access.
    network_ : NumpyRecurrentNetwork
        Its NumPy forward pass, used for prediction; derived from
        :meth:`get_network_state`.
    history_ : dict
        ``{"loss": [...]}``, the mean training loss per epoch.
    n_features_in_ : int
        Columns of the 2-D X seen in ``fit``.
    n_outputs_ : int
        Number of targets.

    See Also
    --------
    StatefulLSTMRegressor : One stateful layer carrying state across rows.
    skltsm.WindowReshaper : The reshape from flat windows to (timesteps, features).

    Examples
    --------
    >>> import numpy as np
    >>> from skltsm import StackedLSTMRegressor
    >>> series = np.sin(np.linspace(0, 20, 120))
    >>> X = np.lib.stride_tricks.sliding_window_view(series[:-1], 10)
    >>> y = series[10:]
    >>> reg = StackedLSTMRegressor(units=(8,), dropout=0.0, epochs=3, random_state=0)
    >>> reg.fit(X, y).predict(X[:5]).shape
    (5,)
    """

    _parameter_constraints = {
        **RecurrentRegressorBase._parameter_constraints,
        "units": [tuple, list],
        "dropout": [Interval(Real, 0, 1, closed="left")],
        "recurrent_dropout": [Interval(Real, 0, 1, closed="left")],
        "shuffle": ["boolean"],
    }

    def __init__(
        self,
        units=(50, 50, 50, 50),
        *,
        dropout=0.2,
        recurrent_dropout=0.0,
        timesteps=None,
        epochs=STACKED_EPOCHS,
        batch_size=32,
        cell="lstm",
        shuffle=True,
        optimizer="adam",
        loss="mean_squared_error",
        random_state=None,
        verbose=0,
        **kwargs,
    ):
        self.units = units
        self.dropout = dropout
        self.recurrent_dropout = recurrent_dropout
        self.timesteps = timesteps
        self.epochs = epochs
        self.batch_size = batch_size
        self.cell = cell
        self.shuffle = shuffle
        self.optimizer = optimizer
        self.loss = loss
        self.random_state = random_state
        self.verbose = verbose
        self._store_routed(kwargs)

    def _network_kwargs(self):
        units = tuple(self.units)
        if not units or any(
            not isinstance(u, Integral) or isinstance(u, bool) or u < 1 for u in units
        ):
            raise ValueError(
                f"StackedLSTMRegressor: units must be a non-empty tuple of positive integers, "
                f"got units={self.units!r}."
            )
        return {
            "units": units,
            "dropout": self.dropout,
            "recurrent_dropout": self.recurrent_dropout,
        }

    def _shuffle(self):
        return self.shuffle
