"""StatefulLSTMRegressor: stateful semantics read from the state itself."""

import numpy as np
import pytest

from skltsm import StatefulLSTMRegressor


@pytest.fixture(scope="module")
def fitted(sine_windows):
    X, y = sine_windows
    return StatefulLSTMRegressor(units=3, epochs=5, random_state=0).fit(X, y)


def test_predict_is_idempotent(fitted, sine_windows):
    X, _ = sine_windows
    np.testing.assert_array_equal(fitted.predict(X), fitted.predict(X))


def test_predict_carries_state_across_rows(fitted, sine_windows):
    """Row 5 predicted alone (zero state) differs from row 5 after rows 0-4."""
    X, _ = sine_windows
    in_sequence = fitted.predict(X[:6])[5]
    alone = fitted.predict(X[5:6])[0]
    assert not np.isclose(in_sequence, alone)


def test_walk_forward_equals_one_predict_over_all_rows(fitted, sine_windows):
    X, _ = sine_windows
    steps = fitted.walk_forward()
    one_by_one = np.concatenate([steps.predict(row) for row in X])
    np.testing.assert_allclose(one_by_one, fitted.predict(X), rtol=0, atol=1e-12)


def test_walk_forward_carries_state_between_calls_and_resets(fitted, sine_windows):
    X, _ = sine_windows
    steps = fitted.walk_forward()
    start = [s.copy() for s in steps.state]
    assert all(np.all(s == 0) for s in start)
    first = steps.predict(X[:3])
    assert any(np.abs(s).sum() > 0 for s in steps.state)
    continued = steps.predict(X[3:6])
    np.testing.assert_allclose(continued, fitted.predict(X[:6])[3:], atol=1e-12)
    steps.reset()
    np.testing.assert_array_equal(steps.predict(X[:3]), first)


def test_replay_training_starts_from_training_end_state(sine_windows):
    X, y = sine_windows
    reg = StatefulLSTMRegressor(units=3, epochs=5, replay_training=True, random_state=0)
    reg.fit(X, y)
    steps = reg.walk_forward(replay_training=False)
    steps.predict(X)  # replay the training rows by hand
    by_hand = steps.predict(X[:4])
    np.testing.assert_allclose(reg.predict(X[:4]), by_hand, atol=1e-12)
    plain = reg.walk_forward(replay_training=False).predict(X[:4])
    assert not np.allclose(plain, by_hand)


def test_training_state_is_reset_every_epoch(sine_windows):
    """Training on the rows twice as one sequence differs from training epoch-by-epoch
    only if state leaks; with the reset, two epochs equal fit(epochs=1) + partial_fit."""
    X, y = sine_windows
    two = StatefulLSTMRegressor(units=3, epochs=2, random_state=1).fit(X, y)
    one_plus_one = StatefulLSTMRegressor(units=3, epochs=1, random_state=1).fit(X, y)
    one_plus_one.partial_fit(X, y)
    np.testing.assert_allclose(two.predict(X), one_plus_one.predict(X), rtol=1e-5, atol=1e-6)
    assert two.current_epoch == one_plus_one.current_epoch == 2


def test_walk_forward_rejects_wrong_width(fitted):
    with pytest.raises(ValueError, match="expects rows of 1 features"):
        fitted.walk_forward().predict(np.zeros((1, 3)))


def test_walk_forward_rejects_nan(fitted):
    with pytest.raises(ValueError, match="NaN"):
        fitted.walk_forward().predict([[np.nan]])
