"""Day-by-day histories of unordered pairs, their forecast features and outcomes.

A :class:`PairDays` holds, for every unordered pair of actors ``A|B`` (``A < B``), a
dense array with one row per day from ``day0`` (the store's first day) to ``last``:
event counts by quad class in each direction and the Goldstein sums. It is built from
:meth:`flashpoint.store.Store.daily_counts`. Everything computed for day ``i`` reads
rows ``0 .. i`` only, so a forecast made on day ``i`` sees no later event.

The *target* is a quad class (default 4, material conflict). The *outcome* of origin
``i`` with horizon ``h`` is 1 when no target-class event occurs between the two, in
either direction, on days ``i+1 .. i+h``; it is known once day ``i+h`` is in the history.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .dyads import AnalysisError

CHANNELS = 10                 # quad 1-4 A->B, quad 1-4 B->A, Goldstein A->B, Goldstein B->A
MAX_GAP = 365                 # days since the last target event, capped
WINDOWS = (1, 7, 30, 90)
HALF_LIVES = (3, 10, 30, 90)  # days, of the exponentially weighted target-day rates
VERBAL_HALF_LIVES = (10, 30)  # days, of the exponentially weighted rates of verbal-conflict (quad 3) days
FEATURES = (*(f"q{q}_{w}d" for w in WINDOWS for q in (1, 2, 3, 4)),
            "target_ab_7d", "target_ba_7d", "target_ab_30d", "target_ba_30d",
            "goldstein_7d", "goldstein_30d", "target_days_7d", "target_days_30d", "target_days_90d",
            "since_target", "since_target_ab", "since_target_ba", "target_day_rate", "climatology",
            "persistence", *(f"target_rate_{h}d" for h in HALF_LIVES), *(f"event_rate_{h}d" for h in HALF_LIVES),
            "history_days", "day_of_week", "log_target_day_rate", *(f"q3_rate_{h}d" for h in VERBAL_HALF_LIVES))


class TooLittleHistory(AnalysisError):
    """A store or training window with too little history for the forecaster (no dated events, or
    fewer origins than its fit rule needs, :func:`.forecaster.fit`)."""


SWAP = [4, 5, 6, 7, 0, 1, 2, 3, 9, 8]    # a pair array's channels seen from the other side


def pair_key(a: str, b: str) -> str:
    """The unordered pair's key, ``"A|B"`` with ``A < B``."""
    if not a or not b or a == b:
        raise AnalysisError(f"a dyad is two different actor codes, not {a!r} and {b!r}", where="dyad",
                            fix="give e.g. --dyad ISR PSE")
    return f"{min(a, b)}|{max(a, b)}"


@dataclass(frozen=True)
class PairDays:
    """Daily histories of unordered pairs (see the module docstring)."""

    day0: pd.Timestamp
    last: pd.Timestamp
    arrays: dict[str, np.ndarray]

    @classmethod
    def from_counts(cls, counts: pd.DataFrame, *, day0: object, last: object) -> PairDays:
        """From a :meth:`Store.daily_counts` frame; days from ``day0`` to ``last`` inclusive."""
        lo, hi = pd.Timestamp(day0).normalize(), pd.Timestamp(last).normalize()
        if hi < lo:
            raise AnalysisError(f"history ends ({hi.date()}) before it starts ({lo.date()})", where="dates",
                                fix="check --from/--to against the store's dates")
        c = counts[(counts["source"] != counts["target"]) & counts["quad_class"].notna()]
        c = c[(pd.to_datetime(c["date"]) >= lo) & (pd.to_datetime(c["date"]) <= hi)]
        day = (pd.to_datetime(c["date"]).to_numpy() - lo.to_datetime64()) // np.timedelta64(1, "D")
        quad = c["quad_class"].astype(int).to_numpy()
        n, gold = c["n"].to_numpy(dtype=float), c["goldstein_sum"].to_numpy(dtype=float)
        size = (hi - lo).days + 1
        codes, inverse, forward = _pair_codes(c["source"], c["target"])
        cell = inverse.astype(np.int64) * (size * CHANNELS) + day * CHANNELS   # a row's first cell: pair, day
        counted, summed = cell + np.where(forward, 0, 4) + quad - 1, cell + np.where(forward, 8, 9)
        # every pair's cells summed in row order by one bincount, as one per pair (or np.add.at) summed
        # them: a cell adds its rows in the order they come, from 0.0; the counted and the summed cells
        # are apart, so neither part of the weights changes a sum of the other
        flat = np.bincount(np.concatenate([counted, summed]), weights=np.concatenate([n, gold]),
                           minlength=len(codes) * size * CHANNELS)
        cube = flat.reshape(len(codes), size, CHANNELS)
        arrays = {str(key): cube[k] for k, key in enumerate(codes)}
        return cls(lo, hi, arrays)

    @property
    def size(self) -> int:
        return (self.last - self.day0).days + 1

    def index_of(self, day: object) -> int:
        return (pd.Timestamp(day).normalize() - self.day0).days

    def day_of(self, index: int) -> pd.Timestamp:
        return self.day0 + pd.Timedelta(days=int(index))

    def array(self, a: str, b: str) -> np.ndarray:
        """The pair's array, oriented so that channels 0-3 are ``a -> b`` (zeros for a pair never seen)."""
        key = pair_key(a, b)
        arr = self.arrays.get(key, np.zeros((self.size, CHANNELS)))
        return arr if a < b else arr[:, SWAP]


