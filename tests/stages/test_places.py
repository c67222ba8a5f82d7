"""Places stage on hand-built parses (no spaCy model): lookup, normalisation, candidates, disambiguation."""
from __future__ import annotations

import pytest

from flashpoint.errors import ResourceError
from flashpoint.knowledge.gazetteer import Entry, Gazetteer, default_gazetteer, load_gazetteer, normalise
from flashpoint.stages.places import GazetteerPlaceResolver
from tests.handmade import parsed_document


def flat_doc(words, pos, ents=(), spaces=None):
    """A one-sentence document whose tokens all hang off the last one (the parse is not under test)."""
    root = len(words) - 1
    heads = [root] * len(words)
    deps = ["dep"] * root + ["ROOT"]
    return parsed_document(words, heads, deps, pos, ents=ents, spaces=spaces)


def places_of(doc, resolver=None):
    resolver = resolver or GazetteerPlaceResolver()
    return {p.name: p for p in resolver(doc).places}


@pytest.fixture(scope="module")
def resolver():
    return GazetteerPlaceResolver()


# --- normal form and lookup -------------------------------------------------------------------

@pytest.mark.parametrize("raw, key", [
    ("al-Anbar", "al anbar"), ("Al Anbar", "al anbar"), ("U.S.", "us"), ("Irbīl", "irbil"),
    ("the Gulf", "gulf"), ("Iraq's", "iraq"), ("Ain al\u2013Asad", "ain al asad"), ("  Erbil ", "erbil"),
])
def test_normal_form(raw, key):
    assert normalise(raw) == key


def test_lookup_ignores_arabic_article_and_spelling():
    gaz = default_gazetteer()
    for name in ("al Anbar", "Al-Anbar", "Anbar", "al-anbar"):
        regions = [e for e, _ in gaz.lookup(name) if e.feature == "admin1"]
        assert regions and {e.country for e in regions} == {"IRQ"}, name
    assert any(e.name == "Erbil" and e.country == "IRQ" for e, _ in gaz.lookup("Irbil"))


def test_countries_have_points_and_everyday_names():
    gaz = default_gazetteer()
    for name, iso3 in (("U.S.", "USA"), ("Britain", "GBR"), ("Russia", "RUS"), ("Iran", "IRN")):
        entry = next(e for e, _ in gaz.lookup(name) if e.feature == "country")
        assert entry.country == iso3
        assert -90 <= entry.lat <= 90 and -180 <= entry.lon <= 180 and (entry.lat, entry.lon) != (0, 0)
    assert gaz.country_of_demonym("Iraqi") == "IRQ"


def test_own_table_with_bad_coordinate_names_the_row(tmp_path):
    table = tmp_path / "mine.tsv"
    table.write_text("name\taliases\tcountry\tadmin1\tlat\tlon\tkind\nCamp X\t\tIRQ\t\tnorth\t44.0\tbase\n",
                     encoding="utf-8")
    with pytest.raises(ResourceError) as err:
        load_gazetteer(tables=(table,))
    assert "Camp X" in str(err.value) and "lat" in str(err.value)


# --- candidates beyond the entity label -------------------------------------------------------

def test_city_tagged_org_is_a_place(resolver):
    doc = flat_doc(["Rockets", "hit", "Erbil", "on", "Tuesday", "."],
                   ["NOUN", "VERB", "PROPN", "ADP", "PROPN", "PUNCT"], ents=[(2, 3, "ORG"), (4, 5, "DATE")])
    erbil = places_of(doc, resolver)["Erbil"]
    assert (erbil.country, erbil.feature) == ("IRQ", "city")
    assert abs(erbil.lat - 36.19) < 0.05 and abs(erbil.lon - 44.01) < 0.05
    assert (erbil.start, erbil.end) == (12, 17)


def test_province_pattern_over_person_label(resolver):
    doc = flat_doc(["A", "convoy", "was", "hit", "in", "al", "Anbar", "province", "."],
                   ["DET", "NOUN", "AUX", "VERB", "ADP", "PROPN", "PROPN", "NOUN", "PUNCT"],
                   ents=[(5, 7, "PERSON")])
    found = places_of(doc, resolver)
    assert list(found) == ["al Anbar province"]
    anbar = found["al Anbar province"]
    assert (anbar.country, anbar.admin1) == ("IRQ", "Anbar")
    assert anbar.feature in {"admin1", "region"}
    assert 32 < anbar.lat < 35 and 40 < anbar.lon < 44


