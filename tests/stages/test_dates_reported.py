"""A report's day is not the day of the earlier act it tells of (invented sentences, parsed by
the real model): the act is marked as before publication instead of given the report's day, while
an act dated in its own clause, what a speaker says is under way, an act in the month or year of
its report and one whose sentence opens with its date keep the date."""
from __future__ import annotations

import datetime as dt

import pytest

from flashpoint.model import Document, Event

pytestmark = pytest.mark.model
PUBLISHED = dt.date(2021, 6, 16)  # a Wednesday


def _on(pipeline, text: str, trigger: str) -> Event:
    doc = pipeline(Document(id="t", text=text, date=PUBLISHED))
    return next(e for e in doc.events if e.trigger == trigger)


@pytest.mark.parametrize("text, trigger", [
    ("The navy said on Wednesday its gunners had shot down a drone over the strait.", "shot"),
    ("Nine villagers have been killed in the raids, the monitor said on Tuesday.", "killed"),
    ("The ministry announced on Wednesday that its troops had captured the airport.", "captured"),
    ("The ceremony on Monday came after eleven guards were killed at the depot.", "killed"),
])
def test_an_earlier_act_is_not_given_the_date_of_its_report(pipeline, text, trigger):
    date = _on(pipeline, text, trigger).date
    assert (date.relation, date.precision, date.text) == ("before", "unknown", None), date


@pytest.mark.parametrize("text, trigger, value", [
    ("Rebels attacked the garrison at Orlan on Tuesday, the army said.", "attacked", "2021-06-15"),
    ("Gunmen killed four policemen on Monday, officials said on Tuesday.", "killed", "2021-06-14"),
    ("The governor said on Wednesday that militants were blocking the main road.", "blocking", "2021-06-16"),
    ("Last month's bombing killed 14 people, police said on Wednesday.", "killed", "2021-05"),
    # a month or a year the act most likely falls in too; a date opening the sentence sets its scene
    ("In March, the navy said its gunners shot down a drone over the strait.", "shot", "2021-03"),
    ("On Tuesday, the monitor said nine villagers were killed in the raids.", "killed", "2021-06-15"),
])
def test_an_act_keeps_a_date_of_its_own_clause(pipeline, text, trigger, value):
    assert _on(pipeline, text, trigger).date.value == value
