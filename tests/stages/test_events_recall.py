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
