"""Places in local news: small towns, a town's county named beside it, and US state codes after a
town ("Dayton, OH"). Invented sentences on hand-built parses (no spaCy model)."""
from __future__ import annotations

import pytest

from flashpoint.knowledge.gazetteer import Entry, Gazetteer, default_gazetteer
from flashpoint.stages.places import GazetteerPlaceResolver
from tests.stages.test_places import flat_doc, places_of


@pytest.fixture(scope="module")
def resolver():
    return GazetteerPlaceResolver()


def test_the_gazetteer_holds_small_towns_with_their_county():
    gaz = default_gazetteer()
    towns = [e for e, _ in gaz.lookup("Lacock") if e.feature == "city"]
    assert [(e.country, e.admin1, e.admin2) for e in towns] == [("GBR", "England", "Wiltshire")]
    assert towns[0].population < 5_000


def test_a_small_town_takes_no_name_of_a_region_or_country():
    """A village of 1,900 people called "Middle East" is not indexed under the region's name."""
    gaz = default_gazetteer()
    assert {e.feature for e, _ in gaz.lookup("Middle East")} == {"region"}
    assert all(e.feature != "city" or e.population >= 5_000 for e, _ in gaz.lookup("Jordan"))


def local_gazetteer() -> Gazetteer:
    """Two towns called Oakford: the bigger in Northland, the smaller in Southland's Ash County."""
    gaz = Gazetteer()
    gaz.add(Entry("Zedland", "country", "ZZZ", None, 5.0, 5.0, 9_000_000), ["Zedland"])
    gaz.add(Entry("Oakford", "city", "ZZZ", "Northland", 9.0, 9.0, 40_000, admin2="Elm County"), ["Oakford"])
    gaz.add(Entry("Oakford", "city", "ZZZ", "Southland", 1.0, 1.0, 3_000, admin2="Ash County"), ["Oakford"])
    gaz.add(Entry("Ash County", "admin2", "ZZZ", "Southland", 1.1, 1.1, 20_000), ["Ash County"])
    gaz.add(Entry("Ash County", "admin2", "ZZZ", "Westland", 3.0, 3.0, 20_000), ["Ash County"])
    return gaz


