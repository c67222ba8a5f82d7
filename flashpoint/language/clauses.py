"""Where an event stands in its sentence, as checks the gate stage runs
(:mod:`flashpoint.stages.gate`; each takes the event, its trigger token and what the gate has
seen of the document). A sentence reports an act in a clause: the act an event noun names is
news when the noun is a clause's subject or object ("the offensive began", "Turkey launched an
assault"), not when it sits in a prepositional phrase, a description or a predicate ("on the eve
of the airstrikes", "the threat of strikes", "is a threat to peace"). The project's news gold
writes these conventions down (``docs/news-gold.md``); chosen on its tune half and measured on
its check half. An act in a subordinate clause is news as much as one in the main clause, but a
word or a cooperative act read off the borrowed verb table, outside the main clause and with one
side unnamed, is mostly an aside ("..., after Lima challenged the report's findings", "the
council had failed to end the dispute"): ``aside``. (A check making coordinated verbs that repeat one act a single event, "were
killed and injured", was tried and removed: neutral on the news check half, and it cost the
event-location check half 0.0013 of hit rate.)"""
from __future__ import annotations

from typing import Any

from ..model import Event
from .countable import MATERIAL
from .grammar import first_conjunct
from .lexicon import borrowed_reading
from .tokens import TokenTable

# Where an event noun is the clause's own argument: its subject or object.
ARGUMENT = frozenset({"nsubj", "nsubjpass", "dobj", "csubj"})
# Verbs of death and injury: the attack a noun names in their prepositional phrase is the act
# ('killed in an airstrike', 'died in a raid by commandos').
HARMED = frozenset({"kill", "die", "wound", "injure", "hurt", "destroy", "damage", "perish", "slay"})
MEANS = frozenset({"in", "by", "during"})
# Material conflict (countable.MATERIAL: CAMEO 14, 15, 17-20), reduced relations (16) and threats
# of force (138) are news in any clause ('as they prepare to storm the
# town', 'protesters who marched through the capital', 'after Kenya boycotted the talks').
CONFLICT_NEWS = MATERIAL | {"16"}
# How a verb joins the clause it belongs to: coordinated ('met and agreed'), an open complement
# ('prepared to impose', 'is ready to sign'), a preposition's gerund ('resorted to throwing').
SAME_CLAUSE = frozenset({"conj", "xcomp", "pcomp", "prep", "acomp"})
# Reporting verbs: the news of "X said Y attacked" is the clause under them.
REPORTING = {"say", "tell", "report", "announce", "state", "add", "claim", "declare", "note",
             "quote", "confirm", "write"}


def nominal(event: Event, tok: Any, seen: Any) -> bool:
    """An event noun that is not its clause's subject or object: 'on the eve of the airstrikes',
    'the consequences of threats against Syria', 'is a greater threat to peace', 'the Kurdish
    terrorist threat'. The attack a death or injury happened in stays ('killed in an
    airstrike'), and so does an act the noun phrase gives with both its author and its target
    ('after Iran's missile attack on the air base') or done to a named person ('revenge for
    the assassination of General X'): a reference to a known act. But when the death or injury
    is coded itself, the attack it happened in is that same act, not a second one."""
    if tok.pos_ != "NOUN":
        return False
    if _means_of_harm(tok) and tok.head.head.idx in seen.triggers:
        return True  # 'killed in a U.S. air strike': the killing's own event is the act
    if _referenced(event):
        return False
    tok = first_conjunct(tok)
    if tok.dep_ in ARGUMENT:
        return False
    return not _means_of_harm(tok)


def _referenced(event: Event) -> bool:
    """Does the event name who did it to whom, or whom it was done to by name?"""
    target = event.target
    return target is not None and (event.source is not None or target.kind == "person")


def _means_of_harm(noun: Any) -> bool:
    """'killed in a raid', 'died in an air strike in 2017': the noun is the object of a
    preposition of means on a verb of death or injury."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in MEANS or prep.head.i == prep.i:
        return False
    return prep.head.lemma_.lower() in HARMED


def main_verb(sent: Any, *, toks: TokenTable | None = None) -> Any:
    """The verb that carries a sentence's news: its root, or the clause under a reporting root.
    With ``toks`` (the document's columns) the root is found without a Token per word."""
    if toks is None:
        root = next((t for t in sent if t.dep_ == "ROOT"), None) or sent[0]
    else:
        start, end = getattr(sent, "start", 0), getattr(sent, "end", len(sent))
        dep = toks.dep
        root = sent.doc[next((i for i in range(start, end) if dep[i] == "ROOT"), start)]
    if root.lemma_.lower() in REPORTING:
        clause = next((c for c in root.children if c.dep_ in {"ccomp", "xcomp"}), None)
        if clause is None and root.head.i != root.i:
            clause = root.head
        if clause is not None:
            return clause
    return root


def aside(event: Event, tok: Any, seen: Any) -> bool:
    """A word or a cooperative act (CAMEO 01-13; not a threat of force) coded by a row of
    the borrowed verb table, outside the sentence's main clause, with its source or its target
    unnamed: '..., after Lima challenged the report's findings', 'the council had failed to end
    the dispute', 'clothes the guards had abandoned'. The borrowed rows were written for a
    sentence's lead act; in a subordinate clause with one side missing they read background as
    acts (docs/evaluation.md, seventh session: both such events of the news gold's tune half and
    36 of a sample of 40 in other Guardian sentences wrong). The project's own rows, material
    conflict, an infinitive of purpose (the ``purpose`` check rules on it) and the model's
    events are left alone."""
    if event.coder != "rule" or (event.source is not None and event.target is not None):
        return False
    if event.cameo[:2] in CONFLICT_NEWS or event.cameo.startswith("138"):
        return False
    if tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    pos = "N" if tok.pos_ == "NOUN" else "V"
    if not borrowed_reading(tok.lemma_.lower(), tok.lower_, pos, event.cameo):
        return False
    main = main_verb(tok.sent)
    while tok.i != main.i and tok.dep_ in SAME_CLAUSE and tok.head.i != tok.i:
        tok = tok.head
    return tok.i != main.i
