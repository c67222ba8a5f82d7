"""Train the statements stage's model of which clause of a named political speaker is a public
statement (flashpoint/resources/model/statement.json).

Training data, all real news: the blind-coded training sentences (data/training/news_events.jsonl,
Guardian sentences; data/training/wire_events.jsonl, single wire sentences of the event_location
tune half). Every story holding one is coded by the default pipeline without the statements stage
(flashpoint.evaluation.training.coded_sentences, coded_wire_sentences); every verb of saying of a
training sentence is a row (its lemma, speaker, whether it is a candidate:
flashpoint.language.statements.candidates), and each candidate is an example with
language.statements.features, right (1) when the sentence's hand coding has an event of CAMEO
root 01 or 02 whose trigger span covers the verb.

The rule, written before any score of the stage was seen: C is 0.3 (no search); 5-fold
cross-validation grouped by story (Guardian) or sentence (wire); the threshold is the lowest on
GRID at which the out-of-fold statements on EACH training set are right at least as often as the
coder's events are on that set now (its root precision there, the news score's multiset matching
on the CAMEO root, measured on the same coded sentences); a set with no out-of-fold statement at a
threshold passes. The model is then fitted on all examples and written with that threshold.

Run: PYTHONPATH=. python scripts/train_statements.py [--out PATH] [--features FILE]
(a few minutes, most of it coding the stories; --features caches the rows). Deterministic.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flashpoint.evaluation.news import cameo_codes, read_gold  # noqa: E402
from flashpoint.evaluation.training import (TRAIN, WIRE_TRAIN, cached_rows, coded_sentences,  # noqa: E402
                                            coded_wire_sentences, fit_linear, gold_triggers, root_tp)

OUT = ROOT / "flashpoint/resources/model/statement.json"
C = 0.3
GRID = [round(0.05 * i, 2) for i in range(1, 20)]
FOLDS = 5
STATED = frozenset({"01", "02"})


def _rows(g: Any, doc: Any, events: list[Any], spans: list[tuple[int, int, str]], kind: str) -> list[dict[str, Any]]:
    from flashpoint.language.arguments import index_actors, verb_args
    from flashpoint.language.statements import STATING, candidates, coded_triggers, features

    start = g.start if kind == "news" else 0  # a wire sentence is a document of its own
    by_token = index_actors(doc.tokens, doc.actors)
    coded = coded_triggers(events, doc.parse)
    sents = [s for s in doc.parse.sents if s.start_char < g.end and s.end_char > g.start]
    out = []
    for sent in sents:
        cands = {tok.i: src for tok, src in candidates(sent, by_token, coded)}
        for tok in sent:
            if tok.pos_ not in {"VERB", "AUX"} or tok.lemma_.lower() not in STATING:
                continue
            a, b = tok.idx - start, tok.idx + len(tok) - start
            on = [r for s, e, r in spans if s < b and e > a]
            src = verb_args(tok, by_token)[0]
            row = {"set": kind, "story": g.story, "sentence": g.id, "lemma": tok.lemma_.lower(),
                   "subject": next((c.text for c in tok.children if c.dep_ == "nsubj"), None),
                   "speaker": None if src is None else [src.kind, src.country, src.sector],
                   "gold_on": on, "gold": [ev.root for ev in g.events], "candidate": tok.i in cands,
                   "label": int(any(r in STATED for r in on)),
                   "coded": [e.cameo for e in events]}
            if tok.i in cands:
                row["features"] = features(tok, cands[tok.i], coded)
            out.append(row)
    return out


def examples() -> list[dict[str, Any]]:
    from flashpoint.coder import build_pipeline
    from flashpoint.config import load_config

    pipe = build_pipeline(load_config(code_statements=False))
    codes = cameo_codes()
    rows: list[dict[str, Any]] = []
    for kind, path, coded in (("news", TRAIN, coded_sentences), ("wire", WIRE_TRAIN, coded_wire_sentences)):
        spans = gold_triggers(path)
        for g, doc, events in coded(read_gold(path, cameo=codes), pipe):
            rows.extend(_rows(g, doc, events, spans[g.id], kind))
            rows.append({"set": kind, "sentence": g.id, "summary": True, "coded": [e.cameo[:2] for e in events],
                         "gold": [ev.root for ev in g.events]})
    return rows


def root_precision(rows: list[dict[str, Any]], kind: str) -> float:
    """The coder's root precision on a training set now: matched roots over coded events."""
    summaries = [r for r in rows if r.get("summary") and r["set"] == kind]
    tp = sum(root_tp(r["coded"], r["gold"]) for r in summaries)
    n = sum(len(r["coded"]) for r in summaries)
    return tp / n if n else 0.0


def out_of_fold(rows: list[dict[str, Any]]) -> list[float]:
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    out = [0.0] * len(rows)
    groups = [r["story"] if r["set"] == "news" else r["sentence"] for r in rows]
    for train, test in GroupKFold(n_splits=FOLDS).split(np.arange(len(rows)), groups=groups):
        vec = DictVectorizer()
        m = LogisticRegression(C=C, max_iter=5000).fit(vec.fit_transform([rows[i]["features"] for i in train]),
                                                       [rows[i]["label"] for i in train])
        for i, p in zip(test, m.predict_proba(vec.transform([rows[i]["features"] for i in test]))[:, 1]):
            out[i] = float(p)
    return out


def choose(rows: list[dict[str, Any]], probs: list[float], floors: dict[str, float]) -> dict[str, Any]:
    """The lowest threshold at which each set's out-of-fold statements are right at least as often
    as the coder's events on that set; its counts per set."""
    table = []
    for th in GRID:
        by_set = {}
        for kind in floors:
            fired = [r["label"] for r, p in zip(rows, probs) if r["set"] == kind and p >= th]
            pos = sum(r["label"] for r in rows if r["set"] == kind)
            by_set[kind] = {"fired": len(fired), "right": sum(fired), "positives": pos,
                            "precision": round(sum(fired) / len(fired), 4) if fired else None}
        ok = all(s["precision"] is None or s["precision"] >= floors[k] for k, s in by_set.items())
        table.append({"threshold": th, "passes": ok, "by_set": by_set})
    chosen = next((t for t in table if t["passes"]), table[-1])
    return {"threshold": chosen["threshold"], "chosen": chosen, "grid": table}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--features", type=Path, default=None, help="cache of the rows (JSON lines)")
    args = ap.parse_args()
    rows = cached_rows(args.features, examples)
    floors = {k: round(root_precision(rows, k), 4) for k in ("news", "wire")}
    data = [r for r in rows if r.get("candidate")]
    probs = out_of_fold(data)
    cv = choose(data, probs, floors)
    weights, intercept = fit_linear([r["features"] for r in data], [r["label"] for r in data], C)
    print(json.dumps({"floors": floors, "examples": len(data), "labels": Counter(r["label"] for r in data),
                      "chosen": cv["chosen"]}, indent=1))
    model = {"about": "statements stage: is a named political speaker's verb of saying a public statement "
                      "(CAMEO 01/02), logistic regression on language.statements.features; see MODEL_CARD.md",
             "trained_on": "data/training/news_events.jsonl, data/training/wire_events.jsonl",
             "examples": len(data), "positives": sum(r["label"] for r in data), "C": C,
             "threshold": cv["threshold"], "floors": floors, "cv": cv["chosen"],
             "intercept": intercept, "weights": weights}
    args.out.write_text(json.dumps(model, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: threshold {cv['threshold']}")


if __name__ == "__main__":
    main()
