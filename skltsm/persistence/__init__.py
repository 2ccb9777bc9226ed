"""Save and load estimators and forecasters in a native format that never unpickles.

:func:`save` writes a zip archive (suffix ``.skltsm`` by convention) of plain data: a
JSON manifest with the parameters and fitted state, an ``.npz`` of arrays and one keras
``.keras`` archive per fitted network. :func:`load` rebuilds the estimator from an
allow-list of classes, so loading a file from elsewhere cannot run code. pickle and
joblib keep working as well; they are the choice for objects this format cannot hold.
"""

from skltsm.persistence._api import load, save
from skltsm.persistence._errors import ModelFileError

__all__ = ["ModelFileError", "load", "save"]