def test_province_named_after_a_town_lies_at_the_town_when_no_region_is_named_so(resolver):
    # "Mosul" names no region of the gazetteer: "Mosul province" is the province around the town,
    # placed at the town (in its country), never a namesake region elsewhere.
    doc = flat_doc(["in", "Mosul", "province"], ["ADP", "PROPN", "NOUN"])
    place = places_of(doc, resolver)["Mosul province"]
    assert place.country == "IRQ" and place.feature == "city"
    # a province the gazetteer has under another spelling is that province ("Ar Raqqah")
    doc = flat_doc(["in", "Raqqa", "province"], ["ADP", "PROPN", "NOUN"])
    raqqa = places_of(doc, resolver)["Raqqa province"]
    assert raqqa.country == "SYR" and raqqa.feature == "admin1"


def test_person_named_like_a_country_is_not_a_place(resolver):
    doc = flat_doc(["Michael", "Jordan", "met", "Jordan", "in", "Chicago", "."],
                   ["PROPN", "PROPN", "VERB", "PROPN", "ADP", "PROPN", "PUNCT"],
                   ents=[(0, 2, "PERSON"), (3, 4, "PERSON"), (5, 6, "GPE")])
    assert set(places_of(doc, resolver)) == {"Chicago"}


def test_title_before_a_person_keeps_it_a_person(resolver):
    doc = flat_doc(["President", "Georgia", "spoke", "."], ["PROPN", "PROPN", "VERB", "PUNCT"],
                   ents=[(1, 2, "PERSON")])
    assert places_of(doc, resolver) == {}


def test_country_labelled_gpe_is_a_country_with_a_point(resolver):
    doc = flat_doc(["King", "Abdullah", "of", "Jordan", "spoke", "."],
                   ["PROPN", "PROPN", "ADP", "PROPN", "VERB", "PUNCT"], ents=[(0, 2, "PERSON"), (3, 4, "GPE")])
    jordan = places_of(doc, resolver)["Jordan"]
    assert (jordan.country, jordan.feature, jordan.admin1) == ("JOR", "country", None)
    assert jordan.lat is not None and jordan.lon is not None


def test_generic_words_are_not_a_town(resolver):
    doc = flat_doc(["on", "the", "West", "Coast"], ["ADP", "DET", "PROPN", "PROPN"], ents=[(2, 4, "LOC")])
    assert places_of(doc, resolver) == {}


def test_acronym_outside_a_place_label_is_only_a_country(resolver):
    doc = flat_doc(["GA", "passes", "and", "U.S.", "troops"], ["PROPN", "NOUN", "CCONJ", "PROPN", "NOUN"],
                   ents=[(0, 1, "ORG"), (3, 4, "ORG")])
    assert {name: p.country for name, p in places_of(doc, resolver).items()} == {"U.S.": "USA"}


def test_facility_with_base_word(resolver):
    doc = flat_doc(["missiles", "hit", "Ain", "al", "-", "Asad", "air", "base"],
                   ["NOUN", "VERB", "PROPN", "PROPN", "PUNCT", "PROPN", "NOUN", "NOUN"],
                   spaces=[True, True, True, False, False, True, True, False], ents=[(2, 6, "PERSON")])
    found = places_of(doc, resolver)
    assert list(found) == ["Ain al-Asad air base"]
    assert (found["Ain al-Asad air base"].feature, found["Ain al-Asad air base"].country) == ("base", "IRQ")


# --- disambiguation ---------------------------------------------------------------------------

def test_bare_paris_is_france_but_paris_texas_is_texas(resolver):
    doc = flat_doc(["Paris", "said", "."], ["PROPN", "VERB", "PUNCT"], ents=[(0, 1, "GPE")])
    assert places_of(doc, resolver)["Paris"].country == "FRA"
    doc = flat_doc(["in", "Paris", ",", "Texas", "."], ["ADP", "PROPN", "PUNCT", "PROPN", "PUNCT"],
                   ents=[(1, 2, "GPE"), (3, 4, "GPE")], spaces=[True, False, True, False, False])
    paris = places_of(doc, resolver)["Paris"]
    assert (paris.country, paris.admin1) == ("USA", "Texas")


