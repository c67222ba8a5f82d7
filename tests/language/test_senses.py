"""A verb's sense by its arguments' kind (flashpoint/language/senses.py), on sentences written
for these tests and parsed by the real model: each verb is shown in both senses, so that the
re-coding can fail either way."""
from __future__ import annotations

import pytest

from flashpoint.model import Document

pytestmark = pytest.mark.model


def _roots(pipeline, text: str, trigger: str) -> set[str]:
    doc = pipeline(Document(id="t", text=text))
    return {e.cameo for e in doc.events if e.trigger == trigger}


@pytest.mark.parametrize("text, trigger, code", [
    # people moved out of their homes: an expulsion (CAMEO 174)
    ("The Egyptian government is sending hundreds of residents of Rafah to camps in the Sinai.", "sending", "174"),
    ("Hungary sent the migrants back to Serbia on Monday.", "sent", "174"),
    # troops sent: a force posture, not an expulsion
    ("Ethiopia sent troops to Somalia last week.", "sent", "152"),
    # a quarrel between governments is disapproval; between forces a fight; at a border a fight
    ("Kenya has clashed with its neighbours over fishing rights.", "clashed", "110"),
    ("The Kenyan foreign minister clashed with Somali officials over the maritime dispute.", "clashed", "110"),
    ("Somali troops clashed with al-Shabaab fighters near the town.", "clashed", "190"),
    ("India and Pakistan clashed along the border.", "clashed", "190"),
    # invited to do an act: a request; invited to a meeting or a visit: not a request
    ("The Dutch government invited the IAEA to inspect the reactor.", "invited", "020"),
    ("Norway invited the Colombian president to visit Oslo.", "invited", "040"),
])
def test_a_verb_is_coded_by_the_kind_of_its_arguments(pipeline, text, trigger, code):
    assert _roots(pipeline, text, trigger) == {code}


@pytest.mark.parametrize("text, trigger, code", [
    # the toll of an attack by gunmen, told in the next sentence: unconventional violence
    ("Gunmen opened fire on a bus in Karachi. Six people were killed.", "killed", "180"),
    # the same toll with no attack before it: a killing in a war, the news gold's 190
    ("Six people were killed.", "killed", "190"),
    # the toll of an attack by an army stays military force
    ("Pakistani troops opened fire on a bus in Karachi. Six people were killed.", "killed", "190"),
    # a toll whose clause names air strikes is military force, whatever came before
    ("Gunmen opened fire on a bus in Karachi. Six people were killed in air strikes on Quetta.", "killed", "190"),
])
def test_an_unattributed_toll_takes_the_kind_of_the_attack_before_it(pipeline, text, trigger, code):
    assert _roots(pipeline, text, trigger) == {code}


@pytest.mark.parametrize("text, trigger, code", [
    # opposing a plan, a proposal or a claim put to the actor is rejecting it (CAMEO 12)
    ("The Sudanese opposition parties are opposed to the army's election timetable.", "opposed", "120"),
    ("Armenia challenged Azerbaijan's claim that its troops had withdrawn.", "challenged", "120"),
    # opposing an actor stays disapproval
    ("Ethiopia opposed Egypt at the meeting.", "opposed", "110"),
])
def test_opposing_what_was_proposed_is_a_rejection(pipeline, text, trigger, code):
    assert _roots(pipeline, text, trigger) == {code}


@pytest.mark.parametrize("text, trigger", [
    ("The Egyptian president provoked a crisis in the ruling party.", "provoked"),
    ("Kenyan police dealt with the incident outside the stadium.", "dealt"),
    ("The Ugandan army endangered thousands of villagers.", "endangered"),
])
def test_verbs_of_causing_and_handling_are_no_event_on_their_own(pipeline, text, trigger):
    assert _roots(pipeline, text, trigger) == set()


@pytest.mark.parametrize("text, trigger, code", [
    # taking a person is detaining them (173); taking a town is force
    ("The Sudanese army captured the rebel commander near Khartoum.", "captured", "173"),
    ("The Sudanese army captured the town of Kassala.", "captured", "190"),
    # charged with a crime: legal action (173); lobbying someone: an appeal (020)
    ("Prosecutors charged the Colombian general with murder.", "charged", "173"),
    ("Colombian officials lobbied the Venezuelan government to extradite the commander.", "lobbied", "020"),
    # training another's troops is military assistance (072), not the borrowed 030
    ("The United States trained Kenyan troops in counter-terrorism.", "trained", "072"),
])
def test_the_news_gold_conventions_for_captures_charges_and_lobbying(pipeline, text, trigger, code):
    assert _roots(pipeline, text, trigger) == {code}
