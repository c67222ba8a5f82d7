"""Locate: actors named without a country take it from where they act.

Runs after the events and classify stages, so it sees every event's final source and target.
"""
from __future__ import annotations

import dataclasses

from ..model import Actor, Document, Place


class ActorLocator:
    name = "locate"
    requires = frozenset({"events"})
    provides = frozenset({"located"})

    def __call__(self, doc: Document) -> Document:
        events = {}
        for e in doc.events:
            source = _placed(e.source, e.target, e.locations)
            target = _placed(e.target, e.source, e.locations)
            if source is not e.source or target is not e.target:
                e = dataclasses.replace(e, source=source, target=target)
            events.setdefault(e.event_id, e)
        return dataclasses.replace(doc, events=tuple(events.values()))


def _placed(actor: Actor | None, other: Actor | None, places: tuple[Place, ...]) -> Actor | None:
    """A group named without a country ("rebels", "the government of Sindh province") is of the
    country of the places its own words name or, failing that, of the other places in the
    sentence (not the other participant's) when they all lie in one country: the usual
    event-data convention (ICEWS, PLOVER). Its kind says the country was read from a place.
    Measured on the PLOVER GSR, keeping only places in locative phrases or not acting as
    subjects did slightly worse (actor country F1 0.784 against 0.794)."""
    if actor is None or actor.country is not None or not actor.sector:
        return actor
    own = {p.country for p in places if actor.start <= p.start < actor.end}
    inside = own or {p.country for p in places
                     if not (other is not None and other.start <= p.start < other.end)}
    if len(inside) != 1 or None in inside:
        return actor
    return dataclasses.replace(actor, country=inside.pop(), kind="located")
