"""The event_places stage: an event keeps the place where it happened; places only named move to
mentioned_places. Real spaCy, real gazetteer, the shipped model; sentences written for these tests."""
from __future__ import annotations

import json
import math

import pytest

from flashpoint.errors import ResourceError
from flashpoint.model import Document
from flashpoint.stages.event_places import EventPlaceAttacher, PlaceModel


def _events(pipeline, text):
    doc = pipeline(Document(id="t", text=text))
    assert doc.events, f"no event coded in {text!r}"
    return doc.events


def _names(places):
    return [p.name for p in places]


def test_the_event_keeps_its_setting_and_the_reporters_city_is_only_mentioned(pipeline):
    (event,) = _events(pipeline, "Rebels shelled a market in Kandahar on Monday, the governor told "
                                 "reporters in Kabul.")
    assert _names(event.locations) == ["Kandahar"]
    assert _names(event.mentioned_places) == ["Kabul"]
    assert event.locations[0].country == "AFG"


def test_a_home_town_is_not_where_the_arrest_happened(pipeline):
    (event,) = _events(pipeline, "A man from Aleppo was arrested by police in Beirut on Tuesday.")
    assert _names(event.locations) == ["Beirut"]
    assert _names(event.mentioned_places) == ["Aleppo"]


def test_a_statement_between_states_has_no_place(pipeline):
    (event,) = _events(pipeline, "Israel condemned the decision by Iran.")
    assert event.locations == ()
    assert set(_names(event.mentioned_places)) == {"Israel", "Iran"}


def test_the_party_a_statement_is_about_is_not_its_place(pipeline):
    (event,) = _events(pipeline, "The foreign minister of Egypt criticised Turkey for its policy on Libya.")
    assert not {"Turkey", "Egypt"} & set(_names(event.locations))
    assert {"Turkey", "Egypt"} <= set(_names(event.mentioned_places))


def test_a_fronted_setting_places_the_event(pipeline):
    (event,) = _events(pipeline, "In Mogadishu, gunmen killed a district official, police said.")
    assert _names(event.locations) == ["Mogadishu"]


def test_a_village_the_gazetteer_does_not_know_is_kept_as_the_place_without_coordinates(pipeline):
    (event,) = _events(pipeline, "Militants attacked a police post in the village of Darbandikhel on Sunday.")
    (place,) = event.locations
    assert place.name == "Darbandikhel"
    assert (place.country, place.lat, place.lon) == (None, None, None)
    record = event.to_record()
    assert record["locations"][0]["name"] == "Darbandikhel"
    assert record["mentioned_places"] == []


def test_a_demonym_is_never_where_the_event_happened(pipeline):
    (event,) = _events(pipeline, "Russian troops shelled a market in Kharkiv on Monday.")
    assert _names(event.locations) == ["Kharkiv"]
    assert "Russian" not in _names(event.mentioned_places)
    doc = pipeline(Document(id="t", text="Russian troops shelled a market in Kharkiv on Monday."))
    assert any(p.name == "Russian" and p.feature == "demonym" for p in doc.places)


def test_a_place_inside_an_organisation_name_leaves_the_whole_name_to_the_model(pipeline):
    from flashpoint.language.place_attachment import sentence_candidates

    doc = pipeline(Document(id="t", text="The New York Times reported that gunmen killed two guards in Kabul."))
    assert any(p.name == "New York" for p in doc.places)  # the places stage reads it
    cands = sentence_candidates(doc.parse, next(iter(doc.parse.sents)), doc.places)
    assert "New York" not in [c.place.name for c in cands if c.resolved]
    assert "Kabul" in [c.place.name for c in cands if c.resolved]


def test_the_stage_runs_after_locate_and_before_dates(pipeline):
    names = pipeline.names
    assert names.index("locate") < names.index("event_places") < names.index("dates")


