"""Readers and writers for event formats: one module per format.

``records`` writes coded event records (JSONL, CSV, terminal table). The dataset modules read
other projects' event data into rows of :data:`flashpoint.schema.MENTION_SCHEMA` (an
:class:`~flashpoint.formats.scan.ImportResult`: the rows, and one
:class:`~flashpoint.errors.FormatError` per malformed line, which is skipped) and write events
out in those layouts:

=================  =========================================  ==============================
name               module                                     reads / writes
=================  =========================================  ==============================
gdelt              :mod:`flashpoint.formats.gdelt`            GDELT 1.0 / 2.0 events, both
gdelt-mentions     :mod:`flashpoint.formats.gdelt`            GDELT 2.0 Mentions, read
icews              :mod:`flashpoint.formats.icews`            ICEWS (Dataverse), read
acled              :mod:`flashpoint.formats.acled`            ACLED (older and current), read
polecat            :mod:`flashpoint.formats.polecat`          POLECAT / PLOVER, both
parquet, csv       :mod:`flashpoint.formats.parquet`          any table out; Parquet mentions in
=================  =========================================  ==============================

Modules load on first use (this package imports nothing heavy).
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from ..errors import FormatError

READERS: dict[str, tuple[str, str]] = {
    "gdelt": ("gdelt", "read_events"),
    "gdelt-mentions": ("gdelt", "read_mentions"),
    "icews": ("icews", "read_events"),
    "acled": ("acled", "read_events"),
    "polecat": ("polecat", "read_events"),
    "parquet": ("parquet", "read_mentions"),
}
STREAMS: dict[str, tuple[str, str]] = {
    "gdelt": ("gdelt", "stream_events"),
    "gdelt-mentions": ("gdelt", "stream_mentions"),
    "icews": ("icews", "stream_events"),
    "acled": ("acled", "stream_events"),
    "polecat": ("polecat", "stream_events"),
    "parquet": ("parquet", "stream_mentions"),
}
WRITERS: dict[str, tuple[str, str]] = {
    "parquet": ("parquet", "write_parquet"),
    "csv": ("parquet", "write_csv"),
    "gdelt": ("gdelt", "write_events"),
    "polecat": ("polecat", "write_events"),
}


def _lookup(table: dict[str, tuple[str, str]], name: str, what: str) -> Callable[..., Any]:
    if name not in table:
        raise FormatError(f"no {what} for format {name!r}", where="format",
                          fix=f"use one of {sorted(table)}")
    module, func = table[name]
    return getattr(importlib.import_module(f"{__name__}.{module}"), func)  # type: ignore[no-any-return]


def reader(name: str) -> Callable[..., Any]:
    """The read function of a format: ``reader("gdelt")(path) -> ImportResult``."""
    return _lookup(READERS, name, "reader")


def streamer(name: str) -> Callable[..., Any]:
    """The streaming read function of a format: ``streamer("gdelt")(path, batch_rows=...)`` gives an
    :class:`~flashpoint.formats.scan.ImportStream` (batches of rows in bounded memory)."""
    return _lookup(STREAMS, name, "reader")


def writer(name: str) -> Callable[..., Any]:
    """The write function of a format: ``writer("gdelt")(table, path) -> rows written``."""
    return _lookup(WRITERS, name, "writer")
