"""PELT with a least-squares cost on cumulative sums: the segmentation ``ruptures.Pelt(model="l2",
jump=1)`` gives, without its per-candidate variance.

ruptures' L2 cost computes ``signal[start:end].var() * (end - start)`` for every candidate start,
a NumPy call each, hundreds of thousands of them for a few years of days (seconds per series).
Here a segment's cost is ``S2 - S1 ** 2 / m`` from the running sums ``S1`` and ``S2`` of the values
and their squares, for all admissible starts at once. The recursion, the choice among equal costs
(the earliest start) and the pruning rule are ruptures' own; ``tests/analytics/test_pelt.py``
checks the change points against ruptures.
"""
from __future__ import annotations

import numpy as np


TIE = 1e-9        # relative gap under which two candidate costs are compared with ruptures' own formula


def pelt_l2(values: np.ndarray, pen: float, *, min_size: int) -> list[int]:
    """The ends of the segments (the last is ``len(values)``) minimising the within-segment squared
    error plus ``pen`` per segment, each segment at least ``min_size`` long."""
    signal = np.asarray(values, dtype=float).reshape(-1, 1)
    x = signal[:, 0]
    n = len(x)
    s1 = np.concatenate([[0.0], np.cumsum(x)])
    s2 = np.concatenate([[0.0], np.cumsum(x * x)])

    def exact(t: np.ndarray, end: int) -> np.ndarray:   # ruptures' CostL2.error, bit for bit
        return np.array([signal[a:end].var(axis=0).sum() * (end - a) for a in t])

    total = np.full(n + 1, np.nan)        # total[t]: the best cost of values[:t] (with a penalty per segment)
    total[0] = 0.0
    start = np.zeros(n + 1, dtype=np.intp)
    admissible = np.zeros(0, dtype=np.intp)
    for end in [*range(min_size, n), n] if min_size < n else [n]:
        new = end - min_size
        if new == 0 or new >= min_size:   # starts with no segmentation of values[:t] are skipped
            admissible = np.append(admissible, new)
        gap = s1[end] - s1[admissible]
        cost = np.maximum((s2[end] - s2[admissible]) - gap * gap / (end - admissible), 0.0)
        candidates = total[admissible] + (cost + pen)
        close = np.abs(candidates - candidates.min()) <= TIE * (np.abs(candidates.min()) + pen)
        close |= np.abs(candidates - (candidates.min() + pen)) <= TIE * (np.abs(candidates.min()) + pen)
        candidates[close] = total[admissible[close]] + (exact(admissible[close], end) + pen)
        best = int(np.argmin(candidates))
        total[end], start[end] = candidates[best], admissible[best]
        admissible = admissible[candidates <= candidates[best] + pen]
    ends = [n]
    while start[ends[-1]] > 0:
        ends.append(int(start[ends[-1]]))
    return ends[::-1]
