"""The store's tables, created from the declared schemas (:mod:`flashpoint.schema`).

``documents`` and ``mentions`` take their columns from :data:`~flashpoint.store.rows.DOCUMENT_SCHEMA`
and :data:`~flashpoint.schema.MENTION_SCHEMA`, ``events`` from :data:`~flashpoint.schema.EVENT_SCHEMA`;
a file written by an older schema gets the newer columns added, empty.

``mentions`` has no key: its writers keep ``mention_id`` unique set-based
(:func:`flashpoint.store.merge.insert_new_mentions`, :meth:`flashpoint.store.Store.load_query`). An
index on it (an ART of every id) cost 0.7 CPU-s per million imported rows and held a key entry per
row in the memory of a loading transaction, so files of more than 2M rows went in batch by batch.
``documents`` has no key either: its writers insert only doc ids not stored, by anti joins
(:mod:`flashpoint.store.documents`); the key on ``doc_id`` (URLs of about 100 characters for GDELT)
cost 0.25 CPU-s of the 0.85 that deriving the 227,000 documents of 1M GDELT rows takes, and 1.3-1.5
of 3.7-4.3 at 4M rows. A store made before keeps its keys: the writers never insert an id they
hold, so they only cost what they did (they are not rebuilt: that would rewrite the whole table).
"""
from __future__ import annotations

from typing import Any

import pyarrow as pa

from ..schema import EVENT_SCHEMA, MENTION_SCHEMA
from .rows import DOCUMENT_SCHEMA

SCHEMA_VERSION = "1"
EVENTS_VERSION = "events_version"   # the meta key of the events table's change marker (:func:`touch_events`)

DUCK_TYPES = {pa.string(): "VARCHAR", pa.int32(): "INTEGER", pa.int8(): "TINYINT", pa.float64(): "DOUBLE",
              pa.date32(): "DATE", pa.int64(): "BIGINT", pa.bool_(): "BOOLEAN"}


def columns_sql(schema: pa.Schema, *, key: str | None = None) -> str:
    """The column list of a CREATE TABLE for an Arrow schema ("event_id VARCHAR, ...")."""
    return ", ".join(f"{f.name} {DUCK_TYPES[f.type]}" + (" PRIMARY KEY" if f.name == key else "")
                     for f in schema)


def create_tables(con: Any) -> None:
    """Create the store's tables that are missing, and add columns a newer schema declares."""
    con.execute(f"CREATE TABLE IF NOT EXISTS documents ({columns_sql(DOCUMENT_SCHEMA)})")
    con.execute(f"CREATE TABLE IF NOT EXISTS mentions ({columns_sql(MENTION_SCHEMA)})")
    con.execute(f"CREATE TABLE IF NOT EXISTS events ({columns_sql(EVENT_SCHEMA)})")
    con.execute("CREATE TABLE IF NOT EXISTS event_mentions (event_id VARCHAR, mention_id VARCHAR)")
    con.execute("CREATE TABLE IF NOT EXISTS pending_blocks (skey VARCHAR, tkey VARCHAR, PRIMARY KEY (skey, tkey))")
    con.execute("CREATE TABLE IF NOT EXISTS pending_documents (doc_id VARCHAR, dataset VARCHAR)")
    # rows of a direct load whose doc ids await their document rows: row ids first_rid <= rowid < end_rid
    con.execute("CREATE TABLE IF NOT EXISTS pending_rows (first_rid BIGINT, end_rid BIGINT, dataset VARCHAR)")
    con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])
    con.execute("INSERT OR IGNORE INTO meta VALUES (?, ?)", [EVENTS_VERSION, new_marker()])
    for schema, table in ((MENTION_SCHEMA, "mentions"), (DOCUMENT_SCHEMA, "documents")):
        have = {r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()}
        for f in schema:  # a newer schema added a column: add it, empty, to an older file
            if f.name not in have:
                con.execute(f"ALTER TABLE {table} ADD COLUMN {f.name} {DUCK_TYPES[f.type]}")


def new_marker() -> str:
    """A fresh, never repeated marker of the events table's state (random: two copies of a store written
    apart never share one)."""
    import uuid

    return uuid.uuid4().hex


def touch_events(con: Any) -> None:
    """Give the events table a new change marker, inside the caller's transaction: every statement
    that changes ``events`` (:func:`.merge._refresh_chunk`, :func:`.merge.sort_events`) calls it, so
    what is saved beside a store keyed by the marker (its forecaster) is never taken for the store
    after a write. A store opened for writing gets its first marker from :func:`create_tables`."""
    con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [EVENTS_VERSION, new_marker()])
