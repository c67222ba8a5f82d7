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
