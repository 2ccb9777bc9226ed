"""The file layout: a zip archive of a JSON manifest and an ``.npz`` of arrays.

::

    model.skltsm (zip)
    |- manifest.json       format version, library versions, the estimator as tagged JSON
    |- arrays.npz          every ndarray (network weights included), allow_pickle=False
    `- networks/0.keras    format 1 only: one keras archive per fitted recurrent network

Reading turns every way a file can be broken (empty, truncated, bit-flipped, not a zip,
a member missing or unreadable) into one :class:`ModelFileError` naming the path; zip's
CRC-32 of each member catches flipped bits. Writing goes to a temporary file renamed
into place, so an interrupted save never leaves half a model under the final name.
"""

import errno
import io
import json
import os
import zipfile
import zlib
from pathlib import Path

import numpy as np

from skltsm.persistence._errors import ModelFileError

MANIFEST = "manifest.json"
ARRAYS = "arrays.npz"
# What reading a damaged member can raise: zipfile's own errors, a corrupt deflate stream,
# a member cut short, or an unsupported compression method or encryption flag.
_READ_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    NotImplementedError,
    RuntimeError,
    ValueError,
)


def write(path, manifest, arrays, networks):
    """Write the archive to ``path`` atomically (a temporary file, then a rename)."""
    path = Path(os.fspath(path))
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(MANIFEST, json.dumps(manifest, indent=1, allow_nan=False))
            archive.writestr(ARRAYS, _npz_bytes(arrays))
            for name, data in networks.items():
                # a .keras file is a zip already: deflating it again gains nothing
                archive.writestr(name, data, compress_type=zipfile.ZIP_STORED)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def _npz_bytes(arrays):
    buffer = io.BytesIO()
    np.savez(buffer, allow_pickle=False, **arrays)
    return buffer.getvalue()


def read(path):
    """Return ``(manifest, arrays, networks)`` of the archive at ``path``.

    ``networks`` maps the member names listed in the manifest to their bytes.
    """
    path = Path(os.fspath(path))
    if not path.exists():
        raise FileNotFoundError(errno.ENOENT, f"skltsm.load: no such file: '{path}'", str(path))
    if path.is_dir():
        raise ModelFileError(f"skltsm.load: '{path}' is a directory, not a skltsm model file")
    try:
        archive = zipfile.ZipFile(path)
    except _READ_ERRORS as exc:
        raise ModelFileError(
            f"skltsm.load: '{path}' is not a skltsm model file: it is not a zip archive "
            f"(empty, truncated or another format; {exc})"
        ) from None
    with archive:
        manifest = _manifest(archive, path)
        arrays = _arrays(archive, path)
        names = manifest.get("networks", [])
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise ModelFileError(f"skltsm.load: '{path}': manifest 'networks' is not a list")
        networks = {name: _member(archive, name, path) for name in names}
    return manifest, arrays, networks


def _member(archive, name, path):
    try:
        return archive.read(name)
    except KeyError:
        raise ModelFileError(
            f"skltsm.load: '{path}' is incomplete: member '{name}' is missing"
        ) from None
    except _READ_ERRORS as exc:
        raise ModelFileError(
            f"skltsm.load: '{path}' is corrupt: member '{name}' cannot be read ({exc})"
        ) from None


def _manifest(archive, path):
    data = _member(archive, MANIFEST, path)
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ModelFileError(
            f"skltsm.load: '{path}' is corrupt: {MANIFEST} is not valid JSON ({exc})"
        ) from None
    if not isinstance(manifest, dict):
        raise ModelFileError(f"skltsm.load: '{path}': {MANIFEST} is not a JSON object")
    return manifest


def _arrays(archive, path):
    data = _member(archive, ARRAYS, path)
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as npz:
            return {key: npz[key] for key in npz.files}
    except (*_READ_ERRORS, KeyError) as exc:
        raise ModelFileError(
            f"skltsm.load: '{path}' is corrupt: {ARRAYS} cannot be read without pickle ({exc})"
        ) from None
