"""Stages and the pipeline that runs them in a checked order.

Each stage declares, as names of :class:`~flashpoint.model.Document` attributes, what it
``requires`` (reads), what it ``assigns`` (sets, or replaces as a whole: the events stage
makes ``events``, the classify stage replaces them with a list that has events of its own)
and what it ``updates`` (changes item by item, keeping every item: the locate stage places
each event's actors, the dates stage dates each event). :class:`Pipeline` refuses, when it
is built, an order

- in which a stage requires or updates an attribute no earlier stage assigns, or
- in which a stage assigns an attribute a stage before it has already updated: the new items
  would skip that update (locate or dates before classify leaves the classifier's events
  unplaced or undated).

Stages load their models and tables lazily, on first use.
"""
from __future__ import annotations

import contextlib
import dataclasses
import signal
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Protocol, runtime_checkable

from .errors import FlashpointError, PipelineError, TimeLimit
from .heap import settle, uncollected
from .model import Document
from .sections import CODING_CHARS, SECTION_CHARS, coding_parts, joined

# Characters a pipeline codes outside memory zones before it opens them (see Pipeline._zone).
WARM_CHARS = 200_000
# Characters of short documents coded in one memory zone: every zone makes spaCy build again the
# words it had met in earlier zones; zones of one parse batch (8 stories) cost 4-6% more CPU than
# coding without zones on 120 Guardian stories, zones of 100,000 characters 2%, of 400,000 none
# measurable, while what a zone holds (its new strings and words) stays a few MB.
ZONE_CHARS = 400_000
# Coding in this process, one thread at a time (see Pipeline.run): a memory zone swaps spaCy's
# vocabulary memory for the whole process. Reentrant, so a stage that codes a text itself does not
# wait for its own thread (its run opens no zone inside the open one: spaCy's zones do not nest).
CODING = threading.RLock()
_zone_open = False  # whether a memory zone is open in this process (read and set holding CODING)
_END = object()  # the end of a run's items

# Attributes a freshly read document already has.
INGESTED = frozenset({"id", "text", "date", "source", "url", "origin"})
# The attributes a stage may name: the fields of Document.
ATTRIBUTES = frozenset(f.name for f in dataclasses.fields(Document))


@runtime_checkable
class Stage(Protocol):
    name: str
    requires: frozenset[str]
    assigns: frozenset[str]
    updates: frozenset[str]

    def __call__(self, doc: Document) -> Document: ...


class Failure:
    """A document that failed in a stage: kept, reported, and skipped."""

    def __init__(self, doc_id: str, origin: str | None, stage: str, error: Exception):
        self.doc_id = doc_id
        self.origin = origin
        self.stage = stage
        self.error = error

    def __str__(self) -> str:
        where = self.origin or self.doc_id
        msg = str(self.error)
        if isinstance(self.error, FlashpointError) and self.error.where:
            return msg
        return f"{where}: stage '{self.stage}' failed: {msg}"


