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
# Nouns of a toll: a clause whose object is a toll of none ("reported no deaths", "caused zero
# casualties") tells that no one was harmed, not an act of violence.
TOLL_NOUNS = frozenset({"death", "casualty", "fatality", "injury", "victim"})
ZERO = frozenset({"zero", "0"})


def negated(tok: Any) -> bool:
    """Is ``tok`` negated: by a ``neg`` child ("did not attack"), a negating adverb ("will never
    accept"), a 'no' determiner on it or on its subject ("no attack", "no group claimed ..."),
    a subject such as 'nobody' ("nobody was hurt"), or an object that is a toll of none
    ("reported no deaths", "caused zero casualties")?"""
    for c in tok.children:
        if c.dep_ == "neg" or c.dep_ == "advmod" and c.lower_ in NEGATING_ADVERBS:
            return True
        if c.dep_ == "det" and c.lower_ == "no":
            return True
        if c.dep_ in {"nsubj", "nsubjpass"} and (c.lower_ in NOBODY or any(
                g.dep_ == "det" and g.lower_ == "no" for g in c.children)):
            return True
        if c.dep_ == "dobj" and no_toll(c):
            return True
    return False


def no_toll(noun: Any) -> bool:
    """Is the noun a toll of none: 'no deaths', 'zero casualties', 'no injuries'?"""
    return noun.lemma_.lower() in TOLL_NOUNS and any(
        g.dep_ == "det" and g.lower_ == "no" or g.dep_ == "nummod" and g.lower_ in ZERO for g in noun.children)
