"""Places: place names resolved to coordinates, country and first-level region.

Candidates (spans that may name a place, with their gazetteer readings) come from
:mod:`flashpoint.knowledge.place_names`. A demonym ("Russian") keeps its one reading, is given
as a place of feature "demonym" and is no context for the others (a sentence's demonyms
are, more weakly than its named countries: "an American pilgrim in Mecca").

Each candidate's readings are scored (:func:`score`) by a prior (feature class
and population), how the name matched, the pattern's hint, and context: the
countries named in the same sentence (as places or demonyms, "Iraqi"), the
countries and regions of the document's other places (a first pass without
context; only readings clear of their namesakes in other countries count, so
"Norfolk", Virginia or England, does not pull "Suffolk" to Virginia, and a country
that holds at least half of them draws an ambiguous name further: "Georgia" in a
story naming three US states is the state), the other regions of the sentence
("Texas, Kansas, and New York has 28": the state, not the city) or a word of a region's
government after the name ("New York Governor"), an "X, Y" neighbour ("Paris, Texas"), what Y is in "X, Y" (the region or
country X's reading lies in: "Buffalo, New York" is the state), and the readings of the
names listed with it ("Ohio, Oregon and Utah": Oregon is the state), and the counties where
another name of the story may lie ("Springfield" with "Sangamon County" is Illinois's; a name
speaks for a county by a county reading, or a town reading close to its likeliest). Streets and
buildings no gazetteer holds are placed at the story's town
(:mod:`flashpoint.knowledge.place_sites`). Gazetteer: see :mod:`flashpoint.knowledge.gazetteer`.
"""
from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..model import Document, Place
from ..knowledge.gazetteer import Entry, Gazetteer, default_gazetteer, load_gazetteer, normalise
from ..knowledge.place_sites import sites
from ..knowledge.shared_names import read_shared_places
from ..language.tokens import TokenTable
from ..knowledge.place_names import (FACILITY_FEATURES, SMALL_TOWN, WEAK_MIN_POPULATION, Candidate, Ent, candidates,
                          sentence_of)

ANCHOR_POPULATION = 100_000  # a city this big may set the document's country context
SENTENCE_BONUS = 2.0  # a reading in a country the sentence names
DEMONYM_BONUS = 1.0  # ... or whose people it names
REGION_BONUS = 1.0  # a reading in a first-level region the document names (twice that: the sentence)
LIST_BONUS = 2.0  # a region (country) reading of a name listed with regions (countries) of that country
PEER_BONUS = 1.5  # a region reading in a sentence naming other regions of its country
GOVERNED_BONUS = 3.0  # a region reading of a name followed by a word of its government ...
GOVERNED = ("governor", "gov.", "legislature", "statewide", "state-wide", "state legislature")
INSIDE_BONUS = 3.0  # Y of "X, Y" read as the region or country X lies in
COUNTY_BONUS = 3.0  # a town or county reading in a county where another name of the story lies
VOTE_GAP = 1.0  # a town reading speaks for its county only this close to its name's likeliest reading
SURE_MARGIN = 2.0  # a first reading speaks for the document only this far ahead of other countries' readings
DOMINANT_SHARE = 0.5  # a country this share of the document's anchors (and at least DOMINANT_MIN) ...
DOMINANT_MIN = 3
DOMINANT_BONUS = 1.5  # ... draws a name whose readings lie in several countries ("Suffolk" in a UK story)


class GazetteerPlaceResolver:
    """Pipeline stage: attach resolved place mentions to a document."""

    name = "places"
    requires = frozenset({"text", "parse", "tokens"})
    assigns = frozenset({"places"})
    updates: frozenset[str] = frozenset()

    def __init__(self, *, tables: Iterable[str | Path] = ()) -> None:
        self.tables = tuple(Path(t) for t in tables)

    @cached_property
    def gazetteer(self) -> Gazetteer:
        return load_gazetteer(tables=self.tables) if self.tables else default_gazetteer()

    def __call__(self, doc: Document) -> Document:
        if doc.parse is None:
            return doc
        toks = doc.tokens
        ents = [(e.start, e.end, e.label_) for e in doc.parse.ents]
        cands = resolve(candidates(toks, ents, doc.text, self.gazetteer), toks, ents, doc.text,
                        self.gazetteer)
        places = [to_place(c) for c in cands] + sites(toks, ents, doc.text, cands)
        return dataclasses.replace(doc, places=tuple(sorted(places, key=lambda p: p.start)))