def test_paris_in_a_texas_story_is_paris_texas(resolver):
    words = ["Storms", "hit", "Dallas", "and", "Houston", ".", "In", "Paris", "and", "across", "Texas", ",",
             "schools", "closed", "."]
    pos = ["NOUN", "VERB", "PROPN", "CCONJ", "PROPN", "PUNCT", "ADP", "PROPN", "CCONJ", "ADP", "PROPN", "PUNCT",
           "NOUN", "VERB", "PUNCT"]
    doc = flat_doc(words, pos, ents=[(2, 3, "GPE"), (4, 5, "GPE"), (7, 8, "GPE"), (10, 11, "GPE")])
    paris = places_of(doc, resolver)["Paris"]
    assert (paris.country, paris.admin1) == ("USA", "Texas")


def test_namesakes_do_not_vouch_for_each_other_in_a_story_on_another_country(resolver):
    """'Suffolk' and 'Norfolk' are towns in Virginia and counties in England; neither first reading
    is clear of the other country's, so neither speaks for the story, which the UK does."""
    words = ["Birds", "died", "in", "the", "United", "Kingdom", ".", "A", "farm", "in", "Suffolk", "culled",
             "them", ",", "UK", "officials", "said", ".", "Birds", "died", "in", "Norfolk", "last", "year", "."]
    pos = ["NOUN", "VERB", "ADP", "DET", "PROPN", "PROPN", "PUNCT", "DET", "NOUN", "ADP", "PROPN", "VERB",
           "PRON", "PUNCT", "PROPN", "NOUN", "VERB", "PUNCT", "NOUN", "VERB", "ADP", "PROPN", "ADJ", "NOUN",
           "PUNCT"]
    doc = flat_doc(words, pos, ents=[(3, 6, "GPE"), (10, 11, "GPE"), (14, 15, "GPE"), (21, 22, "GPE")])
    found = places_of(doc, resolver)
    assert found["Suffolk"].country == "GBR"
    alone = flat_doc(["Birds", "died", "in", "Norfolk", "."], ["NOUN", "VERB", "ADP", "PROPN", "PUNCT"],
                     ents=[(3, 4, "GPE")])
    assert places_of(alone, resolver)["Norfolk"].country == "USA"  # the bigger place without context


def test_a_name_takes_the_country_the_story_is_about(resolver):
    """'Georgia' is the country by its prior; in a story naming three US states (clear of their
    namesakes abroad) it is the state."""
    words = ["Guards", "from", "Texas", ",", "Nevada", "and", "Alaska", "flew", "in", ".", "Troops", "of",
             "Georgia", "stayed", "."]
    pos = ["NOUN", "ADP", "PROPN", "PUNCT", "PROPN", "CCONJ", "PROPN", "VERB", "ADV", "PUNCT", "NOUN", "ADP",
           "PROPN", "VERB", "PUNCT"]
    doc = flat_doc(words, pos, ents=[(2, 3, "GPE"), (4, 5, "GPE"), (6, 7, "GPE"), (12, 13, "GPE")])
    assert places_of(doc, resolver)["Georgia"].country == "USA"
    alone = flat_doc(["Troops", "of", "Georgia", "stayed", "."], ["NOUN", "ADP", "PROPN", "VERB", "PUNCT"],
                     ents=[(2, 3, "GPE")])
    assert places_of(alone, resolver)["Georgia"].country == "GEO"


def test_possessive_is_not_part_of_the_name(resolver):
    doc = flat_doc(["Iraq", "'s", "north"], ["PROPN", "PART", "NOUN"], ents=[(0, 2, "GPE")],
                   spaces=[False, True, False])
    assert list(places_of(doc, resolver)) == ["Iraq"]


def small_gazetteer() -> Gazetteer:
    gaz = Gazetteer()
    gaz.add(Entry("Springfield", "city", "USA", "Illinois", 39.8, -89.6, 110_000), ["Springfield"])
    gaz.add(Entry("Springfield", "city", "ZZZ", "Nowhere", 10.0, 10.0, 300_000), ["Springfield"])
    gaz.add(Entry("United States", "country", "USA", None, 39.8, -98.6, 330_000_000), ["United States"],
            demonyms=["American"])
    return gaz


class SmallResolver(GazetteerPlaceResolver):
    def __init__(self):
        super().__init__()
        self.__dict__["gazetteer"] = small_gazetteer()


def test_population_decides_without_context():
    doc = flat_doc(["Springfield", "grew", "."], ["PROPN", "VERB", "PUNCT"], ents=[(0, 1, "GPE")])
    assert places_of(doc, SmallResolver())["Springfield"].country == "ZZZ"


