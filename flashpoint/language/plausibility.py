"""The gate's learned check, ``implausible``: an event the model finds unlikely to be a real
event of its CAMEO root in its sentence is dropped.

``features`` reads a coded event's code, trigger and actors, and how its sentence tells it (mood,
quotation, person, clause), as a feature dict in ``DictVectorizer``'s naming. The model that
weighs them (``resources/model/event_plausibility.json``, a :class:`LinearModel`) is a logistic regression
trained by ``scripts/train_event_plausibility.py`` on real news: blind-coded sentences of the
Guardian stories in which the coder found an event (``data/training/news_events.jsonl``) and the
tune half of the news gold; an event is right when its sentence's hand coding has an event of the
same CAMEO root. The check half of the news gold is never read there.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from ..knowledge.linear import LinearModel
from ..model import Actor, Event
from .grammar import mention_head

MODEL_PATH = Path(__file__).resolve().parents[1] / "resources" / "model" / "event_plausibility.json"

MODALS = frozenset({"will", "would", "could", "may", "might", "should", "must", "can", "shall"})
# subordinating words that make a clause a condition, a time, a reason or a concession
MARKS = frozenset({"if", "when", "as", "because", "while", "after", "before", "although", "though",
                   "unless", "since", "until", "whether", "once"})
# verbs that report or judge what their clause says
REPORTING = frozenset({"say", "tell", "claim", "report", "allege", "accuse", "believe", "think", "fear",
                       "warn", "suggest", "argue", "add", "insist", "deny", "expect", "hope", "know", "show"})
QUOTES = frozenset('"“”')
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})


def _kind(actor: Actor | None) -> str:
    if actor is None:
        return "none"
    return actor.kind or "unknown"


def _mention_pos(actor: Actor | None, parsed: Any) -> str:
    head = mention_head(actor, parsed) if actor is not None else None
    return head.pos_ if head is not None else "none"


def _quoted(tok: Any) -> bool:
    """The trigger stands inside quotation marks opened earlier in its sentence."""
    sent = tok.sent
    marks = sum(1 for t in sent[: tok.i - sent.start] if t.text in QUOTES or t.text == "'" and t.is_quote)
    return marks % 2 == 1


def _reported_by(tok: Any) -> str:
    """The lemma of a reporting verb the trigger's clause hangs on ('said', 'believe'), or ''."""
    t = tok
    for _ in range(4):
        if t.head.i == t.i:
            return ""
        if t.dep_ in {"ccomp", "xcomp", "advcl", "parataxis"} and t.head.lemma_.lower() in REPORTING:
            return t.head.lemma_.lower()
        t = t.head
    return ""


def features(event: Event, tok: Any, parsed: Any) -> dict[str, Any]:
    """The learned check's inputs for an event whose trigger's head token is ``tok``."""
    sent = tok.sent
    children = list(tok.children)
    aux = sorted({c.lemma_.lower() for c in children if c.dep_ in {"aux", "auxpass"} and c.lemma_.lower() in MODALS})
    mark = next((c.lemma_.lower() for c in children if c.dep_ == "mark" and c.lemma_.lower() in MARKS), "")
    words = [t for t in sent if t.is_alpha]
    src, tgt = event.source, event.target
    f: dict[str, Any] = {
        "root": event.cameo[:2],
        "quad": str(event.quad_class),
        "lemma": tok.lemma_.lower(),
        "root_lemma": f"{event.cameo[:2]}:{tok.lemma_.lower()}",
        "pos": tok.pos_,
        "dep": tok.dep_,
        "tag": tok.tag_,
        "head_dep": tok.head.dep_,  # "ROOT" for the sentence's root, which is its own head
        "modality": event.modality,
        "coder": event.coder,
        "source": _kind(src),
        "target": _kind(tgt),
        "source_sector": (src.sector or "none") if src is not None else "absent",
        "target_sector": (tgt.sector or "none") if tgt is not None else "absent",
        "source_pos": _mention_pos(src, parsed),
        "both": src is not None and tgt is not None,
        "same_country": bool(src and tgt and src.country and src.country == tgt.country),
        "confidence": event.confidence,
        "main": tok.dep_ == "ROOT",
        "negated": any(c.dep_ == "neg" for c in children),
        "perfect": any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in children),
        "passive": any(c.dep_ in {"auxpass", "nsubjpass"} for c in children),
        "quoted": _quoted(tok),
        "quote_in_sentence": any(t.text in QUOTES for t in sent),
        "first_person": any(t.lower_ in FIRST_PERSON and t.pos_ == "PRON" for t in sent),
        "question": sent.text.rstrip().endswith("?"),
        "year_in_sentence": any(t.like_num and len(t.text) == 4 and t.text[:2] in {"19", "20"} for t in sent),
        "reported_by": _reported_by(tok) or "none",
        "words": min(len(words), 60) / 60.0,
        "position": (tok.i - sent.start) / max(len(sent), 1),
    }
    subj = next((c for c in children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    f["subject"] = "none" if subj is None else (subj.lower_ if subj.pos_ == "PRON" else subj.pos_)
    f["object"] = any(c.dep_ in {"dobj", "attr"} for c in children)
    f["time_in_sentence"] = any(t.ent_type_ in {"DATE", "TIME"} for t in sent)
    f["sentence_verb"] = sent.root.lemma_.lower()  # the trigger's own lemma when it is the root
    for a in aux:
        f[f"modal_{a}"] = True
    if mark:
        f["mark"] = mark
    tense = tok.morph.get("Tense")
    form = tok.morph.get("VerbForm")
    f["tense"] = tense[0] if tense else "none"
    f["verb_form"] = form[0] if form else "none"
    return f


class PlausibilityModel(LinearModel):
    what = "event plausibility model"
    trainer = "scripts/train_event_plausibility.py"


@cache
def model(path: str | Path = MODEL_PATH) -> PlausibilityModel:
    return PlausibilityModel.read(path)


def implausible(event: Event, tok: Any, seen: Any) -> bool:
    """The model's probability that the event is real is below its threshold."""
    m = model()
    return m.probability(features(event, tok, seen.parse)) < m.threshold
