"""Event tables as Parquet and flat CSV files, and MENTION_SCHEMA Parquet files back in.

The writers take any pyarrow table (the store's events, or MENTION_SCHEMA rows) and write it
as it is: Parquet keeps the types; CSV has a header row, ISO dates and RFC 4180 quoting.
"""
from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from ..errors import FormatError
from ..schema import MENTION_SCHEMA
from .common import ImportResult, check_path, conform


def write_parquet(table: pa.Table, path: str | Path) -> int:
    import pyarrow.parquet as pq

    pq.write_table(table, str(path), compression="zstd")
    return int(table.num_rows)


def write_csv(table: pa.Table, path: str | Path) -> int:
    import pyarrow.csv as pcsv

    pcsv.write_csv(table, str(path))
    return int(table.num_rows)


def read_mentions(path: str | Path) -> ImportResult:
    """MENTION_SCHEMA rows from a Parquet file (e.g. written by write_parquet from mention rows)."""
    import pyarrow.parquet as pq

    p = check_path(path)
    try:
        table = pq.read_table(p)
    except (pa.ArrowInvalid, OSError) as err:
        raise FormatError(f"not a readable Parquet file: {err}", where=str(p),
                          fix="give a Parquet file written by flashpoint or with MENTION_SCHEMA columns") from None
    unknown = [c for c in table.column_names if c not in MENTION_SCHEMA.names]
    if "mention_id" not in table.column_names or unknown:
        raise FormatError(f"columns are not MENTION_SCHEMA's (unknown: {unknown[:5]})", where=str(p),
                          fix="export mention rows, not merged events, to re-import them")
    try:
        return ImportResult(str(p), conform(table))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as err:
        raise FormatError(f"a column has the wrong type: {err}", where=str(p),
                          fix="write the file with flashpoint.schema.MENTION_SCHEMA types") from None
