"""The cumulative-sum PELT gives ruptures' change points (ruptures.Pelt, model 'l2', jump 1)."""
from __future__ import annotations

import numpy as np
import pytest
import ruptures

from flashpoint.analytics.changepoints import default_penalty
from flashpoint.analytics.pelt import pelt_l2


def signals(seed: int, count: int):
    """Sparse daily rungs, Anscombe-transformed weekly counts and noisy steps, of random lengths."""
    rng = np.random.default_rng(seed)
    for k in range(count):
        n = int(rng.integers(6, 150))
        if k % 3 == 0:
            x = rng.integers(0, 11, n).astype(float) * (rng.random(n) < 0.3)
        elif k % 3 == 1:
            x = 2.0 * np.sqrt(rng.poisson(rng.choice([1, 5, 20]), n) + 3.0 / 8.0)
        else:
            x = np.repeat(rng.integers(0, 8, 5), n // 5 + 1)[:n].astype(float) + rng.normal(0, 0.3, n)
        if np.ptp(x) > 0:
            yield x, int(rng.integers(1, 4))


@pytest.mark.parametrize("seed", [0, 1])
def test_the_change_points_are_ruptures_own(seed):
    compared = 0
    for x, min_size in signals(seed, 80):
        for pen in (default_penalty(x), 3.0 * np.log(len(x)), 0.5):
            if pen <= 0:
                continue
            expected = ruptures.Pelt(model="l2", min_size=min_size, jump=1).fit(x.reshape(-1, 1)).predict(pen=pen)
            assert pelt_l2(x, pen, min_size=min_size) == expected, (x.tolist(), min_size, pen)
            compared += 1
    assert compared > 150


def test_a_series_without_change_is_one_segment():
    assert pelt_l2(np.full(30, 2.0), 1.0, min_size=3) == [30]
    assert pelt_l2(np.r_[np.zeros(10), np.full(10, 5.0)], 1.0, min_size=3) == [10, 20]


def test_the_segment_error_is_numpys_variance_bit_for_bit():
    # pelt._error skips ndarray.var's Python wrapper; ties between candidate costs are decided on its
    # value, so it must round exactly as ruptures' signal[a:b].var(axis=0).sum() * (b - a) does
    from flashpoint.analytics.pelt import _error

    rng = np.random.default_rng(9)
    checked = 0
    for k in range(400):
        n = int(rng.integers(2, 3000))
        x = (rng.integers(0, 11, n) * (rng.random(n) < 0.3)).astype(float) if k % 2 else rng.normal(size=n) * 10.0
        for _ in range(5):
            a = int(rng.integers(0, n - 1))
            b = int(rng.integers(a + 1, n + 1))
            assert _error(x, a, b) == x.reshape(-1, 1)[a:b].var(axis=0).sum() * (b - a)
            checked += 1
    assert checked == 2000
