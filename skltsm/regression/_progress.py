"""A tqdm progress bar over training epochs, fed by the engine between compiled chunks."""

from contextlib import contextmanager


@contextmanager
def epoch_progress(total_epochs, *, enabled, name):
    """Yield a callback ``(epochs_done, loss)`` that advances a tqdm bar, or None.

    Parameters
    ----------
    total_epochs : int
        Length of the bar.
    enabled : bool
        Without it the engine gets no callback and may run all epochs in one compiled call.
    name : str
        Shown before the bar.

    Examples
    --------
    >>> with epoch_progress(10, enabled=False, name="demo") as callback:
    ...     callback is None
    True
    """
    if not enabled:
        yield None
        return
    from tqdm.auto import tqdm

    with tqdm(total=total_epochs, desc=name, unit="epoch") as bar:

        def advance(epochs_done, loss):
            bar.update(epochs_done - bar.n)
            bar.set_postfix(loss=f"{float(loss):.4g}")

        yield advance
