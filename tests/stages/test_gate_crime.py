"""Ordinary crime (the gate's ``crime`` check, ``language/crime.py``; invented stories parsed by the
real model): violence between private people in a story that names no force of war or strife is
no political event; the police's acts in it stay; the same violence in a story of war, in a story
where a political actor is hurt, or in a lone sentence stays."""
from __future__ import annotations

import pytest

from flashpoint.model import Actor
from flashpoint.language.crime import private
from flashpoint.stages.gate import EventGate
from tests.handmade import ungated

pytestmark = pytest.mark.model

BURGLARY = ("Police in Leeds are looking for two men after a burglary on Monday night. "
            "The two men smashed a window to get into the house. "
            "A neighbour said she heard shouting. "
            "Officers arrested a 30-year-old man on Tuesday.")
GANG = ("A teenager was shot dead in a park in south London, a court heard. "
        "The prosecutor said two masked men attacked the group he was with. "
        "The jury was told the shooting followed a dispute between rival groups.")


def _why(pipeline, text: str) -> dict[str, str | None]:
    doc = ungated(pipeline, text)
    return {e.trigger: EventGate().failed(e, doc) for e in doc.events}


@pytest.mark.parametrize("text, trigger", [(BURGLARY, "smashed"), (GANG, "attacked")])
def test_violence_between_private_people_in_a_story_of_no_war_is_crime(pipeline, text, trigger):
    assert _why(pipeline, text).get(trigger) == "crime"


def test_the_police_acts_in_a_crime_story_stay(pipeline):
    why = _why(pipeline, BURGLARY)
    assert "arrested" in why and why["arrested"] is None


def test_the_same_violence_in_a_story_of_war_stays(pipeline):
    text = GANG.replace("rival groups", "rival militias fighting the army")
    why = _why(pipeline, text)
    assert "attacked" in why and why["attacked"] is None


def test_a_lone_sentence_is_not_judged(pipeline):
    why = _why(pipeline, "Two masked men attacked a group of people in a park in south London.")
    assert "attacked" in why and why["attacked"] != "crime"


def test_private_sides_and_political_sides():
    assert private(None)
    assert private(Actor("a man", 0, 5, sector="UNK", kind="unknown"))
    assert private(Actor("British shoppers", 0, 16, country="GBR", sector="CVL", kind="located"))
    assert not private(Actor("Iran", 0, 4, country="IRN", kind="state"))
    assert not private(Actor("the police", 0, 10, sector="COP", kind="unknown"))
    assert not private(Actor("the mayor", 0, 9, country="USA", sector="GOV", kind="located"))


FAMILY = ("A Canadian family in Leeds received dozens of calls after their appeal. "
          "The mother said she was grateful. "
          "A local charity helped the family with the costs. "
          "Doctors said the boy was recovering.")


def test_a_private_act_in_a_story_of_no_war_is_no_event(pipeline):
    assert _why(pipeline, FAMILY).get("helped") == "private_act"


def test_a_private_act_with_a_political_side_or_alone_stays(pipeline):
    why = _why(pipeline, FAMILY.replace("A local charity", "The British government"))
    assert "helped" in why and why["helped"] != "private_act"
    alone = _why(pipeline, "A local charity helped the Canadian family with the costs.")
    assert "helped" in alone and alone["helped"] != "private_act"


COUNCIL = ("The mayor of Leeds attacked the council's new budget on Monday. "
           "She said the plan would hurt families. "
           "Councillors will vote next week. "
           "The budget has been criticised by unions.")
POLICE = ("Police officers shot a man who threatened shoppers with a knife in Leeds on Monday. "
          "The man died in hospital. "
          "A neighbour said he had been unwell. "
          "An inquiry will follow.")


def test_force_with_no_police_in_a_story_of_no_war_is_no_event(pipeline):
    assert _why(pipeline, COUNCIL).get("attacked") == "peacetime_force"


def test_the_police_force_in_a_story_of_no_war_stays(pipeline):
    why = _why(pipeline, POLICE)
    assert "shot" in why and why["shot"] is None
