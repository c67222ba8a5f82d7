"""Read-side queries for front ends (the REST API and dashboard): pages of events, one event
with its reports, counts over time, event places.

:class:`StoreReader` is a :class:`flashpoint.store.Store` over an existing
DuckDB connection (a cursor of a read-only snapshot, see
:mod:`flashpoint.snapshot`); it adds queries the web pages need and writes
nothing. Every value reaches DuckDB as a parameter; column names and orderings
come from this module only.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .store import Store

MAX_PAGE = 500          # events per page at most
MAX_PLACES = 5000       # map points at most
PERIODS = {"day": "day", "week": "week", "month": "month", "year": "year"}
MENTION_FIELDS = ("mention_id", "doc_id", "origin", "origin_id", "sentence_index", "evidence_text",
                  "evidence_start", "evidence_end", "source_text", "source_country", "source_sector",
                  "target_text", "target_country", "target_sector", "trigger", "cameo", "plover_type",
                  "modality", "date", "date_text", "published", "place_name", "place_country", "lat", "lon",
                  "source_name", "url", "confidence")


@dataclass(frozen=True)
class EventFilter:
    """What a list of events is restricted to; every field optional."""

    dyad: tuple[str, str] | None = None
    actor: str | None = None
    cameo: str | None = None          # a CAMEO code prefix: '19' keeps 19x and 19xx
    plover: str | None = None         # a PLOVER event type, e.g. ASSAULT
    quad_class: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    place: str | None = None          # place name, any case
    country: str | None = None        # country of the place
    modality: str | None = None
    origin: str | None = None         # 'flashpoint', 'gdelt', ...
    happened: bool | None = True

    def sql(self) -> tuple[str, list[Any]]:
        """A WHERE clause over the events table, and its parameters."""
        where, params = Store._event_filters(self.dyad, self.start, self.end, self.actor, self.happened)
        for clause, value in (("cameo LIKE ? || '%'", self.cameo), ("plover_type = ?", self.plover),
                              ("quad_class = ?", self.quad_class), ("lower(place) = lower(?)", self.place),
                              ("place_country = ?", self.country), ("modality = ?", self.modality),
                              ("list_contains(string_split(origins, ','), ?)", self.origin)):
            if value is not None:
                where.append(clause)
                params.append(value)
        return " AND ".join(where) or "true", params


@dataclass(frozen=True)
class Page:
    """One page of events and the cursor of the next (None on the last page)."""

    rows: list[dict[str, Any]]
    next_cursor: tuple[str | None, str] | None


class StoreReader(Store):
    """Read-only queries over an open DuckDB connection to a store (never writes)."""

    def __init__(self, con: Any, *, version: str = ""):  # the caller owns the connection
        self.con = con
        self.path = "<snapshot>"
        self.version = version          # names the snapshot: equal versions hold equal rows

    def close(self) -> None:
        self.con.close()

    def event_page(self, where: EventFilter, *, after: tuple[str | None, str] | None = None,
                   limit: int = 100) -> Page:
        """Events matching ``where`` in (date, event id) order, after the cursor ``after``.

        The cursor is the (ISO date or None, event id) of the last row of the
        previous page; events without a date come last.
        """
        limit = max(1, min(int(limit), MAX_PAGE))
        clause, params = where.sql()
        order = "coalesce(date, DATE '9999-12-31')"
        if after is not None:
            clause += f" AND ({order}, event_id) > (?, ?)"
            params += [dt.date.fromisoformat(after[0]) if after[0] else dt.date(9999, 12, 31), after[1]]
        # the page's row ids first, then its rows: sorting only the keys is twice as fast on 1M events
        sql = (f"SELECT * FROM events WHERE rowid IN (SELECT rowid FROM events WHERE {clause} "
               f"ORDER BY {order}, event_id LIMIT {limit + 1}) ORDER BY {order}, event_id")
        rows = records(self.con.sql(sql, params=params).df())
        more = len(rows) > limit
        rows = rows[:limit]
        last = rows[-1] if rows and more else None
        return Page(rows, None if last is None else (last["date"], last["event_id"]))

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One merged event with its mentions (evidence, offsets) and their documents; None if unknown."""
        found = records(self.con.sql("SELECT * FROM events WHERE event_id = ?", params=[event_id]).df())
        if not found:
            return None
        mentions = self.mentions(event_id=event_id)
        docs = self.con.sql("""SELECT * EXCLUDE (text) FROM documents WHERE doc_id IN
                               (SELECT m.doc_id FROM mentions m JOIN event_mentions l USING (mention_id)
                                WHERE l.event_id = ?) ORDER BY doc_id""", params=[event_id]).df()
        cols = [c for c in MENTION_FIELDS if c in mentions.columns]
        return {**found[0], "mentions": records(mentions[cols]), "documents": records(docs)}

    def timeline(self, where: EventFilter, *, period: str = "month") -> list[dict[str, Any]]:
        """Event counts per period and quad class (1 verbal coop, 2 material coop, 3 verbal
        conflict, 4 material conflict; null when unknown)."""
        unit = PERIODS[period]
        clause, params = where.sql()
        sql = f"""SELECT date_trunc('{unit}', date)::DATE AS period, quad_class, count(*)::INTEGER AS events
                  FROM events WHERE date IS NOT NULL AND {clause} GROUP BY ALL ORDER BY period, quad_class"""
        return records(self.con.sql(sql, params=params).df())

    def places(self, where: EventFilter, *, limit: int = MAX_PLACES) -> list[dict[str, Any]]:
        """Located events grouped by place: name, country, coordinates, count, worst quad class."""
        clause, params = where.sql()
        sql = f"""SELECT place, place_country, lat, lon, count(*)::INTEGER AS events,
                         max(quad_class)::INTEGER AS quad_class, min(date) AS first, max(date) AS last
                  FROM events WHERE lat IS NOT NULL AND lon IS NOT NULL AND {clause}
                  GROUP BY ALL ORDER BY events DESC, place LIMIT {max(1, min(int(limit), MAX_PLACES))}"""
        return records(self.con.sql(sql, params=params).df())

    def dyad_events(self, a: str, b: str, *, start: Any = None, end: Any = None,
                    aliases: dict[str, str] | None = None) -> pd.DataFrame:
        """Events between a and b in both directions (with aliases: every event of any side), as
        ``flashpoint escalation`` reads them (it gives no ``start``: earlier events feed the forecast)."""
        if aliases:
            actors = {a, b} | {name.split("/")[0] for name in aliases}
            frames = [self.events(actor=x, start=start, end=end) for x in sorted(actors)]
            return pd.concat(frames, ignore_index=True).drop_duplicates("event_id", ignore_index=True)
        return pd.concat([self.events((a, b), start=start, end=end), self.events((b, a), start=start, end=end)],
                         ignore_index=True)

    def summary(self) -> dict[str, Any]:
        """Row counts, the span of event dates, and the most frequent actors (for the pages' menus)."""
        out: dict[str, Any] = self.counts()
        span = self.con.sql("SELECT min(date), max(date) FROM events WHERE happened").fetchall()[0]
        out["first_date"], out["last_date"] = (_plain(v) for v in span)
        top = self.con.sql("""SELECT s, t, count(*)::INTEGER n FROM (
                SELECT coalesce(source_country, source_sector) s, coalesce(target_country, target_sector) t
                FROM events WHERE happened) WHERE s IS NOT NULL AND t IS NOT NULL AND s <> t
                GROUP BY ALL ORDER BY n DESC, s, t LIMIT 20""").fetchall()
        out["top_dyads"] = [{"source": s, "target": t, "events": n} for s, t, n in top]
        return out


def _plain(value: Any) -> Any:
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, (pd.Timestamp, dt.date)):
        return value.isoformat()[:10]
    if hasattr(value, "item"):
        return _plain(value.item())
    return value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """JSON-ready dicts (dates as YYYY-MM-DD, NaN and NaT as None)."""
    return [{k: _plain(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]
