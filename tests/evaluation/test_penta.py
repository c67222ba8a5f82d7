"""The penta class of a sentence (its highest quad class, 0 with no event) and its scores."""
from __future__ import annotations

import pytest

from flashpoint.evaluation import penta
from flashpoint.evaluation.news import Coded, mistakes, score


def ev(root: str) -> Coded:
    return Coded(source="USA", target="IRN", root=root)


def test_a_sentence_takes_its_highest_quad_class():
    assert penta.sentence_class([]) == 0
    assert penta.sentence_class([ev("01")]) == 1  # a statement is verbal cooperation, as in the quad class
    assert penta.sentence_class([ev("02"), ev("07")]) == 2
    assert penta.sentence_class([ev("04"), ev("12"), ev("08")]) == 3
    assert penta.sentence_class([ev("19"), ev("05")]) == 4
    assert penta.sentence_class([ev("14")]) == 4  # protest is material conflict in the codebook


def test_an_unknown_root_is_refused():
    from flashpoint.errors import ResourceError

    with pytest.raises(ResourceError, match="codebook"):
        penta.sentence_class([ev("99")])


def test_scores_per_class_macro_and_confusion():
    gold = [0, 0, 1, 3, 4, 4]
    coded = [0, 1, 1, 4, 4, 0]
    s = penta.scores(gold, coded)
    assert s["confusion"]["0"] == {"0": 1, "1": 1, "2": 0, "3": 0, "4": 0}
    assert s["confusion"]["3"]["4"] == 1 and s["confusion"]["4"]["0"] == 1
    assert s["per_class"]["0"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "gold": 2, "coded": 2}
    assert s["per_class"]["1"]["precision"] == 0.5 and s["per_class"]["1"]["recall"] == 1.0
    assert s["per_class"]["3"]["f1"] == 0.0 and s["per_class"]["3"]["coded"] == 0
    # class 2 is neither in the gold nor coded: left out of the average of 0, 1, 3, 4
    assert s["per_class"]["4"]["f1"] == 0.5  # one of two gold 4s found, one of two coded 4s right
    assert s["macro_f1"] == round((0.5 + 2 / 3 + 0.0 + 0.5) / 4, 4)
    assert s["accuracy"] == 0.5


def test_scores_refuse_unequal_lengths_and_unknown_classes():
    with pytest.raises(ValueError, match="2 gold"):
        penta.scores([0, 1], [0])
    with pytest.raises(ValueError, match="5"):
        penta.scores([5], [0])
    assert penta.scores([], [])["macro_f1"] is None


def test_the_news_score_carries_the_penta_class_of_each_sentence():
    gold = [[ev("19"), ev("04")], [], [ev("11")], []]
    pred = [[ev("19")], [ev("01")], [ev("11"), ev("17")], []]
    s = score(gold, pred)
    assert s["penta"]["confusion"]["4"]["4"] == 1 and s["penta"]["confusion"]["0"]["1"] == 1
    assert s["penta"]["confusion"]["3"]["4"] == 1 and s["penta"]["confusion"]["0"]["0"] == 1
    assert s["penta_macro_f1"] == s["penta"]["macro_f1"]


def test_a_mistake_row_names_both_classes():
    from flashpoint.evaluation.news import GoldSentence

    g = GoldSentence(id="x", story="s", start=0, end=5, sha1="", events=(ev("04"),))
    rows = list(mistakes([g], [[ev("19")]], {"s": "words"}))
    assert rows[0]["penta"] == {"gold": 1, "coded": 4}
