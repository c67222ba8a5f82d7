"""The command line: thin wrappers around the coder façade."""
from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import Any

from . import __version__
from .coder import code_paths
from .config import load_config
from .errors import FlashpointError
from .formats.records import render_table, write_csv, write_jsonl
from .model import Document
from .pipeline import Failure
from .progress import expected_documents, progress_bar

# Modules that add their own sub-commands: add_commands(subparsers).
EXTRA_COMMANDS = ("flashpoint.cli_eval", "flashpoint.cli_store", "flashpoint.cli_analysis",
                  "flashpoint.cli_backtest", "flashpoint.cli_serve")
WRITERS = {"jsonl": write_jsonl, "csv": write_csv, "table": render_table}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="flashpoint", description="Crisis news in, coded events out.")
    parser.add_argument("--version", action="version", version=f"flashpoint {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    code = sub.add_parser("code", help="code news text into events, one per line",
                          description="Code articles (text, HTML, JSONL, folders, '-' for stdin) into events.")
    code.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, or - for stdin")
    code.add_argument("--date", help="publication date (YYYY-MM-DD) for inputs that carry none")
    code.add_argument("--format", choices=sorted(WRITERS), default="jsonl", help="output format (default jsonl)")
    code.add_argument("--all", action="store_true",
                      help="also print negated and hypothetical events (flagged, never counted as happened)")
    code.add_argument("--actors", action="append", default=None, metavar="TSV",
                      help="an extra actor table (same columns as resources/actors/entities.tsv)")
    code.add_argument("--max-bytes", type=int, default=None, help="largest document accepted, in bytes")
    code.set_defaults(func=cmd_code)
    for module in EXTRA_COMMANDS:
        importlib.import_module(module).add_commands(sub)
    return parser


def cmd_code(args: argparse.Namespace) -> int:
    config = load_config(actor_files=tuple(args.actors) if args.actors else None, max_bytes=args.max_bytes)
    failures: list[Failure] = []
    records = []
    with progress_bar("coding", expected_documents(args.paths) if sys.stderr.isatty() else None,
                      unit="docs") as advance:
        for item in code_paths(args.paths, date=args.date, config=config):
            if advance:
                advance(1)
            _collect(item, args, records, failures)
    WRITERS[args.format](records, sys.stdout)
    if failures:
        print(f"flashpoint: {len(failures)} input(s) failed; the rest were coded", file=sys.stderr)
    return 1 if failures else 0


def _collect(item: Document | Failure, args: argparse.Namespace, records: list[dict[str, Any]],
             failures: list[Failure]) -> None:
    if isinstance(item, Failure):
        failures.append(item)
        print(f"flashpoint: error: {item}", file=sys.stderr)
        return
    for ev in item.events:
        if args.all or args.format != "table" or ev.happened or ev.modality == "threatened":
            records.append(ev.to_record())


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except FlashpointError as err:
        print(f"flashpoint: error: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
