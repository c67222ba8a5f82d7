"""Scoring against the project's real-news sentence gold (``data/gold/news_gold.jsonl``).

The gold is 420 sentences drawn at random (seed 2020) from the 249 Guardian stories in
``../shared/data/ngec/Guardian_SDF_sample.csv.zip`` and coded by hand with the CAMEO codebook
and the PLOVER manual (conventions: ``docs/news-gold.md``). It holds no text: each record names
its story (the CSV's row key), the sentence's character span in the story and a short sha1 of
the sentence, and lists zero or more events (source and target country/sector, CAMEO code,
PLOVER type, modality, trigger span). The stories are read from ``../shared`` at run time.

Each referenced story is coded in full by the default pipeline; the coded events whose evidence
sentence overlaps a gold sentence are that sentence's predictions. Scores, for the tune half,
the check half and all sentences:

- ``triple``: precision/recall/F1 of (source country, target country, CAMEO root), multiset
  matching within a sentence; a missing country is compared as null;
- ``root``: the same on the CAMEO root alone;
- ``event_precision``: share of coded events that match a gold event by root / by triple;
- ``spurious_event_rate``: share of the gold's no-event sentences given at least one event;
- ``plover_accuracy``: PLOVER type right, among coded events paired with a gold event of the
  same sentence and the same (source, target) countries (gold statements, 01x, have no type);
- ``penta_macro_f1`` and ``penta``: the sentence's penta class (:mod:`.penta`: its highest quad
  class, 0 with no event), gold against coder: macro-F1, per class, confusion matrix;
- ``root_precision``, ``triple_f1``, ``root_recall``: the same figures at the top level, which
  the scoreboard, its table and the floors read;
- counts of sentences, events and stories.

Countries are compared in the gold's convention: ISO3 for states, 'IGO' for international
organisations (the coder's 'UNO' and 'EUR' too), 'NGO' for non-governmental groups, and the
actor table's own codes for transnational groups ('IMG' for Islamic State and al-Qaeda).
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import penta, split
from ..errors import MalformedRecord, MissingPath

ROOT = Path(__file__).resolve().parents[2]
STORIES = ROOT.parent / "shared/data/ngec/Guardian_SDF_sample.csv.zip"
DEFAULT_GOLD = ROOT / "data/gold/news_gold.jsonl"
SPLIT_SALT = "flashpoint-news-gold"  # the news gold's own salt for split.half_of (fixed when it was drawn)
IGO_CODES = frozenset({"IGO", "UNO", "EUR"})
MODALITIES = frozenset({"asserted", "claimed", "denied", "threatened", "hypothetical", "negated"})
HALVES = ("tune", "check", "all")


@dataclass(frozen=True)
class Coded:
    """One event, gold or coded, as the scorer compares it."""

    source: str | None  # country code, or None when no country is named
    target: str | None
    root: str  # CAMEO root, two digits
    plover: str | None = None
    cameo: str = ""
    trigger: str = ""

    @property
    def triple(self) -> tuple[str | None, str | None, str]:
        return self.source, self.target, self.root


@dataclass(frozen=True)
class GoldSentence:
    id: str
    story: str
    start: int
    end: int
    sha1: str
    events: tuple[Coded, ...]


def read_stories(path: str | Path = STORIES) -> Iterator[tuple[str, str, str]]:
    """(row key, date, text) of every Guardian story, in file order."""
    with zipfile.ZipFile(path) as z, z.open(z.namelist()[0]) as fh:
        for row in csv.DictReader(io.TextIOWrapper(fh, encoding="utf-8")):
            yield row[""], row["date"], row["text"]


def text_sha1(text: str) -> str:
    """The short hash a gold record keeps of its sentence, to notice a changed story."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def half_of(key: str) -> str:
    """'tune' or 'check' for a gold sentence id: the one split rule, with the news gold's salt."""
    return split.half_of(key, salt=SPLIT_SALT)


def _gold_event(ev: dict[str, Any], cameo: frozenset[str] | None) -> Coded:
    code = str(ev["cameo"])
    if cameo is not None and code not in cameo:
        raise KeyError(f"CAMEO code {code!r} is not in flashpoint/resources/cameo.tsv")
    if ev.get("modality", "asserted") not in MODALITIES:
        raise KeyError(f"modality {ev.get('modality')!r} is not one of {sorted(MODALITIES)}")
    src, tgt = ev.get("source") or {}, ev.get("target") or {}
    return Coded(source=src.get("country"), target=tgt.get("country"), root=code[:2],
                 plover=ev.get("plover"), cameo=code)


