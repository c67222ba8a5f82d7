"""Rank: which coded verb of a sentence carries its event (issue 13, precision on news).

The coder codes every verb its lexicon reads as an act, and news tells one act among verbs that
report it, give its purpose or effect, or set its background. Where a sentence holds events on
two or more verbs, a model trained on blind-coded real news (:mod:`flashpoint.language.ranking`;
``scripts/train_event_rank.py``: the Guardian and wire training sentences, ``data/training/``)
weighs each event by its own words and by where its verb stands among the sentence's other coded
verbs, and the events below the model's threshold are dropped while another event of the
sentence stays. A sentence with events on one verb only is left alone; nothing is added and no
code changes. Config ``rank_events``.
"""
from __future__ import annotations

import dataclasses
from collections import defaultdict

from ..model import Document, Event
from ..language.grammar import trigger_token
from ..language.ranking import keep, model, sentence_features
from .classify import sentence_guesses


class EventRanker:
    """Drops the events of a sentence's less likely verbs while its likeliest stays."""

    name = "rank"
    requires = frozenset({"parse", "tokens", "events"})
    updates = frozenset({"events"})  # drops events (as the gate does), changing none
    assigns: frozenset[str] = frozenset()

    def __call__(self, doc: Document) -> Document:
        if doc.parse is None or len(doc.events) < 2:
            return doc
        by_sent: dict[int, list[int]] = defaultdict(list)
        for k, e in enumerate(doc.events):
            by_sent[e.sentence_index].append(k)
        several = {i: ks for i, ks in by_sent.items() if self._verbs(doc, [doc.events[k] for k in ks]) > 1}
        if not several:
            return doc
        guesses = sentence_guesses(doc, several)
        m = model()
        dropped: set[int] = set()
        for i, ks in several.items():
            events = [doc.events[k] for k in ks]
            probs = [None if f is None else m.probability(f)
                     for f in sentence_features(events, doc.parse, guess=guesses.get(i))]
            dropped.update(k for k, stay in zip(ks, keep(probs, m.threshold)) if not stay)
        if not dropped:
            return doc
        return dataclasses.replace(doc, events=tuple(e for k, e in enumerate(doc.events) if k not in dropped))

    @staticmethod
    def _verbs(doc: Document, events: list[Event]) -> int:
        """How many distinct trigger tokens a sentence's events sit on."""
        return len({t.i for t in (trigger_token(e, doc.parse) for e in events) if t is not None})
