"""Taking ground, driving fighters out and intervening in a war (language/ground.py), on
sentences written for these tests and coded by the real pipeline."""
from __future__ import annotations

import pytest

from flashpoint.model import Document

pytestmark = pytest.mark.model


def _codes(pipeline, text: str) -> dict[str, str]:
    return {e.trigger: e.cameo for e in pipeline(Document(id="t", text=text)).events}


@pytest.mark.parametrize("text, trigger", [
    ("Islamic State fighters seized the city of Palmyra in May.", "seized"),
    ("Turkish troops seized control of the border city after a week of fighting.", "seized"),
    # heights, a share of a country, and any building fighters take
    ("The army captured the heights above the valley after a week of shelling.", "captured"),
    ("Rebel groups have captured 40 percent of Chad since March.", "captured"),
    ("The rebels seized the hospital and the area around it.", "seized"),
    # a verb coordinated after another shares its armed subject
    ("Government forces stormed and captured several buildings near the station.", "captured"),
])
def test_taking_a_place_is_occupying_territory(pipeline, text, trigger):
    assert _codes(pipeline, text).get(trigger) == "192"


def test_taking_a_person_keeps_its_own_code(pipeline):
    code = _codes(pipeline, "Kenyan police captured the suspected gunman in Nairobi.").get("captured")
    assert code is not None and code[:2] != "19"


def test_a_building_taken_by_no_fighters_is_no_ground(pipeline):
    code = _codes(pipeline, "The tax authorities seized the hospital's accounts and the building.").get("seized")
    assert code is not None and code[:2] != "19"


def test_driving_fighters_out_is_fighting(pipeline):
    codes = _codes(pipeline, "Iraqi troops pushed Islamic State militants out of the city of Ramadi.")
    assert codes.get("pushed", "")[:2] == "19"


def test_expelling_diplomats_is_not_fighting(pipeline):
    codes = _codes(pipeline, "Britain expelled two Russian diplomats from London on Tuesday.")
    assert "expelled" in codes and codes["expelled"][:2] not in {"18", "19", "20"}


def test_intervening_militarily_in_a_country_is_fighting(pipeline):
    codes = _codes(pipeline, "Saudi Arabia intervened militarily in Yemen in March 2015.")
    assert codes.get("intervened") == "190"


def test_a_person_taken_by_fighters_is_no_ground(pipeline):
    code = _codes(pipeline, "The militants captured two soldiers and a driver near the border.").get("captured")
    assert code is not None and code[:2] != "19"
