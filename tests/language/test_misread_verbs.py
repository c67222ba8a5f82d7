"""Present-tense verbs the small model reads as nouns, repaired in the parse stage
(:mod:`flashpoint.language.misread_verbs`). Invented sentences on the real spaCy model."""
from __future__ import annotations

import pytest

from flashpoint.model import Document

pytestmark = pytest.mark.model


def _parsed(pipeline, text: str):
    return pipeline.stages[0](Document(id="t", text=text)).parse


def _word(parsed, word: str):
    return next(t for t in parsed if t.text == word)


@pytest.mark.parametrize("text, word, subject, obj", [
    ("Policemen patrol in coastal areas of Varen province to keep order.", "patrol", "Policemen", None),
    ("Suicide bombers detonate car bombs outside the police headquarters in Dorvan.", "detonate", "bombers",
     "bombs"),
    ("Soldiers patrol streets in the capital to prevent looting.", "patrol", "Soldiers", "streets"),
])
def test_a_verb_read_as_a_noun_after_a_plural_subject_is_the_clause_s_verb(pipeline, text, word, subject, obj):
    parsed = _parsed(pipeline, text)
    verb = _word(parsed, word)
    assert verb.pos_ == "VERB" and verb.dep_ == "ROOT"
    assert _word(parsed, subject).head.i == verb.i and _word(parsed, subject).dep_ == "nsubj"
    if obj is not None:
        assert _word(parsed, obj).head.i == verb.i and _word(parsed, obj).dep_ == "dobj"
    assert sum(1 for t in parsed if t.dep_ == "ROOT") == 1


@pytest.mark.parametrize("text, word", [
    ("An army patrol was ambushed near the town of Dorvan.", "patrol"),  # a determiner: a noun
    ("The police patrol boats were seized in the bay.", "patrol"),  # one noun phrase
    ("Coast guard patrol boats were seized in the bay.", "patrol"),  # no plural subject before it
])
def test_a_noun_stays_a_noun(pipeline, text, word):
    assert _word(_parsed(pipeline, text), word).pos_ == "NOUN"


def test_the_repaired_verb_carries_its_event(pipeline):
    events = pipeline(Document(id="t", text="Suicide bombers detonate car bombs outside a police station in Dorvan.")).events
    found = [e for e in events if e.trigger == "detonate"]
    assert found and found[0].cameo.startswith("18") and found[0].source is not None
