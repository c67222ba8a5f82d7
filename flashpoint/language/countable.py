"""What an event data set counts, as checks the gate stage runs (:mod:`flashpoint.stages.gate`;
each takes the event, its trigger token and what the gate has seen of the document): an act with
a known country or organisation on one side, one event per pair of countries on a trigger, and
acts the sentence reports rather than supposes or gives as background. Chosen on the tune half
of the project's news gold (``docs/news-gold.md``) and measured on its check half, on the PLOVER
gold and on the event-location gold."""
from __future__ import annotations

from typing import Any

from ..model import Actor, Event
from .grammar import first_conjunct
from .intent import infinitive_of_purpose, planned

VIOLENCE = frozenset({"18", "19", "20"})
# Material conflict: protest, force posture, coercion, violence (CAMEO 14, 15, 17-20). Such an
# act is news whoever does it ('fighters were killed', 'gunmen stormed the base'); a word or a cooperative act is news only from a known actor.
MATERIAL = frozenset({"14", "15", "17"}) | VIOLENCE
CONDITIONS = frozenset({"if", "unless", "lest"})


def _identity(actor: Actor | None) -> str | None:
    """Who an actor is, as event data counts actors: its country, or IGO / NGO; None for a
    mention no country or organisation is known for ('the group', 'fighters', 'people')."""
    if actor is None:
        return None
    if actor.country:
        return actor.country
    if actor.kind == "igo":
        return "IGO"
    return "NGO" if actor.sector == "NGO" else None


def nameless(event: Event, tok: Any, seen: Any) -> bool:
    """Neither side is a known country or organisation, nor named ('the fighters later praised
    the decision', 'their commanders disagreed with the plan'): nothing an analysis of who did
    what to whom can count."""
    if event.cameo[:2] in MATERIAL or event.cameo.startswith("138"):
        return False  # a threat of force is conflict news too ('forces plan to storm the town')
    if _identity(event.source) is not None or _identity(event.target) is not None:
        return False
    return not any(_named(a, seen.parse) for a in (event.source, event.target))


def _named(actor: Actor | None, parsed: Any) -> bool:
    """Does the text name the actor ('the Umma party', 'General Ferguson')? One the actor tables
    do not know can still act."""
    span = parsed.char_span(actor.start, actor.end, alignment_mode="expand") if actor is not None else None
    return span is not None and any(t.pos_ == "PROPN" for t in span)


def redundant(event: Event, tok: Any, seen: Any) -> bool:
    """Another event on the same trigger and code says as much and more: the same countries, or
    a country where this one has none ('officials and Turkish ministers urged Iraq': one event
    per pair of countries)."""
    mine = _pair(event)
    earlier = True
    for other in seen.alike.get((event.trigger_start, event.cameo), ()):
        if other is event:
            earlier = False
        elif _covers(_pair(other), mine) and (earlier or _pair(other) != mine):
            return True
    return False


def _pair(event: Event) -> tuple[str | None, str | None]:
    return _identity(event.source), _identity(event.target)


def _covers(theirs: tuple[str | None, str | None], mine: tuple[str | None, str | None]) -> bool:
    return all(m is None or m == t for t, m in zip(theirs, mine))


def conditional(event: Event, tok: Any, seen: Any) -> bool:
    """An act in a condition ('... if Greece threatened Turkish ships') is only
    supposed, whatever its code; the act made conditional on it may be a threat and stays."""
    for _ in range(6):
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in tok.children):
            return True
        if tok.dep_ in {"ROOT", "ccomp", "advcl"} or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def prepositional(event: Event, tok: Any, seen: Any) -> bool:
    """A gerund that is the object of a preposition is the background of another statement
    ('criticised after meeting Syrian officials', 'thanked for helping Serbia'), like an event
    noun in a prepositional phrase; not the means of an act ('tried to deter Israel by
    threatening Tel Aviv'), nor material conflict ('before shelling the town')."""
    if event.cameo[:2] in MATERIAL or tok.dep_ != "pcomp" or tok.tag_ != "VBG":
        return False
    return tok.head.pos_ == "ADP" and tok.head.lower_ != "by"


def purpose(event: Event, tok: Any, seen: Any) -> bool:
    """An infinitive of purpose ('retain a force in Syria to fight terrorists', 'is taking new
    steps to ensure security', 'left London to join the group') says what an act is for, not
    that it happened, whether or not the act it serves is coded; the mission of people sent
    somewhere stays ('dispatched inspectors to monitor the plant'), and so does the act steps
    are taken to do ('took steps to ease restrictions')."""
    if planned(event, tok):
        return False  # under way at a named place: 'launched an offensive to capture X' (intent.purposed)
    return infinitive_of_purpose(first_conjunct(tok))


