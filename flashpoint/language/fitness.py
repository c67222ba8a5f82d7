"""Arguments fit for the act: checks the gate stage runs (:mod:`flashpoint.stages.gate`; issue 13,
"precision first": a political event needs an actor that acts, done to something an act can be done to).

The lexicon codes a verb by its word and a few frames; the words of force and pressure are also the
words of budgets, goals and moods ("the countries hit the spending target", "the bombardment will
force an exodus", "provoked a breakdown"). Each check reads the verb's own arguments in the parse:

- ``figure``: force (CAMEO 17-20) done to a figure: a sum, a share or a measure (a target, a record,
  a ceiling) that a number, a percentage or a sum of money qualifies, or an entity the parser types
  PERCENT, MONEY or QUANTITY ("hit the 2% target", "topped a record high"); not a share of people or
  ground ("killed 4% of the population", "20% of the country was occupied") and not the targets of a
  strike that no figure qualifies ("hit civilian targets");
- ``abstract_doer``: the verb's subject is an abstract or event noun ("involvement in X offered ...",
  "the bombardment of the town will force ..."), and the coder read the source from inside that
  subject's phrase: the country named in its prepositional phrase did not act;

The nouns are read as classes: the endings of English abstract nouns (-tion, -ment, -ness, -ity,
-ance, -ence, -ism) less the nouns of bodies that act (government, coalition, opposition, ...), a
small table of event and state nouns, and the parser's entity types; no word of one sentence.
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
    "regime change", "vacuum", "stalemate", "deadlock", "ceasefire", "truce", "siege", "blockade",
    "withdrawal", "pullout", "retreat", "advance", "offensive", "incursion", "invasion"})
PARTS = frozenset({"of"})  # 'a share of the population': the share is of people


def _lemma(tok: Any) -> str:
    return tok.lemma_.lower()


def abstract(noun: Any) -> bool:
    """Is the common noun an abstraction or an event, not a body of people that can act?"""
    if noun.pos_ != "NOUN" or noun.ent_type_ in {"ORG", "NORP", "GPE", "PERSON", "FAC", "LOC"}:
        return False
    word = _lemma(noun)
    if word in BODIES or any(c.dep_ == "poss" for c in noun.children) and word in {"support", "backing"}:
        return False
    return word in EVENT_NOUNS or word.endswith(ABSTRACT_ENDS) and len(word) > 5


def _patients(tok: Any) -> list[Any]:
    found = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
    return [x for f in found for x in (f, *f.conjuncts)]


def _of_something(noun: Any) -> bool:
    """A share of people or ground ('4% of the population'), not a measure of a sum ('a high of $40bn')."""
    return any(g.ent_type_ not in NUMERIC and not g.like_num for c in noun.children
               if c.dep_ == "prep" and c.lower_ in PARTS for g in c.children if g.dep_ == "pobj")


def is_figure(noun: Any) -> bool:
    """A sum, a share or a measure that a figure qualifies ('the 0.7% target', '$3bn', 'a record high')."""
    if _of_something(noun) or any(c.dep_ == "appos" for c in noun.children):
        return False  # '4% of the population', 'a number of soldiers', '20%, some 180 people,'
    if noun.ent_type_ in NUMERIC:
        return True
    if _lemma(noun) not in MEASURES or noun.tag_ in {"NNS", "NNPS"}:
        return False  # 'civilian targets': the targets of strikes
    return any(t.ent_type_ in NUMERIC or t.like_num or _lemma(t) in {"record", "high", "low"}
               for t in noun.subtree if t.i != noun.i)


def figure(event: Any, tok: Any, seen: Any) -> bool:
    """Force done to a figure: 'hit the 0.7% target', 'smashed a record high' (see the module's docstring)."""
    if event.cameo[:2] not in FORCE:
        return False
    done_to = _patients(tok)
    return bool(done_to) and all(is_figure(p) for p in done_to)


def abstract_doer(event: Any, tok: Any, seen: Any) -> bool:
    """'involvement in Syria offered an opportunity': the country read from an abstract subject's phrase."""
    source = event.source
    if source is None:
        return False
    for subj in (c for c in tok.children if c.dep_ == "nsubj"):
        if not abstract(subj) or any(c.dep_ == "poss" for c in subj.children):
            continue  # 'Russia's involvement' is Russia's act, left to the agent check
        inside = subj.left_edge.idx <= source.start and source.end <= subj.right_edge.idx + len(subj.right_edge)
        if inside and not (subj.idx <= source.start < subj.idx + len(subj)) and not _has_agent(subj):
            return True
    return False



def _has_agent(noun: Any) -> bool:
    """Does the event noun name its own doer after 'by' ('the bombardment by the army')? Then the act is theirs."""
    return any(g.dep_ == "pobj" for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children)


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
