"""The :class:`Store`: one DuckDB file of documents, mentions and merged events (see the package doc)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.compute as pc

from ..dedup import DEFAULT_RULE, DedupRule
from ..errors import StoreError
from ..model import Document
from ..pipeline import Failure
from ..schema import MENTION_SCHEMA
from . import merge, queries
from .ddl import create_tables
from .queries import DateLike
from .rows import DOCUMENT_SCHEMA, coded_tables, conform

if TYPE_CHECKING:
    import pandas as pd

DEFAULT_DB = "flashpoint.duckdb"


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
            create_tables(self.con)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

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
        return merge.refresh_events(self.con, self.rule)

    def rebuild_events(self) -> int:
        """Re-derive all events from all mentions (e.g. after changing the rule)."""
        merge.queue_all_blocks(self.con)
        return self.refresh_events()

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
                     happened: bool | None = True) -> pd.DataFrame:
        """Events with any of ``actors`` on either side, each once (grouped by the first of ``actors``
        it has, in the order given, then by date)."""
        return self._frame(queries.actor_events(actors, start=start, end=end, happened=happened))

    def mentions(self, *, event_id: str | None = None, doc_id: str | None = None) -> pd.DataFrame:
        """Mention rows with their evidence and ``event_id``, for one event or one document (or all)."""
        return self._frame(queries.mentions(event_id=event_id, doc_id=doc_id))

    def mentions_arrow(self, *, event_id: str | None = None, doc_id: str | None = None) -> pa.Table:
        """The rows of :meth:`mentions` as a pyarrow Table."""
        return self._arrow(queries.mentions(event_id=event_id, doc_id=doc_id))

    def documents(self, *, status: str | None = None) -> pd.DataFrame:
        """Document rows (without their text), optionally only those with ``status`` 'ok' or 'failed'."""
        return self._frame(queries.documents(status=status))

    def documents_arrow(self, *, status: str | None = None) -> pa.Table:
        """The rows of :meth:`documents` as a pyarrow Table."""
        return self._arrow(queries.documents(status=status))

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

    def first_day(self) -> Any:
        """The date of the store's earliest event dated to a day (None when it has none)."""
        return self.con.execute(*queries.first_day()).fetchall()[0][0]

    def counts(self) -> dict[str, int]:
        """Rows per table, and failed documents."""
        out = {t: self._count(t) for t in ("documents", "mentions", "events")}
        out["failed"] = self._scalar("SELECT count(*) FROM documents WHERE status = 'failed'")
        return out

    def _frame(self, query: queries.Query) -> pd.DataFrame:
        return self.con.sql(query[0], params=query[1]).df()

    def _arrow(self, query: queries.Query) -> pa.Table:
        return self.con.sql(query[0], params=query[1]).to_arrow_table()

    def _count(self, table: str) -> int:
        return self._scalar(f"SELECT count(*) FROM {table}")

    def _scalar(self, sql: str) -> int:
        return int(self.con.execute(sql).fetchall()[0][0])
