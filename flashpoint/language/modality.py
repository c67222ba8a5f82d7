"""Modality of an event trigger: asserted, claimed, denied, threatened, hypothetical, negated.

Read off the dependency parse: negation on the trigger, conditional clauses,
modal auxiliaries, questions, and the verb the trigger's clause hangs under
(reporting, claiming, denying, threatening, intending).
"""
from __future__ import annotations

from typing import Any

from .negation import negated

# Verbs a clause hangs under that make its event claimed, denied, threatened or only intended;
# short closed lists the modality rules are written around, kept in code beside them.
CLAIM_VERBS = {"claim", "allege", "insist", "contend", "suspect", "accuse", "blame"}
DENY_VERBS = {"deny", "dismiss", "refute", "reject"}
THREAT_VERBS = {"threaten", "vow", "warn", "pledge", "promise", "swear"}
INTENT_VERBS = {"seek", "want", "plan", "plot", "conspire", "scheme", "intend", "try", "aim", "hope", "decide", "consider",
                "expect", "prepare", "wish", "choose", "avoid", "prevent", "deter", "fear",
                "anticipate", "debate", "need", "urge", "call", "ask", "demand"}
# Modal auxiliaries and conditional subordinators: the event is contemplated, not reported.
HYPOTHETICAL_AUX = {"would", "could", "might", "may", "should", "must", "will", "shall", "'ll", "can"}
CONDITIONAL_MARKS = {"if", "unless", "whether", "lest"}


def modality_of(tok: Any) -> str:
    """The modality of the event whose trigger is ``tok``."""
    if negated(tok):
        return "negated"
    clause = tok
    for depth in range(5):
        if depth and clause.lemma_.lower() in CLAIM_VERBS:
            return "claimed"
        if depth and clause.lemma_.lower() in DENY_VERBS:
            return "denied"
        if depth and clause.lemma_.lower() in THREAT_VERBS:
            return "threatened"
        if depth and clause.lemma_.lower() in INTENT_VERBS:
            return "hypothetical"
        if _conditional(clause) or _modal(clause) or (depth == 0 and _question(tok)):
            return "hypothetical"
        if depth and negated(clause) and clause.pos_ == "VERB":
            return "negated"
        if clause.dep_ in {"ROOT"} or clause.head is clause:
            break
        if clause.dep_ in {"advcl"} and not _conditional(clause):
            break
        clause = clause.head
    return "asserted"


def _conditional(tok: Any) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in tok.children)


def _modal(tok: Any) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX for c in tok.children)


def _question(tok: Any) -> bool:
    """Does the trigger's sentence end with a question mark? (``Token.sent`` walks the document
    for every call, so the answer per sentence is worked out once per document.)"""
    doc = tok.doc
    asked = doc.user_data.get(_QUESTIONS)
    if asked is None:
        asked = doc.user_data[_QUESTIONS] = [
            (s.start, s.end) for s in doc.sents if s.text.rstrip().endswith("?")]
    return any(start <= tok.i < end for start, end in asked)


_QUESTIONS = ("flashpoint", "question_sentences")
