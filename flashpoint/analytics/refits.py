"""When the forecaster is refitted: one fit per training window answers the origins of that window.

A forecaster fitted on a store's history up to its *refit day* ``t0`` (training origins whose
window had closed by ``t0``) answers every origin ``t`` in ``[t0, t0 + every)``: it has read nothing
after ``t0 <= t``, and the features at ``t`` come from the dyad's own rows up to ``t``, so a forecast
at ``t`` still depends on events dated up to ``t`` only. Refit days are counted from the training
window's first day (the store's first day), every :data:`REFIT_DAYS` days, so the escalation report
on a new day loads the model of its window instead of fitting one of its own, and ``flashpoint
backtest`` (by default) answers each origin with the same model, so the two give the same ``p``.
"""
from __future__ import annotations

import pandas as pd

from .dyads import AnalysisError

REFIT_DAYS = 28      # days a fitted forecaster answers before the next refit


def refit_day(train_start: object, day: object, *, every: int = REFIT_DAYS) -> pd.Timestamp:
    """The refit day whose model answers origin ``day``: the latest ``train_start + k * every`` (k >= 0)
    on or before ``day``. Raises :class:`AnalysisError` for a day before ``train_start``."""
    start, t = pd.Timestamp(train_start).normalize(), pd.Timestamp(day).normalize()
    if every < 1:
        raise AnalysisError(f"the refit period must be at least one day, not {every}", where="refit period",
                            fix=f"use {REFIT_DAYS} days (REFIT_DAYS)")
    if t < start:
        raise AnalysisError(f"the day {t.date()} is before the training window's start {start.date()}",
                            where="--from/--to", fix="choose days on or after the store's first day")
    return start + pd.Timedelta(days=((t - start).days // every) * every)


def refit_windows(train_start: object, start: object, end: object, *,
                  every: int = REFIT_DAYS) -> list[tuple[pd.Timestamp, pd.Timestamp, pd.Timestamp]]:
    """The origins ``start .. end`` grouped by the model that answers them: (refit day, first origin,
    last origin) per refit window, in order."""
    lo, hi = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
    out = []
    while lo <= hi:
        t0 = refit_day(train_start, lo, every=every)
        last = min(t0 + pd.Timedelta(days=every - 1), hi)
        out.append((t0, lo, last))
        lo = last + pd.Timedelta(days=1)
    return out