def test_model_reads_strings_as_named_features_and_ignores_false_flags():
    model = PlaceModel({"prep=in": 2.0, "after_verb": 1.0, "distance": -1.0}, intercept=-1.0, threshold=0.5)
    assert model.probability({"prep": "in"}) == pytest.approx(1 / (1 + math.exp(-1.0)))
    assert model.probability({"after_verb": False}) == model.probability({})
    assert model.probability({"distance": 0.5}) < model.probability({})


def test_an_unreadable_model_file_names_the_file(tmp_path):
    bad = tmp_path / "event_place.json"
    bad.write_text(json.dumps({"weights": {}}), encoding="utf-8")
    with pytest.raises(ResourceError) as err:
        EventPlaceAttacher(model_path=bad).model
    assert str(bad) in str(err.value)


def _pair(pipeline, text, verb_word, place_name):
    from flashpoint.language.place_attachment import sentence_candidates, tree_ranks

    doc = pipeline(Document(id="t", text=text))
    verb = next(t for t in doc.parse if t.text == verb_word)
    cands = sentence_candidates(doc.parse, verb.sent, doc.places)
    (cand,) = [c for c in cands if c.place.name == place_name]
    return doc, verb, cand, tree_ranks(verb, cands, doc.parse)[cands.index(cand)], len(cands)


def test_the_words_on_the_path_between_place_and_verb_are_features(pipeline):
    from flashpoint.language.place_attachment import pair_features

    doc, verb, cand, rank, count = _pair(pipeline, "Five fighters were killed in clashes in Raqqa on Sunday.",
                                         "killed", "Raqqa")
    f = pair_features(verb, cand, doc.parse, rank=rank, count=count)
    assert f.get("path_word=clash") == 1 and f.get("path_word=in") == 1
    assert "path_word=kill" not in f  # the verb itself is not on the path between


def test_the_context_vectors_are_unit_length_and_absent_without_a_tensor(pipeline):
    import numpy as np

    from flashpoint.language.place_attachment import context_vectors

    doc, verb, cand, _, _ = _pair(pipeline, "Rebels shelled a market in Kandahar.", "shelled", "Kandahar")
    f = context_vectors(doc.parse, cand.start, verb.i)
    width = doc.parse.tensor.shape[1]
    place = np.array([f[f"vec_place{j}"] for j in range(width)])
    assert np.linalg.norm(place) == pytest.approx(1.0, abs=1e-5)
    assert -1.0 <= f["vec_cosine"] <= 1.0
    bare = doc.parse.copy()
    bare.tensor = np.zeros((0, 0), dtype="float32")
    assert context_vectors(bare, cand.start, verb.i) == {}


def test_a_model_in_memory_replaces_the_file(pipeline):
    never = PlaceModel({}, intercept=-50.0, threshold=0.5)  # no place is ever likely enough
    stages = [EventPlaceAttacher(model=never) if s.name == "event_places" else s for s in pipeline.stages]
    from flashpoint.pipeline import Pipeline

    doc = Pipeline(stages)(Document(id="t", text="Rebels shelled a market in Kandahar on Monday."))
    assert doc.events and all(e.locations == () for e in doc.events)
    assert any(p.name == "Kandahar" for e in doc.events for p in e.mentioned_places)


def _shared(pipeline, text: str, given: str, asked: str) -> float:
    """The probability ``asked`` takes by phrase sharing when ``given`` alone has 0.9 (the rest 0.1)."""
    from flashpoint.language.place_attachment import sentence_candidates
    from flashpoint.stages.event_places import share_within_phrase

    doc = pipeline(Document(id="t", text=text))
    cands = sentence_candidates(doc.parse, next(iter(doc.parse.sents)), doc.places)
    at = {c.place.name: n for n, c in enumerate(cands)}
    probs = [0.1] * len(cands)
    probs[at[given]] = 0.9
    return share_within_phrase(cands, probs, doc.parse)[at[asked]]


