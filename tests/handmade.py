"""Build small parsed Documents by hand, without loading the spaCy model; and a document as the
stages before the gate leave it (``ungated``, with the real pipeline)."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc

from flashpoint.language.tokens import TokenTable
from flashpoint.model import Document, Sentence


def parsed_document(words, heads, deps, pos, *, lemmas=None, ents=(), date=None, spaces=None):
    """A Document whose parse is a hand-built spaCy Doc (heads are absolute indices)."""
    vocab = spacy.blank("en").vocab
    spaces = spaces or [True] * len(words)
    doc = Doc(vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos,
              lemmas=lemmas or [w.lower() for w in words], sent_starts=[True] + [False] * (len(words) - 1))
    if ents:
        doc.ents = [doc.char_span(*e, alignment_mode="expand") for e in []] or [
            spacy.tokens.Span(doc, s, e, label=lab) for s, e, lab in ents]
    sentences = tuple(Sentence(i, s.start_char, s.end_char, s.text) for i, s in enumerate(doc.sents))
    return Document(id="t", text=doc.text, date=date, sentences=sentences, parse=doc,
                    tokens=TokenTable(doc))


def ungated(pipeline, text: str, *, before: str = "gate") -> Document:
    """The document as the stages before the gate (or the stage named ``before``) leave it."""
    doc = Document(id="t", text=text)
    for stage in pipeline.stages:
        if stage.name == before:
            break
        doc = stage(doc)
    return doc
