"""One scoreboard over every development set, and the floors it is held to.

An evaluator's scores hold ``tune``, ``check`` and ``all`` (see :mod:`.split`), or, for
an evaluator over several corpora (geo), one such entry per corpus; :func:`headlines`
flattens either into ``{set name: {half: {measure: number}}}``, keeping the numbers at
the top of each half (nested details stay in the set's own JSON).

``eval-floors.json`` holds ``{set name: {half: {measure: floor}}}``; the measures listed
under ``"ceilings"`` are upper bounds (lower is better). Keys starting with ``_`` and the
``targets`` entries are notes, never checked.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .split import CHOICES

FLOORS = Path(__file__).resolve().parents[2] / "eval-floors.json"


def _numbers(half: dict[str, Any]) -> dict[str, float | int | None]:
    return {k: v for k, v in half.items()
            if v is None or (isinstance(v, (int, float)) and not isinstance(v, bool))}


def headlines(kind: str, scores: dict[str, Any]) -> dict[str, dict[str, dict[str, Any]]]:
    """{set name: {half: numbers}} for one evaluator's scores (``kind/corpus`` per corpus)."""
    if any(h in scores for h in CHOICES):
        return {kind: {h: _numbers(scores[h]) for h in CHOICES if h in scores}}
    corpora = {name: v for name, v in scores.items() if isinstance(v, dict) and any(h in v for h in CHOICES)}
    if corpora:
        return {f"{kind}/{name}": {h: _numbers(v[h]) for h in CHOICES if h in v} for name, v in corpora.items()}
    return {kind: {"all": _numbers(scores)}}  # an evaluator that does not split


def read_floors(path: str | Path = FLOORS) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def below_floors(name: str, halves: dict[str, dict[str, Any]], floors: dict[str, Any]) -> list[str]:
    """What in one set's halves is below its floor (above its ceiling); empty when all hold.
    A floor whose half or measure was not scored is reported too, so it cannot pass unseen."""
    ceilings = set(floors.get("ceilings", ()))
    wrong = []
    for half, measures in (floors.get(name) or {}).items():
        if half.startswith("_") or half == "targets" or half not in halves:
            continue
        for measure, bound in measures.items():
            if measure.startswith("_"):
                continue
            value = halves[half].get(measure)
            if value is None:
                wrong.append(f"{name} {half} {measure}: not scored (floor {bound})")
            elif measure in ceilings and value > bound:
                wrong.append(f"{name} {half} {measure}: {value} is above the ceiling {bound}")
            elif measure not in ceilings and value < bound:
                wrong.append(f"{name} {half} {measure}: {value} is below the floor {bound}")
    return wrong
