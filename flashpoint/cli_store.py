"""Store sub-commands: ``ingest`` (code into the store) and ``events`` (query it).

Each command is one ``add_<name>`` function registering its parser and one
``cmd_<name>`` function calling the library; dataset ``import``/``export``
commands go in the marked section at the end, the same way.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from .config import load_config
from .store import DEFAULT_DB, Store

EVENT_FORMATS = ("table", "jsonl", "csv", "parquet")


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register this module's sub-commands."""
    add_ingest(sub)
    add_events(sub)
    # Dataset import/export commands register here (see the section at the end of this module).


def _db_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=None, help=f"the store file (default: config 'db', else {DEFAULT_DB})")


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
    with Store(_db_path(args)) as store, _progress(args.paths, quiet=args.quiet) as advance:
        report = ingest(args.paths, store, config=config, date=args.date, batch_size=args.batch_size,
                        progress=advance, dask=args.dask, workers=args.workers, parquet_dir=args.parquet)
        counts = store.counts()
    print(f"flashpoint: {report.coded} document(s) coded ({report.failed} failed), {report.skipped} already "
          f"stored; {report.mentions_added} mention(s) added. Store {store.path}: {counts['documents']} "
          f"documents ({counts['failed']} failed), {counts['mentions']} mentions, {counts['events']} events",
          file=sys.stderr)
    return 1 if report.failed else 0


class _progress:
    """A rich progress bar over the expected number of documents (JSONL lines count one each)."""

    def __init__(self, paths: Iterable[str], *, quiet: bool):
        self.paths = list(paths)
        self.quiet = quiet or not sys.stderr.isatty()
        self.bar: Any = None

    def __enter__(self) -> Any:
        if self.quiet:
            return None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.bar = Progress(TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                            transient=True)
        self.bar.start()
        task = self.bar.add_task("coding", total=_expected_documents(self.paths))
        return lambda n: self.bar.advance(task, n)

    def __exit__(self, *exc: Any) -> None:
        if self.bar is not None:
            self.bar.stop()


def _expected_documents(paths: list[str]) -> int | None:
    total = 0
    for raw in paths:
        path = Path(raw)
        if raw == "-" or not path.exists():
            return None
        files = [f for f in path.rglob("*") if f.is_file()] if path.is_dir() else [path]
        for f in files:
            if f.suffix.lower() in (".jsonl", ".ndjson", ".json"):
                with open(f, "rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            else:
                total += 1
    return total


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
    p.add_argument("--limit", type=int, help="at most this many events")
    p.add_argument("--format", choices=EVENT_FORMATS, default="table", help="output format (default table)")
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of standard output")
    p.set_defaults(func=cmd_events)


def cmd_events(args: argparse.Namespace) -> int:
    with Store(_db_path(args), read_only=True) as store:
        table = store.events(args.dyad, start=args.start, end=args.end, actor=args.actor,
                             happened=None if args.all else True, limit=args.limit, arrow=True)
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
        from .store import EVENT_COLUMNS

        writer = csv.DictWriter(out, fieldnames=[c.split()[0] for c in EVENT_COLUMNS.split(",")])
        writer.writeheader()
        writer.writerows(rows)
    else:
        _render_events(rows, out)


def _render_events(rows: list[dict[str, Any]], out: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(rows)} events", expand=True)
    for col in ("date", "source", "event", "target", "mentions", "sources", "seen", "where", "evidence"):
        table.add_column(col, overflow="fold")
    for r in rows:
        actor = lambda side: (r[f"{side}_country"] or "") + (r[f"{side}_sector"] or "") or "-"  # noqa: E731
        seen = f"{r['first_seen']}" + (f" .. {r['last_seen']}" if r["last_seen"] != r["first_seen"] else "")
        event = f"{r['plover_type'] or '?'} ({r['cameo']})" + ("" if r["happened"] else f" [{r['modality']}]")
        table.add_row(f"{r['date']}" + ("" if r["date_precision"] == "day" else f" ({r['date_precision']})"),
                      actor("source"), event, actor("target"), str(r["mention_count"]), str(r["source_count"]),
                      seen, r["place"] or "", (r["evidence_text"] or "")[:160])
    Console(file=out, width=None if out.isatty() else 160).print(table)


# --- dataset import / export (flashpoint.formats) ----------------------------------------
# Add add_import/cmd_import and add_export/cmd_export here and register them in add_commands.
