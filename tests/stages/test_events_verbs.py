"""Gold event verbs the coder used to miss (branch s9-verb, docs/evaluation.md): an armed
operation carried by a verb of aspect. Invented sentences, through the real pipeline (spaCy
model, actor tables, gate)."""
from __future__ import annotations

import pytest

from flashpoint.model import Document

pytestmark = pytest.mark.model


def events_on(pipeline, text, trigger):
    return [e for e in pipeline(Document(id="t", text=text)).events if e.trigger == trigger]


@pytest.mark.parametrize("text, trigger", [
    ("The militia began military operations in the hills around Varesk on Saturday.", "began"),
    ("The army has begun a large-scale operation to retake the province of Orlan.", "begun"),
])
def test_an_armed_operation_carried_by_a_verb_of_aspect_is_the_act(pipeline, text, trigger):
    found = events_on(pipeline, text, trigger)
    assert found and found[0].cameo.startswith("19")


@pytest.mark.parametrize("text, trigger", [
    ("The new airport began operations in the city last year.", "began"),
    ("The company resumed its operation in the town of Orlan.", "resumed"),
    ("The hospital started its operations in the capital in May.", "started"),
])
def test_an_operation_of_no_armed_actor_is_no_act(pipeline, text, trigger):
    assert not events_on(pipeline, text, trigger)


@pytest.mark.parametrize("text, trigger, root", [
    ("Dana Rusk, arrested in Lyon on 2 June, had been convicted of fraud.", "arrested", "17"),
    ("Three oil workers captured in eastern Ethiopia have been released.", "captured", "17"),
])
def test_a_participle_of_conflict_that_says_where_reports_its_act(pipeline, text, trigger, root):
    found = events_on(pipeline, text, trigger)
    assert found and found[0].cameo.startswith(root)


@pytest.mark.parametrize("text, trigger", [
    ("The men kidnapped by the group in June were freed.", "kidnapped"),  # no place: a description
    ("Forces backed by Iran in Syria attacked the town.", "backed"),  # no act of conflict
])
def test_a_participle_that_only_describes_stays_no_event(pipeline, text, trigger):
    assert not events_on(pipeline, text, trigger)


def test_a_participle_whose_phrase_names_a_place_only_through_another_phrase_stays_a_description(pipeline):
    text = "The withdrawal has raised alarm among officials involved in the war against Daesh in the east."
    assert not events_on(pipeline, text, "involved")


def test_a_participle_may_name_its_place_through_the_attack_it_happened_in(pipeline):
    text = "The contractor was the first Dane killed in a series of rocket attacks on bases in Varesk last month."
    assert events_on(pipeline, text, "killed")


@pytest.mark.parametrize("text", [
    "The two suspects were captured in the province of Orlan on Friday.",
    "Police captured the fugitive in a village near the city of Varesk.",
])
def test_where_a_person_was_captured_is_not_what_was_taken(pipeline, text):
    # the lexicon's 'capture' row for towns and cities reads its object, not the place of the act
    found = events_on(pipeline, text, "captured")
    assert found and all(e.cameo.startswith("17") for e in found)


def test_a_borrowed_row_still_reads_its_place_phrase(pipeline):
    found = events_on(pipeline, "Police held the two suspects in custody in Orlan for a week.", "held")
    assert found and all(e.cameo == "173" for e in found)
