"""Statements: a named political actor's public statement (CAMEO 010), where a learned decision
says the clause is one.

The news gold's conventions (``docs/news-gold.md``, "Statements") code ``010`` for a substantive
public position taken by a political actor speaking in that role ("the UN said ...", "Germany
insisted that ..."), not a routine attribution of a report, and code a saying verb whose content
is itself an act by that act. The events stage never codes a plain statement on its own
(``stages/events.py``); this stage, run after the gate, the re-typer and the ranker, takes each
clause in which a named political actor speaks on a verb of saying that carries no event
(:func:`flashpoint.language.statements.candidates`), weighs it with the statement model
(:mod:`flashpoint.language.statements`, trained on blind-coded Guardian and wire sentences by
``scripts/train_statements.py``) and, at or above the model's threshold, codes it: the verb's
own statement or appeal code where its bare lexicon row has one (01x, 02x), else 010; the
speaker as source; as target a political actor the verb names as addressee or object. Only an
asserted statement is kept (not negated, hypothetical or in a quotation).

Measured on the news gold, the wire gold, event location and PLOVER GSR (``docs/evaluation.md``,
"Statements as a learned decision"). Config ``code_statements``.
"""
from __future__ import annotations

import dataclasses
from functools import cached_property
from typing import Any

from ..language.arguments import index_actors
from ..language.statements import STATING, candidates, coded_triggers, features, model, own_code, target_of
from ..model import Actor, Document
from .events import EventExtractor


class StatementCoder:
    """Pipeline stage: codes the clauses the statement model accepts as public statements."""

    name = "statements"
    requires = frozenset({"parse", "tokens", "actors", "places", "events"})
    updates = frozenset({"events"})  # adds statement events, keeping every event as it is
    assigns: frozenset[str] = frozenset()

    @cached_property
    def extractor(self) -> EventExtractor:
        return EventExtractor()

    def __call__(self, doc: Document) -> Document:
        if doc.parse is None:
            return doc
        m = model()
        by_sent: dict[int, list[Any]] = {}
        for e in doc.events:
            by_sent.setdefault(e.sentence_index, []).append(e)
        by_token: dict[int, Actor] | None = None
        added = []
        for s_index, sent in enumerate(doc.parse.sents):
            if not any(t.lemma_.lower() in STATING for t in sent):
                continue
            if by_token is None:
                by_token = index_actors(doc.tokens, doc.actors)
            coded = coded_triggers(by_sent.get(s_index, ()), doc.parse)
            for tok, source in candidates(sent, by_token, coded):
                if m.probability(features(tok, source, coded)) < m.threshold:
                    continue
                places = tuple(p for p in doc.places if sent.start_char <= p.start < sent.end_char)
                event = self.extractor.statement(doc, s_index, sent, tok, own_code(tok.lemma_.lower()),
                                                 source, target_of(tok, by_token), places)
                if event.modality == "asserted":
                    added.append(event)
        if not added:
            return doc
        # in sentence order, each sentence's events as they were (a stable sort)
        return dataclasses.replace(doc, events=tuple(sorted((*doc.events, *added), key=lambda e: e.sentence_index)))

