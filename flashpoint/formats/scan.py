"""Reading a dataset file in bounded memory: a plan (one DuckDB query over ``read_csv``) run as a
stream of Arrow batches, each finished into MENTION_SCHEMA rows (the GDELT, ICEWS, ACLED and
POLECAT queries give those rows themselves: free-text columns are joined with lookup tables,
:mod:`flashpoint.formats.lookups`; ``finish`` only conforms the columns), or inserted by the
store straight from the scan (:meth:`ImportStream.load_into`).

A reader module describes a file with a :class:`Plan` (the SQL of the scan, the lookup tables
it joins, and a ``finish`` function applied to each batch); :func:`streaming` turns the plan
into an :class:`ImportStream`, which yields tables of at most ``batch_rows`` rows whatever the
size of the file, and :func:`reading` into the classic whole-file ``read_*`` function returning
an :class:`ImportResult`. A malformed row lands in DuckDB's rejects table and becomes a
:class:`~flashpoint.errors.FormatError` naming its file and line once the stream is exhausted.

Paths reach DuckDB literally: a file name with glob characters (``we*rd.tsv``) is read through
a link with a plain name, and a ``.zip`` or ``.gz`` is unpacked to a temporary file first;
errors name the file the user gave.
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from ..errors import FormatError, MissingPath
from ..progress import begin
from ..schema import MENTION_SCHEMA
from .common import conform_sql

if TYPE_CHECKING:
    from ..store import Store

BATCH_ROWS = 122_880  # one DuckDB row group: a batch's transaction writes it to the file, not to the WAL
SCAN_MEMORY = "128MB"    # DuckDB's own limit for a scan (it streams; lookup tables are small)
# In a store made before `mentions` lost its key, files of at most this many rows (estimated) are loaded in
# one statement: its transaction holds a key entry per row in memory (10M GDELT rows ran out of the
# store's 512 MB; 3M peaked at 736 MB, 1M at 697). A store without the key loads a file of any size so.
DIRECT_ROWS = 2_000_000
_GLOB = set("*?[]{}")


@dataclass(frozen=True)
class ImportResult:
    """Rows read from one file (in MENTION_SCHEMA) and the rows that could not be read."""

    path: str
    table: pa.Table
    errors: tuple[FormatError, ...] = ()

    @property
    def rows(self) -> int:
        return int(self.table.num_rows)


@dataclass(frozen=True)
class Plan:
    """How to read one file: ``sql`` over ``read_csv`` (with ``tables`` registered), then
    ``finish`` on each batch of its rows. ``quoted`` says a record may span lines. ``direct``
    says ``finish`` only conforms the columns (no Python per value), so a store can insert the
    rows straight from the file (:meth:`ImportStream.load_into`). ``notices`` are what the reader
    found while planning that the user should hear of (e.g. country names without a code)."""

    sql: str
    finish: Callable[[pa.Table], pa.Table]
    tables: dict[str, pa.Table] = field(default_factory=dict)
    quoted: bool = True
    direct: bool = False
    notices: tuple[str, ...] = ()


def check_path(path: str | Path) -> Path:
    """The path of an existing regular file (a folder, FIFO or device is refused: never read)."""
    p = Path(path)
    if not p.is_file():
        what = "not a regular file" if p.exists() else "no such file"
        raise MissingPath(what, where=str(p), fix="give the path of an existing data file")
    return p


class ImportStream:
    """The rows of one dataset file as MENTION_SCHEMA tables of at most ``batch_rows`` rows.

    Iterate once; afterwards ``errors`` holds one FormatError per skipped line, ``rows`` the
    rows yielded and ``notices`` the reader's notices (values left without a code). ``estimated_rows`` (from the size of the file and of its first lines; None for
    archives) lets a caller show progress.
    """

    def __init__(self, path: str | Path, plan: Callable[[Path], Plan], *, batch_rows: int = BATCH_ROWS):
        self.path = check_path(path)
        self.plan = plan
        self.batch_rows = batch_rows
        self.errors: tuple[FormatError, ...] = ()
        self.notices: tuple[str, ...] = ()
        self.rows = 0
        self.estimated_rows = estimate_rows(self.path)

    def __iter__(self) -> Iterator[pa.Table]:
        with _literal_file(self.path) as local:
            yield from self._batches(self._plan(local), local)

    def _plan(self, local: Path) -> Plan:
        try:
            plan = self.plan(local)
        except FormatError as err:
            raise relabel(err, str(local), str(self.path)) from None
        self.notices = tuple(n.replace(str(local), str(self.path)) for n in plan.notices)
        return plan

    def _batches(self, plan: Plan, local: Path) -> Iterator[pa.Table]:
        """The batches of the plan over ``local`` (the file as DuckDB reads it); sets rows, errors."""
        errors: list[FormatError] = []
        try:
            for table in _scan(plan, local, self.batch_rows, errors):
                self.rows += table.num_rows
                yield table
        except FormatError as err:
            raise relabel(err, str(local), str(self.path)) from None
        self.errors = tuple(relabel(e, str(local), str(self.path)) for e in errors)

    def load_into(self, store: Store, *, progress: Callable[[int], Any] | None = None) -> int:
        """Load the file's rows into ``store`` (without merging them); returns mentions added.

        When the plan is ``direct`` and every row's id is new, the store inserts the rows of the
        scan in one statement and one transaction (no row passes through Python: for 1M GDELT rows
        5.9 CPU-s against 7.4; a store whose ``mentions`` still has a key, made by an older
        version, only for a file of at most DIRECT_ROWS rows); otherwise batch by batch
        (:meth:`Store.load_stream`), where a repeated or stored id is kept once. ``progress(n)``
        is called with rows as they are stored (for a direct load once, at its end: DuckDB
        cannot tell the progress of a scan joined with lookup tables; a
        :class:`flashpoint.progress.Phased` one is told that the load's total is unknown, so a
        terminal shows it pulsing with the time elapsed); ``rows`` and ``errors`` are set as by
        iterating.
        """
        with _literal_file(self.path) as local:
            plan = self._plan(local)
            if plan.direct and (not store.keyed_mentions or (estimate_rows(local) or DIRECT_ROWS + 1) <= DIRECT_ROWS):
                begin(progress, f"loading {self.path.name}", None, unit="rows")
                loaded = store.load_query(conform_sql(f"({plan.sql})", _columns(plan)), tables=plan.tables)
                if loaded is not None:
                    self.rows = loaded.added
                    if progress is not None:
                        progress(loaded.added)
                    rejects = reject_errors(local, loaded.rejects, quoted=plan.quoted)
                    self.errors = tuple(relabel(e, str(local), str(self.path)) for e in rejects)
                    return loaded.added
                begin(progress, f"loading {self.path.name}", self.estimated_rows, unit="rows")  # rolled back
            return store.load_stream(self._batches(plan, local), progress=progress, refresh=False)


def streaming(plan: Callable[[Path], Plan]) -> Callable[..., ImportStream]:
    """A ``stream_*(path, batch_rows=...)`` function for a reader's plan."""
    def stream(path: str | Path, *, batch_rows: int = BATCH_ROWS) -> ImportStream:
        return ImportStream(path, plan, batch_rows=batch_rows)
    stream.__doc__ = f"Stream the rows of one file in batches (see ImportStream). {plan.__doc__ or ''}"
    return stream


