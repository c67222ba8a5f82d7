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


def _error(x: np.ndarray, start: int, end: int) -> float:
    """ruptures' ``CostL2.error(start, end)``, ``signal[start:end].var(axis=0).sum() * (end - start)``,
    bit for bit: NumPy's ``var`` steps (the mean by pairwise sum, the squared deviations, their
    pairwise sum over the count) without its Python wrapper (a test compares them)."""
    seg = x[start:end]
    m = end - start
    d = seg - np.add.reduce(seg) / m
    np.multiply(d, d, out=d)
    return float((np.add.reduce(d) / m) * m)


def _run_starts(x: np.ndarray) -> np.ndarray:
    """For each index, the first index of the run of equal values it lies in. A segment inside one
    run has no spread: ruptures' error for it is 0 or a rounding residue of the mean (about
    ``m * ulp(x) ** 2``) that vanishes beside the penalty, so it is taken as 0 without recomputing
    it (over a long quiet stretch every start ties, and recomputing each made the search cubic)."""
    change = np.flatnonzero(np.diff(x) != 0) + 1
    runs = np.zeros(len(x), dtype=np.intp)
    runs[change] = change
    return np.maximum.accumulate(runs)


def pelt_l2(values: np.ndarray, pen: float, *, min_size: int) -> list[int]:
    """The ends of the segments (the last is ``len(values)``) minimising the within-segment squared
    error plus ``pen`` per segment, each segment at least ``min_size`` long."""
    x = np.ascontiguousarray(values, dtype=float).reshape(-1)
    n = len(x)
    s1 = np.concatenate([[0.0], np.cumsum(x)])
    s2 = np.concatenate([[0.0], np.cumsum(x * x)])
    total = np.full(n + 1, np.nan)        # total[t]: the best cost of values[:t] (with a penalty per segment)
    total[0] = 0.0
    start = np.zeros(n + 1, dtype=np.intp)
    runs = _run_starts(x)                 # runs[i]: where the run of values equal to x[i] begins
    # the admissible starts and, aligned with them, their totals and running sums (the first k slots)
    buf = np.zeros((4, n + 1))
    k = 0
    for end in [*range(min_size, n), n] if min_size < n else [n]:
        new = end - min_size
        if new == 0 or new >= min_size:   # starts with no segmentation of values[:t] are skipped
            buf[:, k] = (new, total[new], s1[new], s2[new])
            k += 1
        admissible, t_adm, s1_adm, s2_adm = buf[:, :k]
        gap = s1[end] - s1_adm
        cost = (s2[end] - s2_adm) - gap * gap / (end - admissible)
        np.maximum(cost, 0.0, out=cost)
        cost += pen
        candidates = t_adm + cost
        low = candidates.min()
        tol = TIE * (abs(low) + pen)
        tied = np.flatnonzero((candidates - low <= tol) | (np.abs(candidates - (low + pen)) <= tol))
        flat = admissible[tied] >= runs[end - 1]  # one value throughout: no spread
        candidates[tied[flat]] = t_adm[tied[flat]] + pen
        for j in tied[~flat]:
            candidates[j] = t_adm[j] + (_error(x, int(admissible[j]), end) + pen)
        best = int(np.argmin(candidates))
        total[end], start[end] = candidates[best], int(admissible[best])
        keep = np.flatnonzero(candidates <= candidates[best] + pen)
        if len(keep) < k:
            buf[:, :len(keep)] = buf[:, keep]
            k = len(keep)
    ends = [n]
    while start[ends[-1]] > 0:
        ends.append(int(start[ends[-1]]))
    return ends[::-1]
