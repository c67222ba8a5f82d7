"""The scoreboard: headline numbers per set and half, floors and ceilings, and `eval all`."""
from __future__ import annotations

import json

import pytest

from flashpoint.evaluation import scoreboard
from flashpoint.evaluation.split import HALVES
from tests.conftest import ROOT, SHARED


SPLIT_SETS = {"plover-gsr", "actors", "geo/GWN", "geo/GeoVirus", "event-location"}


def test_headlines_keep_the_numbers_of_each_half():
    scores = {"gold": "x", "tune": {"acc": 0.5, "n": 4, "detail": {"x": 1}, "ok": True, "miss": None},
              "check": {"acc": 0.25, "n": 4}, "all": {"acc": 0.375, "n": 8}}
    assert scoreboard.headlines("set", scores) == {"set": {"tune": {"acc": 0.5, "n": 4, "miss": None},
                                                           "check": {"acc": 0.25, "n": 4},
                                                           "all": {"acc": 0.375, "n": 8}}}


def test_headlines_of_an_evaluator_over_several_corpora_and_of_one_that_does_not_split():
    scores = {"gold": "x", "A": {"gold": "a", "all": {"r": 1.0}}, "B": {"gold": "b", "check": {"r": 0.5}}}
    assert scoreboard.headlines("geo", scores) == {"geo/A": {"all": {"r": 1.0}}, "geo/B": {"check": {"r": 0.5}}}
    assert scoreboard.headlines("news", {"precision": 0.8, "gold": "g"}) == {"news": {"all": {"precision": 0.8}}}


def test_floors_and_ceilings_are_checked_and_notes_are_not():
    floors = {"ceilings": ["false_rate"],
              "s": {"_about": "note", "check": {"hit": 0.5, "false_rate": 0.3, "_why": "note"},
                    "targets": {"check": {"hit": 0.9}}, "all": {"hit": 0.1}}}
    good = {"check": {"hit": 0.6, "false_rate": 0.2}}
    assert scoreboard.below_floors("s", good, floors) == []  # "all" was not scored: not checked
    bad = {"check": {"hit": 0.4, "false_rate": 0.35}, "all": {"hit": None}}
    wrong = scoreboard.below_floors("s", bad, floors)
    assert len(wrong) == 3 and any("below the floor" in w for w in wrong) \
        and any("above the ceiling" in w for w in wrong) and any("not scored" in w for w in wrong)
    assert scoreboard.below_floors("other", good, floors) == []


def test_the_recorded_floors_name_known_halves_and_carry_targets_apart():
    floors = scoreboard.read_floors(ROOT / "eval-floors.json")
    for name in ("plover-gsr", "actors", "geo/GWN", "geo/GeoVirus", "event-location"):
        halves = {k for k in floors[name] if not k.startswith("_")}
        assert halves and halves <= {"tune", "check", "all", "targets"}, name
        assert "check" in halves, f"{name} has no floor on its check half"
    assert floors["event-location"]["targets"]["check"]["hit_rate"] > floors["event-location"]["check"]["hit_rate"]


@pytest.mark.model
@pytest.mark.shared
def test_eval_all_writes_a_scoreboard_with_both_halves(tmp_path, capsys):
    from flashpoint.cli import main

    if not (SHARED / "data").exists():
        pytest.skip("the shared data folder is needed for this test")
    assert main(["eval", "all", "--limit", "8", "--out", str(tmp_path)]) == 0
    board = json.loads((tmp_path / "scoreboard.json").read_text(encoding="utf-8"))
    assert board["limit"] == 8 and "below_floor" not in board  # floors are for whole sets
    assert SPLIT_SETS <= set(board["sets"])
    for name, s in board["sets"].items():
        assert {*HALVES, "all"} <= set(s) if name in SPLIT_SETS else "all" in s, name
        assert (tmp_path / s["scores"]).exists() and (tmp_path / s["scores"].replace(".json", ".errors.jsonl")).exists()
    assert board["sets"]["event-location"]["all"]["rows"] == 8
    for kind in ("plover-gsr", "event-location"):  # only the tune half's mistakes are written
        lines = (tmp_path / f"{kind}.errors.jsonl").read_text(encoding="utf-8").splitlines()
        assert all(json.loads(line)["half"] == "tune" for line in lines)
    shown = capsys.readouterr().out
    assert "event-location" in shown and "hit_rate" in shown
    assert all(f"skipped {kind}" in shown for kind in board["skipped"])


def test_eval_all_refuses_a_gold_path(tmp_path, capsys):
    from flashpoint.cli import main

    assert main(["eval", "all", "--gold", str(tmp_path / "x.jsonl"), "--out", str(tmp_path)]) == 2
    assert "--gold" in capsys.readouterr().err
