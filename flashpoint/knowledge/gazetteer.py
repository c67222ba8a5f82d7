"""The gazetteer behind the places stage: names and alternate names to places.

Two tables ship inside the package: ``resources/places/gazetteer.tsv``, built by
``scripts/build_gazetteer.py`` from installed packages (GeoNames continents,
countries, first-level and second-level regions, and towns of 500+ people, each
with its county), and the project's own ``resources/places.tsv`` (bases,
airports, facilities and regions common in conflict news). Both load once per
process, on first use.

Names are compared in a normal form (:func:`normalise`): case, accents,
periods, hyphens and apostrophes do not count, and a leading article
("the", Arabic "al-"/"el-"/"ash-"...) may be present or not.
"""
from __future__ import annotations

import math
import re
import unicodedata
from sys import intern
from collections.abc import Iterable
from functools import cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

from ..errors import ResourceError
from ..resources import read_tsv, table_path

GAZETTEER_TABLE = "places/gazetteer.tsv"
OWN_TABLE = "places.tsv"
GENERATED_COLUMNS = ("feature", "name", "country", "admin1", "lat", "lon", "population", "geonameid",
                     "keys", "demonyms", "admin2")
# Arabic articles a place key may start with ("al anbar" is also "anbar").
ARTICLES = frozenset({"al", "el", "an", "ar", "as", "ash", "ad", "at", "az", "ath"})
ARTICLE_HEADS = frozenset(a + " " if len(a) == 2 else a for a in ARTICLES)  # key[:3] of 'al anbar'...
QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'", "\u02bf": "'",
                        "\u2010": "-", "\u2011": "-", "\u2013": "-", "\u2014": "-"})
# Features ranked by how readily a bare name means them (an own entry is curated).
FEATURE_PRIOR = {"continent": 2.5, "country": 3.0, "admin1": -0.5, "admin2": -1.0, "capital": 1.0, "city": 0.0,
                 "region": 3.0}
NAMES_WEIGHT = 0.3  # per doubling of a place's names (Mecca, Saudi Arabia has dozens; Mecca, CA few)
OWN_PRIOR = 9.0  # curated entries: the usual meaning of their names


class Entry(NamedTuple):
    """One place (a tuple: tens of thousands are made at load time)."""

    name: str
    feature: str  # continent | country | admin1 | admin2 | capital | city | region | water | base ...
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    population: int
    geonameid: int | None = None
    own: bool = False
    names: int = 1  # how many names it is known by: fame the population does not show
    admin2: str | None = None  # a town's second-level region (county), as the admin2 entries name it

    @property
    def prior(self) -> float:
        """How likely a bare mention of one of this entry's names means it."""
        if self.own:
            return OWN_PRIOR
        return (FEATURE_PRIOR.get(self.feature, 0.0) + math.log10(self.population + 10)
                + NAMES_WEIGHT * math.log2(self.names))


