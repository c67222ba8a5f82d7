"""What a pledge commits to and what a cut stops: the act inside decides the code.

Two verbs of the lexicon read as cooperation whatever they govern:

- a pledge, promise or vow of a hostile act ("pledged to destroy the militia", "vowed revenge",
  "promised a strong response") is a threat by CAMEO (13x: 138 for force, 1312 for sanctions),
  not intent to cooperate (030; the lexicon's bare rows of "promise" and "pledge");
- stopping, cutting, suspending or withdrawing aid, support or military supplies ("withdrew
  aid", "ceased arming the rebels") reduces relations (16x: 162x for aid), not yielding (0874,
  the bare row of "withdraw") or the aid itself (062 on "arming"). Withdrawing troops stays the
  military de-escalation it is (087x): troops are no act of aid.

The act inside is read off the parse with the events stage's own lexicon (a verb's row, a
noun's row), passed in as ``verb_code`` and ``noun_code`` so that this module holds no table
of its own beyond the word classes below. Force nouns are the objects of the lexicon's rows
for threatening force (``lexicon.force_nouns``); aid nouns the objects of its rows for cutting
aid (``lexicon.aid_nouns``). The codes of stating or stopping an act are the stance table's
(``resources/stance_codes.tsv``, stances ``threat`` and ``stop``).
"""
from __future__ import annotations

from typing import Any, Callable

from .intent import lookup_stance
from .lexicon import aid_nouns, force_nouns
from .negation import negated

# Verbs that commit their subject to an act (modality.THREAT_VERBS less the verbs of warning,
# whose content is a warning whatever it is).
PLEDGING = frozenset({"promise", "pledge", "vow", "swear"})
# Verbs that stop, cut or take back what they govern.
STOPPING = frozenset({"withdraw", "pull", "cut", "suspend", "halt", "stop", "cease", "end", "freeze",
                      "reduce", "curtail", "terminate", "discontinue", "slash", "scale"})
CONTENT = frozenset({"xcomp", "ccomp"})
OBJECTS = frozenset({"dobj", "obj"})
# Codes the pledge verbs' own rows give: intent (03x) or a bare threat (130).
PLEDGE_READINGS = frozenset({"03", "13"})

CodeOf = Callable[[Any], "str | None"]


def pledged_threat(tok: Any, code: str, verb_code: CodeOf, noun_code: CodeOf) -> str | None:
    """The threat a pledge verb states when what it commits to is hostile: "vowed revenge",
    "promised a strong response" (a force noun: 138), "pledged to destroy X" (the verb's act,
    190: 138), "pledged sanctions" (163: 1312); None when the verb is no pledge or its content
    is not hostile ("pledged aid", "vowed not to attack", "promised no retaliation")."""
    if tok.lemma_.lower() not in PLEDGING or code[:2] not in PLEDGE_READINGS:
        return None
    for child in tok.children:
        if child.dep_ in OBJECTS and child.pos_ == "NOUN":
            found = _hostile_noun(child, noun_code)
        elif child.dep_ in CONTENT and child.pos_ in {"VERB", "AUX"} and not negated(child):
            found = _hostile_clause(child, verb_code, noun_code)
        else:
            continue
        if found:
            return found
    return None


def _hostile_noun(noun: Any, noun_code: CodeOf) -> str | None:
    if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        return None
    lemma = noun.lemma_.lower()
    if lemma in force_nouns() or noun.lower_ in force_nouns():
        return "138"
    code = noun_code(noun)
    return lookup_stance("threat", code) if code else None


def _hostile_clause(verb: Any, verb_code: CodeOf, noun_code: CodeOf) -> str | None:
    """The threat of the clause's own act, or of the hostile noun it takes ('vowed to wage war')."""
    code = verb_code(verb)
    if code:
        return lookup_stance("threat", code)
    return next((t for c in verb.children if c.dep_ in OBJECTS and c.pos_ == "NOUN"
                 for t in [_hostile_noun(c, noun_code)] if t), None)


def stopped_aid(tok: Any, verb_code: CodeOf, noun_code: CodeOf) -> str | None:
    """The CAMEO code of stopping the cooperation a verb of stopping governs: aid or support as
    its object ('withdrew aid' 162, 'suspended its support' 160) or an act of aid as its open
    complement ('ceased arming the rebels' 1622); None for anything else ('withdrew its troops',
    'stopped the attacks')."""
    if tok.lemma_.lower() not in STOPPING or tok.pos_ not in {"VERB", "AUX"}:
        return None
    for child in tok.children:
        if child.dep_ in OBJECTS and child.pos_ == "NOUN":
            if any(c.dep_ == "det" and c.lower_ == "no" for c in child.children):
                continue
            lemma = child.lemma_.lower()
            code = "07" if lemma in aid_nouns() or child.lower_ in aid_nouns() else noun_code(child)
        elif child.dep_ == "xcomp" and child.pos_ == "VERB" and not negated(child):
            code = verb_code(child)
        else:
            continue
        stopped = lookup_stance("stop", code) if code else None
        if stopped:
            return stopped
    return None


def stopped_by(tok: Any, verb_code: CodeOf, noun_code: CodeOf) -> bool:
    """Is the verb the act a verb of stopping stops ('arming' in 'ceased arming')? That verb
    carries the event (:func:`stopped_aid`)."""
    return tok.dep_ == "xcomp" and stopped_aid(tok.head, verb_code, noun_code) is not None
