"""Candidate places of a sentence and the never-place rules of place_attachment (branch s9-place).
Real spaCy, real gazetteer and actor tables; sentences written for these tests."""
from __future__ import annotations

from flashpoint.language.place_attachment import PEOPLE, candidate_features, pair_features, sentence_candidates
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


def _scored(doc, verb_word):
    verb = next(t for t in doc.parse if t.text == verb_word)
    cands = sentence_candidates(doc.parse, verb.sent, doc.places)
    return {c.place.name: f for c, f in zip(cands, candidate_features(verb, cands, doc.parse, doc.actors))}


def test_a_place_named_after_a_known_person_is_scored_as_a_place(pipeline):
    """The actor table reads "Al-Assad" as a person; a name that ends in a place word is a place
    all the same, while the person named as the object stays no place."""
    doc = _doc(pipeline, "Government troops shelled the Al-Assad Suburb after rebels threatened Bashar al-Assad.")
    scored = _scored(doc, "shelled")
    suburb = next(n for n in scored if n.endswith("Suburb"))
    assert scored[suburb] is not None
    person = [n for n in scored if n.startswith("Bashar")]
    assert person and all(scored[n] is None for n in person)


def test_a_known_person_after_a_preposition_of_setting_is_scored(pipeline):
    from flashpoint.language.place_attachment import Candidate, named_as_place

    doc = _doc(pipeline, "Hundreds of women protested in Soleimani on Friday.")
    tok = next(t for t in doc.parse if t.text == "Soleimani")
    cand = Candidate(tok.i, tok.i + 1, "PROPN", doc.places[0] if doc.places else _place(tok))
    assert named_as_place(cand, doc.parse)
    doc = _doc(pipeline, "Hundreds of women mourned Soleimani on Friday.")
    tok = next(t for t in doc.parse if t.text == "Soleimani")
    assert not named_as_place(Candidate(tok.i, tok.i + 1, "PROPN", _place(tok)), doc.parse)


def _place(tok):
    from flashpoint.model import Place

    return Place(name=tok.text, start=tok.idx, end=tok.idx + len(tok))


def test_an_office_holder_of_a_place_is_a_person_noun(pipeline):
    """ "the governor of X" places the governor, like "a man from X" """
    assert {"governor", "commander", "mayor"} <= PEOPLE
    doc = _doc(pipeline, "Gunmen killed the governor of Kandahar in Kabul on Monday.")
    verb = next(t for t in doc.parse if t.text == "killed")
    cands = sentence_candidates(doc.parse, verb.sent, doc.places)
    (kandahar,) = [c for c in cands if c.place.name == "Kandahar"]
    f = pair_features(verb, kandahar, doc.parse, rank=1, count=len(cands))
    assert f["attach_people"] is True
