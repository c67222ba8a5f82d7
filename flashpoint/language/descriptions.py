"""Descriptions that use the verbs of acts, as checks the gate stage runs
(:mod:`flashpoint.stages.gate`; each takes the event, its trigger token and what the gate has
seen of the document). A sentence can name an act without reporting that it happened: a
relative clause in the present simple says what someone habitually does or is ("a charity
that runs three clinics", "those who kill"), "help" with a verb says whose act someone
joined ("helped to evacuate the wounded": the evacuation is the act, coded by its own verb), an
event noun after a verb of being says what someone is ("poses a threat"), a gerund on a
death says what the dead were doing ("killed fighting the militia"), and in a story told in the
past a main clause in the present simple says how things stand ("the group uses suicide bombers",
"snipers target those who flee").
Chosen on hand-read Guardian stories outside the project's news gold and measured on the gold's
check half (``docs/evaluation.md``, sixth and ninth sessions)."""
from __future__ import annotations

from typing import Any

from ..model import Event
from .countable import MATERIAL
from .grammar import EVENT_NOUNS, LOCATIVE, PLACE_LABELS, first_conjunct

PRESENT = frozenset({"VBZ", "VBP"})  # 'runs', 'back': the present simple, with no auxiliary
# Words and codes the present simple still reports with: speech ('the UN warns', 'Iran denies':
# CAMEO 01-04, 10-13) and verbs of an act going on ('the shelling continues').
SPOKEN = frozenset({"01", "02", "03", "04", "10", "11", "12", "13"})
ONGOING = frozenset({"continue", "keep", "resume", "persist", "go", "rage", "intensify", "escalate"})
_TOLD = ("flashpoint", "told_in_past")  # Doc.user_data key: is the text told in the past?
# Verbs of a death, an injury or time spent: a gerund on them tells what the person was doing
# ('killed fighting the militia', 'spent a month fighting in Velmor').
CIRCUMSTANCES = frozenset({"kill", "die", "wound", "injure", "perish", "spend"})
NAME_PARTS = frozenset({"compound", "poss", "appos", "nmod", "conj"})  # 'Kelmor's X district', 'X and Y'
# Prepositions a place may be named through: of place, and 'of', 'on' ('attacks on bases in X').
PATHS = LOCATIVE | {"of", "on"}
OBJECTS = frozenset({"pobj", "pcomp"})  # of a preposition: 'in Kelmor', 'in fighting outside Kelmor'


def located(event: Event, tok: Any) -> bool:
    """Does a passive participle of material conflict that describes a noun say where its act
    happened? Then it reports the act ('a fighter captured in the fighting outside Kelmor',
    'Dana Rusk, arrested in Lyon in June, was convicted'): the gate's ``modifier`` check keeps
    it. A description with no place stays one ('forces backed by Iran', 'the men kidnapped
    by the group')."""
    if tok.tag_ != "VBN" or event.cameo[:2] not in MATERIAL:
        return False
    return any(c.dep_ == "prep" and c.lower_ in LOCATIVE
               and any(_names_place(g) for g in c.children if g.dep_ in OBJECTS) for c in tok.children)


def _names_place(tok: Any) -> bool:
    """Does the phrase headed by ``tok`` name a place, itself or through its modifiers and phrases
    of place ('in the western city of Kelmor', 'in fighting outside Kelmor', 'in attacks on bases
    in Kelmor')? Not through a phrase of another kind ('in the war against Islamic State', 'in the
    struggle for rights in X')."""
    if _place_name(tok):
        return True
    for child in tok.children:
        if child.dep_ == "prep":
            if child.lower_ in PATHS:
                if any(_names_place(g) for g in child.children if g.dep_ in OBJECTS):
                    return True
        elif child.dep_ in NAME_PARTS and _names_place(child):
            return True
    return False


