"""The escalation report's forecast from the backtested forecaster: P(no material conflict ahead).

At the report's day ``as_of``, the pooled forecaster of :mod:`.forecaster` (fitted on the
store's own history up to ``as_of``, the fit ``flashpoint backtest --train-end as_of`` or
``--refit-every 1`` makes and saves) gives the probability that **no event of the target quad class (4, material
conflict) occurs between A and B, in either direction, on days as_of+1 .. as_of+horizon**,
with the three baselines' values at that origin beside it (:mod:`.baselines`) and the dyad's
saved backtest scores (:mod:`.saved_backtests`), its scorecard, when one was saved.

:func:`dyad_no_conflict` is pure (a one-origin :func:`.backtest.backtest_dyad`, so its
probability is by construction the backtest's ``p`` at that origin with the same options);
:func:`stored_no_conflict` reads the store, loads or fits the model and times each step: with a
model saved beside the store for its present state (the store's change marker,
:meth:`flashpoint.store.Store.events_version`), it reads only the dyad's own daily counts.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from .backtest import backtest_dyad
from .baselines import NAMES
from .forecaster import VERSION, Forecaster, load_or_fit, saved_current
from .pairdays import PairDays, pair_history, stored_history

HORIZON = 7        # days ahead, as 'flashpoint backtest' scores by default
TARGET = 4         # material conflict


@dataclass(frozen=True)
class NoConflictForecast:
    """The backtested forecaster's probability for one dyad and day, with its baselines and scorecard."""

    dyad: tuple[str, str]
    as_of: pd.Timestamp
    horizon: int
    target: int
    probability: float
    baselines: dict[str, float]
    forecaster: dict[str, Any]                      # what the model was fitted on
    backtest: dict[str, Any] | None = None          # the dyad's saved backtest scores (no per-origin rows)
    timings: dict[str, float] = field(default_factory=dict)   # seconds: history, model (fit or load), predict
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"model": "no-conflict forecaster", "dyad": list(self.dyad), "as_of": self.as_of.date().isoformat(),
                "horizon_days": self.horizon, "target_quad_class": self.target, "probability": self.probability,
                "question": self.question, "baselines": dict(self.baselines), "forecaster": dict(self.forecaster),
                "backtest": self.backtest, "timings_seconds": dict(self.timings), "notes": list(self.notes)}

    @property
    def question(self) -> str:
        what = "material-conflict" if self.target == 4 else f"quad-class-{self.target}"
        return (f"P(no {what} event between {self.dyad[0]} and {self.dyad[1]}, either direction, "
                f"in the {self.horizon} days after {self.as_of.date()})")


def dyad_no_conflict(days: PairDays, model: Forecaster, a: str, b: str, *, as_of: object,
                     backtest: dict[str, Any] | None = None) -> NoConflictForecast:
    """The forecast at the one origin ``as_of`` (a day of ``days``), as ``backtest_dyad`` gives it there."""
    day = pd.Timestamp(as_of).normalize()
    one = backtest_dyad(days, model, a, b, start=day, end=day, known_until=day)
    row = one.forecasts.iloc[0]
    fitted = {**one.forecaster, "version": VERSION, "pairs_rule": f"pairs with at least "
              f"{model.params.get('min_target_days')} days of quad-class-{model.target} events in the window"}
    return NoConflictForecast((a, b), day, model.horizon, model.target, float(row["p"]),
                              {n: float(row[n]) for n in NAMES}, fitted, backtest)


def scorecard(record: dict[str, Any] | None) -> dict[str, Any] | None:
    """A saved backtest record (``DyadBacktest.to_dict()``) without its per-origin rows."""
    if record is None:
        return None
    keep = ("dyad", "horizon", "target_quad_class", "from", "to", "origins", "scored", "outcome_rate",
            "forecaster", "model", "baselines")
    return {k: record.get(k) for k in keep}