def read_gold(path: str | Path, *, cameo: Iterable[str] | None = None) -> list[GoldSentence]:
    """The gold sentences; a bad line raises an error naming the file and line."""
    path = Path(path)
    codes = frozenset(cameo) if cameo is not None else None
    if not path.exists():
        raise MissingPath("gold file not found", where=str(path), fix="pass the news gold path")
    items = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            items.append(GoldSentence(
                id=str(rec["id"]), story=str(rec["story"]), start=int(rec["start"]), end=int(rec["end"]),
                sha1=str(rec["sha1"]), events=tuple(_gold_event(e, codes) for e in rec["events"])))
        except json.JSONDecodeError as err:
            raise MalformedRecord(f"not JSON: {err.msg}", where=f"{path}:{lineno}",
                                  fix="one JSON object per line") from None
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise MalformedRecord(f"bad record ({err})", where=f"{path}:{lineno}",
                                  fix="each record needs id, story, start, end, sha1 and events; "
                                      "see docs/news-gold.md") from None
    return items


def check_spans(items: Sequence[GoldSentence], texts: dict[str, str], *, where: str = "gold") -> None:
    """Every gold sentence's story exists, its span lies inside it and its text has the same sha1."""
    for item in items:
        text = texts.get(item.story)
        if text is None or not 0 <= item.start < item.end <= len(text):
            raise MalformedRecord(f"{item.id}: story {item.story!r} is missing or shorter than the span",
                                  where=where, fix="the shared stories changed; re-draw the sample")
        if text_sha1(text[item.start:item.end]) != item.sha1:
            raise MalformedRecord(f"{item.id}: the sentence's sha1 differs from the gold's",
                                  where=where, fix="the shared stories changed; re-draw the sample")


def actor_country(actor: Any) -> str | None:
    """A coder actor's country in the gold's convention (IGO/NGO folded as documented)."""
    if actor is None:
        return None
    if actor.kind == "igo" or actor.country in IGO_CODES:
        return "IGO"
    if not actor.country and actor.sector == "NGO":
        return "NGO"
    return actor.country or None


def in_sentence(events: Iterable[Any], g: GoldSentence) -> list[Any]:
    """The coded events whose evidence overlaps the gold sentence ``g`` (its characters in the
    story or sentence text)."""
    return [e for e in events if e.evidence_start < g.end and e.evidence_end > g.start]


def coded_event(event: Any) -> Coded:
    return Coded(source=actor_country(event.source), target=actor_country(event.target),
                 root=(event.cameo or "")[:2], plover=event.plover_type or None,
                 cameo=event.cameo or "", trigger=event.trigger)


def _documents(stories: dict[str, tuple[str, str]]) -> Iterator[Any]:
    from ..model import Document

    for key, (date, text) in stories.items():
        try:
            day = dt.date.fromisoformat(date[:10])
        except ValueError:
            day = None
        yield Document(id=f"guardian-{key}", text=text, date=day, source="Guardian")


def predict(items: Sequence[GoldSentence], stories: dict[str, tuple[str, str]]
            ) -> tuple[list[list[Coded]], int]:
    """The coded events of each gold sentence (evidence overlapping its span), and failures."""
    from ..coder import code_documents
    from ..model import Document

    by_story: dict[str, list[Any]] = {}
    failures = 0
    for item in code_documents(_documents(stories)):
        if isinstance(item, Document):
            by_story[item.id.removeprefix("guardian-")] = list(item.events)
        else:
            failures += 1
    preds = []
    for g in items:
        events = by_story.get(g.story, [])
        preds.append([coded_event(e) for e in in_sentence(events, g)])
    return preds, failures


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | int]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "tp": tp, "predicted": n_pred, "gold": n_gold}


def matched(gold: Sequence[Coded], pred: Sequence[Coded], key: Any) -> int:
    """How many predictions match a gold event by key, each gold event used once."""
    return sum((Counter(map(key, gold)) & Counter(map(key, pred))).values())


def plover_pairs(gold: Sequence[Coded], pred: Sequence[Coded]) -> list[tuple[Coded, Coded]]:
    """Coded events paired with a gold event of the same (source, target), PLOVER right first."""
    left = [g for g in gold if g.plover]
    pairs = []
    for want_type in (True, False):
        for p in pred:
            if any(p is q for _, q in pairs):
                continue
            for g in left:
                if (g.source, g.target) == (p.source, p.target) and (g.plover == p.plover or not want_type):
                    pairs.append((g, p))
                    left.remove(g)
                    break
    return pairs


