"""Stage statements and its learned decision (language/statements.py, stages/statements.py,
scripts/train_statements.py) on sentences written for these tests."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from flashpoint.coder import build_pipeline
from flashpoint.config import Config
from flashpoint.knowledge.linear import LinearModel
from flashpoint.language import statements as lang
from flashpoint.language.arguments import index_actors
from flashpoint.model import Document
from flashpoint.stages import statements

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import train_statements as T  # noqa: E402

ACCEPT = LinearModel({}, 5.0, threshold=0.5)  # takes every candidate
REJECT = LinearModel({}, -5.0, threshold=0.5)


def coded(pipeline, text: str) -> list[tuple[str, str | None, str | None, str]]:
    doc = pipeline(Document(id="t", text=text))
    return [(e.cameo, e.source.code if e.source else None, e.target.code if e.target else None, e.trigger)
            for e in doc.events]


def test_own_code_keeps_a_statement_or_appeal_row_and_reads_any_other_as_010():
    assert lang.own_code("say") == "010"
    assert lang.own_code("warn") == "010"  # its bare row is a threat (130): a statement here
    assert lang.verb_root("warn") == "13" and lang.verb_root("nonsuchverb") == "none"


def test_the_threshold_rule_takes_the_lowest_threshold_each_set_passes():
    rows = [{"set": "news", "label": 1}, {"set": "news", "label": 0}, {"set": "news", "label": 1},
            {"set": "wire", "label": 0}]
    probs = [0.9, 0.3, 0.6, 0.2]
    cv = T.choose(rows, probs, {"news": 0.7, "wire": 0.5})
    # at 0.05-0.2 news is right 2 of 3 and wire 0 of 1; at 0.25-0.3 wire fires nothing, news still 2 of 3
    assert cv["threshold"] == 0.35 and cv["chosen"]["by_set"]["news"] == {
        "fired": 2, "right": 2, "positives": 2, "precision": 1.0}
    assert cv["chosen"]["by_set"]["wire"]["precision"] is None


def test_root_precision_is_the_news_scores_multiset_match():
    rows = [{"set": "news", "summary": True, "coded": ["19", "19", "01"], "gold": ["19", "11"]},
            {"set": "wire", "summary": True, "coded": [], "gold": ["19"]}]
    assert T.root_precision(rows, "news") == pytest.approx(1 / 3)
    assert T.root_precision(rows, "wire") == 0.0


@pytest.mark.model
def test_features_read_the_speaker_and_what_is_said(pipeline):
    doc = pipeline(Document(id="t", text="Norway said on Tuesday that it would not reopen the border crossings."))
    sent = next(iter(doc.parse.sents))
    coded = lang.coded_triggers([e for e in doc.events if e.sentence_index == 0], doc.parse)
    found = list(lang.candidates(sent, index_actors(doc.tokens, doc.actors), coded))
    assert [(t.text, a.code) for t, a in found] == [("said", "NOR")]
    f = lang.features(found[0][0], found[0][1], coded)
    assert f["lemma"] == "say" and f["kind"] == "state" and f["dep"] == "ROOT" and f["early"]
    assert f["comp"] == "ccomp" and f["comp_modal"] and f["comp_neg"] and not f["comp_num"]


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "Residents said the market was quiet on Tuesday.",  # civilians
    "Norwegians say the winter was the coldest in years.",  # a people, not its state
    "A senior Norwegian official said the talks were going well.",  # an unnamed official
    "The former Norwegian envoy Lars Berg said the talks had been a mistake.",  # out of office
    "“Norway will not stay silent,” a reader wrote to the paper.",
])
def test_no_candidate_without_a_named_political_speaker_in_role(pipeline, text):
    doc = pipeline(Document(id="t", text=text))
    by_token = index_actors(doc.tokens, doc.actors)
    assert [t.text for s in doc.parse.sents for t, _ in lang.candidates(s, by_token, {})] == []


@pytest.mark.model
def test_the_stage_codes_what_the_model_accepts_and_nothing_it_rejects(pipeline, monkeypatch):
    text = "Norway insisted that the border crossings remained open to traders."
    monkeypatch.setattr(statements, "model", lambda: ACCEPT)
    assert coded(pipeline, text) == [("010", "NOR", None, "insisted")]
    monkeypatch.setattr(statements, "model", lambda: REJECT)
    assert coded(pipeline, text) == []


@pytest.mark.model
def test_an_accepted_statement_is_asserted_and_no_verb_of_saying_gets_two_events(pipeline, monkeypatch):
    monkeypatch.setattr(statements, "model", lambda: ACCEPT)
    assert [c for c in coded(pipeline, "Norway did not say whether the talks would resume.") if c[0] == "010"] == []
    warned = coded(pipeline, "Norway warned Sweden against any attack on its border posts.")
    assert [c[3] for c in warned].count("warned") == 1  # the verb's own threat event, no statement beside it


@pytest.mark.model
def test_whom_it_was_told_to_is_no_target(pipeline, monkeypatch):
    monkeypatch.setattr(statements, "model", lambda: ACCEPT)
    assert coded(pipeline, "Norway told Swedish radio on Monday that the talks would resume.") \
        == [("010", "NOR", None, "told")]


def test_the_packaged_model_has_weights_and_a_threshold():
    m = lang.model()
    assert 0 < m.threshold < 1 and m.weights


def test_the_stage_is_switched_off_by_config():
    off = build_pipeline(Config(code_statements=False))
    assert "statements" not in off.names