def reading(plan: Callable[[Path], Plan]) -> Callable[..., ImportResult]:
    """A ``read_*(path) -> ImportResult`` function (the whole file in memory) for a reader's plan."""
    def read(path: str | Path) -> ImportResult:
        stream = ImportStream(path, plan)
        parts = list(stream)
        table = pa.concat_tables(parts) if parts else MENTION_SCHEMA.empty_table()
        return ImportResult(str(stream.path), table, stream.errors)
    read.__doc__ = plan.__doc__
    return read


def estimate_rows(path: Path, *, probe: int = 1 << 20) -> int | None:
    """Rows of a plain file, estimated from its size and the length of its first lines."""
    if path.suffix.lower() in (".zip", ".gz"):
        return None
    size = path.stat().st_size
    with path.open("rb") as fh:
        head = fh.read(probe)
    lines = head.count(b"\n")
    if size <= len(head):
        return max(0, lines - 1) if lines else 0
    return int(size / (len(head) / max(lines, 1))) if lines else None


# ------------------------------------------------------------------------------------ scanning


def _scan(plan: Plan, path: Path, batch_rows: int, errors: list[FormatError]) -> Iterator[pa.Table]:
    """Run the plan's query as a stream of finished batches; the rejected lines go to ``errors``."""
    import duckdb

    con = duckdb.connect()
    try:
        con.execute("SET preserve_insertion_order = false")  # row order is not part of the result
        con.execute("SET threads = 1")  # as fast here (the store waits for each batch), less CPU and memory
        con.execute(f"SET memory_limit = '{SCAN_MEMORY}'")
        # read_csv's row estimate is tiny (~40 rows), so DuckDB would turn "file LEFT JOIN lookup" around
        # and build its hash table from the whole file (out of memory at 10M GDELT rows): joins stay as written.
        con.execute("SET disabled_optimizers = 'build_side_probe_side'")
        for name, table in plan.tables.items():
            con.register(name, table)
        try:
            reader = con.sql(plan.sql).to_arrow_reader(batch_rows)
            while True:
                try:
                    batch = reader.read_next_batch()
                except StopIteration:
                    break
                yield plan.finish(pa.Table.from_batches([batch]))
        except duckdb.Error as err:
            raise FormatError(f"cannot read the file: {err}", where=str(path),
                              fix="check that the file has the layout of the format you named") from None
        rejects = con.sql("SELECT line, line_byte_position, column_name, error_type, error_message "
                          "FROM reject_errors ORDER BY line").fetchall()
    finally:
        con.close()
    errors.extend(reject_errors(path, rejects, quoted=plan.quoted))


