"""A learned re-typer of an event's CAMEO root: where the rules' root is likely wrong, the root a
model trained on blind-coded real news reads on the same trigger.

``features`` are the gate's plausibility features (``language/plausibility.py``: the event's
code, trigger, actors and how its sentence tells it) and what the trigger's own words add: its
full CAMEO code, its text, the lemmas of its object, particle, prepositions and complement, the
words next to it, and how the classify stage's sentence model reads the sentence (its PLOVER type
or none, its probability, whether it is the event's type). The model (``resources/model/event_root.json``, a :class:`RootModel`)
is a multinomial logistic regression over the twenty CAMEO roots (:mod:`flashpoint.knowledge.linear`), trained by
``scripts/train_event_root.py`` on the coded events of ``data/training/news_events.jsonl`` (Guardian)
and ``data/training/wire_events.jsonl`` (wire) whose trigger overlaps a trigger the annotators coded
in the same sentence; the annotators' root is the label. :func:`retyped` gives an event the most
general code of another root (its codebook row: CAMEO, PLOVER, Goldstein and quad class together)
when the model's probability for that root reaches the model's threshold, chosen by
cross-validation grouped by story; a specific code of violence (:func:`kept`) is left alone. The
stage ``retype`` (``stages/retype.py``) applies it after the gate.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from ..codebook import cameo, is_generic
from ..knowledge.linear import SoftmaxModel
from ..model import Event
from .grammar import trigger_token
from .plausibility import features as plausibility_features

MODEL_PATH = Path(__file__).resolve().parents[1] / "resources" / "model" / "event_root.json"
ARGUMENT_DEPS = frozenset({"dobj", "prt", "xcomp", "ccomp", "attr", "acomp", "dative", "agent"})
# Violence whose specific code names its means or its victim (186 assassinate, 183x bombings,
# 1831 a suicide attack, 2041 chemical weapons: the lexicon's specific rows and the means,
# bombing and capture rules the check halves confirmed) keeps its root: the training sentences'
# convention codes such acts by their general root, the codebook and the product by the means.
KEPT_ROOTS = frozenset({"18", "19", "20"})
# A military de-escalation (087: a ceasefire, easing a blockade, demobilising, a retreat or
# withdrawal of forces) keeps its code too: it is the yielding act the escalation analysis reads,
# and the training sentences hold too few of them to move it (troop withdrawals became 03).
KEPT_CODES = ("087",)


def kept(code: str) -> bool:
    """Is a code one the re-typer leaves alone (a specific code of violence or of military
    de-escalation)?"""
    return (code[:2] in KEPT_ROOTS and not is_generic(code)) or code.startswith(KEPT_CODES)


def features(event: Event, tok: Any, parsed: Any, guess: Any = None) -> dict[str, Any]:
    """The re-typer's inputs for an event whose trigger's head token is ``tok``; ``guess`` is the
    classify stage's sentence model's reading of its sentence (a ``Guess``: PLOVER type or NONE,
    probability), if known."""
    f = plausibility_features(event, tok, parsed)
    if guess is not None:
        f["sentence_type"] = guess.event
        f["sentence_agrees"] = guess.event == event.plover_type
        f["sentence_p"] = round(guess.probability, 4)
    f["cameo"] = event.cameo
    f["plover"] = event.plover_type or "none"
    f["trigger"] = event.trigger.lower()
    for c in tok.children:
        if c.dep_ in ARGUMENT_DEPS:
            f[f"{c.dep_}={c.lemma_.lower()}"] = True
        elif c.dep_ == "prep":
            objects = [g.lemma_.lower() for g in c.children if g.dep_ == "pobj"]
            f[f"prep={c.lower_}"] = True
            for o in objects:
                f[f"pobj={o}"] = True
    doc = tok.doc
    if tok.i > tok.sent.start:
        f["before"] = doc[tok.i - 1].lemma_.lower()
    if tok.i + 1 < tok.sent.end:
        f["after"] = doc[tok.i + 1].lemma_.lower()
    if tok.dep_ in {"xcomp", "ccomp", "dobj", "pobj"} and tok.head is not tok:
        f["governor"] = tok.head.lemma_.lower()
    return f


class RootModel(SoftmaxModel):
    what = "event root model"
    trainer = "scripts/train_event_root.py"


@cache
def model(path: str | Path = MODEL_PATH) -> SoftmaxModel:
    return RootModel.read(path)


def retyped(event: Event, tok: Any, parsed: Any, *, guess: Any = None, threshold: float | None = None) -> Event:
    """The event with the most general code of another CAMEO root when the model gives that root
    at least ``threshold`` (the model's own by default); else the event itself."""
    if kept(event.cameo):
        return event
    m = model()
    probs = m.probabilities(features(event, tok, parsed, guess))
    root, p = max(probs.items(), key=lambda kv: kv[1])
    if root == event.cameo[:2] or p < (m.threshold if threshold is None else threshold):
        return event
    code = cameo(root)
    return dataclasses.replace(event, cameo=code.code, plover_type=code.plover_type, plover_mode=code.plover_mode,
                               goldstein=code.goldstein, quad_class=code.quad_class)


def retype_events(events: tuple[Event, ...] | list[Event], parsed: Any, *, guesses: Mapping[int, Any] | None = None,
                  threshold: float | None = None) -> tuple[Event, ...]:
    """:func:`retyped` for every event of a document whose trigger is found in its parse;
    ``guesses``: the sentence model's reading of sentences, by sentence index
    (:func:`flashpoint.stages.classify.sentence_guesses`)."""
    out = []
    for ev in events:
        tok = trigger_token(ev, parsed)
        guess = guesses.get(ev.sentence_index) if guesses else None
        out.append(ev if tok is None else retyped(ev, tok, parsed, guess=guess, threshold=threshold))
    return tuple(out)
