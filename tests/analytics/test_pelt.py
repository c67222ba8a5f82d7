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


@pytest.mark.parametrize("seed", [2, 3])
def test_long_quiet_stretches_keep_ruptures_change_points(seed):
    """Runs of one value (quiet days, the constant weekly transform of zero) tie every start inside
    them; their error is taken as 0 without recomputing it, and the change points stay ruptures'."""
    rng = np.random.default_rng(seed)
    for _ in range(12):
        parts = [np.full(int(rng.integers(20, 120)), float(rng.choice([0.0, 1.2247448713915889, 3.0])))
                 for _ in range(3)]
        parts.insert(int(rng.integers(0, 4)), rng.integers(0, 9, int(rng.integers(3, 15))).astype(float))
        x = np.concatenate(parts)
        if np.ptp(x) == 0:
            continue
        for min_size in (1, 2, 3):
            pen = default_penalty(x)
            expected = ruptures.Pelt(model="l2", min_size=min_size, jump=1).fit(x.reshape(-1, 1)).predict(pen=pen)
            assert pelt_l2(x, pen, min_size=min_size) == expected, (x.tolist(), min_size)


def test_a_long_quiet_lead_in_is_searched_in_quadratic_not_cubic_steps():
    """Behaviour, not speed: the error of a segment inside one run is never recomputed (it was,
    for every tied start at every step, which made a decade of quiet days take minutes)."""
    import flashpoint.analytics.pelt as pelt

    calls = []
    original = pelt._error
    pelt._error = lambda x, a, b: calls.append((a, b)) or original(x, a, b)
    try:
        x = np.zeros(400)
        x[-6:] = [3.0, 0.0, 5.0, 5.0, 0.0, 6.0]
        ends = pelt.pelt_l2(x, default_penalty(x), min_size=3)
    finally:
        pelt._error = original
    assert ends[-1] == 400 and ends[0] >= 390
    assert all(np.ptp(x[a:b]) > 0 for a, b in calls) and len(calls) < 400
