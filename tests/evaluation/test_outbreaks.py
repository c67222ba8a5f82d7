"""The outbreaks measure: GeoVirus-layout passages coded in full, conflict events counted per half,
and only the tune half's conflict events written to be read. Invented passages."""
from __future__ import annotations

import json
from xml.sax.saxutils import escape

import pytest

from flashpoint.errors import FormatError
from flashpoint.evaluation import GOLD_FORMATS, outbreaks
from flashpoint.evaluation.split import half_of
from tests.conftest import need_shared

pytestmark = pytest.mark.model

ATTACK = "Gunmen attacked a police station in Kandahar on Monday, killing three officers."
QUIET = "Health officials in Lima reported forty new cases of the flu. Schools stayed open."


def _url(half: str) -> str:
    return next(u for n in range(100) if half_of(u := f"https://example.org/story/{n}") == half)


def _corpus(path, passages: list[tuple[str, str]]) -> None:
    body = "".join(f"<article><source>{escape(url)}</source><text>{escape(text)}</text><locations/></article>"
                   for url, text in passages)
    path.write_text(f"<articles>{body}</articles>", encoding="utf-8")


def test_conflict_is_counted_per_half_and_only_the_tune_halfs_is_written(tmp_path):
    gold, errors = tmp_path / "g.xml", tmp_path / "e.jsonl"
    _corpus(gold, [(_url("tune"), ATTACK), (_url("check"), ATTACK), (_url("check"), QUIET)])
    scores = outbreaks.evaluate(gold, errors_path=errors)
    tune, check = scores["tune"], scores["check"]
    assert tune["sentences"] == 1 and check["sentences"] == 3
    assert tune["conflict_events"] >= 1 and check["conflict_events"] == tune["conflict_events"]
    assert check["conflict_per_100_sentences"] == round(100 * check["conflict_events"] / 3, 2)
    assert scores["all"]["conflict_events"] == 2 * tune["conflict_events"]
    rows = [json.loads(x) for x in errors.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == tune["conflict_events"] and {r["half"] for r in rows} == {"tune"}
    assert rows[0]["root"] in {"18", "19", "20"} and rows[0]["evidence"] in ATTACK


def test_a_source_names_a_political_actor_only_with_a_code():
    from flashpoint.model import Actor

    class E:  # the two fields named_source reads
        def __init__(self, source):
            self.source = source

    assert outbreaks.named_source(E(Actor("gunmen", 0, 6, sector="REB", kind="nonstate")))
    assert not outbreaks.named_source(E(None))
    assert not outbreaks.named_source(E(Actor("the virus", 0, 9, kind="unknown")))
    assert not outbreaks.named_source(E(Actor("someone", 0, 7, country="AFG", kind="unidentified")))


def test_a_file_of_another_layout_is_refused(tmp_path):
    bad = tmp_path / "g.xml"
    bad.write_text("<nothing/>", encoding="utf-8")
    with pytest.raises(FormatError, match="article"):
        outbreaks.evaluate(bad)


def test_it_is_an_evaluation_kind():
    assert GOLD_FORMATS["outbreaks"] == "flashpoint.evaluation.outbreaks"


def test_geovirus_stays_under_its_ceilings(tmp_path):
    """The real epidemic news: material conflict per 100 sentences held under eval-floors.json's
    ceilings (the afflicted check's gain; removing it fails this). Skips without the shared data."""
    from flashpoint.evaluation.scoreboard import below_floors, headlines, read_floors

    need_shared(outbreaks.DEFAULT_GOLD)
    scores = outbreaks.evaluate(errors_path=tmp_path / "e.jsonl")
    board = headlines("outbreaks", scores)["outbreaks"]
    assert board["check"]["conflict_per_100_sentences"] > 0  # the corpus does tell of real violence
    assert below_floors("outbreaks", board, read_floors()) == []
