"""Place-name candidates on hand-built parses (no spaCy model)."""
from __future__ import annotations

from tests.stages.test_places import flat_doc, places_of


def test_an_abbreviated_country_inside_an_organisation_is_a_place():
    doc = flat_doc(["the", "U.S.", "Centers", "for", "Disease", "Control", "said", "so"],
                   ["DET", "PROPN", "PROPN", "ADP", "PROPN", "PROPN", "VERB", "ADV"],
                   ents=[(0, 6, "ORG")])
    found = places_of(doc)
    assert {n: p.country for n, p in found.items()} == {"U.S.": "USA"}
    assert (found["U.S."].start, found["U.S."].end) == (4, 8)


def test_places_joined_in_one_place_entity_are_each_a_place():
    doc = flat_doc(["frogs", "of", "Iraq", "and", "South", "America", "and", "Zambian", "bats"],
                   ["NOUN", "ADP", "PROPN", "CCONJ", "PROPN", "PROPN", "CCONJ", "ADJ", "NOUN"],
                   ents=[(2, 6, "LOC"), (7, 8, "GPE")])
    found = places_of(doc)
    assert {n: (p.feature, p.country) for n, p in found.items()} == {
        "Iraq": ("country", "IRQ"), "South America": ("continent", None), "Zambian": ("demonym", "ZMB")}


def test_a_town_labelled_person_is_a_place_only_in_its_country_story():
    words = ["Almelo", "in", "the", "Netherlands", "flooded"]
    pos = ["PROPN", "ADP", "DET", "PROPN", "VERB"]
    found = places_of(flat_doc(words, pos, ents=[(0, 1, "PERSON"), (2, 4, "GPE")]))
    assert found["Almelo"].country == "NLD" and found["Almelo"].feature == "city"
    alone = places_of(flat_doc(["Almelo", "said", "so"], ["PROPN", "VERB", "ADV"], ents=[(0, 1, "PERSON")]))
    assert alone == {}
