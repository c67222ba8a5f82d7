"""Scoring against public gold sets: one module per gold format.

Each module ``flashpoint.evaluation.<name>`` has ``DEFAULT_GOLD`` (path under
../shared/data) and ``evaluate(gold_path, *, errors_path) -> dict`` returning
the scores; the ``flashpoint eval`` command prints and saves them.
"""
from __future__ import annotations

GOLD_FORMATS = {
    "plover-gsr": "flashpoint.evaluation.plover_gsr",
    "actors": "flashpoint.evaluation.actors",
    "geo": "flashpoint.evaluation.geo",
}
