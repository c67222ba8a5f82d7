"""Retrospective mentions: acts known only to have happened *before* a report.

The dates stage gives an event with no date expression the report's publication day
as an upper bound (``date_relation`` 'before', ``date_precision`` 'unknown'). The
store's merge already folds such a mention into a dated event of the same dyad and
type dated up to ``lookback_days`` (1) before publication; the merged event then
carries the dated mention's day. What remains with precision 'unknown' is an event
that *no* dated report matched.

For a **material** act (quad class 2 or 4: an attack, a strike, aid, a withdrawal) the
bound is not a day: "the attack followed the Iranian missile strikes" recalls strikes
of days before. Such events stay out of the daily series (:func:`.dyads.usable`); each
is listed by :func:`undated_events` with the dated event it most likely refers to,
the latest happened, day-dated event of the same direction and CAMEO root (PLOVER type
without CAMEO) within ``lookback`` days before the bound, if one exists.

A **verbal** act (quad class 1 or 3: a statement, an accusation, a threat) with no
date keeps its publication day: a report of what someone said is, almost always, that
day's news. This is a judgement: a fresh report of an attack with no date expression
is held out too (it is listed, not lost), and an old statement recalled without a date
still counts on the report's day.
"""
from __future__ import annotations

import pandas as pd

from .dyads import bounded, directed

LOOKBACK_DAYS = 30
COLUMNS = ("event_id", "bound", "source", "target", "cameo", "quad_class", "evidence_text", "refers_to",
           "refers_to_date")


def _family(events: pd.DataFrame) -> pd.Series:
    cameo = events["cameo"].astype("object") if "cameo" in events.columns else pd.Series(None, index=events.index)
    plover = events["plover_type"] if "plover_type" in events.columns else pd.Series(None, index=events.index)
    return cameo.where(cameo.notna(), None).str[:2].where(cameo.notna(), plover)


def undated_events(events: pd.DataFrame, source: str, target: str, *, start: object = None, end: object = None,
                   lookback: int = LOOKBACK_DAYS) -> pd.DataFrame:
    """The dyad's bounded material events (both directions) with the event each refers to, if any.

    ``start``/``end`` bound the publication bound (the ``date`` column). Columns :data:`COLUMNS`.
    """
    rows = []
    for a, b in ((source, target), (target, source)):
        ev = directed(events, a, b)
        if "happened" in ev.columns:
            ev = ev[ev["happened"].fillna(False).astype(bool)]
        if ev.empty:
            continue
        ev = ev.assign(date=pd.to_datetime(ev["date"]).dt.normalize(), family=_family(ev))
        mask = bounded(ev)
        dated = ev[~mask & ev["date_precision"].isin(["day"])] if "date_precision" in ev else ev[~mask]
        for row in ev[mask].itertuples(index=False):
            if (start is not None and row.date < pd.Timestamp(start)) or (end is not None and row.date > pd.Timestamp(end)):
                continue
            cand = dated[(dated["family"] == row.family) & (dated["date"] <= row.date)
                         & (dated["date"] >= row.date - pd.Timedelta(days=lookback))]
            ref = cand.sort_values("date").iloc[-1] if len(cand) else None
            rows.append({"event_id": getattr(row, "event_id", None), "bound": row.date, "source": a, "target": b,
                         "cameo": getattr(row, "cameo", None), "quad_class": row.quad_class,
                         "evidence_text": getattr(row, "evidence_text", None),
                         "refers_to": None if ref is None else ref.get("event_id"),
                         "refers_to_date": None if ref is None else ref["date"]})
    return pd.DataFrame(rows, columns=list(COLUMNS)).sort_values("bound", kind="stable").reset_index(drop=True)