def test_names_in_one_phrase_share_the_reading(pipeline):
    (event,) = _events(pipeline, "Gunmen shot dead a shopkeeper in the al-Nuri quarter of Tripoli on Monday.")
    names = _names(event.locations)
    assert "Tripoli" in names and any("Nuri" in n for n in names)
    assert _shared(pipeline, "Gunmen killed a driver in the Karsi quarter of Tripoli.", "Tripoli", "Karsi") == 0.9


def test_a_name_after_an_arabic_article_is_a_candidate(pipeline):
    from flashpoint.language.place_attachment import sentence_candidates

    doc = pipeline(Document(id="t", text="Rebels shelled the village of al-Qasim on Monday."))
    names = [c.place.name for c in sentence_candidates(doc.parse, next(iter(doc.parse.sents)), doc.places)]
    assert any("Qasim" in n for n in names)


def test_a_lower_case_word_before_a_place_name_is_left_out_of_the_candidate(pipeline):
    from flashpoint.language.place_attachment import sentence_candidates

    doc = pipeline(Document(id="t", text="Two men were killed when gunmen attacked a market in west Tarsun."))
    names = [c.place.name for c in sentence_candidates(doc.parse, next(iter(doc.parse.sents)), doc.places)]
    assert "Tarsun" in names


def test_a_place_whose_phrase_lies_in_another_s_shares_its_reading(pipeline):
    # "in Tripoli" hangs on the market's phrase: the market lies in Tripoli
    assert _shared(pipeline, "Gunmen killed a driver near the Karsi market in Tripoli.", "Tripoli", "Karsi") == 0.9


def test_a_place_in_an_apposition_s_phrase_shares_the_reading_of_the_name(pipeline):
    text = "Rebels shelled Karsi, a village in the province of Morvan, on Monday."
    assert _shared(pipeline, text, "Karsi", "Morvan") == 0.9


def test_the_pieces_of_one_long_name_do_not_share_a_reading(pipeline):
    """A treaty's acronym in brackets is no place because its name was given one: only a phrase
    whose noun is a common noun ('the Huriwa district of Mogadishu') shares its reading."""
    doc = pipeline(Document(id="t", text="The government of Ruritania withdrew from the Joint Framework of "
                                          "Understanding (JFU) in 2016."))
    found = [e for e in doc.events if e.trigger == "withdrew"]
    assert found and all(p.name != "JFU" for e in found for p in e.locations)


def test_an_attack_s_target_may_be_its_place(pipeline):
    (event,) = _events(pipeline, "Israeli jets struck Gaza on Sunday.")
    assert _names(event.locations) == ["Gaza"]


def test_a_country_that_modifies_a_settlement_says_where_not_whose(pipeline):
    from flashpoint.language.place_attachment import names_an_owner, sentence_candidates

    def owner(text, name):
        doc = pipeline(Document(id="t", text=text))
        (cand,) = [c for c in sentence_candidates(doc.parse, next(doc.parse.sents), doc.places) if c.place.name == name]
        return names_an_owner(cand, doc.parse)

    assert not owner("Police dispersed a march in the Moldova capital on Friday.", "Moldova")
    assert owner("A Moldova contractor was kidnapped near the border.", "Moldova")
    (event,) = _events(pipeline, "Soldiers patrolled the streets of an eastern Moldova town.")
    assert _names(event.locations) == ["Moldova"]


def test_a_name_with_an_apostrophe_inside_is_a_candidate(pipeline):
    from flashpoint.language.place_attachment import name_word, sentence_candidates

    doc = pipeline(Document(id="t", text="Rebels stormed Kafr\u2019a from the north on Friday."))
    names = [c.place.name for c in sentence_candidates(doc.parse, next(iter(doc.parse.sents)), doc.places)]
    assert "Kafr\u2019a" in names
    assert name_word("Da'el") and name_word("Ma\u2019arin")
    assert not any(name_word(w) for w in ("'s", "\u2019s", "Iraq\u2019s", "x\u2019", "\u2019Tis", "12\u2019a"))
