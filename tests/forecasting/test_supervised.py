"""The pure series -> supervised helpers, against explicit loops."""

import numpy as np
import pytest
from sklearn.preprocessing import MinMaxScaler, StandardScaler

from skltsm.forecasting import _supervised as sup


def test_step_features_pairs_each_step_with_the_next_exog_row():
    z = np.array([1.0, 2.0, 3.0])
    xs = np.array([[10.0], [20.0], [30.0], [40.0]])
    np.testing.assert_array_equal(sup.step_features(z, xs), [[1.0, 20.0], [2.0, 30.0], [3.0, 40.0]])
    assert sup.step_features(z, None).shape == (3, 1)


def test_make_scaler():
    minmax = sup.make_scaler("minmax")
    assert isinstance(minmax, MinMaxScaler) and minmax.feature_range == (-1, 1)
    assert sup.make_scaler(None) is None
    given = StandardScaler()
    made = sup.make_scaler(given)
    assert isinstance(made, StandardScaler) and made is not given
    with pytest.raises(ValueError, match="scaler='robust' is not supported"):
        sup.make_scaler("robust")
    with pytest.raises(TypeError, match="lacks"):
        sup.make_scaler(object())


def test_check_length_message():
    with pytest.raises(ValueError, match="length 3 is too short for lags=5; need at least 7"):
        sup.check_length(3, "lags=5", sup.minimum_length(5, 1, 1))
