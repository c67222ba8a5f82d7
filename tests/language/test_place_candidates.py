"""Candidate places of a sentence and the person nouns of place_attachment (branch s9-place).
Real spaCy, real gazetteer; sentences written for these tests."""
from __future__ import annotations

from flashpoint.language.place_attachment import PEOPLE, pair_features, sentence_candidates
from flashpoint.model import Document


def _doc(pipeline, text):
    return pipeline(Document(id="t", text=text))


def _candidates(doc):
    return sentence_candidates(doc.parse, next(iter(doc.parse.sents)), doc.places)


def test_a_demonym_is_no_candidate_even_as_a_norp_entity(pipeline):
    """The places stage reads "Syrian" as a demonym; before, the skipped demonym came back as a NORP
    name for the model to judge, and shared a town's reading ("a Syrian border town")."""
    doc = _doc(pipeline, "Gunmen killed two guards in a Syrian border town on Monday.")
    assert any(p.name == "Syrian" and p.feature == "demonym" for p in doc.places)
    assert "Syrian" not in [c.place.name for c in _candidates(doc)]


def test_a_demonym_leaves_the_place_beside_it_a_candidate(pipeline):
    doc = _doc(pipeline, "Russian troops shelled a market in Kharkiv on Monday.")
    names = [c.place.name for c in _candidates(doc)]
    assert "Kharkiv" in names and "Russian" not in names


def test_an_office_holder_of_a_place_is_a_person_noun(pipeline):
    """ "the governor of X" places the governor, like "a man from X" """
    assert {"governor", "commander", "mayor"} <= PEOPLE
    doc = _doc(pipeline, "Gunmen killed the governor of Kandahar in Kabul on Monday.")
    verb = next(t for t in doc.parse if t.text == "killed")
    cands = sentence_candidates(doc.parse, verb.sent, doc.places)
    (kandahar,) = [c for c in cands if c.place.name == "Kandahar"]
    f = pair_features(verb, kandahar, doc.parse, rank=1, count=len(cands))
    assert f["attach_people"] is True
