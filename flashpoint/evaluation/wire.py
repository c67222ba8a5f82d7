"""Scoring against the wire gold (``data/gold/wire_gold.jsonl``): a check-only set.

Single sentences of wire services and other news outlets (AFP, Xinhua, local papers, ...), drawn
with a fixed seed from the *check* half of ``../shared/data/event_location/event_location_dev.jsonl``
(sentences nobody tuning the coder reads) and coded blind by the news gold's conventions
(``docs/news-gold.md``; how it was drawn: its section "The wire gold"). Each record names its
sentence as ``el:LINE`` (the shared file's line), with the span and sha1 as in the news gold, and
holds no text. Each sentence is coded on its own (no story, no date) by the default pipeline and
scored as the news gold is (``news.score``: triples, root, event precision, spurious events).

The whole set is a check half: its scores are reported under ``check`` only and its mistakes are
never written, so that it stays a measure nobody tunes on. Any other file of the same layout (the
wire *training* set, ``data/training/wire_events.jsonl``, drawn from the event_location *tune*
half) is training data: its scores are reported under ``all`` and its mistakes are written.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import event_location
from .news import cameo_codes, check_spans, coded_event, in_sentence, mistakes, read_gold, score
from ..errors import MalformedRecord

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "data/gold/wire_gold.jsonl"
SENTENCES = event_location.DEFAULT_GOLD


def sentence_texts(keys: set[str], path: str | Path = SENTENCES) -> dict[str, str]:
    """The text of each 'el:LINE' key, read from the event_location file."""
    lines = {int(k.split(":", 1)[1]) for k in keys if k.startswith("el:")}
    texts: dict[str, str] = {}
    with Path(path).open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if lineno in lines:
                try:
                    texts[f"el:{lineno}"] = json.loads(line)["text"]
                except (json.JSONDecodeError, KeyError) as err:
                    raise MalformedRecord(f"no sentence text ({err})", where=f"{path}:{lineno}",
                                          fix="the shared event_location file changed; re-draw the wire gold") from None
    return texts


def evaluate(gold_path: str | Path = DEFAULT_GOLD, *, errors_path: str | Path | None = None,
             sentences_path: str | Path = SENTENCES) -> dict[str, Any]:
    """Code the gold's sentences one by one and score them: the wire gold under ``check`` with no
    mistakes written; another file (a training set) under ``all``, its mistakes to ``errors_path``."""
    return evaluate_texts(gold_path, DEFAULT_GOLD, sentences_path, sentence_texts, what="the event_location sentences",
                          errors_path=errors_path)


def evaluate_texts(gold_path: str | Path, default_gold: Path, texts_path: str | Path, read_texts: Any, *, what: str,
                   errors_path: str | Path | None, count: str | None = None) -> dict[str, Any]:
    """Score a gold file whose sentences lie in shared texts (``read_texts(keys, texts_path)`` gives
    key -> text): ``default_gold`` is a check-only set, any other file training data (see
    :func:`report`); skipped when the texts are absent. ``count`` names a count of the texts read."""
    items = read_gold(gold_path, cameo=cameo_codes())
    if not Path(texts_path).exists():
        return {"skipped": f"{what} are absent ({texts_path}); put the shared data folder next to the project"}
    texts = read_texts({g.story for g in items}, texts_path)
    check_spans(items, texts, where=str(gold_path))
    counts = {count: len(texts)} if count else {}
    return report(items, texts, check_only=Path(gold_path).resolve() == Path(default_gold).resolve(),
                  errors_path=errors_path, **counts)


def report(items: list[Any], texts: dict[str, str], *, check_only: bool, errors_path: str | Path | None,
           **counts: Any) -> dict[str, Any]:
    """Code each text (key -> text, no date) and score each gold sentence against the coded events
    overlapping it: a check-only gold under ``check`` with no mistakes written; any other file under
    ``all``, every mistake to ``errors_path``."""
    from ..coder import code_documents
    from ..model import Document

    by_key: dict[str, list[Any]] = {}
    failures = 0
    for out in code_documents(Document(id=key, text=text) for key, text in texts.items()):
        if isinstance(out, Document):
            by_key[out.id] = list(out.events)
        else:
            failures += 1
    counts["failures"] = failures
    preds = [[coded_event(e) for e in in_sentence(by_key.get(g.story, []), g)] for g in items]
    scores = score([g.events for g in items], preds)
    if check_only:
        return {"check": scores, **counts, "note": "check-only set: mistakes are not written"}
    if errors_path is not None:
        with Path(errors_path).open("w", encoding="utf-8") as fh:
            for row in mistakes(items, preds, texts):
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return {"all": scores, **counts, "note": "training set: every mistake is written"}
