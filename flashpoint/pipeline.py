"""Stages and the pipeline that runs them in a checked order.

Each stage declares what it ``requires`` and what it ``provides`` (names of
:class:`~flashpoint.model.Document` facets). :class:`Pipeline` refuses, when it
is built, an order in which a stage needs something no earlier stage gives.
Stages load their models and tables lazily, on first use.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol, runtime_checkable

from .errors import FlashpointError, PipelineError
from .model import Document

# Facets a freshly ingested document already has.
INGESTED = frozenset({"text", "date"})


@runtime_checkable
class Stage(Protocol):
    name: str
    requires: frozenset[str]
    provides: frozenset[str]

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
    def __init__(self, stages: Sequence[Stage]):
        have = set(INGESTED)
        for stage in stages:
            missing = stage.requires - have
            if missing:
                raise PipelineError(
                    f"stage '{stage.name}' requires {sorted(missing)} but no earlier stage provides it",
                    fix="put the stages providing those facets before it",
                )
            have |= stage.provides
        self.stages = tuple(stages)
        self.provides = frozenset(have)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            doc = stage(doc)
        return doc

    def run(self, docs: Iterable[Document]) -> Iterator[Document | Failure]:
        """Run documents one by one; a failing document becomes a Failure."""
        batch_stage = next((s for s in self.stages if hasattr(s, "pipe")), None)
        if batch_stage is None:
            for doc in docs:
                yield self._run_one(doc, self.stages)
            return
        # Stages before the batching stage, then the batch stage with nlp.pipe, then the rest.
        i = self.stages.index(batch_stage)
        before, after = self.stages[:i], self.stages[i + 1 :]
        ready = (self._run_one(d, before) for d in docs)
        for item in batch_stage.pipe(ready):  # type: ignore[attr-defined]
            if isinstance(item, Failure):
                yield item
            else:
                yield self._run_one(item, after)

    @staticmethod
    def _run_one(doc: Document, stages: Sequence[Stage]) -> Document | Failure:
        for stage in stages:
            try:
                doc = stage(doc)
            except FlashpointError as err:
                return Failure(doc.id, doc.origin, stage.name, err)
            except Exception as err:  # a bug in one document must not stop a batch
                return Failure(doc.id, doc.origin, stage.name, err)
        return doc