def to_place(c: Candidate) -> Place:
    e = c.chosen
    assert e is not None
    admin1 = e.name if e.feature == "admin1" else e.admin1
    feature = "demonym" if c.demonym else "city" if e.feature == "capital" else e.feature
    return Place(name=c.text, start=c.start, end=c.end, country=e.country, admin1=admin1,
                 lat=round(e.lat, 4), lon=round(e.lon, 4), geonameid=e.geonameid, feature=feature)


# --- disambiguation ---------------------------------------------------------------------------

@dataclass
class Context:
    """What the rest of the document says about where a mention is."""

    sentence: set[str] = field(default_factory=set)  # countries named in the sentence
    demonyms: set[str] = field(default_factory=set)  # countries of the sentence's "Iraqi", "American"
    document: Counter[str] = field(default_factory=Counter)  # countries of other mentions
    # ... counting also the readings not clear of their namesakes (enough to accept a town by)
    support: Counter[str] = field(default_factory=Counter)
    support_regions: set[tuple[str | None, str]] = field(default_factory=set)
    regions: set[tuple[str | None, str]] = field(default_factory=set)  # admin1 named elsewhere
    sentence_regions: set[tuple[str | None, str]] = field(default_factory=set)  # ... in the sentence
    neighbour: Entry | None = None  # Y in "X, Y"
    inside: Entry | None = None  # X in "X, Y" (for Y)
    listed: set[tuple[str, str | None]] = field(default_factory=set)  # (feature, country) of list mates
    governed: bool = False  # followed by a word of a region's government ("New York Governor")
    # counties (country, admin1, county) where both one of this name's readings and a reading of
    # another name of the document lie ("Springfield" and "Sangamon County": Illinois's)
    counties: set[tuple[str | None, str | None, str]] = field(default_factory=set)


def resolve(cands: list[Candidate], toks: TokenTable, ents: list[Ent], text: str,
            gaz: Gazetteer) -> list[Candidate]:
    """Pick one reading per non-overlapping candidate: priors first, then with context, then
    one reading per name in the document (the "Salisbury" of a story is one place)."""
    cands = non_overlapping(cands)
    people = [c for c in cands if c.demonym]
    for c in people:
        c.chosen = c.options[0][0]
    cands = [c for c in cands if not c.demonym]
    demonyms: dict[int, set[str]] = {}
    starts = toks.sentence_starts
    for start, end, label in ents:
        if label == "NORP" and (iso := gaz.country_of_demonym(text[toks.idx[start]:toks.end_char(end)])):
            demonyms.setdefault(sentence_of(starts, start), set()).add(iso)
    bare = [Context(demonyms=demonyms.get(c.sentence, set())) for c in cands]
    for c, ctx in zip(cands, bare):
        c.chosen = best(c, ctx)
    first = [c.chosen for c in cands]
    keys = [normalise(c.text) for c in cands]
    groups: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        groups.setdefault(key, []).append(i)
    sure = [_sure(c, ctx) for c, ctx in zip(cands, bare)]
    _choose(cands, Others(cands, first, keys, sure=sure), groups, demonyms, text)
    read_shared_places(cands, gaz)
    return sorted([c for c in cands if c.chosen is not None] + people, key=lambda c: c.start)


