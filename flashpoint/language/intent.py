"""Stated intent: an action announced for the future is itself a verbal event.

"Norway will send troops", "Syria is willing to withdraw", "Greece plans to impose
restrictions": the action has not happened, but the statement has. CAMEO codes such
statements as intent to cooperate (03x) or as threats (13x), PLOVER as AGREE or THREATEN,
and a refusal ("will not accept refugees") as a rejection (12x). This module reads the
stance off the parse and gives the CAMEO code of the statement for the action's code.

A demand is the other side of the same coin: "Russia said Sudan must return the helicopter",
"the ILO reiterated its demand that Israel ease restrictions" report a REQUEST by the speaker
of the target, whatever the demanded action is (CAMEO 10x, after the action's family).

A condition ("will cut aid if ...", "may halt mediation if ...") makes a hostile action a
threat (CAMEO 13x: the conditional is what a threat is); a refusal stays one; a conditional
cooperative action ("will send aid if asked") is left as it is, a contemplated action.

Only clear markers of intent count: the future auxiliaries (will, shall, would; with a
condition also may, might, could), and an
open complement of an intent word that is not an event of its own ("willing to",
"ready to", "plans to"). Words that are events of their own ("agreed to", "threatened
to", "refused to") keep their own event and the embedded action stays hypothetical.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..errors import ResourceError
from ..resources import read_tsv

from .grammar import OBJECTS, PLACE_LABELS
from .negation import negated

# Auxiliaries of the future ("wo" is the parser's "won't").
FUTURE_AUX = {"will", "'ll", "shall", "would", "wo"}
# Heads of an open complement that state an intent without being events of their own.
INTENT_HEADS = {"willing", "ready", "prepared", "determined", "poised", "eager", "plan", "intend",
                "prepare", "unwilling"}
# Nouns that carry a demand of someone: "X's demand that Y ...".
DEMAND_NOUNS = {"demand", "call", "appeal", "request", "ultimatum", "insistence", "reminder"}
# Modals that state a contemplated action only when a condition comes with it ("may halt
# mediation if ...": a threat); without one they are mere possibility.
CONDITIONAL_AUX = {"may", "might", "could"}

STANCE_TABLE = "stance_codes.tsv"


@lru_cache(maxsize=1)
def stance_codes() -> dict[str, dict[str, str]]:
    """stance ('intent', 'threat', 'demand') -> CAMEO prefix of an action -> code of stating it
    (``resources/stance_codes.tsv``): 'will send aid' (07) is intent to aid (033), 'will strike'
    (19) a threat of force (138), 'Y must yield' (08) a demand that Y yield (105)."""
    out: dict[str, dict[str, str]] = {"intent": {}, "threat": {}, "demand": {}}
    for r in read_tsv(STANCE_TABLE, required=("stance", "action", "code")):
        if r["stance"] not in out:
            raise ResourceError(f"unknown stance {r['stance']!r}", where=STANCE_TABLE,
                                fix=f"use one of {sorted(out)}")
        out[r["stance"]][r["action"]] = r["code"]
    return out


def stated_intent(tok: Any) -> str | None:
    """How the trigger's action is announced: 'intent' (will do it), 'refusal' (will not),
    'ultimatum' (will do it unless ...), 'condition' (will or may do it if ...), or None when
    it is not a stated intent."""
    if any(c.dep_ == "mark" and c.lower_ == "if" for c in tok.children):
        return None  # "if Iran attacks": the condition itself, stated by no one
    head = None
    conditional = _condition(tok, {"if"})
    auxes = FUTURE_AUX | CONDITIONAL_AUX if conditional else FUTURE_AUX
    if any(c.dep_ == "aux" and c.lower_ in auxes for c in tok.children):
        head = tok
    elif tok.dep_ == "xcomp" and tok.head.lemma_.lower() in INTENT_HEADS | {"be"} \
            and _intent_head(tok.head):
        head = tok.head
    if head is None or tok.sent.text.rstrip().endswith("?"):
        return None
    if negated(tok) or negated(head) or head.lemma_.lower() == "unwilling":
        return "refusal"
    if conditional:
        return "condition"
    if _condition(tok, {"unless"}):
        return "ultimatum"
    return "intent"


def intent_code(code: str, stance: str) -> str | None:
    """The CAMEO code of stating ``stance`` about an action coded ``code`` (None: no change)."""
    if stance == "refusal":
        return "120" if _lookup("intent", code) else None
    if stance == "condition":  # "will cut aid if ...": a threat; "will send aid if ...": no change
        return _lookup("threat", code)
    if stance == "ultimatum":
        return "139" if _lookup("threat", code) or _lookup("intent", code) else None
    return _lookup("intent", code) or _lookup("threat", code)


def demanded_by(tok: Any) -> Any | None:
    """The word that carries a demand of the trigger's clause: the speaker's verb in "X said Y
    must do Z" (Y not X), or the demand noun in "X's demand that Y do Z"; None otherwise."""
    if tok.dep_ not in {"xcomp", "ccomp", "acl"}:
        return None  # every case below is a complement clause
    clause = tok
    if tok.dep_ == "xcomp" and not _must(tok):
        clause = tok.head  # "must be ready to mediate"
        if clause.dep_ == "acomp":
            clause = clause.head
    if clause.dep_ in {"ccomp", "acl"} and clause.head.lemma_.lower() in DEMAND_NOUNS \
            and clause.head.pos_ == "NOUN":
        return clause.head
    if clause.dep_ == "ccomp" and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
        noun = next((c for c in clause.head.children if c.dep_ in {"dobj", "obj"}
                     and c.lemma_.lower() in DEMAND_NOUNS and c.pos_ == "NOUN"), None)
        if noun is not None:  # "reiterated its demand (today) that Israel ease ...", parsed onto the verb
            return noun
    if clause.dep_ == "ccomp" and _must(clause) and clause.head.pos_ in {"VERB", "AUX"} \
            and not negated(clause):
        return clause.head
    return None


