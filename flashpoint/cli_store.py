"""Store sub-commands: ``ingest`` (code into the store) and ``events`` (query it).

Each command is one ``add_<name>`` function registering its parser and one
``cmd_<name>`` function calling the library; dataset ``import``/``export``
commands go in the marked section at the end, the same way.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from .config import load_config
from .outputs import check_writable
from .store import DEFAULT_DB, Store

EVENT_FORMATS = ("table", "jsonl", "csv", "parquet")


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register this module's sub-commands."""
    add_ingest(sub)
    add_events(sub)
    add_format_commands(sub)


def _db_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=None, help=f"the store file (default: config 'db', else {DEFAULT_DB})")


def _count(value: str) -> int:
    """An argparse type: a whole number >= 0."""
    try:
        n = int(value)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number >= 0")
    return n


def _db_path(args: argparse.Namespace) -> str:
    return args.db or load_config().db


# --- ingest ------------------------------------------------------------------------------

def add_ingest(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("ingest", help="code news into the store (documents, mentions, merged events)",
                       description="Code articles (text, HTML, JSONL, folders) and store documents, mentions and "
                                   "merged events. Documents already stored are skipped, so re-running or "
                                   "resuming a killed run is safe; a failing document is recorded with its error.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, or - for stdin")
    _db_option(p)
    p.add_argument("--date", help="publication date (YYYY-MM-DD) for inputs that carry none")
    p.add_argument("--batch-size", type=int, default=32,
                   help="documents per transaction (and per Dask partition); default 32")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--dask", metavar="TCP://HOST:PORT", help="code on this Dask scheduler's workers")
    where.add_argument("--workers", type=int, metavar="N", help="code on a local Dask cluster of N workers")
    p.add_argument("--parquet", metavar="DIR", help="where Dask workers write Parquet parts (default: DB.parts)")
    p.add_argument("--actors", action="append", default=None, metavar="TSV", help="an extra actor table")
    p.add_argument("--max-bytes", type=int, default=None, help="largest document accepted, in bytes")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_ingest)


def cmd_ingest(args: argparse.Namespace) -> int:
    from .scale import ingest

    config = load_config(actor_files=tuple(args.actors) if args.actors else None, max_bytes=args.max_bytes)
    from .progress import expected_documents, progress_bar

    total = None if args.quiet else expected_documents(args.paths)
    with Store(_db_path(args)) as store, progress_bar("coding", total, unit="docs", quiet=args.quiet) as advance:
        report = ingest(args.paths, store, config=config, date=args.date, batch_size=args.batch_size,
                        progress=advance, dask=args.dask, workers=args.workers, parquet_dir=args.parquet)
        counts = store.counts()
    for message in report.errors:
        print(f"flashpoint: error: {message}", file=sys.stderr)
    if report.failed > len(report.errors):
        print(f"flashpoint: ... and {report.failed - len(report.errors)} more failure(s), each recorded with its "
              "error in the store's documents table (status 'failed')", file=sys.stderr)
    print(f"flashpoint: {report.coded} document(s) coded ({report.failed} failed), {report.skipped} already "
          f"stored; {report.mentions_added} mention(s) added. Store {store.path}: {counts['documents']} "
          f"documents ({counts['failed']} failed), {counts['mentions']} mentions, {counts['events']} events",
          file=sys.stderr)
    return 1 if report.failed else 0


# --- events ------------------------------------------------------------------------------

def add_events(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("events", help="list merged events from the store",
                       description="List merged events (reports of one real-world event count once), "
                                   "filtered by dyad, actor and date.")
    _db_option(p)
    p.add_argument("--dyad", nargs=2, metavar=("SOURCE", "TARGET"),
                   help="directed dyad: source and target country (or sector) codes, e.g. USA IRN")
    p.add_argument("--actor", help="an actor code on either side")
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="first event date (inclusive)")
    p.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="last event date (inclusive)")
    p.add_argument("--all", action="store_true", help="also list negated, hypothetical and threatened events")
    p.add_argument("--limit", type=_count, help="at most this many events")
    p.add_argument("--format", choices=EVENT_FORMATS, default="table", help="output format (default table)")
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of standard output")
    p.set_defaults(func=cmd_events)


