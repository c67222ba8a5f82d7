"""parse.attach must read what spaCy's Token and Span objects give."""
from __future__ import annotations

import pytest

from flashpoint.model import Document, Sentence
from tests.language.test_tokens import TEXTS, nlp  # noqa: F401 (nlp is a fixture)


@pytest.mark.parametrize("text", TEXTS)
def test_attach_cuts_the_sentences_spacy_finds(nlp, text):
    from flashpoint.stages.parse import attach

    parsed = nlp(text)
    doc = attach(Document(id="t", text=text), parsed)
    assert doc.tokens is not None and doc.tokens.parsed is parsed  # the one token view, attached
    assert doc.sentences == tuple(Sentence(i, s.start_char, s.end_char, s.text)
                                  for i, s in enumerate(parsed.sents))
