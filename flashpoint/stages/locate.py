"""Locate: actors named without a country take it from where they act, and violence nobody
is named for is given to unidentified armed forces of the country where it happened.

Runs after the events and classify stages, so it sees every event's final source and target.
A second stage, SentenceLocator, runs after the gate and event places: it reads more of the
sentence's places into actors' countries without changing which events the gate keeps.
"""
from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Callable
from typing import Any

from ..model import Actor, Document, Event, Place
from ..language.grammar import LOCATIVE, attack_causes, in_phrase, trigger_token
from ..language.scope import purposes, speakers
from ..language.spans import overlapping, starting_in


INTERNATIONAL = frozenset({"NGO", "IGO", "MNC"})  # bodies that keep no country from a place


class ActorLocator:
    name = "locate"
    requires = frozenset({"text", "parse", "tokens", "sentences", "actors", "places", "events"})
    # places each event's actors (and drops an event that became a copy of another)
    updates = frozenset({"events"})
    assigns: frozenset[str] = frozenset()

    def __call__(self, doc: Document) -> Document:
        settings = _settings(doc)
        before = _settings_before(doc, settings)
        events = {}
        for e in doc.events:
            earlier = before(e.sentence_index)
            source = _placed(e.source, e.locations, settings, earlier) or _unidentified(e, doc, settings)
            source = _domestic(source, e)
            target = _placed(e.target, e.locations, settings, earlier)
            if source is not e.source or target is not e.target:
                e = dataclasses.replace(e, source=source, target=target)
            events.setdefault(e.event_id, e)
        return dataclasses.replace(doc, events=tuple(events.values()))


def _settings(doc: Document, *, modifiers: bool = False) -> frozenset[int]:
    """Start offsets of the places named in a locative phrase ("blocked streets in Hong Kong"),
    with ``modifiers`` also as a noun's modifier in one ("in the Kandy hills")."""
    if doc.tokens is None:
        return frozenset()
    out = set()
    for p in doc.places:
        span = doc.tokens.span(p.start, p.end)
        if span is not None and _is_setting(_modified(span.root) if modifiers else span.root):
            out.add(p.start)
    return frozenset(out)


LOOKBACK = 5  # sentences before an event whose settings still say where a group is
# Sectors of people who live where the story is set: police, protesters, civilians. Not troops,
# officials or armed groups, who come from elsewhere in the news that moves them
# ("Marines flew from Kuwait to reinforce the embassy").
RESIDENT = frozenset({"CVL", "OPP", "LAB", "REF", "REL", "EDU", "MED", "JRN", "BUS", "COP", "AGR", "HLH"})


def _settings_before(doc: Document, settings: frozenset[int]) -> Callable[[int], str | None]:
    """sentence index -> the country of the last setting in the LOOKBACK sentences before it."""
    starts = [s.start for s in doc.sentences]
    placed = sorted((bisect.bisect_right(starts, p.start) - 1, p.start, p.country)
                    for p in doc.places if p.start in settings and p.country)

    def before(index: int) -> str | None:  # the last of ``placed`` with index - LOOKBACK <= i < index
        lo, hi = bisect.bisect_left(placed, (index - LOOKBACK,)), bisect.bisect_left(placed, (index,))
        return placed[hi - 1][2] if hi > lo else None

    return before


def _modified(tok: Any) -> Any:
    """The noun a place's name modifies ('Kandy' in 'the Kandy hills' or 'northern Kandy
    district'), or the name itself."""
    while tok.dep_ in {"compound", "amod", "nmod"} and tok.head.pos_ in {"NOUN", "PROPN"} and tok.head.i > tok.i:
        tok = tok.head
    return tok


def _is_setting(tok: Any) -> bool:
    """Is the place the object of a locative preposition, directly, through 'of' or as an owner
    ('in Beirut', 'near the town of Samarra', 'outside of the city of Basra', 'near Macedonia's
    border')?"""
    return in_phrase(tok, LOCATIVE, outside_of=True)


