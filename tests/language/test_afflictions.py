"""Force that no party uses (flashpoint.language.afflictions), on texts written for these tests and
parsed by the real model: an illness, nature or an animal as the doer, or an illness or only
animals as what it is done to, drops the event in the gate's ``afflicted`` check (which every other
check lets through); people, armed groups and states doing it keep theirs."""
from __future__ import annotations

import pytest

from flashpoint.model import Document
from flashpoint.stages.gate import CHECKS, EventGate, afflicted

pytestmark = pytest.mark.model


def _why(pipeline, text: str, gate: EventGate) -> dict[str, str | None]:
    """trigger -> the check of ``gate`` that drops its event (None: kept), for every event coded before the gate."""
    doc = Document(id="t", text=text)
    for stage in pipeline.stages:
        if stage.name == "gate":
            break
        doc = stage(doc)
    return {e.trigger: gate.failed(e, doc) for e in doc.events}


@pytest.mark.parametrize(("text", "trigger"), [
    ("Doctors said 300 children had died after being hit by a measles epidemic in the country of Malawi.",
     "hit"),  # a source (the country of the setting) was found elsewhere: the verb's own doer decides
    ("A new influenza strain has sickened dozens of Indonesian farmers and killed eleven of them.", "killed"),
    ("A meteorite hit a house in a village near Lima, officials in Peru said.", "hit"),
    ("Health workers in Uganda are fighting Ebola in the north.", "fighting"),
    ("Its programme of fighting malaria in Ghana is run with a charity.", "fighting"),
    ("Doctors in Haiti say they have arrested the outbreak.", "arrested"),
    ("Farmers in Thailand began slaughtering thousands of chickens on Monday.", "slaughtering"),
    ("Police officers in Sydney are killing stray dogs to stop rabies.", "killing"),
])
def test_an_illness_or_animals_as_doer_or_patient_is_no_party(pipeline, text, trigger):
    others = EventGate(checks=tuple(c for c in CHECKS if c is not afflicted))
    assert _why(pipeline, text, others)[trigger] is None
    assert _why(pipeline, text, EventGate())[trigger] == "afflicted"


@pytest.mark.parametrize(("text", "trigger"), [
    ("Police in Kenya killed five protesters in Nairobi on Monday.", "killed"),
    ("Rebels attacked a village in Darfur, killing 12 civilians.", "killing"),
    ("Troops shot dead two cattle rustlers in Kenya.", "shot"),
    ("The army fought the rebels in the north of Chad.", "fought"),
    ("Gunmen killed three soldiers and 40 cattle in northern Mali on Tuesday.", "killed"),
])
def test_people_groups_and_states_keep_their_force(pipeline, text, trigger):
    assert _why(pipeline, text, EventGate())[trigger] is None
