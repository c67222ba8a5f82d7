"""Arguments unfit for the act (flashpoint.language.fitness), on texts written for these tests and
parsed by the real model: force done to a figure (``figure``) and a country read from the phrase of an
abstract subject (``abstract_doer``) drop the event in the gate, which every other check lets through;
force done to people, ground and strike targets, and subjects that are bodies of people, keep theirs."""
from __future__ import annotations

import pytest

from flashpoint.model import Document
from flashpoint.stages.gate import CHECKS, EventGate, abstract_doer, figure

pytestmark = pytest.mark.model


def _why(pipeline, text: str, gate: EventGate) -> dict[str, str | None]:
    """trigger -> the check of ``gate`` that drops its event (None: kept), for every event coded before the gate."""
    doc = Document(id="t", text=text)
    for stage in pipeline.stages:
        if stage.name == "gate":
            break
        doc = stage(doc)
    return {e.trigger: gate.failed(e, doc) for e in doc.events}


@pytest.mark.parametrize(("check", "text", "trigger"), [
    (figure, "Figures released on Monday showed that Canada and Japan hit the 2% defence spending target.", "hit"),
    (figure, "Exporters in Chile hit a record high of $40bn last year, the ministry said.", "hit"),
    (abstract_doer, "For Germany, cooperation with Poland offered a chance to rebuild trust.", "offered"),
    (abstract_doer, "The bombardment of Gaza will force an exodus of traders towards Egypt.", "force"),
])
def test_an_argument_unfit_for_the_act_drops_it(pipeline, check, text, trigger):
    found = _why(pipeline, text, EventGate())
    assert trigger in found, f"the coder no longer codes {trigger!r}: rewrite the test sentence"
    assert found[trigger] == check.__name__
    others = EventGate(checks=tuple(c for c in CHECKS if c is not check))
    assert _why(pipeline, text, others)[trigger] is None


@pytest.mark.parametrize(("text", "trigger"), [
    ("Government forces hit civilian targets in Idlib on Monday.", "hit"),
    ("Rebels killed 20% of the garrison in the town, a monitor said.", "killed"),
    ("The coalition of rebel groups attacked the town of Marib on Sunday.", "attacked"),
    ("Russia's intervention in Syria killed thousands of civilians, the report said.", "killed"),
    ("The bombardment of Mosul by Iraqi forces will force an exodus of families towards Syria.", "force"),
])
def test_people_ground_and_bodies_keep_the_act(pipeline, text, trigger):
    found = _why(pipeline, text, EventGate())
    assert trigger in found, f"the coder no longer codes {trigger!r}: rewrite the test sentence"
    assert found[trigger] not in {"figure", "abstract_doer"}
