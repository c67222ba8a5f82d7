"""Negation of a trigger or of the verb a stance hangs on.

One function for both readers, with the two extensions they differ by named as parameters:
an event's modality also counts a 'no' determiner and a 'nobody' subject ("no attack took
place", "no Americans were harmed"), a stated intent also counts a negating adverb the parser
did not label ``neg`` ("will never accept"). Counting both in both readers changes events on
the Guardian stories, so each reader keeps its own reading.
"""
from __future__ import annotations

from typing import Any

# Adverbs that negate a verb when the parser labels them ``advmod`` rather than ``neg``.
NEGATING_ADVERBS = frozenset({"not", "n't", "never"})
# Subjects that deny the event happened to anyone ("nobody was hurt", "none were killed").
NOBODY = frozenset({"nobody", "none", "noone"})


def negated(tok: Any, *, by_adverb: bool = False, by_no: bool = False) -> bool:
    """Is ``tok`` negated: has it a ``neg`` child ("did not attack")? With ``by_adverb``, a
    negating adverb counts too ("will never accept": stated intent); with ``by_no``, a 'no'
    determiner on the word or its subject and a 'nobody' subject count ("no attack", "no
    group claimed ...": an event's modality)."""
    for c in tok.children:
        if c.dep_ == "neg" or by_adverb and c.dep_ == "advmod" and c.lower_ in NEGATING_ADVERBS:
            return True
    if not by_no:
        return False
    if any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
        return True
    return any(c.dep_ in {"nsubj", "nsubjpass"} and (c.lower_ in NOBODY or any(
        g.dep_ == "det" and g.lower_ == "no" for g in c.children)) for c in tok.children)
