"""Shows with no one to show them to (invented sentences, parsed by the real model): a patrol with
no object or place, a march by no crowd for no cause and a thing demonstrated are no events (the
gate's ``posture``, ``procession`` and ``exhibit`` checks, ``language/displays.py``); the shows
someone sees stay."""
from __future__ import annotations

import pytest

from flashpoint.stages.gate import EventGate
from tests.handmade import ungated

pytestmark = pytest.mark.model


def _why(pipeline, text: str) -> dict[str, str | None]:
    """trigger -> the check that drops its event (None: kept), for every event coded before the gate."""
    doc = ungated(pipeline, text)
    return {e.trigger: EventGate().failed(e, doc) for e in doc.events}


@pytest.mark.parametrize("text, trigger, check", [
    ("Marines often patrol", "patrol", "posture"),
    ("Some 1,400 Dutch and Danish troops patrol", "patrol", "posture"),
    ("The insurance brokers marched into several small towns and sold policies door to door.", "marched",
     "procession"),
    ("His challenger, Maria Kowalski, was also marching.", "marching", "procession"),
    ("Last week a Kenyan engineer demonstrated a solar water pump to farmers in Nakuru.", "demonstrated", "exhibit"),
])
def test_a_show_with_no_one_to_see_it_is_no_event(pipeline, text, trigger, check):
    assert _why(pipeline, text).get(trigger) == check


@pytest.mark.parametrize("text, trigger", [
    ("Marines patrolled the streets of Mogadishu on Friday.", "patrolled"),
    ("Indonesian troops patrol the border with East Timor.", "patrol"),
    ("About 3,000 teachers marched through Lima on Tuesday.", "marched"),
    ("The crowd marched to the parliament to demand new elections.", "marched"),
    ("Residents marched in solidarity with the striking miners in Potosi.", "marched"),
])
def test_a_show_someone_sees_stays(pipeline, text, trigger):
    why = _why(pipeline, text)
    assert trigger in why and why[trigger] is None