def _choose(cands: list[Candidate], others: "Others", groups: dict[str, list[int]],
            demonyms: dict[int, set[str]], text: str) -> None:
    """Each candidate's reading in its context, one reading per name."""
    contexts = [others.context(i, demonyms, text) for i in range(len(cands))]
    for members in groups.values():
        total: Counter[Entry] = Counter()
        for i in members:
            for e, exact in cands[i].options:
                total[e] += score(e, exact, cands[i], contexts[i])
        choice = max(total, key=lambda e: total[e])
        for i in members:
            c = cands[i]
            c.chosen = choice if any(choice == e for e, _ in c.options) and acceptable(choice, c, contexts[i]) \
                else best(c, contexts[i])


class Others:
    """What every candidate's first reading says, indexed by name, so that the context of one
    candidate (the other names' readings: other mentions of the same name are no evidence for
    it) is read off the index instead of comparing it with every other candidate: linear in the
    number of candidates. Only well-known places ("anchors") whose first reading is ``sure``
    (clear of its namesakes abroad) speak for the document's countries, so two namesakes do not
    vouch for each other; ``support`` counts every anchor, for accepting a town by."""

    def __init__(self, cands: list[Candidate], first: list[Entry | None], keys: list[str], *,
                 sure: list[bool]):
        self.cands, self.first, self.keys = cands, first, keys
        self.sentence: dict[int, dict[str, set[str]]] = {}        # sentence -> country -> names
        self.sentence_regions: dict[int, dict[tuple[str | None, str], set[str]]] = {}
        self.regions: dict[tuple[str | None, str], set[str]] = {}  # region -> names naming it
        self.document: Counter[str] = Counter()                    # anchors' countries
        self.by_name: dict[str, Counter[str]] = {}
        self.support = Others(cands, first, keys, sure=[True] * len(cands)) if not all(sure) else self
        for d, e, k, clear in zip(cands, first, keys, sure):
            if e is None or not clear:
                continue
            if e.country and e.feature == "country":
                self.sentence.setdefault(d.sentence, {}).setdefault(e.country, set()).add(k)
            if e.country and _anchor(e):
                self.document[e.country] += 1
                self.by_name.setdefault(k, Counter())[e.country] += 1
            if e.feature == "admin1":
                self.regions.setdefault((e.country, e.name), set()).add(k)
                self.sentence_regions.setdefault(d.sentence, {}).setdefault((e.country, e.name), set()).add(k)
            elif e.admin1 and _anchor(e):
                self.regions.setdefault((e.country, e.admin1), set()).add(k)
        self._per_name: dict[str, tuple[Counter[str], set[tuple[str | None, str]]]] = {}
        self.counties: dict[tuple[str | None, str | None, str], set[str]] = {}  # county -> names with a reading in it
        for d, k in zip(cands, keys):
            for where in voted_counties(d):
                self.counties.setdefault(where, set()).add(k)

    def besides(self, key: str) -> tuple[Counter[str], set[tuple[str | None, str]]]:
        """The document's countries and regions, leaving out those named by ``key``."""
        if key not in self._per_name:
            self._per_name[key] = (self.document - self.by_name.get(key, Counter()),
                                   {r for r, names in self.regions.items() if _besides(names, key)})
        return self._per_name[key]

    def context(self, i: int, demonyms: dict[int, set[str]], text: str) -> Context:
        c, key = self.cands[i], self.keys[i]
        document, regions = self.besides(key)
        support, support_regions = self.support.besides(key)
        return Context(
            support=support, support_regions=support_regions,
            sentence={x for x, names in self.sentence.get(c.sentence, {}).items() if _besides(names, key)},
            demonyms=demonyms.get(c.sentence, set()),
            document=document,
            regions=regions,
            sentence_regions={r for r, names in self.sentence_regions.get(c.sentence, {}).items()
                              if _besides(names, key)},
            neighbour=_neighbour(self.cands, self.first, i, text),
            inside=self.first[i - 1] if i and _between(text, self.cands[i - 1], c) == "," else None,
            listed=_listed(self.cands, self.first, i, text),
            governed=text[c.end:c.end + 16].lower().lstrip().startswith(GOVERNED),
            counties={w for o, _ in c.options if (w := county(o)) in self.counties
                      and _besides(self.counties[w], key)})


