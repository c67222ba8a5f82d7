"""The ``eval`` sub-command: score flashpoint against a public gold set, or all of them.

Generic over :data:`flashpoint.evaluation.GOLD_FORMATS`: each evaluation module
provides ``DEFAULT_GOLD`` and ``evaluate(gold_path, *, errors_path) -> dict`` (and,
when it splits its set, ``half`` and ``limit``); this command imports it lazily,
prints its scores and saves them. ``eval all`` runs every set whose data is there
and writes one scoreboard with the tune and check halves of each.
"""
from __future__ import annotations

import argparse
import datetime as dt
import importlib
import inspect
import json
import sys
import time
from pathlib import Path
from typing import Any

from .errors import FlashpointError, MissingPath, ResourceError
from .evaluation import GOLD_FORMATS
from .evaluation.split import ALL, CHOICES, HALVES

DEFAULT_OUT = "eval-results"
EVERY = "all"


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register this module's sub-commands."""
    kinds = sorted(GOLD_FORMATS)
    ev = sub.add_parser(
        "eval", help="score against a public gold set and save the scores",
        description="Score flashpoint against a gold set; print the scores and write "
                    "DIR/KIND.json and DIR/KIND.errors.jsonl (one mistake per line). Every set is "
                    "split once into a tune and a check half; scores are given for both and all. "
                    "'eval all' runs every set whose data is there and writes DIR/scoreboard.json.")
    ev.add_argument("kind", choices=[*kinds, EVERY], metavar="KIND",
                    help=f"gold set: {', '.join(kinds)}, or '{EVERY}' for every set")
    ev.add_argument("--gold", default=None, metavar="PATH",
                    help="gold file (default: the module's file under ../shared/data; not with 'all')")
    ev.add_argument("--out", default=DEFAULT_OUT, metavar="DIR",
                    help=f"folder for the scores and mistakes (default {DEFAULT_OUT}/)")
    ev.add_argument("--half", choices=CHOICES, default=ALL,
                    help="'all' (default): score tune, check and all, write the tune half's mistakes; "
                         "'tune' or 'check': code and score that half only and write its mistakes "
                         "(the check half's mistakes are meant to stay unread)")
    ev.add_argument("--limit", type=int, default=None, metavar="N",
                    help="only the first N items of each set (quick runs; floors do not apply)")
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
    if args.limit is not None and args.limit < 1:
        raise ResourceError("--limit must be a positive number of items", fix="pass --limit 100, or leave it out")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.kind == EVERY:
        if args.gold:
            raise ResourceError("--gold names one set's file", fix="leave --gold out with 'eval all'")
        return run_all(out, half=args.half, limit=args.limit)
    module = load_evaluator(args.kind)
    gold = Path(args.gold) if args.gold else Path(module.DEFAULT_GOLD)
    if not gold.exists():
        raise MissingPath("gold file not found", where=str(gold),
                          fix="pass --gold PATH, or put the shared data next to the repository (../shared/data)")
    scores = run_one(module, args.kind, gold, out, half=args.half, limit=args.limit)
    render_scores(args.kind, scores)
    print(f"scores: {out / (args.kind + '.json')}  mistakes: {out / (args.kind + '.errors.jsonl')}",
          file=sys.stderr)
    return 0


def run_one(module: Any, kind: str, gold: Path, out: Path, *, half: str, limit: int | None) -> dict[str, Any]:
    """Run one evaluator, passing ``half``/``limit`` where it takes them; save its scores."""
    accepted = inspect.signature(module.evaluate).parameters
    options: dict[str, Any] = {}
    for name, value, default in (("half", half, ALL), ("limit", limit, None)):
        if name in accepted:
            options[name] = value
        elif value != default:
            raise ResourceError(f"the '{kind}' evaluation does not take --{name}", fix=f"leave --{name} out")
    scores = module.evaluate(gold, errors_path=out / f"{kind}.errors.jsonl", **options)
    (out / f"{kind}.json").write_text(json.dumps(scores, indent=2, ensure_ascii=False, default=str) + "\n",
                                      encoding="utf-8")
    return scores


