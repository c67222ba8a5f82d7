"""Statements: a sentence the other stages left without an event, in which a named political
actor speaks in its own voice, is coded as its public statement (CAMEO 010).

The news gold's conventions (``docs/news-gold.md``, "Statements") code ``010`` for a substantive
public position taken by a political actor speaking in that role ("the UN said ...", "Germany
insisted that ..."), and code a saying verb whose content is itself an act by that act. The
events stage never codes a plain statement on its own (``stages/events.py``); this stage, run
after the gate and the re-typer, gives one only to a sentence that holds no other event, so a
statement never stands beside (or for) the act it tells. A statement is coded when

- its verb is a verb of saying (:data:`flashpoint.language.voices.SAYING`, not "ask" nor
  "claim", which are appeals and claims) and the sentence's root or a verb coordinated with it;
- its subject is an actor the sentence names (a proper noun, or an actor the tables know by
  name) of a political kind (a state, an international or non-governmental organisation, a
  group, a person with a political sector): not civilians, journalists, a people ("Syrians"),
  someone out of office ("a former adviser") or an unnamed official; the statement has no target
  (whom it was told to is not one, as in the gold);
- it is asserted (not negated, hypothetical or in a quotation).

Measured on the news gold, the wire gold, event location and PLOVER GSR (``docs/evaluation.md``,
"The penta class"). Config ``code_statements``.
"""
from __future__ import annotations

import dataclasses
from functools import cached_property
from typing import Any

from ..language.arguments import index_actors, quoted, verb_args
from ..language.voices import SAYING
from ..model import Actor, Document
from .events import EventExtractor

STATING = SAYING - {"ask", "claim"}
SPEAKERS = frozenset({"state", "igo", "nonstate", "person"})  # actor kinds read from a name
UNPOLITICAL = frozenset({"CVL", "MED", "JRN", "EDU", "BUS", "REF", "CRM", "AGR", "LAB"})
FORMER = frozenset({"former", "ex", "retired", "erstwhile"})  # out of office: not speaking in a role


def named_speaker(subject: Any, actor: Actor | None) -> bool:
    """Does the subject name a political actor in its role (not 'an official', 'residents',
    'Syrians', 'he', 'a former adviser')?"""
    if actor is None or subject is None or actor.kind not in SPEAKERS or actor.sector in UNPOLITICAL:
        return False
    if subject.ent_type_ == "NORP" or any(t.lower_ in FORMER for t in subject.subtree):
        return False  # a people ('Syrians warn'), or someone out of office
    return actor.name is not None or subject.pos_ == "PROPN"


class StatementCoder:
    """Pipeline stage: codes the statement of a named political actor in a sentence with no event."""

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
        coded = {e.sentence_index for e in doc.events}
        by_token: dict[int, Actor] | None = None
        added = []
        for s_index, sent in enumerate(doc.parse.sents):
            if s_index in coded:
                continue
            for tok in _saying_verbs(sent):
                if by_token is None:
                    by_token = index_actors(doc.tokens, doc.actors)
                subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
                source, _ = verb_args(tok, by_token)  # whom it was told to is no target (the gold's convention)
                if not named_speaker(subject, source) or quoted(tok):
                    continue
                places = tuple(p for p in doc.places if sent.start_char <= p.start < sent.end_char)
                event = self.extractor.statement(doc, s_index, sent, tok, source, None, places)
                if event.modality == "asserted" and event.cameo == "010":
                    added.append(event)
        if not added:
            return doc
        # in sentence order, each sentence's events as they were (a stable sort)
        return dataclasses.replace(doc, events=tuple(sorted((*doc.events, *added), key=lambda e: e.sentence_index)))


def _saying_verbs(sent: Any) -> list[Any]:
    """The sentence's verbs of saying at its root or coordinated with it."""
    root = sent.root
    verbs = [root, *(c for c in root.children if c.dep_ == "conj")]
    return [t for t in verbs if t.pos_ in {"VERB", "AUX"} and t.lemma_.lower() in STATING]
