"""Places: place names resolved to coordinates, country and first-level region.

Candidates do not trust the entity label alone. The small English model tags
"Erbil" as ORG and "al Anbar" as PERSON, so a candidate is any of:

- a GPE, LOC or FAC entity (split at commas: "Paris, Texas");
- an ORG entity, a NORP entity that is no demonym ("Tunis"), or a PERSON
  entity, whose whole text is a known place, unless a one-word one is part of
  a person's name elsewhere in the document ("Michael Jordan" ... "Jordan") or
  follows a title ("President Jordan");
- a proper-noun run outside any entity whose text is a known place;
- "X province / governorate / county ..." (a region), "X city" and
  "X air base / airport" patterns.

Strong candidates (GPE/LOC/FAC, patterns) may be any known place, a town under
15,000 people only when its country is named in the document. Weak ones (other
labels, bare proper nouns) need a bigger town, and a city under 250,000 people
only with its country in the document; a PERSON needs a country, region, own
entry or a city of 250,000+.

Each candidate's readings are scored (:func:`score`) by a prior (feature class
and population), how the name matched, the pattern's hint, and context: the
countries named in the same sentence (as places or demonyms, "Iraqi"), the
countries and regions of the document's other places (a first pass without
context), and an "X, Y" neighbour ("Paris, Texas"). Gazetteer: see
:mod:`flashpoint.knowledge.gazetteer`.
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
from ..language.tokens import TokenTable

# The place words below are short closed lists the candidate and resolution rules are written
# around (kept in code beside them); the gazetteer itself is in resources/places/.
PLACE_LABELS = {"GPE", "LOC", "FAC"}
REGION_WORDS = {"province", "governorate", "governate", "region", "state", "district", "prefecture",
                "oblast", "county", "wilayat", "provinces"}
CITY_WORDS = {"city", "town"}
FACILITY_WORDS = {"base", "airbase", "airport", "airfield", "camp"}  # "Ain al-Asad air base"
FACILITY_FEATURES = {"base", "airport", "facility"}
PATTERN_WORDS = REGION_WORDS | CITY_WORDS | FACILITY_WORDS
# Particles inside Arabic and European place names ("Deir ez-Zor", "Ras al-Ain").
JOINERS = {"al", "el", "-", "ash", "as", "ad", "an", "ar", "at", "az", "of", "de", "du", "la"}
# Titles before a person's name: "President Jackson" is no place named Jackson.
TITLES = {"mr", "mrs", "ms", "dr", "president", "king", "queen", "prince", "princess", "sheikh", "general",
          "gen", "senator", "sen", "rep", "representative", "minister", "pope", "sir", "lord", "judge",
          "coach", "governor", "gov", "mayor", "ambassador", "secretary", "chairman", "lt", "col", "sgt",
          "capt", "officer", "detective", "professor", "prof", "saint", "st"}
WEAK_FEATURES = {"country", "continent", "admin1", "capital", "region"}
WEAK_MIN_POPULATION = 250_000
SMALL_TOWN = 15_000  # a smaller town needs its country named somewhere in the document
ANCHOR_POPULATION = 100_000  # a city this big may set the document's country context
SENTENCE_BONUS = 2.0  # a reading in a country the sentence names
DEMONYM_BONUS = 1.0  # ... or whose people it names
REGION_BONUS = 1.0  # a reading in a first-level region the document names (twice that: the sentence)
# Words that make up names of places ("West Coast", "Garden City") but also everyday phrases:
# a candidate made only of them is taken for a place only if it is one of the project's own.
GENERIC = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
           "coast", "valley", "garden", "gardens", "city", "town", "village", "park", "center", "centre",
           "house", "hill", "hills", "lake", "river", "bay", "beach", "island", "islands", "square",
           "street", "road", "bridge", "church", "hall", "old", "new", "great", "little", "upper", "lower",
           "white", "black", "green", "red", "golden", "union", "mission", "enterprise", "university",
           "college", "school", "market", "harbour", "harbor", "port", "mount", "point", "springs",
           "heights", "station", "airport", "base", "state", "republic", "kingdom", "federation", "world"}


@dataclass
class Candidate:
    start: int  # character offsets in the document
    end: int
    text: str
    sentence: int
    strong: bool  # a place label or pattern; weak: another label or a bare proper noun
    hint: str | None = None  # admin1 | city | facility, from a "province"/"city"/"base" word
    person: bool = False  # labelled PERSON: only a well-known place will do
    options: list[tuple[Entry, bool]] = field(default_factory=list)
    chosen: Entry | None = None


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
        return dataclasses.replace(doc, places=tuple(to_place(c) for c in cands))


def to_place(c: Candidate) -> Place:
    e = c.chosen
    assert e is not None
    admin1 = e.name if e.feature == "admin1" else e.admin1
    return Place(name=c.text, start=c.start, end=c.end, country=e.country, admin1=admin1,
                 lat=round(e.lat, 4), lon=round(e.lon, 4), geonameid=e.geonameid,
                 feature="city" if e.feature == "capital" else e.feature)


# --- candidates -------------------------------------------------------------------------------

Ent = tuple[int, int, str]  # an entity's first token, end token and label


def candidates(toks: TokenTable, ents: list[Ent], text: str, gaz: Gazetteer) -> list[Candidate]:
    """Spans that may name a place, each with its gazetteer readings (none: left out)."""
    lower, orth, idx = toks.lower, toks.text, toks.idx
    names = person_name_words(toks, ents)
    spans: list[tuple[int, int, str, str | None]] = []  # token start, end, kind, hint
    covered: set[int] = set()
    for start, end, label in ents:
        covered.update(range(start, end))
        if label in PLACE_LABELS:
            spans.extend((s, e, "strong", None) for s, e in comma_parts(toks, start, end))
        elif label == "ORG" or label == "NORP" and gaz.country_of_demonym(
                text[idx[start]:toks.end_char(end)]) is None:
            spans.append((start, end, "weak", None))  # "Boise" as ORG, "Tunis" as NORP
        elif label == "PERSON" and may_be_place(toks, start, end, names):
            spans.append((start, end, "person", None))
    spans.extend(pattern_spans(toks))
    spans.extend((s, e, "weak", None) for s, e in propn_runs(toks, covered))
    out = []
    for s, e, kind, hint in spans:
        while s < e and lower[s] in {"the", "'s"}:
            s += 1
        while e > s and lower[e - 1] in {"'s", "\u2019s", "'"}:  # "Saudi Arabia's"
            e -= 1
        head = orth[s + 1] if s + 1 < e and lower[s] in {"al", "el"} else orth[s] if s < e else None
        if head is None or not (head[:1].isupper() or head[:1].isdigit()):
            continue
        if e - s == 1 and lower[s] in names:  # "Jordan" after "Michael Jordan"
            continue
        start_char, end_char = idx[s], toks.end_char(e)
        cand = Candidate(start_char, end_char, text[start_char:end_char],
                         _sentence(toks.sentence_starts, s), kind == "strong", hint,
                         person=kind == "person")
        cand.options = readings(cand, gaz)
        if cand.options:
            out.append(cand)
    return out


def _sentence(starts: list[int], token: int) -> int:
    from bisect import bisect_right

    return max(0, bisect_right(starts, token) - 1)


def person_name_words(toks: TokenTable, ents: list[Ent]) -> set[str]:
    """Words of multi-word person names ("Michael Jordan"): such a word alone is a person."""
    lower = toks.lower
    return {lower[i] for s, e, label in ents if label == "PERSON" and e - s > 1
            for i in range(s, e) if lower[i] not in JOINERS}


def may_be_place(toks: TokenTable, start: int, end: int, names: set[str]) -> bool:
    """A PERSON entity that may be a mislabelled place: not after a title, not a name's word."""
    lower = toks.lower
    words = [lower[i] for i in range(start, end) if lower[i] not in JOINERS]
    if len(words) == 1 and words[0] in names:
        return False
    before = lower[start - 1].rstrip(".") if start > 0 else ""
    return before not in TITLES


