"""The :class:`Store`: one DuckDB file of documents, mentions and merged events (see the package doc)."""
from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pyarrow as pa
import pyarrow.compute as pc

from ..dedup import DEFAULT_RULE, DedupRule
from ..errors import StoreError
from ..model import Document
from ..pipeline import Failure
from ..progress import begin
from ..schema import MENTION_SCHEMA
from . import merge, queries
from .ddl import create_tables
from .documents import derive_documents, insert_documents, queue_rows
from .queries import DateLike
from .rows import DOCUMENT_SCHEMA, coded_tables, conform

if TYPE_CHECKING:
    import pandas as pd

DEFAULT_DB = "flashpoint.duckdb"
MEMORY_LIMIT = os.environ.get("FLASHPOINT_DB_MEMORY", "512MB")  # DuckDB's own memory; it spills beyond
# DuckDB threads of a store opened for writing; unset: DuckDB's default (one per core). One thread
# costs ~10% less CPU per import and takes ~10% longer on this 2-core machine (docs/import.md).
WRITE_THREADS = os.environ.get("FLASHPOINT_DB_WRITE_THREADS", "")
F = TypeVar("F", bound=Callable[..., Any])


def _write_threads() -> int | None:
    """DuckDB threads of a writing store, from FLASHPOINT_DB_WRITE_THREADS (checked: a clear error);
    None when it is unset (DuckDB's default)."""
    if not WRITE_THREADS:
        return None
    if not WRITE_THREADS.isdigit() or int(WRITE_THREADS) < 1:
        raise StoreError(f"FLASHPOINT_DB_WRITE_THREADS is {WRITE_THREADS!r}, not a number of threads",
                         where="environment", fix="set it to a whole number of at least 1, or unset it")
    return int(WRITE_THREADS)


def fix_for(err: Exception) -> str:
    """What a user can do about a DuckDB error."""
    import duckdb

    text = str(err).lower()
    if isinstance(err, duckdb.OutOfMemoryException):
        return ("free memory, or give DuckDB more with the environment variable FLASHPOINT_DB_MEMORY "
                f"(now {MEMORY_LIMIT}); a smaller --batch-size also helps")
    if isinstance(err, (duckdb.IOException, duckdb.SerializationException, duckdb.InternalException)) or \
            "corrupt" in text or "checksum" in text:
        return ("the store file is damaged or unreadable: restore it from a backup, or build a new store "
                "(run the same 'flashpoint import'/'ingest' commands with a new --db)")
    return "check the command's options; if the error persists, build a new store with a new --db"


def translated(action: str) -> Callable[[F], F]:
    """Method decorator: a DuckDB error becomes a StoreError naming the store file and a fix."""
    def decorate(method: F) -> F:
        @functools.wraps(method)
        def wrapper(self: Store, *args: Any, **kwargs: Any) -> Any:
            import duckdb

            try:
                return method(self, *args, **kwargs)
            except duckdb.Error as err:
                raise StoreError(f"{action} failed: {err}", where=self.path, fix=fix_for(err)) from None
        return wrapper  # type: ignore[return-value]
    return decorate


@dataclass(frozen=True)
class LoadedQuery:
    """What :meth:`Store.load_query` did: mentions added (every row the query gave: it loads
    only new ids), and the lines its scans rejected (rows of DuckDB's ``reject_errors``: line,
    byte position, column, error type, message)."""

    added: int
    rejects: list[tuple[Any, ...]]


