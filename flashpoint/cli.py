"""The command line: thin wrappers around the coder façade."""
from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Iterable, Iterator, Sequence
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
    """JSONL and CSV are written as each document is coded (nothing kept of the documents
    before); the table, which needs every row to lay out its columns, is printed at the end."""
    config = load_config(actor_files=tuple(args.actors) if args.actors else None, max_bytes=args.max_bytes)
    failed: list[Failure] = []  # counted, and each reported as it comes
    with progress_bar("coding", expected_documents(args.paths) if sys.stderr.isatty() else None,
                      unit="docs") as advance:
        items = code_paths(args.paths, date=args.date, config=config, keep_parse=False)
        records = _records(items, args, advance, failed)
        WRITERS[args.format](records if args.format != "table" else list(records), sys.stdout)
    if failed:
        print(f"flashpoint: {len(failed)} input(s) failed; the rest were coded", file=sys.stderr)
    return 1 if failed else 0


def _records(items: Iterable[Document | Failure], args: argparse.Namespace, advance: Any,
             failed: list[Failure]) -> Iterator[dict[str, Any]]:
    """The event records of the coded documents, one document at a time; a failure is printed
    and added to ``failed``."""
    for item in items:
        if advance:
            advance(1)
        if isinstance(item, Failure):
            failed.append(item)
            print(f"flashpoint: error: {item}", file=sys.stderr)
            continue
        for ev in item.events:
            if args.all or args.format != "table" or ev.happened or ev.modality == "threatened":
                yield ev.to_record()


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
    except OSError as err:  # a file the checks before the work could not foresee
        from .outputs import unwritable
        print(f"flashpoint: error: {unwritable(err)}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