def comma_parts(toks: TokenTable, start: int, end: int) -> list[tuple[int, int]]:
    parts, s = [], start
    for i in range(start, end):
        if toks.text[i] == ",":
            parts.append((s, i))
            s = i + 1
    parts.append((s, end))
    return [(a, b) for a, b in parts if b > a]


def pattern_spans(toks: TokenTable) -> list[tuple[int, int, str, str | None]]:
    """'al Anbar province', 'Mosul city': a proper-noun run before a region or city word."""
    lower, propn = toks.lower, toks.propn
    out: list[tuple[int, int, str, str | None]] = []
    for i, word in enumerate(lower):
        if word not in PATTERN_WORDS or i == 0:
            continue
        start = i - 1 if word == "base" and lower[i - 1] == "air" else i
        while start > 0 and (propn[start - 1] or lower[start - 1] in JOINERS
                             and start > 1 and propn[start - 2]):
            start -= 1
        while start < i and lower[start] in JOINERS - {"al", "el"}:
            start += 1
        part_of_name = i + 1 < len(lower) and propn[i + 1]  # "... State University"
        if start < i and not part_of_name and (propn[start] or lower[start] in {"al", "el"}):
            hint = "admin1" if word in REGION_WORDS else "city" if word in CITY_WORDS else "facility"
            out.append((start, i + 1, "strong", hint))
    return out