def _place_name(tok: Any) -> bool:
    """A place's name: a place entity of the model, or a name it gave no entity (the small model
    leaves many towns unlabelled: 'arrested in Lyon'; not a date, a person or an organisation)."""
    return tok.ent_type_ in PLACE_LABELS or tok.pos_ == "PROPN" and not tok.ent_type_


def habitual(event: Event, tok: Any, seen: Any) -> bool:
    """A relative clause in the present simple describes its noun: 'the society, which helps
    run hospitals', 'groups that threaten the country's unity', 'those who kill'. A clause
    with an auxiliary ('which has attacked', 'that is shelling') or in the past ('which
    attacked the base') reports an act."""
    tok = first_conjunct(tok)
    if tok.dep_ != "relcl" or tok.tag_ not in PRESENT:
        return False
    return not any(c.dep_ in {"aux", "auxpass", "neg"} for c in tok.children)


def circumstance(event: Event, tok: Any, seen: Any) -> bool:
    """A gerund that tells what someone was doing when killed or how they spent a time: 'the
    first Ruritanian killed fighting the militia', 'had spent a month fighting in Velmor'. The death is
    the news; what the dead man did describes him (the news gold's convention for participles
    that only describe)."""
    if tok.tag_ != "VBG" or tok.dep_ not in {"xcomp", "dobj", "advcl"} or tok.lemma_.lower() in CIRCUMSTANCES:
        return False  # more harm is more news: 'gunmen killed five people, wounding ten'
    if any(c.dep_ in {"nsubj", "nsubjpass", "mark", "aux"} for c in tok.children):
        return False
    head = tok.head
    if head.lemma_.lower() not in CIRCUMSTANCES:
        return False
    # the one it tells of is the dead or wounded: 'was killed fighting', 'the first Ruritanian killed
    # fighting'; not the killers ('raiders killed a dozen villagers, chasing them through the fields')
    return head.lemma_.lower() in {"die", "perish", "spend"} \
        or not any(c.dep_ == "dobj" and c.i != tok.i for c in head.children)


def present_state(event: Event, tok: Any, seen: Any) -> bool:
    """In a text that tells its news in the past tense, a main clause in the present simple
    says how things stand or what someone habitually does, not what happened: 'the group uses
    suicide bombers', 'snipers target those who try to flee', 'the US supports it'. Speech stays
    ('the ministry denies it'), and so does an act going on ('the shelling continues'), an
    auxiliary ('has attacked', 'is shelling') or a negation. A one-line text in the present, as
    a headline or a summary of the day's events writes it ('rebels attack the town'), reports
    the act: the text must have two sentences or more whose root is in the past tense. An
    event noun's plural the parse read as a verb stays ('the missile strikes on a base')."""
    if event.cameo[:2] in SPOKEN or tok.tag_ not in PRESENT or tok.lemma_.lower() in ONGOING:
        return False
    first = first_conjunct(tok)
    if first.dep_ not in {"ROOT", "ccomp"}:
        return False
    if any(c.dep_ in {"aux", "auxpass", "neg"} for t in {tok, first} for c in t.children):
        return False
    return not _compound_noun(tok) and _told_in_past(tok.doc)


def _compound_noun(tok: Any) -> bool:
    """An event noun's plural misread as a verb, its modifier as the subject: 'the missile
    strikes on a base had damaged ...', 'rocket attacks'."""
    return tok.lower_.endswith("s") and tok.lower_[:-1] in EVENT_NOUNS \
        and any(c.dep_ == "nsubj" and c.i == tok.i - 1 and c.pos_ == "NOUN" for c in tok.children)


def _told_in_past(doc: Any) -> bool:
    """Are two or more of the text's sentence roots in the past tense? Worked out once per document."""
    told = doc.user_data.get(_TOLD)
    if told is None:
        told = doc.user_data[_TOLD] = sum(t.dep_ == "ROOT" and t.tag_ == "VBD" for t in doc) >= 2
    return told
