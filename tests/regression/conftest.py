import numpy as np
import pytest


@pytest.fixture(scope="module")
def sine_windows():
    """40 one-step windows of a sine wave: (X, y) with X of shape (40, 1)."""
    series = np.sin(np.arange(41) * 0.3)
    return series[:-1].reshape(-1, 1), series[1:]


@pytest.fixture(scope="module")
def long_windows():
    """Windows of 4 steps x 2 features, with a two-column target."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(36, 8))
    y = np.column_stack([X[:, -2] + 0.1 * X[:, 0], X[:, -1]])
    return X, y
