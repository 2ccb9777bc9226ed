"""Estimators and their fitted state as tagged JSON plus a store of numpy arrays.

JSON scalars, strings and lists stand for themselves. Every JSON object in the tree is a
tagged node, ``{"__skltsm__": <tag>, ...}``: tuples, dicts (any keys), non-finite floats,
arrays (a key into the array store), numpy scalars and dtypes, ``RandomState`` states,
enums, pandas objects, references to allow-listed classes, and estimators, rebuilt with
``cls.__new__`` and their state (``__setstate__``), never by calling anything the file
names. A fitted recurrent regressor's network is part of that state (plain arrays, see
``_networks``); format 1 files kept it as a separate keras archive, which the
``load_network`` callback of the archive layer reads.
"""

import enum
import inspect
import math

import numpy as np

from skltsm.persistence import _allowlist, _networks, _pandas
from skltsm.persistence._allowlist import RefusedClass
from skltsm.persistence._errors import unstorable

TAG = "__skltsm__"
_SCALARS = (type(None), bool, int, str)


class Encoder:
    """Turn an estimator into a JSON-ready tree and a dict of arrays."""

    def __init__(self):
        self.arrays = {}
        self.requires = set()
        self._path = set()  # ids of the containers being encoded, to refuse cycles

    def array(self, value, where):
        """Put an ndarray in the store and return its node."""
        if value.dtype.hasobject or value.dtype.fields is not None:
            raise unstorable(where, f"an array of dtype {value.dtype}")
        key = f"a{len(self.arrays)}"
        self.arrays[key] = value
        return {TAG: "ndarray", "key": key}

    def as_decoder(self):
        """Return a decoder over the arrays stored so far (to check pandas round trips)."""
        return Decoder(self.arrays, load_network=None)

    def encode(self, value, where):
        """Return the node of ``value``; ``where`` names it in error messages."""
        kind = type(value)
        if kind in _SCALARS:
            return value
        if kind is float:
            return value if math.isfinite(value) else {TAG: "float", "value": repr(value)}
        if kind in (list, tuple, dict, set, frozenset):
            return self._container(value, where)
        if kind is np.ndarray:
            return self.array(value, where)
        if isinstance(value, np.generic):
            return {TAG: "npscalar", "array": self.array(np.asarray(value), where)}
        if isinstance(value, np.dtype) and value.fields is None and not value.hasobject:
            return {TAG: "dtype", "str": value.str}
        if kind is np.random.RandomState:
            return {TAG: "RandomState", "state": self.encode(value.get_state(), where)}
        if _pandas.is_pandas(value):
            return _pandas.encode(value, self, where)
        return self._by_class(value, where)

    def _container(self, value, where):
        if id(value) in self._path:
            raise unstorable(where, "a container that holds itself")
        self._path.add(id(value))
        try:
            if isinstance(value, dict):
                items = [
                    [self.encode(k, f"{where} key"), self.encode(v, f"{where}[{k!r}]")]
                    for k, v in value.items()
                ]
                return {TAG: "dict", "items": items}
            items = [self.encode(v, f"{where}[{i}]") for i, v in enumerate(value)]
            return items if isinstance(value, list) else {TAG: type(value).__name__, "items": items}
        finally:
            self._path.discard(id(value))

    def _by_class(self, value, where):
        if isinstance(value, enum.Enum) and _allowlist.enum_path(type(value)):
            return {TAG: "enum", "class": _allowlist.enum_path(type(value)), "name": value.name}
        if isinstance(value, type) or inspect.isroutine(value):
            return self._reference(value, where)
        path = _allowlist.estimator_path(type(value))
        if path is None:
            raise unstorable(where, f"a {type(value).__module__}.{type(value).__qualname__}")
        return self._object(value, path, where)

    def _reference(self, value, where):
        path = _allowlist.reference_path(value)
        if path is None:
            raise unstorable(where, f"a reference to {value!r}")
        return {TAG: "ref", "path": path}

    def _object(self, value, path, where):
        if id(value) in self._path:
            raise unstorable(where, "an object that holds itself")
        self._path.add(id(value))
        try:
            state = value.__getstate__()
            if not isinstance(state, dict):
                raise unstorable(where, f"a {path} whose state is not a dict")
            state = dict(state)
            node = {TAG: "object", "class": path}
            if _networks.is_fitted_recurrent(value):
                self.requires.add("keras")  # to train further; predict needs only numpy
            if hasattr(value, "get_params"):
                # in attribute order, so the loaded object's attributes are in the same order
                names = value.get_params(deep=False).keys()
                params = {k: state.pop(k) for k in list(state) if k in names}
                node["params"] = self._fields(params, where)
            node["state"] = self._fields(state, where)
            if path.startswith("sktime") or "sktime" in _requirements(value):
                self.requires.add("sktime")
            return node
        finally:
            self._path.discard(id(value))

    def _fields(self, fields, where):
        for name in fields:
            if not isinstance(name, str):
                raise unstorable(where, f"an attribute named {name!r}")
        return {name: self.encode(v, f"{where}.{name}") for name, v in fields.items()}


