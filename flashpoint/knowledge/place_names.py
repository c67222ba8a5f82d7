"""Place names: the spans of a document that may name a place, each with its gazetteer readings.

Candidates do not trust the entity label alone. The small English model tags
"Erbil" as ORG and "al Anbar" as PERSON, so a candidate is any of:

- a GPE, LOC or FAC entity (split at commas: "Paris, Texas");
- an ORG entity, a NORP entity that is no demonym ("Tunis"), or a PERSON
  entity, whose whole text is a known place, unless a one-word one is part of
  a person's name elsewhere in the document ("Michael Jordan" ... "Jordan") or
  follows a title ("President Jordan");
- a proper-noun run outside any entity whose text is a known place;
- "X province / governorate / county ..." (a region), "X city", "the town /
  village / city / port of X" and "X air base / airport" patterns;
- a US state code after "Town," ("Tupelo, Miss.", "Dayton, OH") when the town
  has a reading in that state;
- a place named inside a longer name that is no place: "the New York Times",
  "US Special Forces", "the Manila Cathedral", "15 billion US dollars" (the longest
  known name of at most four capitalised words, as a weak candidate), and a place
  named with a direction word the gazetteer lacks ("West Wales", "South Florida");
- a demonym, the people adjective of a country, continent or region ("Russian
  officials", "European leaders"): a NORP entity or a capitalised word outside
  any entity. It reads as its country (or continent, region) and is kept apart in
  resolution (see :mod:`flashpoint.stages.places`).

Strong candidates (GPE/LOC/FAC, patterns) may be any known place. Weak ones
(other labels, bare proper nouns, names inside names) may be a town under 15,000
people only when the document names its first-level region (the places stage
decides, :func:`flashpoint.stages.places.acceptable`); a PERSON needs a country,
region, own entry or a city of 250,000+.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from .gazetteer import Entry, Gazetteer, normalise
from ..language.grammar import PLACE_LABELS
from ..language.place_attachment import HOLDER_LABELS
from ..language.tokens import TokenTable

# The place words below are short closed lists the candidate rules are written around (kept in
# code beside them); the gazetteer itself is in resources/places/.
REGION_WORDS = {"province", "governorate", "governate", "region", "state", "district", "prefecture",
                "oblast", "county", "wilayat", "provinces"}
CITY_WORDS = {"city", "town"}
SETTLEMENT_WORDS = {"city", "town", "village", "port"}  # "the town of X"
# Labels other than a place's whose span may still be a known place, as a weak candidate. The
# model also labels towns PRODUCT ("Kursk", "Mirebalais"), but reading PRODUCT spans as places
# added false places on the event-location sets (docs/evaluation.md, twenty-second session).
WEAK_LABELS = frozenset({"ORG", "NORP"})
FACILITY_WORDS = {"base", "airbase", "airport", "airfield", "camp"}  # "Ain al-Asad air base"
FACILITY_FEATURES = {"base", "airport", "facility"}
PATTERN_WORDS = REGION_WORDS | CITY_WORDS | FACILITY_WORDS
JOINED_BY = {"and", "&", "/"}  # between the places of one place entity ("Central and South America")
# Particles inside Arabic and European place names ("Deir ez-Zor", "Ras al-Ain").
JOINERS = {"al", "el", "-", "ash", "as", "ad", "an", "ar", "at", "az", "of", "de", "du", "la"}
# Titles before a person's name: "President Jackson" is no place named Jackson.
TITLES = {"mr", "mrs", "ms", "dr", "president", "king", "queen", "prince", "princess", "sheikh", "general",
          "gen", "senator", "sen", "rep", "representative", "minister", "pope", "sir", "lord", "judge",
          "coach", "governor", "gov", "mayor", "ambassador", "secretary", "chairman", "lt", "col", "sgt",
          "capt", "officer", "detective", "professor", "prof", "saint", "st"}
# US states as a dateline writes them after a town ("Tupelo, Miss.", "Dayton, OH"): the postal codes and
# the AP abbreviations that are also everyday words (the rest are names of the gazetteer). Read as
# the state only right after "Town," where the town has a reading in that state.
STATE_CODES = dict(zip(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND "
    "OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split(),
    ["Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "Florida",
     "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine",
     "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska",
     "Nevada", "New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio",
     "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas",
     "Utah", "Vermont", "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming"]))
STATE_CODES |= {"La.": "Louisiana", "Miss.": "Mississippi", "Mo.": "Missouri", "Ind.": "Indiana", "Me.": "Maine",
                "Me": "Maine"}
WEAK_FEATURES = {"country", "continent", "admin1", "capital", "region"}
WEAK_MIN_POPULATION = 250_000
TOWN_FEATURES = {"city", "capital"}
SMALL_TOWN = 15_000  # a smaller town needs its country named somewhere in the document
# A facility named after a street or river is no place of that name ("Northumberland Avenue").
NAMED_AFTER = {"street", "st", "avenue", "ave", "road", "rd", "drive", "lane", "boulevard", "blvd", "way",
               "square", "parade", "bridge", "river", "creek", "canal", "highway", "expressway", "place"}
DIRECTIONS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
              "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
              "southeastern", "southwestern", "upper", "lower", "greater"}
PART_OF = {"country", "admin1", "region"}  # what "West X" may be a part of
WIDEN = 3  # words a place entity may be widened by on either side to a known name
WIDEN_JOINERS = {"of", "the", "de", "du", "la", "al", "el"}
INNER_WORDS = 4  # the longest place name looked for inside another name
INNER_JOINERS = JOINERS - {"of"}  # a name inside a name is not cut at these ("Council of Europe" is)
# Words that make up names of places ("West Coast", "Garden City") but also everyday phrases:
# a candidate made only of them is taken for a place only if it is one of the project's own.
GENERIC = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
           "coast", "valley", "garden", "gardens", "city", "town", "village", "park", "center", "centre",
           "house", "hill", "hills", "lake", "river", "bay", "beach", "island", "islands", "square",
           "street", "road", "bridge", "church", "hall", "old", "new", "great", "little", "upper", "lower",
           "white", "black", "green", "red", "golden", "union", "mission", "enterprise", "university",
           "college", "school", "market", "harbour", "harbor", "port", "mount", "point", "springs",
           "heights", "station", "fort", "airport", "base", "state", "republic", "kingdom", "federation", "world"}



@dataclass
class Candidate:
    start: int  # character offsets in the document
    end: int
    text: str
    sentence: int
    strong: bool  # a place label or pattern; weak: another label or a bare proper noun
    hint: str | None = None  # admin1 | city | facility, from a "province"/"city"/"base" word; part: "West X"; inner: a name inside a name
    person: bool = False  # labelled PERSON: only a well-known place will do
    demonym: bool = False  # "Russian": the one reading is the country its people are named for
    options: list[tuple[Entry, bool]] = field(default_factory=list)
    chosen: Entry | None = None


# --- candidates -------------------------------------------------------------------------------

Ent = tuple[int, int, str]  # an entity's first token, end token and label


def candidates(toks: TokenTable, ents: list[Ent], text: str, gaz: Gazetteer) -> list[Candidate]:
    """Spans that may name a place, each with its gazetteer readings (a span with none is left
    out); they may overlap (the places stage keeps the longest)."""
    make = Maker(toks, text, gaz, person_name_words(toks, ents))
    out: list[Candidate] = []
    covered: set[int] = set()
    for start, end, label in ents:
        covered.update(range(start, end))
        if label == "NORP" and (people := make.demonym(start, end)):
            out.append(people)
            continue
        found: list[Candidate] = []
        if label in PLACE_LABELS:
            for s, e in comma_parts(toks, start, end):
                found += make.span(s, e, "strong") or make.after_direction(s, e) or make.joined(s, e)
            found += make.widened(start, end)
        elif label in WEAK_LABELS:
            found = make.span(start, end, "weak")  # "Boise" as ORG, "Tunis" as NORP
        elif label == "PERSON" and may_be_place(toks, start, end, make.names):
            found = make.span(start, end, "person")
        if not found and label in HOLDER_LABELS and toks.lower[end - 1].rstrip(".") not in NAMED_AFTER:
            found = make.inside(start, end)
        out += found
    for s, e, _, hint in pattern_spans(toks) + named_settlements(toks):
        out += make.span(s, e, "strong", hint)
    out += make.demonym_words(covered)
    out = make.states_after_towns() + out  # first: preferred over a same-span reading of the code
    for s, e in propn_runs(toks, covered):
        out += make.span(s, e, "weak")
    return out


class Maker:
    """Makes the candidates of one document's spans (token offsets) and looks up their readings."""

    def __init__(self, toks: TokenTable, text: str, gaz: Gazetteer, names: set[str]) -> None:
        self.toks, self.text, self.gaz, self.names = toks, text, gaz, names

    def _candidate(self, s: int, e: int, *, strong: bool, hint: str | None = None, person: bool = False,
                   demonym: bool = False) -> Candidate:
        toks = self.toks
        start, end = toks.idx[s], toks.end_char(e)
        return Candidate(start, end, self.text[start:end], sentence_of(toks.sentence_starts, s), strong,
                         hint, person=person, demonym=demonym)

    def span(self, s: int, e: int, kind: str, hint: str | None = None) -> list[Candidate]:
        """The span as a candidate ("the", "'s" trimmed) when it has a reading: [] or [one]."""
        lower, orth = self.toks.lower, self.toks.text
        while s < e and lower[s] in {"the", "'s"}:
            s += 1
        while e > s and lower[e - 1] in {"'s", "\u2019s", "'"}:  # "Saudi Arabia's"
            e -= 1
        head = orth[s + 1] if s + 1 < e and lower[s] in {"al", "el"} else orth[s] if s < e else None
        if head is None or not (head[:1].isupper() or head[:1].isdigit()):
            return []
        if e - s == 1 and lower[s] in self.names:  # "Jordan" after "Michael Jordan"
            return []
        cand = self._candidate(s, e, strong=kind == "strong", hint=hint, person=kind == "person")
        cand.options = readings(cand, self.gaz)
        return [cand] if cand.options else []

    def widened(self, s: int, e: int) -> list[Candidate]:
        """A place entity cut short of a longer known name ("Democratic Republic" of "Democratic
        Republic of the Congo", "Beida" of "Goz Beida"): the longest known name over up to WIDEN
        capitalised words (and "of the" inside) on either side, in the sentence; [] or [one]."""
        orth, lower, n = self.toks.text, self.toks.lower, len(self.toks.text)
        starts = self.toks.sentence_starts  # ascending

        def word(i: int) -> bool:
            return 0 <= i < n and (orth[i][:1].isupper() and self.toks.alpha[i] or lower[i] in WIDEN_JOINERS)

        def opens(lo: int, hi: int) -> bool:  # does a sentence start at a token in [lo, hi]?
            k = bisect_left(starts, lo)
            return k < len(starts) and starts[k] <= hi

        left = [a for a in range(s - 1, s - WIDEN - 1, -1) if all(word(k) for k in range(a, s))
                and not opens(a + 1, s) and orth[a][:1].isupper()]
        right = [b for b in range(e + 1, e + WIDEN + 1) if all(word(k) for k in range(e, b))
                 and not opens(e, b - 1) and orth[b - 1][:1].isupper()]
        for a, b in sorted(((a, b) for a in [s, *left] for b in [e, *right] if (a, b) != (s, e)),
                           key=lambda ab: ab[0] - ab[1]):
            if found := self.span(a, b, "strong"):
                return found
        return []

    def joined(self, s: int, e: int) -> list[Candidate]:
        """'Central and South America', 'Iraq and Syria': a place entity that is no known name
        but places joined by 'and', '&' or '/' is those places (each part a candidate; not a
        hyphen: 'Al-Minya' is no town 'Al'); an entity that is a demonym ('Zambian' labelled
        GPE) is one."""
        if people := self.demonym(s, e):
            return [people]
        cuts = [i for i in range(s + 1, e - 1) if self.toks.lower[i] in JOINED_BY]
        out: list[Candidate] = []
        for a, b in zip([s, *(i + 1 for i in cuts)], [*cuts, e]):
            out += self.span(a, b, "strong") or self.after_direction(a, b) if b > a else []
        return out

    def after_direction(self, s: int, e: int) -> list[Candidate]:
        """'West Wales', 'South Darfur': a name the gazetteer lacks that is a direction word and a
        known place; the candidate is the whole name, read as the place."""
        lower = self.toks.lower
        while s < e and lower[s] == "the":
            s += 1
        if e - s < 2 or lower[s] not in DIRECTIONS:
            return []
        found = self.span(s + 1, e, "strong")
        for cand in found:  # a part of a country or region: "East Yorkshire" is no town in Virginia
            cand.start = self.toks.idx[s]
            cand.text = self.text[cand.start:cand.end]
            cand.hint = "part"
            cand.options = [(x, exact) for x, exact in cand.options if x.feature in PART_OF]
        return [c for c in found if c.options]

    def demonym(self, s: int, e: int) -> Candidate | None:
        """'Russian', 'European' as a candidate whose one reading is its country (continent, region)."""
        toks = self.toks
        while s < e and toks.lower[s] == "the":
            s += 1
        if s >= e or not toks.text[s][:1].isupper():
            return None
        entry = self.gaz.place_of_demonym(self.text[toks.idx[s]:toks.end_char(e)])
        if entry is None:
            return None
        cand = self._candidate(s, e, strong=False, demonym=True)
        cand.options = [(entry, True)]
        return cand

    def inside(self, start: int, end: int) -> list[Candidate]:
        """Places named inside a longer name: at each capitalised word, the longest known name
        (a demonym or a weak candidate) of up to INNER_WORDS words; then on after it."""
        orth, alpha, lower = self.toks.text, self.toks.alpha, self.toks.lower
        out: list[Candidate] = []
        i = start
        while i < end:
            found: list[Candidate] = []
            word = alpha[i] or "." in orth[i] and orth[i].replace(".", "").isalpha()  # "U.S." of "the U.S. Senate"
            if word and orth[i][:1].isupper() and not (i > start and lower[i - 1] in INNER_JOINERS):
                for j in range(min(end, i + INNER_WORDS), i, -1):
                    if j < end and lower[j] in INNER_JOINERS:  # "Bab" of "Bab al-Hawa" is no place
                        continue
                    people = self.demonym(i, j) if j - i <= 2 else None
                    found = [people] if people else self.span(i, j, "weak")
                    if found:
                        break
            for cand in found:
                cand.hint = cand.hint or "inner"
            out += found
            i = j if found else i + 1
        return out

    def states_after_towns(self) -> list[Candidate]:
        """'Miss.' of 'Tupelo, Miss.', 'OH' of 'Dayton, OH': a state code (STATE_CODES) after a comma
        after a town (up to three capitalised words) with a reading in that state."""
        orth = self.toks.text
        out: list[Candidate] = []
        for i in range(2, len(orth)):
            state = STATE_CODES.get(orth[i])
            if state is None or orth[i - 1] != "," or not orth[i - 2][:1].isupper():
                continue
            first = i - 2
            while first > max(0, i - 4) and orth[first - 1][:1].isupper() and self.toks.alpha[first - 1]:
                first -= 1
            town = [e for a in range(first, i - 1) for e, _ in self.gaz.lookup(self.text[
                self.toks.idx[a]:self.toks.end_char(i - 1)]) if e.country == "USA" and e.admin1 == state
                and e.feature != "admin1"]
            region = [e for e, _ in self.gaz.lookup(state) if e.feature == "admin1" and e.country == "USA"]
            if town and region:
                cand = self._candidate(i, i + 1, strong=True)
                cand.options = [(region[0], True)]
                out.append(cand)
        return out

    def demonym_words(self, covered: set[int]) -> list[Candidate]:
        """Demonyms outside any entity ("American" left untagged): one word or two ("Latin American")."""
        orth, alpha = self.toks.text, self.toks.alpha
        out: list[Candidate] = []
        n, i = len(orth), 0
        while i < n:
            if i in covered or not alpha[i] or not orth[i][:1].isupper():
                i += 1
                continue
            two = self.demonym(i, i + 2) if i + 1 < n and i + 1 not in covered and alpha[i + 1] else None
            found = two or self.demonym(i, i + 1)
            if found:
                out.append(found)
            i += 2 if two else 1
        return out


