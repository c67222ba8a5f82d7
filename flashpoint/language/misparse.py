"""Finite verbs the small model misreads, repaired in the parse before any stage reads it.

Misreadings leave a sentence's act with no verb, so no event is coded on it:

- a past form that is also a noun, coordinated with a past verb, is read as the noun heading
  the clause, its subject as the noun's modifier: in "a settler shot and killed two men",
  "shot" becomes a noun with "settler" as its compound and "killed" as its conjunct (or the
  parse hangs "killed" on a word above). When a singular common noun with no determiner, number
  or adjective of its own after its compound is a past form of a verb (in -ed, or an irregular
  form the lemmatizer lists: "shot" -> "shoot"; not "evening") and "and" or "or" and a past verb
  follow it, it is made that verb, its compound (not a date) its subject;
- a noun with a subject or a direct object of its own is a verb the parse misread (a noun takes
  neither): "police in the west shot at a car", "the army target the town";
- a past participle read as an adjective in a sentence with no verb: "troops on Friday
  captured the town" becomes one noun phrase, "troops" its root and "captured" an adjective of
  "town". When the sentence's root is a noun before the participle with no verb of its own and
  no verb of the sentence is finite, the participle is made the clause's verb, the root its subject and the noun it
  described its object; and a present participle read as an adjective right after the root
  "be" of a progressive ("police are patrolling crowded markets") is made the verb "be" helps;
- a present participle after a comma, with an object, hung on the noun before it ("captured
  the villages of X and Y, killing twenty fighters"), is made an adverbial clause of the verb;
- a subject hung on the phrase that opens the sentence: in "according to a report from X, the
  rebels stormed Y" or "led by X, the army stormed Y" the parse reads the noun phrase after the
  comma as an apposition or a conjunct of the opening phrase's last noun, and the finite verb after
  it has no subject. The noun phrase is made the verb's subject.

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
            if tok.pos_ == "NOUN" and (_coordinated_past(tok, lemmatizer) or _governing_noun(tok, lemmatizer)):
                repaired += 1
            elif tok.pos_ == "VERB" and tok.dep_ == "amod" and _adjective_verb(tok, sent):
                repaired += 1
            elif tok.tag_ == "VBG" and tok.dep_ == "acl" and _comma_participle(tok):
                repaired += 1
            elif tok.tag_ == "NN" and _present_after_plural(tok, sent, lemmatizer):
                repaired += 1
            elif tok.pos_ in {"VERB", "AUX"} and tok.dep_ in {"ROOT", "ccomp"} and _lost_subject(tok, sent):
                repaired += 1
    return repaired


def _coordinated_past(tok: Any, lemmatizer: Any) -> bool:
    """'a settler shot and killed two men': the noun 'shot' is the verb 'shoot', 'settler' its
    subject (a determiner or adjective before the subject is the subject's)."""
    if tok.tag_ != "NN" or not tok.is_lower:
        return False
    kids = list(tok.children)
    subject = max((c for c in kids if c.dep_ == "compound" and c.i < tok.i), key=lambda c: c.i, default=None)
    if subject is None or subject.ent_type_ in {"DATE", "TIME"} or any(
            c.dep_ in NOUN_MARKS and c.i > subject.i for c in kids):
        return False  # 'the shot', 'a warning shot': a noun
    verb = _coordinated_verb(tok)
    if verb is None:
        return False
    lemma = _verb_lemma(tok, lemmatizer)
    if lemma is None:
        return False
    tok.pos_, tok.tag_, tok.lemma_ = "VERB", "VBD", lemma
    subject.dep_ = "nsubj"
    for c in (tok.doc[tok.i + 1], verb):  # 'shot and killed': the verb is coordinated with it
        if c.head.i != tok.i:
            c.head = tok
    for c in kids:
        if c.i < subject.i and c.dep_ in NOUN_MARKS | {"compound"} and c.left_edge.i >= subject.left_edge.i - 3:
            c.head = subject  # 'a settler': the determiner is the subject's
    return True


def _governing_noun(tok: Any, lemmatizer: Any) -> bool:
    """'police in the west shot at a car', 'the army target the town': a noun with a subject or
    a direct object of its own is a verb the parse misread (a noun takes neither)."""
    if tok.tag_ not in {"NN", "NNS"} or not tok.is_lower or any(c.dep_ in NOUN_MARKS for c in tok.children):
        return False
    if not any(c.dep_ in {"nsubj", "dobj"} for c in tok.children):
        return False
    lemma = _verb_lemma(tok, lemmatizer, past=False)
    if lemma is None:
        return False
    tag = "VBP" if lemma == tok.lower_ else "VBG" if tok.lower_.endswith("ing") else "VBZ" if tok.tag_ == "NNS" else "VBD"
    tok.pos_, tok.tag_, tok.lemma_ = "VERB", tag, lemma
    if not any(c.dep_ == "nsubj" for c in tok.children):
        subject = max((c for c in tok.children if c.dep_ == "compound" and c.i < tok.i), key=lambda c: c.i, default=None)
        if subject is not None:
            subject.dep_ = "nsubj"  # 'Canadian ace X shoots down 29 planes'
    return True


def _present_after_plural(tok: Any, sent: Any, lemmatizer: Any) -> bool:
    """'policemen patrol in the capital', 'suicide bombers detonate car bombs outside X': the
    style of captions and headlines, a plural noun with no determiner and a verb's plain form
    after it, read as one noun phrase. With no finite verb before it in the sentence and none the
    plural is already the subject of, the form is made the verb, the plural its subject and the
    noun it was read as describing ('car bombs') its object."""
    if tok.i == sent.start or not tok.is_lower or any(c.dep_ in NOUN_MARKS for c in tok.children):
        return False
    subject = tok.doc[tok.i - 1]
    if subject.tag_ not in {"NNS", "NNPS"} and not subject.lower_.endswith(("men", "people")) \
            or subject.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"} \
            or any(c.dep_ in {"det", "poss", "nummod"} for c in subject.children):
        return False  # 'the police patrol boats', 'two army patrol vehicles': nouns
    if any(t.tag_ in FINITE_TAGS or t.pos_ == "AUX" for t in sent[: tok.i - sent.start]):
        return False
    if _verb_lemma(tok, lemmatizer, past=False) != tok.lower_:
        return False
    obj = tok.head if tok.dep_ == "compound" and tok.head.i > tok.i and tok.head.pos_ in NOUNS else None
    heads = {subject.i: tok.i}
    later = []
    if obj is not None:
        later = [c for c in obj.children if c.i > obj.i and c.dep_ in {"prep", "advcl", "acl", "punct", "npadvmod"}]
        heads.update({tok.i: tok.i if obj.dep_ == "ROOT" else obj.head.i, obj.i: tok.i})
        heads.update({c.i: tok.i for c in later})
    if not _a_tree(sent, heads):
        return False  # the misreading is tangled further than one noun phrase
    tok.pos_, tok.tag_, tok.lemma_ = "VERB", "VBP", tok.lower_
    if obj is not None:
        tok.dep_ = obj.dep_
        tok.head = tok if obj.dep_ == "ROOT" else obj.head
        obj.head, obj.dep_ = tok, "dobj"
        for c in later:
            c.head = tok
    subject.head, subject.dep_ = tok, "nsubj"
    return True


SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
OWN_BEFORE = frozenset({"aux", "auxpass", "advmod", "neg"})  # a verb's own words before it: 'have reportedly'


def _lost_subject(tok: Any, sent: Any) -> bool:
    """'according to a report from X, the rebels and their allies stormed Y', 'in X, north of
    Y, a man and his son were shot': a finite verb with no subject right after a noun phrase
    that follows a comma and hangs, as an apposition or a conjunct, on a word before that comma.
    The noun phrase is the verb's subject (of a passive, its passive subject)."""
    kids = list(tok.children)
    if any(c.dep_ in SUBJECTS for c in kids):
        return False
    if tok.tag_ not in FINITE_TAGS - {"MD"} and not any(
            c.dep_ in {"aux", "auxpass"} and c.tag_ in FINITE_TAGS for c in kids):
        return False  # an imperative, an infinitive or a participle needs no subject of its own
    doc = tok.doc
    end = tok.i - 1
    while end >= sent.start and doc[end].head.i == tok.i and doc[end].dep_ in OWN_BEFORE:
        end -= 1
    if end <= sent.start:
        return False
    noun = doc[end]
    while not _hung_after_comma(noun, end, sent.start):
        if noun.head.i == noun.i or noun.head.i > end or noun.head.i < sent.start:
            return False
        noun = noun.head  # up to the phrase's head: 'the rebels and their allies' hangs by 'rebels'
    if not _a_tree(sent, {noun.i: tok.i}):
        return False
    passive = any(c.dep_ == "auxpass" for c in kids)
    noun.head, noun.dep_ = tok, "nsubjpass" if passive else "nsubj"
    return True


def _hung_after_comma(noun: Any, end: int, start: int) -> bool:
    """Is ``noun`` a noun phrase ending at ``end`` that follows a comma and hangs, as an
    apposition or a conjunct, on a word before that comma?"""
    comma = noun.left_edge.i - 1
    return noun.dep_ in {"appos", "conj"} and noun.pos_ in NOUNS | {"PRON"} and noun.right_edge.i == end \
        and comma > start and noun.doc[comma].text == "," and noun.head.i < comma


def _a_tree(sent: Any, heads: dict[int, int]) -> bool:
    """Do the sentence's heads, with ``heads`` (token index -> new head index) changed, still
    lead every token to a root?"""
    for t in sent:
        i, steps = t.i, 0
        while steps <= len(sent):
            up = heads.get(i, sent.doc[i].head.i)
            if up == i:
                break
            i, steps = up, steps + 1
        else:
            return False
    return True


def _coordinated_verb(tok: Any) -> Any | None:
    """The past verb coordinated with ``tok`` right after it ('shot and killed'), which the
    parse may hang on the noun or on a word the noun depends on; not a passive with its agent
    ('a rabbi shot and killed by militants')."""
    doc = tok.doc
    if tok.i + 2 >= len(doc) or doc[tok.i + 1].lower_ not in {"and", "or"}:
        return None
    verb = doc[tok.i + 2]
    if verb.pos_ != "VERB" or verb.tag_ not in PAST_TAGS or verb.dep_ != "conj" \
            or verb.head.i != tok.i and not verb.head.is_ancestor(tok):
        return None
    return None if any(c.dep_ == "agent" for c in verb.children) else verb


def _verb_lemma(tok: Any, lemmatizer: Any, *, past: bool = True) -> str | None:
    """The lemma of the word read as a verb, when it is a past form ('shot' -> 'shoot': in -ed or
    an irregular form the lemmatizer lists; not 'evening' -> 'even'); unless ``past``, also a
    present form ('target', 'shoots' -> 'shoot')."""
    pos = tok.pos_
    tok.pos_ = "VERB"
    try:
        lemmas = lemmatizer.rule_lemmatize(tok)
    finally:
        tok.pos_ = pos
    lemma = lemmas[0] if lemmas else tok.lower_
    word = tok.lower_
    if not past and (lemma == word or word in {lemma + "s", lemma + "es"}):
        return lemma
    if lemma == word or word.endswith("ing"):
        return None
    return lemma if word.endswith("ed") or word in _irregular(lemmatizer) else None


def _irregular(lemmatizer: Any) -> Any:
    """The verb forms the lemmatizer lists as exceptions ('shot', 'fought', 'hit')."""
    return lemmatizer.lookups.get_table("lemma_exc").get("verb", {})


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
    if any(c.pos_ in {"VERB", "AUX"} for c in root.children):
        return False  # 'democracy risks being undermined by rigged elections': a root with a verb is one

    if any(t.tag_ in FINITE_TAGS for t in sent if t.i != tok.i):
        return False  # another finite verb: 'toured captured bases' is an adjective
    if any(c.dep_ in NOUN_MARKS and c.dep_ != "amod" for c in described.children if c.i < tok.i):
        return False  # 'the captured town': the participle sits inside the noun phrase
    _make_root(tok, root, described, helper=False)
    return True


def _comma_participle(tok: Any) -> bool:
    """'captured the villages of X and Y, killing twenty fighters': a present participle after a
    comma that the parse hung on the last noun (with an object of its own) is the clause's, an
    adverbial clause of the nearest verb above that noun."""
    if tok.i == 0 or tok.doc[tok.i - 1].text != "," or not any(c.dep_ == "dobj" for c in tok.children):
        return False
    noun = tok.head
    if noun.pos_ not in NOUNS or noun.dep_ in {"nsubj", "nsubjpass"}:
        return False  # 'fighters, seizing the town, ...': it describes the subject
    verb = next((a for a in noun.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    if verb is None or any(t.tag_ in FINITE_TAGS for t in tok.doc[verb.i + 1:tok.i] if t.pos_ in {"VERB", "AUX"}):
        return False
    tok.head, tok.dep_ = verb, "advcl"
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
