"""The actor evaluation: assertion parsing, scoring, the regression floor, the eval command."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from flashpoint.errors import FormatError, ResourceError
from flashpoint.evaluation import actors as ev
from tests.conftest import ROOT, need_shared

FLOORS = ROOT / "eval-floors.json"


def case(expected: str) -> ev.Case:
    c = ev.Case(1, "t", "agent_to_code", "x", "", None)
    ev.parse_expected(c, expected, where="test")
    return c


def test_assertions_are_parsed():
    c = case("country == 'LBN'; code_1 in ['PTY', 'REB']; wiki == 'Hezbollah'")
    assert c.country == "LBN" and c.sectors == ["PTY", "REB"]
    c = case("cc == 'GBR'; text == ''")
    assert c.country == "GBR" and not c.sectors
    assert case("code is None").no_actor and case("not code").no_actor and case("code == None").no_actor
    assert case("country != 'GBR'").not_country == "GBR"
    assert case("code_1 == '????'; country == 'MNG'").sectors == []
    assert case("title == 'NATO'").states_country is False


def test_judging_country_and_sector():
    c = case("country == 'USA'; code_1 == 'GOV'")
    assert ev.judge(c, "USA", "GOV") == (True, True)
    assert ev.judge(c, "USA", "MIL") == (True, False)
    assert ev.judge(c, "GBR", "GOV") == (False, False)
    unk = case("country == ''; code_1 == 'UNK'")
    assert ev.judge(unk, None, None) == (True, True)
    none = case("code is None")
    assert ev.judge(none, None, None) == (True, True)
    assert ev.judge(none, "USA", None) == (False, False)


def test_dates_are_read_or_refused():
    assert ev.parse_date("10 May 2015", where="t") == dt.date(2015, 5, 10)
    assert ev.parse_date("October 1, 2021", where="t") == dt.date(2021, 10, 1)
    assert ev.parse_date("Today", where="t") == ev.TODAY
    with pytest.raises(FormatError, match="gold.tsv:3"):
        ev.parse_date("the other day", where="gold.tsv:3")


def test_actor_scores_stay_above_the_recorded_floor(tmp_path):
    from flashpoint.evaluation.scoreboard import below_floors, headlines, read_floors

    gold = need_shared(ev.DEFAULT_GOLD)
    errors = tmp_path / "errors.jsonl"
    scores = ev.evaluate(gold, errors_path=errors)
    assert scores["all"]["country_cases"] > 300 and scores["all"]["country_sector_cases"] > 300
    assert below_floors("actors", headlines("actors", scores)["actors"], read_floors(FLOORS)) == []
    lines = errors.read_text(encoding="utf-8").splitlines()
    assert len(lines) == scores["tune"]["mistakes"]  # only the tune half's mistakes are written
    assert {"input", "expected_country", "got_country", "half"} <= set(json.loads(lines[0]))


def test_eval_command_writes_scores_and_mistakes(tmp_path, capsys):
    from flashpoint.cli import main

    gold = need_shared(ev.DEFAULT_GOLD)
    assert main(["eval", "actors", "--gold", str(gold), "--out", str(tmp_path)]) == 0
    saved = json.loads((tmp_path / "actors.json").read_text(encoding="utf-8"))
    assert all(0 < saved[h]["country_accuracy"] <= 1 for h in ("tune", "check", "all"))
    assert (tmp_path / "actors.errors.jsonl").exists()
    assert "country_accuracy" in capsys.readouterr().out


def test_eval_command_explains_a_missing_gold_file(tmp_path, capsys):
    from flashpoint.cli import main

    assert main(["eval", "actors", "--gold", str(tmp_path / "nope.tsv"), "--out", str(tmp_path)]) == 2
    assert "gold file not found" in capsys.readouterr().err


def test_an_evaluation_module_that_is_not_there_gets_a_clear_error(monkeypatch):
    from flashpoint import cli_eval, evaluation

    monkeypatch.setitem(evaluation.GOLD_FORMATS, "future-set", "flashpoint.evaluation.no_such_module")
    with pytest.raises(ResourceError, match="not available"):
        cli_eval.load_evaluator("future-set")


def test_gold_path_default_points_into_shared_data():
    assert ev.DEFAULT_GOLD.parts[-3:] == ("data", "ngec", "NGEC-2025_actor_resolution_test_cases.tsv")
    assert Path(ev.DEFAULT_GOLD).parent.parent.parent.name == "shared"
