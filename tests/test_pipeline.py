from __future__ import annotations

import pytest

from flashpoint.errors import PipelineError
from flashpoint.model import Document
from flashpoint.pipeline import Pipeline


class Stage:
    def __init__(self, name, requires, assigns, fail=False, *, updates=()):
        self.name, self.requires, self.assigns, self.fail = name, frozenset(requires), frozenset(assigns), fail
        self.updates = frozenset(updates)

    def __call__(self, doc):
        if self.fail and "boom" in doc.text:
            raise ValueError("boom")
        return doc


def test_order_checked_when_built():
    with pytest.raises(PipelineError, match="events"):
        Pipeline([Stage("events", {"actors"}, {"events"}), Stage("actors", {"text"}, {"actors"})])


def test_a_stage_may_not_assign_what_an_earlier_stage_updated():
    make = Stage("events", {"text"}, {"events"})
    fill = Stage("dates", {"events"}, (), updates={"events"})
    more = Stage("classify", {"events"}, {"events"})
    assert Pipeline([make, more, fill]).assigns >= {"events"}
    with pytest.raises(PipelineError, match="'classify' assigns \\['events'\\] after stage 'dates'"):
        Pipeline([make, fill, more])


def test_updating_needs_an_earlier_assignment_and_names_are_document_attributes():
    with pytest.raises(PipelineError, match="requires"):
        Pipeline([Stage("dates", {"text"}, (), updates={"events"})])
    with pytest.raises(PipelineError, match="not Document attributes"):
        Pipeline([Stage("x", {"text"}, {"classified"})])


def test_one_failing_document_does_not_stop_the_batch():
    p = Pipeline([Stage("a", {"text"}, {"actors"}, fail=True)])
    out = list(p.run([Document("1", "fine"), Document("2", "boom"), Document("3", "fine")]))
    assert [type(o).__name__ for o in out] == ["Document", "Failure", "Document"]
    assert "stage 'a' failed" in str(out[1])


def test_real_pipeline_is_well_ordered():
    from flashpoint.coder import build_pipeline
    from flashpoint.config import load_config

    assert build_pipeline().names == ["parse", "actors", "places", "events", "classify", "locate", "gate",
                                      "retype", "rank", "acts", "event_places", "locate-sentence", "dates"]
    assert "retype" not in build_pipeline(load_config(classifier_learned_retype=False)).names
    assert "rank" not in build_pipeline(load_config(rank_events=False)).names


@pytest.mark.parametrize("late", ["locate", "gate", "acts", "event_places", "locate-sentence", "dates"])
def test_real_stages_refuse_to_run_before_classify(late):
    """locate, gate, event_places and dates finish each event; the classifier's own events must exist by then."""
    from flashpoint.coder import build_pipeline

    stages = list(build_pipeline().stages)
    moved = next(s for s in stages if s.name == late)
    stages.remove(moved)
    stages.insert([s.name for s in stages].index("classify"), moved)
    with pytest.raises(PipelineError, match=f"'classify' assigns \\['events'\\] after stage '{late}'"):
        Pipeline(stages)


def test_each_stage_declares_the_document_attributes_it_reads():
    """Every ``doc.<attribute>`` a stage module reads is in its ``requires`` (or made by itself)."""
    import ast
    import inspect

    from flashpoint.coder import build_pipeline
    from flashpoint.pipeline import ATTRIBUTES

    for stage in build_pipeline().stages:
        tree = ast.parse(inspect.getsource(inspect.getmodule(type(stage))))
        read = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)
                and isinstance(n.value, ast.Name) and n.value.id == "doc" and n.attr in ATTRIBUTES}
        undeclared = read - stage.requires - stage.assigns - stage.updates - {"id"}
        assert not undeclared, f"stage '{stage.name}' reads {sorted(undeclared)} without declaring it"
