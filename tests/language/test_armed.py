"""Anonymous violence on real parses: an act of force done to a place, a building or a vehicle
reports an act with its author unknown; another sense of the same verb does not."""
from __future__ import annotations

import pytest


def _token(pipeline, text: str, word: str):
    from flashpoint.model import Document

    doc = pipeline.stages[0](Document(id="t", text=text))
    return next(t for t in doc.parse if t.text == word)


@pytest.mark.model
@pytest.mark.parametrize("text, trigger", [
    ("The old bridge over the river near Tarvik was destroyed last spring.", "destroyed"),  # a building
    ("Much of the hamlet of Oskova was destroyed.", "destroyed"),  # a part of a place
    ("His helicopter was shot down over Karsk in 1972.", "shot"),  # a vehicle
    ("The convoy was ambushed on the road to Belka.", "ambushed"),
    ("The teacher was found murdered at her flat in Zebrin.", "murdered"),  # the one found so
    ("At dawn, warplanes bombed the hillside above Kerrin.", "bombed"),  # craft of war as the doer
])
def test_an_act_done_to_a_place_a_building_or_a_vehicle_is_anonymous_violence(pipeline, text, trigger):
    from flashpoint.language.armed import anonymous_violence

    assert anonymous_violence(_token(pipeline, text, trigger))


@pytest.mark.model
@pytest.mark.parametrize("text, trigger", [
    ("The movie was shot in Vienna over six weeks.", "shot"),  # a film
    ("The scene was shot at the old harbour of Venn.", "shot"),
    ("Fuel prices shot up in Dorland on Tuesday.", "shot"),  # a particle, prices
    ("The novel captured the mood of the capital.", "captured"),  # a mood
    ("The record was broken at the stadium in Orlo.", "broken"),  # a record
    ("At dawn, a plane hit the hillside above Kerrin.", "hit"),  # a craft that crashes
])
def test_another_sense_of_the_verb_is_not(pipeline, text, trigger):
    from flashpoint.language.armed import anonymous_violence

    assert not anonymous_violence(_token(pipeline, text, trigger))


@pytest.mark.model
def test_the_destroyed_bridge_is_coded_where_it_stood(pipeline):
    from flashpoint.model import Document

    doc = pipeline(Document(id="t", text="The old bridge over the river near Tarvik was destroyed last spring."))
    found = [e for e in doc.events if e.trigger == "destroyed"]
    assert found and found[0].source is None and [p.name for p in found[0].locations] == ["Tarvik"]


@pytest.mark.model
@pytest.mark.parametrize("text, trigger, expected", [
    ("The farmer is believed to have been killed near the dam.", "killed", True),  # a passive completed
    ("Old buses were used to block the road into Terrin.", "used", False),  # the means of an act
])
def test_who_a_completed_passive_names_and_what_a_verb_uses(pipeline, text, trigger, expected):
    from flashpoint.language.armed import anonymous_violence

    assert anonymous_violence(_token(pipeline, text, trigger)) is expected


@pytest.mark.model
@pytest.mark.parametrize("text, trigger, expected", [
    ("Reconstruction teams are patrolling the Varno and Kesh districts.", "patrolling", True),  # a group, no armed noun
    ("The submarine was patrolling in the North Sea when a fire started.", "patrolling", True),
    ("Moderators patrol the online forum every night.", "patrol", False),  # a forum is no place
])
def test_a_show_of_force_over_a_place_is_an_act_whoever_patrols(pipeline, text, trigger, expected):
    from flashpoint.language.armed import anonymous_violence

    tok = _token(pipeline, text, trigger)
    assert anonymous_violence(tok, show_of_force=True) is expected
    assert not anonymous_violence(tok)  # not as violence: it is the show of force that counts


@pytest.mark.model
def test_the_patrolled_districts_are_where_the_patrol_was(pipeline):
    from flashpoint.model import Document

    doc = pipeline(Document(id="t", text="Reconstruction teams based in Lorvik are patrolling the Varno and Kesh districts."))
    found = [e for e in doc.events if e.trigger == "patrolling"]
    assert found and found[0].cameo == "150" and {p.name for p in found[0].locations} == {"Varno", "Kesh"}


@pytest.mark.model
@pytest.mark.parametrize("text, expected", [
    ("Six villagers died and about a dozen were hurt when a car bomb exploded in the town of Marvik.", True),
    ("A local councillor died after a car bomb attack in a suburb of Tarlin.", True),
    ("Four guests died when gunmen threw a grenade into a hotel in Orsova.", True),
    ("Three patients died in a hospital in Tarlin.", False),  # no attack named
    ("The guard died of wounds in a clinic in Orsova days later.", False),
])
def test_a_death_told_with_the_attack_that_caused_it(pipeline, text, expected):
    from flashpoint.language.armed import fatal_attack

    assert fatal_attack(_token(pipeline, text, "died")) is expected


@pytest.mark.model
def test_a_death_in_an_attack_is_coded_with_its_place(pipeline):
    from flashpoint.model import Document

    doc = pipeline(Document(id="t", text="Six villagers died and about a dozen were hurt when a car bomb "
                                          "exploded in the town of Marvik."))
    died = [e for e in doc.events if e.trigger == "died"]
    # a death from a car bomb takes the bombing's code (language/bombings.py), with no source
    assert died and died[0].cameo == "1832" and died[0].source is None
    assert [p.name for p in died[0].locations] == ["Marvik"]
    calm = pipeline(Document(id="u", text="Three patients died in a hospital in Tarlin."))
    assert not [e for e in calm.events if e.trigger == "died"]
