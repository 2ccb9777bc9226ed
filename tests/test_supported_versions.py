"""The supported versions: pyproject's lower bounds, the pins CI tests them with, nox.

``python -m nox -s lowest`` runs the core suite with the pins of ci/lowest-constraints.txt
(and this file, where the versions actually imported must then be exactly those pins).
"""

import ast
import os
from importlib.metadata import version
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

tomllib = pytest.importorskip("tomllib")  # Python 3.11+

ROOT = Path(__file__).resolve().parents[1]


def _noxfile_constants():
    """The noxfile's module-level constants, read without running it (nox registers sessions)."""
    tree = ast.parse((ROOT / "noxfile.py").read_text())
    return {
        node.targets[0].id: ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign)
        and isinstance(node.targets[0], ast.Name)
        and isinstance(node.value, (ast.Constant, ast.Tuple))
    }


NOX = _noxfile_constants()


def _pins(path):
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            req = Requirement(line)
            (spec,) = req.specifier
            assert spec.operator == "==", f"{path.name}: {line!r} is not an exact pin"
            pins[req.name] = spec.version
    return pins


def _dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return {req.name: req for req in map(Requirement, project["dependencies"])}


LOWEST = ROOT / NOX["LOWEST_CONSTRAINTS"]


def test_pyproject_lower_bounds_are_the_tested_lowest_versions():
    pins, deps = _pins(LOWEST), _dependencies()
    assert {"scikit-learn", "sktime"} <= set(pins)
    for name, pin in pins.items():
        lower = [s.version for s in deps[name].specifier if s.operator == ">="]
        assert [Version(v) for v in lower] == [Version(pin)], (
            f"pyproject.toml requires {deps[name]}, but {LOWEST.name} tests {name}=={pin}"
        )
        assert deps[name].specifier.contains(pin)


def test_lowest_session_runs_the_conformance_suites():
    paths = NOX["LOWEST_TESTS"]
    for path in paths:
        assert (ROOT / path).exists(), path
    conformance = [
        "tests/preprocessing/test_sklearn_checks.py",
        "tests/regression/test_sklearn_checks.py",
        "tests/forecasting/test_sktime_checks.py",
    ]
    for test_file in conformance:
        assert (ROOT / test_file).exists(), test_file
        assert any(test_file.startswith(path) for path in paths), test_file
    assert Path(__file__).relative_to(ROOT).as_posix() in paths
    for test in NOX["LOWEST_DESELECTED"]:  # each exists, and no get_test_params suite
        path, name = test.split("::")
        assert f"def {name}(" in (ROOT / path).read_text(), test
        assert name != "test_sktime_check_estimator", test


def test_installed_versions_are_the_ones_this_run_tests():
    """Under `nox -s lowest`, exactly the pins: not the newer versions of the base env."""
    import numpy
    import pandas
    import sklearn
    import sktime

    imported = {m.__name__: m.__version__ for m in (numpy, pandas, sklearn, sktime)}
    imported["scikit-learn"] = imported.pop("sklearn")
    pins_file = os.environ.get(NOX["EXPECT_VERSIONS_ENV"])
    if pins_file:
        pins = _pins(ROOT / pins_file)
        assert {name: imported.get(name, version(name)) for name in pins} == pins
    else:
        for name, req in _dependencies().items():
            installed = imported.get(name, version(name))
            assert req.specifier.contains(installed, prereleases=True), (name, installed)
