"""The one carrier: frozen dataclasses that flow through every stage.

A :class:`Document` goes in to the pipeline and the same document, with
sentences, actor mentions, places and events attached, comes out. Stages never
pass dicts between modules; records for output are made at the edge by
:meth:`Event.to_record`.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

MODALITIES = ("asserted", "claimed", "denied", "threatened", "hypothetical", "negated")
HAPPENED = frozenset({"asserted", "claimed"})
PRECISIONS = ("day", "month", "year", "unknown")


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Actor:
    """An actor mention resolved to a code (country + sector)."""

    text: str
    start: int
    end: int
    country: str | None = None
    sector: str | None = None
    proxy_of: str | None = None
    name: str | None = None  # canonical name of a known person/organisation
    kind: str = "state"  # state | igo | nonstate | person | unknown | located | inferred | unidentified | hosted

    @property
    def code(self) -> str:
        return (self.country or "") + (self.sector or "")

    def to_record(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "code": self.code or None,
            "country": self.country,
            "sector": self.sector,
            "proxy_of": self.proxy_of,
            "kind": self.kind,
        }


@dataclass(frozen=True)
class Place:
    name: str
    start: int
    end: int
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature: str | None = None  # city | admin1 | country | base | airport ...

    def to_record(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "feature": self.feature,
            "geonameid": self.geonameid,
        }


@dataclass(frozen=True)
class EventDate:
    """When an event happened, as precisely as the text says."""

    value: str | None = None  # YYYY-MM-DD, YYYY-MM or YYYY
    precision: str = "unknown"  # day | month | year | unknown
    text: str | None = None  # the date expression, if any
    relation: str = "on"  # on | before (before publication, no date in text)


@dataclass(frozen=True)
class Event:
    doc_id: str
    sentence_index: int
    evidence_start: int
    evidence_end: int
    evidence_text: str
    trigger: str
    trigger_start: int
    cameo: str
    plover_type: str
    plover_mode: str = ""
    goldstein: float = 0.0
    quad_class: int = 0
    source: Actor | None = None
    target: Actor | None = None
    modality: str = "asserted"
    date: EventDate = field(default_factory=EventDate)
    locations: tuple[Place, ...] = ()  # where the event happened (none when the text does not say)
    confidence: float = 0.5
    mentioned_places: tuple[Place, ...] = ()  # the sentence's other places: named, not the setting
    # Who gave the event its type: "rule" (the lexicon, stage events) or "model" (the trained
    # sentence classifier, stage classify: an event it added or a rule event it re-typed).
    coder: str = "rule"
    # Other verbs that tell the same act, (word, character offset) pairs: the toll told by a
    # second verb the coder does not code on its own ('detonated, killing four'; stage acts).
    also_triggers: tuple[tuple[str, int], ...] = ()

    @property
    def happened(self) -> bool:
        return self.modality in HAPPENED

    @property
    def event_id(self) -> str:
        key = json.dumps(
            [
                self.doc_id,
                self.sentence_index,
                self.trigger_start,
                self.cameo,
                self.source.code if self.source else None,
                self.target.code if self.target else None,
            ]
        )
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def to_record(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "sentence_index": self.sentence_index,
            "evidence": {
                "text": self.evidence_text,
                "start": self.evidence_start,
                "end": self.evidence_end,
            },
            "trigger": self.trigger,
            "also_triggers": [{"text": w, "start": at} for w, at in self.also_triggers],
            "source": self.source.to_record() if self.source else None,
            "target": self.target.to_record() if self.target else None,
            "cameo": self.cameo,
            "plover_type": self.plover_type,
            "plover_mode": self.plover_mode,
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "modality": self.modality,
            "date": None if self.date.relation == "before" else self.date.value,
            "date_before": self.date.value if self.date.relation == "before" else None,
            "date_precision": self.date.precision,
            "date_text": self.date.text,
            "date_relation": self.date.relation,
            "locations": [p.to_record() for p in self.locations],
            "mentioned_places": [p.to_record() for p in self.mentioned_places],
            "confidence": round(self.confidence, 3),
            "coder": self.coder,
        }


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    date: dt.date | None = None
    source: str | None = None
    url: str | None = None
    origin: str | None = None  # file path (and line) the document came from
    sentences: tuple[Sentence, ...] = ()
    actors: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()
    events: tuple[Event, ...] = ()
    parse: Any = field(default=None, compare=False, repr=False)  # spaCy Doc
    tokens: Any = field(default=None, compare=False, repr=False)  # language.tokens.TokenTable of parse

    def sentence_of(self, offset: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None


def doc_id_for(text: str) -> str:
    """A stable id for a document without one: a hash of its text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