def propn_runs(toks: TokenTable, covered: set[int]) -> list[tuple[int, int]]:
    runs, start = [], None
    for i, (propn, alpha) in enumerate(zip(toks.propn, toks.alpha)):
        inside = propn and alpha and i not in covered
        if inside and start is None:
            start = i
        elif not inside and start is not None:
            runs.append((start, i))
            start = None
    if start is not None:
        runs.append((start, len(toks)))
    return runs


def readings(cand: Candidate, gaz: Gazetteer) -> list[tuple[Entry, bool]]:
    """Gazetteer entries a candidate may mean; a weak candidate only well-known places."""
    options = gaz.lookup(cand.text)
    if not options and cand.hint:
        words = cand.text.split()
        while len(words) > 1 and words[-1].lower() in PATTERN_WORDS | {"air"}:
            words.pop()
        options = gaz.lookup(" ".join(words)) if len(words) < len(cand.text.split()) else []
        # "U.S. base" is no base called "U.S.": the name alone is left to its own candidate.
        wanted = FACILITY_FEATURES if cand.hint == "facility" else {"city", "capital"} if cand.hint == "city" else None
        if wanted:
            options = [(e, x) for e, x in options if e.feature in wanted]
    if not cand.strong:
        least = WEAK_MIN_POPULATION if cand.person else SMALL_TOWN
        options = [(e, x) for e, x in options if e.own or e.feature in WEAK_FEATURES or e.population >= least]
    if cand.hint == "admin1":  # "X province" is a region, not a town called X
        options = [(e, x) for e, x in options if e.own or e.feature in {"admin1", "admin2", "region"}]
    if all(w in GENERIC for w in normalise(cand.text).split()):
        options = [(e, x) for e, x in options if e.own]
    letters = [ch for ch in cand.text if ch.isalpha()]
    if len(letters) < 2:
        return []
    if not cand.strong and len(letters) <= 4 and all(ch.isupper() for ch in letters):
        # an acronym outside a place label ("GA passes", "P.A. system") is a country or nothing
        options = [(e, x) for e, x in options if e.own or e.feature == "country"]
    return options


# --- disambiguation ---------------------------------------------------------------------------

@dataclass
class Context:
    """What the rest of the document says about where a mention is."""

    sentence: set[str] = field(default_factory=set)  # countries named in the sentence
    demonyms: set[str] = field(default_factory=set)  # countries of the sentence's "Iraqi", "American"
    document: Counter[str] = field(default_factory=Counter)  # countries of other mentions
    regions: set[tuple[str | None, str]] = field(default_factory=set)  # admin1 named elsewhere
    sentence_regions: set[tuple[str | None, str]] = field(default_factory=set)  # ... in the sentence
    neighbour: Entry | None = None  # Y in "X, Y"


