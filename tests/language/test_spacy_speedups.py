"""The spaCy speed-ups must not change a single annotation."""
from __future__ import annotations

import json

import pytest

from flashpoint.language.spacy_speedups import compile_token, index_values, predicate

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


@pytest.fixture(scope="module")
def plain():
    spacy = pytest.importorskip("spacy")
    from flashpoint.stages.parse import MODEL_PACKAGE

    return spacy.load(MODEL_PACKAGE)


@pytest.fixture(scope="module")
def fast():
    from flashpoint.stages.parse import MODEL_PACKAGE, load_nlp

    return load_nlp(MODEL_PACKAGE)


def test_speedups_leave_every_annotation_unchanged(plain, fast):
    texts = [TRICKY] + [json.loads(line)["text"] for line in DEMO.read_text().splitlines() if line]
    assert fast is not plain
    for a, b in zip(plain.pipe(texts), fast.pipe(texts), strict=True):
        assert annotations(a) == annotations(b)


def test_lemmatizer_remembers_lemmas_and_gives_spacys(plain, fast):
    lemmatizer = fast.get_pipe("lemmatizer")
    assert type(lemmatizer).__name__.startswith("Array")  # the array path is the one in use
    lemmatizer.known_lemmas.clear()
    expected = [t.lemma_ for t in plain(TRICKY)]
    assert [t.lemma_ for t in fast(TRICKY)] == expected  # each (ORTH, POS, MORPH) lemmatized
    assert lemmatizer.known_lemmas  # ... and remembered
    assert [t.lemma_ for t in fast(TRICKY)] == expected  # from what it remembered
    docs = list(fast.pipe([TRICKY, "", " "]))  # nlp.pipe goes through Pipe.pipe; empty docs too
    assert [t.lemma_ for t in docs[0]] == expected and len(docs[1]) == 0


def test_lemmatizer_keeps_lemmas_the_ruler_set(plain, fast):
    """'ai' in "ain't" gets its lemma from the attribute ruler; overwrite is off."""
    text = "They ain't done, y'all."
    assert [t.lemma_ for t in fast(text)] == [t.lemma_ for t in plain(text)]
