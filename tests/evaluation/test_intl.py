"""The international news gold's scorer: GeoWebNews articles read from the shared file, coded
whole, their gold sentences scored as the news gold, reported as a check half only."""
from __future__ import annotations

import json

import pytest

from flashpoint.errors import MalformedRecord
from flashpoint.evaluation import geo, intl
from flashpoint.evaluation.news import text_sha1
from tests.conftest import need_shared

pytestmark = pytest.mark.model


def _record(path, events: list, *, span: tuple[int, int] = (0, 60)) -> dict:
    art = geo.read_gold(path)[0]
    start, end = span
    return {"id": "intl-000", "story": f"gwn:{art.id}", "start": start, "end": end,
            "sha1": text_sha1(art.text[start:end]), "events": events}


def test_another_file_is_scored_as_all_with_its_mistakes_written(tmp_path):
    shared = need_shared(intl.ARTICLES)
    gold = tmp_path / "g.jsonl"
    # an event the span does not hold (an appeal between two countries it never names) is a mistake
    gold.write_text(json.dumps(_record(shared, [{"source": {"country": "NZL"}, "target": {"country": "ISL"},
                                                 "cameo": "020", "modality": "asserted"}])) + "\n",
                    encoding="utf-8")
    scores = intl.evaluate(gold, errors_path=tmp_path / "e.jsonl")
    assert "all" in scores and "check" not in scores
    assert scores["all"]["sentences"] == 1 and scores["all"]["gold_events"] == 1 and scores["articles"] == 1
    rows = [json.loads(x) for x in (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows[0]["story"].startswith("gwn:") and rows[0]["missing"][0]["cameo"] == "020" and rows[0]["text"]


def test_a_changed_sentence_is_refused(tmp_path):
    shared = need_shared(intl.ARTICLES)
    rec = _record(shared, [])
    rec["sha1"] = "000000000000"
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    with pytest.raises(MalformedRecord, match="sha1"):
        intl.evaluate(gold)


def test_the_intl_gold_holds_its_floors(tmp_path):
    from flashpoint.evaluation.scoreboard import below_floors, headlines, read_floors

    need_shared(intl.ARTICLES)
    scores = intl.evaluate(errors_path=tmp_path / "e.jsonl")
    assert scores["check"]["sentences"] == 500 and "all" not in scores and "tune" not in scores
    assert not (tmp_path / "e.jsonl").exists()  # the international gold's mistakes are never written
    assert below_floors("intl", headlines("intl", scores)["intl"], read_floors()) == []
