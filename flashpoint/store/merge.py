"""Merging mentions into events: the de-duplication rule of :mod:`flashpoint.dedup`, run in DuckDB.

:func:`refresh_events` re-derives the events of every dyad queued in
``pending_blocks`` in one transaction; the SQL picks each event's fields from its
mentions (:data:`EVENTS_SQL`), in the column order of
:data:`flashpoint.schema.EVENT_SCHEMA`.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from ..dedup import DedupRule, sweep_sql, window_sql
from ..distance import haversine_sql
from ..model import HAPPENED
from ..progress import Advance, begin
from .ddl import touch_events


def scalar(con: Any, sql: str) -> int:
    """The one value of a query that returns one row of one number (a count)."""
    return int(con.execute(sql).fetchall()[0][0])


CHUNK_MENTIONS = 500_000  # mentions merged per transaction (dyads are never split): bounds memory without spilling


def refresh_events(con: Any, rule: DedupRule, *, chunk_mentions: int = CHUNK_MENTIONS,
                   progress: Advance | None = None) -> int:
    """Re-derive the events of every dyad touched since the last refresh; returns their number.

    Dyads are merged in chunks of about ``chunk_mentions`` mentions, one
    transaction each: the chunk's old events and links are deleted and rebuilt
    from all its mentions, and its dyads leave the queue, so the result never
    depends on the order or batching in which mentions arrived, memory stays
    bounded whatever the store's size, and a killed refresh resumes where it
    stopped. The window columns of the queued dyads' mentions, and their links
    to events already stored, are computed once per refresh (``dd_all``,
    ``dd_old``), not once per chunk: a chunk reads its own rows of them.
    ``dd_all`` keeps each mention's ``rowid``, by which a chunk fetches its
    mention rows for the events (an integer join: the refresh never writes
    ``mentions``, so row ids stay put; joining by ``mention_id`` hashed every
    stored id once per chunk).
    """
    sizes = con.execute("""
        SELECT p.skey, p.tkey, count(m.mention_id) FROM pending_blocks p LEFT JOIN
            (SELECT coalesce(source_country, source_sector, '') AS skey,
                    coalesce(target_country, target_sector, '') AS tkey, mention_id FROM mentions) m
            ON m.skey = p.skey AND m.tkey = p.tkey
        GROUP BY ALL ORDER BY 1, 2""").fetchall()
    if not sizes:
        return 0
    chunks: list[int] = []
    filled, number, chunk_sizes = 0, 0, [0]
    for _, _, size in sizes:
        if filled and filled + size > chunk_mentions:
            number, filled = number + 1, 0
            chunk_sizes.append(0)
        chunks.append(number)
        filled += size
        chunk_sizes[number] += size
    begin(progress, "preparing the merge", None, unit="mentions")
    _prepare(con, rule, sizes, chunks)
    begin(progress, "merging reports into events", sum(chunk_sizes), unit="mentions")
    try:
        return sum(_refresh_chunk(con, rule, k, _steps(progress, chunk_sizes[k])) for k in range(number + 1))
    finally:
        for t in ("dd_chunks", "dd_all", "dd_old"):
            con.execute(f"DROP TABLE IF EXISTS {t}")


def _prepare(con: Any, rule: DedupRule, sizes: list[tuple[str, str, int]], chunks: list[int]) -> None:
    """Temp tables for the whole refresh: each queued dyad's chunk, the window columns of their
    mentions (sorted by chunk, so that a chunk's rows are read alone), and the event links
    those mentions already have (none for new dyads: then a chunk deletes nothing)."""
    c = con
    c.register("_chunks", pa.table({"skey": [d[0] for d in sizes], "tkey": [d[1] for d in sizes],
                                    "chunk": pa.array(chunks, pa.int32())}))
    c.execute("CREATE OR REPLACE TEMP TABLE dd_chunks AS SELECT * FROM _chunks")
    c.unregister("_chunks")
    c.execute(f"""CREATE OR REPLACE TEMP TABLE dd_all AS
        SELECT w.*, p.chunk FROM (SELECT rowid AS rid, {window_sql(rule)} FROM mentions) w
        JOIN dd_chunks p ON w.skey = p.skey AND w.tkey = p.tkey ORDER BY p.chunk""")
    c.execute("""CREATE OR REPLACE TEMP TABLE dd_old AS
        SELECT l.event_id, l.mention_id, a.chunk FROM event_mentions l JOIN dd_all a USING (mention_id)""")


def _steps(progress: Advance | None, size: int) -> Callable[[], None]:
    """A step of a chunk of ``size`` mentions: advances ``progress`` by a third of them (the third
    call by the rest)."""
    done = [0, 0]

    def step() -> None:
        done[0] += 1
        n = size - done[1] if done[0] >= 3 else size // 3
        done[1] += n
        if progress is not None and n:
            progress(n)
    return step


def _refresh_chunk(con: Any, rule: DedupRule, chunk: int, step: Callable[[], None]) -> int:
    """Re-derive the events of the dyads of one chunk in one transaction, and take them off the
    queue; ``step()`` is called after the sweep, the place split and the events."""
    c = con
    c.begin()
    try:
        window = f"(SELECT * EXCLUDE (chunk) FROM dd_all WHERE chunk = {chunk})"  # dd_all is sorted by chunk
        c.execute(f"CREATE OR REPLACE TEMP TABLE dd_slices AS {sweep_sql(window, rule, carry=('rid',))}")
        step()
        _split_places(c, rule)
        step()
        c.execute("""CREATE OR REPLACE TEMP TABLE dd_assign AS  -- size: mentions of the event
            SELECT s.mention_id, coalesce(x.event_id, s.slice_key) AS event_id, coalesce(x.size, s.slice_n) AS size, s.rid
            FROM dd_slices s LEFT JOIN dd_split x USING (rid)""")
        # the chunk's old events and links (none for new dyads: an empty probe, nearly free)
        c.execute(f"DELETE FROM events WHERE event_id IN (SELECT event_id FROM dd_old WHERE chunk = {chunk})")
        c.execute(f"DELETE FROM event_mentions WHERE mention_id IN (SELECT mention_id FROM dd_old WHERE chunk = {chunk})")
        c.execute("INSERT INTO event_mentions SELECT event_id, mention_id FROM dd_assign")
        c.execute(MULTI_ROWS_SQL)
        n = scalar(c, f"INSERT INTO events {EVENTS_SQL}")  # one row per event id of dd_assign
        touch_events(c)
        step()
        c.execute(f"DELETE FROM pending_blocks p USING dd_chunks d WHERE p.skey = d.skey AND p.tkey = d.tkey "
                  f"AND d.chunk = {chunk}")
        for t in ("dd_slices", "dd_split", "dd_assign", "dd_multi"):
            c.execute(f"DROP TABLE IF EXISTS {t}")
        c.commit()
    except Exception:
        c.rollback()
        raise
    return int(n)


def insert_new_mentions(con: Any, batch: str, *, unique: bool, derive_documents: bool, dataset: str | None) -> int:
    """Insert the rows of the registered table ``batch`` whose mention id is not stored (inside the
    caller's transaction) and queue what they change: their dyads for the events refresh and, with
    ``derive_documents``, their doc ids for :func:`.documents.derive_documents`. Returns rows inserted.

    Set-based: one anti join finds the new rows (``mentions`` has no key to refuse a stored id; the
    join is built on the batch and probes the stored ids, about 0.1 CPU-s per batch for 4M stored
    rows), and a batch with a repeated id (not ``unique``) keeps one row for it, always the same
    (the smallest in column order). When any row was new, the dyads and doc ids of the whole batch
    are queued (a superset of what changed: the refresh re-derives them from all stored rows, so
    the result is the same); a batch that adds nothing queues nothing.
    """
    source = batch if unique else f"(SELECT DISTINCT ON (mention_id) * FROM {batch} ORDER BY ALL)"
    added = scalar(con, f"INSERT INTO mentions SELECT * FROM {source} ANTI JOIN mentions USING (mention_id)")
    if added:
        queue_changes(con, batch, derive_documents=derive_documents, dataset=dataset)
    return added


def clashes(con: Any, before: int) -> int:
    """Mention ids of the rows appended after the first ``before`` that are repeated among them or
    already stored (in the caller's transaction; 0 when the rows can stay). Set-based, one pass
    over the new ids and, when rows were stored before, one over the stored ones."""
    new = f"(SELECT mention_id FROM mentions WHERE rowid >= {before})"
    repeated = scalar(con, f"SELECT count(*) - count(DISTINCT mention_id) FROM {new}")
    if repeated or not before:
        return repeated
    return scalar(con, f"SELECT count(*) FROM {new} n SEMI JOIN "
                        f"(SELECT mention_id FROM mentions WHERE rowid < {before}) s USING (mention_id)")


def queue_changes(con: Any, rows: str, *, derive_documents: bool, dataset: str | None) -> None:
    """Queue what the mention rows ``rows`` (a relation) change: their dyads for the events refresh
    and, with ``derive_documents``, their doc ids for :func:`.documents.derive_documents`."""
    con.execute(f"""INSERT OR IGNORE INTO pending_blocks  -- the dyads whose events new mentions change
                    SELECT DISTINCT coalesce(source_country, source_sector, ''),
                           coalesce(target_country, target_sector, '') FROM {rows}""")
    if derive_documents:
        con.execute(f"INSERT INTO pending_documents SELECT DISTINCT doc_id, ? FROM {rows}", [dataset])


def queue_all_blocks(con: Any) -> None:
    """Queue every dyad of the store for the next refresh (e.g. after changing the rule)."""
    con.execute("""INSERT OR IGNORE INTO pending_blocks
        SELECT DISTINCT coalesce(source_country, source_sector, ''), coalesce(target_country, target_sector, '')
        FROM mentions""")


def sort_events(con: Any) -> None:
    """Rewrite the events table sorted by dyad and date (refreshes append; sorted rows query faster)."""
    con.begin()
    try:
        con.execute("""CREATE OR REPLACE TABLE events AS SELECT * FROM events
                       ORDER BY source_country, target_country, date, event_id""")
        touch_events(con)
        con.commit()
    except Exception:
        con.rollback()
        raise
    con.execute("CHECKPOINT")


def _split_places(con: Any, rule: DedupRule) -> None:
    """Step 4 of the rule (:func:`flashpoint.dedup.split_by_place`) for the time slices whose places
    lie far apart: ``dd_split`` maps each of their mentions (by ``rid``, its row id in ``mentions``)
    to its event id and the event's size.

    The located mentions of those slices are placed in sites by :func:`_site_rounds`; unlocated
    mentions join the largest site (the earliest on a tie); an event's id is the smallest mention
    id of its site. Joins are on row ids, not on the mention id strings, and the events' ids and
    sizes are grouped and joined back rather than computed by a window (which sorted the slices'
    rows by slice and site): 1.19 -> 1.02 CPU-s for the split of 1M GDELT rows.
    """
    radius = float(rule.radius_km)
    located = "lat IS NOT NULL AND lon IS NOT NULL"
    con.execute(f"""CREATE OR REPLACE TEMP TABLE dd_far AS
        SELECT slice_key, mention_id, rid, lat, lon, wstart, wend, ({located}) AS located FROM dd_slices
        WHERE slice_key IN (SELECT slice_key FROM dd_slices WHERE {located} AND anchor IS NOT NULL
                            AND {haversine_sql("anchor.lat", "anchor.lon", "lat", "lon")} > {radius})""")
    _site_rounds(con, rule)
    con.execute("""CREATE OR REPLACE TEMP TABLE dd_split AS
        WITH largest AS (SELECT slice_key, arg_min(site, {'n': -n, 's': site}) AS site
                         FROM (SELECT slice_key, site, count(*) AS n FROM dd_site GROUP BY ALL) GROUP BY slice_key),
        member AS MATERIALIZED (SELECT f.rid, f.mention_id, f.slice_key, coalesce(s.site, l.site) AS site FROM dd_far f
                   LEFT JOIN dd_site s USING (rid) JOIN largest l ON l.slice_key = f.slice_key)
        SELECT m.rid, e.event_id, e.size FROM member m JOIN
            (SELECT slice_key, site, min(mention_id) AS event_id, count(*) AS size FROM member GROUP BY ALL) e
            USING (slice_key, site)""")
    for t in ("dd_far", "dd_site"):
        con.execute(f"DROP TABLE IF EXISTS {t}")


def _site_rounds(con: Any, rule: DedupRule) -> None:
    """``dd_site``: the site of each located mention of ``dd_far`` by the greedy rule, as rounds over
    every slice at once: in round k the first mention of each slice not yet placed (in the order
    wstart, wend, mention id) opens site k, and the unplaced mentions within ``radius_km`` of it
    join that site. This is the greedy rule's result: every earlier mention was placed in an
    earlier site, and a mention joins the first site near it.

    The rounds run over numpy arrays (a round costs a few milliseconds at most, where a round as
    SQL statements cost 0.03-0.09 CPU-s: the last pass ran 8 rounds in SQL and the slices with
    more sites through :func:`split_by_place` in Python, 657,000 distance calls at 1M GDELT rows).
    A mention is near when the haversine term of its distance is at most that of the radius
    (radians and cosines computed once per row); the rounding of these array operations may
    differ from :func:`flashpoint.distance.haversine_km` (the reference rule's) in the last
    bits, so a term within a millionth of the limit (about 25 mm at 50 km) is decided by it.
    """
    import math

    import numpy as np

    from ..distance import EARTH_RADIUS_KM, haversine_km

    rows = con.sql("SELECT slice_key, rid, lat, lon FROM dd_far WHERE located "
                   "ORDER BY slice_key, wstart, wend, mention_id").to_arrow_table()
    n = rows.num_rows
    keys = rows.column("slice_key")
    first = np.ones(n, bool)  # the first row of each slice (rows are sorted by slice)
    if n > 1:
        first[1:] = pc.not_equal(keys.slice(1), keys.slice(0, n - 1)).to_numpy(zero_copy_only=False)
    code = np.cumsum(first)    # the slice's number
    lat = rows.column("lat").to_numpy(zero_copy_only=False).astype(np.float64)
    lon = rows.column("lon").to_numpy(zero_copy_only=False).astype(np.float64)
    rlat, rlon = np.radians(lat), np.radians(lon)
    clat = np.cos(rlat)
    radius = float(rule.radius_km)
    # within the radius <=> the haversine term a <= sin(radius / 2R)^2 (asin and sqrt are monotone)
    limit = math.sin(min(radius / (2 * EARTH_RADIUS_KM), math.pi / 2)) ** 2
    site = np.empty(n, np.int32)
    left = np.arange(n)   # unplaced rows, in slice order
    k = 0
    while left.size:
        opens = np.ones(left.size, bool)
        opens[1:] = code[left[1:]] != code[left[:-1]]
        anchor = left[opens][np.cumsum(opens) - 1]
        a = (np.sin((rlat[left] - rlat[anchor]) / 2) ** 2
             + clat[anchor] * clat[left] * np.sin((rlon[left] - rlon[anchor]) / 2) ** 2)
        near = a <= limit
        for i in np.flatnonzero(np.abs(a - limit) <= 1e-6 * limit):  # at the radius: the reference decides
            near[i] = haversine_km(lat[anchor[i]], lon[anchor[i]], lat[left[i]], lon[left[i]]) <= radius
        near |= opens  # a site's first mention is in it (even with a coordinate that is not a number)
        site[left[near]] = k
        left = left[~near]
        k += 1
    con.register("_sites", pa.table({"slice_key": rows.column("slice_key"), "rid": rows.column("rid"),
                                     "site": pa.array(site, pa.int32())}))
    con.execute("CREATE OR REPLACE TEMP TABLE dd_site AS SELECT * FROM _sites")
    con.unregister("_sites")


# Orderings as struct keys for arg_min_null (lexicographic; cheaper than ordered aggregates).
_CONF = "'c': -coalesce(confidence, -1e308), 'id': mention_id"
_R = f"{{'n': -cameo_n, 'p': prec_rank, {_CONF}}}"                       # representative mention
_L = (f"{{'coarse': coalesce(place_admin1, '') = '', 'nl': lat IS NULL OR lon IS NULL, "
      f"'pn': place_name IS NULL, 'n': -cameo_n, 'p': prec_rank, {_CONF}}}")  # best-placed: finest place first
_D = "{'p': prec_rank, 'd': coalesce(date, DATE '9999-12-31'), 'id': mention_id}"   # best-dated mention
_HAPPENED = f"coalesce(modality, 'asserted') IN {tuple(sorted(HAPPENED))}"


_SINGLE_SQL = f"""
SELECT d.event_id, source_country, source_sector, target_country, target_sector, cameo, plover_type, plover_mode,
    quad_class, goldstein, date, date_precision, coalesce(published, date), coalesce(published, date), 1,
    (coalesce(source_name, doc_id) IS NOT NULL)::INTEGER, (doc_id IS NOT NULL)::INTEGER,
    place_name, place_country, lat, lon, {_HAPPENED}, modality, confidence, origin, evidence_text
FROM mentions m JOIN dd_assign d ON m.rowid = d.rid WHERE d.size = 1"""

# The mentions of multi-mention events, with the columns the merge reads (a narrow temp table: the
# counts and aggregates below read it several times, and sorting or hashing whole mention rows cost most).
MULTI_ROWS_SQL = """CREATE OR REPLACE TEMP TABLE dd_multi AS
SELECT d.event_id, m.mention_id, m.source_country, m.source_sector, m.target_country, m.target_sector, m.cameo,
    m.plover_type, m.plover_mode, m.quad_class, m.goldstein, m.evidence_text, m.date, m.date_precision, m.published,
    m.source_name, m.doc_id, m.place_name, m.place_country, m.place_admin1, m.lat, m.lon, m.modality, m.confidence,
    m.origin,
    CASE WHEN m.date IS NULL THEN 4 WHEN m.date_precision = 'month' THEN 1
         WHEN m.date_precision = 'year' THEN 2 WHEN m.date_precision = 'unknown' THEN 3 ELSE 0 END AS prec_rank
FROM mentions m JOIN dd_assign d ON m.rowid = d.rid WHERE d.size > 1"""


def _modes(*cols: str) -> str:
    """Per event, the most frequent non-null value of each column (alphabetically first on a tie),
    from counts by group (hash aggregates; a window per column sorted whole rows)."""
    counts = " UNION ALL ".join(
        f"SELECT event_id, {i} AS k, {c} AS v, count(*) AS n FROM dd_multi WHERE {c} IS NOT NULL GROUP BY ALL"
        for i, c in enumerate(cols))
    picks = ", ".join(f"arg_min(v, {{'n': -n, 'v': v}}) FILTER (WHERE k = {i}) AS {c}_mode"
                      for i, c in enumerate(cols))
    return f"SELECT event_id, {picks} FROM ({counts}) GROUP BY event_id"


_MULTI_SQL = f"""
WITH cn AS (SELECT event_id, cameo, count(*) AS cameo_n FROM dd_multi GROUP BY ALL),
a AS (SELECT m.*, cn.cameo_n FROM dd_multi m JOIN cn ON m.event_id = cn.event_id AND m.cameo IS NOT DISTINCT FROM cn.cameo)
SELECT g.event_id, ssrc, o.source_sector_mode, tsrc, o.target_sector_mode, r.cameo, r.plover_type, r.plover_mode,
    r.quad_class, r.goldstein, d.date, d.date_precision, first_seen, last_seen, n, sources, docs,
    l.place_name, l.place_country, l.lat, l.lon, happened, o.modality_mode, confidence, origins, r.evidence_text
FROM (SELECT event_id,
    max(source_country) AS ssrc, max(target_country) AS tsrc,
    arg_min_null({{'cameo': cameo, 'plover_type': plover_type, 'plover_mode': plover_mode, 'quad_class': quad_class,
                  'goldstein': goldstein, 'evidence_text': evidence_text}}, {_R}) AS r,
    arg_min_null({{'date': date, 'date_precision': date_precision}}, {_D}) AS d,
    min(coalesce(published, date)) AS first_seen, max(coalesce(published, date)) AS last_seen,
    count(*)::INTEGER AS n, count(DISTINCT coalesce(source_name, doc_id))::INTEGER AS sources,
    count(DISTINCT doc_id)::INTEGER AS docs,
    arg_min_null({{'place_name': place_name, 'place_country': place_country, 'lat': lat, 'lon': lon}}, {_L}) AS l,
    bool_or({_HAPPENED}) AS happened, max(confidence) AS confidence,
    string_agg(DISTINCT origin, ',' ORDER BY origin) AS origins
FROM a GROUP BY event_id) g LEFT JOIN ({_modes('source_sector', 'target_sector', 'modality')}) o USING (event_id)"""
# Each arg_min_null above takes one struct of the fields chosen by the same ordering: the row with
# the smallest key (keys end in the mention id, so unique) gives them all, as one call per field did.

# Single-mention events (most of them) are projected directly; the rest aggregated (from dd_multi, made
# first by MULTI_ROWS_SQL). Same values either way. Not sorted: each refresh chunk holds a range of dyads,
# so the table stays grouped by dyad; Store.optimize() sorts it fully.
EVENTS_SQL = f"{_SINGLE_SQL} UNION ALL (SELECT * FROM ({_MULTI_SQL}))"