def _placed(actor: Actor | None, places: tuple[Place, ...], settings: frozenset[int],
            earlier: str | None = None, *, sole: tuple[Place, ...] = ()) -> Actor | None:
    """A group named without a country ("rebels", "the government of Sindh province") is of the
    country of the first place its own words name or, failing that, of the first place the
    sentence names as a setting ("in Dili", "near Samarra"), or else, for residents (RESIDENT),
    of the one country of the places ``sole`` holds (the sentence's, see SentenceLocator; never
    for an office, OFFICES), or else, for residents (RESIDENT),
    of the last setting of the few sentences before ("... the compound in Baghdad. Protesters
    chanted ..."): the usual event-data convention (ICEWS, PLOVER). Its kind says the country
    was read from a place. International bodies keep none. Places named otherwise ("flew from Kuwait", "Iran's leadership") say nothing of where
    an actor belongs; counting them too gained 0.6 points of actor F1 on the PLOVER GSR but
    made US Marines Kuwaiti and the US military Iranian in the project's own texts."""
    if actor is None or actor.country is not None or not actor.sector or actor.kind == "igo" \
            or actor.sector in INTERNATIONAL:
        return actor
    own = [p.country for p in places if p.country and actor.start <= p.start < actor.end
           and p.country != actor.proxy_of]  # "Turkish-backed rebels" are not Turkey's
    setting = [p.country for p in sorted(places, key=lambda p: p.start) if p.country and p.start in settings]
    one = sorted({p.country for p in sole if p.country}) if actor.sector not in OFFICES else []
    country = (own or setting or (one if len(one) == 1 else []) or [earlier if actor.sector in RESIDENT else None])[0]
    if country is None:
        return actor
    return dataclasses.replace(actor, country=country, kind="located")


def _unidentified(event: Event, doc: Document, settings: frozenset[int]) -> Actor | None:
    """'A roadside bomb near Samarra killed a US soldier', 'a journalist was killed in Beirut':
    violence (CAMEO 18-20) stated by a verb with nobody named for it is coded to unidentified
    armed forces (UAF) of the country of the place where it happened, the ICEWS and PLOVER
    convention; the actor's text is that place. Arrests, detentions and investigations stated in
    the passive ('was arrested in Lebanon') go the same way to the state of the place
    (STATE_ACTS), with no sector. A noun ('the killing of X') is left alone: it usually recalls
    an event whose author the text names elsewhere; so is violence whose cause is definite ('the
    missiles struck ...': those the text has already given an author)."""
    root = event.cameo[:2]
    if root not in VIOLENCE | STATE_ACTS or not event.happened or doc.tokens is None:
        return None
    trigger = doc.tokens.span(event.trigger_start, event.trigger_start + len(event.trigger))
    if trigger is None or trigger.root.pos_ not in {"VERB", "AUX"}:
        return None
    verb = trigger.root
    if root in VIOLENCE and not _new_attack(verb, doc):
        return None
    if root in STATE_ACTS and not any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
        return None
    place = next((p for p in sorted(event.locations, key=lambda p: p.start)
                  if p.country and p.start in settings), None)
    if place is None:
        return None
    text = doc.text[place.start:place.end]
    if root in STATE_ACTS:  # "was arrested in Lebanon": by Lebanon's authorities
        return Actor(text=text, start=place.start, end=place.end, country=place.country, kind="inferred")
    return Actor(text=text, start=place.start, end=place.end, country=place.country, sector="UAF",
                 kind="unidentified")


# Acts of a state's authorities stated in the passive with nobody named: investigations and
# coercion (arrest, detention, expulsion: CAMEO 09, 17) in a place are that state's.
STATE_ACTS = frozenset({"09", "17"})


# CAMEO roots of violence, and determiners that make an attack one the text has already named.
VIOLENCE = frozenset({"18", "19", "20"})
DEFINITE = frozenset({"the", "this", "these", "those", "that"})


