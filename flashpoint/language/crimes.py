"""Ordinary crime, as a check the gate stage runs (:mod:`flashpoint.stages.gate`). Wire copy and
local papers report murders, shootings and robberies with no political actor on either side ("a
woman was murdered near the village", "X was shot in the head in his driveway"): the annotators
of the project's golds leave them empty (``docs/news-gold.md``: ordinary crime with no political
actor is no event). Violence stays when either side is a state, its forces, police, courts or
officials, an armed group, a party or an organisation, or when the sentence names an attack, a
weapon of war or fighters ("four civilians were killed" in a war is an attack). Chosen on the
wire training set (``data/training/wire_events.jsonl``) and measured on the check halves
(``docs/evaluation.md``)."""
from __future__ import annotations

import bisect
from typing import Any

from ..model import Actor, Event
from .armed import ARMED_NOUNS
from .countable import VIOLENCE
from .grammar import ATTACK_CAUSES, mention_head

# Verbs of crime: no army or group "murders" in the wire's own voice.
CRIMES = frozenset({"murder", "stab", "strangle", "rob", "burgle", "mug", "poison"})
# Sectors of people who act for no polity: civilians, business, schools, labour, health, media.
PRIVATE = frozenset({"CVL", "BUS", "EDU", "CRM", "AGR", "LAB", "MED", "JRN", "REF"})
STATELY = frozenset({"state", "igo", "hosted"})  # a country, an organisation, a state's post abroad
# Words that tell of war or a political attack in the sentence.
WAR = ATTACK_CAUSES | ARMED_NOUNS | {"attack", "strike", "airstrike", "raid", "bombing", "war", "fighting", "clash",
                                      "battle", "offensive", "insurgency", "conflict", "assassination", "assassinate",
                                      "terror", "terrorism", "political", "separatist", "sectarian"}


def political(actor: Actor | None, parsed: Any) -> bool:
    """Does the actor act for a polity: a state, an organisation, forces, officials, a party? A
    country known only from a place in a phrase of place ('shot dead in Moscow', 'outside his
    Miami home') is where it happened, not who took part."""
    if actor is None or actor.kind == "unidentified":
        return False
    head = mention_head(actor, parsed)
    if head is not None and head.dep_ == "pobj" and head.head.dep_ == "prep" and actor.sector in PRIVATE | {None}:
        return False
    if actor.sector:
        return actor.sector not in PRIVATE
    return actor.kind in STATELY


def crime(event: Event, tok: Any, seen: Any) -> bool:
    """A murder, a stabbing or a robbery with no political actor on either side and no word of war
    or an attack in the sentence ('a woman was murdered near the village'). A shooting of a named
    person is left alone: the wire's shootings of journalists, lawyers and activists are political,
    and the event-location gold marks their places."""
    if event.cameo[:2] not in VIOLENCE or political(event.source, seen.parse) or political(event.target, seen.parse):
        return False
    sentence = tok.sent
    if any({t.lemma_.lower(), t.lower_} & WAR for t in sentence):
        return False
    at = bisect.bisect_left(seen.armed, sentence.start_char)  # an armed actor named in the sentence
    if at < len(seen.armed) and seen.armed[at] < sentence.end_char:
        return False
    return tok.lemma_.lower() in CRIMES
