"""Finite verbs the small model misreads, repaired in the parse before any stage reads it.

Two misreadings leave a sentence's act with no verb, so no event is coded on it:

- a past form that is also a noun, coordinated with a past verb, is read as the noun heading
  the clause, its subject as the noun's modifier: in "a settler shot and killed two men",
  "shot" becomes a noun with "settler" as its compound and "killed" as its conjunct. When a
  singular common noun with no determiner, number or adjective of its own has a past-tense verb
  reading (the lemmatizer gives another lemma for it as a verb: "shot" -> "shoot") and a past
  verb coordinated with it by "and" or "or", it is made that verb, its compound its subject;
- a past participle read as an adjective in a sentence with no verb: "troops on Friday
  captured the town" becomes one noun phrase, "troops" its root and "captured" an adjective of
  "town". When the sentence's root is a noun before the participle and no verb of the sentence
  is finite, the participle is made the clause's verb, the root its subject and the noun it
  described its object; and a present participle read as an adjective right after the root
  "be" of a progressive ("police are patrolling crowded markets") is made the verb "be" helps.

:func:`repair` changes the tokens in place (their tag, part of speech, lemma, head and label)
and returns how many it repaired.
"""
from __future__ import annotations

from typing import Any

# What a noun has and a verb cannot: 'the shot', 'his shot', 'two shots', 'a warning shot'.
NOUN_MARKS = frozenset({"det", "poss", "nummod", "amod", "case", "predet"})
PAST_TAGS = frozenset({"VBD", "VBN"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
NOUNS = frozenset({"NOUN", "PROPN"})


def repair(parsed: Any, lemmatizer: Any) -> int:
    """Repair the misread verbs of a spaCy ``Doc`` in place; ``lemmatizer`` is the pipeline's
    rule lemmatizer (it gives a word's lemma as a verb). Returns the number of repairs."""
    repaired = 0
    for sent in list(parsed.sents):
        for tok in list(sent):
            if tok.pos_ == "NOUN" and _coordinated_past(tok, lemmatizer):
                repaired += 1
            elif tok.pos_ == "VERB" and tok.dep_ == "amod" and _adjective_verb(tok, sent):
                repaired += 1
    return repaired


def _coordinated_past(tok: Any, lemmatizer: Any) -> bool:
    """'a settler shot and killed two men': the noun 'shot' is the verb 'shoot', 'settler' its
    subject (a determiner or adjective before the subject is the subject's)."""
    if tok.tag_ != "NN" or not tok.is_lower:
        return False
    kids = list(tok.children)
    subject = max((c for c in kids if c.dep_ == "compound" and c.i < tok.i), key=lambda c: c.i, default=None)
    if subject is None or any(c.dep_ in NOUN_MARKS and c.i > subject.i for c in kids):
        return False  # 'the shot', 'a warning shot': a noun
    verb = next((c for c in kids if c.dep_ == "conj" and c.pos_ == "VERB" and c.tag_ in PAST_TAGS), None)
    if verb is None or not any(c.dep_ == "cc" and c.lower_ in {"and", "or"} and c.i < verb.i for c in kids):
        return False
    lemma = _verb_lemma(tok, lemmatizer)
    if lemma is None:
        return False
    tok.pos_, tok.tag_, tok.lemma_ = "VERB", "VBD", lemma
    subject.dep_ = "nsubj"
    for c in kids:
        if c.i < subject.i and c.dep_ in NOUN_MARKS | {"compound"} and c.left_edge.i >= subject.left_edge.i - 3:
            c.head = subject  # 'a settler': the determiner is the subject's
    return True


def _verb_lemma(tok: Any, lemmatizer: Any) -> str | None:
    """The lemma of the word read as a verb, when it is a past form ('shot' -> 'shoot')."""
    pos = tok.pos_
    tok.pos_ = "VERB"
    try:
        lemmas = lemmatizer.rule_lemmatize(tok)
    finally:
        tok.pos_ = pos
    lemma = lemmas[0] if lemmas else tok.lower_
    return lemma if lemma != tok.lower_ and (tok.lower_.endswith("ed") or lemma[:1] == tok.lower_[:1]) else None


def _adjective_verb(tok: Any, sent: Any) -> bool:
    """'troops on Friday captured the town' (a verbless sentence) and 'police are patrolling
    crowded markets' (a progressive): the adjective is the clause's verb."""
    root = sent.root
    described = tok.head
    if described.i < tok.i or described.pos_ not in NOUNS:
        return False
    if tok.tag_ == "VBG" and root.lemma_ == "be" and root.i == tok.i - 1 and root.pos_ == "AUX":
        _make_root(tok, root, described, helper=True)
        return True
    if tok.tag_ not in PAST_TAGS or root.pos_ not in NOUNS or root.i > tok.i:
        return False
    if any(t.tag_ in FINITE_TAGS for t in sent if t.i != tok.i):
        return False  # another finite verb: 'toured captured bases' is an adjective
    if any(c.dep_ in NOUN_MARKS and c.dep_ != "amod" for c in described.children if c.i < tok.i):
        return False  # 'the captured town': the participle sits inside the noun phrase
    _make_root(tok, root, described, helper=False)
    return True


def _make_root(tok: Any, root: Any, described: Any, *, helper: bool) -> None:
    """Make ``tok`` the sentence's verb: ``root`` its subject (or, with ``helper``, its
    auxiliary, the root's subject its own), ``described`` its object, the words after it that
    hung on the old root its own."""
    later = [c for c in root.children if c.i > tok.i and c.dep_ in {"prep", "advcl", "punct", "npadvmod", "attr"}]
    kids = [c for c in root.children if c.dep_ in {"nsubj", "nsubjpass", "aux", "neg", "advmod"} and c.i < tok.i]
    tok.pos_ = "VERB"
    tok.tag_ = "VBG" if helper else "VBD"
    tok.head, tok.dep_ = tok, "ROOT"
    obj = next((c for c in later if c.dep_ == "attr"), described) if helper else described
    if helper:
        root.head, root.dep_ = tok, "aux"
        for c in kids:
            c.head = tok
    else:
        root.head, root.dep_ = tok, "nsubj"
    for c in later:
        if c.i != obj.i and c.head.i != tok.i:
            c.head = tok
    if obj.head.i != tok.i:
        obj.head = tok
    obj.dep_ = "dobj"