class Pipeline:
    """Stages in a checked order. ``time_limit`` (seconds) bounds the per-document stages after
    parsing for each document: a document that runs longer becomes a Failure (TimeLimit), never
    a hang. It needs a Unix alarm signal, so it applies in a process's main thread (the CLI and
    ``ingest``), not in Dask worker threads.

    With a batching (parse) stage, a document longer than ``coding_chars`` is coded in parts
    (:func:`flashpoint.sections.coding_parts`), one after the other, and comes out as one document
    without a parse attached; its time limit counts the parts' stages after parsing together."""

    def __init__(self, stages: Sequence[Stage], *, time_limit: float | None = None,
                 coding_chars: int = CODING_CHARS, warm_chars: int = WARM_CHARS, zone_chars: int = ZONE_CHARS):
        self.time_limit = time_limit
        self.coding_chars = coding_chars
        self.warm_chars = warm_chars  # characters still to code outside memory zones
        self.zone_chars = zone_chars  # short documents' characters coded in one zone
        have = set(INGESTED)
        updated: dict[str, str] = {}  # attribute -> the first stage that updated it
        for stage in stages:
            _check_names(stage)
            missing = (stage.requires | stage.updates) - have
            if missing:
                raise PipelineError(
                    f"stage '{stage.name}' requires {sorted(missing)} but no earlier stage assigns it",
                    fix="put the stages assigning those attributes before it",
                )
            late = sorted(a for a in stage.assigns if a in updated)
            if late:
                raise PipelineError(
                    f"stage '{stage.name}' assigns {late} after stage '{updated[late[0]]}' updated them: "
                    f"the new items would miss that update",
                    fix=f"put '{stage.name}' before '{updated[late[0]]}'",
                )
            have |= stage.assigns
            for attr in stage.updates:
                updated.setdefault(attr, stage.name)
        self.stages = tuple(stages)
        self.assigns = frozenset(have)
        self._settled = False  # the model and tables loaded and left out of garbage collection

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, doc: Document) -> Document:
        with CODING:
            for stage in self.stages:
                doc = stage(doc)
        return doc

    def run(self, docs: Iterable[Document], *, keep_parse: bool = True) -> Iterator[Document | Failure]:
        """Run documents one by one; a failing document becomes a Failure.

        With ``keep_parse=False`` (for callers that read only what was coded: the CLI, ingest,
        the web API), each batch of documents the batching stage parses together is parsed and
        coded inside its memory zone (spaCy's ``Language.memory_zone``), and its documents come
        out without their parse and token table: the strings and words spaCy added for them
        are freed when the batch is done, so memory does not grow with the number of new words
        in the input. The part of a long document is always coded in a zone of its own.

        Coding is serialised in the process (:data:`CODING`): a zone swaps the vocabulary's
        memory for the whole process, so a document another thread parsed meanwhile would lose its
        words when the zone ends. Each step of the coding (a zone's group of documents, or one
        document without zones) runs holding the lock, which is released between the documents
        this generator yields; so Dask worker threads and web request threads code in zones too,
        one at a time.

        Until the first document has passed every stage, loading their models and tables, no
        garbage collection runs; then the process's objects are left out of later collections
        (:func:`heap.settle`)."""
        items = self._coded(docs, keep_parse=keep_parse)
        while True:
            with CODING:
                if self._settled:
                    item = next(items, _END)
                else:
                    with uncollected():  # the first document loads the models and tables
                        item = next(items, _END)
                        if isinstance(item, Document):
                            settle()
                            self._settled = True
            if item is _END:
                return
            yield item

    def _coded(self, docs: Iterable[Document], *, keep_parse: bool) -> Iterator[Document | Failure]:
        batch_stage = next((s for s in self.stages if hasattr(s, "pipe")), None)
        if batch_stage is None:
            for doc in docs:
                yield self._run_one(doc, self.stages, limit=self.time_limit)
            return
        # Stages before the batching stage, then the batch stage with nlp.pipe, then the rest.
        i = self.stages.index(batch_stage)
        before, after = self.stages[:i], self.stages[i + 1 :]
        ready = (_Long(d) if isinstance(d, Document) and len(d.text) > self.coding_chars
                 else self._run_one(d, before) for d in docs)
        if not keep_parse and hasattr(batch_stage, "memory_zone"):
            yield from self._zoned(ready, before, batch_stage, after)
            return
        for item in batch_stage.pipe(ready):  # type: ignore[attr-defined]
            if isinstance(item, _Long):  # passed through the batch in its place, coded here
                yield self._run_parts(item.doc, before, batch_stage, after)
            elif isinstance(item, Failure):
                yield item
            else:
                yield self._run_one(item, after, limit=self.time_limit)

    def _zoned(self, ready: Iterable[Document | Failure | _Long], before: Sequence[Stage],
               batch_stage: Any, after: Sequence[Stage]) -> Iterator[Document | Failure]:
        """The batches the batching stage would parse together (``batch_size`` documents, with
        the failures and long documents between them), each parsed as before, in groups of
        ``zone_chars`` characters parsed and coded inside one memory zone; everything leaves the
        zone as plain values (:func:`_plain`) and is yielded when the zone has ended. A group's
        long documents are coded after it, part by part, each part in a zone of its own (zones
        do not nest)."""
        for group in _grouped(_batches(ready, getattr(batch_stage, "batch_size", 1)), self.zone_chars):
            with self._zone(batch_stage, sum(map(_chars, group))):
                short = iter([_plain(item if isinstance(item, Failure)
                                     else self._run_one(item, after, limit=self.time_limit))
                              for batch in group
                              for item in batch_stage.pipe([x for x in batch if not isinstance(x, _Long)])])
            for item in (x for batch in group for x in batch):
                yield self._run_parts(item.doc, before, batch_stage, after) if isinstance(item, _Long) \
                    else next(short)

    def _run_parts(self, doc: Document, before: Sequence[Stage], batch_stage: Any,
                   after: Sequence[Stage]) -> Document | Failure:
        """A long document coded part by part; each part's parse is dropped before the next one
        is parsed. The first failing part makes the document's Failure."""
        chars = getattr(batch_stage, "section_chars", SECTION_CHARS)
        done: list[tuple[int, Document]] = []
        spent = 0.0  # seconds of the stages after parsing, against the time limit
        for a, b in coding_parts(doc.text, section_chars=chars, coding_chars=self.coding_chars):
            part: Document | Failure = self._run_one(dataclasses.replace(doc, text=doc.text[a:b]), before)
            with self._zone(batch_stage, b - a):  # the part's strings and words are freed after it
                if isinstance(part, Document):
                    part = next(iter(batch_stage.pipe([part])))
                if isinstance(part, Document):
                    left = None if self.time_limit is None else max(self.time_limit - spent, 1e-3)
                    t0 = time.monotonic()
                    part = self._run_one(part, after, limit=left)
                    spent += time.monotonic() - t0
                part = _plain(part)
            if isinstance(part, Failure):
                late = isinstance(part.error, TimeLimit) and self.time_limit is not None
                error = _over_time(self.time_limit, doc) if late else part.error  # type: ignore[arg-type]
                return Failure(doc.id, doc.origin, part.stage, error)
            done.append((a, part))
        return joined(doc, done)

    def _zone(self, batch_stage: Any, chars: int) -> Any:
        """The batching stage's memory zone for coding ``chars`` characters; none while the
        pipeline's first ``warm_chars`` characters are coded, nor inside a zone already open (a
        pipeline run by a stage of another; spaCy's zones do not nest). Inside a zone spaCy's tokenizer
        caches nothing, so the words it met in those first characters (most of the common ones)
        stay cached for every later zone: tokenizing the 249 Guardian stories in zones of 8 from
        the first one took 1.86 CPU s against 0.56 without zones, after the first 200,000
        characters 0.76 s."""
        if self.warm_chars > 0 or not hasattr(batch_stage, "memory_zone") or _zone_open:
            self.warm_chars -= chars
            return contextlib.nullcontext()
        return _opened(batch_stage.memory_zone())

    @staticmethod
    def _run_one(doc: Document, stages: Sequence[Stage], *, limit: float | None = None) -> Document | Failure:
        stage: Any = None
        try:
            with _deadline(limit, doc):
                for stage in stages:
                    doc = _run_stage(stage, doc)
        except _Failed as failed:
            return Failure(doc.id, doc.origin, failed.stage, failed.error)
        except TimeLimit as err:
            return Failure(doc.id, doc.origin, getattr(stage, "name", "?"), err)
        return doc


