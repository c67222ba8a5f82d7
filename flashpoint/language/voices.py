"""Who tells an act, as a check the gate stage runs (:mod:`flashpoint.stages.gate`; it takes the
event, its trigger token and what the gate has seen of the document). The news gold's
conventions code what a sentence reports on the word of someone it names; an act told in a
quotation whose sentence names nobody who says it (a quote that runs on from the sentence
before: "“They took the men away at night.”") is a voice the sentence leaves unnamed, and the
annotators leave such sentences empty.

- ``unattributed_quote``: a sentence after the text's first opens with a quotation mark and has
  no verb of saying and no "according to": the quotation's speaker is not in the sentence.

Chosen on the training set (``data/training/news_events.jsonl``: sentences the annotators left
empty though the coder gave them events) and measured on the check halves of the news gold,
event location and PLOVER GSR (``docs/evaluation.md``, issue 13). A check for the writer's own
story ("I met a group of refugees", an act whose subject is "I" or "we" with no speaker named)
was tried there and dropped: the check half did not confirm it."""
from __future__ import annotations

from typing import Any

from ..model import Event

# Verbs that name who speaks ('the minister said', 'she told reporters', 'it added in a statement').
SAYING = frozenset({"say", "tell", "add", "state", "write", "tweet", "ask", "announce", "declare",
                    "explain", "insist", "warn", "claim", "argue", "note", "recall", "comment",
                    "post", "reply", "respond"})
OPENING = frozenset({"“", '"'})


def _says(sent: Any) -> bool:
    """Has the sentence a verb of saying or 'according to' (whoever its subject)?"""
    return any(t.lower_ == "according" or t.lemma_.lower() in SAYING and t.pos_ in {"VERB", "AUX"}
               for t in sent)


def unattributed_quote(event: Event, tok: Any, seen: Any) -> bool:
    """'“They are taken away and questioned.”': a sentence that opens with a quotation mark and
    has no verb of saying tells someone's words without saying whose. Not a text's first
    sentence: a quotation that opens a text (a wire excerpt, a headline) quotes its report."""
    sent = tok.sent
    if sent.start == 0:
        return False
    first = next((t for t in sent if not t.is_space), None)
    return first is not None and first.text in OPENING and not _says(sent)


CLOSERS = frozenset({'"', "”", "’", "'", ")"})  # what may close a sentence after its '?'


def question(event: Event, tok: Any, seen: Any) -> bool:
    """A question reports nothing: 'who is going to fire on an old man?' (a gate check)."""
    sent = tok.sent
    for i in range(sent.end - 1, max(sent.start, sent.end - 4) - 1, -1):  # past closing quotes
        text = sent.doc[i].text
        if text == "?":
            return True
        if text.strip() and text not in CLOSERS:
            return False
    return False
