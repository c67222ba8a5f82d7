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


LONG = ("Iranian forces fired missiles at a base in Iraq on Monday, officials said. "
        "The United States condemned the attack.\n\n"
        "Russian diplomats met Chinese envoys in Moscow. \"The talks went well,\" one said.\n"
        "Later Israel struck targets in Gaza!  Egypt called for calm?\n\n")


@pytest.mark.parametrize("limit", [2, 7, 40, 90, 200])
@pytest.mark.parametrize("text", [LONG * 3, "x" * 500, " " * 300, "a b " * 120, "\n" * 50 + LONG])
def test_sections_cover_the_text_exactly_and_stay_within_the_limit(text, limit):
    from flashpoint.stages.parse import section_bounds

    bounds = section_bounds(text, limit)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a < b and b - a <= limit for a, b in bounds)
    assert all(b == c for (_, b), (c, _) in zip(bounds, bounds[1:]))


def test_sections_end_at_a_paragraph_break_then_a_sentence_end():
    from flashpoint.stages.parse import section_bounds

    cuts = [b for _, b in section_bounds(LONG * 2, 200)][:-1]
    assert all(LONG[:((b - 1) % len(LONG)) + 1].endswith("\n\n") for b in cuts)  # each section ends a paragraph
    cuts = [b for _, b in section_bounds(LONG, 100)][:-1]
    assert [LONG[b - 2:b] for b in cuts][:1] == [". "]  # no paragraph break in reach: after a full stop


def test_a_long_document_is_parsed_in_sections_with_offsets_into_the_whole_text(nlp):
    from flashpoint.stages.parse import SpacyParser

    text = LONG * 4
    whole = SpacyParser(section_chars=len(text))(Document(id="w", text=text))
    parts = SpacyParser(section_chars=len(LONG) + 10)(Document(id="p", text=text))
    assert parts.parse.text == text and len(parts.parse) == len(whole.parse)
    assert [s.text for s in parts.sentences] == [text[s.start:s.end] for s in parts.sentences]
    # cut at paragraph breaks, the sections parse as the whole does: same sentences and entities
    assert [(s.start, s.end) for s in parts.sentences] == [(s.start, s.end) for s in whole.sentences]
    ents = [(e.start_char, e.end_char, e.label_) for e in parts.parse.ents]
    assert ents == [(e.start_char, e.end_char, e.label_) for e in whole.parse.ents]
    assert [t.dep_ for t in parts.parse] == [t.dep_ for t in whole.parse]


def test_short_and_long_documents_in_one_batch_keep_their_order(nlp):
    from flashpoint.stages.parse import SpacyParser

    docs = [Document(id=str(i), text=t) for i, t in enumerate(["Iran protested.", LONG * 3, "Iraq agreed."])]
    out = list(SpacyParser(section_chars=len(LONG) + 10).pipe(docs))
    assert [d.id for d in out] == ["0", "1", "2"]
    assert [d.parse.text for d in out] == [d.text for d in docs]


def test_a_document_whose_parse_cannot_be_attached_fails_alone(nlp, monkeypatch):
    """An error after spaCy (the parse repairs, the token table) is that document's Failure; the
    rest of its batch is parsed."""
    import flashpoint.stages.parse as parse
    from flashpoint.pipeline import Failure

    real = parse.repair

    def repair(parsed, lemmatizer):
        if "Oslo" in parsed.text:
            raise ValueError("a repair went wrong")
        return real(parsed, lemmatizer)

    monkeypatch.setattr(parse, "repair", repair)
    texts = ["Iran protested.", "Norway hosted talks in Oslo.", "Iraq agreed."]
    out = list(parse.SpacyParser().pipe([Document(id=str(i), text=t) for i, t in enumerate(texts)]))
    assert [d.id if isinstance(d, Document) else None for d in out] == ["0", None, "2"]
    assert isinstance(out[1], Failure) and out[1].stage == "parse" and "a repair went wrong" in str(out[1].error)


@pytest.mark.model
def test_a_blank_line_ends_a_sentence_a_single_line_break_does_not():
    from flashpoint.stages.parse import SpacyParser

    parser = SpacyParser()
    text = "Velmora cuts ties with Dareth\n\nThe government of Velmora broke off relations on Tuesday.\n"
    sents = [s.text for s in parser(Document(id="t", text=text)).parse.sents]
    assert sents[0].strip() == "Velmora cuts ties with Dareth"
    wrapped = "The government of Velmora broke off relations\nwith Dareth on Tuesday.\n"
    assert len(list(parser(Document(id="t", text=wrapped)).parse.sents)) == 1