def stored_no_conflict(store: Any, a: str, b: str, *, as_of: object, horizon: int = HORIZON,
                       target: int = TARGET, beside: str | Path | None = None,
                       refit: bool = False) -> NoConflictForecast:
    """:func:`dyad_no_conflict` on a store's events up to ``as_of`` (nothing later is read), with the
    forecaster fitted on the store's first day to the refit day of ``as_of`` (loaded when saved beside the store file
    ``beside``; fitted and saved there otherwise; fitted and not saved when ``beside`` is None).

    Raises :class:`.pairdays.TooLittleHistory` when the store's history up to ``as_of`` is too
    short for the forecaster's fit rule."""
    from ..errors import StoreError
    from .saved_backtests import saved_backtest

    day = pd.Timestamp(as_of).normalize()
    days, model, note, timings = _history_and_model(store, a, b, day=day, horizon=horizon, target=target,
                                                    beside=beside, refit=refit)
    t2 = time.perf_counter()
    notes = [note]
    record = None
    if beside is not None:
        try:
            record = saved_backtest(beside, a, b)
        except StoreError as err:
            notes.append(f"the saved backtest could not be read: {err.message}")
    out = dyad_no_conflict(days, model, a, b, as_of=day, backtest=scorecard(record))
    t3 = time.perf_counter()
    timings = {**timings, "predict": round(t3 - t2, 3)}
    if record is None:
        notes.append(f"no backtest of {a}-{b} saved beside the store: 'flashpoint backtest --dyad {a} {b} "
                     "--from D --to D' scores this forecaster against the baselines")
    elif (record.get("horizon"), record.get("target_quad_class")) != (horizon, target):
        notes.append(f"the saved backtest is of horizon {record.get('horizon')} and quad class "
                     f"{record.get('target_quad_class')}, not {horizon} and {target}")
    elif not refits_daily(record):
        notes.append("the saved backtest scored a model fitted before its origins (up to "
                     f"{(record.get('forecaster') or {}).get('train_end')}), while this forecast's model is fitted "
                     "up to its own day: 'flashpoint backtest --refit-every 1' scores this procedure (on the "
                     "2014 ICEWS store it scored a little worse than one earlier fit; docs/analytics.md)")
    return replace(out, timings=timings, notes=notes)


def _history_and_model(store: Any, a: str, b: str, *, day: pd.Timestamp, horizon: int, target: int,
                       beside: str | Path | None, refit: bool) -> tuple[PairDays, Forecaster, str, dict[str, float]]:
    """The pair histories of a store up to ``day`` and the forecaster fitted up to ``day``, a note on the
    model, and the seconds each took. The forecaster saved beside the store for the store's present state (its change marker,
    :meth:`Store.events_version`) answers with the dyad's own history alone; otherwise every pair's daily
    counts are read, and the model is loaded when their fingerprint matches or fitted (and saved)."""
    t0 = time.perf_counter()
    version, first = store.events_version(), store.first_day()
    saved = None if refit or first is None else saved_current(
        beside, store_version=version, horizon=horizon, target=target, train_start=pd.Timestamp(first),
        train_end=day)
    if saved is not None:
        t1 = time.perf_counter()
        days = pair_history(store, a, b, first=first, end=day)
        t2 = time.perf_counter()
        return days, saved[0], saved[1], {"history": round(t2 - t1, 3), "model": round(t1 - t0, 3)}
    days, counts = stored_history(store, end=day.date(), last=day, beside=beside)
    t1 = time.perf_counter()
    model, note = load_or_fit(beside, days, counts, horizon=horizon, target=target, train_start=days.day0,
                              train_end=day, refit=refit, store_version=version)
    return days, model, note, {"history": round(t1 - t0, 3), "model": round(time.perf_counter() - t1, 3)}


def refits_daily(record: dict[str, Any]) -> bool:
    """Did the saved backtest answer each origin with a model fitted up to that origin, as the report
    does ('flashpoint backtest --refit-every 1')?"""
    trained = record.get("forecaster") or {}
    fits = trained.get("fits") or [{**trained, "from": record.get("from"), "to": record.get("to")}]
    return all(f.get("from") == f.get("to") == f.get("train_end") for f in fits)


def beside_of(store: Any) -> str | None:
    """The store's file, where its forecaster and backtests are saved (None for a store with no file)."""
    path = getattr(store, "path", None)
    return str(path) if path and Path(str(path)).is_file() else None