def test_country_named_in_the_sentence_decides():
    doc = flat_doc(["Springfield", "in", "the", "United", "States", "grew"],
                   ["PROPN", "ADP", "DET", "PROPN", "PROPN", "VERB"], ents=[(0, 1, "GPE"), (3, 5, "GPE")])
    assert places_of(doc, SmallResolver())["Springfield"].country == "USA"


def test_demonym_in_the_sentence_decides():
    doc = flat_doc(["American", "troops", "left", "Springfield"], ["ADJ", "NOUN", "VERB", "PROPN"],
                   ents=[(0, 1, "NORP"), (3, 4, "GPE")])
    found = places_of(doc, SmallResolver())
    assert found["Springfield"].country == "USA"
    # the demonym is given as its country, marked as such (the event places stage skips it)
    assert (found["American"].feature, found["American"].country) == ("demonym", "USA")


def test_small_town_needs_its_country_in_the_document():
    gaz = Gazetteer()
    gaz.add(Entry("Hamlet", "city", "ZZZ", None, 1.0, 1.0, 6_000), ["Hamlet"])
    gaz.add(Entry("Zedland", "country", "ZZZ", None, 1.5, 1.5, 9_000_000), ["Zedland"])
    resolver = GazetteerPlaceResolver()
    resolver.__dict__["gazetteer"] = gaz
    alone = flat_doc(["Hamlet", "said", "."], ["PROPN", "VERB", "PUNCT"], ents=[(0, 1, "GPE")])
    assert places_of(alone, resolver) == {}
    with_country = flat_doc(["Hamlet", "in", "Zedland", "."], ["PROPN", "ADP", "PROPN", "PUNCT"],
                            ents=[(0, 1, "GPE"), (2, 3, "GPE")])
    assert set(places_of(with_country, resolver)) == {"Hamlet", "Zedland"}


