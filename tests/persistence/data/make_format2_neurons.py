"""Write the format-2 fixtures saved before ``neurons`` was renamed ``units``.

Kept as a record of how they were made: written by skltsm 0.1.0.dev0 at main 022caa3
(format 2, ``StatefulLSTMRegressor(neurons=...)``), with that skltsm on the path:
``python tests/persistence/data/make_format2_neurons.py tests/persistence/data``.
"""

import sys

import numpy as np


def main(out):
    import skltsm
    from skltsm.datasets import load_shampoo_sales
    from skltsm.forecasting import LSTMForecaster

    rng = np.random.default_rng(0)
    X = rng.normal(size=(20, 2))
    y = X[:, 0] - 0.5 * X[:, 1]
    regressor = skltsm.StatefulLSTMRegressor(neurons=2, epochs=3, random_state=0).fit(X, y)
    skltsm.save(regressor, f"{out}/format2_stateful_neurons.skltsm")
    series = load_shampoo_sales()
    lstm = skltsm.StatefulLSTMRegressor(neurons=2, epochs=3, random_state=0)
    forecaster = LSTMForecaster(regressor=lstm, update_epochs=1).fit(series.iloc[:24])
    skltsm.save(forecaster, f"{out}/format2_forecaster_neurons.skltsm")
    expected = {
        "X": X,
        "y": y,
        "stateful_predict": regressor.predict(X),
        "forecaster_predict": forecaster.predict(fh=[1, 2, 3]).to_numpy(),
    }
    np.savez(f"{out}/format2_neurons_expected.npz", **expected)


if __name__ == "__main__":
    main(sys.argv[1])
