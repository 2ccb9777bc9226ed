"""Hypothesis strategies for series, shared by the preprocessing property tests."""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

MAX_MAGNITUDE = 1e9


def _generated(rng, n_rows, n_columns, kind, scale):
    if kind == "walk":
        X = np.cumsum(rng.standard_normal((n_rows, n_columns)), axis=0)
    elif kind == "seasonal":
        t = np.arange(n_rows)[:, None]
        X = 0.01 * t + np.sin(2 * np.pi * t / 12) + 0.1 * rng.standard_normal((n_rows, n_columns))
    else:
        X = rng.standard_normal((n_rows, n_columns))
    peak = np.abs(X).max()
    return X * (scale / peak) if peak > 0 else X


@st.composite
def series(draw, min_rows=1, max_rows=2000, max_columns=3):
    """Draw a finite float64 series of shape (n_rows, n_columns), |values| <= 1e9.

    Short series are sometimes drawn value by value, so hypothesis can search for awkward
    numbers; long ones come from a seeded generator, which keeps drawing them fast.
    """
    n_rows = draw(st.integers(min_rows, max_rows))
    n_columns = draw(st.integers(1, max_columns))
    if n_rows <= 30 and draw(st.booleans()):
        values = st.floats(-MAX_MAGNITUDE, MAX_MAGNITUDE, allow_subnormal=False)
        return draw(hnp.arrays(np.float64, (n_rows, n_columns), elements=values))
    kind = draw(st.sampled_from(["walk", "seasonal", "noise"]))
    scale = draw(st.sampled_from([1.0, 1e-3, 1e3, 1e6, MAX_MAGNITUDE]))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    return _generated(rng, n_rows, n_columns, kind, scale)


def scale_of(X):
    """Largest magnitude of ``X`` (at least 1), for tolerances relative to the series."""
    return max(1.0, float(np.abs(X).max(initial=0.0)))
