"""Long-lived processes (grid searches, walk-forward retraining) keep resident memory bounded.

TensorFlow never returns the few megabytes each new trace of a compiled function takes
(tensorflow/tensorflow#62854), so a fit must not trace anew for what only changes the
data: the seed, the number of rows, or an architecture the pool has seen. Keras networks
that leave the pool must be freed.
"""

import gc
import sys
import weakref

import numpy as np
import pytest

from skltsm import StackedLSTMRegressor, StatefulLSTMRegressor

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads resident memory from /proc"
)


def resident_mib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 2**20


def test_a_hundred_fits_do_not_grow_resident_memory():
    rng = np.random.default_rng(0)
    X, y = rng.uniform(-1, 1, (80, 2)), rng.uniform(-1, 1, 80)
    estimators = [
        lambda seed: StatefulLSTMRegressor(units=2, epochs=2, random_state=seed),
        lambda seed: StatefulLSTMRegressor(units=3, epochs=2, batch_size=4, random_state=seed),
        lambda seed: StackedLSTMRegressor(units=(2,), timesteps=1, epochs=2, random_state=seed),
    ]
    for fit in range(100):
        rows = 40 + fit % 37  # walk-forward and expanding-window folds change the row count
        reg = estimators[fit % len(estimators)](fit)
        assert np.isfinite(reg.fit(X[:rows], y[:rows]).predict(X[:rows])).all()
        if fit == 19:  # every architecture and batching has been traced once by now
            gc.collect()
            after_warm_up = resident_mib()
    gc.collect()
    growth = resident_mib() - after_warm_up
    # A trace per new row count grew it by ~3.5 MiB a fit (280 MiB over these 80 fits).
    assert growth < 60, f"resident memory grew {growth:.0f} MiB over 80 fits"


def test_walk_forward_retraining_does_not_grow_resident_memory():
    rng = np.random.default_rng(1)
    X, y = rng.uniform(-1, 1, (90, 1)), rng.uniform(-1, 1, 90)
    reg = StatefulLSTMRegressor(units=2, epochs=2, random_state=0).fit(X[:40], y[:40])
    reg.partial_fit(X[:41], y[:41])
    gc.collect()
    before = resident_mib()
    for rows in range(42, 90):
        reg.partial_fit(X[:rows], y[:rows])
    gc.collect()
    growth = resident_mib() - before
    assert growth < 40, f"resident memory grew {growth:.0f} MiB over 48 partial_fit steps"


def test_networks_leaving_the_pool_are_freed():
    from skltsm.networks import build_recurrent_network
    from skltsm.networks._pool import NetworkPool

    pool, built = NetworkPool(max_architectures=1, max_idle=1), []

    def build(units):
        model = build_recurrent_network(timesteps=1, features=1, units=(units,), seed=0)
        model.compile(optimizer="adam", loss="mean_squared_error")
        built.append(weakref.ref(model))
        return model

    for units in (1, 2, 3):
        with pool.borrow(units, lambda units=units: build(units)):
            pass
    gc.collect()
    assert [ref() is None for ref in built] == [True, True, False]
    pool.clear()
    gc.collect()
    assert built[-1]() is None