def voted_counties(c: Candidate) -> set[tuple[str | None, str | None, str]]:
    """The counties a name speaks for: every county it may name ("Washington County"), and the
    county of each town it may name whose prior is within VOTE_GAP of its likeliest reading's
    ("Springfield", Illinois or Missouri; not "Oxford", New Jersey, beside Oxford, England)."""
    top = max((e.prior for e, _ in c.options), default=0.0)
    return {w for e, _ in c.options if (w := county(e)) is not None
            and (e.feature == "admin2" or e.prior >= top - VOTE_GAP)}


def county(e: Entry) -> tuple[str | None, str | None, str] | None:
    """The county a town lies in, or a county itself: (country, admin1, county name)."""
    if e.feature == "admin2":
        return e.country, e.admin1, e.name
    return (e.country, e.admin1, e.admin2) if e.admin2 and e.feature in {"city", "capital"} else None


def _sure(c: Candidate, ctx: Context) -> bool:
    """The chosen reading is clear of every namesake in another country by SURE_MARGIN: only then
    does it speak for the document's countries and regions ("Norfolk" alone may be in Virginia
    or England, and must not pull "Suffolk" to Virginia)."""
    e = c.chosen
    if e is None:
        return False
    mine = max(score(o, exact, c, ctx) for o, exact in c.options if o == e)
    return all(mine - score(o, exact, c, ctx) >= SURE_MARGIN for o, exact in c.options
               if o.country != e.country and exact)  # "Dili" is another name of Delhi, not a namesake


def _besides(names: set[str], key: str) -> bool:
    """Some name other than ``key`` is among ``names``."""
    return len(names) > 1 or key not in names


def _anchor(e: Entry) -> bool:
    return e.own or e.feature in {"country", "admin1", "capital", "region"} or e.population >= ANCHOR_POPULATION


LIST_MARKS = {",", "and", ", and", "or", ", or"}  # what stands between the names of a list
LISTED_FEATURES = {"admin1", "country"}


def _between(text: str, a: Candidate, b: Candidate) -> str:
    return text[a.end:b.start].strip() if b.start - a.end < 8 else "?"


def _listed(cands: list[Candidate], first: list[Entry | None], i: int, text: str
            ) -> set[tuple[str, str | None]]:
    """(feature, country) of the first readings of the regions and countries listed right before
    and after candidate ``i`` ("Ohio, Oregon and Utah")."""
    out = set()
    for j in (i - 1, i + 1):
        if 0 <= j < len(cands) and (e := first[j]) is not None and e.feature in LISTED_FEATURES:
            a, b = (cands[j], cands[i]) if j < i else (cands[i], cands[j])
            if _between(text, a, b) in LIST_MARKS:
                out.add((e.feature, e.country))
    return out


def _neighbour(cands: list[Candidate], first: list[Entry | None], i: int, text: str) -> Entry | None:
    """The reading of Y right after X in 'X, Y' when Y is a country or region."""
    if i + 1 >= len(cands):
        return None
    nxt, entry = cands[i + 1], first[i + 1]
    between = text[cands[i].end:nxt.start]
    if entry is not None and between.strip() == "," and entry.feature in {"country", "admin1"}:
        return entry
    return None


def non_overlapping(cands: list[Candidate]) -> list[Candidate]:
    """Longest strong spans first; a span overlapping a kept one is dropped. The kept spans do
    not overlap, so sorted by start one look at each neighbour decides (no pairwise loop)."""
    import bisect

    starts: list[int] = []
    kept: list[Candidate] = []  # sorted by start
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), not c.strong, c.start)):
        at = bisect.bisect_left(starts, c.start)
        if (at > 0 and kept[at - 1].end > c.start) or (at < len(kept) and kept[at].start < c.end):
            continue
        starts.insert(at, c.start)
        kept.insert(at, c)
    return kept


def best(cand: Candidate, ctx: Context) -> Entry | None:
    """The likeliest acceptable reading."""
    scored = sorted(((score(e, exact, cand, ctx), -i, e) for i, (e, exact) in enumerate(cand.options)),
                    key=lambda t: t[:2], reverse=True)
    e = scored[0][2] if scored else None
    return e if e is not None and acceptable(e, cand, ctx) else None


