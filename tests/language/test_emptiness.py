"""The gate's sentence check ``eventless`` (language/emptiness.py) on texts written for these tests,
parsed by the real model: a writer's own story loses its events, a report keeps them."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from flashpoint.knowledge.linear import LinearModel
from flashpoint.language import emptiness
from flashpoint.language.grammar import trigger_token
from flashpoint.model import Document
from flashpoint.stages.gate import EventGate
from tests.handmade import ungated

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import train_event_sentence as T  # noqa: E402

pytestmark = pytest.mark.model

MEMOIR = ("My first job was at a newspaper in Lagos. I wrote about football and the weather. I was bored. "
          "One morning I decided that I would help Nigerian refugees, and I have never regretted it. I feel lucky.")
WIRE = "Russian troops shelled the port of Mariupol on Tuesday."
REPORT = ("Chile accused Peru of violating the border agreement, the foreign minister said on Monday. "
          "Peruvian officials rejected the claim and summoned the Chilean ambassador in Lima.")


def _event(doc, trigger):
    return next(e for e in doc.events if e.trigger == trigger)


def test_features_read_the_text_and_the_sentence(pipeline):
    memoir = ungated(pipeline, MEMOIR)
    helped = _event(memoir, "help")
    f = emptiness.features(trigger_token(helped, memoir.parse).sent, [helped], memoir.parse)
    assert f["text_fp"] == "hi" and f["text_one"] is False and f["s_fp_out"] and not f["s_quote"]
    assert f["n_events"] == "1" and f[f"root={helped.cameo[:2]}"] == 1 and 0.0 < f["pmax"] < 1.0
    wire = ungated(pipeline, WIRE)
    shelled = _event(wire, "shelled")
    g = emptiness.features(trigger_token(shelled, wire.parse).sent, [shelled], wire.parse)
    assert g["text_fp"] == "0" and g["text_one"] is True and g["s_date"] and not g["s_fp_out"]
    assert g["s_pos"] == "0" and not g["s_says"]


def test_a_writers_own_story_loses_its_event_and_reports_keep_theirs(pipeline):
    memoir = ungated(pipeline, MEMOIR)
    # the check alone (in the whole gate, a story of no war may lose this act to private_act first)
    assert EventGate(checks=(emptiness.eventless,)).failed(_event(memoir, "help"), memoir) == "eventless"
    assert "help" not in {e.trigger for e in pipeline(Document(id="m", text=MEMOIR)).events}
    for text in (WIRE, REPORT):
        doc = ungated(pipeline, text)
        assert doc.events and all(EventGate().failed(e, doc) != "eventless" for e in doc.events)


def test_every_event_of_a_sentence_found_empty_goes_and_none_otherwise(pipeline, monkeypatch):
    for intercept, expected in ((50.0, True), (-50.0, False)):
        monkeypatch.setattr(emptiness, "model", lambda i=intercept: LinearModel({}, intercept=i, threshold=0.7))
        doc = ungated(pipeline, REPORT)
        second = [e for e in doc.events if e.trigger in {"rejected", "summoned"}]
        assert len(second) == 2
        assert all((EventGate().failed(e, doc) == "eventless") is expected for e in second)


def test_the_shipped_model_reads_with_the_threshold_it_was_chosen_with():
    data = json.loads(emptiness.MODEL_PATH.read_text(encoding="utf-8"))
    m = emptiness.model()
    assert (data["C"], m.threshold) == (0.1, 0.7) and data["examples"] > 5000 and m.weights
    assert 0.0 < m.probability({"text_one": True, "s_date": True, "root=19": 1}) < 1.0


def test_the_trainers_rule_picks_the_most_empty_events_within_the_bounds(monkeypatch):
    rows = ([{"set": "news", "label": 1, "empty_events": 3, "right": 0, "wrong": 0}] * 2
            + [{"set": "news", "label": 0, "empty_events": 0, "right": 1, "wrong": 0}] * 100
            + [{"set": "el", "label": 0, "empty_events": 0, "right": 0, "wrong": 0}])
    # out-of-fold probabilities: the empty sentences 0.9 and 0.6, one right sentence 0.8, the el sentence 0.55
    probs = [0.9, 0.6, 0.8] + [0.1] * 99 + [0.55]
    monkeypatch.setattr(T, "out_of_fold", lambda rows, C: probs)
    best = T.choose(rows)["best"]
    # up to 0.55 the el sentence goes (never allowed); up to 0.8 one of 100 right events (over 0.5%) goes;
    # above, one empty sentence's 3 events, and ties go to the smallest C and the highest threshold
    assert (best["C"], best["threshold"], best["empty_events"], best["right"]) == (0.1, 0.9, 3, 0)


def test_the_setting_gate_empty_sentences_leaves_the_check_out(pipeline):
    from flashpoint.coder import build_pipeline
    from flashpoint.config import load_config

    on = next(s for s in pipeline.stages if s.name == "gate")
    off = next(s for s in build_pipeline(load_config(gate_empty_sentences=False)).stages if s.name == "gate")
    assert emptiness.eventless in on.checks and emptiness.eventless not in off.checks
    memoir = ungated(pipeline, MEMOIR)
    assert off.failed(_event(memoir, "help"), memoir) != "eventless"