def sentence_of(starts: list[int], token: int) -> int:
    """The index of the sentence a token is in (``starts``: each sentence's first token)."""
    return max(0, bisect_right(starts, token) - 1)


def person_name_words(toks: TokenTable, ents: list[Ent]) -> set[str]:
    """Words of multi-word person names ("Michael Jordan"): such a word alone is a person. An
    abbreviation is no name's word ("US" of a byline the model took for a name, "Henry Smith US")."""
    lower, orth = toks.lower, toks.text
    return {lower[i] for s, e, label in ents if label == "PERSON" and e - s > 1
            for i in range(s, e) if lower[i] not in JOINERS and not orth[i].isupper()}


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


def named_settlements(toks: TokenTable) -> list[tuple[int, int, str, str | None]]:
    """'the town of Mirebalais', 'the village of Avdiivka': the proper-noun run after a settlement
    word and 'of' is a town, whatever label the model gave it."""
    lower, propn = toks.lower, toks.propn
    out: list[tuple[int, int, str, str | None]] = []
    for i, word in enumerate(lower[:-2]):
        if word in SETTLEMENT_WORDS and lower[i + 1] == "of" and propn[i + 2]:
            end = i + 2
            while end < len(lower) and (propn[end] or lower[end] in JOINERS and end + 1 < len(lower)
                                        and propn[end + 1]):
                end += 1
            out.append((i + 2, end, "strong", "city"))
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