def _new_attack(verb: Any, doc: Document) -> bool:
    """Is the violence caused by an attack or weapon the text introduces here, with nobody named
    in it ('a roadside bomb killed', 'killed by an improvised explosive device', 'killed in a
    car bomb explosion'; not 'killed in a U.S. air strike')?"""
    for cause in attack_causes(verb, subject=True):
        definite = any(c.dep_ == "poss" or c.lower_ in DEFINITE for c in cause.children)
        named = bool(overlapping(doc.actors, cause.left_edge.idx, cause.idx + len(cause)))
        if not definite and not named:
            return True
    return False


# Investigations, demands, disapproval, rejection, threats, protests (CAMEO 09-14).
CLAIMS = frozenset({"09", "10", "11", "12", "13", "14"})
# Organs of a state that a group of its own people address in claims, protests and demands.
DOMESTIC_TARGETS = frozenset({"GOV", "LEG", "JUD", "COP", "PTY", "ELI"})


def _domestic(source: Actor | None, event: Event) -> Actor | None:
    """'Islamic fundamentalists demanded the resignation of the Algerian president': a group
    with no country and no setting that makes claims on a state or looks into it (CLAIMS) is
    taken to be of that state, the usual event-data default for domestic contention; its kind
    says the country was inferred. The
    target must be an organ of the state (government, courts, police, parties): mourners who
    chant against 'the United States' are not American. Not for force (CAMEO 15-20): militants
    who attack a US embassy are not American either."""
    target = event.target
    if source is None or source.country is not None or not source.sector or source.kind == "igo" \
            or source.sector in INTERNATIONAL or target is None or not target.country \
            or target.kind == "igo" or target.sector not in DOMESTIC_TARGETS \
            or event.cameo[:2] not in CLAIMS:
        return source
    return dataclasses.replace(source, country=target.country, kind="inferred")



# Sectors of an unnamed attacker ("gunmen", "a suicide bomber", "a man"): the wire annotators
# give such a perpetrator no country from the place of the attack (docs/news-gold.md).
ATTACKERS = frozenset({"UAF", "UNK", "CRM"})
# Offices ("the president", "foreign leaders", "the opposition leader") belong to a state the sentence
# must name for them, not to whichever country it happens to mention.
OFFICES = frozenset({"GOV", "LEG", "JUD", "ELI", "PTY"})


