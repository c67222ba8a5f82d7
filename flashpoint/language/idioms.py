"""The verbs of force in idioms, as a check the gate stage runs (:mod:`flashpoint.stages.gate`).
Sport, elections, markets and the arts use the words of war: a skier "captured the gold medal", a
candidate "captured the first round", a story "captured the imagination",
shares "shot up", footage "was shot" by a broadcaster, a camera "captured" an officer. What the
verb takes is no one's people, forces or ground: a prize, a mind or a picture; or a
camera takes it. The annotators leave such sentences empty (``docs/news-gold.md``: sport,
elections, the idioms of "capture"). Chosen on the wire training set
(``data/training/wire_events.jsonl``) and measured on the check halves (``docs/evaluation.md``)."""
from __future__ import annotations

from typing import Any

from ..model import Event

FORCE = frozenset({"17", "18", "19", "20"})  # coercion, assault, fighting, mass violence
# What a contest or an election gives: prizes, places, scores, seats.
PRIZES = frozenset({
    "title", "medal", "gold", "silver", "bronze", "cup", "trophy", "crown", "championship", "prize",
    "award", "stage", "race", "round", "spot", "lead", "victory", "win", "pole",
    "game", "match", "final", "tournament", "open", "wicket", "haul", "century", "goal",
    "birdie", "par", "seat", "vote", "ballot", "nomination", "majority", "record",
})
# What the mind or a picture holds: "captured the imagination", "captured the mood".
MINDS = frozenset({"attention", "imagination", "heart", "mind", "mood", "sentiment", "spirit", "essence",
                   "fancy", "interest", "feeling", "atmosphere", "moment", "flavour", "flavor", "headline"})
# What records a scene: a camera captures or shoots, and is shot.
RECORDINGS = frozenset({"camera", "video", "footage", "film", "photo", "photograph", "picture", "image",
                        "recording", "lens", "movie", "documentary", "scene", "snapshot"})
PARTS = frozenset({"majority"})  # 'captured the majority of the villages' is ground
PICTURING = frozenset({"capture", "shoot"})  # verbs that take a picture; not 'detonated a camera bomb'
RISES = frozenset({"up", "back"})  # 'prices shot up', 'Democrats shot back that ...'


def idiom(event: Event, tok: Any, seen: Any) -> bool:
    """Force used on a prize, a mind or a picture, or by a camera: sport, an election, a
    market, the arts ('captured the title', 'captured the imagination', 'the footage
    was shot', 'captured by surveillance cameras', 'shares shot up')."""
    if event.cameo[:2] not in FORCE:
        return False
    children = list(tok.children)
    verb = tok.lemma_.lower()
    if verb == "shoot" and any(c.dep_ in {"prt", "advmod"} and c.lower_ in RISES for c in children) \
            and not any(c.dep_ == "dobj" or c.dep_ == "prep" and c.lower_ in {"at", "on"} for c in children):
        return True  # not 'soldiers shot up the car', 'troops shot back at the attackers'
    things = PRIZES | MINDS | (RECORDINGS if verb in PICTURING else frozenset())
    for c in children:
        lemma = c.lemma_.lower()
        if c.dep_ in {"dobj", "nsubjpass"} and lemma in things and not _part_of(c):
            return True
        if c.dep_ == "nsubj" and lemma in RECORDINGS:
            return True
        if c.dep_ == "agent" and any(g.lemma_.lower() in RECORDINGS for g in c.children if g.dep_ == "pobj"):
            return True
    return False


def _part_of(tok: Any) -> bool:
    """Is the phrase a part of something ('the majority of the villages' is ground, not an election's)?"""
    return tok.lemma_.lower() in PARTS and any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)
