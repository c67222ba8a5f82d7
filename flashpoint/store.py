"""The store: one DuckDB file of documents, mentions and merged events, with provenance.

This is the only module that writes to DuckDB. Tables:

``documents``
    one row per input document (``doc_id``: the id given in the input, else a
    hash of the text): where it came from, publication date, outlet, URL,
    ``status`` ('ok' or 'failed') and, for failures, the stage and error.
``mentions``
    one row per coded sentence-level event or imported dataset row, in the
    columns of :data:`flashpoint.schema.MENTION_SCHEMA`, keyed by ``mention_id``
    (a content hash); each keeps its evidence (doc, sentence, offsets, text).
``events``
    mentions merged into real-world events by the rule in
    :mod:`flashpoint.dedup` (``docs/dedup.md``); ``event_mentions`` links them.

Writing is crash safe and idempotent: each batch of documents and their
mentions is one transaction; a mention id already stored is skipped; the
dyads a batch touched are queued (in the same transaction) and
:meth:`Store.refresh_events` re-derives their events from their mentions in one
more transaction. Killing a write at any point and running it again therefore
ends with exactly the rows of an uninterrupted run.

Loading rows from elsewhere (dataset importers)::

    with Store("flashpoint.duckdb") as store:
        store.load_mentions(table)            # a pyarrow Table in MENTION_SCHEMA
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from .dedup import DEFAULT_RULE, DedupRule, haversine_sql, split_by_place, sweep_sql, window_sql
from .errors import StoreError
from .model import HAPPENED, Document
from .pipeline import Failure
from .schema import MENTION_SCHEMA, mention_row

DEFAULT_DB = "flashpoint.duckdb"
SCHEMA_VERSION = "1"

DOCUMENT_SCHEMA = pa.schema([
    ("doc_id", pa.string()),
    ("dataset", pa.string()),        # 'flashpoint' for coded text; 'gdelt', 'icews' ... for imports
    ("origin", pa.string()),         # file path (and line) or dataset file the document came from
    ("published", pa.date32()),
    ("source_name", pa.string()),    # outlet
    ("url", pa.string()),
    ("status", pa.string()),         # 'ok' | 'failed'
    ("stage", pa.string()),          # the stage that failed
    ("error", pa.string()),
    ("n_mentions", pa.int32()),
    ("text", pa.string()),
])

EVENT_COLUMNS = """
    event_id VARCHAR, source_country VARCHAR, source_sector VARCHAR, target_country VARCHAR,
    target_sector VARCHAR, cameo VARCHAR, plover_type VARCHAR, plover_mode VARCHAR, quad_class TINYINT,
    goldstein DOUBLE, date DATE, date_precision VARCHAR, first_seen DATE, last_seen DATE,
    mention_count INTEGER, source_count INTEGER, doc_count INTEGER, place VARCHAR, place_country VARCHAR,
    lat DOUBLE, lon DOUBLE, happened BOOLEAN, modality VARCHAR, confidence DOUBLE, origins VARCHAR,
    evidence_text VARCHAR"""

_DUCK_TYPES = {pa.string(): "VARCHAR", pa.int32(): "INTEGER", pa.int8(): "TINYINT", pa.float64(): "DOUBLE",
               pa.date32(): "DATE", pa.int64(): "BIGINT", pa.bool_(): "BOOLEAN"}


def _columns_sql(schema: pa.Schema, key: str) -> str:
    return ", ".join(f"{f.name} {_DUCK_TYPES[f.type]}" + (" PRIMARY KEY" if f.name == key else "")
                     for f in schema)


# --- rows from coded documents (pure; also used on Dask workers) -------------------------

def document_row(doc: Document, *, n_mentions: int) -> dict[str, Any]:
    return {"doc_id": doc.id, "dataset": "flashpoint", "origin": doc.origin, "published": doc.date,
            "source_name": doc.source, "url": doc.url, "status": "ok", "stage": None, "error": None,
            "n_mentions": n_mentions, "text": doc.text}


def failure_row(failure: Failure) -> dict[str, Any]:
    return {"doc_id": failure.doc_id, "dataset": "flashpoint", "origin": failure.origin, "published": None,
            "source_name": None, "url": None, "status": "failed", "stage": failure.stage,
            "error": str(failure), "n_mentions": 0, "text": None}


def coded_tables(items: Iterable[Document | Failure]) -> tuple[pa.Table, pa.Table]:
    """(documents, mentions) Arrow tables for coded documents and failures."""
    docs: list[dict[str, Any]] = []
    mentions: dict[str, dict[str, Any]] = {}
    for item in items:
        if isinstance(item, Failure):
            docs.append(failure_row(item))
            continue
        before = len(mentions)
        for ev in item.events:
            row = mention_row(ev.to_record(), published=item.date, source_name=item.source, url=item.url)
            mentions.setdefault(row["mention_id"], row)
        docs.append(document_row(item, n_mentions=len(mentions) - before))
    return (pa.Table.from_pylist(docs, schema=DOCUMENT_SCHEMA),
            pa.Table.from_pylist(list(mentions.values()), schema=MENTION_SCHEMA))


def conform(table: pa.Table, schema: pa.Schema, *, what: str) -> pa.Table:
    """``table`` with exactly ``schema``'s columns (missing ones null), cast to its types."""
    extra = set(table.column_names) - set(schema.names)
    if extra:
        raise StoreError(f"{what} table has columns the store does not know: {sorted(extra)}",
                         fix=f"give only the columns of {what.upper()}_SCHEMA: {schema.names}")
    cols = [table.column(f.name) if f.name in table.column_names else pa.nulls(len(table), f.type)
            for f in schema]
    try:
        return pa.Table.from_arrays(cols, schema=pa.schema([f.with_nullable(True) for f in schema])).cast(schema)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as err:
        raise StoreError(f"{what} table cannot be cast to the store's types: {err}",
                         fix=f"convert the columns to the types of {what.upper()}_SCHEMA") from None


