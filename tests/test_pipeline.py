from __future__ import annotations

import pytest

from flashpoint.errors import PipelineError
from flashpoint.model import Document
from flashpoint.pipeline import Failure, Pipeline


class Stage:
    def __init__(self, name, requires, provides, fail=False):
        self.name, self.requires, self.provides, self.fail = name, frozenset(requires), frozenset(provides), fail

    def __call__(self, doc):
        if self.fail and "boom" in doc.text:
            raise ValueError("boom")
        return doc


def test_order_checked_when_built():
    with pytest.raises(PipelineError, match="events"):
        Pipeline([Stage("events", {"actors"}, {"events"}), Stage("actors", {"text"}, {"actors"})])


def test_one_failing_document_does_not_stop_the_batch():
    p = Pipeline([Stage("a", {"text"}, {"x"}, fail=True)])
    out = list(p.run([Document("1", "fine"), Document("2", "boom"), Document("3", "fine")]))
    assert [type(o).__name__ for o in out] == ["Document", "Failure", "Document"]
    assert "stage 'a' failed" in str(out[1])


def test_real_pipeline_is_well_ordered():
    from flashpoint.coder import build_pipeline

    assert build_pipeline().names == ["parse", "actors", "places", "events", "classify", "locate", "gate", "dates"]
