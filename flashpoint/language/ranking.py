"""Which verb of a sentence carries its coded event: a learned ranker over a sentence's coded triggers.

A sentence the coder gives events on several verbs (a reporting verb and the act it reports, a
main verb and its clause of purpose or effect, an act and a participle of the background) holds,
by the news conventions, fewer events than the coder's: the annotators code the verbs that tell
an act. ``features`` reads an event's own features (the re-typer's, :mod:`.retype`) and where its
trigger stands among the other coded triggers of its sentence (does it govern one, hang on one
and how, how deep it sits, is it the highest or the most confident); the model
(``resources/model/event_rank.json``, a :class:`RankModel`) is a logistic regression trained by
``scripts/train_event_rank.py`` on the coded events of the blind-coded training sentences
(``data/training/news_events.jsonl``, ``data/training/wire_events.jsonl``): right when the
sentence's hand coding has an event of its CAMEO root. :func:`keep` says which events of a
sentence stay: those below the model's threshold go while another event of the sentence stays (a
sentence never loses its last event, so a text told one event a sentence, the PLOVER gold or a
wire sentence with one verb, is left as it was); the stage ``rank`` (``stages/rank.py``) applies
it to sentences whose events sit on two or more verbs. Only verbs are ranked (:data:`VERBS`).
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from ..knowledge.linear import LinearModel
from ..model import Event
from .grammar import trigger_token
from .retype import features as event_features

MODEL_PATH = Path(__file__).resolve().parents[1] / "resources" / "model" / "event_rank.json"
# the parts of speech of a trigger the model ranks: an event told by a noun ("the 2018 withdrawal
# from the deal") is the gate's to judge (the training sentences' convention leaves a noun in a
# prepositional phrase uncoded, the product codes and dates such historical references)
VERBS = frozenset({"VERB", "AUX"})
# how a clause hangs on the verb above it, kept as it is; other relations are "other"
LINKS = frozenset({"ccomp", "xcomp", "advcl", "conj", "relcl", "acl", "pcomp", "parataxis", "ROOT", "dep",
                   "pobj", "dobj", "nsubj", "nsubjpass", "amod", "csubj"})


def _link(tok: Any) -> str:
    return tok.dep_ if tok.dep_ in LINKS else "other"


def _depth(tok: Any) -> int:
    d = 0
    while tok.head.i != tok.i and d < 8:
        tok, d = tok.head, d + 1
    return d


def _above(tok: Any, other: Any) -> str | None:
    """How ``tok``'s clause hangs under ``other`` (the link of the step just below it) when
    ``other`` is one of its ancestors, else None."""
    step = tok
    for _ in range(8):
        if step.head.i == step.i:
            return None
        if step.head.i == other.i:
            return _link(step)
        step = step.head
    return None


def relations(tok: Any, others: Sequence[Any]) -> dict[str, Any]:
    """Where a trigger stands among the other coded triggers (tokens) of its sentence."""
    f: dict[str, Any] = {}
    n = len(others)
    f["others"] = "0" if n == 0 else "1" if n == 1 else "2+"
    depth = _depth(tok)
    f["depth"] = str(min(depth, 4))
    f["chain"] = f"{_link(tok)}>{_link(tok.head)}" if tok.head.i != tok.i else "ROOT"
    if tok.head.i != tok.i:
        f["head_lemma"] = tok.head.lemma_.lower()
    if not others:
        return f
    depths = [_depth(o) for o in others]
    f["highest"] = depth < min(depths)
    f["tied_highest"] = depth == min(depths)
    f["leftmost"] = tok.i < min(o.i for o in others)
    for o in others:
        under = _above(tok, o)
        if under is not None:
            f[f"under_other={under}"] = True
            f["under_other"] = True
        over = _above(o, tok)
        if over is not None:
            f[f"over_other={over}"] = True
            f["over_other"] = True
    return f


def features(event: Event, tok: Any, parsed: Any, others: Sequence[Any], *, guess: Any = None,
             other_events: Sequence[Event] = ()) -> dict[str, Any]:
    """The ranker's inputs for an event whose trigger's head token is ``tok``; ``others``: the
    head tokens of the other coded triggers of its sentence, ``other_events`` those triggers'
    events, ``guess`` the classify stage's reading of the sentence."""
    f = event_features(event, tok, parsed, guess)
    f.update(relations(tok, others))
    if other_events:
        f["top_confidence"] = event.confidence >= max(e.confidence for e in other_events)
        f["root_elsewhere"] = any(e.cameo[:2] == event.cameo[:2] for e in other_events)
    return f


class RankModel(LinearModel):
    what = "event rank model"
    trainer = "scripts/train_event_rank.py"


@cache
def model(path: str | Path = MODEL_PATH) -> LinearModel:
    return RankModel.read(path)


def sentence_features(events: Sequence[Event], parsed: Any, *, guess: Any = None) -> list[dict[str, Any] | None]:
    """:func:`features` of each event of one sentence (None where its trigger is not in the parse or
    is no verb: the model does not rank it)."""
    toks = [trigger_token(e, parsed) for e in events]
    out: list[dict[str, Any] | None] = []
    for e, tok in zip(events, toks):
        if tok is None or tok.pos_ not in VERBS:
            out.append(None)
            continue
        others = list({t.i: t for t in toks if t is not None and t.i != tok.i}.values())
        other_events = [x for j, x in enumerate(events) if toks[j] is not None and toks[j].i != tok.i]
        out.append(features(e, tok, parsed, others, guess=guess, other_events=other_events))
    return out


def keep(probabilities: Sequence[float | None], threshold: float) -> list[bool]:
    """Which events of one sentence stay: those at or above ``threshold`` and those the model does
    not rank (None: a trigger that is no verb, or one not in the parse); when none of them would
    stay, the most probable one(s) do."""
    known = [p for p in probabilities if p is not None]
    if not known:
        return [True] * len(probabilities)
    floor = threshold if len(known) < len(probabilities) else min(threshold, max(known))
    return [p is None or p >= floor for p in probabilities]
