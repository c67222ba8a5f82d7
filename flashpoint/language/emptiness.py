"""Sentences that report no event, as a check the gate stage runs (:mod:`flashpoint.stages.gate`;
it takes the event, its trigger token and what the gate has seen of the document).

A fifth of the coder's events on news lie in sentences the annotators left empty: a writer's
own story, opinion and analysis, a person's background, a future or a habit. No single word or
clause marks them (``docs/evaluation.md``: one parse check after another moved nothing on the
check halves), but a sentence and its text together do: a first-person text, a sentence with no
one who speaks and no date, events whose own plausibility is low. ``eventless`` asks a logistic
regression over such features of the trigger's sentence (``features``) whether the sentence
holds an event at all, and drops every event of a sentence it finds empty with probability at
least the model's threshold.

The model (``resources/model/event_sentence.json``, a :class:`LinearModel`) is trained by
``scripts/train_event_sentence.py`` on the blind-coded training sentences
(``data/training/news_events.jsonl``) and the news gold's tune half, each sentence with coded
events one example (positive when the annotators left it empty), and on the event_location and
PLOVER GSR tune sentences with a coded event (negative: they hold one). Its C and threshold were
chosen out of fold by a rule fixed before the check halves were scored. A one-sentence text
(a headline, a wire sentence) is never dropped in practice: the model learnt that such texts
hold their event.

At run time the sentence's events are those coded before the gate (some of them another check
drops); the model was trained on the events that passed it. More events and a higher best
plausibility only lower the probability that the sentence is empty, so the check drops less
than it would on the gate's output, never more.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from ..knowledge.linear import LinearModel
from ..model import Event
from .grammar import trigger_token
from .plausibility import FIRST_PERSON, QUOTES, features as event_features, model as plausibility

MODEL_PATH = Path(__file__).resolve().parents[1] / "resources" / "model" / "event_sentence.json"
SAYING = frozenset({"say", "tell", "add", "state", "announce", "claim", "report", "warn", "insist", "write"})
NAMES = frozenset({"GPE", "ORG", "NORP", "PERSON"})
_TEXT = ("flashpoint", "sentence_text")  # Doc.user_data keys: the text's features, the sentences' verdicts
_SEEN = ("flashpoint", "sentence_empty")
_ENTS = ("flashpoint", "sentence_ents")


class SentenceModel(LinearModel):
    what = "event sentence model"
    trainer = "scripts/train_event_sentence.py"


@cache
def model(path: str | Path = MODEL_PATH) -> SentenceModel:
    return SentenceModel.read(path)


def _outside_quotes(tokens: Any) -> list[Any]:
    """The tokens not inside quotation marks (a straight or curly mark toggles)."""
    out, inside = [], False
    for t in tokens:
        if t.text in QUOTES:
            inside = not inside
        elif not inside:
            out.append(t)
    return out


def _says(sent: Any) -> bool:
    return any(t.lemma_.lower() in SAYING and t.pos_ == "VERB" for t in sent)


def text_features(parsed: Any) -> dict[str, Any]:
    """How the whole text is told: first person outside quotations per thousand words, the share of
    sentences with a verb of saying, one sentence or more. Worked out once per document."""
    found = parsed.user_data.get(_TEXT)
    if found is None:
        words = sum(t.is_alpha for t in parsed)
        first = sum(t.lower_ in FIRST_PERSON for t in _outside_quotes(parsed))
        sents = list(parsed.sents)
        said = sum(_says(s) for s in sents) / max(len(sents), 1)
        density = first / max(words, 1) * 1000
        found = parsed.user_data[_TEXT] = {
            "text_fp": "0" if density == 0 else "lo" if density < 3 else "mid" if density < 10 else "hi",
            "text_said": "lo" if said < 0.15 else "mid" if said < 0.3 else "hi", "text_one": len(sents) == 1}
    return found


def _entities(parsed: Any) -> list[tuple[int, int, str]]:
    """(start, end, label) of the text's named entities, worked out once per document (spaCy builds
    a new span for each entity every time ``doc.ents`` is read)."""
    found = parsed.user_data.get(_ENTS)
    if found is None:
        found = parsed.user_data[_ENTS] = [(e.start, e.end, e.label_) for e in parsed.ents]
    return found


def features(sent: Any, events: list[Event], parsed: Any) -> dict[str, Any]:
    """The model's inputs for a sentence (a spaCy span) and the events coded in it."""
    f = dict(text_features(parsed))
    ents = [(label, end) for start, end, label in _entities(parsed) if start >= sent.start and end <= sent.end]
    f.update({
        "s_fp_out": any(t.lower_ in FIRST_PERSON for t in _outside_quotes(sent)),
        "s_quote": any(t.text in QUOTES for t in sent), "s_open_quote": sent[0].text in QUOTES,
        "s_says": _says(sent), "s_according": any(t.lower_ == "according" for t in sent),
        "s_date": any(label == "DATE" for label, _ in ents), "s_ents": str(min(sum(label in NAMES for label, _ in ents), 4)),
        "s_root_tag": sent.root.tag_, "s_modal": any(t.tag_ == "MD" for t in sent),
        "s_neg": any(t.dep_ == "neg" for t in sent), "s_question": "?" in sent.text,
        "s_pos": "0" if sent.start == 0 else "early" if sent.start < 80 else "late",
        "s_len": str(min(len(sent) // 15, 4)), "n_events": str(min(len(events), 3))})
    probabilities = []
    for e in events:
        tok = trigger_token(e, parsed)
        probabilities.append(plausibility().probability(event_features(e, tok, parsed)) if tok is not None else 0.5)
        f[f"root={e.cameo[:2]}"] = 1
        f[f"quad={e.quad_class}"] = 1
        if e.source is not None:
            f[f"src_kind={e.source.kind or ''}"] = 1
            if e.source.country:
                f["src_country"] = 1
    if probabilities:
        f["pmax"] = max(probabilities)
        f["pmean"] = sum(probabilities) / len(probabilities)
    return f


def eventless(event: Event, tok: Any, seen: Any) -> bool:
    """The model finds the trigger's sentence empty of events: every event coded in it goes."""
    verdicts = seen.parse.user_data.get(_SEEN)
    if verdicts is None:  # every sentence with an event, judged once per document
        by_sentence: dict[int, tuple[Any, list[Event]]] = {}
        for events in seen.alike.values():
            for e in events:
                t = trigger_token(e, seen.parse)
                if t is not None:
                    by_sentence.setdefault(t.sent.start, (t.sent, []))[1].append(e)
        m = model()
        verdicts = seen.parse.user_data[_SEEN] = {
            start: m.probability(features(sent, evs, seen.parse)) >= m.threshold
            for start, (sent, evs) in by_sentence.items()}
    return verdicts.get(tok.sent.start, False)
