"""clause_actors: a place named as the act's scene is no fallback source."""
from __future__ import annotations

import pytest

from flashpoint import code_text


@pytest.mark.model
def test_a_place_of_the_scene_is_not_the_attacker():
    text = "Six rockets struck the Varden air base north of Kabul on Tuesday."
    events = [e for e in code_text(text, date="2020-01-13") if e["trigger"] == "struck"]
    assert events and all(e["source"] is None for e in events)


@pytest.mark.model
def test_a_capital_as_the_subject_still_acts():
    events = [e for e in code_text("Baghdad condemned the strikes on Tuesday.", date="2020-01-13")
              if e["trigger"] == "condemned"]
    assert events and events[0]["source"]["country"] == "IRQ"
