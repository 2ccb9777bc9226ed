"""The pure series -> supervised helpers, against pandas.shift and explicit loops."""

import numpy as np
import pandas as pd
import pytest
from sklearn.preprocessing import MinMaxScaler, StandardScaler

from skltsm.forecasting import _supervised as sup


@pytest.mark.parametrize("lags", [1, 2, 4])
def test_frame_windows_matches_pandas_shift(lags):
    F = np.arange(24.0).reshape(12, 2) ** 1.5
    frame = pd.DataFrame(F)
    reference = pd.concat([frame.shift(k) for k in range(lags, 0, -1)], axis=1)
    expected = reference.to_numpy()[lags:]
    np.testing.assert_array_equal(sup.frame_windows(F, lags), expected)


def test_frame_windows_rows_end_just_before_their_target():
    F = np.arange(6.0).reshape(-1, 1)
    windows = sup.frame_windows(F, 2)
    # row i predicts step i + lags; its last entry is the step before.
    assert windows.tolist() == [[0.0, 1.0], [1.0, 2.0], [2.0, 3.0], [3.0, 4.0]]


def test_step_features_pairs_each_step_with_the_next_exog_row():
    z = np.array([1.0, 2.0, 3.0])
    xs = np.array([[10.0], [20.0], [30.0], [40.0]])
    np.testing.assert_array_equal(sup.step_features(z, xs), [[1.0, 20.0], [2.0, 30.0], [3.0, 40.0]])
    assert sup.step_features(z, None).shape == (3, 1)


def test_multi_step_targets_explicit_loop():
    z = np.arange(10.0)
    targets = sup.multi_step_targets(z, lags=2, horizon=3)
    expected = [[z[t + h] for h in range(3)] for t in range(2, 10 - 3 + 1)]
    np.testing.assert_array_equal(targets, expected)


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