class SentenceLocator:
    """After the gate, the countries the annotators read from a sentence's places, without
    changing which events the gate keeps (it counts countries):

    - a place named as the modifier of a locative phrase's noun is a setting too ("in the Kandy
      hills", "in northern Kandy district");
    - a source with no country still, when the sentence names places of one country only
      (demonyms count; not those within the target's own words, and only the target's country when
      it has one), takes it ("Malian officials said police fired on the crowd": Mali's police),
      unless it is an office (OFFICES);
    - a target of violence (CAMEO 18-20) with no country still takes the one country of the towns,
      regions and sites the sentence names, not within the source's words ("twelve people were
      killed when a bomb hit a market in <a town of Chad>": Chadians; the annotators' convention
      for victims); names of countries and demonyms do not count for a target, as in commentary
      they name states the victims need not belong to;
    - a violent act with no target actor at all is given one, of the one country of every place
      the sentence names outside the source's words, demonyms and countries too (`_victims`:
      "thousands of people were killed in the Yemeni war"); not the places in the words
      of those who tell of it or in a purpose clause it serves ("Iranian officials denied that a
      missile hit the plane", "the strike aimed to deter Iranian attacks": language/scope.py);
    - an unnamed attacker of violence (ATTACKERS: "gunmen shot ...", "a suicide bomber blew himself
      up in Baghdad") keeps no country read from a place, nor do the unidentified forces the
      locate stage put at the place of violence nobody is named for ("a roadside bomb near Samarra
      killed ..."): the place's country is the victims'.

    Measured on the wire training set and the check halves in docs/evaluation.md ("Right root,
    wrong actors"; "The victims' rule ... revived")."""

    name = "locate-sentence"
    requires = frozenset({"text", "parse", "tokens", "sentences", "actors", "places", "events"})
    updates = frozenset({"events"})  # places each event's actors again (and drops a copy)
    assigns: frozenset[str] = frozenset()

    def __call__(self, doc: Document) -> Document:
        settings = _settings(doc, modifiers=True)
        events = {}
        for e in doc.events:
            source, target = e.source, e.target
            named = _named(doc, e)
            if source is not None and e.cameo[:2] in VIOLENCE and source.sector in ATTACKERS:
                if source.kind == "located":
                    source = dataclasses.replace(source, country=None, kind="unknown")
                elif source.kind == "unidentified":  # forces the locate stage put at the place
                    source = dataclasses.replace(source, country=None)
            else:
                source = _placed(source, e.locations, settings, sole=_outside(named, target, same=True))
            violent = e.cameo[:2] in VIOLENCE
            victims = _towns(_outside(named, source)) if violent else ()
            target = _placed(target, e.locations, settings, sole=victims)
            if target is None and violent:
                target = _victims(doc, e, named, source)
            if source is not e.source or target is not e.target:
                e = dataclasses.replace(e, source=source, target=target)
            events.setdefault(e.event_id, e)
        return dataclasses.replace(doc, events=tuple(events.values()))


def _named(doc: Document, event: Event) -> tuple[Place, ...]:
    """The places with a country that the event's sentence names, demonyms too."""
    return tuple(p for p in starting_in(doc.places, event.evidence_start, event.evidence_end) if p.country)


def _victims(doc: Document, event: Event, places: tuple[Place, ...], source: Actor | None) -> Actor | None:
    """'thousands of people were killed in the Yemeni war', 'a man was shot dead
    in Jiddah': a violent act told with no target actor has victims all the same, of the one
    country of the places the sentence names outside the source's words (towns, regions, sites,
    countries and demonyms alike: no victims' words compete with them); none when the places lie
    in two countries or there are none. Places in the words of those who tell of the act or in a
    purpose clause it serves do not count (:mod:`..language.scope`). The actor's words are the
    first such place, its kind says the country was read from a place; it has no sector."""
    outside = _outside(places, source)
    aside = _told_aside(doc, event)
    outside = tuple(p for p in outside if not any(a <= p.start < b for a, b in aside))
    if len({p.country for p in outside}) != 1:
        return None
    first = min(outside, key=lambda p: p.start)
    return Actor(text=doc.text[first.start:first.end], start=first.start, end=first.end,
                 country=first.country, kind="located")


def _told_aside(doc: Document, event: Event) -> list[tuple[int, int]]:
    """The spans of the sentence that say nothing of where the act's victims are: its speakers'
    words and a purpose clause it serves (:mod:`..language.scope`)."""
    tok = trigger_token(event, doc.parse) if doc.parse is not None else None
    return [] if tok is None else speakers(tok) + purposes(tok)


def _towns(places: tuple[Place, ...]) -> tuple[Place, ...]:
    """The places that are not a country's name or its people's (towns, regions, sites)."""
    return tuple(p for p in places if p.feature not in {"country", "demonym"})


def _outside(places: tuple[Place, ...], other: Actor | None, *, same: bool = False) -> tuple[Place, ...]:
    """The places not within the other actor's own words ("the Syrian Air Force" says who struck,
    not where those struck are from); with ``same``, only those of the other actor's country when
    it has one ("exiles protested against France's plan to send them back to Chad": the sentence
    is about France; Chad says nothing of where the protesters are)."""
    if other is None:
        return places
    return tuple(p for p in places if not other.start <= p.start < other.end
                 and not (same and other.country and p.country != other.country))
