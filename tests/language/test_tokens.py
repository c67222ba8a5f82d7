"""The token view must read what spaCy's Token, Span and Doc.char_span give."""
from __future__ import annotations

import pytest

from flashpoint.language.tokens import TokenTable
from tests.language.test_spacy_speedups import TRICKY

TEXTS = [TRICKY, "", "  ", "No full stop", "\n\nTwo lines.\n\nAnd a gap.  \n"]


@pytest.fixture(scope="module")
def nlp():
    pytest.importorskip("spacy")
    from flashpoint.stages.parse import MODEL_PACKAGE, load_nlp

    return load_nlp(MODEL_PACKAGE)


@pytest.mark.parametrize("text", TEXTS)
def test_token_table_columns_are_the_token_attributes(nlp, text):
    parsed = nlp(text)
    toks = TokenTable(parsed)
    assert len(toks) == len(parsed)
    assert toks.text == [t.text for t in parsed] and toks.lower == [t.lower_ for t in parsed]
    assert toks.lemma == [t.lemma_ for t in parsed] and toks.dep == [t.dep_ for t in parsed]
    assert toks.propn == [t.pos_ == "PROPN" for t in parsed]
    assert toks.alpha == [t.is_alpha for t in parsed] and toks.idx == [t.idx for t in parsed]
    assert toks.wordlike == [not (t.is_punct or t.is_space) for t in parsed]
    assert toks.sentence_starts == [s.start for s in parsed.sents]
    assert [toks.end_char(s.end) for s in parsed.sents] == [s.end_char for s in parsed.sents]
    assert toks.n_chars == len(parsed.text)  # trailing spaces and line breaks counted


@pytest.mark.parametrize("text", TEXTS)
def test_token_range_covers_what_char_span_expands_to(nlp, text):
    parsed = nlp(text)
    toks = TokenTable(parsed)
    n = len(parsed.text)
    for start in range(n):
        for end in range(start + 1, min(n, start + 12) + 1):
            span = parsed.char_span(start, end, alignment_mode="expand")
            want = None if span is None or not len(span) else (span.start, span.end)
            assert toks.token_range(start, end) == want, (start, end)
        at = parsed.char_span(start, start + 1, alignment_mode="expand")
        got = toks.token_at(start)
        assert (got.i if got is not None else None) == (at[0].i if at is not None and len(at) else None)
