"""The root of an act of taking, driving out or intervening by what it is done to, after the
CAMEO codebook (``../shared/data/cameo/cameo-codes.csv``) and the news gold's conventions
(docs/news-gold.md): the lexicon reads 'seize', 'capture', 'oust', 'sweep' and 'intervene' by
their usual sense (seizing property 171, expelling people 174, aid 070), which is wrong when the
act is war:

- taking ground, 192 (occupy territory): the verb of taking has a place for its object ('seized
  a town', 'captured the mountain village', 'regained control of two towns', 'annexed the
  peninsula', 'captured the heights', 'took 40 percent of Chad'), or fighters take a building
  ('rebels seized the hospital', 'forces stormed and captured several buildings'); taking a
  person or a thing keeps the verb's own code (a captive 173, a tanker 171);
- driving fighters out, 190 (conventional force): a verb of driving whose object is armed
  ('ousted Isis from the towns', 'the militants were pushed out', 'forcing the fighters to fall
  back'), or whose armed subject moves across ground ('troops swept through the south'); ousting a
  government or expelling diplomats keeps its code;
- intervening in a war or a country, militarily, 190 ('intervened with troops in the
  neighbouring country', 'intervened in Yemen's civil war'), not in a dispute or a debate.
"""
from __future__ import annotations

from typing import Any

from ..model import Actor, Place
from .armed import ARMED_NOUNS, ARMED_SECTORS
from .grammar import FACILITIES, PLACE_LABELS
from .place_attachment import PLACE_WORDS

# Roots a reading of taking or driving may replace: not violence (18-20), which is right already.
RECODABLE_ROOTS = frozenset({"03", "05", "07", "08", "09", "10", "15", "16", "17"})
TAKING = frozenset({"seize", "capture", "take", "retake", "recapture", "wrest", "grab", "annex", "reclaim",
                    "claw", "conquer"})
DRIVING = frozenset({"oust", "drive", "push", "sweep", "kick", "expel", "chase", "flush", "rout", "evict",
                     "force", "clear"})
INTERVENING = frozenset({"intervene"})
# Words of ground: places, military sites and stretches of land ('a strip of land along the river').
GROUND = frozenset((PLACE_WORDS - {"agency", "state", "bank", "school", "university", "hotel", "hospital",
                                   "church", "mosque", "market", "stadium", "embassy"})
                   | FACILITIES - {"embassy", "consulate", "headquarters"}
                   | {"territory", "land", "stronghold", "enclave", "swath", "swathe", "tract", "hill", "outpost",
                      "garrison", "redoubt", "frontline", "oilfield", "dam", "capital", "city", "town",
                      "height", "heights", "peak", "ridge", "hilltop", "farm", "farmland", "point", "block"})
# What fighters take is ground whatever the building ('rebels seized the hospital', 'forces captured
# several buildings'); a state's police or courts taking a thing or a person is not.
HELD_BY_FIGHTERS = frozenset(PLACE_WORDS | FACILITIES | {"building", "headquarters", "position", "village"})
# Nouns whose 'of' or 'over' phrase holds what is taken ('control of the city', 'much of Syria').
HOLDING = frozenset({"control", "hold", "possession", "part", "parts", "much", "most", "rest", "half", "all",
                     "some", "swath", "swathe", "tract", "tracts", "area", "areas", "chunk", "percent", "%",
                     "kilometer", "kilometre", "mile", "dozen", "number"})
# Directions of driving ('from the towns', 'out', 'through the south', 'swept in').
DIRECTIONS = frozenset({"from", "out", "through", "across", "into", "back", "in", "off"})
# What a war is ('intervened in the civil war').
WARS = frozenset({"war", "conflict", "fighting", "battle", "insurgency", "offensive", "campaign"})


def _in_places(tok: Any, places: tuple[Place, ...]) -> bool:
    return any(p.start <= tok.idx < p.end for p in places)


def is_ground(tok: Any, places: tuple[Place, ...]) -> bool:
    """Is ``tok`` a place (a resolved place, a place entity or a word of ground), or a holding
    of one ('control of the city', 'parts of Syria')?"""
    lemma = tok.lemma_.lower()
    if _in_places(tok, places) or tok.ent_type_ in PLACE_LABELS or lemma in GROUND:
        return True
    return lemma in HOLDING and any(g.dep_ == "pobj" and is_ground(g, places) for p in tok.children
                                    if p.dep_ == "prep" and p.lower_ in {"of", "over"} for g in p.children)


def _patient(tok: Any) -> Any | None:
    """The verb's object, or its subject in the passive."""
    return next((c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}), None)


def _armed(actor: Actor | None, phrase: Any | None) -> bool:
    """Does ``phrase`` name fighters: an armed actor within it, or a noun of fighters at its head?"""
    if phrase is None:
        return False
    if actor is not None and actor.sector in ARMED_SECTORS \
            and phrase.left_edge.idx <= actor.start <= phrase.right_edge.idx:
        return True
    return phrase.lemma_.lower() in ARMED_NOUNS or phrase.lower_ in ARMED_NOUNS


def _governor(tok: Any) -> Any:
    """The verb whose subject a coordinated verb shares ('stormed and captured the village')."""
    while tok.dep_ == "conj" and tok.head.i != tok.i and _subject(tok) is None:
        tok = tok.head
    return tok


def _held(patient: Any) -> bool:
    """Ground when fighters take it: a building or a site (HELD_BY_FIGHTERS). Not a name no
    table knows: measured, it took people the small model does not tag as persons for places."""
    return patient.lemma_.lower() in HELD_BY_FIGHTERS or patient.lower_ in HELD_BY_FIGHTERS


def _directed(tok: Any) -> bool:
    return any(c.dep_ in {"prep", "prt", "advmod"} and c.lower_ in DIRECTIONS for c in tok.children)


def _subject(tok: Any) -> Any | None:
    return next((c for c in tok.children if c.dep_ == "nsubj"), None) \
        or next((g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)


def _at_war(tok: Any, places: tuple[Place, ...]) -> bool:
    if any(c.dep_ == "advmod" and c.lower_ == "militarily" for c in tok.children):
        return True
    return any(g.dep_ == "pobj" and (g.lemma_.lower() in WARS or _in_places(g, places) or g.ent_type_ == "GPE")
               for p in tok.children if p.dep_ == "prep" and p.lower_ == "in" for g in p.children)


def ground_code(tok: Any, code: str, source: Actor | None, target: Actor | None,
                places: tuple[Place, ...]) -> str:
    """The code of an act of taking, driving out or intervening by what it is done to (module
    docstring); any other code as given."""
    if code[:2] not in RECODABLE_ROOTS or tok.pos_ not in {"VERB", "AUX"}:
        return code
    lemma = tok.lemma_.lower()
    patient = _patient(tok)
    if lemma in TAKING and patient is not None and (
            is_ground(patient, places) or _armed(source, _subject(_governor(tok))) and _held(patient)):
        return "192"
    if lemma in DRIVING and (_armed(target, patient)
                             or _directed(tok) and _armed(source, _subject(tok))):
        return "190"
    if lemma in INTERVENING and _at_war(tok, places):
        return "190"
    return code