def stem(text: str) -> str:
    """A pattern's name without its place words: 'Raqqa province' -> 'Raqqa'."""
    words = text.split()
    while len(words) > 1 and words[-1].lower() in PATTERN_WORDS | {"air"}:
        words.pop()
    return " ".join(words)


def readings(cand: Candidate, gaz: Gazetteer) -> list[tuple[Entry, bool]]:
    """Gazetteer entries a candidate may mean; a weak candidate only well-known places."""
    options = gaz.lookup(cand.text, spelling=cand.strong)
    if not options and cand.hint:
        name = stem(cand.text)
        options = gaz.lookup(name, spelling=True) if name != cand.text else []
        # "U.S. base" is no base called "U.S.": the name alone is left to its own candidate.
        wanted = FACILITY_FEATURES if cand.hint == "facility" else {"city", "capital"} if cand.hint == "city" else None
        if wanted:
            options = [(e, x) for e, x in options if e.feature in wanted]
    if cand.person:  # a town by its own name too: the places stage takes it only in its country's story
        options = [(e, x) for e, x in options if e.own or e.feature in WEAK_FEATURES
                   or e.population >= WEAK_MIN_POPULATION or x and e.feature in TOWN_FEATURES
                   and len(cand.text) >= 4]
    if cand.hint == "admin1":  # "X province" is a region, not a town called X: a region spelt
        # otherwise in the town's country ("Raqqa" province, "Ar Raqqah"), else the town, which lies in it
        region = {"admin1", "admin2", "region"}
        towns = {e.country for e, _ in options}
        options = [(e, x) for e, x in options if e.own or e.feature in region] or [
            (e, x) for e, x in gaz.respelled(stem(cand.text)) if e.feature in region
            and (not towns or e.country in towns)] or options
    if all(w in GENERIC for w in normalise(cand.text).split()):
        options = [(e, x) for e, x in options if e.own]
    letters = [ch for ch in cand.text if ch.isalpha()]
    if len(letters) < 2:
        return []
    if not cand.strong and len(letters) <= 4 and all(ch.isupper() for ch in letters):
        # an acronym outside a place label ("GA passes", "P.A. system") is a country or nothing
        options = [(e, x) for e, x in options if e.own or e.feature == "country"]
    return options

