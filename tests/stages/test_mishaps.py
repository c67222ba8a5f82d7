"""Disasters, accidents and fires are not attacks (invented sentences, parsed by the real model):
the gate's ``mishap`` check drops violence whose cause the clause gives as a blaze, a disaster,
an accident or an illness, and keeps violence that a person, an armed actor or a weapon did."""
from __future__ import annotations

import pytest

from flashpoint.model import Document, Event

pytestmark = pytest.mark.model
VIOLENCE = ("18", "19", "20")


def _violence(pipeline, text: str) -> list[Event]:
    return [e for e in pipeline(Document(id="t", text=text)).events if e.cameo.startswith(VIOLENCE)]


@pytest.mark.parametrize("text", [
    # the subject a participle or a coordinated verb shares with the verb it hangs on
    "A fire tore through a shoe factory on the outskirts, killing 14 workers.",
    "Flames swept through the old bazaar overnight and destroyed dozens of stalls.",
    "Lightning struck a village school, injuring 11 pupils.",
    "A fuel tanker overturned and exploded on the ring road, killing four.",
    # a fire or an illness that kills or injures, a fire as the cause, a thing as the subject (a
    # relative pronoun stands for its noun)
    "The fire killed three firefighters and injured 20 residents.",
    "Cholera has killed 300 people in the flooded districts.",
    "Twelve people were killed in a fire at a crowded bus depot.",
    "The camp has seen many blazes started by paraffin heaters, which killed two children last month.",
    # a clause of time that tells of an accident
    "Six people were killed when their minibus was hit by a train.",
    "Two farmers were killed after lightning struck their hut.",
    "Four children were killed when the roof of their school collapsed.",
    "At least 20 people were killed and 50 injured when two trains collided.",
    "Five people were injured when a gas pipe exploded in a restaurant kitchen.",
])
def test_a_fire_an_accident_or_a_disaster_is_no_assault(pipeline, text):
    assert not _violence(pipeline, text)


@pytest.mark.parametrize("text", [
    "Artillery fire killed two soldiers near the border.",
    "Sniper fire wounded three civilians in the old city.",
    "Gunmen set fire to a police station, killing two officers.",
    "Three villagers were killed when their bus was hit by a rocket.",
    "Four protesters were killed when security forces fired on the crowd.",
    "US planes bombed a wedding party in the valley, killing 30 guests.",
    "A car bomb exploded near a checkpoint, killing five soldiers.",
])
def test_violence_a_person_a_force_or_a_weapon_did_stays(pipeline, text):
    assert _violence(pipeline, text)
