"""The root of violence by its means on real parses: a bombing with explosives that need no
state-military organisation is unconventional violence (18x); the same verbs with no such means,
with an air word, or done by a state's own forces keep the conventional root."""
from __future__ import annotations

import pytest

from flashpoint.model import Actor


def _token(pipeline, text: str, word: str):
    from flashpoint.model import Document

    doc = pipeline.stages[0](Document(id="t", text=text))
    return next(t for t in doc.parse if t.text == word)


ARMY = Actor("the Dorland army", 0, 16, country="DOR", sector="MIL", kind="state")


@pytest.mark.model
@pytest.mark.parametrize("text, trigger, code", [
    ("Two suicide bombers attacked the market in Tarvik on Friday.", "attacked", "1831"),  # the subject
    ("Nine villagers were killed in a suicide attack near Belka.", "killed", "1831"),  # 'in' phrase
    ("A bomber then blew himself up among the crowd in Karsk.", "blew", "1831"),  # reflexive
    ("Four guards were wounded by a car bomb outside the Oskova hall.", "wounded", "1832"),
    ("A soldier was killed by a roadside bomb near Zebrin.", "killed", "1833"),
    ("A driver was killed by an improvised explosive device in Orlo.", "killed", "183"),
    ("Three men were shot and killed with homemade explosives in Venn.", "killed", "183"),  # a conjunct shares 'with'
    ("Last week they blew up the waterworks in Kerrin.", "blew", "183"),  # no state named
])
def test_explosives_that_need_no_army_are_unconventional_violence(pipeline, text, trigger, code):
    from flashpoint.language.means import violence_code

    assert violence_code(_token(pipeline, text, trigger), "190", None) == code


@pytest.mark.model
@pytest.mark.parametrize("text, trigger, source", [
    ("Nine villagers were killed in an attack near Belka.", "killed", None),  # no means named
    ("Two civilians were killed by barrel bombs dropped on Tarvik.", "killed", None),  # aerial
    ("Jets attacked a roadside bomb factory near Zebrin.", "attacked", None),  # the object is the target
    ("The army blew up the tunnels under Kerrin.", "blew", ARMY),  # a state's own forces
    ("Fuel prices blew past the limit in Orlo.", "blew", None),  # no 'up', no bomb
])
def test_other_violence_keeps_its_root(pipeline, text, trigger, source):
    from flashpoint.language.means import violence_code

    assert violence_code(_token(pipeline, text, trigger), "190", source) == "190"


@pytest.mark.model
def test_a_suicide_attack_is_suicide_whoever_does_it_and_other_codes_stay(pipeline):
    from flashpoint.language.means import violence_code

    tok = _token(pipeline, "Two soldiers carried out a suicide attack on the base in Venn.", "carried")
    assert violence_code(tok, "190", ARMY) == "1831"
    assert violence_code(tok, "186", ARMY) == "186"  # an assassination is its own act
    assert violence_code(tok, "173", ARMY) == "173"  # not violence


@pytest.mark.model
def test_the_events_stage_codes_a_suicide_bombing_as_one():
    import flashpoint

    events = flashpoint.code_text("Twelve civilians were killed in a suicide bombing in Kabul on Monday.",
                                  date="2020-01-09")
    assert [e["cameo"] for e in events if e["trigger"] == "killed"] == ["1831"]


@pytest.mark.model
@pytest.mark.parametrize("text, trigger, code", [
    ("The Dorland army used chemical weapons against the town of Tarvik.", "used", "175"),  # the borrowed row
    ("Forty people were killed in a chlorine attack on Belka on Sunday.", "killed", "190"),  # 'in' phrase
    ("A sarin attack killed dozens of villagers near Zebrin.", "killed", "190"),  # the subject
])
def test_chemical_weapons_are_weapons_of_mass_destruction(pipeline, text, trigger, code):
    from flashpoint.language.means import violence_code

    assert violence_code(_token(pipeline, text, trigger), code, ARMY) == "2041"


@pytest.mark.model
@pytest.mark.parametrize("text, trigger, code", [
    ("Police fired tear gas and wounded nine protesters in Orlo.", "wounded", "190"),  # tear gas
    ("Three workers were killed in a blast at a chemical plant in Venn.", "killed", "190"),  # a site
    ("The Dorland army used artillery against the town of Tarvik.", "used", "175"),  # no such weapon
    ("The envoy accused Dorland of chemical attacks on Belka.", "accused", "112"),  # not violence
])
def test_other_weapons_and_acts_keep_their_code(pipeline, text, trigger, code):
    from flashpoint.language.means import violence_code

    assert violence_code(_token(pipeline, text, trigger), code, ARMY) == code


@pytest.mark.model
def test_the_events_stage_codes_a_chemical_attack_as_one():
    import flashpoint

    events = flashpoint.code_text("Government forces used chemical weapons in an attack on Karsk last Saturday.",
                                  date="2020-01-09")
    assert "2041" in {e["cameo"] for e in events if e["trigger"] == "used"}