def _columns(plan: Plan) -> list[str]:
    """The names of the columns of a plan's query (bound, not run)."""
    import duckdb

    con = duckdb.connect()
    try:
        for name, table in plan.tables.items():
            con.register(name, table)
        return list(con.sql(f"SELECT * FROM ({plan.sql}) LIMIT 0").columns)
    finally:
        con.close()


def query_scan(sql: str, path: Path, *, tables: dict[str, pa.Table] | None = None, quoted: bool = True
               ) -> tuple[pa.Table, tuple[FormatError, ...]]:
    """All rows of a query over a read_csv scan (no finishing), and the rejected lines."""
    errors: list[FormatError] = []
    parts = list(_scan(Plan(sql, lambda t: t, tables or {}, quoted), path, BATCH_ROWS, errors))
    return (pa.concat_tables(parts) if parts else pa.table({})), tuple(errors)


def physical_lines(path: Path, offsets: Sequence[int]) -> dict[int, int]:
    """1-based line number of each byte offset (DuckDB counts records, and a quoted field may
    span lines, so the line is found by counting newlines before the record's first byte)."""
    want = sorted(set(offsets))
    found: dict[int, int] = {}
    newlines, start, i = 0, 0, 0
    with path.open("rb") as fh:
        while i < len(want):
            chunk = fh.read(1 << 24)
            end = start + len(chunk)
            while i < len(want) and (want[i] < end or not chunk):
                found[want[i]] = newlines + chunk.count(b"\n", 0, max(0, want[i] - start)) + 1
                i += 1
            if not chunk:
                break
            newlines += chunk.count(b"\n")
            start = end
    return found


def reject_errors(path: Path, rejects: list[tuple[Any, ...]], *, quoted: bool) -> tuple[FormatError, ...]:
    """One FormatError per rejected line (DuckDB may report a line once per bad column)."""
    lines = physical_lines(path, [max(0, int(r[1]) - 1) for r in rejects]) if rejects and quoted else {}
    by_line: dict[int, list[str]] = {}
    for record, pos, col, etype, msg in rejects:
        line = lines[max(0, int(pos) - 1)] if quoted else int(record)
        text = f"{etype.lower()}" + (f" in column {col!r}" if col and etype != "MISSING COLUMNS" else "")
        notes = by_line.setdefault(int(line), [])
        if not any(n.startswith(text) for n in notes):
            notes.append(f"{text}: {msg}")
    return tuple(FormatError("row skipped: " + "; ".join(notes), where=f"{path}:{line}",
                             fix="correct or remove this line; the other rows were imported")
                 for line, notes in sorted(by_line.items()))


# ------------------------------------------------------------------------------------ files


@contextlib.contextmanager
def _literal_file(path: Path) -> Iterator[Path]:
    """A path DuckDB reads as it is: archives unpacked, names with glob characters linked."""
    archive = path.suffix.lower() in (".zip", ".gz")
    if not archive and not (_GLOB & set(str(path))):
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="flashpoint-") as tmp:
        if archive:
            yield _unpack(path, Path(tmp))
        else:
            link = Path(tmp) / ("data" + "".join(c for c in path.suffix if c not in _GLOB))
            os.symlink(path.resolve(), link)
            yield link


def _unpack(archive: Path, tmp: Path) -> Path:
    import gzip
    import shutil
    import zipfile

    out = tmp / "".join(c for c in archive.stem if c not in _GLOB)
    try:
        if archive.suffix.lower() == ".gz":
            with gzip.open(archive, "rb") as src, out.open("wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
            return out
        with zipfile.ZipFile(archive) as zf:
            members = [m for m in zf.infolist() if not m.is_dir()]
            if len(members) != 1:
                raise FormatError(f"the archive holds {len(members)} files, not one", where=str(archive),
                                  fix="unzip it and name the data files")
            with zf.open(members[0]) as src, out.open("wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
    except (OSError, zipfile.BadZipFile, EOFError) as err:
        raise FormatError(f"cannot unpack: {err}", where=str(archive), fix="check the download") from None
    return out


def relabel(err: FormatError, old: str, new: str) -> FormatError:
    """The same error naming ``new`` where it named ``old`` (a temporary file)."""
    if old == new:
        return err
    fresh = FormatError.__new__(FormatError)
    fresh.args = (str(err).replace(old, new),)
    fresh.where = (err.where or "").replace(old, new) or None
    fresh.fix = err.fix
    return fresh
