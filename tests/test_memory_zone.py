"""Memory that does not grow with the input (issue 15): each batch of documents coded inside a
spaCy memory zone when the caller keeps no parse, and `code` writing each document's events as
it is coded."""
from __future__ import annotations

import argparse
import contextlib
import dataclasses

import pytest

from flashpoint.model import Document, Sentence
from flashpoint.pipeline import Failure, Pipeline

from tests.test_sections import PARAGRAPH, Strikes, _event

# Words no model or table knows, so that coding them adds strings to spaCy's store.
INVENTED = "Zorbulan militants shelled Qaxtrovia. The Blimfrat ministry condemned the zintering attack."


def test_a_zone_leaves_the_string_store_no_larger_after_a_document_with_new_words(pipeline):
    pipeline = Pipeline(pipeline.stages, warm_chars=0)  # zones from the first document
    strings = pipeline.stages[0].nlp.vocab.strings
    list(pipeline.run([Document("warm", "Iran protested on Monday.")], keep_parse=False))
    before = len(strings)
    (doc,) = pipeline.run([Document("new", INVENTED)], keep_parse=False)
    assert isinstance(doc, Document) and doc.events  # coded ...
    assert doc.parse is None and doc.tokens is None  # ... and nothing of spaCy's left on it
    assert len(strings) == before and "Qaxtrovia" not in strings
    (again,) = pipeline.run([Document("new", INVENTED)], keep_parse=False)
    assert [e.to_record() for e in again.events] == [e.to_record() for e in doc.events]
    # without the zone the same words stay in the store (what the zone saves)
    (kept,) = pipeline.run([Document("new", INVENTED.replace("Qaxtrovia", "Vremnitsa"))])
    assert kept.parse is not None and "Vremnitsa" in strings and len(strings) > before


def test_lemmas_remembered_in_one_zone_are_right_in_the_next():
    """The lemmatizer's memory keeps strings, not hashes of strings a zone has freed."""
    spacy = pytest.importorskip("spacy")
    from flashpoint.stages.parse import MODEL_PACKAGE, load_nlp

    fast, plain = load_nlp(MODEL_PACKAGE), spacy.load(MODEL_PACKAGE)
    text = "The Qorvani envoys were blorbing the treaties they had zintered."
    expected = [t.lemma_ for t in plain(text)]
    for _ in range(2):
        with fast.memory_zone():
            assert [t.lemma_ for t in fast(text)] == expected
    assert "zintered" not in fast.vocab.strings


class ZonedParse:
    """A batching stage with memory zones: records which documents it parsed in which zone."""

    name, requires, assigns, updates = "parse", frozenset({"text"}), frozenset({"sentences", "parse"}), frozenset()
    section_chars = 60
    batch_size = 2

    def __init__(self):
        self.zones: list[list[str]] = []
        self.open = False

    @contextlib.contextmanager
    def memory_zone(self):
        assert not self.open, "zones do not nest"
        self.open = True
        self.zones.append([])
        try:
            yield
        finally:
            self.open = False

    def pipe(self, docs):
        batch = list(docs)
        assert sum(isinstance(d, Document) for d in batch) <= self.batch_size
        for doc in batch:
            yield self(doc) if isinstance(doc, Document) else doc

    def __call__(self, doc):
        assert self.open, "parsed outside a zone"
        self.zones[-1].append(doc.id)
        sents = (Sentence(0, 0, len(doc.text), doc.text),)
        return dataclasses.replace(doc, sentences=sents, parse=object())


def test_each_batch_is_parsed_and_coded_in_one_zone_and_a_long_documents_parts_in_their_own():
    parse = ZonedParse()
    long = PARAGRAPH * 5
    docs = [Document("a", "Gaza."), Document("b", "Iraq."), Document("L", long), Document("c", "Gaza."),
            Document("d", "boom."), Document("e", "Gaza.")]
    out = list(Pipeline([parse, Strikes()], coding_chars=250, warm_chars=0, zone_chars=1).run(docs, keep_parse=False))
    assert [o.doc_id if isinstance(o, Failure) else o.id for o in out] == ["a", "b", "L", "c", "d", "e"]
    parts = [z for z in parse.zones if z and z[0] == "L"]
    assert len(parts) > 1 and all(z == ["L"] for z in parts)
    assert [z for z in parse.zones if z[0] != "L"] == [["a", "b"], ["c", "d"], ["e"]]
    assert all(o.parse is None and o.tokens is None for o in out if isinstance(o, Document))
    assert isinstance(out[4], Failure) and out[4].error.__traceback__ is None  # its frames held the parse
    assert out[0].events and out[2].events
    # zones of 20 characters: the first two batches (10 characters each) share one
    grouped = ZonedParse()
    again = list(Pipeline([grouped, Strikes()], coding_chars=250, warm_chars=0, zone_chars=20).run(
        docs, keep_parse=False))
    assert [z for z in grouped.zones if z[0] != "L"] == [["a", "b", "c", "d"], ["e"]]
    assert [o.doc_id if isinstance(o, Failure) else o.id for o in again] == ["a", "b", "L", "c", "d", "e"]
    # the default keeps each short document's parse, as callers reading it expect
    kept = list(Pipeline([ZonedParseOpen(), Strikes()], coding_chars=250).run(docs[:2]))
    assert all(d.parse is not None for d in kept)