@lru_cache(maxsize=65_536)
def normalise(text: str) -> str:
    """The comparison form of a place name: 'al-Anbar' -> 'al anbar', 'U.S.' -> 'us'. Cached: the
    places stage normalises every candidate and the name of every entry it looks up, and the
    same few thousand names come back in every story."""
    text = unicodedata.normalize("NFKD", text.translate(QUOTES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace(".", "").replace("-", " ").replace("'s ", " ")
    if text.endswith("'s"):
        text = text[:-2]
    text = re.sub(r"[^\w' ]+", " ", text).replace("'", "")
    text = " ".join(text.split())
    return text[4:] if text.startswith("the ") else text


SPELLING_FEATURES = frozenset({"country", "admin1", "admin2", "region"})
SPELLING_MIN_POPULATION = 15_000
DOUBLED = re.compile(r"(.)\1+")
# Letters and groups that romanisations of one Arabic, Persian or Russian name write differently.
SPELLING_GROUPS = (("ou", "u"), ("oo", "u"), ("ee", "i"), ("y", "i"), ("q", "k"), ("kh", "k"), ("dh", "d"),
                   ("ph", "f"), ("w", "u"))


@lru_cache(maxsize=4096)
def spelling_key(key: str) -> str:
    """A normal-form key as romanisations agree on it: no article, no spaces, one of each doubled
    letter, variant letters merged, no final 'h' after a vowel: 'deir ezzor' and 'deir ez zor'
    -> 'deirezor'; 'baqouba' and 'baqubah' -> 'bakuba'; 'nabatiyeh' and 'nabatiye' -> 'nabatie'."""
    return _spelling_key(key)


def _spelling_key(key: str) -> str:
    text = strip_article(key).replace(" ", "")
    for a, b in SPELLING_GROUPS:
        text = text.replace(a, b)
    text = DOUBLED.sub(r"\1", text)
    if len(text) > 3 and text[-1] == "h" and text[-2] in "aeiou":
        text = text[:-1]
    return text


def strip_article(key: str) -> str:
    """'al anbar' -> 'anbar' (a normal-form key without its leading Arabic article)."""
    i = key.find(" ")
    if 0 < i <= 3 and key[:i] in ARTICLES and len(key) > i + 3:
        return key[i + 1:]
    return key


class Gazetteer:
    """Entries and a name index: normal-form name -> entry numbers."""

    def __init__(self, entries: Iterable[tuple[Entry, list[str], list[str]]] = ()) -> None:
        self.entries: list[Entry] = []
        # Name -> entry number, or numbers when several share it (an int saves a list per name).
        self.exact: dict[str, int | list[int]] = {}
        self.loose: dict[str, int | list[int]] = {}  # article-less forms of names that had one
        self.countries: dict[str, Entry] = {}
        # "Iraqi" -> Iraq, "European" -> Europe: normal-form people adjective -> entry number; a
        # word several countries share ("American": the US, the Northern Marianas) means the
        # most populous.
        self.demonyms: dict[str, int] = {}
        for entry, keys, demonyms in entries:
            self.add(entry, keys, demonyms=demonyms, normal=True)

    def add(self, entry: Entry, names: Iterable[str], *, demonyms: Iterable[str] = (),
            normal: bool = False) -> None:
        n = len(self.entries)
        self.entries.append(entry)
        if entry.feature == "country" and entry.country and not entry.own:
            self.countries.setdefault(entry.country, entry)
        for word in demonyms:
            key = normalise(word)
            old = self.demonyms.get(key)
            if key and (old is None or self.entries[old].population < entry.population):
                self.demonyms[key] = n
        keys = names if normal else {normalise(name) for name in names if name}
        exact = self.exact
        for key in keys:
            _index(exact, key, n)
            if key[:3] in ARTICLE_HEADS:
                bare = strip_article(key)
                if bare != key:
                    _index(self.loose, bare, n)

    def lookup(self, name: str, *, spelling: bool = False) -> list[tuple[Entry, bool]]:
        """Entries a name may mean, each with whether it is the entry's own name (not an alternate
        name, not an article dropped): "Salisbury" is Salisbury, England before it is old Harare.
        With ``spelling``, a name no entry has is looked up by its transliteration form
        (:func:`spelling_key`) among the countries, regions and towns of SPELLING_MIN_POPULATION+
        ("Deir Ezzor" is Deir ez-Zor); such readings are never the entry's own name."""
        key = normalise(name)
        bare = strip_article(key)
        found: dict[int, None] = {}
        for index, k in ((self.exact, key), (self.loose, key), (self.exact, bare), (self.loose, bare)):
            hit = index.get(k)
            found.update(dict.fromkeys((hit,) if isinstance(hit, int) else hit or ()))
        if not found and spelling:
            return self.respelled(name)
        out = []
        for n in found:
            e = self.entries[n]
            out.append((e, normalise(e.name) == key))
        return out

    def country_of_demonym(self, word: str) -> str | None:
        """The country whose people ``word`` names ("Iraqi" -> "IRQ"); None for "European"."""
        entry = self.place_of_demonym(word)
        return entry.country if entry is not None and entry.feature == "country" else None

    def place_of_demonym(self, word: str) -> Entry | None:
        """The country, continent or region whose people ``word`` names ("European" -> Europe)."""
        n = self.demonyms.get(normalise(word))
        return None if n is None else self.entries[n]

    def respelled(self, name: str) -> list[tuple[Entry, bool]]:
        """The well-known entries a name's transliteration form (:func:`spelling_key`) may mean."""
        return [(self.entries[n], False) for n in self.spellings.get(spelling_key(normalise(name)), ())]

    @cached_property
    def spellings(self) -> dict[str, list[int]]:
        """Transliteration form -> entry numbers, for the well-known entries (built on first use)."""
        wanted = [e.feature in SPELLING_FEATURES or e.population >= SPELLING_MIN_POPULATION for e in self.entries]
        out: dict[str, list[int]] = {}
        for key, hit in self.exact.items():
            for n in (hit,) if isinstance(hit, int) else hit:
                if wanted[n]:
                    bucket = out.setdefault(_spelling_key(key), [])
                    if n not in bucket:
                        bucket.append(n)
        return out


def _index(index: dict[str, int | list[int]], key: str, n: int) -> None:
    old = index.get(key)
    if old is None:
        index[key] = n
    elif isinstance(old, int):
        if old != n:
            index[key] = [old, n]
    elif n not in old:
        old.append(n)


def _float(row: dict[str, str], field: str, where: str) -> float:
    try:
        return float(row[field])
    except ValueError:
        raise ResourceError(f"field '{field}' is not a number: {row[field]!r}", where=where,
                            fix="write decimal degrees, e.g. 33.3128") from None


def read_generated(path: Path) -> Iterable[tuple[Entry, list[str], list[str]]]:
    """The built table (names already in normal form); one split per line for speed."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise ResourceError(f"cannot read the gazetteer: {err.strerror}", where=str(path),
                            fix="reinstall flashpoint, or run scripts/build_gazetteer.py") from None
    body = [ln for ln in lines if ln and not ln.startswith("#")]
    if not body or body[0].split("\t") != list(GENERATED_COLUMNS):
        raise ResourceError("unexpected gazetteer header", where=f"{path}",
                            fix="rebuild it with scripts/build_gazetteer.py")
    for lineno, line in enumerate(body[1:], 2):
        f = line.split("\t")
        try:
            keys = f[8].split("|")
            entry = Entry(f[1], intern(f[0]), intern(f[2]) or None, intern(f[3]) or None, float(f[4]),
                          float(f[5]), int(f[6] or 0), int(f[7]) if f[7] else None, False, len(keys),
                          intern(f[10]) or None)
        except (IndexError, ValueError):
            raise ResourceError(f"malformed gazetteer row {lineno}: {line[:60]!r}", where=str(path),
                                fix="rebuild it with scripts/build_gazetteer.py") from None
        yield entry, keys, f[9].split("|") if f[9] else []


def read_own(path: Path) -> Iterable[tuple[Entry, list[str], list[str]]]:
    """Rows of an own-format table; its optional ``demonyms`` column names a region's people
    ("Latin American")."""
    for i, row in enumerate(read_tsv(path, required=("name", "aliases", "country", "lat", "lon", "kind"))):
        where = f"{path} row {i + 1} ({row['name']})"
        entry = Entry(row["name"], row["kind"] or "facility", row["country"] or None,
                      row.get("admin1") or None, _float(row, "lat", where), _float(row, "lon", where),
                      0, None, own=True)
        yield entry, [row["name"], *filter(None, row["aliases"].split("|"))], \
            [d for d in (row.get("demonyms") or "").split("|") if d]


def load_gazetteer(*, tables: tuple[Path, ...] = ()) -> Gazetteer:
    """The shipped gazetteer, plus the project's own entries and any extra own-format tables."""
    own = [item for path in (table_path(OWN_TABLE), *tables) for item in read_own(path)]  # checked first
    gaz = Gazetteer(read_generated(table_path(GAZETTEER_TABLE)))
    for entry, names, demonyms in own:
        gaz.add(entry, names, demonyms=demonyms)
    return gaz


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    return load_gazetteer()
