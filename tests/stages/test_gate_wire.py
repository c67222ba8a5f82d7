"""Wire copy's verbs of force (invented sentences, parsed by the real model): force used on a prize,
a mind or a picture is no event (the gate's ``idiom`` check), force used on people or ground
stays; and a death from a bomb set off on the ground takes the bombing's code (the classify
stage's rule re-typer, ``language/bombings.py``)."""
from __future__ import annotations

import pytest

from flashpoint.model import Document
from flashpoint.stages.gate import EventGate
from tests.handmade import ungated

pytestmark = pytest.mark.model


def _why(pipeline, text: str) -> dict[str, str | None]:
    """trigger -> the check that drops its event (None: kept), for every event coded before the gate."""
    doc = ungated(pipeline, text)
    return {e.trigger: EventGate().failed(e, doc) for e in doc.events}


@pytest.mark.parametrize("text, trigger", [
    ("Japan captured the gold medal at the championships in Oslo on Sunday.", "captured"),
    ("The Japanese skier captured the gold medal at the championships in Oslo.", "captured"),
    ("Her novel captured the imagination of readers across France.", "captured"),
])
def test_force_on_a_prize_a_mind_or_a_picture_is_an_idiom(pipeline, text, trigger):
    assert _why(pipeline, text).get(trigger) == "idiom"


@pytest.mark.parametrize("text, trigger", [
    ("Egyptian forces captured the town of Rafah from the rebels on Sunday.", "captured"),
    ("Egyptian police captured the suspect in Cairo on Tuesday.", "captured"),
    ("The soldiers shot back at the attackers near the checkpoint.", "shot"),
    ("Gunmen shot up a police car in Karachi on Friday.", "shot"),
])
def test_force_on_people_or_ground_stays(pipeline, text, trigger):
    why = _why(pipeline, text)
    assert trigger in why and why[trigger] is None


@pytest.mark.parametrize("text, code", [
    ("Two policemen were killed when a roadside bomb exploded in Kandahar.", "1833"),
    ("A suicide bomber killed eleven people at a market in Kirkuk.", "1831"),
    ("Four people were killed when a car bomb went off outside a hotel in Mogadishu.", "1832"),
])
def test_a_death_from_a_bomb_on_the_ground_takes_the_bombing_code(pipeline, text, code):
    codes = {e.cameo for e in pipeline(Document(id="t", text=text)).events if e.trigger == "killed"}
    assert code in codes


def test_a_death_from_the_air_stays_fighting(pipeline):
    text = "Ten civilians were killed when warplanes dropped barrel bombs on Aleppo."
    codes = {e.cameo[:2] for e in pipeline(Document(id="t", text=text)).events if e.trigger == "killed"}
    assert codes and "18" not in codes
