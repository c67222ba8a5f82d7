"""The token view: a parsed document's tokens as columns of plain values.

The parse stage builds one :class:`TokenTable` per document and attaches it
(``Document.tokens``); every later stage reads the same view instead of making
a spaCy ``Token`` per word or building its own table.
"""
from __future__ import annotations

import bisect
from functools import cached_property
from typing import Any


class TokenTable:
    """A parsed document's tokens as columns of plain values, for stages that read every token.

    Iterating a spaCy Doc makes a Token object per token, which was the main Python cost of the
    stages after parsing; these columns come from ``Doc.to_array`` and the string store instead.
    Each column is read on first use and kept: the parse stage attaches one table to the
    document (``Document.tokens``) and every later stage reuses it.
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
    def lemma_ids(self) -> list[int]:
        """Lemma hashes in the string store: cheap to test against a set of cue lemmas."""
        return self.parsed.to_array("LEMMA").tolist()

    @cached_property
    def lemma_lower(self) -> list[str]:
        return [w.lower() for w in self.lemma]

    @cached_property
    def verbal(self) -> list[bool]:
        """Tagged VERB or AUX."""
        from spacy.symbols import AUX, VERB

        return [p in (VERB, AUX) for p in self.parsed.to_array("POS").tolist()]

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

    @cached_property
    def n_chars(self) -> int:
        """Length of the document's text: where its last token and the space after it end
        (``Doc.text`` would build the string from a Token per word)."""
        if not len(self.parsed):
            return 0
        return self.end_char(len(self.parsed)) + len(self.parsed[-1].whitespace_)

    def token_range(self, start: int, end: int) -> tuple[int, int] | None:
        """The tokens overlapping the characters ``start:end``, as ``(first, stop)`` token
        indices: what ``Doc.char_span(start, end, alignment_mode="expand")`` covers (a start in
        the space after a token begins at the next token, as there), found by bisection in the
        offsets. None when the characters lie outside the text or cover no token."""
        idx = self.idx
        if start < 0 or end <= start or end > self.n_chars:
            return None
        first = bisect.bisect_right(idx, start) - 1
        if start == idx[first] + len(self.text[first]):
            first += 1  # the space after a token is not part of it
        stop = bisect.bisect_right(idx, end - 1)
        return (first, stop) if first < stop else None

    def token_at(self, char: int) -> Any | None:
        """The spaCy token at a character offset (or owning the space there), else None."""
        found = self.token_range(char, char + 1)
        return None if found is None else self.parsed[found[0]]

    def span(self, start: int, end: int) -> Any | None:
        """The spaCy span of the tokens overlapping ``start:end`` (see :meth:`token_range`)."""
        found = self.token_range(start, end)
        return None if found is None else self.parsed[found[0]:found[1]]