def test_a_town_named_with_its_county_is_the_one_in_that_county():
    resolver = GazetteerPlaceResolver()
    resolver.__dict__["gazetteer"] = local_gazetteer()
    words = ["Ash", "County", "deputies", "closed", "a", "road", "in", "Oakford", "."]
    pos = ["PROPN", "PROPN", "NOUN", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"]
    found = places_of(flat_doc(words, pos, ents=[(0, 2, "GPE"), (7, 8, "GPE")]), resolver)
    assert (found["Oakford"].admin1, found["Oakford"].lat) == ("Southland", 1.0)
    assert found["Ash County"].admin1 == "Southland"  # the county takes the town's side too
    alone = flat_doc(["A", "road", "in", "Oakford", "closed", "."], ["DET", "NOUN", "ADP", "PROPN", "VERB", "PUNCT"],
                     ents=[(3, 4, "GPE")])
    assert places_of(alone, resolver)["Oakford"].admin1 == "Northland"


@pytest.mark.parametrize("town, code, state", [
    ("Springfield", "IL", "Illinois"), ("Tupelo", "Miss.", "Mississippi"), ("Joplin", "Mo.", "Missouri"),
    ("Dayton", "OH", "Ohio"),
])
def test_a_state_code_after_a_town_is_the_state(resolver, town, code, state):
    words = ["Floods", "hit", *town.split(), ",", code, ",", "on", "Monday", "."]
    pos = ["NOUN", "VERB", *["PROPN"] * len(town.split()), "PUNCT", "PROPN", "PUNCT", "ADP", "PROPN", "PUNCT"]
    n = len(town.split())
    spaces = [True, True, *[True] * (n - 1), False, True, False, True, True, False, False]
    found = places_of(flat_doc(words, pos, ents=[(2, 2 + n, "GPE")], spaces=spaces), resolver)
    assert (found[town].country, found[town].admin1) == ("USA", state)
    assert (found[code].feature, found[code].admin1) == ("admin1", state)


def test_a_state_code_without_a_town_of_that_state_is_no_place(resolver):
    """"OR" after a comma is a word; "OH" after a town of Mississippi alone is not Ohio."""
    words = ["Sales", "rose", ",", "OR", "fell", "in", "Tupelo", ",", "OH", "."]
    pos = ["NOUN", "VERB", "PUNCT", "CCONJ", "VERB", "ADP", "PROPN", "PUNCT", "PROPN", "PUNCT"]
    spaces = [False, False, True, True, True, True, False, True, False, False]
    found = places_of(flat_doc(words, pos, ents=[(6, 7, "GPE")], spaces=spaces), resolver)
    assert "OR" not in found and "OH" not in found
    assert found["Tupelo"].admin1 == "Mississippi"


def test_a_street_and_a_building_take_the_point_of_the_story_town(resolver):
    words = ["Police", "closed", "Maple", "Street", "near", "Dayton", ",", "Ohio", ",", "and", "the", "Wexbury",
             "Memorial", "Hospital", "."]
    pos = ["NOUN", "VERB", "PROPN", "PROPN", "ADP", "PROPN", "PUNCT", "PROPN", "PUNCT", "CCONJ", "DET", "PROPN",
           "PROPN", "PROPN", "PUNCT"]
    spaces = [True, True, True, True, True, False, True, False, True, True, True, True, True, False, False]
    doc = flat_doc(words, pos, ents=[(2, 4, "FAC"), (5, 6, "GPE"), (7, 8, "GPE"), (10, 14, "FAC")], spaces=spaces)
    found = places_of(doc, resolver)
    dayton = found["Dayton"]
    for site in ("Maple Street", "Wexbury Memorial Hospital"):
        assert (found[site].feature, found[site].lat, found[site].lon) == ("site", dayton.lat, dayton.lon)
        assert found[site].geonameid is None


def test_a_site_needs_a_town_in_the_story(resolver):
    words = ["Crowds", "filled", "Maple", "Street", "in", "Ohio", "."]
    pos = ["NOUN", "VERB", "PROPN", "PROPN", "ADP", "PROPN", "PUNCT"]
    found = places_of(flat_doc(words, pos, ents=[(2, 4, "FAC"), (5, 6, "GPE")]), resolver)
    assert set(found) == {"Ohio"}


def test_small_namesakes_of_two_well_known_towns_do_not_vouch_for_each_other():
    """Bigton and Rivermouth are cities; villages of both names lie in Ash County. A story naming
    the two means the cities: a name speaks for a county only by a reading close to its likeliest."""
    gaz = Gazetteer()
    gaz.add(Entry("Bigton", "city", "ZZZ", "Northland", 9.0, 9.0, 200_000, admin2="Elm County"), ["Bigton"])
    gaz.add(Entry("Rivermouth", "city", "ZZZ", "Westland", 5.0, 5.0, 300_000, admin2="Fir County"), ["Rivermouth"])
    for name in ("Bigton", "Rivermouth"):
        gaz.add(Entry(name, "city", "ZZZ", "Southland", 1.0, 1.0, 2_000, admin2="Ash County"), [name])
    resolver = GazetteerPlaceResolver()
    resolver.__dict__["gazetteer"] = gaz
    words = ["Trains", "from", "Bigton", "reached", "Rivermouth", "."]
    pos = ["NOUN", "ADP", "PROPN", "VERB", "PROPN", "PUNCT"]
    found = places_of(flat_doc(words, pos, ents=[(2, 3, "GPE"), (4, 5, "GPE")]), resolver)
    assert (found["Bigton"].admin1, found["Rivermouth"].admin1) == ("Northland", "Westland")
