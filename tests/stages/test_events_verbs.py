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
    ("The militia began their military operations in the western countryside of Varesk on Saturday.", "began"),
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