def _check_period(args: argparse.Namespace) -> None:
    """A bad or reversed --from/--to, named as the options before the store is read."""
    from .analytics.dyads import period

    period(args.start, args.end)


def cmd_events(args: argparse.Namespace) -> int:
    check_writable(args.output, option="--output")
    _check_period(args)
    with Store(_db_path(args), read_only=True) as store:
        table = store.events_arrow(args.dyad, start=args.start, end=args.end, actor=args.actor,
                                   happened=None if args.all else True, limit=args.limit)
    if args.format == "parquet":
        import pyarrow.parquet as pq

        pq.write_table(table, args.output or sys.stdout.buffer)
        return 0
    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout
    try:
        _write_events(table.to_pylist(), args.format, out)
    finally:
        if args.output:
            out.close()
    return 0


def _write_events(rows: list[dict[str, Any]], fmt: str, out: TextIO) -> None:
    import csv
    import json

    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, default=str, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        from .formats.cells import safe_row
        from .schema import EVENT_SCHEMA

        writer = csv.DictWriter(out, fieldnames=EVENT_SCHEMA.names)
        writer.writeheader()
        writer.writerows(safe_row(r) for r in rows)
    else:
        _render_events(rows, out)


def _render_events(rows: list[dict[str, Any]], out: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table

    from .formats.cells import plain

    table = Table(title=f"{len(rows)} events", expand=True)
    for col in ("date", "source", "event", "target", "mentions", "sources", "seen", "where", "evidence"):
        table.add_column(col, overflow="fold")
    for r in rows:
        actor = lambda side: (r[f"{side}_country"] or "") + (r[f"{side}_sector"] or "") or "-"  # noqa: E731
        seen = f"{r['first_seen']}" + (f" .. {r['last_seen']}" if r["last_seen"] != r["first_seen"] else "")
        event = f"{r['plover_type'] or '?'} ({r['cameo']})" + ("" if r["happened"] else f" [{r['modality']}]")
        table.add_row(*map(plain, (
            f"{r['date']}" + ("" if r["date_precision"] == "day" else f" ({r['date_precision']})"),
            actor("source"), event, actor("target"), r["mention_count"], r["source_count"],
            seen, r["place"] or "", (r["evidence_text"] or "")[:160])))
    Console(file=out, width=None if out.isatty() else 160).print(table)


# --- dataset import / export (flashpoint.formats) ----------------------------------------

IMPORT_FORMATS = ("gdelt", "gdelt-mentions", "icews", "acled", "polecat", "parquet")
EXPORT_FORMATS = ("parquet", "csv", "gdelt", "polecat")
SHOWN_ERRORS = 20


def add_format_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    add_import(sub)
    add_export(sub)


def add_import(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("import", help="import event data (GDELT, ICEWS, ACLED, POLECAT) into the store",
                       description="Read event datasets into the store as mentions (origin and origin id "
                                   "kept) and merge repeated reports into events, the same way as coded news. "
                                   "A malformed row is reported with its file and line and skipped. "
                                   "gdelt-mentions rows take their event from GDELT events already imported.")
    p.add_argument("format", choices=IMPORT_FORMATS, help="the layout of the files")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="data files (a .zip holding one file, or a .gz, is read too)")
    _db_option(p)
    p.add_argument("--errors", metavar="FILE", help="write every skipped row's error to FILE (one per line)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_import)


def cmd_import(args: argparse.Namespace) -> int:
    from .formats import streamer

    from .progress import progress_phases

    stream_of = streamer(args.format)
    problems: list[str] = []
    check_writable(args.errors, option="--errors")
    with Store(_db_path(args)) as store:
        with progress_phases(quiet=args.quiet) as phases:  # one bar, relabelled per phase
            for path in args.paths:
                problems += _import_file(store, stream_of, path, fmt=args.format, progress=phases)
            store.refresh_events(progress=phases)
        events = store.counts()["events"]
    print(f"store {_db_path(args)}: {events} events", file=sys.stderr)
    if args.errors:
        Path(args.errors).write_text("".join(p + "\n" for p in problems), encoding="utf-8")
    return 1 if problems else 0


def _import_file(store: Store, stream_of: Any, path: str, *, fmt: str, progress: Any) -> list[str]:
    """Stream one file into the store (a transaction per batch, or one for a direct load: see
    ImportStream.load_into); returns its problems. ``progress``: see flashpoint.progress."""
    from .errors import FlashpointError
    from .formats.scan import ImportStream
    from .progress import begin

    missing = [0]
    try:
        stream = stream_of(path)
        begin(progress, f"reading {Path(path).name}", stream.estimated_rows, unit="rows")
        if fmt == "gdelt-mentions":  # each batch takes its event from the stored GDELT events
            batches = (_with_gdelt_events(store, t, missing) for t in stream)
            added = store.load_stream(batches, refresh=False, progress=progress)
        elif isinstance(stream, ImportStream):
            added = stream.load_into(store, progress=progress)
        else:
            added = store.load_stream(stream, refresh=False, progress=progress)
    except FlashpointError as err:
        print(f"flashpoint: error: {err}", file=sys.stderr)
        return [str(err)]
    if missing[0]:
        print(f"flashpoint: {path}: {missing[0]} mention rows name GDELT events not in the store and were "
              "left out. Fix: import the GDELT events files first ('flashpoint import gdelt ...')",
              file=sys.stderr)
    for err in stream.errors[:SHOWN_ERRORS]:
        print(f"flashpoint: {err}", file=sys.stderr)
    for notice in getattr(stream, "notices", ()):
        print(f"flashpoint: {notice}", file=sys.stderr)
    more = len(stream.errors) - SHOWN_ERRORS
    print(f"{path}: {stream.rows} rows read, {added} new, {len(stream.errors)} malformed rows skipped"
          + (f" ({more} not shown)" if more > 0 else ""), file=sys.stderr)
    return [str(e) for e in stream.errors]


def _with_gdelt_events(store: Store, mentions: Any, missing: list[int]) -> Any:
    """Mentions with their GDELT event's fields; mentions of events not in the store are left out
    (counted in ``missing``)."""
    from .formats.gdelt import with_known_events

    table, left_out = with_known_events(mentions, store.dataset_rows("gdelt", mentions.column("origin_id")))
    missing[0] += left_out
    return table


def add_export(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("export", help="export events from the store as Parquet, CSV, GDELT or POLECAT files",
                       description="Write the store's merged events (or its mention rows) in a dataset layout: "
                                   "parquet, csv (flat, with header), gdelt (GDELT 2.0 export: headerless, "
                                   "tab-separated, 61 columns) or polecat (tab-separated POLECAT columns).")
    p.add_argument("--format", choices=EXPORT_FORMATS, required=True, help="output layout")
    p.add_argument("--output", "-o", metavar="FILE",
                   help="file to write (default: standard output; required for parquet)")
    _db_option(p)
    p.add_argument("--rows", choices=("events", "mentions"), default="events",
                   help="merged events (default) or every mention row (MENTION_SCHEMA; re-importable "
                        "with 'import parquet')")
    p.add_argument("--dyad", nargs=2, metavar=("SOURCE", "TARGET"), help="only this directed dyad (events)")
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="first event date (events)")
    p.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="last event date (events)")
    p.add_argument("--all", action="store_true", help="also negated, hypothetical and threatened events")
    p.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    import shutil
    import tempfile

    from .errors import FormatError
    from .formats import writer

    if args.format == "parquet" and not args.output:
        raise FormatError("parquet is binary: give a file", where="--output",
                              fix="add --output FILE.parquet")
    check_writable(args.output, option="--output")
    _check_period(args)
    with Store(_db_path(args), read_only=True) as store:
        if args.rows == "mentions":
            table = store.mentions_arrow().drop_columns(["event_id"])
        else:
            table = store.events_arrow(args.dyad, start=args.start, end=args.end,
                                       happened=None if args.all else True)
    write = writer(args.format)
    if args.output:
        n = write(table, args.output)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / f"export.{args.format}"
            n = write(table, out)
            with out.open("rb") as fh:
                shutil.copyfileobj(fh, sys.stdout.buffer)
    print(f"flashpoint: wrote {n} of {table.num_rows} {args.rows} as {args.format}"
          + (f" to {args.output}" if args.output else ""), file=sys.stderr)
    return 0
