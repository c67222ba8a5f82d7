"""Measure where events are placed on the event_location development set, by half.

Reads ../shared/data/event_location/event_location_dev.jsonl (news sentences, each with one
annotated event verb and, where the text names it, the place where that verb's event happened).
Every row is put in the tune or the check half by its sentence text (flashpoint.evaluation.split,
as ``flashpoint eval event-location`` does: a sentence with several verbs stays in one half); only tune-half mistakes are for reading (``--errors``).

For each row the sentence runs through the coder's pipeline and the rows are scored on:

* **attachment**: the ``event_places`` stage's decision for the annotated verb itself, whether
  or not the coder makes an event of it (what the stage controls);
* **coded**: the locations of the coder's own events at that verb (rows where it makes one);
* **setting rule**: the rule the model competes with: every resolved place or GPE/LOC/FAC name in
  a locative phrase of the verb's clause ("killed in X", "In X, ... killed");
* **sentence places** (the coder before this stage: every resolved place of the sentence), and the
  **NER baseline** (every GPE/LOC/FAC entity of the spaCy model as the place).

hit rate: of rows with a gold place, the share where a location overlaps a gold place (character
spans); false-place rate: of rows without one, the share given a location. Figures are given on
the gold as read and on the *repaired* gold: in four sources (AP, Atrocities, Xinhua, wiki) many
LOCATION spans hold token indices, not character offsets (start 5, end 5 for the sixth token);
those spans, which point at no name as characters, are read as inclusive token ranges of the
spaCy tokenizer when that gives a capitalised name. Rows whose gold place is still unreadable
are left out of the repaired figures.

Run: PYTHONPATH=. python scripts/place_attachment_dev.py [--limit N] [--errors FILE] [--model F]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flashpoint.evaluation.event_location import repair_spans
from flashpoint.evaluation.split import half_of

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "data" / "event_location" / "event_location_dev.jsonl"
Span = tuple[int, int]


@dataclass
class Row:
    line: int
    text: str
    source: str
    verb: Span
    gold: list[Span]  # as read
    repaired: list[Span] | None = None  # None: a gold place that cannot be read
    half: str = ""
    scores: dict[str, list[Span]] = field(default_factory=dict)  # system -> its locations


def read_rows(path: Path = GOLD, *, limit: int | None = None) -> list[Row]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            r = json.loads(line)
            verbs = [(s["start"], s["end"]) for s in r["spans"] if s["label"] == "VERB"]
            gold = [(s["start"], s["end"]) for s in r["spans"] if s["label"] == "LOCATION"]
            rows.append(Row(n, r["text"], r.get("source") or "", verbs[0], gold, half=half_of(r["text"])))
            if limit and len(rows) >= limit:
                break
    return rows


def repair(row: Row, tokenizer: Any) -> list[Span] | None:
    return repair_spans(row.text, row.source, row.gold, tokenizer)


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def parse_rows(rows: list[Row], *, coded: bool = True) -> dict[str, Any]:
    """text -> the Document from the pipeline (parse, actors, places; events when ``coded``)."""
    from flashpoint.coder import build_pipeline
    from flashpoint.model import Document
    from flashpoint.pipeline import Pipeline

    pipeline = build_pipeline()
    if not coded:
        pipeline = Pipeline([s for s in pipeline.stages if s.name in {"parse", "actors", "places"}])
    texts = sorted({r.text for r in rows})
    docs = {}
    for d in pipeline.run(Document(id=f"row{i}", text=t) for i, t in enumerate(texts)):
        if hasattr(d, "text"):
            docs[d.text] = d
    return docs


def verb_token(doc: Any, verb: Span) -> Any:
    span = doc.parse.char_span(verb[0], verb[1], alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def system_places(row: Row, doc: Any, model: Any) -> dict[str, list[Span]]:
    from flashpoint.language.place_attachment import is_setting, sentence_candidates
    from flashpoint.stages.event_places import score_places, split_places

    verb = verb_token(doc, row.verb)
    out: dict[str, list[Span]] = {}
    if verb is None:
        return out
    where, _ = split_places(score_places(verb, doc.parse, doc.places, model, actors=doc.actors), model.threshold)
    out["attachment"] = [(p.start, p.end) for p in where]
    cands = sentence_candidates(doc.parse, verb.sent, doc.places)
    out["setting rule"] = [(c.place.start, c.place.end) for c in cands
                           if c.label in {"GAZ", "GPE", "LOC", "FAC"} and is_setting(verb, c, doc.parse)]
    sent = verb.sent
    out["sentence places"] = [(p.start, p.end) for p in doc.places
                              if sent.start_char <= p.start < sent.end_char]
    out["NER baseline"] = [(e.start_char, e.end_char) for e in doc.parse.ents
                           if e.label_ in {"GPE", "LOC", "FAC"}]
    events = [e for e in doc.events if overlaps((e.trigger_start, e.trigger_start + len(e.trigger)), row.verb)]
    if events:
        out["coded"] = [(p.start, p.end) for e in events for p in e.locations]
    return out


def score(rows: list[Row], system: str, gold: str) -> dict[str, Any]:
    """hit and false-place rates of one system against 'gold' (as read) or 'repaired' spans."""
    c: Counter[str] = Counter()
    by_source: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        spans = r.gold if gold == "gold" else r.repaired
        if spans is None or system not in r.scores:
            continue
        found = r.scores[system]
        key = "with" if spans else "without"
        good = any(overlaps(p, g) for p in found for g in spans) if spans else bool(found)
        for counter in (c, by_source[r.source]):
            counter[key] += 1
            counter[key + "_ok"] += good
    rate = lambda k, cc: round(cc[k + "_ok"] / cc[k], 3) if cc[k] else None  # noqa: E731
    return {"hit": rate("with", c), "false_place": rate("without", c), "with_place": c["with"],
            "without_place": c["without"],
            "by_source": {s: {"hit": rate("with", cc), "false_place": rate("without", cc),
                              "n": cc["with"] + cc["without"]} for s, cc in sorted(by_source.items())}}


def write_errors(rows: list[Row], path: Path) -> int:
    """Tune-half mistakes of the attachment, one JSON line each (never the check half's)."""
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            if r.half != "tune" or r.repaired is None or "attachment" not in r.scores:
                continue
            found = r.scores["attachment"]
            miss = bool(r.repaired) and not any(overlaps(p, g) for p in found for g in r.repaired)
            false = not r.repaired and bool(found)
            if miss or false:
                v = r.verb
                fh.write(json.dumps({"line": r.line, "kind": "miss" if miss else "false_place",
                                     "source": r.source, "verb": r.text[v[0]:v[1]],
                                     "gold": [r.text[a:b] for a, b in r.repaired],
                                     "found": [r.text[a:b] for a, b in found], "text": r.text},
                                    ensure_ascii=False) + "\n")
                n += 1
    return n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="only the first N rows")
    ap.add_argument("--errors", type=Path, default=None, help="write tune-half mistakes here (JSONL)")
    ap.add_argument("--model", type=Path, default=None, help="an event place model other than the shipped one")
    ap.add_argument("--out", type=Path, default=None, help="write the scores as JSON here too")
    args = ap.parse_args()
    if not GOLD.exists():
        print(f"skipped: {GOLD} is absent (needs ../shared/data)")
        return 0
    from flashpoint.stages.event_places import MODEL_PATH, PlaceModel
    from flashpoint.stages.parse import load_nlp

    t0 = time.perf_counter()
    rows = read_rows(limit=args.limit)
    tokenizer = load_nlp().tokenizer
    for r in rows:
        r.repaired = repair(r, tokenizer)
    model = PlaceModel.load(args.model or MODEL_PATH)
    docs = parse_rows(rows)
    for r in rows:
        if r.text in docs:
            r.scores = system_places(r, docs[r.text], model)
    report: dict[str, Any] = {"rows": len(rows), "threshold": model.threshold,
                              "unreadable_gold": sum(r.repaired is None for r in rows)}
    for half in ("tune", "check"):
        part = [r for r in rows if r.half == half]
        report[half] = {f"{system} / {gold}": score(part, system, gold)
                        for system in ("attachment", "coded", "setting rule", "sentence places", "NER baseline")
                        for gold in ("repaired", "gold")}
        report[half]["coded_coverage"] = round(sum("coded" in r.scores for r in part) / max(1, len(part)), 3)
    report["seconds"] = round(time.perf_counter() - t0, 1)
    if args.errors:
        report["errors_written"] = write_errors(rows, args.errors)
    text = json.dumps(report, indent=1)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    summary = {h: {k: (v["hit"], v["false_place"]) for k, v in report[h].items() if isinstance(v, dict)}
               for h in ("tune", "check")}
    print(json.dumps(summary, indent=1))
    print(f"unreadable gold: {report['unreadable_gold']}, coded coverage tune/check: "
          f"{report['tune']['coded_coverage']}/{report['check']['coded_coverage']}, {report['seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