def _requirements(value):
    """Return the top-level packages of the classes in the MRO of `value`."""
    return {cls.__module__.split(".")[0] for cls in type(value).__mro__}


class Decoder:
    """Rebuild objects from a tree made by :class:`Encoder`.

    Parameters
    ----------
    arrays : dict of str to ndarray
        The array store.
    load_network : callable or None
        ``load_network(member) -> bytes`` reads a keras archive from the file.
    """

    def __init__(self, arrays, load_network):
        self.arrays = arrays
        self._load_network = load_network

    def array(self, node, where):
        """Return the stored array a node points to."""
        if not isinstance(node, dict) or node.get(TAG) != "ndarray":
            raise ValueError(f"{where}: expected an array node, got {node!r:.80}")
        if node["key"] not in self.arrays:
            raise ValueError(f"{where}: array {node['key']!r} is missing from arrays.npz")
        return self.arrays[node["key"]]

    def decode(self, node, where):
        """Return the object of ``node``."""
        if isinstance(node, _SCALARS + (float,)):
            return node
        if isinstance(node, list):
            return [self.decode(v, f"{where}[{i}]") for i, v in enumerate(node)]
        if not isinstance(node, dict) or not isinstance(node.get(TAG), str):
            raise ValueError(f"{where}: expected a tagged node, got {node!r:.80}")
        tag = node[TAG]
        if tag in _pandas.TAGS:
            return _pandas.decode(node, self, where)
        handler = getattr(self, "_decode_" + tag.replace(".", "_"), None)
        if handler is None:
            raise ValueError(f"{where}: unknown node tag {tag!r}")
        return handler(node, where)

    def _items(self, node, where):
        return [self.decode(v, f"{where}[{i}]") for i, v in enumerate(node["items"])]

    def _decode_tuple(self, node, where):
        return tuple(self._items(node, where))

    def _decode_set(self, node, where):
        return set(self._items(node, where))

    def _decode_frozenset(self, node, where):
        return frozenset(self._items(node, where))

    def _decode_dict(self, node, where):
        pairs = ((self.decode(k, where), v) for k, v in node["items"])
        return {k: self.decode(v, f"{where}[{k!r}]") for k, v in pairs}

    def _decode_float(self, node, where):
        if node["value"] not in ("nan", "inf", "-inf"):
            raise ValueError(f"{where}: bad float {node['value']!r}")
        return float(node["value"])

    def _decode_ndarray(self, node, where):
        return self.array(node, where)

    def _decode_npscalar(self, node, where):
        value = self.array(node["array"], where)
        if value.shape != ():
            raise ValueError(f"{where}: a numpy scalar must be a 0-d array")
        return value[()]

    def _decode_dtype(self, node, where):
        dtype = np.dtype(node["str"])
        if dtype.hasobject:
            raise ValueError(f"{where}: object dtypes are refused")
        return dtype

    def _decode_RandomState(self, node, where):
        random_state = np.random.RandomState()
        random_state.set_state(self.decode(node["state"], where))
        return random_state

    def _decode_enum(self, node, where):
        return _allowlist.resolve_enum(node["class"])[node["name"]]

    def _decode_ref(self, node, where):
        return _allowlist.resolve_reference(node["path"])

    def _decode_object(self, node, where):
        cls = _allowlist.resolve_estimator(node["class"])
        fields = {**node.get("params", {}), **node["state"]}
        state = {name: self.decode(v, f"{where}.{name}") for name, v in fields.items()}
        obj = cls.__new__(cls)
        if hasattr(obj, "__setstate__"):
            obj.__setstate__(state)
        else:
            vars(obj).update(state)
        if "network" in node:
            _networks.restore_network(obj, node, self._load_network)
        return obj


__all__ = ["Decoder", "Encoder", "RefusedClass", "TAG"]