def resolve(cands: list[Candidate], toks: TokenTable, ents: list[Ent], text: str,
            gaz: Gazetteer) -> list[Candidate]:
    """Pick one reading per non-overlapping candidate: priors first, then with context, then
    one reading per name in the document (the "Salisbury" of a story is one place)."""
    cands = non_overlapping(cands)
    demonyms: dict[int, set[str]] = {}
    starts = toks.sentence_starts
    for start, end, label in ents:
        if label == "NORP" and (iso := gaz.country_of_demonym(text[toks.idx[start]:toks.end_char(end)])):
            demonyms.setdefault(_sentence(starts, start), set()).add(iso)
    for c in cands:
        c.chosen = best(c, Context(demonyms=demonyms.get(c.sentence, set())))
    first = [c.chosen for c in cands]
    keys = [normalise(c.text) for c in cands]
    others = Others(cands, first, keys)
    contexts = [others.context(i, demonyms, text) for i in range(len(cands))]
    groups: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        groups.setdefault(key, []).append(i)
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
    return [c for c in cands if c.chosen is not None]


class Others:
    """What every candidate's first reading says, indexed by name, so that the context of one
    candidate (the other names' readings: other mentions of the same name are no evidence for
    it) is read off the index instead of comparing it with every other candidate: linear in the
    number of candidates. Only well-known places ("anchors") speak for the document's countries,
    so two obscure namesakes do not vouch for each other."""

    def __init__(self, cands: list[Candidate], first: list[Entry | None], keys: list[str]):
        self.cands, self.first, self.keys = cands, first, keys
        self.sentence: dict[int, dict[str, set[str]]] = {}        # sentence -> country -> names
        self.sentence_regions: dict[int, dict[tuple[str | None, str], set[str]]] = {}
        self.regions: dict[tuple[str | None, str], set[str]] = {}  # region -> names naming it
        self.document: Counter[str] = Counter()                    # anchors' countries
        self.by_name: dict[str, Counter[str]] = {}
        for d, e, k in zip(cands, first, keys):
            if e is None:
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

    def context(self, i: int, demonyms: dict[int, set[str]], text: str) -> Context:
        c, key = self.cands[i], self.keys[i]
        if key not in self._per_name:
            self._per_name[key] = (self.document - self.by_name.get(key, Counter()),
                                   {r for r, names in self.regions.items() if _besides(names, key)})
        document, regions = self._per_name[key]
        return Context(
            sentence={x for x, names in self.sentence.get(c.sentence, {}).items() if _besides(names, key)},
            demonyms=demonyms.get(c.sentence, set()),
            document=document,
            regions=regions,
            sentence_regions={r for r, names in self.sentence_regions.get(c.sentence, {}).items()
                              if _besides(names, key)},
            neighbour=_neighbour(self.cands, self.first, i, text))


def _besides(names: set[str], key: str) -> bool:
    """Some name other than ``key`` is among ``names``."""
    return len(names) > 1 or key not in names


def _anchor(e: Entry) -> bool:
    return e.own or e.feature in {"country", "admin1", "capital", "region"} or e.population >= ANCHOR_POPULATION


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
    document names no country at all."""
    if e.feature != "city" or e.own:
        return True
    share = ctx.document.get(e.country or "", 0) / max(1, sum(ctx.document.values()))
    supported = (e.country in ctx.sentence or e.country in ctx.demonyms or share >= 0.2
                 or ctx.neighbour is not None)
    least = SMALL_TOWN if cand.strong else WEAK_MIN_POPULATION
    if e.population < least and not supported:
        return False
    return supported or e.population >= ANCHOR_POPULATION or not ctx.document


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
        region = (e.country, e.name if e.feature == "admin1" else e.admin1)
        if region[1] and region in ctx.regions:
            s += REGION_BONUS + (REGION_BONUS if region in ctx.sentence_regions else 0.0)
        nb = ctx.neighbour
        if nb is not None and nb.country == e.country and (nb.feature == "country" or nb.name == e.admin1):
            s += 4.0
    return s
