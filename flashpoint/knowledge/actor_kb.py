"""The actor knowledge base: aliases -> countries, agents (sectors) and dated entities.

Tables (``resources/actors/``), highest precedence first:

* user tables (``--actors``) and ``entities.tsv``: hand-kept people and organisations
  (``alias`` may list several aliases separated by ``|``);
* ``facilities.tsv``: named bases that host a foreign state's forces, as entities of kind
  ``hosted`` (the hosted state's MIL while the hosting lasts, nothing outside it);
  ``facility_nouns.tsv``: nouns of facilities and vehicles ("base", "convoy", "embassy") that
  stand for the forces or diplomats they hold (:mod:`flashpoint.knowledge.composition`,
  :mod:`flashpoint.stages.actors`);
* ``countries.tsv`` (names, adjectives, capitals) and ``agents.tsv`` (agent nouns);
* ``phoenix_*.tsv``: converted from the Phoenix dictionaries (MIT), and ``cities.tsv``
  (GeoNames, CC BY 4.0), by ``scripts/build_actor_tables.py``. A Phoenix row sharing an alias with a hand-kept
  entity is ignored, so the hand table corrects and extends it.

Matching is on normalised tokens (lower case, accents and dots dropped, curly
apostrophes straightened), longest alias first, with a dict lookup per token: no
model is needed and the cost is a few microseconds per token.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import ResourceError
from ..resources import read_tsv

COUNTRIES = "actors/countries.tsv"
AGENTS = "actors/agents.tsv"
ENTITIES = "actors/entities.tsv"
PHOENIX_PLACES = "actors/phoenix_places.tsv"
CITIES = "actors/cities.tsv"
PHOENIX_AGENTS = "actors/phoenix_agents.tsv"
PHOENIX_ENTITIES = "actors/phoenix_entities.tsv"
FACILITIES = "actors/facilities.tsv"
FACILITY_NOUNS = "actors/facility_nouns.tsv"
HOSTED = "hosted"  # the entity kind of a facility that stands for the forces it hosts
USER, HAND, PHOENIX = 0, 1, 2  # precedence ranks
SHARED = "shared"  # the other state a short name may mean ("Congo": the DR Congo), chosen by context only
COUNTRY_KINDS = ("name", "adjective", "pre", "capital", "place", SHARED)
# Words before a surname that do not make it part of a longer, unknown name.
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "the", "a", "an",
                        "'s", "and", "or", "by", "of", "with", "to", "from", "for", "said", "says"})


class Token(NamedTuple):
    text: str
    norm: str


@dataclass(frozen=True)
class Entry:
    """One meaning of an alias."""

    kind: str  # country | agent | entity
    country: str | None = None
    sector: str | None = None
    proxy_of: str | None = None
    name: str | None = None
    entity_kind: str = "state"  # for countries: name|adjective|capital|place|pre|shared
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    rank: int = HAND

    @property
    def dated(self) -> bool:
        return self.valid_from is not None or self.valid_to is not None

    def valid_on(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    kind: str
    entries: tuple[Entry, ...]
    norm_text: str
    weak: bool = False  # a bare surname: counts after a title or the full name


# Short aliases in capitals that are also English words ("IS" for Islamic State, "US"): in a run
# of capitals ("THE WAR IS OVER") they are read as the words, not the names.
SHORT_WORDS = frozenset({"is", "us", "it", "in", "on", "at", "as", "or", "an", "am", "be", "to", "he", "we",
                         "me", "my", "no", "so", "up", "do", "go", "if", "of", "by", "and", "the", "for",
                         "but", "not", "who", "can", "may", "was", "are", "has", "had", "her", "his", "its",
                         "our", "out", "off", "one", "two", "new", "now", "say", "man", "men", "all"})

# Words of direction that name no country on their own ("South Lebanon" is not South Korea).
COMPASS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                     "central", "northeast", "northwest", "southeast", "southwest"})


@lru_cache(maxsize=200_000)
def norm_token(text: str) -> str:
    """Lower case, accents and dots dropped, curly quotes straightened."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    stripped = text.replace(".", "")
    return (stripped or text).lower()


def _date(value: str) -> dt.date | None:
    if not value:
        return None
    value = value.strip()
    if len(value) == 4:
        value += "-01-01"
    elif len(value) == 7:
        value += "-01"
    return dt.date.fromisoformat(value)


def _dated(row: dict[str, str], column: str, path: str | Path) -> dt.date | None:
    try:
        return _date(row.get(column, ""))
    except ValueError:
        raise ResourceError(f"bad date {row.get(column)!r} in column '{column}' of the row for "
                            f"{row.get('alias', '').split('|')[0]!r}", where=str(path),
                            fix="write dates as YYYY, YYYY-MM or YYYY-MM-DD (blank = open)") from None