def run_all(out: Path, *, half: str, limit: int | None) -> int:
    """Every set whose evaluator and data are there; one scoreboard; a compact table."""
    from .evaluation.scoreboard import below_floors, headlines, read_floors

    board: dict[str, Any] = {"written": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                             "half": half, "limit": limit, "sets": {}, "skipped": {}}
    for kind in GOLD_FORMATS:
        try:
            module = load_evaluator(kind)
        except ResourceError as err:
            board["skipped"][kind] = str(err)
            print(f"skipped {kind}: {err}", file=sys.stderr)
            continue
        gold = Path(module.DEFAULT_GOLD)
        if not gold.exists():
            board["skipped"][kind] = f"gold file not found: {gold}"
            print(f"skipped {kind}: gold file not found: {gold}", file=sys.stderr)
            continue
        if limit is not None and "limit" not in inspect.signature(module.evaluate).parameters:
            board["skipped"][kind] = "its evaluation does not take --limit"
            continue
        print(f"scoring {kind} ...", file=sys.stderr)
        started = time.perf_counter()
        try:
            scores = run_one(module, kind, gold, out, half=half, limit=limit)
        except FlashpointError as err:
            board["skipped"][kind] = f"failed: {err}"
            print(f"failed {kind}: {err}", file=sys.stderr)
            continue
        seconds = round(time.perf_counter() - started, 1)
        for name, halves in headlines(kind, scores).items():
            board["sets"][name] = {"seconds": seconds, "scores": f"{kind}.json", **halves}
    if limit is None and half == ALL:
        floors = read_floors()
        board["below_floor"] = [w for name, s in board["sets"].items() for w in below_floors(name, s, floors)]
    (out / "scoreboard.json").write_text(json.dumps(board, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    render_board(board)
    print(f"scoreboard: {out / 'scoreboard.json'}", file=sys.stderr)
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


def _cell(value: Any) -> str:
    return f"{value:.4f}" if isinstance(value, float) else "" if value is None else str(value)


def render_scores(kind: str, scores: dict[str, Any]) -> None:
    """Every number, one row per measure, the halves side by side where the scores have them."""
    from rich.console import Console
    from rich.table import Table

    from .evaluation.scoreboard import headlines

    table = Table(title=f"flashpoint eval {kind}")
    table.add_column("measure")
    sets = headlines(kind, scores)
    halves = [h for h in CHOICES if any(h in s for s in sets.values())]
    if halves == [ALL] or not halves:
        table.add_column("value", justify="right")
        for key, value in flatten(scores):
            table.add_row(key, _cell(value))
    else:
        for h in halves:
            table.add_column(h, justify="right")
        for name, by_half in sets.items():
            measures = dict.fromkeys(m for h in halves for m in by_half.get(h, {}))
            for m in measures:
                table.add_row(f"{name} {m}" if len(sets) > 1 else m,
                              *(_cell(by_half.get(h, {}).get(m)) for h in halves))
    Console().print(table)


def render_board(board: dict[str, Any]) -> None:
    """The scoreboard, compact: per set its main measures for tune, check and all."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title="flashpoint eval all")
    for col in ("set", "measure", *HALVES, ALL, "s"):
        table.add_column(col, justify="left" if col in {"set", "measure"} else "right")
    for name, s in board["sets"].items():
        measures = [m for m in s.get(ALL, s.get(HALVES[1], {}))
                    if m in MAIN_MEASURES and any(s.get(h, {}).get(m) is not None for h in (*HALVES, ALL))]
        for i, m in enumerate(measures):
            table.add_row(name if i == 0 else "", m, *(_cell(s.get(h, {}).get(m)) for h in (*HALVES, ALL)),
                          str(s["seconds"]) if i == 0 else "")
    Console().print(table)
    for kind, why in board["skipped"].items():
        print(f"skipped {kind}: {why}")
    for wrong in board.get("below_floor", ()):
        print(f"BELOW FLOOR: {wrong}")


# The measures the compact table shows (every number stays in scoreboard.json).
MAIN_MEASURES = ("event_accuracy", "event_macro_f1", "actor_country_f1", "recipient_country_f1",
                 "country_accuracy", "country_sector_accuracy", "within_161km", "recall",
                 "hit_rate", "false_place_rate", "verb_found_rate", "anchor_hit_rate",
                 "anchor_false_place_rate", "repaired_hit_rate", "repaired_false_place_rate", "event_precision",
                 "root_precision", "root_recall", "spurious_event_rate", "triple_f1", "penta_macro_f1",
                 "conflict_per_100_sentences", "force_no_source")
