"""The wire gold's scorer: sentences read from the shared event_location file by line, coded one
by one, scored as the news gold, reported as a check half only."""
from __future__ import annotations

import json

import pytest

from flashpoint.errors import MalformedRecord
from flashpoint.evaluation import wire
from flashpoint.evaluation.news import text_sha1
from tests.conftest import need_shared

pytestmark = pytest.mark.model


def _record(path, line: int, events: list) -> dict:
    with path.open(encoding="utf-8") as fh:
        text = next(json.loads(x)["text"] for n, x in enumerate(fh, 1) if n == line)
    return {"id": "wire-000", "story": f"el:{line}", "start": 0, "end": len(text), "sha1": text_sha1(text),
            "events": events}


def test_another_file_is_training_data_scored_as_all_with_its_mistakes_written(tmp_path):
    shared = need_shared(wire.SENTENCES)
    gold = tmp_path / "g.jsonl"
    # an event the sentence does not hold (an appeal between two countries it never names) is a mistake
    gold.write_text(json.dumps(_record(shared, 3, [{"source": {"country": "NZL"}, "target": {"country": "ISL"},
                                                    "cameo": "020", "modality": "asserted"}])) + "\n",
                    encoding="utf-8")
    scores = wire.evaluate(gold, errors_path=tmp_path / "e.jsonl")
    assert "all" in scores and "check" not in scores and "tune" not in scores
    assert scores["all"]["sentences"] == 1 and scores["all"]["gold_events"] == 1
    rows = [json.loads(x) for x in (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["story"] for r in rows] == ["el:3"]
    assert rows[0]["missing"][0]["cameo"] == "020" and rows[0]["text"]


def test_a_changed_sentence_is_refused(tmp_path):
    shared = need_shared(wire.SENTENCES)
    rec = _record(shared, 3, [])
    rec["sha1"] = "000000000000"
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    with pytest.raises(MalformedRecord, match="sha1"):
        wire.evaluate(gold)


def test_the_wire_gold_holds_its_floors(tmp_path):
    from flashpoint.evaluation.scoreboard import below_floors, headlines, read_floors

    need_shared(wire.SENTENCES)
    scores = wire.evaluate(errors_path=tmp_path / "e.jsonl")
    assert scores["check"]["sentences"] == 700 and "all" not in scores
    assert not (tmp_path / "e.jsonl").exists()  # the wire gold's mistakes are never written
    assert below_floors("wire", headlines("wire", scores)["wire"], read_floors()) == []
