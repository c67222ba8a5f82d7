"""Where an event stands in its sentence, as checks the gate stage runs
(:mod:`flashpoint.stages.gate`; each takes the event, its trigger token and what the gate has
seen of the document). A sentence reports an act in a clause: the act an event noun names is
news when the noun is a clause's subject or object ("the offensive began", "Turkey launched an
assault"), not when it sits in a prepositional phrase, a description or a predicate ("on the eve
of the airstrikes", "the threat of strikes", "is a threat to peace"). The project's news gold
writes these conventions down (``docs/news-gold.md``); chosen on its tune half and measured on
its check half. (A check making coordinated verbs that repeat one act a single event, "were
killed and injured", was tried and removed: neutral on the news check half, and it cost the
event-location check half 0.0013 of hit rate.)"""
from __future__ import annotations

from typing import Any

from ..model import Event
from .grammar import first_conjunct

# Where an event noun is the clause's own argument: its subject or object.
ARGUMENT = frozenset({"nsubj", "nsubjpass", "dobj", "csubj"})
# Verbs of death and injury: the attack a noun names in their prepositional phrase is the act
# ('killed in an airstrike', 'died in a raid by commandos').
HARMED = frozenset({"kill", "die", "wound", "injure", "hurt", "destroy", "damage", "perish", "slay"})
MEANS = frozenset({"in", "by", "during"})


def nominal(event: Event, tok: Any, seen: Any) -> bool:
    """An event noun that is not its clause's subject or object: 'on the eve of the airstrikes',
    'the consequences of threats against Syria', 'is a greater threat to peace', 'the Kurdish
    terrorist threat'. The attack a death or injury happened in stays ('killed in an
    airstrike'), and so does an act the noun phrase gives with both its author and its target
    ('after Iran's missile attack on the air base') or done to a named person ('revenge for
    the assassination of General X'): a reference to a known act. But when the death or injury
    is coded itself, the attack it happened in is that same act, not a second one."""
    if tok.pos_ != "NOUN":
        return False
    if _means_of_harm(tok) and tok.head.head.idx in seen.triggers:
        return True  # 'killed in a U.S. air strike': the killing's own event is the act
    if _referenced(event):
        return False
    tok = first_conjunct(tok)
    if tok.dep_ in ARGUMENT:
        return False
    return not _means_of_harm(tok)


def _referenced(event: Event) -> bool:
    """Does the event name who did it to whom, or whom it was done to by name?"""
    target = event.target
    return target is not None and (event.source is not None or target.kind == "person")


def _means_of_harm(noun: Any) -> bool:
    """'killed in a raid', 'died in an air strike in 2017': the noun is the object of a
    preposition of means on a verb of death or injury."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in MEANS or prep.head is prep:
        return False
    return prep.head.lemma_.lower() in HARMED
