"""A very long document is coded in parts (flashpoint.sections, Pipeline.run): the parts are runs of
the parse sections, and their codings join into one document at the whole text's offsets."""
from __future__ import annotations

import dataclasses
import re

import pytest

from flashpoint.model import Actor, Document, Event, Place, Sentence
from flashpoint.pipeline import Failure, Pipeline
from flashpoint.sections import coding_parts, joined, section_bounds

PARAGRAPH = ("Iranian forces fired missiles at a base in Iraq on Monday, officials said. "
             "The United States condemned the attack.\n\n"
             "Russian diplomats met Chinese envoys in Moscow. Later Israel struck targets in Gaza.\n\n")


@pytest.mark.parametrize("section, coding", [(60, 100), (120, 300), (200, 200), (200, 150), (90, 1000)])
@pytest.mark.parametrize("text", [PARAGRAPH * 7, "x" * 900, "a b " * 300, PARAGRAPH[:50]])
def test_parts_are_runs_of_whole_parse_sections_within_the_limit(text, section, coding):
    parts = coding_parts(text, section_chars=section, coding_chars=coding)
    assert parts[0][0] == 0 and parts[-1][1] == len(text)
    assert all(b == c for (_, b), (c, _) in zip(parts, parts[1:]))
    if len(text) <= coding:
        assert parts == [(0, len(text))]
        return
    sections = section_bounds(text, section)
    cuts = {a for a, _ in sections}
    assert all(a in cuts for a, _ in parts)  # each part starts where a parse section starts
    # ... and the parse stage cuts the part into the very sections the whole text has
    for a, b in parts:
        assert [(x + a, y + a) for x, y in section_bounds(text[a:b], section)] == \
            [s for s in sections if a <= s[0] < b]
    assert all(b - a <= coding or (a, b) in sections for a, b in parts)


def _event(sentence: int, start: int, end: int, text: str) -> Event:
    return Event(doc_id="d", sentence_index=sentence, evidence_start=start, evidence_end=end,
                 evidence_text=text[start:end], trigger="hit", trigger_start=start + 1, cameo="190",
                 plover_type="ASSAULT", source=Actor("A", start, start + 1, "IRN"),
                 target=Actor("B", start + 2, start + 3, "IRQ"), locations=(Place("C", start, start + 1),),
                 mentioned_places=(Place("D", start + 1, start + 2),), also_triggers=(("x", start + 2),))


def test_joined_moves_every_offset_into_the_whole_text_and_renumbers_sentences():
    text = "abcdefgh. ijklmnop. qrstuvwx."
    one = Document("d", text[:10], sentences=(Sentence(0, 0, 9, text[:9]),), events=(_event(0, 0, 9, text),))
    two_text = text[10:]
    two = Document("d", two_text, sentences=(Sentence(0, 0, 9, two_text[:9]), Sentence(1, 10, 19, two_text[10:19])),
                   actors=(Actor("q", 0, 1),), places=(Place("s", 2, 3),),
                   events=(_event(1, 10, 19, two_text),), parse=object(), tokens=object())
    doc = joined(Document("d", text), [(0, one), (10, two)])
    assert doc.parse is None and doc.tokens is None
    assert [(s.index, text[s.start:s.end]) for s in doc.sentences] == [(i, s.text) for i, s in enumerate(doc.sentences)]
    assert [s.index for s in doc.sentences] == [0, 1, 2]
    assert (doc.actors[0].start, doc.places[0].start) == (10, 12)
    moved = doc.events[1]
    assert moved.sentence_index == 2 and text[moved.evidence_start:moved.evidence_end] == moved.evidence_text
    assert moved == dataclasses.replace(
        two.events[0], sentence_index=2, evidence_start=20, evidence_end=29, trigger_start=21,
        source=Actor("A", 20, 21, "IRN"), target=Actor("B", 22, 23, "IRQ"), locations=(Place("C", 20, 21),),
        mentioned_places=(Place("D", 21, 22),), also_triggers=(("x", 22),))
    assert doc.events[0] == one.events[0]


class Parse:
    """A batching stage like the parser: sentences at full stops, counting what it parsed."""

    name, requires, assigns, updates = "parse", frozenset({"text"}), frozenset({"sentences", "parse"}), frozenset()
    section_chars = 60

    def __init__(self):
        self.seen: list[int] = []

    def pipe(self, docs):
        for doc in docs:
            if isinstance(doc, Document):
                self.seen.append(len(doc.text))
                yield self(doc)
            else:
                yield doc

    def __call__(self, doc):
        found = re.finditer(r"\S[^.]*\.?", doc.text)
        sents = tuple(Sentence(i, m.start(), m.end(), m.group()) for i, m in enumerate(found))
        return dataclasses.replace(doc, sentences=sents, parse=doc.text)


