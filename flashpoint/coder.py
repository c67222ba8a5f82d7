"""The façade every front end calls: code texts and files into events."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .config import Config, load_config
from .errors import FlashpointError, PipelineError
from .model import Document, Event, doc_id_for
from .pipeline import Failure, Pipeline
from .stages.acts import SameActLinker
from .stages.actors import ActorResolver
from .stages.classify import EventTypeClassifier
from .stages.dates import DateResolver
from .stages.event_places import EventPlaceAttacher
from .stages.events import EventExtractor
from .stages.gate import EventGate
from .stages.rank import EventRanker
from .stages.retype import EventRetyper
from .readers import checked_text, parse_date, read_paths
from .stages.locate import ActorLocator, SentenceLocator
from .stages.parse import SpacyParser
from .stages.places import GazetteerPlaceResolver


def build_pipeline(config: Config | None = None) -> Pipeline:
    config = config or load_config()
    return Pipeline([
        SpacyParser(model=config.model, batch_size=config.batch_size),
        ActorResolver(extra_files=config.actor_files),
        GazetteerPlaceResolver(),
        EventExtractor(keep_unattributed=config.keep_unattributed),
        EventTypeClassifier(policy=config.classifier_policy, add_threshold=config.classifier_add_threshold,
                            retype_threshold=config.classifier_retype_threshold,
                            retype_specific_threshold=config.classifier_retype_specific_threshold,
                            fill_actors=config.classifier_fill_actors,
                            require_source=config.classifier_require_source),
        ActorLocator(),
        EventGate(min_confidence=config.gate_min_confidence, learned=config.gate_plausibility,
                  empty_sentences=config.gate_empty_sentences),
        *([EventRetyper()] if config.classifier_learned_retype else []),
        *([EventRanker()] if config.rank_events else []),
        SameActLinker(fold=config.fold_toll_events),
        EventPlaceAttacher(),
        SentenceLocator(),
        DateResolver(),
    ], time_limit=config.time_limit)


@lru_cache(maxsize=4)
def _default_pipeline(config: Config) -> Pipeline:
    return build_pipeline(config)


@dataclass
class CodingResult:
    """Coded documents and the inputs that failed, in input order."""

    documents: list[Document] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    @property
    def events(self) -> list[Event]:
        return [e for d in self.documents for e in d.events]

    def records(self) -> list[dict[str, Any]]:
        return [e.to_record() for e in self.events]


def code_documents(docs: Iterable[Document | Failure], *, config: Config | None = None,
                   keep_parse: bool = True) -> Iterator[Document | Failure]:
    """Coded documents and failures, in input order, one at a time. With ``keep_parse=False``
    each batch is coded inside a spaCy memory zone and its documents come without their parse
    (:meth:`Pipeline.run`): for callers that read the events only, memory stays bounded."""
    pipeline = _default_pipeline(config or load_config())
    yield from pipeline.run(docs, keep_parse=keep_parse)


def code_text(text: str, *, date: str | dt.date | None = None, doc_id: str | None = None,
              source: str | None = None, config: Config | None = None) -> list[dict[str, Any]]:
    """Code one text; returns event records (the JSONL contract).

    Raises :class:`~flashpoint.errors.InputError` (a FlashpointError with a fix) for a text that
    is not a string, is larger than ``config.max_bytes``, is empty or is not English, and the
    error of a stage that failed on it (a FlashpointError; any other error as a PipelineError
    naming the stage), never an empty list in its place."""
    config = config or load_config()
    text = checked_text(text, max_bytes=config.max_bytes)
    day = parse_date(date, where="date")
    doc = Document(id=doc_id or doc_id_for(text), text=text, date=day, source=source)
    result = collect(code_documents([doc], config=config, keep_parse=False))
    if result.failures:
        failure = result.failures[0]
        if isinstance(failure.error, FlashpointError):
            raise failure.error
        raise PipelineError(f"stage '{failure.stage}' failed: {type(failure.error).__name__}: {failure.error}",
                            where="text", fix="report it as a flashpoint bug, with the text; other texts are "
                                              "not affected") from failure.error
    return result.records()


def code(doc: Document, *, config: Config | None = None) -> CodingResult:
    return collect(code_documents([doc], config=config))


def code_paths(paths: Iterable[str | Path], *, date: str | dt.date | None = None,
               config: Config | None = None, keep_parse: bool = True) -> Iterator[Document | Failure]:
    """Code files, folders, JSONL and stdin ('-'); yields coded documents and failures as they
    are coded (``keep_parse``: see :func:`code_documents`)."""
    config = config or load_config()
    day = parse_date(date, where="--date")
    yield from code_documents(read_paths(paths, date=day, max_bytes=config.max_bytes), config=config,
                              keep_parse=keep_parse)


def collect(items: Iterable[Document | Failure]) -> CodingResult:
    result = CodingResult()
    for item in items:
        (result.failures if isinstance(item, Failure) else result.documents).append(item)
    return result
