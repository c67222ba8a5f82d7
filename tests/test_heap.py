from __future__ import annotations

import gc
import weakref

import pytest

from flashpoint.heap import settle, uncollected
from flashpoint.model import Document
from flashpoint.pipeline import Failure, Pipeline


class Cycle:
    def __init__(self):
        self.me = self


class Plain:
    pass


@pytest.fixture
def thawed():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_settle_collects_the_garbage_then_freezes_what_lives(thawed):
    lost = Cycle()
    lost_ref = weakref.ref(lost)
    del lost
    kept, plain = Cycle(), Plain()
    settle()
    assert lost_ref() is None  # garbage in a cycle is collected, not frozen
    assert gc.get_freeze_count() > 0
    kept_ref, plain_ref = weakref.ref(kept), weakref.ref(plain)
    del kept, plain
    gc.collect()
    assert plain_ref() is None  # a frozen object is freed once nothing refers to it
    assert kept_ref() is not None  # a frozen cycle is not: settle runs once, after loading


class Stage:
    name, requires, assigns, updates = "a", frozenset({"text"}), frozenset({"actors"}), frozenset()

    def __call__(self, doc):
        if "boom" in doc.text:
            raise ValueError("boom")
        return doc


def test_a_pipeline_settles_once_after_its_first_document(thawed):
    p = Pipeline([Stage()])
    run = p.run([Document("1", "boom"), Document("2", "fine"), Document("3", "fine")])
    assert isinstance(next(run), Failure) and gc.get_freeze_count() == 0  # no stage has run through yet
    assert isinstance(next(run), Document) and gc.get_freeze_count() > 0
    gc.unfreeze()
    assert [d.id for d in run] == ["3"]
    assert [d.id for d in p.run([Document("4", "fine")])] == ["4"]
    assert gc.get_freeze_count() == 0  # settled once: later documents and runs do not freeze again


def test_no_collection_runs_while_a_pipeline_loads_even_if_a_loader_enables_the_collector():
    thresholds = gc.get_threshold()
    with uncollected():
        gc.enable()  # as spaCy's msgpack reader does after each file
        before = gc.get_count()[0]
        junk = [Cycle() for _ in range(3 * max(thresholds[0], 1))]
        assert gc.get_count()[0] >= before + len(junk)  # no young collection reset the count
    assert gc.get_threshold() == thresholds and gc.isenabled()
