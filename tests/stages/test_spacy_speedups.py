"""The spaCy speed-ups must not change a single annotation."""
from __future__ import annotations

import json

import pytest

from flashpoint.stages.spacy_speedups import compile_token, index_values, predicate

from tests.conftest import DEMO


def test_predicates_follow_matcher_semantics():
    assert predicate("NN")("NN") and not predicate("NN")("NNS")
    assert predicate({"IN": ["a", "b"]})("b") and not predicate({"IN": ["a"]})("c")
    assert predicate({"NOT_IN": [""]})("x") and not predicate({"NOT_IN": [""]})("")
    assert predicate({"REGEX": "^n'?t$"})("n't") and not predicate({"REGEX": "^n'?t$"})("not")
    assert predicate({"FUZZY": "x"}) is None
    assert compile_token({"TAG": "NN", "ORTH": "x"}) is None  # unsupported key: ruler left alone


def test_rules_are_indexed_by_lower_before_tag():
    assert index_values({"TAG": "VBZ", "LOWER": {"IN": ["is", "'s"]}}) == (1, ["is", "'s"])
    assert index_values({"TAG": "NN"}) == (0, ["NN"])
    assert index_values({"DEP": "expl"}) is None


TRICKY = (
    "Y'all gonna see it: there is nothin' they ain't done, and let's not pretend otherwise.\n\n"
    "  I told you it was him.  Do they? They did, and it has been done, but that was that.\n"
    "Whether Tehran will retaliate, analysts said, remains unclear; c'mon, we gotta go."
)


def annotations(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.norm_, t.dep_, t.head.i,
             t.ent_iob_, t.ent_type_, t.is_sent_start) for t in doc]


def test_speedups_leave_every_annotation_unchanged():
    spacy = pytest.importorskip("spacy")
    from flashpoint.stages.parse import MODEL_PACKAGE, load_nlp

    texts = [TRICKY] + [json.loads(line)["text"] for line in DEMO.read_text().splitlines() if line]
    plain = spacy.load(MODEL_PACKAGE)
    fast = load_nlp(MODEL_PACKAGE)
    assert fast is not plain
    for a, b in zip(plain.pipe(texts), fast.pipe(texts), strict=True):
        assert annotations(a) == annotations(b)
