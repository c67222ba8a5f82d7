"""Event tables as Parquet and flat CSV files, and MENTION_SCHEMA Parquet files back in.

The writers take any pyarrow table (the store's events, or MENTION_SCHEMA rows) and write it
as it is: Parquet keeps the types; CSV has a header row, ISO dates and RFC 4180 quoting.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa

from ..errors import FormatError
from ..schema import MENTION_SCHEMA
from .cells import safe_table
from .common import conform
from .scan import BATCH_ROWS, ImportResult, check_path


def write_parquet(table: pa.Table, path: str | Path) -> int:
    import pyarrow.parquet as pq

    pq.write_table(table, str(path), compression="zstd")
    return int(table.num_rows)


def write_csv(table: pa.Table, path: str | Path) -> int:
    """A flat CSV file; text cells a spreadsheet would run as a formula are neutralised (see cells)."""
    import pyarrow.csv as pcsv

    pcsv.write_csv(safe_table(table), str(path))
    return int(table.num_rows)


def read_mentions(path: str | Path) -> ImportResult:
    """MENTION_SCHEMA rows from a Parquet file (e.g. written by write_parquet from mention rows)."""
    stream = stream_mentions(path)
    parts = list(stream)
    return ImportResult(str(stream.path), pa.concat_tables(parts) if parts else MENTION_SCHEMA.empty_table())


class ParquetStream:
    """The rows of a MENTION_SCHEMA Parquet file in batches (the interface of ImportStream)."""

    def __init__(self, path: str | Path, *, batch_rows: int = BATCH_ROWS):
        import pyarrow.parquet as pq

        self.path = check_path(path)
        self.batch_rows = batch_rows
        self.errors: tuple[FormatError, ...] = ()
        self.rows = 0
        try:
            self.file = pq.ParquetFile(self.path)
        except (pa.ArrowInvalid, OSError) as err:
            raise FormatError(f"not a readable Parquet file: {err}", where=str(self.path),
                              fix="give a Parquet file written by flashpoint or with MENTION_SCHEMA columns") from None
        self.estimated_rows = self.file.metadata.num_rows
        names = self.file.schema_arrow.names
        unknown = [c for c in names if c not in MENTION_SCHEMA.names]
        if "mention_id" not in names or unknown:
            raise FormatError(f"columns are not MENTION_SCHEMA's (unknown: {unknown[:5]})", where=str(self.path),
                              fix="export mention rows, not merged events, to re-import them")

    def __iter__(self) -> Iterator[pa.Table]:
        for batch in self.file.iter_batches(batch_size=self.batch_rows):
            try:
                table = conform(pa.Table.from_batches([batch]))
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as err:
                raise FormatError(f"a column has the wrong type: {err}", where=str(self.path),
                                  fix="write the file with flashpoint.schema.MENTION_SCHEMA types") from None
            self.rows += table.num_rows
            yield table


def stream_mentions(path: str | Path, *, batch_rows: int = BATCH_ROWS) -> ParquetStream:
    """Stream MENTION_SCHEMA rows from a Parquet file in batches."""
    return ParquetStream(path, batch_rows=batch_rows)
