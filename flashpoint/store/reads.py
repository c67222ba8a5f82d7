"""The store's reads: merged events, mentions, documents and counts, as pandas or Arrow.

:class:`StoreReads` is a part of :class:`flashpoint.store.Store` (and so of the web's
:class:`flashpoint.store.reader.StoreReader`): every method reads ``self.con`` through the SQL of
:mod:`.queries`, a DuckDB error becoming a :class:`flashpoint.errors.StoreError` that names the
store (``self.path``) and a fix.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.compute as pc

from . import merge, queries
from .faults import translated
from .queries import DateLike

if TYPE_CHECKING:
    import pandas as pd


class StoreReads:
    """Queries over an open store connection (``self.con``) of the file ``self.path``."""

    con: Any
    path: str

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

    def daily_counts(self, *, end: DateLike = None, pair: tuple[str, str] | None = None) -> pd.DataFrame:
        """Happened, day-dated events per day, directed dyad and quad class (see queries.daily_counts);
        with ``pair``, only those between its two actor codes."""
        return self._frame(queries.daily_counts(end=end, pair=pair))

    @translated("reading the store")
    def events_version(self) -> str | None:
        """A marker of the events table's state, read without a scan: every write to the table gives it
        a new random part (:func:`.ddl.touch_events`), and the table's row count is part of it, so a
        write by a program that does not renew the marker is still seen when it adds or removes events.
        None for a store that no writer of this version has opened (it has no marker yet)."""
        token, rows = self.con.execute(*queries.events_version()).fetchall()[0]
        return None if token is None else f"{token}:{rows}"

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
