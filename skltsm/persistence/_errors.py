"""The one exception of the loader: whatever is wrong with a file, one clear message."""


class ModelFileError(ValueError):
    """A file is not a valid skltsm model file: corrupt, truncated, or refused.

    Raised by :func:`skltsm.load` for an empty, truncated, bit-flipped or non-zip file, a
    missing archive member, an unknown format version, malformed content, or a class
    outside the allow-list. The message names the path and what is wrong. It derives
    from ``ValueError``, so ``except ValueError`` catches it too.

    See Also
    --------
    skltsm.load : Raises it.

    Examples
    --------
    >>> from skltsm.persistence import ModelFileError
    >>> issubclass(ModelFileError, ValueError)
    True
    """


def unstorable(where, what):
    """Return the TypeError of :func:`skltsm.save` for state that is not plain data."""
    return TypeError(
        f"skltsm.save: cannot store {where} ({what}) as plain data; the native format holds "
        "numbers, strings, arrays, pandas objects and allow-listed estimators. Use pickle "
        "or joblib for this object, and load such files only from sources you trust."
    )
