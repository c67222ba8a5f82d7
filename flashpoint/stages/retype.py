"""Retype: the learned re-typer of the CAMEO root, applied to the events the gate kept.

A model trained on blind-coded real news (:mod:`flashpoint.language.retype`;
``scripts/train_event_root.py``: the Guardian training sentences and the wire training sentences,
``data/training/``) reads each event's trigger, its words and actors, and how the classify stage's
sentence model reads its sentence; where it gives another CAMEO root at least its threshold, the
event takes that root's most general codebook row. Nothing is added or dropped.

It runs after the gate, on the events the model was trained on (the training sentences are coded
by the whole default pipeline), so a re-typed code never decides which events the gate keeps: a
re-typing before the gate let the gate's checks that read the code (``redundant``, ``nameless``)
keep an event twice or drop a sentence's only one. Config ``classifier_learned_retype``.
"""
from __future__ import annotations

import dataclasses

from ..model import Document
from ..language.retype import retype_events
from .classify import sentence_guesses


class EventRetyper:
    """Re-roots the events of a document where the root model is confident of another root."""

    name = "retype"
    requires = frozenset({"parse", "tokens", "events"})
    updates = frozenset({"events"})  # changes each event's code, keeping every event
    assigns: frozenset[str] = frozenset()

    def __call__(self, doc: Document) -> Document:
        if doc.parse is None or not doc.events:
            return doc
        guesses = sentence_guesses(doc, {e.sentence_index for e in doc.events})
        events = retype_events(doc.events, doc.parse, guesses=guesses)
        return doc if events == doc.events else dataclasses.replace(doc, events=events)
