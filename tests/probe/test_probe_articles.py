"""The probe articles of the twenty-second session (tests/fixtures/probe/: our own text, not gold):
what the coder gets right on crises the development data barely covers, as a user runs it.
A diff here is reviewed, never regenerated blindly (docs/evaluation.md, "A new user's probe")."""
from __future__ import annotations

from pathlib import Path

import pytest

from flashpoint.coder import code_paths, collect

PROBE = Path(__file__).resolve().parents[1] / "fixtures" / "probe"


@pytest.fixture(scope="module")
def coded():
    out = {}
    for name, day in (("drc_m23.html", "2025-01-28"), ("sudan_elfasher.txt", "2025-06-10"),
                      ("haiti_gangs.txt", "2025-04-01"), ("myanmar.html", "2025-06-20"),
                      ("kashmir.txt", "2025-05-08")):
        out[name] = collect(code_paths([PROBE / name], date=day, keep_parse=False)).records()
    out["stories"] = collect(code_paths([PROBE / "stories.jsonl"], keep_parse=False))
    return out


def _events(records, trigger):
    return [r for r in records if r["trigger"] == trigger]


def test_broken_ties_are_sanctions_and_every_embassy_attack_has_the_day(coded):
    drc = coded["drc_m23.html"]
    broke = _events(drc, "broke")  # "Congo" in a story about Goma and Kinshasa is the DR Congo
    assert [(e["source"]["country"], e["target"]["country"], e["cameo"][:2]) for e in broke] == [("COD", "RWA", "16")]
    rebels = [e for e in _events(drc, "attacked") if e["cameo"].startswith("19")]
    assert [(e["source"]["country"], e["source"]["sector"]) for e in rebels] == [("COD", "REB")]
    embassies = [e for e in _events(drc, "attacked") if e["cameo"].startswith("14")]
    assert {e["target"]["country"] for e in embassies} == {"FRA", "RWA"}
    assert {e["date"] for e in embassies} == {"2025-01-28"}


def test_a_denial_does_not_reach_the_accusation_beside_it(coded):
    sudan = coded["sudan_elfasher.txt"]
    assert [e["modality"] for e in _events(sudan, "targeting")] == ["denied"]
    assert [(e["cameo"], e["modality"]) for e in _events(sudan, "accused")] == [("112", "asserted")]


def test_disasters_and_accidents_told_with_war_verbs_are_no_events(coded):
    haiti, myanmar = coded["haiti_gangs.txt"], coded["myanmar.html"]
    assert not _events(haiti, "exploded") and not _events(haiti, "flooded")
    assert not any("earthquake" in e["evidence"]["text"] for e in myanmar)
    stories = coded["stories"].records()
    assert not any("bus crashed" in e["evidence"]["text"] for e in stories)


def test_fighting_is_not_read_as_a_withdrawal_and_a_bad_record_is_reported(coded):
    stories = coded["stories"]
    captured = [e for e in stories.records() if e["doc_id"] == "ethiopia-1" and e["trigger"] == "captured"]
    assert [e["quad_class"] for e in captured] == [4]
    assert len(stories.failures) == 1 and "stories.jsonl:5" in str(stories.failures[0].error)
    assert {d.id for d in stories.documents} >= {"yemen-1", "ukraine-1", "colombia-1", "ethiopia-1"}


def test_the_speaker_vows_tells_and_the_shot_down_missile_is_one_act(coded):
    # rows 10, 13 and 16 of the probe table (docs/evaluation.md, twenty-second session, s28-spk)
    vowed = _events(coded["kashmir.txt"], "vowed")
    assert [e["source"]["code"] for e in vowed] == ["PAKMIL"]
    stories = coded["stories"].records()
    withdrew = [e for e in stories if e["doc_id"] == "ethiopia-1" and e["trigger"] == "withdrew"]
    assert withdrew and all((e["target"] or {}).get("code") != "UNO" for e in withdrew)
    yemen = [e for e in stories if e["doc_id"] == "yemen-1" and "shot down" in e["evidence"]["text"]]
    assert [e["trigger"] for e in yemen] == ["fired"]


def test_the_town_of_x_is_a_town_whatever_the_models_label():
    """'the town of Mirebalais' (a PRODUCT entity to the model), 'the village of Avdiivka' (a
    PERSON): the gazetteer has both. Kursk, a PRODUCT in a list, is still not read (reverted:
    PRODUCT spans as places added false places, docs/evaluation.md)."""
    found = {}
    for name, day in (("stories.jsonl", None), ("haiti_gangs.txt", "2025-04-01")):
        for doc in collect(code_paths([PROBE / name], date=day, keep_parse=False)).documents:
            found.update({p.name: p.country for p in doc.places})
    assert (found.get("Avdiivka"), found.get("Mirebalais")) == ("UKR", "HTI")


def test_the_peoples_defence_force_and_resistance_forces_are_myanmars_rebels(coded):
    myanmar = coded["myanmar.html"]
    fighters = {(e["source"]["country"], e["source"]["text"]) for e in _events(myanmar, "seized")}
    assert fighters == {("MMR", "its fighters")}
    assert [e["source"]["sector"] for e in _events(myanmar, "overran")] == ["REB"]
