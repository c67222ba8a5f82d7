"""Who tells an act (flashpoint.language.voices), on texts written for these tests and parsed by
the real model: an act in a quotation whose sentence names no speaker goes; one whose sentence
names its speaker, or that opens the text, stays."""
from __future__ import annotations

import pytest

from flashpoint.model import Document
from flashpoint.stages.gate import EventGate

pytestmark = pytest.mark.model


def _why(pipeline, text: str) -> dict[str, str | None]:
    """trigger -> the check that drops its event (None: kept), for every event coded before the gate."""
    doc = Document(id="t", text=text)
    for stage in pipeline.stages:
        if stage.name == "gate":
            break
        doc = stage(doc)
    return {e.trigger: EventGate().failed(e, doc) for e in doc.events}


@pytest.mark.parametrize("text", [
    "A teacher from the town described the night. “Soldiers arrested dozens of Kurdish students in Diyarbakir.”",
    "The lawyer spoke for an hour. \"Soldiers arrested dozens of Kurdish students in Diyarbakir and beat them.\"",
])
def test_a_quotation_with_no_speaker_in_its_sentence_goes(pipeline, text):
    assert _why(pipeline, text).get("arrested") == "unattributed_quote"


@pytest.mark.parametrize("text", [
    "A teacher described the night. “Soldiers arrested dozens of Kurdish students in Diyarbakir,” she said.",
    "A teacher described the night. “Soldiers arrested dozens of Kurdish students in Diyarbakir,” according to her.",
    "“Soldiers arrested dozens of Kurdish students in Diyarbakir.” A teacher described the night.",
    "A teacher described the night. Soldiers arrested dozens of Kurdish students in Diyarbakir.",
])
def test_a_quotation_with_a_speaker_that_opens_the_text_or_no_quotation_stays(pipeline, text):
    why = _why(pipeline, text)
    assert "arrested" in why
    assert why["arrested"] != "unattributed_quote"
