"""Arguments fit for the act: the gate's learned check ``unfit`` (:mod:`flashpoint.stages.gate`; issue 13,
"precision first": a political event needs an actor that acts, done to something an act can be done to).

The lexicon codes a verb by its word and a few frames; the words of force and pressure are also the
words of budgets, goals and moods ("the countries hit the spending target", "the bombardment will
force an exodus", "provoked a breakdown"). ``features`` reads the verb's own arguments in the parse:
the kind of its subject and its object (a name or pronoun with the parser's entity type, a figure, a
measure, a body of people, people, armed force, a place, an abstraction or event, another noun), the
kind and sector of the event's source and target, and where each actor stands against the verb's
argument (its head, inside its phrase, elsewhere: "involvement in X offered ..." reads X from inside an
abstract subject). A logistic regression over them (``resources/model/argument_fit.json``, trained by
``scripts/train_argument_fit.py`` on the blind-coded Guardian training sentences, the news gold's tune
half and real events of two other sets' tune halves) gives the probability that the event is right;
``unfit`` drops it below the model's threshold.

The noun classes are small tables of general words and the endings of English abstract nouns (-tion,
-ment, -ness, -ity, -ance, -ence, -ism) less the nouns of bodies that act (government, coalition,
opposition, ...); no word of one sentence. Two rule checks built on the same classes (force done to a
figure; a country read from an abstract subject's phrase) were measured and not kept
(``docs/evaluation.md``).
"""
from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from ..knowledge.linear import LinearModel
from .idioms import FORCE

# Nouns of measure: what a figure is told as ('the target', 'a record', 'the ceiling').
MEASURES = frozenset({"target", "goal", "record", "figure", "level", "mark", "milestone", "threshold",
                      "benchmark", "percent", "percentage", "rate", "total", "high", "low", "peak", "limit",
                      "ceiling", "budget", "price", "cost", "share", "quota", "sum", "average", "forecast",
                      "estimate", "projection", "minimum", "maximum", "pledge", "commitment"})
NUMERIC = frozenset({"PERCENT", "MONEY", "QUANTITY"})  # the parser's types of a figure
# The endings of abstract nouns, and the nouns with those endings that name bodies that act.
ABSTRACT_ENDS = ("tion", "sion", "ment", "ness", "ity", "ance", "ence", "ism")
BODIES = frozenset({
    "government", "parliament", "movement", "coalition", "delegation", "administration", "organisation",
    "organization", "opposition", "authority", "commission", "federation", "association", "confederation",
    "union", "institution", "foundation", "congregation", "population", "generation", "nation",
    "department", "ministry", "presidency", "leadership", "intelligence", "resistance", "alliance",
    "establishment", "battalion", "regiment", "contingent", "detachment", "mission", "legation", "majority",
    "minority", "community", "fraternity", "university", "agency", "convention", "assembly", "entity",
    "faction", "division", "formation", "garrison", "militia", "personality", "celebrity", "deputation",
    "tribe", "prosecution", "defence", "defense", "police", "management", "corporation", "station"})
# Event and state nouns without those endings ('the war', 'the bombardment', 'the crisis').
EVENT_NOUNS = frozenset({
    "war", "conflict", "crisis", "chaos", "fighting", "struggle", "bombardment", "bombing", "shelling",
    "violence", "unrest", "turmoil", "collapse", "rise", "fall", "failure", "success", "defeat", "victory",
    "loss", "gain", "death", "killing", "influx", "flow", "exodus", "spread", "growth",
    "decline", "pressure", "threat", "fear", "anger", "hope", "hostility", "rivalry", "tension", "feud",
    "deal", "plan", "policy", "strategy", "move", "step", "effort", "attempt", "bid", "campaign", "talk",
    "process", "report", "claim", "result", "outcome", "impact", "effect", "consequence", "approach",
    "debate", "dispute", "row", "controversy", "scandal", "presence", "absence", "support", "backing",
    "help", "aid", "funding", "money", "budget", "cut", "ban", "embargo", "sanction", "law", "rule",
    "vacuum", "stalemate", "deadlock", "ceasefire", "truce", "siege", "blockade",
    "withdrawal", "pullout", "retreat", "advance", "offensive", "incursion", "invasion"})


