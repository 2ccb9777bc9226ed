"""``save`` and ``load``: the public entry points of the native model format."""

import sys
import warnings
from importlib import metadata

from skltsm.persistence import _allowlist, _archive
from skltsm.persistence._encoding import TAG, Decoder, Encoder, RefusedClass
from skltsm.persistence._errors import ModelFileError

FORMAT = "skltsm-model"
FORMAT_VERSION = 2
# Format 1 kept each fitted network as a keras archive; it is still read (see _networks).
READABLE_VERSIONS = (1, 2)
# Libraries whose version is checked on load; keras and sktime only for files using them.
_ALWAYS_CHECKED = ("skltsm", "scikit-learn")
_CHECKED_IF_REQUIRED = {"keras": "keras", "sktime": "sktime"}
_RECORDED = ("skltsm", "scikit-learn", "keras", "sktime", "numpy", "pandas")
# What decoding malformed content can raise, turned into one ModelFileError.
_CONTENT_ERRORS = (
    KeyError,
    TypeError,
    ValueError,
    AttributeError,
    IndexError,
    OverflowError,
    RecursionError,
    OSError,
)


def save(estimator, path):
    """Save an estimator, fitted or not, to a file that loads without unpickling.

    The file is a zip archive (suffix ``.skltsm`` by convention) of a JSON manifest (the
    format and library versions, the class, the parameters and the fitted state as plain
    data) and an ``.npz`` of the arrays, a fitted network's weights and optimizer state
    (its ``get_network_state()``) among them. :func:`load` rebuilds the estimator so that
    ``predict``, ``transform``, ``partial_fit`` and ``update`` continue exactly as on the
    original.

    Parameters
    ----------
    estimator : estimator
        A skltsm transformer, regressor or ``LSTMForecaster``, or a scikit-learn
        estimator (a ``Pipeline`` of them, say) whose state is plain data.
    path : str or path-like
        The file to write; replaced atomically if it exists.

    Returns
    -------
    path : pathlib.Path
        The file written.

    Raises
    ------
    TypeError
        When the estimator, or an attribute of it, cannot be stored as plain data (its
        class is not allow-listed, or it holds a function or an object array); the
        message names the attribute. pickle or joblib store such objects.

    See Also
    --------
    load : Read the file back.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import numpy as np
    >>> import skltsm
    >>> differencer = skltsm.Differencer(lag=1).fit(np.array([[1.0], [3.0], [6.0]]))
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "differencer.skltsm"
    >>> skltsm.save(differencer, path).name
    'differencer.skltsm'
    >>> skltsm.load(path).inverse_forecast([[1.0], [1.0]]).ravel().tolist()
    [7.0, 8.0]
    """
    root = _allowlist.estimator_path(type(estimator))
    if root is None:
        raise TypeError(
            f"skltsm.save: estimator must be a skltsm estimator or transformer, "
            f"LSTMForecaster or a scikit-learn estimator; got a {type(estimator).__qualname__}. "
            "Use pickle or joblib for other objects."
        )
    encoder = Encoder()
    node = encoder.encode(estimator, type(estimator).__name__)
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "class": root,
        "versions": {name: _version(name) for name in _RECORDED},
        "python": sys.version.split()[0],
        "requires": sorted(encoder.requires),
        "estimator": node,
    }
    return _archive.write(path, manifest, encoder.arrays, networks={})


def load(path):
    """Load an estimator saved by :func:`save`; never unpickles anything.

    Classes are rebuilt only from an allow-list (skltsm's public classes, scikit-learn
    estimators, sktime's ``ForecastingHorizon``, pandas indexes, keras optimizers and
    losses), arrays are read with ``allow_pickle=False`` and the networks of format 1
    files with keras' ``safe_mode=True``, so a file from elsewhere cannot run code when
    loaded. Files of format 1 and 2 are read.

    Parameters
    ----------
    path : str or path-like
        A file written by :func:`save`.

    Returns
    -------
    estimator : estimator
        The estimator, fitted if it was saved fitted.

    Raises
    ------
    FileNotFoundError
        When ``path`` does not exist.
    ModelFileError
        When the file is empty, truncated, corrupt, not a skltsm model file, of an
        unknown format version, or names a class outside the allow-list.

    Warns
    -----
    UserWarning
        When the file was saved with another version of skltsm, scikit-learn, keras or
        sktime (keras and sktime only if the file uses them); both versions are named.

    See Also
    --------
    save : Write the file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import numpy as np
    >>> import skltsm
    >>> framer = skltsm.LagFramer(lags=2).fit(np.arange(5.0).reshape(-1, 1))
    >>> path = skltsm.save(framer, pathlib.Path(tempfile.mkdtemp()) / "framer.skltsm")
    >>> loaded = skltsm.load(path)
    >>> loaded.get_params() == framer.get_params()
    True
    >>> loaded.transform(np.arange(4.0).reshape(-1, 1)).shape
    (4, 3)
    """
    manifest, arrays, networks = _archive.read(path)
    _check_format(manifest, path)
    _warn_versions(manifest, path)

    def load_network(name):
        if name not in networks:
            raise ValueError(f"network {name!r} is not listed in the manifest")
        return networks[name]

    decoder = Decoder(arrays, load_network)
    try:
        return decoder.decode(manifest["estimator"], manifest["class"].rpartition(".")[2])
    except RefusedClass as exc:
        raise ModelFileError(
            f"skltsm.load: '{path}' refused: {exc}. Only skltsm, scikit-learn and a few "
            "sktime/pandas classes are rebuilt from a model file; nothing else is imported"
        ) from None
    except _CONTENT_ERRORS as exc:
        what = f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)
        raise ModelFileError(
            f"skltsm.load: '{path}' has invalid content ({type(exc).__name__}: {what})"
        ) from exc


def _check_format(manifest, path):
    if manifest.get("format") != FORMAT:
        raise ModelFileError(
            f"skltsm.load: '{path}' is not a skltsm model file (manifest format "
            f"{manifest.get('format')!r}, expected {FORMAT!r})"
        )
    version = manifest.get("format_version")
    if version not in READABLE_VERSIONS or isinstance(version, bool):
        raise ModelFileError(
            f"skltsm.load: '{path}' has format version {version!r}; this skltsm reads "
            f"versions {', '.join(map(str, READABLE_VERSIONS))} (save it again with a "
            "matching skltsm)"
        )
    root = manifest.get("estimator")
    if not isinstance(root, dict) or root.get(TAG) != "object":
        raise ModelFileError(f"skltsm.load: '{path}': the manifest holds no estimator")
    if not isinstance(manifest.get("class"), str):
        raise ModelFileError(f"skltsm.load: '{path}': the manifest names no class")


def _warn_versions(manifest, path):
    saved = manifest.get("versions")
    saved = saved if isinstance(saved, dict) else {}
    requires = manifest.get("requires")
    requires = requires if isinstance(requires, list) else []
    names = [*_ALWAYS_CHECKED, *(v for k, v in _CHECKED_IF_REQUIRED.items() if k in requires)]
    for name in names:
        here = _version(name)
        if saved.get(name) != here:
            warnings.warn(
                f"skltsm.load: '{path}' was saved with {name} {saved.get(name)}, this is "
                f"{name} {here}; loading anyway, but results may differ",
                UserWarning,
                stacklevel=3,
            )


def _version(name):
    if name == "skltsm":
        import skltsm

        return skltsm.__version__
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None
