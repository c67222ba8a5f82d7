"""The argument-fit features and the gate's learned check ``unfit`` (flashpoint.language.fitness), on texts
written for these tests and parsed by the real model."""
from __future__ import annotations

import pytest

from flashpoint.language.fitness import MODEL_PATH, _model, features, kind_of, unfit
from flashpoint.language.grammar import trigger_token
from flashpoint.model import Document
from flashpoint.stages.gate import CHECKS, Seen

pytestmark = pytest.mark.model


def _before_gate(pipeline, text: str) -> Document:
    doc = Document(id="t", text=text)
    for stage in pipeline.stages:
        if stage.name == "gate":
            break
        doc = stage(doc)
    return doc


def _features(pipeline, text: str, trigger: str) -> dict:
    doc = _before_gate(pipeline, text)
    event = next((e for e in doc.events if e.trigger == trigger), None)
    assert event is not None, f"the coder no longer codes {trigger!r}: rewrite the test sentence"
    return features(event, trigger_token(event, doc.parse), doc.parse)


def test_a_figure_as_the_object_is_a_measure(pipeline):
    f = _features(pipeline, "Figures released on Monday showed that Canada and Japan hit the 2% defence spending "
                            "target.", "hit")
    assert f["object"] == "measure"
    assert f["root_object"] == f"{f['root']}:measure"


def test_an_abstract_subject_and_a_source_read_from_its_phrase(pipeline):
    f = _features(pipeline, "For Germany, cooperation with Poland offered a chance to rebuild trust.", "offered")
    assert f["subject"] == "abstract"
    assert f.get("source_where") in {None, "inphrase"}  # a source, if any, is read from the subject's phrase


@pytest.mark.parametrize(("text", "word", "kind"), [
    ("The rebels shelled the town of Idlib.", "rebels", "armed"),
    ("The government of Chad banned the rally.", "government", "body"),
    ("Villagers fled the fighting.", "Villagers", "people"),
    ("The invasion of the island began.", "invasion", "abstract"),
    ("France sent $3bn to the fund.", "$", "figure"),
    ("Turkey shelled the village.", "Turkey", "PROPN:GPE"),
])
def test_kinds_of_argument_heads(pipeline, text, word, kind):
    doc = _before_gate(pipeline, text)
    tok = next(t for t in doc.parse if t.text == word)
    head = tok.head if tok.pos_ == "SYM" else tok  # '$3bn': the parser heads the sum with its number
    assert kind_of(tok if kind != "figure" else head) == kind


def test_the_check_follows_the_packaged_model(pipeline):
    assert MODEL_PATH.exists() and 0.0 < _model().threshold < 1.0
    assert unfit in CHECKS
    doc = _before_gate(pipeline, "Officials in Ankara said the army shelled the village of Afrin on Monday.")
    seen = Seen.of(doc)
    assert doc.events
    for e in doc.events:
        tok = trigger_token(e, doc.parse)
        p = _model().probability(features(e, tok, doc.parse))
        assert unfit(e, tok, seen) == (p < _model().threshold)
