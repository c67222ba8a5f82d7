"""Short names two states share ("Congo"), read by the document they are in."""
from __future__ import annotations

import pytest

from flashpoint.knowledge.actor_kb import KnowledgeBase
from flashpoint.knowledge.shared_names import read_shared_names, shared_states
from flashpoint.formats.common import country_iso3
from flashpoint.stages.places import GazetteerPlaceResolver
from tests.handmade import parsed_document


@pytest.fixture(scope="module")
def kb():
    return KnowledgeBase()


def states(kb, text):
    """The state each country word of ``text`` is read as, in order."""
    matches = read_shared_names(sorted(kb.match(kb.tokens(text)), key=lambda m: m.start))
    return [kb.pick_country(m.entries, None).country for m in matches if m.kind == "country"]


def test_the_table_marks_congo_as_a_name_two_states_share():
    assert shared_states()["congo"] == {"COG", "COD"}


def test_congo_alone_keeps_its_usual_reading(kb):
    assert states(kb, "Congo broke off relations with Rwanda.") == ["COG", "RWA"]


def test_congo_in_a_story_about_the_dr_congo_is_the_dr_congo(kb):
    text = "Congo broke off relations with Rwanda. Protesters marched in Kinshasa and Goma."
    assert states(kb, text)[:2] == ["COD", "RWA"]


def test_congo_in_a_story_about_brazzaville_is_the_republic(kb):
    text = "Congolese troops crossed the river. Talks were held in Brazzaville."
    assert states(kb, text)[0] == "COG"


def test_a_story_naming_both_equally_keeps_the_usual_reading(kb):
    assert states(kb, "Congo sent envoys to Kinshasa and Brazzaville.")[0] == "COG"


def test_the_kind_of_word_is_kept_when_the_state_changes(kb):
    text = "Congo and Rwanda met in Kinshasa."
    m = read_shared_names(kb.match(kb.tokens(text)))[0]
    assert [(e.country, e.entity_kind) for e in m.entries] == [("COD", "name")]


def test_importers_read_congo_as_the_usual_state():
    assert country_iso3("Congo") == "COG"


def _place_doc(words, places):
    root = len(words) - 1
    ents = [(i, i + 1, "GPE") for i in places]
    return parsed_document(words, [root] * len(words), ["dep"] * root + ["ROOT"], ["PROPN"] * len(words),
                           ents=ents)


def test_a_place_named_congo_takes_the_state_of_the_documents_other_places():
    resolver = GazetteerPlaceResolver()
    doc = _place_doc(["Fighting", "in", "Congo", "near", "Goma", "and", "Bukavu", "."], [2, 4, 6])
    assert {p.name: p.country for p in resolver(doc).places}["Congo"] == "COD"
    alone = _place_doc(["Fighting", "in", "Congo", "."], [2])
    assert {p.name: p.country for p in resolver(alone).places}["Congo"] == "COG"