def _lemma(tok: Any) -> str:
    return tok.lemma_.lower()


# ---- the learned check: how well the event's arguments fit it (``unfit``; model argument_fit.json) ----

MODEL_PATH = Path(__file__).resolve().parents[1] / "resources" / "model" / "argument_fit.json"
PEOPLE = frozenset({"people", "person", "man", "woman", "child", "family", "group", "crowd", "resident",
                    "villager", "civilian", "citizen", "member", "worker", "student", "refugee", "migrant",
                    "activist", "official", "leader", "who", "some", "many", "other", "one"})
ARMED = frozenset({"force", "troop", "soldier", "army", "militia", "fighter", "militant", "rebel", "police",
                   "gunman", "jihadist", "insurgent", "jet", "warplane", "plane", "aircraft", "drone", "tank",
                   "ship", "helicopter", "artillery", "missile", "rocket", "bomb", "strike", "airstrike",
                   "attack", "raid"})
PLACES = frozenset({"city", "town", "village", "area", "region", "province", "district", "border",
                    "country", "base", "camp", "hospital", "school", "building", "house", "home", "street",
                    "position", "target", "site", "enclave", "territory", "neighbourhood", "neighborhood"})


def kind_of(noun: Any) -> str:
    """The class of an argument's head word: a name or pronoun (with the parser's entity type), a
    figure, a measure, a body, people, armed force, a place, an abstraction, or another noun."""
    if noun is None:
        return "none"
    if noun.pos_ in {"PROPN", "PRON"}:
        return f"{noun.pos_}:{noun.ent_type_ or '-'}"
    if noun.ent_type_ in NUMERIC or noun.like_num:
        return "figure"
    word = _lemma(noun)
    for name, words in (("measure", MEASURES), ("body", BODIES), ("people", PEOPLE), ("armed", ARMED),
                        ("place", PLACES)):
        if word in words:
            return name
    if word.endswith(("er", "ist", "ian")) and noun.pos_ == "NOUN":
        return "people"
    if word in EVENT_NOUNS or word.endswith(ABSTRACT_ENDS) and len(word) > 5:
        return "abstract"
    return f"{noun.pos_}:{noun.ent_type_ or '-'}"


def _where(actor: Any, phrase: Any, head: Any) -> str:
    """Where an actor's mention stands against the verb's argument: its head, inside its phrase, elsewhere."""
    if phrase is None:
        return "noarg"
    if head is not None and head.i == phrase.i:
        return "head"
    inside = phrase.left_edge.idx <= actor.start < phrase.right_edge.idx + len(phrase.right_edge)
    return "inphrase" if inside else "elsewhere"


def features(event: Any, tok: Any, parsed: Any) -> dict[str, Any]:
    """The learned check's inputs: the CAMEO root, the trigger's relation, and the kind of the verb's
    subject and object, of the source and the target, and where each actor stands against them."""
    from .grammar import mention_head

    root = event.cameo[:2]
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    obj = next((c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}), None)
    f: dict[str, Any] = {"root": root, "dep": tok.dep_, "tag": tok.tag_, "subject": kind_of(subj),
                         "object": kind_of(obj)}
    f["root_subject"] = f"{root}:{f['subject']}"
    f["root_object"] = f"{root}:{f['object']}"
    for name, actor, phrase in (("source", event.source, subj), ("target", event.target, obj)):
        if actor is None:
            f[name] = "none"
            continue
        head = mention_head(actor, parsed)
        f[name] = f"{kind_of(head)}:{actor.sector or '-'}"
        f[f"{name}_kind"] = actor.kind or "-"
        f[f"{name}_where"] = _where(actor, phrase, head)
        f[f"root_{name}_where"] = f"{root}:{f[f'{name}_where']}"
    return f


@cache
def _model() -> LinearModel:
    return LinearModel.read(MODEL_PATH)


def unfit(event: Any, tok: Any, seen: Any) -> bool:
    """The model finds the event's arguments unlikely for its root (probability of a right event below
    the model's threshold; ``scripts/train_argument_fit.py``, resources/model/MODEL_CARD.md)."""
    model = _model()
    return model.probability(features(event, tok, seen.parse)) < model.threshold
