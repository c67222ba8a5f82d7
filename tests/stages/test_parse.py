"""parse.TokenTable and attach must read what spaCy's Token and Span objects give."""
from __future__ import annotations

import pytest

from flashpoint.model import Document, Sentence
from tests.stages.test_spacy_speedups import TRICKY

TEXTS = [TRICKY, "", "  ", "No full stop", "\n\nTwo lines.\n\nAnd a gap.  \n"]


@pytest.fixture(scope="module")
def nlp():
    pytest.importorskip("spacy")
    from flashpoint.stages.parse import MODEL_PACKAGE, load_nlp

    return load_nlp(MODEL_PACKAGE)


@pytest.mark.parametrize("text", TEXTS)
def test_attach_cuts_the_sentences_spacy_finds(nlp, text):
    from flashpoint.stages.parse import attach

    parsed = nlp(text)
    doc = attach(Document(id="t", text=text), parsed)
    assert doc.sentences == tuple(Sentence(i, s.start_char, s.end_char, s.text)
                                  for i, s in enumerate(parsed.sents))


@pytest.mark.parametrize("text", TEXTS)
def test_token_table_columns_are_the_token_attributes(nlp, text):
    from flashpoint.stages.parse import TokenTable

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
