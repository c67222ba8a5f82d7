"""The PLOVER GSR scorer: reading gold, scoring by hand-made predictions, and the real run."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from flashpoint.errors import MalformedRecord, MissingPath
from flashpoint.evaluation import GOLD_FORMATS, plover_gsr
from flashpoint.evaluation.plover_gsr import NONE, GoldItem, Prediction, read_gold, score
from tests.conftest import ROOT, need_shared

FLOORS = ROOT / "eval-floors.json"


def _gold_line(**over):
    rec = {"id": "X-1", "text": "A did something to B.", "event": "ACCUSE", "mode": "disapprove",
           "actor": [{"text": "A", "country": "JAP", "sector": "CVLalb"}],
           "recipient": [{"text": "B", "country": "ISR", "sector": "***"}]}
    rec.update(over)
    return json.dumps(rec)


def test_registered_as_a_gold_format():
    assert GOLD_FORMATS["plover-gsr"] == "flashpoint.evaluation.plover_gsr"
    assert plover_gsr.DEFAULT_GOLD.name == "PLOVER_GSR_CAMEO_normalized.jsonl"


def test_read_gold_normalises_codes(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(_gold_line() + "\n\n" + _gold_line(id="X-2", event="", actor=[]) + "\n")
    first, second = read_gold(path)
    assert first.actors == {("JPN", "CVL")}  # old CAMEO code and ethnic suffix normalised
    assert first.recipients == {("ISR", "")}  # '***' is an unknown sector
    assert first.mode == "disapprove" and second.event == NONE and second.actors == frozenset()


def test_read_gold_names_file_and_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(_gold_line() + "\n{not json\n")
    with pytest.raises(MalformedRecord, match=r"gold\.jsonl:2"):
        read_gold(path)
    path.write_text(json.dumps({"text": "no id"}) + "\n")
    with pytest.raises(MalformedRecord, match=r"gold\.jsonl:1"):
        read_gold(path)
    with pytest.raises(MissingPath):
        read_gold(tmp_path / "absent.jsonl")


def _item(i, event, actors=(), recipients=(), mode=""):
    return GoldItem(f"i{i}", "text", event, mode, frozenset(actors), frozenset(recipients))


def test_score_counts_types_actors_and_missing_events():
    items = [_item(0, "AGREE", [("USA", "GOV")], [("IRN", "")]),
             _item(1, "AGREE", [("FRA", "")]),
             _item(2, "ASSAULT", [("RUS", "MIL"), ("BLR", "MIL")], [("UKR", "")], mode="heavy-weapons"),
             _item(3, NONE)]
    preds = [Prediction("AGREE", "", frozenset({("USA", "GOV")}), frozenset({("IRN", "GOV")})),
             Prediction(),
             Prediction("ASSAULT", "heavy-weapons", frozenset({("RUS", "")})),
             Prediction("PROTEST", "demo", frozenset({("FRA", "OPP")}))]
    s = score(items, preds)
    types = s["event_type"]
    assert types["accuracy"] == 0.5
    assert types["per_type"]["AGREE"]["recall"] == 0.5 and types["per_type"]["AGREE"]["precision"] == 1.0
    assert types["confusion"]["AGREE"] == {"AGREE": 1, NONE: 1}
    assert s["mode_accuracy"] == 0.5 and s["mode_accuracy_given_type"] == 1.0
    # actors: gold USA, FRA, RUS, BLR (4); predicted USA, RUS, FRA (3); right USA, RUS.
    assert s["actor"]["country"] == pytest.approx(
        {"precision": 0.6667, "recall": 0.5, "f1": 0.5714, "tp": 2, "predicted": 3, "gold": 4})
    assert s["actor"]["country_sector"]["tp"] == 1  # USAGOV right, RUS has the wrong sector
    assert s["recipient"]["country"]["tp"] == 1 and s["recipient"]["country_sector"]["tp"] == 0
    assert s["no_event_rate"] == pytest.approx(1 / 3, abs=1e-4)
    assert s["spurious_event_rate"] == 1.0


def test_score_rejects_misaligned_inputs():
    with pytest.raises(ValueError):
        score([_item(0, "AGREE")], [])


@pytest.fixture(scope="module")
def gsr_scores(tmp_path_factory):
    need_shared(plover_gsr.DEFAULT_GOLD)
    errors = tmp_path_factory.mktemp("gsr") / "errors.jsonl"
    return plover_gsr.evaluate(plover_gsr.DEFAULT_GOLD, errors_path=errors), errors


@pytest.mark.model
@pytest.mark.shared
def test_shared_gold_scores_stay_above_floor(gsr_scores):
    from flashpoint.evaluation.scoreboard import below_floors, headlines, read_floors

    scores, errors = gsr_scores
    assert scores["all"]["detail"]["items"] == 322
    assert scores["tune"]["detail"]["items"] + scores["check"]["detail"]["items"] == 322
    assert below_floors("plover-gsr", headlines("plover-gsr", scores)["plover-gsr"], read_floors(FLOORS)) == []
    rows = [json.loads(line) for line in Path(errors).read_text().splitlines()]
    tune = scores["tune"]
    wrong_types = sum("event" in r["wrong"] for r in rows)
    assert wrong_types == round((1 - tune["event_accuracy"]) * tune["detail"]["items"])
    assert all(r["gold"]["event"] and r["text"] and r["half"] == "tune" for r in rows)


def test_actor_codes_follow_the_gsr_convention_for_organisations():
    from flashpoint.model import Actor

    code = plover_gsr._actor_code
    assert code(Actor("the UN", 0, 6, country="UNO", kind="igo")) == ("IGO", "")
    assert code(Actor("Amnesty", 0, 7, sector="NGO", name="Amnesty International", kind="nonstate")) == ("IGO", "NGO")
    assert code(Actor("a rights group", 0, 14, sector="NGO", kind="unknown")) == ("NGO", "NGO")
    assert code(Actor("rebels", 0, 6, sector="REB", kind="unknown")) is None
