"""The ``eval`` sub-command: score flashpoint against a public gold set.

Generic over :data:`flashpoint.evaluation.GOLD_FORMATS`: each evaluation module
provides ``DEFAULT_GOLD`` and ``evaluate(gold_path, *, errors_path) -> dict``;
this command imports it lazily, prints its scores and saves them.
"""
from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path
from typing import Any

from .errors import MissingPath, ResourceError
from .evaluation import GOLD_FORMATS

DEFAULT_OUT = "eval-results"


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register this module's sub-commands."""
    ev = sub.add_parser(
        "eval", help="score against a public gold set and save the scores",
        description="Score flashpoint against a gold set; print the scores and write "
                    "DIR/KIND.json and DIR/KIND.errors.jsonl (one mistake per line).")
    ev.add_argument("kind", choices=sorted(GOLD_FORMATS), metavar="KIND",
                    help=f"gold set: {', '.join(sorted(GOLD_FORMATS))}")
    ev.add_argument("--gold", default=None, metavar="PATH",
                    help="gold file (default: the module's file under ../shared/data)")
    ev.add_argument("--out", default=DEFAULT_OUT, metavar="DIR",
                    help=f"folder for the scores and mistakes (default {DEFAULT_OUT}/)")
    ev.set_defaults(func=cmd_eval)


def load_evaluator(kind: str) -> Any:
    """The evaluation module for a gold format, with a clear error if it is not there."""
    name = GOLD_FORMATS[kind]
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as err:
        if err.name != name:
            raise
        raise ResourceError(f"the evaluation for '{kind}' is not available in this version ({name})",
                            fix=f"choose another KIND, or add {name} with DEFAULT_GOLD and evaluate()") from None


def cmd_eval(args: argparse.Namespace) -> int:
    module = load_evaluator(args.kind)
    gold = Path(args.gold) if args.gold else Path(module.DEFAULT_GOLD)
    if not gold.exists():
        raise MissingPath("gold file not found", where=str(gold),
                          fix="pass --gold PATH, or put the shared data next to the repository (../shared/data)")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    errors_path = out / f"{args.kind}.errors.jsonl"
    scores = module.evaluate(gold, errors_path=errors_path)
    (out / f"{args.kind}.json").write_text(json.dumps(scores, indent=2, ensure_ascii=False, default=str) + "\n",
                                           encoding="utf-8")
    render_scores(args.kind, scores)
    print(f"scores: {out / (args.kind + '.json')}  mistakes: {errors_path}", file=sys.stderr)
    return 0


def flatten(scores: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """Nested score dicts to (dotted key, value) rows; lists are summarised by length."""
    rows: list[tuple[str, Any]] = []
    for key, value in scores.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            rows.extend(flatten(value, name + "."))
        elif isinstance(value, (list, tuple)):
            rows.append((name, f"[{len(value)} items]"))
        else:
            rows.append((name, value))
    return rows


def render_scores(kind: str, scores: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"flashpoint eval {kind}")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key, value in flatten(scores):
        table.add_row(key, f"{value:.4f}" if isinstance(value, float) else str(value))
    Console().print(table)
