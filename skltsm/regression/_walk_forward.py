"""Walk-forward prediction that carries recurrent state from one call to the next."""

import numpy as np


class WalkForward:
    """Stateful one-step predictions from a fitted ``StatefulLSTMRegressor``.

    Made by :meth:`StatefulLSTMRegressor.walk_forward`. Each :meth:`predict` call runs its
    rows in order from the state the previous call left, as the tutorial's stateful model
    does between ``predict`` calls; :meth:`reset` goes back to the starting state. The
    estimator itself is never changed, so its ``predict`` stays a pure function.

    A step runs the NumPy forward pass (about 0.03 ms for LSTM(4)), not ``model.predict``
    (70-110 ms a call).

    Parameters
    ----------
    network : NumpyRecurrentNetwork
        The fitted network.
    start_state : list of ndarray
        The state to start from and to return to on :meth:`reset`.
    timesteps : int
        Time steps per input window.
    n_features_in : int
        Expected number of columns of a 2-D input row.
    flat_output : bool
        Return 1-D predictions (the estimator was fitted on a 1-D ``y``).

    Attributes
    ----------
    state : list of ndarray
        The current recurrent state, ``[h, c]`` per LSTM layer (``[h]`` per GRU layer).

    See Also
    --------
    StatefulLSTMRegressor.walk_forward : Makes this object.
    """

    def __init__(self, network, start_state, timesteps, n_features_in, flat_output):
        self.network = network
        self.start_state = [np.array(s, dtype=np.float64) for s in start_state]
        self.timesteps = timesteps
        self.n_features_in = n_features_in
        self.flat_output = flat_output
        self.reset()

    def reset(self):
        """Return to the starting state; returns self."""
        self.state = [s.copy() for s in self.start_state]
        return self

    def predict(self, X):
        """Predict the rows of ``X`` in order, carrying the state past the last row.

        Parameters
        ----------
        X : array-like of shape (n_rows, timesteps * n_features) or \
(n_rows, timesteps, n_features)
            One or more input windows, oldest first. A single 1-D row is accepted.

        Returns
        -------
        y_pred : ndarray of shape (n_rows,) or (n_rows, n_outputs)
            Float64 predictions.
        """
        X3 = self._as_windows(X)
        Y, self.state = self.network.run(X3, self.state)
        return Y.ravel() if self.flat_output else Y

    def _as_windows(self, X):
        # Deliberately lean: a walk-forward step must cost well under 0.1 ms.
        try:
            X = np.asarray(X, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"WalkForward.predict: X must be numeric windows: {exc}") from exc
        if X.ndim == 1:
            X = X.reshape(1, -1)
        if X.ndim == 3:
            X = X.reshape(X.shape[0], -1)
        if X.ndim != 2 or X.shape[1] != self.n_features_in or X.shape[0] == 0:
            raise ValueError(
                f"WalkForward.predict: X has shape {X.shape}, but the estimator expects rows "
                f"of {self.n_features_in} features (timesteps={self.timesteps}), at least one."
            )
        if not np.isfinite(X).all():
            raise ValueError("WalkForward.predict: Input X contains NaN or infinity.")
        return X.reshape(X.shape[0], self.timesteps, -1)
