"""Scoring against public gold sets: one module per gold format.

Each module ``flashpoint.evaluation.<name>`` has ``DEFAULT_GOLD`` (path under
../shared/data) and ``evaluate(gold_path, *, errors_path) -> dict`` returning
the scores (for the ``tune`` and ``check`` halves of :mod:`.split` and ``all``); the
``flashpoint eval`` command prints and saves them, ``flashpoint eval all`` runs them all
into one scoreboard (:mod:`.scoreboard`).
"""
from __future__ import annotations

GOLD_FORMATS = {
    "plover-gsr": "flashpoint.evaluation.plover_gsr",
    "actors": "flashpoint.evaluation.actors",
    "geo": "flashpoint.evaluation.geo",
    "event-location": "flashpoint.evaluation.event_location",
    "news": "flashpoint.evaluation.news",
    "wire": "flashpoint.evaluation.wire",  # check only: its mistakes are never written
    "intl": "flashpoint.evaluation.intl",  # check only: GeoWebNews sentences, articles coded whole
    "outbreaks": "flashpoint.evaluation.outbreaks",  # no gold: violence coded in epidemic news
}
