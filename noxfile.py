"""CI sessions: the whole suite on the newest versions, the core suite on the lowest.

CI (the README's test command) runs ``python -m pytest -n 2`` (the ``tests`` session) and then
``python -m nox -s lowest``. ``python -m nox`` runs both sessions; arguments after ``--`` go
to pytest.
"""

import nox

LOWEST_CONSTRAINTS = "ci/lowest-constraints.txt"

# What changes behaviour across scikit-learn, sktime, pandas and numpy releases: the layers
# built on them, with the conformance suites (parametrize_with_checks, sktime's
# check_estimator) that break first, the saved files' plain data, and the doctests. Docs,
# examples, lint, packaging, the CLI, determinism, memory and Dask run in `tests` only.
LOWEST_TESTS = (
    "tests/preprocessing",
    "tests/regression",
    "tests/forecasting",
    "tests/networks",
    "tests/persistence",
    "tests/hostile",
    "tests/test_supported_versions.py",
    "skltsm",
)

# Left to the `tests` session: sktime's suite on the default network (5 minutes on one
# worker); the lowest session runs the suite on every get_test_params set, which covers the
# sktime API surface that changes across versions, in about 1.5 minutes.
LOWEST_DESELECTED = (
    "tests/forecasting/test_sktime_checks.py::test_sktime_check_estimator_on_the_default_network",
)

# The lowest session checks these installed versions against the pins, in its output and
# in tests/test_supported_versions.py (which reads this variable).
EXPECT_VERSIONS_ENV = "SKLTSM_EXPECT_VERSIONS"

nox.options.sessions = ["tests", "lowest"]
nox.options.reuse_venv = "yes"


@nox.session(venv_backend="none")
def tests(session):
    """Run the whole default suite in the current environment (the newest versions).

    Two pytest-xdist workers by default (CI has 2 cores); arguments after ``--`` replace them.
    """
    session.run("python", "-m", "pytest", *(session.posargs or ["-n", "2"]))


@nox.session
def lowest(session):
    """Run the core suite with the lowest supported scikit-learn, sktime, pandas, numpy.

    The session's own virtual environment gets everything it needs: skltsm with its test
    extra, resolved with the pins of ``ci/lowest-constraints.txt`` as pip constraints. It
    sees nothing of the interpreter or virtual environment that runs nox (pip's cache
    makes the second TensorFlow install quick); a test fails if any import resolves to
    another version than the pins.
    """
    session.install("-e", ".[test]", "-c", LOWEST_CONSTRAINTS)
    session.run(
        "python",
        "-c",
        "import numpy, pandas, sklearn, sktime; "
        "print('lowest:', *(f'{m.__name__} {m.__version__}' "
        "for m in (sklearn, sktime, pandas, numpy)), sep='\\n  ')",
    )
    workers = ["-n", "2"]  # pytest-xdist, from the test extra
    session.run(
        "python",
        "-m",
        "pytest",
        *LOWEST_TESTS,
        *(f"--deselect={test}" for test in LOWEST_DESELECTED),
        "-p",
        "no:cacheprovider",
        *(session.posargs or workers),
        env={EXPECT_VERSIONS_ENV: LOWEST_CONSTRAINTS},
    )
