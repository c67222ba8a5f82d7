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
from ..language.clauses import main_verb
from .classify import MODEL_PATH, sentence_features, sentence_model


class EventRetyper:
    """Re-roots the events of a document where the root model is confident of another root."""

    name = "retype"
    requires = frozenset({"parse", "tokens", "events"})
    updates = frozenset({"events"})  # changes each event's code, keeping every event
    assigns: frozenset[str] = frozenset()

    def __call__(self, doc: Document) -> Document:
        if doc.parse is None or not doc.events:
            return doc
        sents = list(doc.parse.sents)
        wanted = sorted({e.sentence_index for e in doc.events if e.sentence_index < len(sents)})
        guesses: list = [None] * len(sents)
        toks = doc.tokens  # the document's token columns: one table, not one per sentence
        features = [sentence_features(sents[i], toks=toks, verb=main_verb(sents[i], toks=toks)) for i in wanted]
        for index, guess in zip(wanted, sentence_model(MODEL_PATH).guess_features(features)):
            guesses[index] = guess
        events = retype_events(doc.events, doc.parse, guesses=guesses)
        return doc if events == doc.events else dataclasses.replace(doc, events=events)