def test_context_from_the_index_equals_the_pairwise_definition():
    """places.Others reads each candidate's context off an index (linear); it must say what
    comparing the candidate with every other one says."""
    from collections import Counter

    from flashpoint.stages import places as P

    gaz = default_gazetteer()
    names = ["Baghdad", "Iraq", "Basra", "Iran", "Tehran", "Baghdad", "Kurdistan", "Texas", "Paris", "France"]
    cands, first = [], []
    for i, name in enumerate(names):
        options = gaz.lookup(name)
        cand = P.Candidate(10 * i, 10 * i + len(name), name, i // 3, True)
        cands.append(cand)
        first.append(options[0][0] if options else None)
    keys = [normalise(c.text) for c in cands]
    others = P.Others(cands, first, keys, sure=[True] * len(cands))
    for i, c in enumerate(cands):
        pairs = [(d, e) for d, e, k in zip(cands, first, keys) if e is not None and k != keys[i]]
        ctx = others.context(i, {}, " " * 200)
        assert ctx.sentence == {e.country for d, e in pairs if d.sentence == c.sentence and e.country
                                and e.feature == "country"}
        assert ctx.document == Counter(e.country for _, e in pairs if e.country and P._anchor(e))
        assert ctx.sentence_regions == {(e.country, e.name) for d, e in pairs if e.feature == "admin1"
                                        and d.sentence == c.sentence}
        assert ctx.regions == ({(e.country, e.name) for _, e in pairs if e.feature == "admin1"}
                               | {(e.country, e.admin1) for _, e in pairs
                                  if e.admin1 and e.feature != "admin1" and P._anchor(e)})
    sure = [i % 2 == 0 for i in range(len(cands))]  # readings not clear of namesakes abroad do not count
    half = P.Others(cands, first, keys, sure=sure)
    for i in range(len(cands)):
        ctx, full = half.context(i, {}, " " * 200), others.context(i, {}, " " * 200)
        assert ctx.document == Counter(e.country for e, k, clear in zip(first, keys, sure)
                                       if clear and e is not None and k != keys[i] and e.country and P._anchor(e))
        assert (ctx.support, ctx.support_regions) == (full.document, full.regions)


# --- demonyms, names inside names, lists ------------------------------------------------------

def test_demonyms_read_as_their_country_continent_or_region(resolver):
    doc = flat_doc(["Russian", "and", "European", "officials", "met", "Latin", "American", "envoys"],
                   ["ADJ", "CCONJ", "ADJ", "NOUN", "VERB", "ADJ", "ADJ", "NOUN"],
                   ents=[(0, 1, "NORP"), (2, 3, "NORP")])
    found = places_of(doc, resolver)
    assert {n: (p.feature, p.country) for n, p in found.items()} == {
        "Russian": ("demonym", "RUS"), "European": ("demonym", None), "Latin American": ("demonym", None)}
    assert 40 < found["European"].lat < 60 and -20 < found["Latin American"].lon + 60 < 20


def test_a_demonym_shared_by_countries_means_the_most_populous():
    assert default_gazetteer().country_of_demonym("American") == "USA"


def test_place_named_inside_an_organisation_or_an_amount(resolver):
    doc = flat_doc(["The", "New", "York", "Times", "paid", "15", "billion", "US", "dollars", "to",
                    "the", "Council", "of", "Europe"],
                   ["DET", "PROPN", "PROPN", "PROPN", "VERB", "NUM", "NUM", "PROPN", "NOUN", "ADP",
                    "DET", "PROPN", "ADP", "PROPN"],
                   ents=[(0, 4, "ORG"), (5, 9, "MONEY"), (10, 14, "ORG")])
    found = places_of(doc, resolver)
    assert {n: p.country for n, p in found.items()} == {"New York": "USA", "US": "USA", "Europe": None}
    assert (found["New York"].start, found["New York"].end) == (4, 12)


def test_no_place_inside_a_person_an_event_or_a_joined_name(resolver):
    doc = flat_doc(["Paris", "Hilton", "recalled", "the", "1967", "Middle", "East", "war", "at", "Bab", "al",
                    "Hawa"],
                   ["PROPN", "PROPN", "VERB", "DET", "NUM", "PROPN", "PROPN", "NOUN", "ADP", "PROPN", "PROPN",
                    "PROPN"],
                   ents=[(0, 2, "PERSON"), (3, 8, "EVENT"), (9, 12, "FAC")])
    assert places_of(doc, resolver) == {}


def test_direction_and_a_region_is_a_part_of_it_in_a_country_the_document_names(resolver):
    doc = flat_doc(["Floods", "in", "West", "Wales", "and", "Britain"], ["NOUN", "ADP", "PROPN", "PROPN", "CCONJ",
                                                                         "PROPN"],
                   ents=[(2, 4, "GPE"), (5, 6, "GPE")])
    wales = places_of(doc, resolver)["West Wales"]
    assert (wales.country, wales.admin1) == ("GBR", "Wales")
    doc = flat_doc(["Deaths", "in", "the", "West", "Midlands"], ["NOUN", "ADP", "DET", "PROPN", "PROPN"],
                   ents=[(2, 5, "LOC")])
    assert places_of(doc, resolver) == {}  # Midlands, Zimbabwe, is named by no country here


def test_a_name_listed_with_states_is_a_state_and_y_of_x_y_contains_x(resolver):
    words = ["Cases", "in", "Ohio", ",", "Oregon", "and", "Utah", ";", "a", "girl", "from", "Buffalo", ",",
             "New", "York"]
    pos = ["NOUN", "ADP", "PROPN", "PUNCT", "PROPN", "CCONJ", "PROPN", "PUNCT", "DET", "NOUN", "ADP", "PROPN",
           "PUNCT", "PROPN", "PROPN"]
    spaces = [True, True, False, True, True, True, False, True, True, True, True, False, True, True, False]
    doc = flat_doc(words, pos, ents=[(2, 3, "GPE"), (4, 5, "GPE"), (6, 7, "GPE"), (11, 12, "GPE"), (13, 15, "GPE")],
                   spaces=spaces)
    found = places_of(doc, resolver)
    assert (found["Oregon"].feature, found["Oregon"].admin1) == ("admin1", "Oregon")
    assert (found["New York"].feature, found["New York"].admin1) == ("admin1", "New York")


def test_an_abbreviation_in_a_person_entity_is_no_name_word(resolver):
    doc = flat_doc(["By", "Henry", "Smith", "US", "tariffs", "hit", "US", "firms"],
                   ["ADP", "PROPN", "PROPN", "PROPN", "NOUN", "VERB", "PROPN", "NOUN"],
                   ents=[(1, 4, "PERSON"), (6, 7, "GPE")])
    assert places_of(doc, resolver)["US"].country == "USA"


def test_a_small_town_in_another_name_needs_its_region_in_the_document():
    gaz = Gazetteer()
    gaz.add(Entry("Hamlet", "city", "ZZZ", "Upland", 1.0, 1.0, 6_000), ["Hamlet"])
    gaz.add(Entry("Zedland", "country", "ZZZ", None, 1.5, 1.5, 9_000_000), ["Zedland"])
    gaz.add(Entry("Upland", "admin1", "ZZZ", "Upland", 1.2, 1.2, 900_000), ["Upland"])
    resolver = GazetteerPlaceResolver()
    resolver.__dict__["gazetteer"] = gaz
    words, pos = ["The", "Hamlet", "Club", "of"], ["DET", "PROPN", "PROPN", "ADP"]
    in_country = flat_doc(words + ["Zedland"], pos + ["PROPN"], ents=[(0, 3, "ORG"), (4, 5, "GPE")])
    assert set(places_of(in_country, resolver)) == {"Zedland"}  # a weak name: the country is not enough
    in_region = flat_doc(words + ["Upland"], pos + ["PROPN"], ents=[(0, 3, "ORG"), (4, 5, "GPE")])
    assert places_of(in_region, resolver)["Hamlet"].admin1 == "Upland"


def test_a_place_entity_cut_short_is_widened_to_the_known_name(resolver):
    """The model tags "Democratic Republic" and "Congo" apart, or only "Beida" of "Goz Beida": the
    longer known name is the place (not the Republic of the Congo, not Beida in Libya)."""
    words = ["Polio", "rose", "in", "Democratic", "Republic", "of", "the", "Congo", "and", "near", "Goz", "Beida",
             "in", "Chad", "."]
    pos = ["NOUN", "VERB", "ADP", "PROPN", "PROPN", "ADP", "DET", "PROPN", "CCONJ", "ADP", "PROPN", "PROPN",
           "ADP", "PROPN", "PUNCT"]
    doc = flat_doc(words, pos, ents=[(3, 5, "GPE"), (7, 8, "GPE"), (11, 12, "GPE"), (13, 14, "GPE")])
    found = places_of(doc, resolver)
    assert found["Democratic Republic of the Congo"].country == "COD"
    assert found["Goz Beida"].country == "TCD"
    assert "Congo" not in found and "Beida" not in found


def test_a_bare_generic_word_of_a_facility_is_no_town(resolver):
    doc = flat_doc(["near", "Fort", "Zzyzxville", "base"], ["ADP", "PROPN", "PROPN", "NOUN"], ents=[(1, 3, "FAC")])
    assert "Fort" not in places_of(doc, resolver)


def test_a_name_of_a_city_and_a_region_is_the_region_in_a_sentence_of_regions(resolver):
    words = ["Three", "cases", "in", "Texas", ",", "two", "in", "Kansas", ",", "and", "New", "York", "has", "28",
             "."]
    pos = ["NUM", "NOUN", "ADP", "PROPN", "PUNCT", "NUM", "ADP", "PROPN", "PUNCT", "CCONJ", "PROPN", "PROPN", "VERB",
           "NUM", "PUNCT"]
    doc = flat_doc(words, pos, ents=[(3, 4, "GPE"), (7, 8, "GPE"), (10, 12, "GPE")])
    assert places_of(doc, resolver)["New York"].feature == "admin1"
    alone = flat_doc(["Cases", "in", "New", "York", "."], ["NOUN", "ADP", "PROPN", "PROPN", "PUNCT"],
                     ents=[(2, 4, "GPE")])
    assert places_of(alone, resolver)["New York"].feature == "city"


def test_a_name_before_governor_is_the_region(resolver):
    words = ["New", "York", "Governor", "Smith", "spoke", "."]
    doc = flat_doc(words, ["PROPN", "PROPN", "PROPN", "PROPN", "VERB", "PUNCT"], ents=[(0, 2, "GPE")])
    assert places_of(doc, resolver)["New York"].feature == "admin1"


def test_the_town_of_x_is_a_town_whatever_the_entity_label(resolver):
    words = ["Gangs", "attacked", "the", "town", "of", "Mirebalais", "in", "Haiti", "."]
    pos = ["NOUN", "VERB", "DET", "NOUN", "ADP", "PROPN", "ADP", "PROPN", "PUNCT"]
    doc = flat_doc(words, pos, ents=[(5, 6, "PRODUCT"), (7, 8, "GPE")])
    assert places_of(doc, resolver)["Mirebalais"].country == "HTI"
    plain = flat_doc(["Gangs", "attacked", "Mirebalais", "in", "Haiti", "."],
                     ["NOUN", "VERB", "PROPN", "ADP", "PROPN", "PUNCT"], ents=[(2, 3, "PRODUCT"), (4, 5, "GPE")])
    assert "Mirebalais" not in places_of(plain, resolver)  # a PRODUCT alone is no place