def _plurals(alias: str) -> list[str]:
    if alias.endswith(("s", "x", "ch", "sh")):
        return [alias, alias + "es"] if not alias.endswith("s") else [alias]
    if alias.endswith("y") and alias[-2:-1] not in "aeiou":
        return [alias, alias[:-1] + "ies"]
    if alias.endswith("man"):
        return [alias, alias[:-3] + "men"]
    return [alias, alias + "s"]


def _short(alias: str) -> bool:
    """A one-word alias of four letters or fewer: an acronym or a short name."""
    bare = alias.replace(".", "")
    return " " not in alias.strip() and len(bare) <= 4


_PLAIN = re.compile(r"[^\W\d_]+( [^\W\d_]+)*")  # letters and single spaces: split() tokenises


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    import spacy

    return spacy.blank("en").tokenizer


class KnowledgeBase:
    """Aliases (normalised token keys) to entries, from the packaged tables plus user files."""

    def __init__(self, *, extra_files: Iterable[str | Path] = ()):
        self.entries: dict[str, list[Entry]] = {}
        self.short: dict[str, bool] = {}  # key -> alias was short (case rules apply)
        self.max_len: dict[str, int] = {}  # first token -> longest alias in tokens
        self.surnames: dict[str, list[Entry]] = {}  # weak one-word person aliases (Phoenix)
        self._keys: dict[str, str] = {}
        hand_keys: set[str] = set()
        for path in extra_files:
            hand_keys |= self._load_entities(path, USER)
        hand_keys |= self._load_entities(ENTITIES, HAND)
        hand_keys |= self._load_entities(FACILITIES, HAND, kind=HOSTED)
        # facility noun (and its plural) -> the sector of those it holds ("" when the noun says none)
        self.facility_nouns: dict[str, str] = {
            form: row["sector"] for row in read_tsv(FACILITY_NOUNS, required=("noun", "sector"))
            for form in _plurals(row["noun"].lower())}
        self._load_countries()
        self._load_agents()
        self._load_entities(PHOENIX_ENTITIES, PHOENIX, skip=hand_keys)

    # -- loading ---------------------------------------------------------------------------

    def key(self, alias: str) -> str:
        if alias not in self._keys:
            self._prime([alias])
        return self._keys[alias]

    def _prime(self, aliases: Iterable[str]) -> None:
        """Token keys for aliases: plain words split on spaces, the rest by the tokenizer."""
        todo = []
        for alias in dict.fromkeys(aliases):
            if alias in self._keys:
                continue
            if _PLAIN.fullmatch(alias):
                self._keys[alias] = " ".join(norm_token(w) for w in alias.split())
            else:
                todo.append(alias)
        for alias, doc in zip(todo, _tokenizer().pipe([a.strip() for a in todo], batch_size=2000)):
            self._keys[alias] = " ".join(norm_token(t.text) for t in doc)

    def _add(self, alias: str, entry: Entry) -> str:
        key = self.key(alias)
        if not key:
            return key
        self.entries.setdefault(key, []).append(entry)
        short = _short(alias) and alias.strip().isupper()
        self.short[key] = self.short.get(key, False) or short
        first, n = key.split(" ", 1)[0], key.count(" ") + 1
        self.max_len[first] = max(self.max_len.get(first, 0), n)
        return key

    def _load_countries(self) -> None:
        rows = list(read_tsv(COUNTRIES, required=("alias", "country", "kind")))
        places = list(read_tsv(PHOENIX_PLACES, required=("alias", "country", "kind")))
        places += list(read_tsv(CITIES, required=("alias", "country", "kind")))
        self._prime([r["alias"] for r in rows + places])
        seen = set()
        for row, rank in [(r, HAND) for r in rows] + [(r, PHOENIX) for r in places]:
            code, kind = row["country"], row["kind"]
            if len(code) == 6 and code.endswith("PRE"):
                code, kind = code[:3], "pre"
            key = self.key(row["alias"])
            if rank == PHOENIX and (key in seen or key in COMPASS):
                continue  # the borrowed place table has a bare "SOUTH" for South Korea
            seen.add(key)
            self._add(row["alias"], Entry("country", country=code, entity_kind=kind, rank=rank))

    def _load_agents(self) -> None:
        hand = list(read_tsv(AGENTS, required=("alias", "sector")))
        phoenix = list(read_tsv(PHOENIX_AGENTS, required=("alias", "sector")))
        variants = [(a, r, rank) for rows, rank in ((hand, HAND), (phoenix, PHOENIX))
                    for r in rows for a in _plurals(r["alias"])]
        self._prime(a for a, _, _ in variants)
        seen: set[str] = set()
        for alias, row, rank in variants:
            key = self.key(alias)
            if rank == PHOENIX and key in seen:
                continue
            seen.add(key)
            self._add(alias, Entry("agent", sector=row["sector"] or None, rank=rank))

    def _load_entities(self, path: str | Path, rank: int, *, skip: set[str] | None = None,
                       kind: str | None = None) -> set[str]:
        rows = list(read_tsv(path, required=("alias", "country", "sector")))
        self._prime(a for r in rows for a in r["alias"].split("|"))
        keys: set[str] = set()
        for row in rows:
            aliases = [a for a in row["alias"].split("|") if a.strip()]
            if skip and any(self.key(a) in skip for a in aliases):
                continue
            entry = Entry(
                "entity", country=row.get("country") or None, sector=row.get("sector") or None,
                proxy_of=row.get("proxy_of") or None, name=row.get("name") or aliases[0],
                entity_kind=kind or row.get("kind") or "org", valid_from=_dated(row, "from", path),
                valid_to=_dated(row, "to", path), rank=rank)
            for alias in aliases:
                key = self.key(alias)
                if rank == PHOENIX and entry.entity_kind == "person" and key and " " not in key:
                    # A bare surname from the converted tables needs a title or an earlier full
                    # mention before it counts ("Hussein" alone is not King Hussein).
                    self.surnames.setdefault(key, []).append(entry)
                else:
                    keys.add(self._add(alias, entry))
        return keys

    # -- matching --------------------------------------------------------------------------

    def tokens(self, text: str) -> list[Token]:
        return [Token(t.text, norm_token(t.text)) for t in _tokenizer()(text)]

    def match(self, tokens: list[Token]) -> list[Match]:
        """Longest alias matches, left to right, that pass the case rules."""
        has_upper = any(c.isupper() for t in tokens for c in t.text)
        norms = [t.norm for t in tokens]
        out: list[Match] = []
        if not norms:
            return out
        i, n = 0, len(tokens)
        while i < n:
            longest = self.max_len.get(norms[i], 0)
            for size in range(min(longest, n - i), 0, -1):
                key = " ".join(norms[i:i + size])
                found = self.entries.get(key)
                if found and not (key in SHORT_WORDS and _shouted(tokens, i)):
                    m = self._classify(key, found, tokens[i:i + size], i, has_upper)
                    if m is not None:
                        out.append(m)
                        i += size
                        break
            else:
                weak = self.surnames.get(norms[i])
                if weak and tokens[i].text[:1].isupper() and has_upper:
                    out.append(Match(i, i + 1, "entity", tuple(weak), norms[i], weak=True))
                i += 1
        covered = {j for m in out if not _risky(m) for j in range(m.start, m.end)}
        return [m for m in out if not _inside_unknown_name(m, tokens, covered)]

    def _classify(self, key: str, found: list[Entry], toks: list[Token], start: int,
                  has_upper: bool) -> Match | None:
        # Names need a capital letter; in an all-lower-case text only the hand-kept tables count.
        proper_ok = any(c.isupper() for t in toks for c in t.text)
        max_rank = PHOENIX if has_upper else HAND
        if self.short.get(key):
            word = toks[0].text.replace(".", "")
            proper_ok = (word.isupper() or (word.istitle() and len(word) >= 4)
                         or sum(c.isupper() for c in word) >= 2)  # "DfID", "McC"
        elif not has_upper:
            proper_ok = True
        groups: list[tuple[str, list[Entry]]] = []
        if proper_ok:
            groups.append(("entity", [e for e in found if e.kind == "entity" and e.rank <= HAND]))
            groups.append(("country", [e for e in found if e.kind == "country" and e.rank <= max_rank]))
        groups.append(("agent", [e for e in found if e.kind == "agent"]))
        if proper_ok:
            groups.append(("entity", [e for e in found if e.kind == "entity" and e.rank <= max_rank]))
        for kind, entries in groups:
            if entries:
                return Match(start, start + len(toks), kind, tuple(entries), key)
        return None

    # -- choosing among entries ------------------------------------------------------------

    @staticmethod
    def pick_country(entries: tuple[Entry, ...], ctx: str | None) -> Entry:
        """The state a country word means: the one ``ctx`` names if it may mean it, else its usual
        reading. A shared short name's other state (kind ``shared``) is read as the usual entry's
        kind of word with that state's code ("Congo" in a story about Kinshasa)."""
        usual = min(entries, key=lambda e: (e.rank, COUNTRY_KINDS.index(e.entity_kind)
                                            if e.entity_kind in COUNTRY_KINDS else 9))
        if ctx:
            for e in entries:
                if e.country == ctx:
                    return e if e.entity_kind != SHARED else dataclasses.replace(usual, country=ctx)
        return usual

    def pick_entity(self, entries: tuple[Entry, ...], day: dt.date | None, ctx: str | None) -> Entry | None:
        """The entity an alias names on a day: its role then, ELI once a person's roles ended."""
        best = min(e.rank for e in entries)
        entries = tuple(e for e in entries if e.rank == best)
        if all(e.entity_kind == HOSTED for e in entries):
            # a facility stands for the forces it hosts only while it hosts them
            return next((e for e in entries if e.valid_on(day)), None)
        if ctx and any(e.country == ctx for e in entries):
            entries = tuple(e for e in entries if e.country == ctx)
        by_name: dict[str | None, list[Entry]] = {}
        for e in entries:
            by_name.setdefault(e.name, []).append(e)
        picks = [p for p in (_role_on(roles, day) for roles in by_name.values()) if p is not None]
        if not picks:
            return None
        countries = {p.country for p in picks}
        if len(countries) == 1:
            return next((p for p in picks if p.sector), picks[0])
        sectors = {p.sector for p in picks}
        return Entry("entity", country=None, sector=sectors.pop() if len(sectors) == 1 else None,
                     entity_kind=picks[0].entity_kind)

    def lookup(self, alias: str, day: dt.date | None = None) -> Entry | None:
        """The entry for one alias: an entity's role on the day, else a country or an agent."""
        found = self.entries.get(self.key(alias), [])
        for kind in ("entity", "country", "agent"):
            entries = tuple(e for e in found if e.kind == kind)
            if not entries:
                continue
            if kind == "entity":
                return self.pick_entity(entries, day, None)
            return self.pick_country(entries, None) if kind == "country" else entries[0]
        return None


