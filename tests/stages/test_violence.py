"""Violence with no named author, on sentences written for these tests and parsed by the real
model: a weapon's blast, an armed advance and an offensive carried by a verb of
aspect are coded with the place where they happened; a blast that no weapon or attack caused,
a disaster and an advance of people who do not fight are not."""
from __future__ import annotations

import pytest

from flashpoint.model import Document, Event

pytestmark = pytest.mark.model


def _events(pipeline, text: str) -> list[Event]:
    return list(pipeline(Document(id="t", text=text)).events)


def _on(events: list[Event], trigger: str) -> list[Event]:
    return [e for e in events if e.trigger == trigger]


@pytest.mark.parametrize("text, trigger, root, place", [
    # the parse reads the verb as a participle of the weapon ('a car bomb (that was) detonated')
    ("A car bomb detonated outside a police station in Kirkuk on Friday, wounding six people.",
     "detonated", "18", "Kirkuk"),
    # a vehicle that blows up is a car bomb
    ("A truck parked beside the main road in Baquba detonated near a bus carrying pilgrims.",
     "detonated", "18", "Baquba"),
    # a participle with an object is a verb read as one: a passive participle takes no object; a
    # car bomb as the killing's means makes it a car bombing (1832, language/means.py)
    ("A car bomb aimed at police recruits killed nine people and wounded twenty in Kirkuk on Monday.",
     "killed", "1832", "Kirkuk"),
    ("A roadside bomb blast occurred near the market in Kandahar on Sunday.", "occurred", "18", "Kandahar"),
    ("The rebel brigades continued their advance south of Idlib on Tuesday.", "continued", "19", "Idlib"),
    ("The army began a new offensive against the rebels near Homs last night.", "began", "19", "Homs"),
    # an event noun under a word of quantity, carried by a verb of occurrence
    ("Some of the heaviest fighting took place in Varno last week.", "took", "19", "Varno"),
    # mounting, renewing or launching an offensive is carried like beginning one
    ("Militants mounted a fresh counteroffensive near the village of Orrin.", "mounted", "19", "Orrin"),
    ("The rebels renewed their offensive against the garrison at Delmar overnight.", "renewed", "19", "Delmar"),
    # armed forces entering a place (the lexicon's 'enter' row for an armed subject)
    ("Government troops entered the village of Orrin on Monday.", "entered", "19", "Orrin"),
])
def test_violence_by_a_weapon_or_armed_forces_is_coded_where_it_happened(pipeline, text, trigger, root, place):
    found = _on(_events(pipeline, text), trigger)
    assert found, f"no event on {trigger!r}"
    assert all(e.cameo.startswith(root) for e in found)
    assert place in {p.name for e in found for p in e.locations}


@pytest.mark.parametrize("text", [
    # an unknown surname the small model tags as a common noun, as the one who suffered it
    "Dunk was shot in the head in a clash in Velmor.",
    # a noun restated by a name in apposition
    "A well-known sculptor, Omar Haddad, was shot in Velmor on Monday.",
])
def test_a_person_named_only_by_a_misread_name_suffered_violence(pipeline, text):
    found = [e for e in _events(pipeline, text) if e.cameo[:2] == "19"]
    assert found and "Velmor" in {p.name for e in found for p in e.locations}


@pytest.mark.parametrize("text", [
    # 'planted' is the act of laying a bomb, not a plant (a factory) where an accident happens
    "The roadside bomb, planted near the village of Orrin, was detonated as a police convoy passed.",
    "A shepherd was killed on Sunday in the explosion of a land mine planted near the village of Orrin.",
    # a land mine is a weapon, not a coal mine
    "The land-mine, buried at the edge of Orrin, was detonated as a jeep drove over it.",
])
def test_a_planted_bomb_or_a_land_mine_is_a_weapon(pipeline, text):
    assert [e for e in _events(pipeline, text) if e.cameo[:2] in {"18", "19", "20"}]


@pytest.mark.parametrize("text", [
    "A gas explosion occurred at the fertiliser plant in Tianjin on Thursday.",
    "An explosion at a coal mine in Shanxi killed twelve miners on Monday.",
    "An explosion ripped through a chemical plant near Lyon, killing two workers.",
    "A powerful earthquake destroyed hundreds of homes in the mountains of Nepal.",
    "The blast occurred in a warehouse in Beirut where fireworks were stored.",
    # a capitalised noun as the doer is no misread name: only the one who suffered a passive is
    "Fire destroyed the old market in Velmor on Monday.",
])
def test_a_blast_or_disaster_that_no_weapon_caused_is_no_assault(pipeline, text):
    assert not [e for e in _events(pipeline, text) if e.cameo[:2] in {"18", "19", "20"}]


@pytest.mark.parametrize("text", [
    "Stock prices continued their advance in Tokyo on Friday.",
    "The company began a new offensive in the smartphone market in Seoul.",
    "Thousands of tourists entered the old city of Orrin on Monday.",
    "The two parties entered talks in Orrin on Monday.",
])
def test_advancing_is_force_only_for_armed_actors(pipeline, text):
    assert not [e for e in _events(pipeline, text) if e.cameo[:2] in {"18", "19", "20"}]
