"""Events the news reports without an actor of the tables, and events carried by a verb of
occurrence or aspect, through the real pipeline (spaCy model, actor tables, gate)."""
from __future__ import annotations

import pytest

from flashpoint.model import Document

pytestmark = pytest.mark.model


def coded(pipeline, text):
    return [(e.trigger, e.cameo[:2]) for e in pipeline(Document(id="t", text=text)).events]


@pytest.mark.parametrize("text, trigger, root", [
    ("The man was shot near the settlement of Yitzhar on Tuesday.", "shot", "19"),
    ("Three people were wounded in the town of Rastan.", "wounded", "19"),
    ("A roadside bomb detonated near a market in Kirkuk.", "detonated", "18"),
    ("He was captured in Afghanistan in November.", "captured", "17"),
    ("Syrian troops continued their assault on the town of Rastan.", "continued", "19"),
    ("Heavy clashes broke out in Homs on Monday.", "broke", None),  # 19, or 14 when the model re-types
])
def test_acts_with_no_named_author_or_carried_by_a_verb_are_coded(pipeline, text, trigger, root):
    found = [r for t, r in coded(pipeline, text) if t == trigger]
    assert found and (root is None or root in found)


@pytest.mark.parametrize("text", [
    "It is being shot in English and Hindi.",  # a film: nobody suffered it
    "A gas tank exploded at the plant.",  # an accident: no author, nobody named
    "A gas explosion occurred at the plant.",
    "\u201cEvery time I sent people they were killed.",  # a speaker's own story
    "We will fight for ourselves.",
    "There had been no approach by Britain to extradite either man.",  # a noun under 'no'
])
def test_no_event_without_someone_who_did_or_suffered_it(pipeline, text):
    assert coded(pipeline, text) == []


def events_on(pipeline, text, trigger):
    return [e for e in pipeline(Document(id="t", text=text)).events if e.trigger == trigger]


def test_a_force_s_vehicles_can_act_and_a_plane_that_hits_a_mountain_does_not_attack(pipeline):
    assert events_on(pipeline, "Military trucks carrying soldiers patrolled the market district of Sorrel.",
                     "patrolled")
    assert not [e for e in pipeline(Document(id="t", text="A plane hit a mountain near Kesh.")).events
                if e.cameo[:2] in {"18", "19", "20"}]


def test_a_participle_on_the_noun_of_a_sentence_with_no_verb_is_its_verb(pipeline):
    found = events_on(pipeline, "Some 30 teachers today protested in Pellam over unpaid wages.", "protested")
    assert found and found[0].cameo.startswith("14")
    # with its agent it is a reduced relative, not the sentence's act
    assert not events_on(pipeline, "Rebel groups supported by Turkey, in the north of the country.", "supported")


def test_a_passive_with_no_agent_has_no_source(pipeline):
    found = events_on(pipeline, "He was detained at a Greek port after a long chase.", "detained")
    assert found and all(e.source is None for e in found)


def test_engaged_in_a_battle_is_the_subject_s_own_act(pipeline):
    found = events_on(pipeline, "Two rebel battalions are engaged in heavy combat with government troops outside Delmar.",
                      "engaged")
    assert found and found[0].cameo.startswith("19") and found[0].source is not None


@pytest.mark.parametrize("text, trigger", [
    ("The Danish foreign minister claimed the convoy had been hit by mistake.", "claimed"),
    ("The Finnish government is sending the residents to the northern camps.", "sending"),
    ("The Swedish army joined the exercise near Oslo.", "joined"),
])
def test_a_bare_borrowed_verb_of_saying_or_moving_is_no_event(pipeline, text, trigger):
    assert [r for t, r in coded(pipeline, text) if t == trigger] == []


def test_an_invitation_to_act_is_a_request(pipeline):
    found = coded(pipeline, "The Estonian government invited the OSCE to send observers to the border.")
    assert ("invited", "02") in found


@pytest.mark.parametrize("text, trigger, code", [
    ("Two Danish men have been charged under the terrorism act in Denmark.", "charged", "173"),
])
def test_a_legal_charge_has_its_own_code(pipeline, text, trigger, code):
    assert code in [e.cameo for e in pipeline(Document(id="t", text=text)).events if e.trigger == trigger]


def test_a_passive_coordinated_with_another_shares_its_subject_and_agent(pipeline):
    text = "Her nephew, Tomas, was shot and killed by police in Lyon in 2001."
    for trigger in ("shot", "killed"):  # one act: the toll is folded into the shooting's event
        found = [e for e in pipeline(Document(id="t", text=text)).events
                 if trigger in (e.trigger, *(t for t, _ in e.also_triggers))]
        assert found and found[0].source is not None and found[0].source.sector == "COP", trigger
