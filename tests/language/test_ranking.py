"""The rank stage's learned choice among a sentence's coded verbs (language/ranking.py,
stages/rank.py, scripts/train_event_rank.py) on sentences written for these tests."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from flashpoint.knowledge.linear import LinearModel
from flashpoint.language import ranking
from flashpoint.language.grammar import trigger_token
from flashpoint.stages import rank
from flashpoint.stages.rank import EventRanker
from tests.handmade import parsed_document, ungated

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import train_event_rank as T  # noqa: E402

TWO_ACTS = "Rebels shelled the town and seized the airport."


def test_keep_drops_the_unlikely_while_the_likeliest_stays():
    assert ranking.keep([0.9, 0.1, 0.5], 0.3) == [True, False, True]
    assert ranking.keep([0.1, 0.2], 0.3) == [False, True]  # a sentence never loses its last event
    assert ranking.keep([0.2, 0.2], 0.3) == [True, True]  # two events of one verb go together
    assert ranking.keep([None, 0.1, 0.6], 0.3) == [True, False, True]  # an unranked trigger stays
    assert ranking.keep([None, 0.1], 0.3) == [True, False]  # and keeps the sentence its event
    assert ranking.keep([None], 0.3) == [True] and ranking.keep([], 0.3) == []


def test_relations_read_how_a_clause_hangs_under_another_coded_verb():
    doc = parsed_document(["Officials", "said", "rebels", "attacked", "it"], [1, 1, 3, 1, 3],
                          ["nsubj", "ROOT", "nsubj", "ccomp", "dobj"], ["NOUN", "VERB", "NOUN", "VERB", "PRON"])
    said, attacked = doc.parse[1], doc.parse[3]
    low = ranking.relations(attacked, [said])
    assert low["under_other=ccomp"] and low["under_other"] and not low["highest"] and low["depth"] == "1"
    high = ranking.relations(said, [attacked])
    assert high["over_other=ccomp"] and high["highest"] and high["leftmost"] and high["chain"] == "ROOT"
    alone = ranking.relations(said, [])
    assert alone["others"] == "0" and "highest" not in alone


@pytest.mark.model
def test_the_stage_drops_the_verb_the_model_finds_unlikely_and_keeps_one(pipeline, monkeypatch):
    doc = ungated(pipeline, TWO_ACTS, before="acts")
    triggers = {e.trigger for e in doc.events}
    assert {"shelled", "seized"} <= triggers, triggers
    sent_events = list(doc.events)
    feats = ranking.sentence_features(sent_events, doc.parse)
    seized = next(f for e, f in zip(sent_events, feats) if e.trigger == "seized")
    assert seized["others"] == "1" and seized["dep"] == "conj" and trigger_token(sent_events[0], doc.parse) is not None
    # a model that finds every conjoined verb unlikely
    against_conj = LinearModel({"dep=conj": -6.0}, 2.0, threshold=0.5)
    monkeypatch.setattr(rank, "model", lambda: against_conj)
    kept = {e.trigger for e in EventRanker()(doc).events}
    assert kept == {"shelled"}
    # a model that finds every event unlikely still leaves the sentence its likeliest
    against_all = LinearModel({"dep=conj": -6.0}, -4.0, threshold=0.5)
    monkeypatch.setattr(rank, "model", lambda: against_all)
    assert {e.trigger for e in EventRanker()(doc).events} == kept


@pytest.mark.model
def test_a_sentence_with_one_coded_verb_is_left_alone(pipeline, monkeypatch):
    doc = ungated(pipeline, "Rebels attacked the village on Monday.", before="acts")
    assert doc.events
    monkeypatch.setattr(rank, "model", lambda: LinearModel({}, -9.0, threshold=0.99))
    assert EventRanker()(doc) is doc


def test_the_training_score_rematches_roots_among_the_kept_events():
    rows = [{"sentence": "a", "root": "19", "gold": ["19"], "set": "news"},
            {"sentence": "a", "root": "01", "gold": ["19"], "set": "news"},
            {"sentence": "b", "root": "19", "gold": [], "set": "news"}]
    assert T.score(rows, [True, True, True])["matched"] == 1
    s = T.score(rows, [True, False, True])
    assert (s["matched"], s["events"], s["precision"]) == (1, 2, 0.5)
    kept = T.kept(rows, [0.9, 0.1, 0.1], 0.3)
    assert kept == [True, False, True]  # sentence b keeps its only event


def test_the_costs_count_event_location_rows_that_lose_every_event_of_their_verb():
    rows = [{"set": "el", "sentence": "el-1#0", "rows_on": [0], "el_rows": 4, "label": 1},
            {"set": "el", "sentence": "el-1#0", "rows_on": [0], "el_rows": 4, "label": 1},
            {"set": "el", "sentence": "el-2#0", "rows_on": [0], "el_rows": 4, "label": 1},
            {"set": "plover", "sentence": "p", "label": 1}, {"set": "plover", "sentence": "q", "label": 0}]
    assert T.losses(rows, [False, True, False, True, False]) == {"el": 0.25, "plover": 0.0}
    assert T.losses(rows, [True, True, True, False, True]) == {"el": 0.0, "plover": 1.0}
