"""Every pair's daily counts saved beside the store, so that a new report day does not read the store again.

The forecaster of a report day is fitted on every pair's daily counts (:meth:`Store.daily_counts`);
on a ten-million-event store that read takes most of the fit's time. The counts are saved beside
the store (``STORE.daily-counts.parquet``, written whole as :func:`.beside.write_whole` writes,
mode 0644) with the store's change marker (:meth:`Store.events_version`) in the file's metadata.
While the store's marker is the one saved, the file answers; any write to the events table renews
the marker (its row count is part of it), so a changed store is read again and the file replaced.
A store without a marker (made before markers) or without a file (the web server's snapshot) is
always read. Only one file is kept per store: each save replaces the last.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

MARKER = b"flashpoint.events_version"
DTYPES = b"flashpoint.dtypes"          # the read's pandas dtypes, restored exactly (a saved forecaster's
                                       # fingerprint hashes the frame, so int8 must not come back as Int8)


def counts_path(db: str | Path) -> Path:
    """Where a store's daily counts are saved: next to the store file."""
    db = Path(db)
    return db.with_name(f"{db.name}.daily-counts.parquet")


def daily_counts(store: Any, beside: str | Path | None, *, end: object = None) -> tuple[pd.DataFrame, str]:
    """The store's daily counts up to ``end`` (as ``store.daily_counts(end=end)`` gives them), from the file
    saved beside the store ``beside`` when it was saved under the store's present marker, else read
    from the store (all days) and saved; and a note saying which."""
    version = store.events_version()
    if beside is None or version is None:
        return store.daily_counts(end=end), "daily counts read from the store"
    path = counts_path(beside)
    counts = _read(path, version)
    note = f"daily counts read from {path}"
    if counts is None:
        counts = store.daily_counts()
        note = "daily counts read from the store"
        try:
            _write(counts, path, version)
            note += f" and saved to {path}"
        except OSError as err:
            note += f" (not saved: {err})"
    if end is not None:
        counts = _as_read(up_to(counts, counts["date"] <= pd.Timestamp(end)))
    return counts, note


def up_to(frame: pd.DataFrame, keep: pd.Series) -> pd.DataFrame:
    """The rows of ``frame`` where ``keep`` (a boolean column of it) holds, with a new index from 0, as
    ``frame[keep].reset_index(drop=True)`` gives them; when they are its first rows (the counts are read
    in date order, so the rows up to a day are), a slice of it, without copying every column."""
    mask = keep.to_numpy(dtype=bool)
    k = int(mask.sum())
    if mask[:k].all() and isinstance(frame.index, pd.RangeIndex) and frame.index.start == 0 \
            and frame.index.step == 1:
        return frame.iloc[:k]
    return frame[mask].reset_index(drop=True)


def _as_read(counts: pd.DataFrame) -> pd.DataFrame:
    """The part of a read as the store gives it when read on its own: DuckDB gives a nullable integer
    column (``Int8``) only when the rows it returns hold a null, numpy's ``int8`` otherwise."""
    for name, dtype in counts.dtypes.items():
        if (isinstance(dtype, pd.api.extensions.ExtensionDtype) and pd.api.types.is_integer_dtype(dtype)
                and not counts[name].isna().any()):
            counts[name] = counts[name].astype(dtype.numpy_dtype)
    return counts


def _read(path: Path, version: str) -> pd.DataFrame | None:
    """The counts saved at ``path`` under the marker ``version``; None when absent, unreadable or of another."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if not path.exists():
        return None
    try:
        meta = pq.read_schema(path).metadata or {}
        if meta.get(MARKER) != version.encode():
            return None
        return pq.read_table(path).to_pandas().astype(json.loads(meta[DTYPES]))
    except (OSError, ValueError, KeyError, TypeError, pa.ArrowException):
        return None  # unreadable (truncated, not Parquet, no dtypes): read from the store again


def _write(counts: pd.DataFrame, path: Path, version: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .beside import write_whole

    table = pa.Table.from_pandas(counts, preserve_index=False)
    dtypes = json.dumps({c: str(t) for c, t in counts.dtypes.items()}).encode()
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), MARKER: version.encode(), DTYPES: dtypes})
    write_whole(path, lambda tmp: pq.write_table(table, tmp))
