"""Sites: streets, buildings and grounds a story names that no gazetteer holds ("Elm Street", "the
Riverside General Hospital", "Lincoln High School"), placed at the town the story puts them in.

Local news names its streets and buildings more often than its towns. A site is a place entity
(FAC, GPE, LOC; not an organisation: "Cornell University" is quoted in stories from anywhere) of
two or more capitalised words ending in a word for a street or a building (SITE_HEADS), which no
place the stage resolved overlaps. It takes the point of the town (or county) the story names
most, each mention counting less the more namesakes its name has ("Franklin" of a street named
after him is no town to trust); a story that names no town or county places no site. Its
feature is "site", its geonameid none.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter

from .gazetteer import Entry
from .place_names import Candidate, Ent
from ..language.grammar import PLACE_LABELS
from ..language.tokens import TokenTable
from ..model import Place

SITE_HEADS = frozenset({
    "street", "st", "avenue", "ave", "road", "rd", "drive", "lane", "boulevard", "blvd", "highway", "parkway",
    "church", "cathedral", "chapel", "mosque", "synagogue", "temple", "hospital", "clinic", "school", "academy",
    "university", "college", "library", "museum", "stadium", "arena", "center", "centre", "hall", "theatre",
    "theater", "park", "square", "bridge", "station", "hotel", "inn", "mall", "plaza", "courthouse", "prison",
    "jail", "cemetery", "graveyard", "market", "estate", "cottage", "house", "pier", "wharf"})
TOWNS = {"city", "capital", "admin2"}


def sites(toks: TokenTable, ents: list[Ent], text: str, resolved: list[Candidate]) -> list[Place]:
    """Places of the site entities that overlap no resolved place, at their town (see module)."""
    towns = [c for c in resolved if not c.demonym and c.chosen is not None and c.chosen.feature in TOWNS]
    if not towns:
        return []
    # the story's town: its mentions, each counting less the more namesakes its name has ("Franklin")
    weight: Counter[Entry] = Counter()
    for c in towns:
        weight[c.chosen] += 1 / len(c.options)  # type: ignore[index]
    usual = max(weight, key=lambda e: weight[e])
    taken = sorted((c.start, c.end) for c in resolved)  # they do not overlap: ends sort as starts do
    starts, ends = [s for s, _ in taken], [e for _, e in taken]
    out: list[Place] = []
    for start, end, label in ents:
        if label not in PLACE_LABELS or toks.lower[end - 1].rstrip(".") not in SITE_HEADS:
            continue
        while start < end and toks.lower[start] == "the":
            start += 1
        if end - start < 2 or not toks.text[start][:1].isupper() or not toks.text[end - 1][:1].isupper():
            continue
        a, b = toks.idx[start], toks.end_char(end)
        i = bisect_left(starts, b)  # the places starting before the site ends; the last may overlap it
        if i and ends[i - 1] > a:
            continue
        out.append(Place(name=text[a:b], start=a, end=b, country=usual.country, admin1=usual.admin1,
                         lat=round(usual.lat, 4), lon=round(usual.lon, 4), geonameid=None, feature="site"))
    return out
