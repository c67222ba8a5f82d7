"""Explosions: when a blast with nobody named for it is political violence (the gate stage's
``agent`` and ``unattributed`` checks, :mod:`flashpoint.stages.gate`). The issue's rule: an
explosion whose author is unknown is an event when the text calls it an attack or a bombing or a
weapon is its cause; a gas tank, a mine or a plant that blows up is an accident. Chosen on the
tune half of the event-location gold (misses on 'a roadside bomb blast occurred in X', 'a car
parked near the station detonated') and kept where the check halves agreed."""
from __future__ import annotations

from typing import Any

from ..model import Event
from .armed import ARMED_SECTORS, BLASTS, is_weapon
from .grammar import attack_causes, first_conjunct, prep_object

# Words that make violence amid a disaster an attack all the same ('a bomb attack caused a stampede').
EXPLICIT = frozenset({"attack", "bombing", "bomber", "strike", "airstrike"})
# An explosion is violence when the text names a weapon or an attack as its cause: not 'mine'
# (a coal mine's gas) nor 'device', 'fire' or 'car' on their own.
BLAST_WORDS = BLASTS | {"explosion", "blast"}  # the verbs of a blast and its nouns
WEAPON_CUES = frozenset({"bomb", "bomber", "bombing", "explosive", "ied", "vbied", "grenade", "landmine",
                         "rocket", "missile", "mortar", "shell", "shelling", "suicide", "attack", "attacker",
                         "booby", "booby-trapped", "airstrike", "drone", "militant", "insurgent",
                         "terrorist", "gunman", "car-bomb", "carbomb"})
OFFICIAL_SECTORS = frozenset({"GOV", "LEG", "JUD", "ELI", "PTY"})
# What blows up by accident: a blast told with one of these is no attack unless called one.
BLAST_MISHAPS = frozenset({"gas", "chemical", "boiler", "cylinder", "pipeline", "mine", "coal", "factory",
                           "plant", "refinery", "firework", "fireworks", "tanker", "leak", "accident",
                           "accidental", "fuel", "methane", "dust", "reactor", "furnace"})
# Who fights: their dead or their checkpoints make a blast an attack ('two soldiers were killed
# in an explosion'); not 'police' or 'army', who speak of accidents too.
FIGHTERS = frozenset({"soldier", "troop", "militant", "insurgent", "rebel", "jihadist", "fighter", "militia",
                      "militiaman", "gunman", "terrorist", "checkpoint", "convoy", "patrol"})


def lemma(tok: Any) -> str:
    return tok.lemma_.lower()


def accident_word(tok: Any) -> bool:
    """Is the word one of an industrial accident (BLAST_MISHAPS) as a thing: not the verb
    ('a bomb planted near the road': 'plant' is then the act of laying it), nor a land mine?"""
    if tok.pos_ in {"VERB", "AUX"} or not ({lemma(tok), tok.lower_} & BLAST_MISHAPS):
        return False
    return not land_mine(tok)


def land_mine(tok: Any) -> bool:
    """'a land mine', 'the land-mine': a weapon, not a coal mine."""
    return lemma(tok) == "mine" and any(c.lower_ == "land" for c in tok.children)


def blast(tok: Any) -> bool:
    """Is the violence an explosion: the trigger itself ('exploded', 'the blast occurred'), or
    the cause it gives ('killed in an explosion', 'the blast killed')?"""
    if lemma(tok) in BLAST_WORDS:
        return True
    verbs = [tok, first_conjunct(tok)]
    if verbs[1].dep_ == "advcl":  # 'an explosion destroyed the plant, killing two workers'
        verbs.append(verbs[1].head)
    nouns = [n for v in verbs for n in attack_causes(v, subject=True)]
    nouns += [c for v in verbs for c in v.children if c.dep_ in {"nsubj", "dobj"}]
    return any(lemma(c) in BLAST_WORDS for c in nouns)


def armed_blast(event: Event, tok: Any, sentence: Any) -> bool:
    """Does the sentence, or the one before it, say a weapon or an attack caused the blast? A
    vehicle that blew up was one ('a car parked near the station detonated'), and so was a blast
    that hit a state's or an armed actor's people or premises ('a blast destroyed the embassy')."""
    before = sentence.doc[sentence.start - 1].sent if sentence.start > 0 else None
    words = [t for s in (before, sentence) if s is not None for t in s]
    if any(accident_word(t) for t in words):  # 'a gas explosion', 'a blast at the mine'
        return any(lemma(t) in EXPLICIT for t in words)
    target = event.target
    if target is not None and target.sector in ARMED_SECTORS | OFFICIAL_SECTORS:
        return True
    blew = lemma(tok) in BLAST_WORDS
    subjects = [c for c in tok.children if c.dep_ == "nsubj"] + ([tok.head] if tok.dep_ == "acl" else [])
    subjects += [g for c in subjects if lemma(c) in BLAST_WORDS  # 'the explosion of a pickup truck'
                 for g in [prep_object(c, {"of"})] if g is not None]
    blew = blew or any(lemma(c) in BLAST_WORDS for c in subjects)
    if any(is_weapon(c, blast=blew) and lemma(c) not in BLAST_WORDS for c in subjects):
        return True
    return any(lemma(t) in WEAPON_CUES | FIGHTERS or t.lower_ in WEAPON_CUES or land_mine(t) for t in words)
