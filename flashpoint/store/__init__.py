"""The store: one DuckDB file of documents, mentions and merged events, with provenance.

This package holds every SQL statement flashpoint runs on a store; nothing else
writes to it or queries it. Tables:

``documents``
    one row per input document (``doc_id``: the id given in the input, else a
    hash of the text): where it came from, publication date, outlet, URL,
    ``status`` ('ok' or 'failed') and, for failures, the stage and error.
``mentions``
    one row per coded sentence-level event or imported dataset row, in the
    columns of :data:`flashpoint.schema.MENTION_SCHEMA`, one per ``mention_id``
    (a content hash; kept unique by the writers, without an index: see
    :mod:`flashpoint.store.ddl`); each keeps its evidence (doc, sentence, offsets, text).
``events``
    mentions merged into real-world events by the rule in
    :mod:`flashpoint.dedup` (``docs/dedup.md``), in the columns of
    :data:`flashpoint.schema.EVENT_SCHEMA`; ``event_mentions`` links them.

Writing is crash safe and idempotent: each batch of documents and their
mentions is one transaction; a mention id already stored is skipped; the
dyads a batch touched are queued (in the same transaction) and
:meth:`Store.refresh_events` re-derives their events from their mentions in one
more transaction. Killing a write at any point and running it again therefore
ends with exactly the rows of an uninterrupted run.

Loading rows from elsewhere (dataset importers)::

    with Store("flashpoint.duckdb") as store:
        store.load_mentions(table)            # a pyarrow Table in MENTION_SCHEMA

Modules: :mod:`.rows` (Arrow rows from coded documents; pure, used on Dask
workers), :mod:`.ddl` (tables from the declared schemas), :mod:`.database`
(:class:`Store`: opening, writes and merges), :mod:`.reads` (the store's reads, a part of
:class:`Store`), :mod:`.faults` (DuckDB errors as store errors with a fix), :mod:`.merge` (mentions into events, in
SQL), :mod:`.documents` (document rows of loaded dataset rows, in SQL) and :mod:`.queries`
(the SQL of the reads).
"""
from __future__ import annotations

from .database import DEFAULT_DB, Store
from .rows import DOCUMENT_SCHEMA, coded_tables, conform, document_row, failure_row

__all__ = ["DEFAULT_DB", "DOCUMENT_SCHEMA", "Store", "coded_tables", "conform", "document_row", "failure_row"]