def _shouted(tokens: list[Token], i: int) -> bool:
    """Is token ``i`` inside a run of capitals ('THE WAR IS OVER')? Its neighbours are words in
    capitals too, so its own capitals say nothing about a name."""
    def caps(j: int) -> bool:
        return 0 <= j < len(tokens) and len(tokens[j].text) > 1 and tokens[j].text.isalpha() \
            and tokens[j].text.isupper()
    return caps(i - 1) or caps(i + 1)


def _risky(m: Match) -> bool:
    """A one-word person alias or converted-table place: it may be part of another name."""
    return m.end - m.start == 1 and (
        (m.kind == "entity" and all(e.entity_kind == "person" for e in m.entries))
        or (m.kind == "country" and all(e.rank == PHOENIX for e in m.entries)))


def _inside_unknown_name(m: Match, tokens: list[Token], covered: set[int]) -> bool:
    """A one-word surname or Phoenix place next to an unmatched capitalised word is part of
    another name ("Hussein" in "Mohammed Hussein Roble", "Valencia" in "Feliciano Valencia")."""
    if not _risky(m):
        return False
    for j in (m.start - 1, m.end):
        if 0 <= j < len(tokens) and j not in covered:
            text = tokens[j].text
            if text[:1].isupper() and text.replace("-", "").isalpha() and tokens[j].norm not in HONORIFICS:
                return True
    return False


