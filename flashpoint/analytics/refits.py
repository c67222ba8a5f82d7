"""When the forecaster is refitted: one fit per refit window answers the origins of that window.

A forecaster fitted on a store's history up to its *refit day* ``t0`` (training origins whose
window had closed by ``t0``) answers every origin ``t`` in ``[t0, t0 + every)``: it has read nothing
after ``t0 <= t``, and the features at ``t`` come from the dyad's own rows up to ``t``, so a forecast
at ``t`` still depends on events dated up to ``t`` only. Refit days are counted from the training
window's first day (the store's first day).

The escalation report's model is fitted up to the report's day (a period of one day);
``flashpoint backtest --refit-every N`` scores any period, and with 1 gives the report's ``p`` at
every origin. A 28-day period (a fit once per window, reused by every report day
in it) was measured on the ICEWS 2014 store and rejected: worse on the tune and the check half
(docs/analytics.md, section 8).
"""
from __future__ import annotations

import pandas as pd

from .dyads import AnalysisError


def refit_day(train_start: object, day: object, *, every: int) -> pd.Timestamp:
    """The refit day whose model answers origin ``day``: the latest ``train_start + k * every`` (k >= 0)
    on or before ``day``. Raises :class:`AnalysisError` for a day before ``train_start``."""
    start, t = pd.Timestamp(train_start).normalize(), pd.Timestamp(day).normalize()
    if every < 1:
        raise AnalysisError(f"the refit period must be at least one day, not {every}", where="refit period",
                            fix="give a number of days, e.g. --refit-every 1 (the escalation report's)")
    if t < start:
        raise AnalysisError(f"the day {t.date()} is before the training window's start {start.date()}",
                            where="--from/--to", fix="choose days on or after the store's first day")
    return start + pd.Timedelta(days=((t - start).days // every) * every)


def refit_windows(train_start: object, start: object, end: object, *,
                  every: int) -> list[tuple[pd.Timestamp, pd.Timestamp, pd.Timestamp]]:
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