class Store:
    """A flashpoint DuckDB file: write coded documents or imported rows, query events.

    ``Store(path)`` opens (creating when absent) the file; ``read_only=True``
    opens an existing file for queries only. Use it as a context manager or
    call :meth:`close`. One process writes at a time (DuckDB's file lock).
    """

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False,
                 rule: DedupRule = DEFAULT_RULE):
        import duckdb

        self.path = str(path)
        self.rule = rule
        if read_only and not Path(self.path).exists():
            raise StoreError("no store at this path", where=self.path,
                             fix="run 'flashpoint ingest PATH --db FILE' first, or pass the right --db")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as err:
            raise StoreError(f"cannot open the store: {err}", where=self.path,
                             fix="check the path; close other programs writing to it") from None
        if not read_only:
            self._create()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def _create(self) -> None:
        c = self.con
        c.execute(f"CREATE TABLE IF NOT EXISTS documents ({_columns_sql(DOCUMENT_SCHEMA, 'doc_id')})")
        c.execute(f"CREATE TABLE IF NOT EXISTS mentions ({_columns_sql(MENTION_SCHEMA, 'mention_id')})")
        c.execute(f"CREATE TABLE IF NOT EXISTS events ({EVENT_COLUMNS})")
        c.execute("CREATE TABLE IF NOT EXISTS event_mentions (event_id VARCHAR, mention_id VARCHAR)")
        c.execute("CREATE TABLE IF NOT EXISTS pending_blocks (skey VARCHAR, tkey VARCHAR, PRIMARY KEY (skey, tkey))")
        c.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        c.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])
        for schema, table in ((MENTION_SCHEMA, "mentions"), (DOCUMENT_SCHEMA, "documents")):
            have = {r[0] for r in c.execute(f"DESCRIBE {table}").fetchall()}
            for f in schema:  # a newer schema added a column: add it, empty, to an older file
                if f.name not in have:
                    c.execute(f"ALTER TABLE {table} ADD COLUMN {f.name} {_DUCK_TYPES[f.type]}")

    # --- writing -----------------------------------------------------------------------

    def write_batch(self, documents: pa.Table | None, mentions: pa.Table, *, dataset: str | None = None,
                    refresh: bool = False) -> int:
        """Store documents and their mentions in one transaction; returns mentions added.

        A document already stored as 'ok' is kept as it is; a 'failed' one is
        replaced (a retry may succeed). Mentions whose id is stored are skipped.
        With ``documents=None`` document rows are derived from the mentions
        (see :meth:`load_mentions`).
        """
        mentions = conform(mentions, MENTION_SCHEMA, what="mention")
        docs = conform(documents if documents is not None else DOCUMENT_SCHEMA.empty_table(), DOCUMENT_SCHEMA,
                       what="document")
        c = self.con
        c.begin()
        try:
            c.register("_batch_docs", docs)
            c.register("_batch_mentions", mentions)
            before = self._count("mentions")
            sets = ", ".join(f"{n} = excluded.{n}" for n in DOCUMENT_SCHEMA.names if n != "doc_id")
            c.execute(f"""INSERT INTO documents SELECT DISTINCT ON (doc_id) * FROM _batch_docs
                          ORDER BY doc_id, status DESC, n_mentions DESC, origin
                          ON CONFLICT (doc_id) DO UPDATE SET {sets} WHERE documents.status = 'failed'""")
            c.execute("""INSERT OR IGNORE INTO pending_blocks  -- the dyads whose events new mentions change
                         SELECT DISTINCT coalesce(b.source_country, b.source_sector, ''),
                                coalesce(b.target_country, b.target_sector, '')
                         FROM _batch_mentions b ANTI JOIN mentions m USING (mention_id)""")
            c.execute("""INSERT OR IGNORE INTO mentions SELECT DISTINCT ON (mention_id) * FROM _batch_mentions
                         ORDER BY ALL""")  # mention_id first: a repeated id keeps one row, always the same
            if documents is None:
                self._derive_documents(dataset)
            added = self._count("mentions") - before
            c.commit()
        except Exception:
            c.rollback()
            raise
        finally:
            c.unregister("_batch_docs")
            c.unregister("_batch_mentions")
        if refresh:
            self.refresh_events()
        return added

    def add_coded(self, items: Iterable[Document | Failure], *, refresh: bool = False) -> int:
        """Store coded documents (and failures, with their error) as one batch."""
        docs, mentions = coded_tables(items)
        return self.write_batch(docs, mentions, refresh=refresh)

    def load_mentions(self, mentions: pa.Table, *, documents: pa.Table | None = None,
                      dataset: str | None = None, chunk_rows: int = 200_000, refresh: bool = True) -> int:
        """Load rows of an event dataset (or any mention rows); returns mentions added.

        ``mentions`` is a pyarrow Table with columns of
        :data:`flashpoint.schema.MENTION_SCHEMA` (missing columns are stored as
        null; unknown columns or uncastable types raise :class:`StoreError`).
        Rules for importers:

        - ``mention_id`` must be unique and stable for the same input row, e.g.
          a hash of the dataset name and the row's own id, so loading the same
          file twice adds nothing;
        - ``doc_id`` groups rows of one source document (an article id or URL;
          else the row's own id); ``origin`` names the dataset ('gdelt', ...),
          ``origin_id`` the row's id in it;
        - ``date`` is the event day (``date_precision`` 'day', 'month' or
          'year'), ``published`` the report date when known (else the event
          date stands in for first/last seen);
        - ``modality`` may be null: dataset rows count as events that happened.

        ``documents`` (:data:`DOCUMENT_SCHEMA`) describes the source documents;
        when omitted, each document row is derived from all stored mentions of
        that ``doc_id`` (``dataset`` defaults to their ``origin``), so the result
        does not depend on how rows are split across files or calls. Rows are
        written in transactions of ``chunk_rows``; a killed load run again gives
        the same rows. With ``refresh`` the merged events are brought up to date
        at the end (else call :meth:`refresh_events` after the last load).
        """
        mentions = conform(mentions, MENTION_SCHEMA, what="mention")
        docs = None if documents is None else conform(documents, DOCUMENT_SCHEMA, what="document")
        added = 0
        for start in range(0, len(mentions), chunk_rows):
            part = mentions.slice(start, chunk_rows)
            part_docs = None
            if docs is not None:
                part_docs = docs.filter(pc.is_in(docs.column("doc_id"), value_set=pc.unique(part.column("doc_id"))))
            added += self.write_batch(part_docs, part, dataset=dataset)
        if refresh:
            self.refresh_events()
        return added

    def _derive_documents(self, dataset: str | None) -> None:
        """Document rows for the batch's doc ids, from all their stored mentions (inside write_batch)."""
        self.con.execute("""
            INSERT INTO documents
            SELECT doc_id, coalesce(?, first(origin ORDER BY mention_id)), first(origin ORDER BY mention_id),
                   min(published), first(source_name ORDER BY mention_id), first(url ORDER BY mention_id),
                   'ok', NULL, NULL, count(*)::INTEGER, NULL
            FROM mentions WHERE doc_id IN (SELECT doc_id FROM _batch_mentions) GROUP BY doc_id
            ON CONFLICT (doc_id) DO UPDATE SET dataset = excluded.dataset, origin = excluded.origin,
                published = excluded.published, source_name = excluded.source_name, url = excluded.url,
                n_mentions = excluded.n_mentions
            WHERE documents.dataset <> 'flashpoint'""", [dataset])

    def load_parquet(self, documents: str | Path, mentions: str | Path) -> int:
        """Load one Parquet part pair (as written by a Dask worker) in one transaction."""
        import pyarrow.parquet as pq

        return self.write_batch(pq.read_table(documents), pq.read_table(mentions))

    def ok_doc_ids(self) -> set[str]:
        """Ids of documents already stored with status 'ok' (an ingest skips them)."""
        return {r[0] for r in self.con.execute("SELECT doc_id FROM documents WHERE status = 'ok'").fetchall()}

    # --- events ------------------------------------------------------------------------

    def refresh_events(self) -> int:
        """Re-derive the events of every dyad touched since the last refresh; returns their number.

        One transaction: old events and links of those dyads are deleted and
        rebuilt from all their mentions, so the result never depends on the
        order or batching in which mentions arrived.
        """
        c = self.con
        if not self._scalar("SELECT count(*) FROM pending_blocks"):
            return 0
        c.begin()
        try:
            c.execute(f"""CREATE OR REPLACE TEMP TABLE dd_win AS
                SELECT w.* FROM (SELECT {window_sql(self.rule)} FROM mentions) w
                SEMI JOIN pending_blocks p ON w.skey = p.skey AND w.tkey = p.tkey""")
            c.execute(f"CREATE OR REPLACE TEMP TABLE dd_slices AS {sweep_sql('dd_win', self.rule)}")
            self._split_places()
            c.execute("""CREATE OR REPLACE TEMP TABLE dd_assign AS
                SELECT mention_id, event_id, count(*) OVER (PARTITION BY event_id) AS size FROM (
                    SELECT s.mention_id, coalesce(x.event_id, s.slice_key) AS event_id
                    FROM dd_slices s LEFT JOIN dd_split x USING (mention_id))""")
            c.execute("""DELETE FROM events WHERE event_id IN (SELECT event_id FROM event_mentions
                         WHERE mention_id IN (SELECT mention_id FROM dd_win))""")
            c.execute("DELETE FROM event_mentions WHERE mention_id IN (SELECT mention_id FROM dd_win)")
            c.execute("INSERT INTO event_mentions SELECT event_id, mention_id FROM dd_assign ORDER BY event_id")
            c.execute(f"INSERT INTO events {_EVENTS_SQL}")
            n = self._scalar("SELECT count(DISTINCT event_id) FROM dd_assign")
            c.execute("DELETE FROM pending_blocks")
            for t in ("dd_win", "dd_slices", "dd_split", "dd_assign"):
                c.execute(f"DROP TABLE IF EXISTS {t}")
            c.commit()
        except Exception:
            c.rollback()
            raise
        return int(n)

    def rebuild_events(self) -> int:
        """Re-derive all events from all mentions (e.g. after changing the rule)."""
        self.con.execute("""INSERT OR IGNORE INTO pending_blocks
            SELECT DISTINCT coalesce(source_country, source_sector, ''), coalesce(target_country, target_sector, '')
            FROM mentions""")
        return self.refresh_events()

    def optimize(self) -> None:
        """Rewrite the events table sorted by dyad and date (refreshes append; sorted rows query faster)."""
        c = self.con
        c.begin()
        try:
            c.execute("""CREATE OR REPLACE TABLE events AS SELECT * FROM events
                         ORDER BY source_country, target_country, date, event_id""")
            c.commit()
        except Exception:
            c.rollback()
            raise
        c.execute("CHECKPOINT")

    def _split_places(self) -> None:
        """Step 4 of the rule, in Python, only for time slices whose places lie far apart."""
        far = haversine_sql("anchor.lat", "anchor.lon", "lat", "lon")
        rows = self.con.execute(f"""
            SELECT slice_key, mention_id, lat, lon FROM dd_slices WHERE slice_key IN
              (SELECT slice_key FROM dd_slices WHERE lat IS NOT NULL AND lon IS NOT NULL AND anchor IS NOT NULL
               AND {far} > {float(self.rule.radius_km)})
            ORDER BY slice_key, pos""").fetchall()
        out: list[tuple[str, str]] = []
        start = 0
        while start < len(rows):
            end = start
            while end < len(rows) and rows[end][0] == rows[start][0]:
                end += 1
            group = rows[start:end]
            sites = split_by_place([(r[2], r[3]) for r in group], self.rule.radius_km)
            first: dict[int, str] = {}
            for r, s in zip(group, sites):
                first[s] = min(first.get(s, r[1]), r[1])
            out.extend((r[1], first[s]) for r, s in zip(group, sites))
            start = end
        split = pa.table({"mention_id": [m for m, _ in out], "event_id": [e for _, e in out]},
                         schema=pa.schema([("mention_id", pa.string()), ("event_id", pa.string())]))
        self.con.register("_split", split)
        self.con.execute("CREATE OR REPLACE TEMP TABLE dd_split AS SELECT * FROM _split")
        self.con.unregister("_split")

    # --- reading -----------------------------------------------------------------------

    def events(self, dyad: Sequence[str] | None = None, *, start: dt.date | str | None = None,
               end: dt.date | str | None = None, actor: str | None = None, happened: bool | None = True,
               limit: int | None = None, arrow: bool = False) -> Any:
        """Merged events as a pandas DataFrame (or a pyarrow Table with ``arrow=True``).

        ``dyad=("USA", "IRN")`` keeps events from the first side to the second
        (each a country code, or a sector code for actors without a country);
        ``actor`` keeps events with that actor on either side; ``start``/``end``
        bound the event date (inclusive); ``happened=True`` (the default) keeps
        asserted and claimed events only, ``False`` only the others, ``None`` all.
        Sorted by date, then event id.
        """
        where, params = self._event_filters(dyad, start, end, actor, happened)
        sql = f"SELECT * FROM events WHERE {' AND '.join(where) or 'true'} ORDER BY date, event_id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return self._fetch(sql, params, arrow)

    @staticmethod
    def _event_filters(dyad: Sequence[str] | None, start: Any, end: Any, actor: str | None,
                       happened: bool | None) -> tuple[list[str], list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        side = "({0}_country = ? OR ({0}_country IS NULL AND {0}_sector = ?))"
        if dyad is not None:
            if len(dyad) != 2:
                raise StoreError(f"a dyad is two actor codes, not {list(dyad)!r}", where="dyad",
                                 fix="give e.g. ('USA', 'IRN'): source first, then target")
            where += [side.format("source"), side.format("target")]
            params += [dyad[0], dyad[0], dyad[1], dyad[1]]
        if actor:
            where.append(f"({side.format('source')} OR {side.format('target')})")
            params += [actor] * 4
        for value, op, name in ((start, ">=", "start"), (end, "<=", "end")):
            if value is not None:
                where.append(f"date {op} ?")
                params.append(_as_date(value, name))
        if happened is not None:
            where.append("happened = ?")
            params.append(happened)
        return where, params

    def mentions(self, *, event_id: str | None = None, doc_id: str | None = None, arrow: bool = False) -> Any:
        """Mention rows with their evidence, for one event or one document (or all)."""
        sql = "SELECT m.*, l.event_id FROM mentions m LEFT JOIN event_mentions l USING (mention_id)"
        where, params = [], []
        if event_id is not None:
            where.append("l.event_id = ?")
            params.append(event_id)
        if doc_id is not None:
            where.append("m.doc_id = ?")
            params.append(doc_id)
        sql += (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY m.doc_id, m.sentence_index, m.mention_id"
        return self._fetch(sql, params, arrow)

    def daily_counts(self, *, end: dt.date | str | None = None) -> Any:
        """Happened, day-dated events counted per day, directed dyad and quad class (a pandas DataFrame).

        Columns ``date``, ``source``, ``target`` (each side's country, else its sector),
        ``quad_class``, ``n`` and ``goldstein_sum``; events up to ``end`` (inclusive).
        """
        params: list[Any] = []
        where = ["happened", "date IS NOT NULL", "coalesce(date_precision, 'day') IN ('day', 'unknown')",
                 "coalesce(source_country, source_sector) IS NOT NULL",
                 "coalesce(target_country, target_sector) IS NOT NULL"]
        if end is not None:
            where.append("date <= ?")
            params.append(_as_date(end, "end"))
        sql = f"""SELECT date, coalesce(source_country, source_sector) AS source,
                         coalesce(target_country, target_sector) AS target, quad_class,
                         count(*)::INTEGER AS n, coalesce(sum(goldstein), 0.0) AS goldstein_sum
                  FROM events WHERE {' AND '.join(where)} GROUP BY ALL ORDER BY ALL"""
        return self._fetch(sql, params, False)

    def first_day(self) -> dt.date | None:
        """The date of the store's earliest event dated to a day (None when it has none)."""
        return self.con.execute("""SELECT min(date) FROM events
            WHERE coalesce(date_precision, 'day') IN ('day', 'unknown')""").fetchall()[0][0]

    def documents(self, *, status: str | None = None, arrow: bool = False) -> Any:
        sql = "SELECT * EXCLUDE (text) FROM documents" + (" WHERE status = ?" if status else "") + " ORDER BY doc_id"
        return self._fetch(sql, [status] if status else [], arrow)

    def counts(self) -> dict[str, int]:
        """Rows per table, and failed documents."""
        out = {t: self._count(t) for t in ("documents", "mentions", "events")}
        out["failed"] = self._scalar("SELECT count(*) FROM documents WHERE status = 'failed'")
        return out

    def _fetch(self, sql: str, params: list[Any], arrow: bool) -> Any:
        rel = self.con.sql(sql, params=params)
        return rel.to_arrow_table() if arrow else rel.df()

    def _count(self, table: str) -> int:
        return self._scalar(f"SELECT count(*) FROM {table}")

    def _scalar(self, sql: str) -> int:
        return int(self.con.execute(sql).fetchall()[0][0])


def _as_date(value: Any, name: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise StoreError(f"{value!r} is not a date", where=name, fix="write dates as YYYY-MM-DD") from None


# Orderings as struct keys for arg_min_null (lexicographic; cheaper than ordered aggregates).
_CONF = "'c': -coalesce(confidence, -1e308), 'id': mention_id"
_R = f"{{'n': -cameo_n, 'p': prec_rank, {_CONF}}}"                       # representative mention
_L = (f"{{'coarse': coalesce(place_admin1, '') = '', 'nl': lat IS NULL OR lon IS NULL, "
      f"'pn': place_name IS NULL, 'n': -cameo_n, 'p': prec_rank, {_CONF}}}")  # best-placed: finest place first
_D = "{'p': prec_rank, 'd': coalesce(date, DATE '9999-12-31'), 'id': mention_id}"   # best-dated mention
_HAPPENED = f"coalesce(modality, 'asserted') IN {tuple(sorted(HAPPENED))}"


def _mode(col: str, n: str) -> str:
    """The most frequent non-null value (alphabetically first on a tie)."""
    return f"arg_min_null({col}, {{'z': {col} IS NULL, 'n': -{n}, 'v': coalesce({col}, '')}})"


_SINGLE_SQL = f"""
SELECT d.event_id, source_country, source_sector, target_country, target_sector, cameo, plover_type, plover_mode,
    quad_class, goldstein, date, date_precision, coalesce(published, date), coalesce(published, date), 1,
    (coalesce(source_name, doc_id) IS NOT NULL)::INTEGER, (doc_id IS NOT NULL)::INTEGER,
    place_name, place_country, lat, lon, {_HAPPENED}, modality, confidence, origin, evidence_text
FROM mentions m JOIN dd_assign d USING (mention_id) WHERE d.size = 1"""

_MULTI_SQL = f"""
WITH a AS (
    SELECT m.*, d.event_id,
        count(*) OVER (PARTITION BY d.event_id, m.cameo) AS cameo_n,
        count(*) OVER (PARTITION BY d.event_id, m.source_sector) AS ssec_n,
        count(*) OVER (PARTITION BY d.event_id, m.target_sector) AS tsec_n,
        count(*) OVER (PARTITION BY d.event_id, m.modality) AS mod_n,
        CASE WHEN m.date IS NULL THEN 4 WHEN m.date_precision = 'month' THEN 1
             WHEN m.date_precision = 'year' THEN 2 WHEN m.date_precision = 'unknown' THEN 3 ELSE 0 END AS prec_rank
    FROM mentions m JOIN dd_assign d USING (mention_id) WHERE d.size > 1)
SELECT event_id,
    max(source_country), {_mode('source_sector', 'ssec_n')},
    max(target_country), {_mode('target_sector', 'tsec_n')},
    arg_min_null(cameo, {_R}), arg_min_null(plover_type, {_R}), arg_min_null(plover_mode, {_R}),
    arg_min_null(quad_class, {_R}), arg_min_null(goldstein, {_R}),
    arg_min_null(date, {_D}), arg_min_null(date_precision, {_D}),
    min(coalesce(published, date)), max(coalesce(published, date)),
    count(*)::INTEGER, count(DISTINCT coalesce(source_name, doc_id))::INTEGER, count(DISTINCT doc_id)::INTEGER,
    arg_min_null(place_name, {_L}), arg_min_null(place_country, {_L}),
    arg_min_null(lat, {_L}), arg_min_null(lon, {_L}),
    bool_or({_HAPPENED}), {_mode('modality', 'mod_n')}, max(confidence),
    string_agg(DISTINCT origin, ',' ORDER BY origin), arg_min_null(evidence_text, {_R})
FROM a GROUP BY event_id"""

# Single-mention events (most of them) are projected directly; the rest aggregated. Same values either way.
_EVENTS_SQL = f"SELECT * FROM ({_SINGLE_SQL} UNION ALL (SELECT * FROM ({_MULTI_SQL}))) ORDER BY 2, 4, 11, 1"