class Store:
    """A flashpoint DuckDB file: write coded documents or imported rows, query events.

    ``Store(path)`` opens (creating when absent) the file; ``read_only=True``
    opens an existing file for queries only. Use it as a context manager or
    call :meth:`close`. One process writes at a time (DuckDB's file lock).
    """

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False,
                 rule: DedupRule = DEFAULT_RULE):
        self.path = str(path)
        self.rule = rule
        if read_only and not Path(self.path).exists():
            raise StoreError("no store at this path", where=self.path,
                             fix="run 'flashpoint ingest PATH --db FILE' first, or pass the right --db")
        self.notes: list[str] = []  # what a reader should know (e.g. merges repaired at open)
        self.con = self._connect(read_only)
        if not read_only:
            self._setup(create_tables)
        elif self._pending():
            self._repair()
        self.keyed_mentions = self._keyed()

    def _connect(self, read_only: bool) -> Any:
        import duckdb

        threads = None if read_only else _write_threads()
        try:
            con = duckdb.connect(self.path, read_only=read_only)
            con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
            con.execute("SET preserve_insertion_order = false")  # every read has its ORDER BY
            if threads:
                con.execute(f"SET threads = {threads}")
            return con
        except duckdb.Error as err:
            raise StoreError(f"cannot open the store: {err}", where=self.path,
                             fix="check the path; close other programs writing to it") from None

    @translated("preparing the store's tables")
    def _setup(self, create: Callable[[Any], None]) -> None:
        create(self.con)

    @translated("reading the store")
    def _pending(self) -> int:
        """Dyads and documents queued by a write whose merge step did not run (0 in a healthy store)."""
        have = {r[0] for r in self.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        return sum(self._scalar(f"SELECT count(*) FROM {t}")
                   for t in ("pending_blocks", "pending_documents", "pending_rows") if t in have)

    @translated("reading the store")
    def _keyed(self) -> bool:
        """Whether ``mentions`` has a key (a store made before it lost it, see ``ddl``): a loading
        transaction then holds a key entry per row."""
        return bool(self._scalar("SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'mentions' "
                                 "AND constraint_type = 'PRIMARY KEY'"))

    def _repair(self) -> None:
        """Finish the merges an interrupted write left pending (no writer holds the file: it opened)."""
        n = self._pending()
        self.con.close()
        try:
            with Store(self.path, rule=self.rule) as writer:
                writer.refresh_events()
            self.notes.append(f"an interrupted import or ingest had left {n} merge step(s) pending; "
                              "they were completed now")
        except StoreError as err:
            self.notes.append(f"{n} merge step(s) are pending (an import or ingest was interrupted) and could "
                              f"not be completed ({err}): events may be missing until 'flashpoint import' or "
                              "'ingest' runs again on this store")
        self.con = self._connect(True)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # --- writing -----------------------------------------------------------------------

    @translated("writing to the store")
    def write_batch(self, documents: pa.Table | None, mentions: pa.Table, *, dataset: str | None = None,
                    refresh: bool = False) -> int:
        """Store documents and their mentions in one transaction; returns mentions added.

        A document already stored as 'ok' is kept as it is; a 'failed' one is
        replaced (a retry may succeed). Mentions whose id is stored are skipped.
        With ``documents=None`` document rows are derived from the mentions
        (see :meth:`load_mentions`) at the next :meth:`refresh_events`.
        """
        mentions = conform(mentions, MENTION_SCHEMA, what="mention")
        docs = None if documents is None else conform(documents, DOCUMENT_SCHEMA, what="document")
        unique = pc.count_distinct(mentions.column("mention_id")).as_py() == mentions.num_rows
        c = self.con
        c.begin()
        try:
            c.register("_batch_mentions", mentions)
            if docs is not None:
                c.register("_batch_docs", docs)
                insert_documents(c, "_batch_docs")
            added = merge.insert_new_mentions(c, "_batch_mentions", unique=unique, derive_documents=docs is None,
                                              dataset=dataset)
            c.commit()
        except Exception:
            c.rollback()
            raise
        finally:
            for name in ("_batch_docs", "_batch_mentions"):
                c.unregister(name)
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
        the same rows. With ``refresh`` the merged events (and derived document
        rows) are brought up to date at the end (else call :meth:`refresh_events`
        after the last load). For a file of any size use :meth:`load_stream`.
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

    @translated("loading rows into the store")
    def load_stream(self, batches: Iterable[pa.Table], *, dataset: str | None = None,
                    progress: Callable[[int], Any] | None = None, refresh: bool = True) -> int:
        """Load mention rows arriving in batches (e.g. a :class:`flashpoint.formats.scan.ImportStream`),
        one transaction each, in memory bounded by the batch size; returns mentions added.

        The rules of :meth:`load_mentions` apply; ``progress(n)`` is called
        after each batch with its number of rows.
        """
        added = 0
        for batch in batches:
            added += self.write_batch(None, batch, dataset=dataset)
            if progress is not None:
                progress(batch.num_rows)
        if refresh:
            self.refresh_events()
        return added

    @translated("loading rows into the store")
    def load_query(self, sql: str, *, tables: Mapping[str, pa.Table] | None = None,
                   dataset: str | None = None) -> LoadedQuery | None:
        """Insert the rows of one DuckDB query (MENTION_SCHEMA columns in order, e.g. a scan of a
        file: see :meth:`flashpoint.formats.scan.ImportStream.load_into`) in one transaction,
        without passing them through Python, and queue them for the merge. The rules of
        :meth:`load_mentions` apply.

        Returns None, having written nothing, when a row's mention id is stored already or
        repeated in the query (checked set-based after the insert, :func:`merge.clashes`; in a
        store made before ``mentions`` lost its key, the key may refuse the row first), or when the
        statement runs out of memory: then load its rows with :meth:`load_stream`, in batches,
        keeping one row per id. ``tables`` are registered for the query. Joins run in the
        order written (a scan's size is unknown to DuckDB; see ``formats.scan._scan``).
        """
        import duckdb

        c = self.con
        for name, table in (tables or {}).items():
            c.register(name, table)
        for t in ("reject_errors", "reject_scans"):  # a scan with store_rejects adds to these
            c.execute(f"DROP TABLE IF EXISTS temp.{t}")
        c.execute("SET disabled_optimizers = 'build_side_probe_side'")
        c.begin()
        try:
            before = self._count("mentions")
            added = self._scalar(f"INSERT INTO mentions {sql}")
            c.execute("RESET disabled_optimizers")  # the checks below build their joins on the smaller side
            # mentions are never deleted, so stored rows have row ids below `before`: the new rows are the rest
            if merge.clashes(c, before):
                c.rollback()
                return None
            merge.queue_changes(c, f"(SELECT * FROM mentions WHERE rowid >= {before})", derive_documents=False,
                                dataset=dataset)
            queue_rows(c, before, before + added, dataset)  # their doc ids: by row ids, not a DISTINCT
            c.commit()
        except (duckdb.ConstraintException, duckdb.OutOfMemoryException):
            c.rollback()
            return None
        except BaseException:
            c.rollback()
            raise
        finally:
            c.execute("RESET disabled_optimizers")
            for name in tables or {}:
                c.unregister(name)
        have = {r[0] for r in c.execute("SELECT table_name FROM duckdb_tables() WHERE temporary").fetchall()}
        rejects = c.execute("SELECT line, line_byte_position, column_name, error_type, error_message "
                            "FROM reject_errors ORDER BY line").fetchall() if "reject_errors" in have else []
        return LoadedQuery(added, rejects)

    @translated("loading rows into the store")
    def load_parquet(self, documents: str | Path, mentions: str | Path) -> int:
        """Load one Parquet part pair (as written by a Dask worker) in one transaction."""
        import pyarrow.parquet as pq

        return self.write_batch(pq.read_table(documents), pq.read_table(mentions))

    @translated("reading the store")
    def ok_doc_ids(self) -> set[str]:
        """Ids of documents already stored with status 'ok' (an ingest skips them)."""
        return {r[0] for r in self.con.execute("SELECT doc_id FROM documents WHERE status = 'ok'").fetchall()}

    # --- events ------------------------------------------------------------------------

    @translated("merging mentions into events")
    def refresh_events(self, *, progress: Callable[[int], Any] | None = None) -> int:
        """Re-derive the events of every dyad touched since the last refresh; returns their number.

        One transaction: old events and links of those dyads are deleted and
        rebuilt from all their mentions, so the result never depends on the
        order or batching in which mentions arrived. Document rows of loaded
        dataset rows are derived first (in their own transaction). ``progress`` is
        advanced with mentions merged; a :class:`flashpoint.progress.Phased` one also
        gets each phase's name ("deriving documents", then those of :func:`merge.refresh_events`).
        """
        begin(progress, "deriving documents", None, unit="documents")
        derive_documents(self.con)
        return merge.refresh_events(self.con, self.rule, progress=progress)

    @translated("merging mentions into events")
    def rebuild_events(self) -> int:
        """Re-derive all events from all mentions (e.g. after changing the rule)."""
        merge.queue_all_blocks(self.con)
        return self.refresh_events()

    @translated("sorting the events table")
    def optimize(self) -> None:
        """Rewrite the events table sorted by dyad and date (refreshes append; sorted rows query faster)."""
        merge.sort_events(self.con)

    # --- reading -----------------------------------------------------------------------

    def events(self, dyad: Sequence[str] | None = None, *, start: DateLike = None, end: DateLike = None,
               actor: str | None = None, happened: bool | None = True, limit: int | None = None) -> pd.DataFrame:
        """Merged events as a pandas DataFrame (columns of :data:`flashpoint.schema.EVENT_SCHEMA`).

        ``dyad=("USA", "IRN")`` keeps events from the first side to the second
        (each a country code, or a sector code for actors without a country);
        ``actor`` keeps events with that actor on either side; ``start``/``end``
        bound the event date (inclusive); ``happened=True`` (the default) keeps
        asserted and claimed events only, ``False`` only the others, ``None`` all.
        Sorted by date, then event id.
        """
        return self._frame(queries.events(dyad, start=start, end=end, actor=actor, happened=happened, limit=limit))

    def events_arrow(self, dyad: Sequence[str] | None = None, *, start: DateLike = None, end: DateLike = None,
                     actor: str | None = None, happened: bool | None = True, limit: int | None = None) -> pa.Table:
        """The rows of :meth:`events` as a pyarrow Table."""
        return self._arrow(queries.events(dyad, start=start, end=end, actor=actor, happened=happened, limit=limit))

    def dyad_events(self, a: str, b: str, *, start: DateLike = None, end: DateLike = None,
                    happened: bool | None = True) -> pd.DataFrame:
        """Events between ``a`` and ``b`` in both directions: a to b first, then b to a, each by date."""
        return self._frame(queries.dyad_events(a, b, start=start, end=end, happened=happened))

    def actor_events(self, actors: Sequence[str], *, start: DateLike = None, end: DateLike = None,
                     happened: bool | None = True, quad_class: int | None = None,
                     columns: Sequence[str] | None = None, sources_only: bool = False) -> pd.DataFrame:
        """Events with any of ``actors`` on either side (only as source with ``sources_only``), each
        once (grouped by the first of ``actors`` it has, in the order given, then by date); only one
        quad class when ``quad_class``, only the named ``columns`` when given."""
        return self._frame(queries.actor_events(actors, start=start, end=end, happened=happened,
                                                quad_class=quad_class, columns=columns,
                                                sources_only=sources_only))

    def mentions(self, *, event_id: str | None = None, doc_id: str | None = None) -> pd.DataFrame:
        """Mention rows with their evidence and ``event_id``, for one event or one document (or all)."""
        return self._frame(queries.mentions(event_id=event_id, doc_id=doc_id))

    def mentions_arrow(self, *, event_id: str | None = None, doc_id: str | None = None) -> pa.Table:
        """The rows of :meth:`mentions` as a pyarrow Table."""
        return self._arrow(queries.mentions(event_id=event_id, doc_id=doc_id))

    @translated("reading the store")
    def report_texts(self, event_ids: Sequence[str]) -> list[tuple[Any, ...]]:
        """(event id, trigger, text, whole document?) rows of what reports these events (queries.report_texts)."""
        return self.con.execute(*queries.report_texts(event_ids)).fetchall() if len(event_ids) else []

    def documents(self, *, status: str | None = None) -> pd.DataFrame:
        """Document rows (without their text), optionally only those with ``status`` 'ok' or 'failed'."""
        return self._frame(queries.documents(status=status))

    def documents_arrow(self, *, status: str | None = None) -> pa.Table:
        """The rows of :meth:`documents` as a pyarrow Table."""
        return self._arrow(queries.documents(status=status))

    @translated("reading the store")
    def dataset_rows(self, origin: str, origin_ids: pa.Array | pa.ChunkedArray) -> pa.Table:
        """A dataset's own stored rows (e.g. GDELT events: origin 'gdelt', mention id 'gdelt:...')
        with these ids in the dataset, as a pyarrow Table in MENTION_SCHEMA columns."""
        self.con.register("_ids", pa.table({"origin_id": pc.unique(origin_ids)}))
        try:
            return self._arrow(queries.dataset_rows(origin, "_ids"))
        finally:
            self.con.unregister("_ids")

    def daily_counts(self, *, end: DateLike = None) -> pd.DataFrame:
        """Happened, day-dated events per day, directed dyad and quad class (see queries.daily_counts)."""
        return self._frame(queries.daily_counts(end=end))

    @translated("reading the store")
    def first_day(self) -> Any:
        """The date of the store's earliest event dated to a day (None when it has none)."""
        return self.con.execute(*queries.first_day()).fetchall()[0][0]

    @translated("reading the store")
    def counts(self) -> dict[str, int]:
        """Rows per table, and failed documents."""
        out = {t: self._count(t) for t in ("documents", "mentions", "events")}
        out["failed"] = self._scalar("SELECT count(*) FROM documents WHERE status = 'failed'")
        return out

    @translated("reading the store")
    def _frame(self, query: queries.Query) -> pd.DataFrame:
        return self.con.sql(query[0], params=query[1]).df()

    @translated("reading the store")
    def _arrow(self, query: queries.Query) -> pa.Table:
        return self.con.sql(query[0], params=query[1]).to_arrow_table()

    def _count(self, table: str) -> int:
        return self._scalar(f"SELECT count(*) FROM {table}")

    def _scalar(self, sql: str) -> int:
        return merge.scalar(self.con, sql)