def demand_code(code: str | None) -> str:
    """The CAMEO code of demanding an action coded ``code`` (None: an action not in the lexicon)."""
    return (_lookup("demand", code) if code else None) or "100"


def _must(tok: Any) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "must" for c in tok.children)


def _lookup(stance: str, code: str) -> str | None:
    table = stance_codes()[stance]
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None


def intent_words(tok: Any) -> list[Any]:
    """'plans to', 'is willing to': the token if it is an intent word, and its intent adjectives
    under a copula ("is ready")."""
    return [t for t in (tok, *(c for c in tok.children if c.dep_ == "acomp"))
            if t.lemma_.lower() in INTENT_HEADS]


def _intent_head(head: Any) -> bool:
    return bool(intent_words(head))


def _condition(tok: Any, marks: set[str]) -> bool:
    """The trigger's clause is conditional, or carries a condition of this kind ("will attack
    if ...": a threat; "will attack unless ...": an ultimatum)."""
    for clause in (tok, *[c for c in tok.children if c.dep_ == "advcl"]):
        if any(c.dep_ == "mark" and c.lower_ in marks for c in clause.children):
            return True
    return False


def carries_demand(tok: Any) -> bool:
    """The verb carries a demand noun that has its own clause: "reiterated its demand that
    Israel ease ...", "pressed its demand that the government grant ..." (the caller keeps
    verbs that are events of their own, "rejected the demand that ...", but not a bare row of
    the Phoenix table such as "issue" 060)."""
    nouns = [c for c in tok.children if c.dep_ in OBJECTS]
    nouns += [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    clauses = [c for n in nouns for c in n.children if c.dep_ in {"acl", "ccomp"}]
    clauses += [c for c in tok.children if c.dep_ == "ccomp"]  # the parser may hang it on the verb
    return any(n.lemma_.lower() in DEMAND_NOUNS and n.pos_ == "NOUN" for n in nouns) \
        and any(c.pos_ in {"VERB", "AUX"} for c in clauses)


def infinitive_of_purpose(tok: Any) -> bool:
    """Is the word an infinitive of purpose ('retain a force in Syria to fight terrorists', 'left
    London to join the group'), other than the mission of people sent somewhere or what steps are
    taken to do (:func:`done_through`)?"""
    return tok.dep_ == "advcl" and tok.tag_ == "VB" and not done_through(tok.head) \
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def purposed(tok: Any) -> bool:
    """Is the verb an infinitive of purpose of another act ('launched an offensive to capture
    the town', 'gathered to protest')? What it names is under way, not done."""
    return tok.head.pos_ in {"VERB", "AUX"} and infinitive_of_purpose(tok)


SENDING = frozenset({"send", "dispatch", "deploy"})  # 'dispatched inspectors to monitor': their mission
STEPS = frozenset({"step", "measure", "action"})


def done_through(verb: Any) -> bool:
    """Is the act an infinitive of purpose names done through ``verb``: the mission of people
    sent ('dispatched inspectors to monitor the plant'), or the act steps are taken to do ('has
    taken steps to enhance political freedoms': taking steps to do it is doing it)?"""
    return verb.lemma_.lower() in SENDING or verb.lemma_.lower() == "take" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in STEPS for c in verb.children)


# Heads under which an act is planned or scheduled, not supposed: "plan to march", "is set to
# patrol", "is expected to visit", "prepare to strike".
PLANNING_HEADS = {"plan", "set", "schedule", "expect", "prepare", "intend"}
# The auxiliaries of an announced future ("would" and "could" only suppose).
ANNOUNCED_AUX = {"will", "'ll", "shall"}
# Marks of a condition that makes an announced act only supposed.
CONDITION_MARKS = {"if", "unless", "whether", "lest"}


def planned(event: Any, tok: Any) -> bool:
    """An act announced for the future, by a named actor, at a named place: "the navy will
    patrol the Adriatic", "the unions plan to march in Lyon". Coded as ``hypothetical`` (the
    news gold's act planned or under way), not dropped with what is only supposed ("would
    help if ..."), denied, or the content of a threat. The trigger is the clause's own verb
    with a future auxiliary or the open complement of a planning word, no condition rides on
    it, the event has a source, and a place entity stands in the trigger's phrase beyond the
    source's own words."""
    if event.modality != "hypothetical" or event.source is None or tok.pos_ not in {"VERB", "AUX"}:
        return False
    if _condition(tok, CONDITION_MARKS):
        return False
    future = any(c.dep_ == "aux" and c.lower_ in ANNOUNCED_AUX for c in tok.children)
    purpose = purposed(tok)
    scheduled = tok.dep_ == "xcomp" and tok.head.lemma_.lower() in PLANNING_HEADS \
        and not _condition(tok.head, CONDITION_MARKS) or purpose
    if not (future or scheduled):
        return False
    src = event.source
    if any(t.ent_type_ in PLACE_LABELS and not src.start <= t.idx < src.end for t in tok.subtree if t.i > tok.i):
        return True
    end = tok.right_edge.idx + len(tok.right_edge)  # a purpose's place by the gazetteer ('Aleppo' read as NORP)
    return purpose and any(tok.idx < p.start < end and not src.start <= p.start < src.end
                                 for p in event.locations)
