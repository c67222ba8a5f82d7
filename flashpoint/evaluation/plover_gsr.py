"""Scoring against the PLOVER gold-standard records (GSR): event type, mode, source, target.

The GSR is a set of single sentences, each with one PLOVER event type and mode, the actor(s)
that did it and the recipient(s), coded as ISO3 country plus sector. Each sentence is coded
as one document by the real pipeline; the event that speaks for the sentence is chosen by
:func:`main_event` (the most confident event that happened, preferring ones with a source, on
the main verb, with a target). Scores:

- event type accuracy, macro-F1 over the gold types, and the confusion matrix;
- mode accuracy (type and mode both right) and mode accuracy among right types;
- source (actor) and recipient country precision/recall/F1, and country+sector, micro-averaged
  over (sentence, code) pairs (in the GSR's convention: international organisations are 'IGO',
  non-governmental ones 'NGO'; old CAMEO country codes in the gold are read as ISO3);
- ``no_event_rate``: sentences given no event at all; ``spurious_event_rate``: sentences with no
  gold event that were given one (``None`` when the gold set has no such sentence).

The gold file is read from ``../shared/data`` and is never copied into the project.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import MalformedRecord, MissingPath
from ..model import Document, Event
from ..stages.classify import lead_event, main_verb_starts
from .split import ALL, per_half, select, write_mistakes

DEFAULT_GOLD = (Path(__file__).resolve().parents[2].parent
                / "shared/data/plover/PLOVER_GSR_CAMEO_normalized.jsonl")

# Old CAMEO-style country codes in the gold file, and their ISO3 codes.
GOLD_COUNTRY_FIXES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
NONE = "NONE"


@dataclass(frozen=True)
class GoldItem:
    id: str
    text: str
    event: str
    mode: str
    actors: frozenset[tuple[str, str]]  # (country, sector)
    recipients: frozenset[tuple[str, str]]


@dataclass(frozen=True)
class Prediction:
    """What the system says about one gold sentence (its main event, if any)."""

    event: str = NONE
    mode: str = ""
    source: frozenset[tuple[str, str]] = frozenset()  # every actor of the lead event's trigger
    target: frozenset[tuple[str, str]] = frozenset()
    trigger: str = ""
    cameo: str = ""
    origin: str = ""  # which coder made the event ("rule", "model"), if the event says
    n_events: int = 0


def _code(entry: dict[str, Any]) -> tuple[str, str]:
    country = (entry.get("country") or "").strip().upper()
    sector = (entry.get("sector") or "").strip()[:3].upper()
    if sector == "***":
        sector = ""
    return GOLD_COUNTRY_FIXES.get(country, country), sector


def read_gold(path: str | Path) -> list[GoldItem]:
    """The gold records; a bad line raises an error naming the file and line."""
    path = Path(path)
    if not path.exists():
        raise MissingPath("gold file not found", where=str(path),
                          fix="put the shared data folder next to the project or pass the gold path")
    items = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            rec = json.loads(line)
            items.append(GoldItem(
                id=str(rec["id"]), text=str(rec["text"]), event=(rec.get("event") or NONE).upper(),
                mode=(rec.get("mode") or "").lower(),
                actors=frozenset(_code(a) for a in rec.get("actor") or () if a.get("country")),
                recipients=frozenset(_code(a) for a in rec.get("recipient") or () if a.get("country")),
            ))
        except json.JSONDecodeError as err:
            raise MalformedRecord(f"not JSON: {err.msg}", where=where, fix="one JSON object per line") from None
        except (KeyError, TypeError, AttributeError) as err:
            raise MalformedRecord(f"record lacks a field or has a wrong type ({err})", where=where,
                                  fix="each record needs id, text, event, mode, actor and recipient") from None
    return items


def main_event(events: Sequence[Event], *, main_verbs: frozenset[int] = frozenset()) -> Event | None:
    """The event that speaks for a sentence: happened, with a source, on a main verb, with a
    target, most confident (the classify stage's lead event, so that what it re-types is what
    is scored)."""
    return lead_event(list(events), main_verbs=main_verbs) if events else None


IGO_CODES = frozenset({"IGO", "UNO", "EUR"})  # the coder's codes for international organisations


def _actor_code(actor: Any) -> tuple[str, str] | None:
    """An actor in the GSR's convention: international organisations have the country 'IGO'
    (the coder gives the UN 'UNO' and the EU 'EUR'), and so do named transnational
    non-governmental ones (the GSR codes Amnesty International and the Red Cross 'IGO');
    other non-governmental groups ('a human rights group') are 'NGO'."""
    if actor is None:
        return None
    country = "IGO" if actor.kind == "igo" or actor.country in IGO_CODES else actor.country
    if not country and actor.sector == "NGO":
        country = "IGO" if actor.name else "NGO"
    if not country:
        return None
    return country, (actor.sector or "")[:3]


def _codes(actors: Iterable[Any]) -> frozenset[tuple[str, str]]:
    return frozenset(c for c in map(_actor_code, actors) if c is not None)


def predict(doc: Document) -> Prediction:
    ev = main_event(doc.events, main_verbs=main_verb_starts(doc))
    if ev is None:
        return Prediction()
    # "Jordan and Britain agreed" is one event to the gold and one event per actor to the
    # coder: the lead event's actors are those of every event on the same trigger.
    same = [e for e in doc.events if (e.sentence_index, e.trigger_start) == (ev.sentence_index, ev.trigger_start)
            and e.plover_type == ev.plover_type]
    return Prediction(event=ev.plover_type or NONE, mode=(ev.plover_mode or "").lower(),
                      source=_codes(e.source for e in same), target=_codes(e.target for e in same),
                      trigger=ev.trigger, cameo=ev.cameo,
                      origin=ev.coder,
                      n_events=len(doc.events))


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "tp": tp, "predicted": n_pred, "gold": n_gold}


def _code_scores(gold: list[frozenset[tuple[str, str]]], pred: list[frozenset[tuple[str, str]]]
                 ) -> dict[str, dict[str, float]]:
    out = {}
    for name, key in (("country", lambda c: c[0]), ("country_sector", lambda c: c)):
        g_sets = [{key(c) for c in g} for g in gold]
        p_sets = [{key(c) for c in p} for p in pred]
        tp = sum(len(g & p) for g, p in zip(g_sets, p_sets))
        out[name] = _prf(tp, sum(map(len, p_sets)), sum(map(len, g_sets)))
    return out


def _type_scores(gold: list[str], pred: list[str]) -> dict[str, Any]:
    labels = sorted(set(gold))
    per_type = {}
    for lab in labels:
        tp = sum(g == p == lab for g, p in zip(gold, pred))
        per_type[lab] = _prf(tp, sum(p == lab for p in pred), sum(g == lab for g in gold))
    confusion: dict[str, dict[str, int]] = {}
    for g, p in zip(gold, pred):
        row = confusion.setdefault(g, {})
        row[p] = row.get(p, 0) + 1
    return {
        "accuracy": round(sum(g == p for g, p in zip(gold, pred)) / len(gold), 4) if gold else 0.0,
        "macro_f1": round(sum(v["f1"] for v in per_type.values()) / len(labels), 4) if labels else 0.0,
        "per_type": per_type,
        "confusion": confusion,
    }


def score(items: Sequence[GoldItem], preds: Sequence[Prediction]) -> dict[str, Any]:
    """Scores of predictions against gold items (same order); a pure function."""
    if len(items) != len(preds):
        raise ValueError(f"{len(items)} gold items but {len(preds)} predictions")
    types = _type_scores([i.event for i in items], [p.event for p in preds])
    right = [(i, p) for i, p in zip(items, preds) if i.event == p.event]
    gold_none = [p for i, p in zip(items, preds) if i.event == NONE]
    gold_some = [p for i, p in zip(items, preds) if i.event != NONE]
    return {
        "items": len(items),
        "event_type": types,
        "mode_accuracy": round(sum(i.mode == p.mode for i, p in right) / len(items), 4) if items else 0.0,
        "mode_accuracy_given_type": round(sum(i.mode == p.mode for i, p in right) / len(right), 4)
        if right else 0.0,
        "actor": _code_scores([i.actors for i in items], [p.source for p in preds]),
        "recipient": _code_scores([i.recipients for i in items], [p.target for p in preds]),
        "no_event_rate": round(sum(p.event == NONE for p in gold_some) / len(gold_some), 4) if gold_some else None,
        "spurious_event_rate": round(sum(p.event != NONE for p in gold_none) / len(gold_none), 4)
        if gold_none else None,
        "origin": dict(Counter(p.origin or "none" for p in preds)),
    }


def headline(scores: dict[str, Any]) -> dict[str, float | None]:
    """The numbers with targets, flat: what floors are recorded for."""
    return {
        "event_accuracy": scores["event_type"]["accuracy"],
        "event_macro_f1": scores["event_type"]["macro_f1"],
        "mode_accuracy": scores["mode_accuracy"],
        "actor_country_f1": scores["actor"]["country"]["f1"],
        "actor_country_sector_f1": scores["actor"]["country_sector"]["f1"],
        "recipient_country_f1": scores["recipient"]["country"]["f1"],
        "recipient_country_sector_f1": scores["recipient"]["country_sector"]["f1"],
        "no_event_rate": scores["no_event_rate"],
        "spurious_event_rate": scores["spurious_event_rate"],
    }


def code_items(items: Sequence[GoldItem], *, pipeline: Any = None) -> list[Prediction]:
    """Run the pipeline over the gold sentences (one document each), in order."""
    from ..coder import build_pipeline
    from ..pipeline import Failure

    pipeline = pipeline or build_pipeline()
    docs = (Document(id=i.id, text=i.text) for i in items)
    preds = []
    for out in pipeline.run(docs):
        preds.append(Prediction(origin="failed") if isinstance(out, Failure) else predict(out))
    return preds


def _mistakes(items: Iterable[GoldItem], preds: Iterable[Prediction]) -> Iterable[dict[str, Any]]:
    for i, p in zip(items, preds):
        wrong = [name for name, bad in (
            ("event", i.event != p.event), ("mode", i.mode != p.mode),
            ("actor", {c for c, _ in i.actors} != {c for c, _ in p.source}),
            ("recipient", {c for c, _ in i.recipients} != {c for c, _ in p.target}),
        ) if bad]
        if wrong:
            yield {"id": i.id, "wrong": wrong, "text": i.text,
                   "gold": {"event": i.event, "mode": i.mode, "actor": sorted(map(list, i.actors)),
                            "recipient": sorted(map(list, i.recipients))},
                   "system": {"event": p.event, "mode": p.mode, "trigger": p.trigger, "cameo": p.cameo,
                              "origin": p.origin, "source": sorted(map(list, p.source)),
                              "target": sorted(map(list, p.target)),
                              "n_events": p.n_events}}


def pipeline_with_policy(policy: str) -> Any:
    """The pipeline built from the settings with the classifier policy set ("rules", "model" or
    "combined"); the model alone adds an event to every sentence it gives a type, with or
    without a source."""
    from ..coder import build_pipeline
    from ..config import load_config

    options = {"classifier_add_threshold": 0.0, "classifier_require_source": False} if policy == "model" else {}
    return build_pipeline(load_config(classifier_policy=policy, **options))


def main(argv: list[str] | None = None) -> None:
    """python -m flashpoint.evaluation.plover_gsr [--policy P] [--gold F] [--errors F]"""
    import argparse

    ap = argparse.ArgumentParser(description="Score the coder on the PLOVER GSR.")
    ap.add_argument("--gold", default=str(DEFAULT_GOLD))
    ap.add_argument("--errors", default=None, help="write the tune half's per-sentence mistakes here (JSONL)")
    ap.add_argument("--policy", choices=("rules", "model", "combined"), default=None,
                    help="how the classify stage works (default: as the pipeline is built)")
    args = ap.parse_args(argv)
    pipeline = pipeline_with_policy(args.policy) if args.policy else None
    scores = evaluate(args.gold, errors_path=args.errors, pipeline=pipeline)
    print(json.dumps({h: {k: v for k, v in scores[h].items() if k != "detail"} for h in ("tune", "check", "all")},
                     indent=1))


def summary(pairs: Sequence[tuple[GoldItem, Prediction]]) -> dict[str, Any]:
    """The headline numbers of some (item, prediction) pairs, with the full scores as detail."""
    scores = score([i for i, _ in pairs], [p for _, p in pairs])
    return {**headline(scores), "detail": scores}


def evaluate(gold_path: str | Path = DEFAULT_GOLD, *, errors_path: str | Path | None = None,
             pipeline: Any = None, half: str = ALL, limit: int | None = None) -> dict[str, Any]:
    """Code the gold sentences (the asked half, the first ``limit``) with the pipeline and
    score each half; the mistakes of the half that may be read go to errors_path."""
    chosen = select(read_gold(gold_path)[:limit], lambda i: i.text, half=half)
    preds = code_items([i for _, i in chosen], pipeline=pipeline)
    tagged = [(h, (i, p)) for (h, i), p in zip(chosen, preds)]
    write_mistakes(errors_path, ({"half": h, **m} for h, (i, p) in tagged for m in _mistakes([i], [p])),
                   half=half)
    return {"gold": str(gold_path), "split_key": "sentence text", **per_half(tagged, summary, half=half)}


if __name__ == "__main__":
    main()
