"""Stage statements: a named political actor's public statement (CAMEO 010) in a sentence that
holds no other event; invented sentences, coded by the default pipeline."""
from __future__ import annotations

import pytest

from flashpoint.coder import build_pipeline
from flashpoint.config import Config
from flashpoint.model import Document

pytestmark = pytest.mark.model


def coded(pipeline, text: str) -> list[tuple[str, str | None, str | None, str]]:
    doc = pipeline(Document(id="t", text=text))
    return [(e.cameo, e.source.code if e.source else None, e.target.code if e.target else None, e.trigger)
            for e in doc.events]


@pytest.mark.parametrize("text, speaker, verb", [
    ("The United Nations warned on Tuesday that hundreds of families in the valley need food.", "UNO", "warned"),
    ("Norway insisted that the border crossings remained open to traders.", "NOR", "insisted"),
])
def test_a_named_political_actor_speaking_is_a_statement(pipeline, text, speaker, verb):
    assert coded(pipeline, text) == [("010", speaker, None, verb)]


@pytest.mark.parametrize("text", [
    "Residents said the market was quiet on Tuesday.",  # civilians
    "Norwegians say the winter was the coldest in years.",  # a people, not its state
    "A senior Norwegian official said the talks were going well.",  # an unnamed official
    "The former Norwegian envoy Lars Berg said the talks had been a mistake.",  # out of office
    "Norway did not say whether the talks would resume.",  # negated
    "“Norway will not stay silent,” a reader wrote to the paper.",
])
def test_no_statement_without_a_named_political_speaker_in_role(pipeline, text):
    assert [c for c in coded(pipeline, text) if c[0] == "010"] == []


def test_a_statement_never_stands_beside_the_act_it_tells(pipeline):
    events = coded(pipeline, "Norway said Swedish troops had attacked its border posts.")
    assert events and all(c[0] != "010" for c in events)


def test_whom_it_was_told_to_is_no_target(pipeline):
    assert coded(pipeline, "Norway told Swedish radio on Monday that the talks would resume.") \
        == [("010", "NOR", None, "told")]


def test_the_stage_is_switched_off_by_config():
    off = build_pipeline(Config(code_statements=False))
    assert "statements" not in off.names
    assert coded(off, "Norway insisted that the border crossings remained open to traders.") == []