class Strikes:
    """An event on each sentence naming Gaza; fails on a document saying 'boom'."""

    name, requires, assigns, updates = "events", frozenset({"parse"}), frozenset({"events"}), frozenset()

    def __call__(self, doc):
        if "boom" in doc.text:
            raise ValueError("boom")
        return dataclasses.replace(doc, events=tuple(
            _event(s.index, s.start, s.end, doc.text) for s in doc.sentences if "Gaza" in s.text))


def test_a_long_document_is_coded_in_parts_in_its_place_in_the_batch():
    parse = Parse()
    pipeline = Pipeline([parse, Strikes()], coding_chars=250)
    long = PARAGRAPH * 5
    docs = [Document("a", "Gaza."), Document("b", long), Document("c", "Iraq. Gaza.")]
    out = list(pipeline.run(docs))
    assert [d.id for d in out] == ["a", "b", "c"] and out[1].parse is None
    assert max(parse.seen) <= 250 and sum(parse.seen) == sum(len(d.text) for d in docs)
    whole = Strikes()(Parse()(Document("b", long)))  # the document in one piece: here no context matters
    assert out[1].sentences == whole.sentences and out[1].events == whole.events
    assert out[0].events and out[2].events[0].sentence_index == 1


def test_a_failing_part_fails_its_document_alone():
    long = PARAGRAPH * 3 + "boom. " + PARAGRAPH * 3
    out = list(Pipeline([Parse(), Strikes()], coding_chars=250).run(
        [Document("a", "Gaza."), Document("b", long), Document("c", "Gaza.")]))
    assert [type(o).__name__ for o in out] == ["Document", "Failure", "Document"]
    assert isinstance(out[1], Failure) and out[1].doc_id == "b" and out[1].stage == "events"


class Spin:
    """Loops on a document saying 'spin' (a runaway part)."""

    name, requires, assigns, updates = "spin", frozenset({"parse"}), frozenset(), frozenset()

    def __call__(self, doc):
        while "spin" in doc.text:
            pass
        return doc


def test_a_runaway_part_fails_its_document_at_the_documents_time_limit():
    from flashpoint.errors import TimeLimit

    long = PARAGRAPH * 3 + "spin. " + PARAGRAPH
    out = list(Pipeline([Parse(), Spin()], coding_chars=250, time_limit=0.5).run(
        [Document("a", "fine."), Document("b", long), Document("c", "fine.")]))
    assert [type(o).__name__ for o in out] == ["Document", "Failure", "Document"]
    assert isinstance(out[1].error, TimeLimit) and out[1].stage == "spin"
    assert "the 0.5 s limit" in str(out[1]) and out[1].doc_id == "b"


def test_the_real_pipeline_codes_a_long_document_in_parts_at_the_whole_texts_offsets(pipeline):
    from flashpoint.stages.parse import SpacyParser

    text = PARAGRAPH * 12
    parts = Pipeline([SpacyParser(section_chars=300), *pipeline.stages[1:]], coding_chars=700)
    assert len(coding_parts(text, section_chars=300, coding_chars=700)) > 1
    doc = next(iter(parts.run([Document("long", text)])))
    assert isinstance(doc, Document) and doc.parse is None and doc.events
    assert all(text[s.start:s.end] == s.text for s in doc.sentences)
    assert [s.index for s in doc.sentences] == list(range(len(doc.sentences)))
    for e in doc.events:
        assert text[e.evidence_start:e.evidence_end] == e.evidence_text
        assert text[e.trigger_start:].startswith(e.trigger)
        sent = doc.sentences[e.sentence_index]
        assert sent.start <= e.trigger_start < sent.end
        assert all(text[p.start:p.end] == p.name for p in e.locations + e.mentioned_places)
    # each paragraph says the same, so each gives the same events wherever it falls
    assert len(doc.events) % 12 == 0


def test_a_failure_read_before_coding_passes_through_beside_a_long_document():
    read = Failure("bad", "bad.txt", "read", ValueError("unreadable"))
    out = list(Pipeline([Parse(), Strikes()], coding_chars=250).run([read, Document("b", PARAGRAPH * 5)]))
    assert out[0] is read and isinstance(out[1], Document) and out[1].events
