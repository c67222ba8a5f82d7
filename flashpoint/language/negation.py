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
    accept"), a 'no' determiner on it, on its subject or on its object ("no attack", "no group
    claimed ...", "committed no crime"), a subject 'neither ... nor' or such as 'nobody'
    ("nobody was hurt")?"""
    for c in tok.children:
        if c.dep_ == "neg" or c.dep_ == "advmod" and c.lower_ in NEGATING_ADVERBS:
            return True
        if c.dep_ == "det" and c.lower_ == "no":
            return True
        if c.dep_ in {"nsubj", "nsubjpass"} and (c.lower_ in NOBODY or _denied(c)):
            return True
        if c.dep_ == "dobj" and tok.pos_ == "VERB" and _denied(c, words=("no",)):
            return True  # 'he has committed no crime'
    return False


def _denied(noun: Any, *, words: tuple[str, ...] = ("no", "neither")) -> bool:
    """A noun denied by its determiner: 'no group claimed ...', 'neither Britain nor France has
    ratified ...' (``words``: which determiners count)."""
    return any(g.dep_ in {"det", "preconj"} and g.lower_ in words for g in noun.children)
