"""Captures by their captive, and deaths and damage from a bomb on the ground, on real parses
(the classify stage's rule re-typers, ``language/victims.py`` and ``language/bombings.py``)."""
from __future__ import annotations

import pytest


def _codes(pipeline, text: str, trigger: str) -> list[str]:
    from flashpoint.model import Document

    doc = pipeline(Document(id="t", text=text))
    return [e.cameo for e in doc.events if e.trigger == trigger]


@pytest.mark.model
@pytest.mark.parametrize("text, trigger, code", [
    # people captured are detained, by police, troops or an unnamed hand
    ("Police captured Arvo Kessel at a hotel in Tarlin on Friday.", "captured", "173"),
    ("Army troops captured eight suspected insurgents in raids near Belka on Monday.", "captured", "173"),
    # captured by rebels as the verb's agent: taken hostage
    ("Two soldiers were captured by rebels near the dam at Oskova.", "captured", "181"),
])
def test_a_capture_is_coded_by_its_captive(pipeline, text, trigger, code):
    assert _codes(pipeline, text, trigger) == [code]


@pytest.mark.model
def test_ground_captured_is_no_captive(pipeline):
    codes = _codes(pipeline, "Rebel fighters captured the town of Marvik after two days of fighting.", "captured")
    assert codes and all(c[:2] == "19" for c in codes)  # force or taking ground, not 173 or 181


@pytest.mark.model
@pytest.mark.parametrize("text, trigger, code", [
    ("Nine people were killed in a suicide attack on a market in Zebrin on Sunday.", "killed", "1831"),
    ("Four guards were killed when a man blew himself up at the gate of a police station in Venn.", "killed",
     "1831"),
    ("Two car bombings killed eleven people in the port of Karsk.", "killed", "1832"),
    ("A homemade bomb destroyed the front of a bank in Orlo overnight.", "destroyed", "183"),
])
def test_a_bombing_on_the_ground_is_coded_by_its_means(pipeline, text, trigger, code):
    assert _codes(pipeline, text, trigger) == [code]


@pytest.mark.model
@pytest.mark.parametrize("text, trigger", [
    ("Warplanes bombed the town of Kerrin and killed twelve civilians.", "bombed"),  # bombs from the air
    ("Warplanes bombed the town of Kerrin, and then they killed twelve civilians.", "killed"),
    ("Government troops attacked rebel positions near Tarvik with artillery.", "attacked"),  # no bomb
])
def test_force_with_no_ground_bomb_stays_fighting(pipeline, text, trigger):
    codes = _codes(pipeline, text, trigger)
    assert codes and all(c.startswith("19") for c in codes)