def _role_on(roles: list[Entry], day: dt.date | None) -> Entry | None:
    """One identity's role on a day (None: its most recent role)."""
    dated = [r for r in roles if r.dated]
    undated = [r for r in roles if not r.dated]
    if day is None:  # no date: the most recent office (an open one first), else an undated role
        current = [r for r in dated if r.valid_to is None]
        if current:
            return max(current, key=lambda r: r.valid_from or dt.date.min)
        offices = [r for r in dated if r.sector != "ELI"] or dated
        if offices:
            return max(offices, key=lambda r: r.valid_to or dt.date.max)
        plain = [r for r in undated if r.sector != "ELI"]
        return (plain or undated)[0]
    valid = [r for r in dated if r.valid_on(day)]
    if valid:
        return max(valid, key=lambda r: r.valid_from or dt.date.min)
    if undated:
        return undated[0]
    past = [r for r in dated if r.valid_to is not None and r.valid_to < day]
    if past:  # between or after its roles: a person is a former office holder
        last = max(past, key=lambda r: r.valid_to or dt.date.min)
        return dataclasses.replace(last, sector="ELI" if last.entity_kind == "person" else None)
    first = min(dated, key=lambda r: r.valid_from or dt.date.min)
    return dataclasses.replace(first, sector=None)
