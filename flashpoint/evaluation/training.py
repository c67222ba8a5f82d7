"""The training set's stories coded and matched to their hand-coded sentences: what the scripts
that train a model on blind-coded real news share (``scripts/train_event_plausibility.py``,
``scripts/train_event_root.py``, ``scripts/train_event_rank.py``).

A training sentence (``data/training/news_events.jsonl``, read like the news gold) lies in a
Guardian story; every story holding one is coded by a pipeline the caller builds (the default
one without the component being trained) and each sentence gets the coded events whose evidence
overlaps it.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .news import ROOT, STORIES, GoldSentence, _documents, check_spans, in_sentence, read_stories

TRAIN = ROOT / "data/training/news_events.jsonl"


def coded_sentences(items: Sequence[GoldSentence], pipeline: Any, *, stories: str | Path = STORIES
                    ) -> Iterator[tuple[GoldSentence, Any, list[Any]]]:
    """(sentence, its coded document, the document's events overlapping the sentence) for every
    item whose story the pipeline coded, story by story."""
    wanted = {g.story for g in items}
    texts = {k: (d, t) for k, d, t in read_stories(stories) if k in wanted}
    check_spans(items, {k: t for k, (_, t) in texts.items()}, where="training sentences")
    by_story: dict[str, list[GoldSentence]] = {}
    for g in items:
        by_story.setdefault(g.story, []).append(g)
    for doc in pipeline.run(_documents(texts)):
        if not hasattr(doc, "events"):
            continue
        for g in by_story.get(doc.id.removeprefix("guardian-"), ()):
            yield g, doc, in_sentence(doc.events, g)


def gold_triggers(path: str | Path = TRAIN) -> dict[str, list[tuple[int, int, str]]]:
    """For each sentence id, its hand-coded events' trigger spans (characters of the sentence) and
    CAMEO roots; an event without a trigger span is left out."""
    out: dict[str, list[tuple[int, int, str]]] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            out[str(rec["id"])] = [(int(e["trigger"][0]), int(e["trigger"][1]), str(e["cameo"])[:2])
                                   for e in rec["events"] if e.get("trigger")]
    return out


def root_tp(kept: list[str], gold: list[str]) -> int:
    """Matched events of one sentence: the news score's multiset matching on the CAMEO root."""
    have = Counter(gold)
    return sum(min(n, have[r]) for r, n in Counter(kept).items())


def plover_tune_events(pipeline: Any, *, limit: int | None = None) -> Iterator[tuple[Any, Any, Any]]:
    """(gold item, coded document, event) for every coded event of the PLOVER GSR's tune half:
    single codebook-style sentences, each with its gold PLOVER type, that a model trained on the
    Guardian alone must not spoil."""
    from ..model import Document
    from . import plover_gsr as pg, split

    if not pg.DEFAULT_GOLD.exists():
        return
    items = [i for h, i in split.select(pg.read_gold(pg.DEFAULT_GOLD)[:limit], lambda i: i.text, half="tune")]
    by_id = {i.id: i for i in items}
    for doc in pipeline.run(Document(id=i.id, text=i.text) for i in items):
        if hasattr(doc, "events"):
            for e in doc.events:
                yield by_id[doc.id], doc, e


WIRE_TRAIN = ROOT / "data/training/wire_events.jsonl"


def coded_wire_sentences(items: Sequence[GoldSentence], pipeline: Any
                         ) -> Iterator[tuple[GoldSentence, Any, list[Any]]]:
    """(sentence, its coded document, its events) for every sentence of a wire training set
    (``data/training/wire_events.jsonl``: single sentences of the event_location tune half,
    each coded as a document of its own, as ``flashpoint eval wire`` codes them)."""
    from ..model import Document
    from .wire import sentence_texts

    texts = sentence_texts({g.story for g in items})
    check_spans(items, texts, where="wire training sentences")
    by_key = {g.story: g for g in items}
    for doc in pipeline.run(Document(id=key, text=text) for key, text in texts.items()):
        if hasattr(doc, "events") and doc.id in by_key:
            g = by_key[doc.id]
            yield g, doc, in_sentence(doc.events, g)


def cached_rows(path: Path | None, build: Any) -> list[dict[str, Any]]:
    """A training script's examples: read from ``path`` (JSON lines) when it exists, else made by
    ``build()`` and, with a ``path``, written there for the next run (``--features``)."""
    if path is not None and path.exists():
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    rows = build()
    if path is not None:
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return rows


def fit_linear(X: list[dict[str, Any]], y: list[int], C: float) -> tuple[dict[str, float], float]:
    """A binary logistic regression on feature dicts, as a packaged linear model stores it
    (:class:`flashpoint.knowledge.linear.LinearModel`): weights by feature name (rounded, the
    negligible ones left out, sorted) and the intercept."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    m = LogisticRegression(C=C, max_iter=5000).fit(vec.fit_transform(X), y)
    weights = {n: round(float(w), 4) for n, w in zip(vec.get_feature_names_out(), m.coef_[0]) if abs(w) >= 1e-3}
    return dict(sorted(weights.items())), round(float(m.intercept_[0]), 4)