class ZonedParseOpen(ZonedParse):
    """The same stage, parsing outside a zone too; records whether each document was in one."""

    def __init__(self):
        super().__init__()
        self.inside: dict[str, bool] = {}

    def __call__(self, doc):
        self.inside[doc.id] = self.open
        return dataclasses.replace(doc, sentences=(Sentence(0, 0, len(doc.text), doc.text),), parse=object())


class Overlap(ZonedParseOpen):
    """A parse stage that counts how many threads are inside it at once."""

    def __init__(self, shared: dict[str, int]):
        super().__init__()
        self.shared = shared

    def __call__(self, doc):
        import time

        self.shared["now"] += 1
        self.shared["most"] = max(self.shared["most"], self.shared["now"])
        time.sleep(0.01)  # long enough for another thread to come in, were it let
        self.shared["now"] -= 1
        return super().__call__(doc)


def test_zones_open_in_any_thread_and_threads_code_one_at_a_time():
    """A zone swaps the vocabulary's memory for the whole process, so threads (Dask worker
    threads, a web server's request threads) take turns: each zone's group of documents is coded
    by one thread, and every thread codes in zones."""
    import threading

    shared = {"now": 0, "most": 0}
    stages = [Overlap(shared) for _ in range(3)]
    out: list = []

    def code(parse):
        docs = [Document(f"{id(parse)}-{n}", "Gaza.") for n in range(6)]
        out.extend(Pipeline([parse, Strikes()], warm_chars=0, zone_chars=1).run(docs, keep_parse=False))

    threads = [threading.Thread(target=code, args=(parse,)) for parse in stages]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(out) == 18 and all(isinstance(d, Document) and d.parse is None for d in out)
    assert all(list(p.inside.values()) == [True] * 6 and len(p.zones) == 3 for p in stages)
    assert shared["most"] == 1


def test_a_thread_codes_in_a_zone_that_frees_its_new_words(pipeline):
    """The real spaCy pipeline in a thread that is not the main one: what a request thread runs."""
    import threading

    pipeline = Pipeline(pipeline.stages, warm_chars=0)
    strings = pipeline.stages[0].nlp.vocab.strings
    list(pipeline.run([Document("warm", "Iran protested on Monday.")], keep_parse=False))
    before = len(strings)
    out: list = []
    worker = threading.Thread(target=lambda: out.extend(
        pipeline.run([Document("new", INVENTED.replace("Qaxtrovia", "Drummelvik"))], keep_parse=False)))
    worker.start()
    worker.join()
    (doc,) = out
    assert isinstance(doc, Document) and doc.events and doc.parse is None
    assert len(strings) == before and "Drummelvik" not in strings
    (kept,) = pipeline.run([Document("new", INVENTED.replace("Qaxtrovia", "Drummelvik"))])  # main thread, kept
    assert [e.to_record() for e in kept.events] == [e.to_record() for e in doc.events]


def test_zones_open_once_the_first_characters_are_coded_outside_them():
    """The tokenizer caches the words of those first characters for good; inside a zone it caches none."""
    parse = ZonedParseOpen()
    docs = [Document(n, "Gaza.") for n in "abcde"]
    out = list(Pipeline([parse, Strikes()], warm_chars=10, zone_chars=1).run(docs, keep_parse=False))
    assert parse.inside == {"a": False, "b": False, "c": True, "d": True, "e": True}
    assert all(d.parse is None for d in out)  # outside a zone or in, no parse comes out


def test_code_yields_each_documents_records_before_reading_the_next():
    from flashpoint.cli import _records

    taken: list[str] = []

    def items():
        for n in range(3):
            taken.append(str(n))
            text = "Gaza."
            yield Document(str(n), text, events=(_event(0, 0, 5, text),))
        taken.append("bad")
        yield Failure("bad", "bad.txt", "read", ValueError("unreadable"))

    failed: list[Failure] = []
    args = argparse.Namespace(all=False, format="jsonl")
    records = _records(items(), args, None, failed)
    first = next(records)
    assert first["doc_id"] == "d" and taken == ["0"]  # written before the second document is read
    assert len(list(records)) == 2 and taken == ["0", "1", "2", "bad"] and len(failed) == 1
