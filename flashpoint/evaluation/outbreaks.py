"""Violence coded in news about epidemics: a measure of false material conflict (issue 13).

GeoVirus (``../shared/data/geo/GeoVirus.xml``, read by :func:`.geo.read_gold`) holds WikiNews
passages on outbreaks of disease: deaths, cases, culls and quarantines are told on every line, and
political violence is rare. Nobody annotated its events, so this evaluator scores no gold: it codes
every passage with the default pipeline and counts what the coder calls material conflict, which on
this corpus is mostly a disease, a death toll or a disaster read as an attack. Lower is better, as
long as the gold sets that hold real violence (news, wire, event-location, PLOVER) do not lose it.

Per half (split by source URL, as geo splits GeoVirus, so the passages of one story stay together):

- ``sentences``, ``events`` and ``conflict_events`` (quad class 4: CAMEO 14-20's material conflict
  roots, 15 and 17-20 in practice);
- ``conflict_per_100_sentences``: the headline, material conflict events per 100 sentences;
- ``force_no_source``: events of the roots of force and coercion (17, 18, 19, 20) whose source names
  no political actor (no source, an unidentified one, or one with neither a country nor a sector);
- ``conflict_by_root``: conflict events per CAMEO root.

The mistakes file (``errors_path``) holds the tune half's conflict events, one a line: the article,
evidence span and text, trigger, source, target and CAMEO code, to be read and labelled by hand.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from ..errors import FormatError
from ..language.idioms import FORCE  # coerce, assault, fight, mass violence
from .geo import GEOVIRUS, Article, read_gold
from .split import ALL, per_half, select, write_mistakes

DEFAULT_GOLD = GEOVIRUS
CONFLICT = 4  # the quad class of material conflict


def evaluate(gold_path: str | Path = DEFAULT_GOLD, *, errors_path: str | Path | None = None,
             half: str = ALL, limit: int | None = None) -> dict[str, Any]:
    """Code the asked half of the passages (the first ``limit``) and count their conflict events
    per half; write the tune half's conflict events (see the module docstring)."""
    chosen = select(read_gold(Path(gold_path))[:limit], lambda a: a.story or a.id, half=half)
    coded = _code([a for _, a in chosen])
    tagged = [(h, coded[a.id]) for h, a in chosen]
    rows = [{"half": h, **_row(a, e)} for (h, a) in chosen for e in coded[a.id]["events"]
            if e.quad_class == CONFLICT]
    write_mistakes(errors_path, rows, half=half)
    return {"gold": str(gold_path), "split_key": "source URL", **per_half(tagged, _summary, half=half)}


def _code(articles: list[Article]) -> dict[str, dict[str, Any]]:
    """Each passage's sentence count and events, by article id."""
    from ..coder import code_documents
    from ..model import Document

    out: dict[str, dict[str, Any]] = {}
    docs = [Document(id=a.id, text=a.text, source="WikiNews") for a in articles]
    for item in code_documents(docs):
        if not isinstance(item, Document):
            raise FormatError(str(item), where=f"GeoVirus article {item.doc_id}", fix="report this as a bug")
        out[item.id] = {"sentences": len(item.sentences), "events": list(item.events)}
    return out


def named_source(event: Any) -> bool:
    """Does the event's source name a political actor: a country or a sector, not unidentified?"""
    source = event.source
    return source is not None and source.kind != "unidentified" and bool(source.country or source.sector)


def _actor(actor: Any) -> dict[str, Any] | None:
    return None if actor is None else {"text": actor.text, "code": actor.code or None, "kind": actor.kind}


def _row(article: Article, event: Any) -> dict[str, Any]:
    return {"article": article.id, "story": article.story, "start": event.evidence_start,
            "end": event.evidence_end, "evidence": event.evidence_text, "trigger": event.trigger,
            "trigger_start": event.trigger_start, "source": _actor(event.source),
            "target": _actor(event.target), "cameo": event.cameo, "root": event.cameo[:2],
            "modality": event.modality, "coder": event.coder}


def _summary(items: list[dict[str, Any]]) -> dict[str, Any]:
    sentences = sum(i["sentences"] for i in items)
    events = [e for i in items for e in i["events"]]
    conflict = [e for e in events if e.quad_class == CONFLICT]
    return {
        "articles": len(items),
        "sentences": sentences,
        "events": len(events),
        "conflict_events": len(conflict),
        "conflict_per_100_sentences": round(100 * len(conflict) / sentences, 2) if sentences else None,
        "force_no_source": sum(e.cameo[:2] in FORCE and not named_source(e) for e in events),
        "conflict_by_root": dict(sorted(Counter(e.cameo[:2] for e in conflict).items())),
    }
