"""The classify stage's learned re-typer of the CAMEO root (language/retype.py) on sentences
written for these tests, parsed by the real model."""
from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

import pytest

from flashpoint.language import retype
from flashpoint.knowledge.linear import SoftmaxModel
from flashpoint.model import Document
from flashpoint.stages.classify import EventTypeClassifier
from flashpoint.stages.retype import EventRetyper
from flashpoint.language.grammar import trigger_token
from tests.handmade import ungated

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import train_event_root as T  # noqa: E402

TEXT = "Russian troops shelled the port of Mariupol on Tuesday."


def _before_classify(pipeline, text: str) -> Document:
    return ungated(pipeline, text, before="classify")


def test_softmax_model_sums_named_and_numeric_weights_per_class():
    m = SoftmaxModel(["01", "19"], [0.0, 0.0], {"root=19": [0.0, 2.0], "words": [1.0, 0.0]}, threshold=0.5)
    p = m.probabilities({"root": "19", "words": 0.5, "unknown": "x"})
    assert set(p) == {"01", "19"} and abs(sum(p.values()) - 1) < 1e-9
    assert abs(p["19"] - 1 / (1 + 2.718281828459045 ** -1.5)) < 1e-9


@pytest.mark.model
def test_a_confident_model_gives_the_most_general_code_of_its_root(pipeline, monkeypatch):
    doc = _before_classify(pipeline, TEXT)
    shelled = next(e for e in doc.events if e.trigger == "shelled")
    shelled = dataclasses.replace(shelled, cameo="190")  # a general code (194, specific, would be kept)
    doc = dataclasses.replace(doc, events=(shelled,))
    tok = trigger_token(shelled, doc.parse)
    f = retype.features(shelled, tok, doc.parse)
    assert f["cameo"] == shelled.cameo and f["dobj=port"] and f["lemma"] == "shell"
    to_14 = SoftmaxModel(["14", shelled.cameo[:2]], [3.0, 0.0], {}, threshold=0.9)
    monkeypatch.setattr(retype, "model", lambda: to_14)
    moved = retype.retyped(shelled, tok, doc.parse)
    assert (moved.cameo, moved.plover_type, moved.quad_class, moved.goldstein) == ("14", "PROTEST", 4, -6.5)
    assert retype.retyped(shelled, tok, doc.parse, threshold=0.99) == shelled  # p = 0.95: below
    assert any(e.cameo == "14" for e in EventRetyper()(doc).events)
    assert not any(e.cameo == "14" for e in EventTypeClassifier()(doc).events)  # classify does not re-root


@pytest.mark.model
def test_specific_codes_of_violence_keep_their_root_whatever_the_model_says(pipeline, monkeypatch):
    doc = _before_classify(pipeline, "Gunmen assassinated the mayor of the town on Monday.")
    killing = next(e for e in doc.events if e.trigger == "assassinated")
    assert killing.cameo == "186" and retype.kept("186") and retype.kept("1831") and not retype.kept("190")
    tok = trigger_token(killing, doc.parse)
    monkeypatch.setattr(retype, "model", lambda: SoftmaxModel(["19", "18"], [5.0, 0.0], {}, threshold=0.5))
    assert retype.retyped(killing, tok, doc.parse) == killing  # 186 stays, though the model says 19
    generic = dataclasses.replace(killing, cameo="180")
    assert retype.retyped(generic, tok, doc.parse).cameo == "19"  # a general code of violence is re-typed


def test_the_shipped_model_reads_and_gives_probabilities():
    m = retype.model()
    data = json.loads(retype.MODEL_PATH.read_text(encoding="utf-8"))
    assert 0.5 <= m.threshold < 1 and data["labelled"] > 500 and "19" in m.classes
    p = m.probabilities({"root": "19", "lemma": "shell", "tense": "Past"})
    assert abs(sum(p.values()) - 1) < 1e-9 and max(p, key=p.get) == "19"


def test_training_labels_are_the_root_of_the_overlapping_hand_coded_trigger():
    class Ev:
        trigger_start, trigger = 110, "attacked"
    triggers = [(0, 4, "01"), (12, 20, "19"), (14, 18, "13")]
    assert T.label(Ev(), 100, triggers) == "19"  # the first hand-coded trigger it overlaps
    assert T.label(Ev(), 200, triggers) is None
    rows = [{"sentence": "a", "root": "01", "gold": ["19", "19"]}, {"sentence": "a", "root": "19", "gold": ["19", "19"]}]
    assert T.matched(rows, [{"19": 0.9, "01": 0.1}, {}], 0.8) == (2, 2, 1)
    assert T.matched(rows, [{"19": 0.9, "01": 0.1}, {}], 0.95) == (1, 2, 0)


def test_a_military_de_escalation_keeps_its_code():
    from flashpoint.language import retype

    assert retype.kept("087") and retype.kept("0874") and retype.kept("0871")
    assert not retype.kept("083") and not retype.kept("08") and not retype.kept("036")


def _plover_row(sentence: str, root: str, plover: str, gold: str, *, main: bool) -> dict:
    return {"story": f"plover-{sentence}", "root": root, "plover": plover, "gold_plover": gold, "main": main,
            "features": {"cameo": root + "0"}, "label": None, "set": "plover"}


def test_the_plover_bound_counts_each_sentence_s_scored_event_once():
    rows = [_plover_row("a", "03", "AGREE", "AGREE", main=True),  # right, turned to 04 (CONSULT): a loss
            _plover_row("b", "10", "REQUEST", "REQUEST", main=True),  # left alone
            _plover_row("b", "17", "COERCE", "ASSAULT", main=False),  # turned right, but the score never reads it
            _plover_row("b", "17", "COERCE", "ASSAULT", main=False)]  # its duplicate on the same trigger
    probs = [{"04": 0.9}, {}, {"19": 0.9}, {"19": 0.9}]
    assert T.plover_loss(rows, probs, 0.8) == 0.5  # one of two sentences lost; counted by event, -0.25
    assert T.plover_loss(rows, probs, 0.95) == 0.0
    rows[0]["main"], rows[2]["main"] = False, True
    assert T.plover_loss(rows, probs, 0.8) == -0.5  # the scored event turned right is a gain
    del rows[1]["main"]
    with pytest.raises(SystemExit, match="delete it"):
        T.plover_loss(rows, probs, 0.8)


def test_the_plover_bound_reads_the_model_the_script_writes():
    rows = [{"features": {"w": w, "x": k % 3}, "label": lab, "story": f"s{k}", "set": "news"}
            for k, (w, lab) in enumerate([("a", "19"), ("b", "01"), ("c", "04")] * 6 + [("a", "01"), ("b", "19")])]
    rows.append({"features": {"w": "a", "x": 1}, "label": None, "story": "plover-1", "set": "plover"})
    written = T.fit(rows, 1.0)
    m = SoftmaxModel(written["classes"], written["intercepts"], written["weights"], threshold=0.5)
    shipped = T.shipped_probabilities(rows, 1.0)
    for r, p in zip(rows, shipped):
        assert p.keys() == m.probabilities(r["features"]).keys()
        assert all(abs(p[c] - q) < 1e-3 for c, q in m.probabilities(r["features"]).items())
    assert shipped[-1]["19"] > 0.5
