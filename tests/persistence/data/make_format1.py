"""Write the format-1 fixture files of this folder (kept as a record of how they were made).

They were written by skltsm 0.1.0.dev0 before format 2 (main at 9de5e2b), with that skltsm
on the path: ``python tests/persistence/data/make_format1.py tests/persistence/data``.
"""

import sys

import numpy as np


def main(out):
    import skltsm

    rng = np.random.default_rng(0)
    X = rng.normal(size=(20, 2))
    y = X[:, 0] - 0.5 * X[:, 1]
    models = {
        "stateful": skltsm.StatefulLSTMRegressor(neurons=2, epochs=3, random_state=0),
        "stacked": skltsm.StackedLSTMRegressor(
            units=(3,), timesteps=1, dropout=0.0, epochs=3, random_state=0
        ),
    }
    expected = {"X": X, "y": y}
    for name, est in models.items():
        est.fit(X, y)
        skltsm.save(est, f"{out}/format1_{name}.skltsm")
        expected[f"{name}_predict"] = est.predict(X)
        est.partial_fit(X[::-1], y[::-1])
        expected[f"{name}_partial_fit_predict"] = est.predict(X)
    np.savez(f"{out}/format1_expected.npz", **expected)


if __name__ == "__main__":
    main(sys.argv[1])
