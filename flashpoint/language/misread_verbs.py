"""Present-tense verbs the small model reads as nouns, repaired in the parse.

After a plural subject a verb in its base form that is also a noun ("patrol", "march",
"detonate") is often tagged NN and hung on the noun phrase: "policemen patrol in the coastal
areas" becomes one noun phrase headed by "patrol", "suicide bombers detonate car bombs outside
the station" one headed by "bombs". The sentence then has no verb and its act is lost.
:func:`repair_misread_verbs` makes such a word the clause's verb (VERB/VBP), its plural noun the
subject and the noun it was hung on the object, in place, before any stage reads the parse.

Only words of ``verbs`` (the parse stage passes the project's own verbs of material conflict that
have no event-noun row) are repaired, only when the noun phrase stands for the whole clause (it is
the sentence's root, or the subject of a bare infinitive the parse made the root: "soldiers patrol
streets to prevent looting"), and never when the word or the subject's phrase has a determiner of
its own ("an army patrol was ambushed", "the police patrol boats").
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..resources import read_tsv

# Verbs of material conflict (CAMEO 14, 15, 17-20: protest, force posture, coercion, violence).
CONFLICT_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
# What a noun has and a verb cannot: 'the patrol', 'their march', 'two patrols', 'a night patrol'.
NOUN_MARKS = frozenset({"det", "poss", "nummod", "amod", "case", "predet"})


@lru_cache(maxsize=1)
def conflict_verbs() -> frozenset[str]:
    """The verbs of material conflict of the project's own lexicon (``resources/verbs.tsv``, rows
    with no object or preposition condition) with no event-noun row in either table: their noun
    reading is no trigger of its own."""
    needed = ("lemma", "pos", "cameo")
    nouns = {r["lemma"].lower() for path in ("verbs.tsv", "verbs_phoenix.tsv") for r in read_tsv(path, required=needed)
             if r["pos"].upper() == "N"}
    own = {r["lemma"].lower() for r in read_tsv("verbs.tsv", required=needed)
           if r["pos"].upper() == "V" and r["cameo"][:2] in CONFLICT_ROOTS and not (r.get("object") or r.get("prep"))}
    return frozenset(own - nouns)


def repair_misread_verbs(parsed: Any, candidates: list[int], verbs: frozenset[str]) -> int:
    """Repair the tokens at ``candidates`` (indices of words of ``verbs``) that the parse misread
    as nouns; returns how many were repaired."""
    repaired = 0
    for i in candidates:
        tok = parsed[i]
        found = _misread(tok, verbs)
        if found is not None:
            _make_verb(tok, *found)
            repaired += 1
    return repaired


def _misread(tok: Any, verbs: frozenset[str]) -> tuple[Any, Any] | None:
    """(subject, the noun the word was hung on or None) when ``tok`` is a verb read as a noun."""
    if tok.tag_ != "NN" or not tok.is_lower or tok.lower_ not in verbs or tok.i == tok.sent.start:
        return None
    if any(c.dep_ in NOUN_MARKS for c in tok.children):
        return None
    before = tok.doc[tok.i - 1]
    if before.pos_ not in {"NOUN", "PROPN"}:
        return None
    subject = before
    while subject.dep_ == "conj" and subject.head.i < subject.i:
        subject = subject.head  # 'police agents and soldiers patrol ...': the first conjunct
    if subject.dep_ != "compound" or not _plural(subject, before):
        return None
    if tok.dep_ == "ROOT" and subject.head.i == tok.i:
        return subject, None
    held = tok.head
    if tok.dep_ != "compound" or subject.head.i != held.i or held.i < tok.i or not _whole_clause(held):
        return None
    if any(c.dep_ in NOUN_MARKS and c.i < subject.i for c in held.children):
        return None  # 'the police patrol boats': one noun phrase
    return subject, held


def _plural(subject: Any, last: Any) -> bool:
    """Is the subject plural: a plural noun ('bombers', 'policemen') or coordinated nouns?"""
    return last.i != subject.i or any(
        t.tag_ in PLURAL_TAGS or t.lower_.endswith("men") for t in (subject, last))


def _whole_clause(noun: Any) -> bool:
    """Does the noun phrase stand for the whole clause: the sentence's root, or the subject of a
    bare infinitive made the root ('soldiers patrol streets to prevent looting')?"""
    if noun.dep_ == "ROOT":
        return True
    head = noun.head
    return noun.dep_ == "nsubj" and head.dep_ == "ROOT" and head.tag_ == "VB" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in head.children)


def _make_verb(tok: Any, subject: Any, held: Any | None) -> None:
    """Make ``tok`` the clause's verb: its subject ``subject``, its object ``held`` (the noun it
    was hung on), the root's modifiers after the object its own."""
    tok.pos_, tok.tag_ = "VERB", "VBP"
    if held is not None:
        root = held if held.dep_ == "ROOT" else held.head
        later = [c for c in root.children if c.i > held.i and c.dep_ in {"prep", "advcl", "punct", "npadvmod"}]
        tok.head, tok.dep_ = tok, "ROOT"
        if root.i != held.i:
            root.head, root.dep_ = tok, "advcl"  # 'to prevent looting': the patrol's purpose
        held.head, held.dep_ = tok, "dobj"
        for child in later:
            if child.head.i != tok.i:
                child.head = tok
    subject.head, subject.dep_ = tok, "nsubj"
