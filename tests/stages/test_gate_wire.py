"""The gate's checks for wire copy (invented sentences, parsed by the real model): an attack told
again by its toll, a patrol as a standing arrangement, the verbs of force in idioms, ordinary
crime and leftover ordnance are no further events; the attacks, patrols and captures of actors
stay."""
from __future__ import annotations

import pytest

from flashpoint.model import Document
from flashpoint.stages.gate import EventGate
from tests.handmade import ungated

pytestmark = pytest.mark.model


def _why(pipeline, text: str) -> dict[str, str | None]:
    """trigger -> the check that drops its event (None: kept), for every event coded before the gate."""
    doc = ungated(pipeline, text)
    return {e.trigger: EventGate().failed(e, doc) for e in doc.events}


@pytest.mark.parametrize("text, trigger, check", [
    ("Gunmen shot and killed two border guards near Velmor on Monday.", "killed", "toll"),
    ("Six soldiers were killed and nine others were wounded in the rebel attack on the base.", "wounded", "toll"),
    ("A suicide bomber detonated his vest at the checkpoint, killing eight and wounding 16.", "wounding", "toll"),
    ("Some 1,200 Ruritanian troops patrol the buffer zone.", "patrol", "standing"),
    ("Ruritanian soldiers often patrol the border villages.", "patrol", "standing"),
    ("The Ruritanian skier captured the gold medal at the championships in Velmor.", "captured", "idiom"),
    ("The cockpit video captured the first minutes of the raid.", "captured", "idiom"),
    ("A 40-year-old shopkeeper was murdered near the market on Tuesday night.", "murdered", "crime"),
    ("Two boys were killed when a bomb left over from the war exploded in their village.", "killed", "remnant"),
])
def test_wire_non_events_are_dropped_by_the_check_that_names_why(pipeline, text, trigger, check):
    assert _why(pipeline, text).get(trigger) == check


@pytest.mark.parametrize("text, trigger", [
    ("Gunmen killed two border guards near Velmor on Monday.", "killed"),
    ("A suicide bomber detonated his vest at the checkpoint, killing eight.", "detonated"),
    ("Ruritanian troops patrolled the streets of the capital on Thursday to enforce the curfew.", "patrolled"),
    ("Ruritanian forces captured the town of Velmor from the rebels on Sunday.", "captured"),
    ("Militants murdered three Ruritanian soldiers at a checkpoint.", "murdered"),
    ("The guerrillas detonated a landmine under a Ruritanian army truck.", "detonated"),
])
def test_acts_of_actors_stay(pipeline, text, trigger):
    assert _why(pipeline, text).get(trigger) is None
