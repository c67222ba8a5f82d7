"""Shows with no one to show them to: checks of the gate stage (:mod:`flashpoint.stages.gate`).

A show of force (CAMEO 15) or a protest (CAMEO 14) is a political event because someone sees it:
the crowd that marches for a cause or against someone, the troops that patrol a street, a border or
a zone. The same verbs also tell what is no show at all, and the annotators of the wire and news
golds leave such sentences empty (``docs/news-gold.md``):

- ``posture``: a show of force in the present simple with no object, no place, no purpose and no
  time ("Soldiers often patrol", "Some 900 Dutch and Danish soldiers patrol"): a standing
  arrangement told with nothing to show it to, often a headline cut off in the source. With an
  object or a place ("troops patrol the streets of Kabul") it stays: the event-location gold marks
  its place;
- ``procession``: a march or a parade by no crowd and for no cause ("the bankers marched into our
  cities", "his rival was also marching", "they marched everyone out like a parade"). A march is a
  protest when its marchers are a crowd (a number, "hundreds of students", protesters, supporters),
  when its clause names what it is for or against ("marched in solidarity with ...", "to demand
  ...", "against him"), when it goes on a place or to a seat of power ("marched on the town",
  "marched to the embassy") or when its sentence names a protest; the march of a force (troops marching
  into a country) is not judged here;
- ``exhibit``: a private person who "demonstrates" a thing ("demonstrated a ballot scanner to
  officials", "demonstrate a leader's reach"): showing an object is no protest, unless a
  crowd does it or for a cause ("thousands demonstrated their support for ...").

Chosen on the wire training set (``data/training/wire_events.jsonl``) and counted on the news
training set and the event-location tune half (``docs/evaluation.md``, twenty-third session).
"""
from __future__ import annotations

from typing import Any

from ..model import Event

PRESENT = frozenset({"VBP", "VBZ"})
# What gives a show of force someone to see it: an object, a place or a route, a time, a purpose.
SETTINGS = frozenset({"dobj", "prep", "npadvmod", "advcl", "xcomp", "ccomp", "agent"})
MARCHES = frozenset({"march", "parade"})
SHOWS = frozenset({"demonstrate", "march", "parade"})
# Sectors whose march is a movement of forces, not a procession (judged by other checks).
FORCES = frozenset({"MIL", "REB", "IMG", "INS", "SPY", "COP", "UAF", "PRM"})
# Heads and words of a crowd: a number of people, or people who gather.
CROWD = frozenset({
    "protester", "protestor", "demonstrator", "marcher", "crowd", "people", "supporter", "activist", "student",
    "worker", "mourner", "union", "opposition", "farmer", "resident", "villager", "citizen", "veteran",
    "woman", "man", "youth", "group", "member", "community", "hundred", "thousand", "million", "dozen",
})
# Words of a cause in the march's own clause: what it is for or against.
CAUSES = frozenset({
    "protest", "demand", "solidarity", "support", "chant", "slogan", "placard", "banner", "rally",
    "demonstrate", "oppose", "denounce", "condemn", "call", "shout", "urge", "defiance", "against",
})
# Seats of power a march goes to: a march on them is a protest ('marched to the embassy').
SEATS = frozenset({"embassy", "consulate", "parliament", "ministry", "office", "headquarters", "palace", "house",
                   "council", "legislature", "assembly", "court", "hall", "capitol", "residence", "congress"})
# Words that make the whole sentence tell of a protest.
PROTESTS = frozenset({"protester", "protestor", "demonstrator", "protest", "demonstration", "rally", "marcher"})
RELATIVES = frozenset({"who", "that", "which"})


def _lemma(tok: Any) -> str:
    return tok.lemma_.lower()


def posture(event: Event, tok: Any, seen: Any) -> bool:
    """A show of force in the present simple with no object, place, purpose or time: 'Soldiers
    often patrol', 'Most U.S. troops patrol'."""
    if event.cameo[:2] != "15" or tok.tag_ not in PRESENT:
        return False
    return not any(c.dep_ in SETTINGS or c.dep_ in {"aux", "auxpass", "neg"} for c in tok.children)


def _marchers(tok: Any) -> Any:
    """Who marches: the verb's subject, the noun a relative clause or participle hangs on ('protesters
    who marched'), or the subject of the verb it is an infinitive or a conjunct of."""
    for _ in range(3):
        subjects = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects and tok.dep_ == "relcl" and subjects[0].lower_ in RELATIVES:
            return tok.head
        if subjects:
            return subjects[0]
        if tok.dep_ in {"relcl", "acl"}:
            return tok.head
        if tok.dep_ not in {"xcomp", "conj"}:
            return None
        tok = tok.head
    return None


def _crowd(marchers: Any) -> bool:
    """A number of people or people who gather: 'about 5,000 demonstrators', 'thousands', 'the crowd'."""
    return marchers is not None and any(
        _lemma(w) in CROWD or w.like_num or w.pos_ == "NUM" for w in marchers.subtree)


def _cause(tok: Any) -> bool:
    """Does the verb's clause say what it is for or against, or its sentence name a protest?"""
    marchers = _marchers(tok)
    own = {t.i for t in marchers.subtree} if marchers is not None and marchers.head == tok else set()
    if any(_lemma(t) in CAUSES or t.lower_ in CAUSES for t in tok.subtree if t.i != tok.i and t.i not in own):
        return True
    if any(_on_power(c) for c in tok.children if c.dep_ == "prep"):
        return True
    return any(_lemma(t) in PROTESTS for t in tok.sent)


def _on_power(prep: Any) -> bool:
    """'marched on the town' (to confront it), 'marched to the White House' or 'to the embassy' (a seat of power)."""
    if prep.lower_ == "on":
        return True
    return prep.lower_ in {"to", "toward", "towards"} and any(
        _lemma(g) in SEATS or g.ent_type_ in {"ORG", "FAC"} for c in prep.children if c.dep_ == "pobj" for g in c.subtree)


def _forces(event: Event) -> bool:
    return event.source is not None and event.source.sector in FORCES


def procession(event: Event, tok: Any, seen: Any) -> bool:
    """A march by no crowd for no cause: 'the bankers marched into our cities', 'his rival was also marching'."""
    if event.cameo[:2] != "14" or _lemma(tok) not in MARCHES or _forces(event):
        return False
    return not (_crowd(_marchers(tok)) or _cause(tok))


def exhibit(event: Event, tok: Any, seen: Any) -> bool:
    """Showing a thing: 'an engineer demonstrated a new ballot scanner to officials'."""
    if event.cameo[:2] != "14" or _lemma(tok) not in SHOWS or _forces(event):
        return False
    if not any(c.dep_ == "dobj" for c in tok.children):
        return False
    return not (_crowd(_marchers(tok)) or _cause(tok))
