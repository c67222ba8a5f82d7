"""A report's day is not the day of the earlier act it tells of (invented sentences, parsed by
the real model): the act is marked as before publication instead of given the report's day, while
an act dated in its own clause, what a speaker says is under way, an act in the month or year of
its report and one whose sentence opens with its date keep the date."""
from __future__ import annotations

import contextlib
import datetime as dt
import signal

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


@contextlib.contextmanager
def _bounded(seconds: int = 120):
    """Fail, rather than hang, if the block loops for ever (a guard, not a timing measure)."""
    def expire(signum, frame):
        raise AssertionError(f"still running after {seconds} s: an endless loop")
    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_a_noun_trigger_of_a_verbless_sentence_is_not_told_before_a_later_clause():
    """The noun's climb to its clause stops at the sentence's root when no verb is on the way: a
    Token is built anew at each access, so ``head is not tok`` never stopped it (an endless loop)."""
    from flashpoint.stages.dates import _governor, _report_day, _told_before
    from flashpoint.stages.parse import MODEL_PACKAGE, load_nlp

    doc = load_nlp(MODEL_PACKAGE)("Heavy shelling of the northern villages after the truce signed on Tuesday.")
    trigger = next(t for t in doc if t.lower_ == "shelling")
    day = next(e for e in doc.ents if e.label_ == "DATE")
    governor = _governor(day)
    assert trigger.pos_ == "NOUN" and not any(t.pos_ in {"VERB", "AUX"} for t in trigger.ancestors)
    assert governor is not None and governor.i != trigger.i and _report_day(day, governor)
    with _bounded():
        assert _told_before(trigger, governor) is False


def test_a_verbless_headline_with_a_dated_clause_is_coded(pipeline):
    """A headline whose event noun is its root and whose day hangs on another word was coded for
    ever (``flashpoint code`` gave up at its time limit and reported a failure)."""
    with _bounded():
        doc = pipeline(Document(id="t", text="Fresh US sanctions on Iran following the drone attack on a tanker "
                                             "on Friday.", date=PUBLISHED))
    event = next(e for e in doc.events if e.trigger == "sanctions")
    assert event.date.value == "2021-06-11", event.date  # the Friday before publication