def acceptable(e: Entry, cand: Candidate, ctx: Context) -> bool:
    """A town is taken only with support: its country one of the document's (a fifth of the
    well-known places), named in the sentence or the Y of "X, Y"; a big town also when the
    document names no country at all. "West X" is a part of region X, and a region named inside
    another name is one, only in a country the document names ("West Midlands" is no part of
    Midlands, Zimbabwe, in a story on England)."""
    named = bool(e.country in ctx.sentence or e.country in ctx.demonyms or ctx.support.get(e.country or ""))
    if cand.hint == "part" and e.feature == "admin1" or cand.hint == "inner" and e.feature in {"admin1", "admin2"}:
        return named  # nor is the "Federal" of "US Federal Reserve" a region of Brazil
    if e.feature != "city" or e.own:
        return True
    near = county(e) in ctx.counties  # another name of the story lies in its county
    if not cand.strong and e.population < SMALL_TOWN:  # "Allendale" in a story naming New Jersey
        return (e.country, e.admin1) in ctx.support_regions or near
    share = ctx.support.get(e.country or "", 0) / max(1, sum(ctx.support.values()))
    supported = (e.country in ctx.sentence or e.country in ctx.demonyms or share >= 0.2
                 or ctx.neighbour is not None or near)
    least = SMALL_TOWN if cand.strong else WEAK_MIN_POPULATION
    if e.population < least and not supported:
        return False
    return supported or e.population >= ANCHOR_POPULATION or not ctx.support


def score(e: Entry, exact: bool, cand: Candidate, ctx: Context) -> float:
    """Higher is likelier: prior (feature, population) + name match + pattern hint + context."""
    s = e.prior + (0.5 if exact else 0.0)
    if cand.hint == "admin1":
        s += 4.0 if e.feature in {"admin1", "region"} else 2.0 if e.feature == "admin2" else -2.0
    elif cand.hint == "city":
        s += 2.0 if e.feature in {"city", "capital"} else 0.0
    elif cand.hint == "facility":
        s += 3.0 if e.feature in FACILITY_FEATURES else 0.0
    elif e.feature in {"admin1", "admin2"} and any(
            o.feature in {"city", "capital"} and o.country == e.country
            and o.admin1 == (e.name if e.feature == "admin1" else e.admin1) for o, _ in cand.options):
        s -= 2.0  # a bare "Erbil" is the city more often than its namesake region
    if e.country:
        # weaker than a named country: "an American pilgrim in Mecca" is not in Mecca, California
        s += SENTENCE_BONUS if e.country in ctx.sentence else DEMONYM_BONUS if e.country in ctx.demonyms else 0.0
        n = ctx.document.get(e.country, 0)
        s += 2.5 if n >= 3 else 1.5 if n else 0.0
        if n >= DOMINANT_MIN and n >= DOMINANT_SHARE * sum(ctx.document.values()):
            s += DOMINANT_BONUS
        region = (e.country, e.name if e.feature == "admin1" else e.admin1)
        if region[1] and region in ctx.regions:
            s += REGION_BONUS + (REGION_BONUS if region in ctx.sentence_regions else 0.0)
        if (e.feature, e.country) in ctx.listed:
            s += LIST_BONUS
        if e.feature == "admin1" and any(r[0] == e.country for r in ctx.sentence_regions):
            s += PEER_BONUS  # "Texas, Kansas and New York": a sentence of states names states
        if e.feature == "admin1" and ctx.governed:
            s += GOVERNED_BONUS
        if ctx.counties and county(e) in ctx.counties:
            s += COUNTY_BONUS
        x = ctx.inside
        if x is not None and x.country == e.country and (
                e.feature == "country" or e.feature == "admin1" and x.admin1 == e.name):
            s += INSIDE_BONUS
        nb = ctx.neighbour
        if nb is not None and nb.country == e.country and (nb.feature == "country" or nb.name == e.admin1):
            s += 4.0
    return s