class _Long:
    """A document too long to code whole, carried through the batching stage untouched."""

    def __init__(self, doc: Document):
        self.doc = doc


@contextlib.contextmanager
def _opened(zone: Any) -> Iterator[None]:
    """``zone``, marked open in the process while it is."""
    global _zone_open
    with zone:
        _zone_open = True
        try:
            yield
        finally:
            _zone_open = False


def _runs(items: Iterable[Any], size: float, weight: Any) -> Iterator[list[Any]]:
    """``items`` in consecutive runs, each closed once the ``weight`` of its items reaches ``size``
    (the last run may weigh less)."""
    run: list[Any] = []
    n = 0
    for item in items:
        run.append(item)
        n += weight(item)
        if n >= size:
            yield run
            run, n = [], 0
    if run:
        yield run


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """``items`` in runs that each hold ``size`` Documents (the last may hold fewer), with the
    other items (failures, long documents) where they come: the runs the batching stage
    parses together."""
    return _runs(items, size, lambda item: isinstance(item, Document))


def _grouped(batches: Iterable[list[Any]], chars: int) -> Iterator[list[list[Any]]]:
    """Consecutive batches in groups of at least ``chars`` characters of short documents (the
    last group may hold fewer)."""
    return _runs(batches, chars, _chars)


def _chars(batch: list[Any]) -> int:
    """The characters of a batch's short documents."""
    return sum(len(x.text) for x in batch if isinstance(x, Document))


def _plain(item: Document | Failure) -> Document | Failure:
    """What may leave a memory zone: a document without its parse and token table, a failure
    without its traceback (whose frames hold the parse)."""
    if isinstance(item, Failure):
        item.error.__traceback__ = None
        return item
    return dataclasses.replace(item, parse=None, tokens=None)


class _Failed(Exception):
    def __init__(self, stage: str, error: Exception):
        self.stage, self.error = stage, error


def _run_stage(stage: Stage, doc: Document) -> Document:
    try:
        return stage(doc)
    except TimeLimit:
        raise
    except FlashpointError as err:
        raise _Failed(stage.name, err) from None
    except Exception as err:  # a bug in one document must not stop a batch
        raise _Failed(stage.name, err) from None


@contextlib.contextmanager
def _deadline(seconds: float | None, doc: Document) -> Iterator[None]:
    """Raise TimeLimit inside the block after ``seconds`` (main thread only; else no limit)."""
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise _over_time(seconds, doc)
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _over_time(seconds: float, doc: Document) -> TimeLimit:
    return TimeLimit(f"coding took longer than the {seconds:g} s limit for one document",
                     where=doc.origin or doc.id,
                     fix="split the document into shorter ones, or raise time_limit in the config")


def _check_names(stage: Stage) -> None:
    """A stage names only attributes a Document has."""
    unknown = sorted((stage.requires | stage.assigns | stage.updates) - ATTRIBUTES)
    if unknown:
        raise PipelineError(f"stage '{stage.name}' names {unknown}, which are not Document attributes",
                            fix=f"use only {sorted(ATTRIBUTES)}")