def score(gold: Sequence[Sequence[Coded]], pred: Sequence[Sequence[Coded]]) -> dict[str, Any]:
    """Scores of coded events against gold events, sentence by sentence; a pure function."""
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold sentences but {len(pred)} predictions")
    n_gold, n_pred = sum(map(len, gold)), sum(map(len, pred))
    tp_triple = sum(matched(g, p, lambda e: e.triple) for g, p in zip(gold, pred))
    tp_root = sum(matched(g, p, lambda e: e.root) for g, p in zip(gold, pred))
    empty = [p for g, p in zip(gold, pred) if not g]
    pairs = [pair for g, p in zip(gold, pred) for pair in plover_pairs(g, p)]
    classes = penta.scores(list(map(penta.sentence_class, gold)), list(map(penta.sentence_class, pred)))
    triple, root = _prf(tp_triple, n_pred, n_gold), _prf(tp_root, n_pred, n_gold)
    precision = {"root": round(tp_root / n_pred, 4) if n_pred else None,
                 "triple": round(tp_triple / n_pred, 4) if n_pred else None}
    return {
        "sentences": len(gold),
        "sentences_with_events": sum(1 for g in gold if g),
        "gold_events": n_gold, "coded_events": n_pred,
        "triple": triple,
        "root": root,
        "event_precision": precision,
        "spurious_event_rate": round(sum(1 for p in empty if p) / len(empty), 4) if empty else None,
        "no_event_sentences": len(empty),
        "plover_accuracy": round(sum(g.plover == p.plover for g, p in pairs) / len(pairs), 4) if pairs else None,
        "plover_pairs": len(pairs),
        "penta_macro_f1": classes["macro_f1"],
        "penta": classes,
        # the headline numbers the scoreboard, its table and its floors read (the nested ones stay)
        "root_precision": precision["root"],
        "triple_f1": triple["f1"],
        "root_recall": root["recall"],
    }


def _event_row(e: Coded) -> dict[str, Any]:
    return {"source": e.source, "target": e.target, "cameo": e.cameo, "plover": e.plover, "trigger": e.trigger}


def mistakes(items: Sequence[GoldSentence], preds: Sequence[Sequence[Coded]],
             texts: dict[str, str]) -> Iterable[dict[str, Any]]:
    """One row per sentence whose coded triples differ from the gold's."""
    for g, p in zip(items, preds):
        missing = list(g.events)
        spurious = []
        for e in p:
            hit = next((x for x in missing if x.triple == e.triple), None)
            if hit is None:
                spurious.append(e)
            else:
                missing.remove(hit)
        if missing or spurious:
            yield {"id": g.id, "story": g.story, "start": g.start, "end": g.end,
                   "text": texts[g.story][g.start:g.end],
                   "penta": {"gold": penta.sentence_class(g.events), "coded": penta.sentence_class(p)},
                   "missing": [_event_row(e) for e in missing], "spurious": [_event_row(e) for e in spurious]}


def cameo_codes() -> dict[str, str]:
    """CAMEO code -> PLOVER type ('' for statements), from the project's codebook."""
    from ..codebook import codebook

    return {code: entry.plover_type for code, entry in codebook().items()}


def evaluate(gold_path: str | Path = DEFAULT_GOLD, *, errors_path: str | Path | None = None,
             stories_path: str | Path = STORIES, errors_half: str = "tune") -> dict[str, Any]:
    """Code the gold's stories and score them; mistakes of ``errors_half`` go to errors_path."""
    items = read_gold(gold_path, cameo=cameo_codes())
    if not Path(stories_path).exists():
        return {"skipped": f"the Guardian stories are absent ({stories_path}); "
                           "put the shared data folder next to the project"}
    wanted = {g.story for g in items}
    stories = {key: (date, text) for key, date, text in read_stories(stories_path) if key in wanted}
    texts = {k: t for k, (_, t) in stories.items()}
    check_spans(items, texts, where=str(gold_path))
    preds, failures = predict(items, stories)
    halves = [half_of(g.id) for g in items]
    scores: dict[str, Any] = {}
    for half in HALVES:
        keep = [i for i, h in enumerate(halves) if half in ("all", h)]
        scores[half] = score([items[i].events for i in keep], [preds[i] for i in keep])
    scores["stories"] = len(stories)
    scores["failures"] = failures
    if errors_path is not None:
        keep = [i for i, h in enumerate(halves) if errors_half in ("all", h)]
        rows = mistakes([items[i] for i in keep], [preds[i] for i in keep], texts)
        with Path(errors_path).open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return scores
