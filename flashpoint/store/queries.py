"""The SQL of the store's reads: each function returns (sql, params) for one kind of query.

A side of an event matches an actor code the way the whole project reads it: its
country, or its sector when it has no country.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from ..codebook import MATERIAL_QUADS
from ..errors import StoreError
from .ddl import EVENTS_VERSION

Query = tuple[str, list[Any]]
DateLike = dt.date | str | None

_SIDE = "({0}_country = ? OR ({0}_country IS NULL AND {0}_sector = ?))"
_ORDER = "date, event_id"


def events(dyad: Sequence[str] | None, *, start: DateLike, end: DateLike, actor: str | None,
           happened: bool | None, limit: int | None) -> Query:
    """Merged events by dyad, actor, dates and happened; see :meth:`flashpoint.store.Store.events`."""
    if limit is not None and (not isinstance(limit, int) or limit < 0):
        raise StoreError(f"limit must be a whole number >= 0, not {limit!r}", where="limit",
                         fix="give the largest number of events wanted, e.g. 100 (or no limit)")
    where, params = event_filter(dyad=dyad, actor=actor, start=start, end=end, happened=happened)
    sql = f"SELECT * FROM events WHERE {where} ORDER BY {_ORDER}"
    return sql + (f" LIMIT {int(limit)}" if limit is not None else ""), params


def dyad_events(a: str, b: str, *, start: DateLike, end: DateLike, happened: bool | None) -> Query:
    """Events from a to b, then from b to a, each by date and event id."""
    ab, ab_params = _directed(a, b)
    ba, ba_params = _directed(b, a)
    return _select([f"({ab} OR {ba})"], ab_params + ba_params, start=start, end=end, happened=happened,
                   order=f"CASE WHEN {ab} THEN 0 ELSE 1 END, {_ORDER}", order_params=ab_params)


def actor_events(actors: Sequence[str], *, start: DateLike, end: DateLike, happened: bool | None,
                 quad_class: int | None = None, columns: Sequence[str] | None = None,
                 sources_only: bool = False) -> Query:
    """Events with any of ``actors`` on either side (only as source with ``sources_only``), each
    once: grouped by the first actor (in the given order) it has on either side, then by date and
    event id; only one quad class when ``quad_class``, only the named ``columns`` of the events
    table when given."""
    if not actors:
        raise StoreError("no actor codes given", where="actors", fix="give at least one actor code")
    conds, params = zip(*(_either_side(x) for x in actors))
    flat = [p for ps in params for p in ps]
    key = "CASE " + " ".join(f"WHEN {c} THEN {i}" for i, c in enumerate(conds)) + " END"
    if sources_only:
        where, args = [f"({' OR '.join(_SIDE.format('source') for _ in actors)})"], [p for x in actors for p in (x, x)]
    else:
        where, args = [f"({' OR '.join(conds)})"], list(flat)
    if quad_class is not None:
        where.append("quad_class = ?")
        args.append(int(quad_class))
    return _select(where, args, start=start, end=end, happened=happened,
                   order=f"{key}, {_ORDER}", order_params=flat, columns=columns)


def daily_counts(*, end: DateLike, pair: tuple[str, str] | None = None) -> Query:
    """Happened, day-dated events counted per day, directed dyad and quad class; with ``pair`` (two
    actor codes) only the rows between the two, in either direction (a pair's rows of the same read).

    Columns ``date``, ``source``, ``target`` (each side's country, else its sector),
    ``quad_class``, ``n`` and ``goldstein_sum``; events up to ``end`` (inclusive). Material
    acts dated only by a 'before publication' bound (retrospective mentions) are left out, as
    :func:`flashpoint.analytics.dyads.usable` leaves them out of a dyad's series. The Goldstein sums
    are rounded to 6 decimals: a parallel sum adds in a varying order, and its last bits must not
    change the fingerprint of a saved forecaster (:func:`flashpoint.analytics.forecaster.fingerprint`)
    from one read of the same store to the next.
    """
    params: list[Any] = []
    where = ["happened", "date IS NOT NULL", "coalesce(date_precision, 'day') IN ('day', 'unknown')",
             "NOT (coalesce(date_precision, 'day') = 'unknown' "
             f"AND coalesce(quad_class IN ({', '.join(map(str, MATERIAL_QUADS))}), false))",
             "coalesce(source_country, source_sector) IS NOT NULL",
             "coalesce(target_country, target_sector) IS NOT NULL"]
    if pair is not None:
        ab, ab_params = _directed(*pair)
        ba, ba_params = _directed(pair[1], pair[0])
        where.append(f"({ab} OR {ba})")
        params.extend(ab_params + ba_params)
    if end is not None:
        where.append("date <= ?")
        params.append(_as_date(end, "end"))
    sql = f"""SELECT date, coalesce(source_country, source_sector) AS source,
                     coalesce(target_country, target_sector) AS target, quad_class,
                     count(*)::INTEGER AS n, round(coalesce(sum(goldstein), 0.0), 6) AS goldstein_sum
              FROM events WHERE {' AND '.join(where)} GROUP BY ALL ORDER BY ALL"""
    return sql, params


def events_version() -> Query:
    """The events table's change marker (:func:`.ddl.touch_events`; no row in a store no writer of
    this version has opened) and its number of rows."""
    return ("SELECT (SELECT max(value) FROM meta WHERE key = ?), (SELECT count(*) FROM events)", [EVENTS_VERSION])


def first_day() -> Query:
    """The date of the earliest event dated to a day."""
    return ("SELECT min(date) AS first_day FROM events "
            "WHERE coalesce(date_precision, 'day') IN ('day', 'unknown')", [])


def mentions(*, event_id: str | None, doc_id: str | None) -> Query:
    """Mention rows with the id of the event they were merged into."""
    sql = "SELECT m.*, l.event_id FROM mentions m LEFT JOIN event_mentions l USING (mention_id)"
    where, params = [], []
    if event_id is not None:
        where.append("l.event_id = ?")
        params.append(event_id)
    if doc_id is not None:
        where.append("m.doc_id = ?")
        params.append(doc_id)
    sql += (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY m.doc_id, m.sentence_index, m.mention_id"
    return sql, params


def documents(*, status: str | None) -> Query:
    sql = "SELECT * EXCLUDE (text) FROM documents" + (" WHERE status = ?" if status else "") + " ORDER BY doc_id"
    return sql, [status] if status else []


def dataset_rows(origin: str, ids_table: str) -> Query:
    """A dataset's own rows (mention id '<origin>:...') whose origin id is in the registered table."""
    return (f"SELECT * FROM mentions WHERE origin = ? AND starts_with(mention_id, ? || ':') "
            f"AND origin_id IN (SELECT origin_id FROM {ids_table})", [origin, origin])


def _directed(source: str, target: str) -> Query:
    return f"({_SIDE.format('source')} AND {_SIDE.format('target')})", [source, source, target, target]


def _either_side(actor: str) -> Query:
    return f"({_SIDE.format('source')} OR {_SIDE.format('target')})", [actor] * 4


def _select(where: list[str], params: list[Any], *, start: DateLike, end: DateLike, happened: bool | None,
            order: str, order_params: Sequence[Any] = (), columns: Sequence[str] | None = None) -> Query:
    more, more_params = _bounds(start=start, end=end, happened=happened)
    chosen = "*" if columns is None else ", ".join(_event_column(c) for c in columns)
    sql = f"SELECT {chosen} FROM events WHERE {' AND '.join(where + more) or 'true'} ORDER BY {order}"
    return sql, list(params) + more_params + list(order_params)


def _event_column(name: str) -> str:
    """A column of the events table, quoted; anything else is refused (never pasted into SQL)."""
    from ..schema import EVENT_SCHEMA

    if name not in EVENT_SCHEMA.names:
        raise StoreError(f"the events table has no column {name!r}", where="columns",
                         fix=f"use columns of the events table: {', '.join(EVENT_SCHEMA.names)}")
    return f'"{name}"'


def _bounds(*, start: DateLike, end: DateLike, happened: bool | None) -> tuple[list[str], list[Any]]:
    """The conditions (and parameters) of a date range and of happened."""
    where: list[str] = []
    params: list[Any] = []
    for value, op, name in ((start, ">=", "start"), (end, "<=", "end")):
        if value is not None:
            where.append(f"date {op} ?")
            params.append(_as_date(value, name))
    if happened is not None:
        where.append("happened = ?")
        params.append(happened)
    return where, params


def _as_date(value: Any, name: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise StoreError(f"{value!r} is not a date", where=name, fix="write dates as YYYY-MM-DD") from None


# --- the web pages' reads (flashpoint.store.reader) ---------------------------------------

NO_DATE = dt.date(9999, 12, 31)      # events without a date sort last in pages
_PAGE_ORDER = "coalesce(date, DATE '9999-12-31'), event_id"
_PERIODS = ("day", "week", "month", "year")
_FILTER_COLUMNS = (("cameo", "cameo LIKE ? || '%'"), ("plover", "plover_type = ?"), ("quad_class", "quad_class = ?"),
                   ("place", "lower(place) = lower(?)"), ("country", "place_country = ?"),
                   ("modality", "modality = ?"), ("origin", "list_contains(string_split(origins, ','), ?)"))


def event_filter(*, dyad: Sequence[str] | None = None, actor: str | None = None, start: DateLike = None,
                 end: DateLike = None, happened: bool | None = True, **columns: Any) -> Query:
    """A WHERE clause over the events table and its parameters: a directed dyad, an actor on either
    side, a date range, happened, and the columns of ``_FILTER_COLUMNS`` (cameo is a code prefix)."""
    where: list[str] = []
    params: list[Any] = []
    if dyad is not None:
        if len(dyad) != 2:
            raise StoreError(f"a dyad is two actor codes, not {list(dyad)!r}", where="dyad",
                             fix="give e.g. ('USA', 'IRN'): source first, then target")
        cond, params = _directed(dyad[0], dyad[1])
        where.append(cond)
    if actor:
        cond, more = _either_side(actor)
        where.append(cond)
        params += more
    bounds, bound_params = _bounds(start=start, end=end, happened=happened)
    where += bounds
    params += bound_params
    for name, clause in _FILTER_COLUMNS:
        if columns.get(name) is not None:
            where.append(clause)
            params.append(columns[name])
    unknown = set(columns) - {name for name, _ in _FILTER_COLUMNS}
    if unknown:
        raise StoreError(f"unknown event filter {sorted(unknown)}", where="filter",
                         fix=f"filter by {', '.join(n for n, _ in _FILTER_COLUMNS)}, dyad, actor, start, end")
    return " AND ".join(where) or "true", params


def event_page(where: Query, *, after: tuple[str | None, str] | None, limit: int) -> Query:
    """``limit`` events matching ``where`` in (date, event id) order after the cursor; the page's row
    ids are sorted first, then their rows read (sorting only the keys is twice as fast on 1M events)."""
    clause, params = where[0], list(where[1])
    if after is not None:
        clause += " AND (coalesce(date, DATE '9999-12-31'), event_id) > (?, ?)"
        params += [dt.date.fromisoformat(after[0]) if after[0] else NO_DATE, after[1]]
    return (f"SELECT * FROM events WHERE rowid IN (SELECT rowid FROM events WHERE {clause} "
            f"ORDER BY {_PAGE_ORDER} LIMIT {int(limit)}) ORDER BY {_PAGE_ORDER}", params)


def event_by_id(event_id: str) -> Query:
    return "SELECT * FROM events WHERE event_id = ?", [event_id]


def event_documents(event_id: str) -> Query:
    """The documents (without their text) that report one event."""
    return ("""SELECT * EXCLUDE (text) FROM documents WHERE doc_id IN
               (SELECT m.doc_id FROM mentions m JOIN event_mentions l USING (mention_id) WHERE l.event_id = ?)
               ORDER BY doc_id""", [event_id])


def report_texts(event_ids: Sequence[str]) -> Query:
    """For each event, the evidence of every mention by the same side (source country and quad class)
    in the documents that report it, and those documents' text: (event_id, trigger, text, whole)."""
    return ("""WITH own AS (SELECT DISTINCT l.event_id, m.doc_id, m.source_country, m.quad_class, m.trigger
                            FROM event_mentions l JOIN mentions m USING (mention_id)
                            WHERE l.event_id IN (SELECT unnest(?::VARCHAR[])))
               SELECT o.event_id, o.trigger, m.evidence_text AS text, false AS whole FROM own o JOIN mentions m
                 ON m.doc_id = o.doc_id AND m.source_country = o.source_country AND m.quad_class = o.quad_class
               UNION ALL
               SELECT o.event_id, o.trigger, d.text, true FROM own o JOIN documents d ON d.doc_id = o.doc_id
               WHERE d.text IS NOT NULL""", [list(event_ids)])


def timeline(where: Query, *, period: str) -> Query:
    """Event counts per period and quad class."""
    if period not in _PERIODS:
        raise StoreError(f"unknown period {period!r}", where="period", fix=f"use one of {', '.join(_PERIODS)}")
    return (f"""SELECT date_trunc('{period}', date)::DATE AS period, quad_class, count(*)::INTEGER AS events
                FROM events WHERE date IS NOT NULL AND {where[0]} GROUP BY ALL ORDER BY period, quad_class""",
            list(where[1]))


def places(where: Query, *, limit: int) -> Query:
    """Located events grouped by place: name, country, coordinates, count, worst quad class, first and last day."""
    return (f"""SELECT place, place_country, lat, lon, count(*)::INTEGER AS events,
                       max(quad_class)::INTEGER AS quad_class, min(date) AS first, max(date) AS last
                FROM events WHERE lat IS NOT NULL AND lon IS NOT NULL AND {where[0]}
                GROUP BY ALL ORDER BY events DESC, place, place_country, lat, lon LIMIT {int(limit)}""", list(where[1]))


def date_span() -> Query:
    return "SELECT min(date), max(date) FROM events WHERE happened", []


def top_dyads(limit: int) -> Query:
    """The directed pairs of different actors with the most happened events."""
    return (f"""SELECT s, t, count(*)::INTEGER n FROM (
                SELECT coalesce(source_country, source_sector) s, coalesce(target_country, target_sector) t
                FROM events WHERE happened) WHERE s IS NOT NULL AND t IS NOT NULL AND s <> t
                GROUP BY ALL ORDER BY n DESC, s, t LIMIT {int(limit)}""", [])
