"""How long a recurrent regressor trains: the one rule for ``epochs``, written once.

A regressor owns its training budget: ``epochs`` is its parameter, and every caller
honours it.

* **Constructed without** ``epochs``, a regressor trains for its class default below:
  :data:`STATEFUL_EPOCHS` for ``StatefulLSTMRegressor`` (batch 1, so about 1000 gradient
  steps per training row; the shampoo tutorial itself runs 3000) and
  :data:`STACKED_EPOCHS` for ``StackedLSTMRegressor`` (the stacked tutorial's 30).
* **Code that builds a regressor for a given series** passes ``epochs`` explicitly and
  says how it chose them: ``LSTMForecaster(regressor=None)`` through
  ``skltsm.forecasting._fitting.choose_epochs`` (a validation tail of the training
  series), the global network of a panel through
  ``skltsm.forecasting._global``'s epoch choice (``GLOBAL_EPOCH_CANDIDATES`` on every
  series' validation tail, ``GLOBAL_EPOCHS`` without one), the command line's
  ``--model stateful`` through :func:`epochs_for_steps` (a budget of
  :data:`TUTORIAL_TRAINING_STEPS` gradient steps).
* **A regressor given by the user** keeps its epochs: the forecaster clones it as set;
  ``update_epochs`` and ``finetune_epochs`` count extra epochs of ``partial_fit``.
"""

# Class defaults of ``epochs`` (the regressors' ``__init__`` defaults are these names).
STATEFUL_EPOCHS = 1000
STACKED_EPOCHS = 30
# The stateful tutorial model's budget of batch-1 steps (the CLI's ``--model stateful``).
TUTORIAL_TRAINING_STEPS = 1000


def epochs_for_steps(n_rows, steps, batch_size=1):
    """Return the epochs that make about ``steps`` gradient steps over ``n_rows`` rows.

    Parameters
    ----------
    n_rows : int
        Training rows (windows) per epoch.
    steps : int
        Gradient steps wanted in all.
    batch_size : int, default=1
        Rows per gradient step; the last batch of an epoch may be short.

    Returns
    -------
    epochs : int
        ``max(1, round(steps / ceil(n_rows / batch_size)))``.

    Examples
    --------
    >>> epochs_for_steps(22, TUTORIAL_TRAINING_STEPS)  # the 24-month shampoo training part
    45
    >>> epochs_for_steps(100, 1000, batch_size=16)
    143
    """
    batches = -(-int(n_rows) // int(batch_size))
    return max(1, round(steps / max(1, batches)))
