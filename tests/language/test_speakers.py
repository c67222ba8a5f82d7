"""The teller of an act is no party to it: a speech act coordinated with the reporting verb is the
speaker's, and a trailing speaker is never the act's target (invented sentences, our own words)."""
from __future__ import annotations

import pytest

from flashpoint import code_text
from flashpoint.language.speakers import reporting_head, trailing_speakers
from flashpoint.model import Document
from flashpoint.stages.parse import SpacyParser


@pytest.fixture(scope="module")
def parse():
    parser = SpacyParser()
    return lambda text: parser(Document(id="t", text=text)).parse


def _codes(text: str) -> dict[str, tuple[str, str | None, str | None]]:
    return {e["trigger"]: (e["cameo"], (e["source"] or {}).get("code"), (e["target"] or {}).get("code"))
            for e in code_text(text, date="2021-06-10")}


@pytest.mark.model
@pytest.mark.parametrize("text, source", [
    ("Kenya's army said Somali gunmen raided two villages and burned a school, and vowed to hunt them down.",
     "KENMIL"),
    ("The Nigerian police said Boko Haram fighters attacked a checkpoint, and warned residents to stay indoors.",
     "NGACOP"),
])
def test_a_speech_act_after_the_reported_clause_is_the_speakers(text, source):
    events = _codes(text)
    spoken = next(v for k, v in events.items() if k in {"vowed", "warned"})
    assert spoken[1] == source, events


@pytest.mark.model
def test_a_conjunct_inside_the_reported_clause_keeps_its_subject(parse):
    doc = parse("The army said militants raided two villages and burned a school.")
    burned = next(t for t in doc if t.text == "burned")
    assert reporting_head(burned) is None  # no comma: the militants burned it, as the parse says
    doc = parse("The army said militants raided two villages, and vowed to hunt them down.")
    vowed = next(t for t in doc if t.text == "vowed")
    assert reporting_head(vowed).lemma_ == "say"


@pytest.mark.model
def test_a_trailing_speaker_is_no_target():
    events = _codes("Rebels shelled the airport overnight, the Libyan government said.")
    assert events["shelled"][2] != "LBYGOV", events


@pytest.mark.model
def test_trailing_and_leading_speakers(parse):
    doc = parse("Rebels shelled the airport overnight, the Libyan government said.")
    shelled = next(t for t in doc if t.text == "shelled")
    assert [doc.text[lo:hi] for lo, hi in trailing_speakers(shelled)] == ["the Libyan government"]
    doc = parse("The Libyan government said rebels shelled the airport overnight.")
    shelled = next(t for t in doc if t.text == "shelled")
    assert trailing_speakers(shelled) == []  # a leading speaker is left to the readers
