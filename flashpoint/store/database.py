"""The :class:`Store`: one DuckDB file of documents, mentions and merged events (see the package doc)."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from ..dedup import DEFAULT_RULE, DedupRule
from ..errors import StoreError
from ..model import Document
from ..pipeline import Failure
from ..progress import begin
from ..schema import MENTION_SCHEMA
from . import merge
from .ddl import create_tables
from .faults import MEMORY_LIMIT, translated
from .documents import derive_documents, insert_documents, queue_rows
from .reads import StoreReads
from .rows import DOCUMENT_SCHEMA, coded_tables, conform

DEFAULT_DB = "flashpoint.duckdb"
# DuckDB threads of a store opened for writing; unset: DuckDB's default (one per core). One thread
# costs ~10% less CPU per import and takes ~10% longer on this 2-core machine (docs/import.md).
WRITE_THREADS = os.environ.get("FLASHPOINT_DB_WRITE_THREADS", "")


def _write_threads() -> int | None:
    """DuckDB threads of a writing store, from FLASHPOINT_DB_WRITE_THREADS (checked: a clear error);
    None when it is unset (DuckDB's default)."""
    if not WRITE_THREADS:
        return None
    if not WRITE_THREADS.isdigit() or int(WRITE_THREADS) < 1:
        raise StoreError(f"FLASHPOINT_DB_WRITE_THREADS is {WRITE_THREADS!r}, not a number of threads",
                         where="environment", fix="set it to a whole number of at least 1, or unset it")
    return int(WRITE_THREADS)


@dataclass(frozen=True)
class LoadedQuery:
    """What :meth:`Store.load_query` did: mentions added (every row the query gave: it loads
    only new ids), and the lines its scans rejected (rows of DuckDB's ``reject_errors``: line,
    byte position, column, error type, message)."""

    added: int
    rejects: list[tuple[Any, ...]]


class Store(StoreReads):
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
