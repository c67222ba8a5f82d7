"""Rows for the store from coded documents and failures, and tables conformed to a schema.

Pure functions over Arrow (no database): Dask workers call :func:`coded_tables`
to write Parquet parts the store loads later.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyarrow as pa

from ..errors import StoreError
from ..model import Document
from ..pipeline import Failure
from ..schema import MENTION_SCHEMA, mention_row

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

