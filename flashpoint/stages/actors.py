"""Actors: mentions of states, their organs, organisations and armed groups.

Each noun phrase is matched against the project's actor knowledge base
(``resources/actors/``): country names, adjectives and capitals; known people
and organisations with date-bounded roles; and agent nouns that give a sector.
A phrase's actor is a known entity if one is named, else its country plus the
sector of its agent noun ("Iranian military" -> IRN MIL).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from ..model import Actor, Document
from ..resources import read_tsv

COUNTRIES = "actors/countries.tsv"
AGENTS = "actors/agents.tsv"
ENTITIES = "actors/entities.tsv"


@dataclass(frozen=True)
class Entry:
    """One alias in the knowledge base."""

    kind: str  # country | agent | entity
    country: str | None = None
    sector: str | None = None
    proxy_of: str | None = None
    name: str | None = None
    entity_kind: str = "state"
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    def valid_on(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to)


def _date(value: str) -> dt.date | None:
    if not value:
        return None
    value = value.strip()
    if len(value) == 4:
        value += "-01-01"
    elif len(value) == 7:
        value += "-01"
    return dt.date.fromisoformat(value)


def _plurals(alias: str) -> list[str]:
    if alias.endswith(("s", "x", "ch", "sh")):
        return [alias, alias + "es"] if not alias.endswith("s") else [alias]
    if alias.endswith("y") and alias[-2:-1] not in "aeiou":
        return [alias, alias[:-1] + "ies"]
    if alias.endswith("man"):
        return [alias, alias[:-3] + "men"]
    return [alias, alias + "s"]


class KnowledgeBase:
    """Aliases (lower-cased) to entries, from the packaged tables plus user files."""

    def __init__(self, *, extra_files: tuple[str | Path, ...] = ()):
        self.entries: dict[str, list[Entry]] = {}
        for row in read_tsv(COUNTRIES, required=("alias", "country", "kind")):
            self._add(row["alias"], Entry("country", country=row["country"], entity_kind=row["kind"]))
        for row in read_tsv(AGENTS, required=("alias", "sector")):
            for alias in _plurals(row["alias"]):
                self._add(alias, Entry("agent", sector=row["sector"]))
        for path in (ENTITIES, *extra_files):
            for row in read_tsv(path, required=("alias", "country", "sector")):
                self._add(row["alias"], self._entity(row))

    @staticmethod
    def _entity(row: dict[str, str]) -> Entry:
        return Entry(
            "entity",
            country=row.get("country") or None,
            sector=row.get("sector") or None,
            proxy_of=row.get("proxy_of") or None,
            name=row.get("name") or row["alias"],
            entity_kind=row.get("kind") or "org",
            valid_from=_date(row.get("from", "")),
            valid_to=_date(row.get("to", "")),
        )

    def _add(self, alias: str, entry: Entry) -> None:
        key = alias.strip().lower()
        if key:
            self.entries.setdefault(key, []).append(entry)

    def lookup(self, alias: str, day: dt.date | None = None) -> Entry | None:
        """The entry for an alias valid on a day; the latest role if none is."""
        found = self.entries.get(alias.lower(), [])
        valid = [e for e in found if e.valid_on(day)]
        if valid:
            return valid[0]
        undated = [e for e in found if e.kind != "entity" or (e.valid_from is None and e.valid_to is None)]
        return undated[0] if undated else None


class ActorResolver:
    """Pipeline stage: attach resolved actor mentions to a parsed document."""

    name = "actors"
    requires = frozenset({"parse"})
    provides = frozenset({"actors"})

    def __init__(self, *, extra_files: tuple[str | Path, ...] = ()):
        self.extra_files = tuple(extra_files)

    @cached_property
    def kb(self) -> KnowledgeBase:
        return KnowledgeBase(extra_files=self.extra_files)

    @cached_property
    def matcher(self) -> Any:
        import spacy
        from spacy.matcher import PhraseMatcher

        nlp = spacy.blank("en")  # the tokenizer only: patterns need no trained model
        matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        patterns = [nlp.make_doc(alias) for alias in self.kb.entries]
        matcher.add("ALIAS", patterns)
        return matcher

    def __call__(self, doc: Document) -> Document:
        parsed = doc.parse
        spans = self._matches(parsed)
        actors = [a for a in (self._compose(p, spans, doc.date) for p in _phrases(parsed, spans)) if a]
        return dataclasses.replace(doc, actors=tuple(actors))

    def _matches(self, parsed: Any) -> list[Any]:
        """Longest non-overlapping alias matches, in text order."""
        from spacy.util import filter_spans

        spans = [parsed[s:e] for _, s, e in self.matcher(parsed)]
        return sorted(filter_spans(spans), key=lambda s: s.start)

    def _compose(self, phrase: Any, matches: list[Any], day: dt.date | None) -> Actor | None:
        inside = [m for m in matches if m.start >= phrase.start and m.end <= phrase.end]
        entries = [(m, self.kb.lookup(m.text, day)) for m in inside]
        entries = [(m, e) for m, e in entries if e is not None]
        if not entries:
            return None
        entity = next(((m, e) for m, e in entries if e.kind == "entity"), None)
        country = next((e for _, e in entries if e.kind == "country"), None)
        # The agent nearest the phrase head gives the sector.
        agents = [(m, e) for m, e in entries if e.kind == "agent"]
        agent = agents[-1][1] if agents else None
        if entity is not None:
            m, e = entity
            return Actor(text=phrase.text, start=phrase.start_char, end=phrase.end_char,
                         country=e.country or (country.country if country else None),
                         sector=e.sector or (agent.sector if agent else None), proxy_of=e.proxy_of,
                         name=e.name, kind=e.entity_kind)
        if country is None and agent is None:
            return None
        return Actor(text=phrase.text, start=phrase.start_char, end=phrase.end_char,
                     country=country.country if country else None,
                     sector=agent.sector if agent else None,
                     kind="state" if country else "unknown")


def _phrases(parsed: Any, matches: list[Any]) -> list[Any]:
    """Noun phrases to resolve: noun chunks, plus matches outside any chunk."""
    from spacy.util import filter_spans

    chunks = list(parsed.noun_chunks)
    ents = [e for e in parsed.ents if e.label_ in {"ORG", "NORP", "GPE", "PERSON", "FAC"}]
    spans = filter_spans(chunks + ents + matches)
    return sorted(spans, key=lambda s: s.start)
