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
# Verbs that stop an act before it is done: what they govern was planned, not done ('foiled a
# suicide attack', 'the bombing was thwarted'), unless it was attempted ('foiled an attempt to').
FOILING_VERBS = {"foil", "thwart", "avert", "scupper", "preempt", "pre-empt"}
ATTEMPT_NOUNS = {"attempt", "bid"}
# Words that make an event noun an act not (yet) done: 'an anticipated US strike', 'a possible
# attack', 'the planned offensive', 'a foiled bombing'.
UNREALISED = {"anticipated", "expected", "planned", "possible", "potential", "imminent", "impending",
              "looming", "threatened", "feared", "proposed", "prospective", "would-be", "future",
              "intended", "foiled", "thwarted", "averted", "rumoured", "rumored", "mooted"}
# Modal auxiliaries and conditional subordinators: the event is contemplated, not reported.
HYPOTHETICAL_AUX = {"would", "could", "might", "may", "should", "must", "will", "shall", "'ll", "can"}
CONDITIONAL_MARKS = {"if", "unless", "whether", "lest"}


def modality_of(tok: Any) -> str:
    """The modality of the event whose trigger is ``tok``."""
    if negated(tok):
        return "negated"
    if tok.pos_ == "NOUN" and _unrealised(tok):
        return "hypothetical"
    clause = prev = tok
    for depth in range(5):
        # a conjunct is coordinate with the verb before it, not governed by it: "denied the charge
        # and accused the army" accuses; "vowed to strike and warned" warns (negation and modals
        # are shared by conjuncts and still read below)
        governs = depth and prev.dep_ != "conj"
        if governs and clause.lemma_.lower() in CLAIM_VERBS:
            return "claimed"
        if governs and clause.lemma_.lower() in DENY_VERBS:
            return "denied"
        if governs and clause.lemma_.lower() in THREAT_VERBS:
            return "threatened"
        if governs and clause.lemma_.lower() in INTENT_VERBS:
            return "hypothetical"
        if governs and clause.lemma_.lower() in FOILING_VERBS and clause.pos_ == "VERB":
            return "asserted" if _attempted(tok, clause) else "hypothetical"
        if _conditional(clause) or _modal(clause) or (depth == 0 and _question(tok)):
            return "hypothetical"
        if depth and negated(clause) and clause.pos_ == "VERB":
            return "negated"
        if clause.dep_ in {"ROOT"} or clause.head.i == clause.i:
            break
        if clause.dep_ in {"advcl"} and not _conditional(clause) or _fronted(clause):
            break
        prev, clause = clause, clause.head
    return "asserted"


def _fronted(clause: Any) -> bool:
    """Is the clause a statement of its own that the parse hung on a later verb: a clausal
    complement with its own subject, before a verb that neither reports a claim, a denial or a
    threat ('Thousands marched through the city, and more were expected elsewhere'; 'troops took
    the hill; the agency could not verify it')? What a verb of intent, a modal or a negation
    governs comes after it; a claim may come first ('rebels downed the jet, the army claimed')."""
    head = clause.head
    if clause.dep_ != "ccomp" or clause.i > head.i or head.lemma_.lower() in CLAIM_VERBS | DENY_VERBS | THREAT_VERBS:
        return False
    return any(c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children)


def _unrealised(noun: Any) -> bool:
    """'an anticipated US military strike', 'a possible attack': a modifier says the act is
    expected, planned or stopped, not done."""
    return any(c.dep_ in {"amod", "compound", "advmod"} and (c.lower_ in UNREALISED or c.lemma_.lower() in UNREALISED)
               for c in noun.children)


def _attempted(tok: Any, foiling: Any) -> bool:
    """A foiled attempt was made: 'thwarted an attempt to storm the base' (PLOVER codes the act)."""
    return any(t.lemma_.lower() in ATTEMPT_NOUNS for t in tok.ancestors
               if foiling.left_edge.i <= t.i and t.i != foiling.i and t in foiling.subtree)


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
