"""Negation of a trigger or of the verb a stance hangs on: one reading for the modality of an
event and for a stated intent (the two readings were separate copies that had drifted apart;
joined, they code the same events on the demo, the seed, the 249 Guardian stories and the PLOVER
GSR)."""
from __future__ import annotations

from typing import Any

# Adverbs that negate a verb when the parser labels them ``advmod`` rather than ``neg``.
NEGATING_ADVERBS = frozenset({"not", "n't", "never"})
# Subjects that deny the event happened to anyone ("nobody was hurt", "none were killed").
NOBODY = frozenset({"nobody", "none", "noone"})


def negated(tok: Any) -> bool:
    """Is ``tok`` negated: by a ``neg`` child ("did not attack"), a negating adverb ("will never
    accept"), a 'no' determiner on it or on its subject ("no attack", "no group claimed ..."),
    or a subject such as 'nobody' ("nobody was hurt")?"""
    for c in tok.children:
        if c.dep_ == "neg" or c.dep_ == "advmod" and c.lower_ in NEGATING_ADVERBS:
            return True
        if c.dep_ == "det" and c.lower_ == "no":
            return True
        if c.dep_ in {"nsubj", "nsubjpass"} and (c.lower_ in NOBODY or any(
                g.dep_ == "det" and g.lower_ == "no" for g in c.children)):
            return True
    return False
