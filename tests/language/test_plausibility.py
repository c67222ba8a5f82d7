"""The gate's learned check (language/plausibility.py) on sentences written for these tests,
parsed by the real model."""
from __future__ import annotations

import json

import pytest

from flashpoint.knowledge.linear import LinearModel
from flashpoint.language import plausibility
from flashpoint.language.grammar import trigger_token
from flashpoint.stages.gate import EventGate
from tests.handmade import ungated

pytestmark = pytest.mark.model

TEXT = ("Russian troops shelled the port of Mariupol on Tuesday. "
        "\"We will never attack our neighbours,\" the minister said.")


def test_features_read_how_the_sentence_tells_the_event(pipeline):
    doc = ungated(pipeline, TEXT)
    by_trigger = {e.trigger: e for e in doc.events}
    shelled = plausibility.features(by_trigger["shelled"], trigger_token(by_trigger["shelled"], doc.parse), doc.parse)
    assert shelled["root"] == "19" and shelled["lemma"] == "shell" and shelled["main"] is True
    assert shelled["tense"] == "Past" and not shelled["quoted"] and not shelled["first_person"]
    attack = by_trigger.get("attack")
    if attack is not None:  # the rule coder may code the denied attack; its features say how it is told
        f = plausibility.features(attack, trigger_token(attack, doc.parse), doc.parse)
        assert f["quoted"] and f["first_person"] and f.get("modal_will") and f["negated"]


def test_a_root_trigger_reads_as_the_models_were_trained(pipeline):
    """A Token is built anew at every access, so an identity test against the trigger never held:
    the shipped models (plausibility, re-typer, ranker) learnt a root trigger as head_dep ROOT and
    sentence_verb its own lemma, never a 'self' value. Giving them 'self' and retraining cost the
    PLOVER GSR check half 0.019 (docs/evaluation.md), so the features stay as trained."""
    doc = ungated(pipeline, TEXT)
    shelled = next(e for e in doc.events if e.trigger == "shelled")
    tok = trigger_token(shelled, doc.parse)
    f = plausibility.features(shelled, tok, doc.parse)
    assert tok.dep_ == "ROOT" and tok.head.i == tok.i
    assert (f["head_dep"], f["sentence_verb"], f["reported_by"]) == ("ROOT", "shell", "none")
    weights = plausibility.model().weights
    assert "head_dep=ROOT" in weights and not any(k.endswith("=self") for k in weights)

def test_the_shipped_model_reads_and_scores_within_0_and_1():
    m = plausibility.model()
    data = json.loads(plausibility.MODEL_PATH.read_text(encoding="utf-8"))
    assert 0 < m.threshold < 1 and m.weights and data["examples"] > 500
    assert 0.0 < m.probability({"root": "19", "tense": "Past", "main": True}) < 1.0


def test_a_model_that_finds_nothing_plausible_empties_the_gate_when_it_is_switched_on(pipeline, monkeypatch):
    doc = ungated(pipeline, TEXT)
    assert doc.events
    never = LinearModel({}, intercept=-50.0, threshold=0.5)
    monkeypatch.setattr(plausibility, "model", lambda: never)
    shelled = next(e for e in doc.events if e.trigger == "shelled")
    assert EventGate(learned=True).failed(shelled, doc) == "implausible"
    assert EventGate(learned=True)(doc).events == ()
    assert shelled in EventGate()(doc).events  # off by default


def test_linear_model_adds_the_weights_of_named_and_numeric_features():
    m = LinearModel({"root=19": 2.0, "main": 1.0, "words": -1.0}, intercept=-1.0, threshold=0.5)
    # -1 + 2 (root=19) + 1 (main) - 0.5 (words 0.5) = 1.5
    assert abs(m.probability({"root": "19", "main": True, "words": 0.5, "lemma": "unknown"}) - 0.8175744761936437) < 1e-12
    assert m.probability({"root": "01"}) < 0.5


def test_the_setting_switches_the_check_on_in_the_default_pipeline(monkeypatch):
    from flashpoint.coder import build_pipeline
    from flashpoint.config import load_config

    monkeypatch.setenv("FLASHPOINT_GATE_PLAUSIBILITY", "true")
    on = next(s for s in build_pipeline(load_config()).stages if s.name == "gate")
    off = next(s for s in build_pipeline(load_config(gate_plausibility=False)).stages if s.name == "gate")
    assert plausibility.implausible in on.checks and plausibility.implausible not in off.checks
