"""The writer's own doings, as a check the gate stage runs (:mod:`flashpoint.stages.gate`; it takes
the event, its trigger token and what the gate has seen of the document).

A sentence whose act is done by "I" or "we", outside a quotation and with no one else named as
speaking, tells the writer's own story: a reporter's visit, a volunteer's errands, a refugee's
account ("In Amman I met a group of doctors", "we sent the children to an orphanage"). The news
gold's conventions leave such sentences empty (``docs/news-gold.md``: first-person pieces are
personal). A first person inside a quotation is someone the sentence names ("we will respond",
the minister said), and an act whose clause hangs on a verb of saying with another subject is
reported, not narrated.

- ``narrator``: the subject of the act's verb (or of its first conjunct, or of the verb whose
  complement it is: "we tried to reach the border") is "I" or "we", the verb stands outside
  quotation marks, and no verb of saying in the sentence has a subject other than "I" or "we".

Chosen on the training sentences (``data/training/news_events.jsonl``) and measured on the check
halves (``docs/evaluation.md``, issue 13 "precision first")."""
from __future__ import annotations

from typing import Any

from ..model import Event
from .grammar import first_conjunct

WRITERS = frozenset({"i", "we"})
QUOTES = frozenset({'"', "“", "”"})
# Verbs that name who speaks: a clause under one of them with another subject is reported speech.
SAYING = frozenset({"say", "tell", "claim", "report", "announce", "add", "state", "warn", "insist", "confirm",
                    "pledge", "promise", "vow", "threaten", "write", "tweet", "explain", "recall", "describe"})


def _writer_subject(tok: Any) -> bool:
    return any(c.dep_ == "nsubj" and c.lower_ in WRITERS for c in tok.children)


def _quoted(tok: Any) -> bool:
    """The token stands inside quotation marks opened earlier in its sentence."""
    sent = tok.sent
    return sum(1 for t in sent[: tok.i - sent.start] if t.text in QUOTES) % 2 == 1


def _someone_says(sent: Any) -> bool:
    """Does a verb of saying in the sentence have a subject other than the writer?"""
    return any(t.lemma_.lower() in SAYING and t.pos_ == "VERB" and not _writer_subject(t) for t in sent)


def narrator(event: Event, tok: Any, seen: Any) -> bool:
    """'In Amman I met a group of doctors', 'we had offered help': the writer's own act."""
    first = first_conjunct(tok)
    verbs = {tok, first, first.head} if first.dep_ == "xcomp" else {tok, first}
    if not any(_writer_subject(v) for v in verbs) or _quoted(tok):
        return False
    return not _someone_says(tok.sent)
