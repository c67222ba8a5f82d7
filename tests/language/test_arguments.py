"""The argument reader on real parses: the threat's target is who its condition is put to."""
from __future__ import annotations

import pytest

from flashpoint.language.arguments import embedded_target, index_actors


@pytest.mark.model
@pytest.mark.parametrize("text, trigger, target", [
    ("Turkey threatened to launch an offensive unless Baghdad accepted the deal.", "threatened", "IRQGOV"),
    ("The rebels will boycott the elections unless the president steps down.", "boycott", "GOV"),
])
def test_a_threat_is_aimed_at_whom_its_condition_is_put_to(pipeline, text, trigger, target):
    from flashpoint.model import Document

    doc = Document(id="t", text=text)
    for stage in pipeline.stages[:3]:  # parse, actors, places
        doc = stage(doc)
    by_token = index_actors(doc.tokens, doc.actors)
    tok = next(t for t in doc.parse if t.text == trigger)
    found = embedded_target(tok, by_token)
    assert found is not None and found.code == target
