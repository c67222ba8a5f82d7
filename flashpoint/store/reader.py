"""Read-side queries for front ends (the REST API and dashboard): pages of events, one event
with its reports, counts over time, event places.

:class:`StoreReader` is a :class:`flashpoint.store.Store` over an existing
DuckDB connection (a cursor of a read-only snapshot, see
:mod:`.snapshot`); it adds queries the web pages need and writes
nothing. Every value reaches DuckDB as a parameter; the SQL is in :mod:`.queries`.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from . import queries
from .event_index import EventIndex
from ..dedup import DEFAULT_RULE
from .database import Store

MAX_PAGE = 500          # events per page at most
MAX_PLACES = 5000       # map points at most
PERIODS = {"day": "day", "week": "week", "month": "month", "year": "year"}
MENTION_FIELDS = ("mention_id", "doc_id", "origin", "origin_id", "sentence_index", "evidence_text",
                  "evidence_start", "evidence_end", "source_text", "source_country", "source_sector",
                  "target_text", "target_country", "target_sector", "trigger", "also_triggers_json", "cameo",
                  "plover_type",
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

    def sql(self) -> queries.Query:
        """A WHERE clause over the events table, and its parameters."""
        return queries.event_filter(**dataclasses.asdict(self))


@dataclass(frozen=True)
class Page:
    """One page of events and the cursor of the next (None on the last page)."""

    rows: list[dict[str, Any]]
    next_cursor: tuple[str | None, str] | None


class StoreReader(Store):
    """Read-only queries over an open DuckDB connection to a store (never writes)."""

    def __init__(self, con: Any, *, version: str = "", index: EventIndex | None = None,
                 derived: dict[str, Any] | None = None):
        self.con = con                  # the caller owns the connection
        self.path = "<snapshot>"
        self.rule = DEFAULT_RULE
        self.notes: list[str] = []
        self.version = version          # names the snapshot: equal versions hold equal rows
        self.index = index              # the snapshot's events in memory (pages and dyads without SQL)
        self.derived = derived or {}    # built from the index when the snapshot was opened (Snapshots.derive)

    def close(self) -> None:
        self.con.close()

    def event_page(self, where: EventFilter, *, after: tuple[str | None, str] | None = None,
                   limit: int = 100) -> Page:
        """Events matching ``where`` in (date, event id) order, after the cursor ``after``.

        The cursor is the (ISO date or None, event id) of the last row of the
        previous page; events without a date come last.
        """
        limit = max(1, min(int(limit), MAX_PAGE))
        if self.index is not None and self.index.handles(where):
            rows = arrow_records(self.index.page(where, after=after, limit=limit + 1))
        else:
            rows = records(self._frame(queries.event_page(where.sql(), after=after, limit=limit + 1)))
        more = len(rows) > limit
        rows = rows[:limit]
        last = rows[-1] if rows and more else None
        return Page(rows, None if last is None else (last["date"], last["event_id"]))

    def dyad_events(self, a: str, b: str, *, start: queries.DateLike = None, end: queries.DateLike = None,
                    happened: bool | None = True) -> pd.DataFrame:
        """As :meth:`Store.dyad_events`, from the snapshot's index when it has one."""
        if self.index is None:
            return super().dyad_events(a, b, start=start, end=end, happened=happened)
        first, last = (None if v is None else queries._as_date(v, name) for v, name in ((start, "start"), (end, "end")))
        return self._from_arrow(self.index.dyad(a, b, start=first, end=last, happened=happened))

    def _from_arrow(self, table: pa.Table) -> pd.DataFrame:
        """Rows of the index as DuckDB gives them to pandas (the same types as a SQL read), in the
        index's order: the store's connection does not keep insertion order (a parallel scan of
        the Arrow rows may hand them back shuffled), so the order is carried by a row number."""
        numbered = table.append_column("__row", pa.array(np.arange(table.num_rows, dtype=np.int64)))
        return self.con.from_arrow(numbered).order("__row").project("* EXCLUDE (__row)").df()

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One merged event with its mentions (evidence, offsets, the other verbs of its act as
        ``also_triggers``) and their documents; None if unknown."""
        found = records(self._frame(queries.event_by_id(event_id)))
        if not found:
            return None
        mentions = self.mentions(event_id=event_id)
        docs = self._frame(queries.event_documents(event_id))
        cols = [c for c in MENTION_FIELDS if c in mentions.columns]
        rows = records(mentions[cols])
        for row in rows:    # the stored JSON as a list: [{text, start}], start a document offset
            row["also_triggers"] = json.loads(row.pop("also_triggers_json", None) or "[]")
        return {**found[0], "mentions": rows, "documents": records(docs)}

    def timeline(self, where: EventFilter, *, period: str = "month") -> list[dict[str, Any]]:
        """Event counts per period and quad class (1 verbal coop, 2 material coop, 3 verbal
        conflict, 4 material conflict; null when unknown)."""
        return records(self._frame(queries.timeline(where.sql(), period=PERIODS[period])))

    def places(self, where: EventFilter, *, limit: int = MAX_PLACES) -> list[dict[str, Any]]:
        """Located events grouped by place: name, country, coordinates, count, worst quad class."""
        return records(self._frame(queries.places(where.sql(), limit=max(1, min(int(limit), MAX_PLACES)))))

    def summary(self) -> dict[str, Any]:
        """Row counts, the span of event dates, and the most frequent actors (for the pages' menus)."""
        out: dict[str, Any] = self.counts()
        span = self._frame(queries.date_span()).iloc[0].tolist()
        out["first_date"], out["last_date"] = (_plain(v) for v in span)
        top = self._frame(queries.top_dyads(20)).itertuples(index=False)
        out["top_dyads"] = [{"source": s, "target": t, "events": int(n)} for s, t, n in top]
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
    """JSON-ready dicts (dates as YYYY-MM-DD, NaN and NaT as None), converted a column at a time."""
    names = [str(n) for n in frame.columns]
    columns = [_plain_column(frame.iloc[:, i]) for i in range(frame.shape[1])]
    return [dict(zip(names, values)) for values in zip(*columns)] if columns else [{} for _ in range(len(frame))]


def frame_json(frame: pd.DataFrame) -> str:
    """:func:`records` of a frame of numbers, strings and timestamps as one JSON array, written by
    pandas' C encoder (about ten times faster than ``json.dumps`` of the dicts for a long series);
    floats keep 15 significant digits."""
    days = {c: frame[c].dt.strftime("%Y-%m-%d") for c in frame.columns if frame[c].dtype.kind == "M"}
    return frame.assign(**days).to_json(orient="records", double_precision=15, force_ascii=False)


def _plain_column(column: pd.Series) -> list[Any]:
    """:func:`_plain` of every value of a column, vectorised for the common dtypes."""
    kind = column.dtype.kind if isinstance(column.dtype, np.dtype) else "O"  # pandas' own dtypes: value by value
    if kind in "iub":           # NumPy integers and booleans: no missing values
        return column.tolist()
    if kind == "f":
        return [None if v != v else v for v in column.tolist()]
    if kind == "M":
        return [None if v != v else v for v in column.dt.strftime("%Y-%m-%d").tolist()]
    return [_plain(v) for v in column.tolist()]


def arrow_records(table: pa.Table) -> list[dict[str, Any]]:
    """JSON-ready dicts of an Arrow table, as :func:`records` gives them (dates as YYYY-MM-DD,
    NaN as None), without the detour through pandas; whole numbers stay whole."""
    dates = [f.name for f in table.schema if pa.types.is_date(f.type) or pa.types.is_timestamp(f.type)]
    floats = [f.name for f in table.schema if pa.types.is_floating(f.type)]
    rows = table.to_pylist()
    for row in rows:
        for name in dates:
            if row[name] is not None:
                row[name] = row[name].isoformat()[:10]
        for name in floats:
            if row[name] is not None and row[name] != row[name]:
                row[name] = None
    return rows