def _pair_codes(src: Any, tgt: Any) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The sorted pair keys, each row's index into them, and whether the row runs from the first
    code to the second: ``np.unique`` of the ``"A|B"`` strings, from integer codes of the actors (sorting
    millions of key strings took seconds)."""
    both = pd.concat([pd.Series(src, copy=False).astype(str), pd.Series(tgt, copy=False).astype(str)],
                     ignore_index=True)                     # factorized as the column's own strings, not objects
    actors, names = pd.factorize(both, sort=True)
    s, t = actors[: len(src)], actors[len(src):]
    forward = s < t                                        # the actors' codes sort as their names do
    pair = np.minimum(s, t).astype(np.int64) * len(names) + np.maximum(s, t)
    rows, pairs = pd.factorize(pair)
    keys = np.array([f"{names[p // len(names)]}|{names[p % len(names)]}" for p in pairs], dtype=object)
    order = np.argsort(keys, kind="stable")                 # the keys sorted once: their order and ranks
    rank = np.empty(len(keys), dtype=np.int64)
    rank[order] = np.arange(len(keys))
    return keys[order].tolist(), rank[rows], forward


def window_sum(a: np.ndarray, w: int) -> np.ndarray:
    """Sum of the last ``w`` values up to each day (days before the history count as 0)."""
    c = np.concatenate([np.zeros((1, *a.shape[1:])), np.cumsum(a, axis=0)])
    idx = np.arange(1, len(a) + 1)
    return c[idx] - c[np.maximum(idx - w, 0)]


def days_since(hit: np.ndarray) -> np.ndarray:
    """Days since the last day with ``hit`` up to each day (0 on such a day; MAX_GAP when none or older)."""
    n = np.arange(len(hit))
    last = np.maximum.accumulate(np.where(hit, n, -1)) if len(hit) else n
    return np.where(last >= 0, n - last, MAX_GAP).clip(max=MAX_GAP).astype(float)


def ewm_rate(x: np.ndarray, half_life: float) -> np.ndarray:
    """Exponentially weighted mean of ``x`` up to each day (weights halve every ``half_life`` days)."""
    return ewm_rates(np.asarray(x, dtype=float)[:, None], [half_life])[:, 0]


def ewm_rates(x: np.ndarray, half_lives: list[float]) -> np.ndarray:
    """:func:`ewm_rate` of each column of ``x`` (days x series) with its own half-life, at once."""
    d = 0.5 ** (1.0 / np.asarray(half_lives, dtype=float))
    both = decayed_sum(np.hstack([x, np.ones_like(x)]), np.concatenate([d, d]))
    return both[:, : x.shape[1]] / both[:, x.shape[1]:]


BLOCK = 64   # days per block of decayed_sum


def decayed_sum(x: np.ndarray, d: np.ndarray) -> np.ndarray:
    """``y[n] = x[n] + d * y[n-1]`` (``y[-1] = 0``, ``0 < d < 1``) for each column of ``x`` (days x series)
    with its own ``d``, in NumPy, without scipy.signal.

    Days are cut into blocks of BLOCK: the recurrence runs within every block at once (a step per day
    of a block, over all blocks and series), then each block adds what the blocks before it carry in (a
    step per block). Every operation is on single elements, so a day's value never depends on how many
    days follow it (a forecast reads nothing later, to the bit), and it is scipy's ``lfilter([1], [1,
    -d], x)`` to rounding (a test compares them); importing scipy.signal took about half a second of
    every escalation report's forecast."""
    n, k = x.shape
    m = -(-n // BLOCK)
    local = np.zeros((m * BLOCK, k))
    local[:n] = x
    local = local.reshape(m, BLOCK, k)
    for i in range(1, BLOCK):
        local[:, i] += d * local[:, i - 1]
    carry, step = np.zeros((m, k)), d ** BLOCK
    for j in range(1, m):                                 # y on the last day of block j-1
        carry[j] = local[j - 1, -1] + step * carry[j - 1]
    powers = d[None, :] ** np.arange(1.0, BLOCK + 1)[:, None]
    return (local + carry[:, None, :] * powers[None, :, :]).reshape(-1, k)[:n]


def outcomes(arr: np.ndarray, *, horizon: int, target: int = 4) -> np.ndarray:
    """Outcome of each origin (1: no target event on the next ``horizon`` days; NaN: not yet known)."""
    hits = arr[:, target - 1] + arr[:, target + 3]
    ahead = window_sum(hits, horizon)            # ahead[j]: days j-h+1 .. j
    y = np.full(len(hits), np.nan)
    if len(hits) > horizon:
        y[:-horizon] = (ahead[horizon:] == 0).astype(float)
    return y


def climatology(y: np.ndarray, *, horizon: int) -> np.ndarray:
    """Laplace-smoothed frequency of the outcome over origins whose window has closed by each day."""
    known = np.nan_to_num(y, nan=0.0)
    ones = np.concatenate([np.zeros(horizon), np.cumsum(known)])[: len(y)]
    n = np.maximum(np.arange(len(y)) - horizon + 1, 0)
    return (ones + 1.0) / (n + 2.0)


def logit(p: np.ndarray) -> np.ndarray:
    return np.log(p / (1.0 - p))


def persistence(quiet: np.ndarray, y: np.ndarray, *, horizon: int) -> np.ndarray:
    """Laplace-smoothed outcome frequency among closed origins in the same quiet/active state."""
    known = np.nan_to_num(y, nan=0.0)
    out = np.empty(len(y))
    for state in (True, False):
        same = (quiet == state).astype(float)
        ones = np.concatenate([np.zeros(horizon), np.cumsum(known * same)])[: len(y)]
        n = np.concatenate([np.zeros(horizon), np.cumsum(same)])[: len(y)]
        out = np.where(quiet == state, (ones + 1.0) / (n + 2.0), out)
    return out


def features(arr: np.ndarray, *, day0: pd.Timestamp, horizon: int, target: int = 4) -> pd.DataFrame:
    """The :data:`FEATURES` of every day of one pair's array (day ``i`` reads rows ``0 .. i`` only)."""
    cols = _columns(arr, FEATURES, day0=day0, horizon=horizon, target=target)
    return pd.DataFrame({f: cols[f] for f in FEATURES})


def feature_matrix(arr: np.ndarray, names: tuple[str, ...], *, day0: pd.Timestamp, horizon: int,
                   target: int = 4) -> np.ndarray:
    """The features ``names`` (days x names) of one pair's array: :func:`features`' values of those columns
    to the bit (the same operations on the same values), computing only what they need and no frame
    (the forecaster's fit reads 8 of the 41 columns of every training pair)."""
    cols = _columns(arr, names, day0=day0, horizon=horizon, target=target)
    return np.column_stack([cols[f] for f in names])


def _columns(arr: np.ndarray, names: tuple[str, ...], *, day0: pd.Timestamp, horizon: int,
             target: int) -> dict[str, np.ndarray]:
    """The :data:`FEATURES` in ``names`` (and what they are computed from) of every day of ``arr``."""
    unknown = set(names) - set(FEATURES)
    if unknown:
        raise AnalysisError(f"no feature named {sorted(unknown)}", where="feature names", fix=f"use {FEATURES}")
    want = set(names)
    quads = arr[:, 0:4] + arr[:, 4:8]
    hits = quads[:, target - 1]
    cols: dict[str, np.ndarray] = {}
    for w in WINDOWS:
        if want & {f"q{q}_{w}d" for q in (1, 2, 3, 4)}:
            sums = np.log1p(window_sum(quads, w))
            cols.update({f"q{q}_{w}d": sums[:, q - 1] for q in (1, 2, 3, 4)})
    for w in (7, 30):
        if want & {f"target_ab_{w}d", f"target_ba_{w}d", f"goldstein_{w}d"}:
            cols[f"target_ab_{w}d"] = np.log1p(window_sum(arr[:, target - 1], w))
            cols[f"target_ba_{w}d"] = np.log1p(window_sum(arr[:, target + 3], w))
            cols[f"goldstein_{w}d"] = np.arcsinh(window_sum(arr[:, 8] + arr[:, 9], w))
    for w in (7, 30, 90):
        if f"target_days_{w}d" in want:
            cols[f"target_days_{w}d"] = window_sum((hits > 0).astype(float), w) / w
    for name, channel in (("since_target", hits), ("since_target_ab", arr[:, target - 1]),
                          ("since_target_ba", arr[:, target + 3])):
        if name in want:
            cols[name] = np.log1p(days_since(channel > 0))
    n = np.arange(1, len(arr) + 1)
    cols["target_day_rate"] = np.cumsum(hits > 0) / n
    if want & {"climatology", "persistence"}:
        y = outcomes(arr, horizon=horizon, target=target)
        if "climatology" in want:
            cols["climatology"] = logit(climatology(y, horizon=horizon))
        if "persistence" in want:
            cols["persistence"] = logit(persistence(window_sum(hits, 7) == 0, y, horizon=horizon))
    rated = [c for c, name in enumerate(RATES) if name in want]
    if rated:           # q3: threats, accusations, demands
        rates = _rates(hits > 0, quads.sum(axis=1) > 0, quads[:, 2] > 0, rated)
        cols.update({RATES[c]: np.log(rates[:, k] + 0.01) for k, c in enumerate(rated)})
    cols["history_days"] = np.log1p(n)
    cols["day_of_week"] = ((day0.day_of_week + n - 1) % 7).astype(float)
    cols["log_target_day_rate"] = np.log(cols["target_day_rate"] + 0.01)
    return cols


RATES = (*(f"target_rate_{h}d" for h in HALF_LIVES), *(f"event_rate_{h}d" for h in HALF_LIVES),
         *(f"q3_rate_{h}d" for h in VERBAL_HALF_LIVES))


def _rates(target_days: np.ndarray, event_days: np.ndarray, q3_days: np.ndarray,
           which: list[int]) -> np.ndarray:
    """The exponentially weighted rates of target days, days with any event and verbal-conflict days,
    by :data:`HALF_LIVES` (the last by :data:`VERBAL_HALF_LIVES`): the columns ``which`` of :data:`RATES`,
    in that order (each column's recurrence runs on its own, so leaving others out changes no value)."""
    series = [target_days] * len(HALF_LIVES) + [event_days] * len(HALF_LIVES) + [q3_days] * len(VERBAL_HALF_LIVES)
    lives = [*HALF_LIVES, *HALF_LIVES, *VERBAL_HALF_LIVES]
    return ewm_rates(np.column_stack([series[c] for c in which]).astype(float), [lives[c] for c in which])


def stored_history(store: Any, *, end: object = None, last: object = None,
                   beside: object = None) -> tuple[PairDays, pd.DataFrame]:
    """The pair histories and daily counts of a store (a :class:`flashpoint.store.Store`) up to ``end``
    (default: every day it holds), as ``flashpoint backtest`` and the escalation report's forecast read
    them: days from the store's first day to the later of ``last`` and the last counted day. With
    ``beside`` (the store's file) the counts come from the copy saved beside it for the store's present
    state (:mod:`.saved_counts`), saved there first when there is none."""
    if beside is None:
        counts = store.daily_counts(end=end)
    else:
        from .saved_counts import daily_counts

        counts, _ = daily_counts(store, beside, end=end)
    first = store.first_day()
    if first is None or counts.empty:
        raise TooLittleHistory("the store holds no dated events" + ("" if end is None else f" up to {end}"),
                            where=str(getattr(store, "path", "store")), fix="import or ingest events first")
    data_last = pd.Timestamp(counts["date"].max())
    until = data_last if last is None else max(pd.Timestamp(last).normalize(), data_last)
    return PairDays.from_counts(counts, day0=pd.Timestamp(first), last=until), counts


def pair_history(store: Any, a: str, b: str, *, first: object, end: object) -> PairDays:
    """The history of the one pair a/b in a store, days ``first`` (the store's first day) to ``end``:
    the pair's rows of :func:`stored_history`'s read, so its array is the one that read gives it
    (a forecast by a saved model needs no other pair)."""
    day = pd.Timestamp(end).normalize()
    counts = store.daily_counts(end=day.date(), pair=(a, b))
    return PairDays.from_counts(counts, day0=pd.Timestamp(first), last=day)
