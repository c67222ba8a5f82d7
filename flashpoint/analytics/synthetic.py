"""Synthetic dyad histories from a simple, documented self-exciting process.

For tests, the demo and a stand-in training set when the store holds too little
history. Nothing here is evidence about real crises; it exists so the forecasting
code can be trained and checked end to end on data whose generating process is known.

The process (all numbers are fields of :class:`Process`), for each history of
``days`` days between two actors A and B, each day and each direction X -> Y:

1. X makes a hostile *move* against Y with probability ``min(cap, mu_X + E_X)``,
   where ``mu_X`` is a background rate drawn per history from ``mu_range`` and
   ``E_X`` is excitation: every move of rung r by Y against X adds
   ``alpha * r / 5`` to ``E_X`` and every move of X's own adds ``self_alpha * r / 5``;
   ``E_X`` decays by ``exp(-1 / tau)`` a day.
2. The rung of a move is the rung of Y's latest move against X, if it came in the
   last ``memory`` days, plus a step drawn from ``steps`` (tit-for-tat with a slight
   downward drift), kept within 1..10; with no recent move by Y it is drawn from
   ``base_rungs`` (rungs 1, 2, ...).
3. Independently, X makes a cooperative move (rung 0) with probability ``coop``.
4. The first ``burn_in`` days are simulated and dropped, so a history starts mid-stream
   rather than from a calm that real dyads never begin with.

Each move becomes one event row in the shape of the store's events table, with a
representative CAMEO code per rung (:data:`RUNG_CAMEO`) and that code's quad class
and Goldstein value from ``resources/cameo.tsv``.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from ..codebook import codebook

RUNG_CAMEO = {0: "040", 1: "111", 2: "130", 3: "138", 4: "163", 5: "154", 6: "171", 7: "190", 8: "195",
              9: "202", 10: "204"}


@dataclass(frozen=True)
class Process:
    """Parameters of the synthetic process (see the module docstring)."""

    days: int = 365
    burn_in: int = 60
    mu_range: tuple[float, float] = (0.005, 0.04)
    alpha: float = 0.3
    self_alpha: float = 0.05
    tau: float = 3.0
    cap: float = 0.9
    memory: int = 10
    steps: tuple[tuple[int, float], ...] = ((-2, 0.05), (-1, 0.3), (0, 0.35), (1, 0.25), (2, 0.05))
    base_rungs: tuple[float, ...] = (0.35, 0.25, 0.15, 0.1, 0.06, 0.05, 0.03, 0.01)
    coop: float = 0.05
    start: dt.date = dt.date(2000, 1, 3)


@lru_cache(maxsize=1)
def _cameo_facts() -> dict[str, tuple[int, float]]:
    return {c.code: (c.quad_class, c.goldstein) for c in codebook().values()}


def _simulate(n: int, p: Process, rng: np.random.Generator) -> np.ndarray:
    """Hostile rungs, shape (n, 2, days): 0 = no hostile move that day."""
    mu = rng.uniform(*p.mu_range, size=(n, 2))
    excite = np.zeros((n, 2))
    decay = math.exp(-1.0 / p.tau)
    out = np.zeros((n, 2, p.burn_in + p.days), dtype=np.int8)
    step_values = np.array([s for s, _ in p.steps])
    step_probs = np.array([w for _, w in p.steps])
    base = np.array(p.base_rungs) / sum(p.base_rungs)
    last_rung = np.zeros((n, 2), dtype=np.int8)        # each side's latest hostile rung ...
    last_day = np.full((n, 2), -10**6)                 # ... and its day
    for day in range(p.burn_in + p.days):
        move = rng.random((n, 2)) < np.minimum(p.cap, mu + excite)
        recent = np.where(day - last_day[:, ::-1] <= p.memory, last_rung[:, ::-1], 0)
        answer = np.clip(recent + rng.choice(step_values, size=(n, 2), p=step_probs), 1, 10)
        fresh = rng.choice(np.arange(1, len(base) + 1), size=(n, 2), p=base)
        rung = np.where(recent > 0, answer, fresh) * move
        out[:, :, day] = rung
        last_rung = np.where(rung > 0, rung, last_rung)
        last_day = np.where(rung > 0, day, last_day)
        excite = excite * decay + (p.alpha * rung[:, ::-1] + p.self_alpha * rung) / 5.0
    return out[:, :, p.burn_in:]


def _rows(rungs: np.ndarray, coop: np.ndarray, p: Process, offset: int) -> pd.DataFrame:
    h, d, day = np.nonzero((rungs > 0) | coop)
    rung = np.where(rungs[h, d, day] > 0, rungs[h, d, day], 0)
    a = np.char.add("A", np.char.zfill((h + offset).astype(str), 4))
    b = np.char.add("B", np.char.zfill((h + offset).astype(str), 4))
    cameo = np.array([RUNG_CAMEO[int(r)] for r in rung], dtype=object)
    facts = _cameo_facts()
    return pd.DataFrame({
        "event_id": [f"syn-{x}-{y}-{z}" for x, y, z in zip(h + offset, d, day)],
        "source_country": np.where(d == 0, a, b), "target_country": np.where(d == 0, b, a),
        "source_sector": None, "target_sector": None, "cameo": cameo,
        "quad_class": [facts[c][0] for c in cameo], "goldstein": [facts[c][1] for c in cameo],
        "date": pd.Timestamp(p.start) + pd.to_timedelta(day, unit="D"), "date_precision": "day",
        "mention_count": 1, "source_count": 1, "happened": True, "modality": "asserted",
        "place_country": None})


def synthetic_events(histories: int = 200, *, process: Process | None = None, seed: int = 0,
                     offset: int = 0) -> pd.DataFrame:
    """Events of ``histories`` independent synthetic dyads (A0000/B0000, A0001/B0001, ...)."""
    p = process or Process()
    rng = np.random.default_rng(seed)
    rungs = _simulate(histories, p, rng)
    coop = rng.random(rungs.shape) < p.coop
    frame = _rows(rungs, coop, p, offset)
    return frame.sort_values(["date", "event_id"], ignore_index=True)
