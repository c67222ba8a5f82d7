"""Ordinary crime, peacetime force and private acts: checks of the gate stage (:mod:`flashpoint.stages.gate`).

A political event of force needs a political actor on one side of it. In a story that names no
actor of organised force (no army, armed group, insurgents, spies: ``WAR_SECTORS``) and no word of
war, terror or civil strife (``WAR_WORDS``), violence between private people (a man who smashed a
car window, gunmen of a gang, a burglar, a killer and his victims) is crime, which the annotators of
the international news gold left empty (``docs/news-gold.md``); the acts of the police, the
prosecutors and the courts in it (arrests, charges, sentences) are coded, and violence by or
against the police, a government or any other political actor stays. In such a story a word or a
cooperative act between private people (an artist's remark, a family's calls, a firm's offer, a
memorandum between chambers of commerce) is no political event either (``private_act``), and force
with neither the police nor a court on a side is a crime told with a misread actor, a metaphor or a
deal "struck" (``peacetime_force``).

A lone sentence is not judged: with no story around it, "two men were shot dead" may be news of a
war as well as of a crime (the event-location and wire sets, one sentence each, keep their
events). Chosen on the GeoWebNews articles of the geo set's tune half (``docs/evaluation.md``).
"""
from __future__ import annotations

from typing import Any

from ..model import Actor, Document, Event
from .countable import MATERIAL

FORCE = frozenset({"18", "19", "20"})  # assault, fighting, mass violence
# Sectors of organised force: a story that names one may be telling of war, not crime.
WAR_SECTORS = frozenset({"MIL", "REB", "IMG", "INS", "SPY"})
# Words of war, terror and civil strife: a story that uses one is not judged.
WAR_WORDS = frozenset({
    "war", "warfare", "militant", "terrorist", "terrorism", "terror", "insurgent", "insurgency", "rebel",
    "rebellion", "jihadist", "jihad", "militia", "army", "military", "troop", "soldier", "airstrike",
    "bombing", "bomber", "missile", "rocket", "shelling", "ceasefire", "invasion", "coup", "protest",
    "protester", "demonstrator", "demonstration", "riot", "rioter", "clash", "massacre", "extremist",
    "sectarian", "separatist", "guerrilla", "assassination", "genocide", "insurrection", "uprising",
})
# Sectors of private people: civilians, criminals, the unknown, unidentified gunmen, trades.
PRIVATE = frozenset({"CVL", "UNK", "CRM", "UAF", "JNK", "BUS", "EDU", "LAB", "AGR", "REF", "REL", "MED", "JRN"})
MIN_SENTENCES = 3  # fewer: a lone sentence or a headline with one line, not a story


def private(actor: Actor | None) -> bool:
    """Is this side of the event nobody named or a private person (no state, no political sector)?"""
    if actor is None:
        return True
    if actor.sector is None:
        return actor.country is None  # a bare country is a state
    return actor.sector in PRIVATE


def peaceful(doc: Document) -> bool:
    """Is the document a story (``MIN_SENTENCES`` or more) naming no actor of organised force and
    using no word of war, terror or strife?"""
    parse = doc.parse
    if parse is None or sum(1 for _ in parse.sents) < MIN_SENTENCES:
        return False
    if any(a.sector in WAR_SECTORS for a in doc.actors):
        return False
    return not any(t.lemma_.lower() in WAR_WORDS or t.lower_ in WAR_WORDS for t in parse)


def crime(event: Event, tok: Any, seen: Any) -> bool:
    """Violence between private people in a story with no political force: ordinary crime."""
    return seen.peaceful and event.cameo[:2] in FORCE and private(event.source) and private(event.target)


def private_act(event: Event, tok: Any, seen: Any) -> bool:
    """A word or a cooperative act (CAMEO 01-13, 16) between private people, wherever they live
    ('an artist called it the end of an era', 'his family received calls', a firm's offer to a
    trade): no political actor on either side, so nothing a political event counts."""
    return seen.peaceful and event.cameo[:2] not in MATERIAL and not event.cameo.startswith("138") \
        and private(event.source) and private(event.target)


LAW = frozenset({"COP", "JUD"})  # the police and the courts: their force is an act of the state


def peacetime_force(event: Event, tok: Any, seen: Any) -> bool:
    """Force in a story naming no force of war or strife, with neither the police nor a court on
    either side: a crime told with a misread actor, a metaphor ('attacked the budget', 'beating
    his rivals'), a deal 'struck'; the police's force, and force against them, stays."""
    return seen.peaceful and event.cameo[:2] in FORCE \
        and not any(a is not None and a.sector in LAW for a in (event.source, event.target))
