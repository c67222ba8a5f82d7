"""The locate stage on a hand-built parse: no model is loaded."""
from __future__ import annotations

import dataclasses

from flashpoint.model import Actor, Event, Place
from flashpoint.stages.locate import ActorLocator, SentenceLocator, _placed, _settings
from tests.handmade import parsed_document

#        0            1         2     3    4       5     6       7      8           9         10
WORDS = ["Prisoners", "rioted", "at", "a", "jail", "in", "Dili", "and", "attacked", "guards", "."]
HEADS = [1, 1, 1, 4, 2, 4, 5, 1, 1, 8, 1]
DEPS = ["nsubj", "ROOT", "prep", "det", "pobj", "prep", "pobj", "cc", "conj", "dobj", "punct"]
POS = ["NOUN", "VERB", "ADP", "DET", "NOUN", "ADP", "PROPN", "CCONJ", "VERB", "NOUN", "PUNCT"]


def _doc(events=(), places=None):
    doc = parsed_document(WORDS, HEADS, DEPS, POS, spaces=[True] * 9 + [False, False])
    text = doc.text
    dili = Place("Dili", text.index("Dili"), text.index("Dili") + 4, country="TLS")
    return dataclasses.replace(doc, places=(dili,) if places is None else places), dili


def _event(doc, source, target, places, start=10):
    return Event(doc_id="t", sentence_index=0, evidence_start=0, evidence_end=len(doc.text),
                 evidence_text=doc.text, trigger="rioted", trigger_start=start, cameo="145",
                 plover_type="PROTEST", source=source, target=target, locations=places)


PRISONERS = Actor("Prisoners", 0, 9, sector="CVL", kind="unknown")
GUARDS = Actor("guards", 49, 55, sector="COP", kind="unknown")


def test_country_less_actors_take_the_country_of_the_setting():
    doc, dili = _doc()
    doc = dataclasses.replace(doc, events=(_event(doc, PRISONERS, GUARDS, (dili,)),))
    (event,) = ActorLocator()(doc).events
    assert (event.source.country, event.source.kind) == ("TLS", "located")
    assert event.target.country == "TLS"
    assert event.source.text == "Prisoners"  # the evidence still shows who was named


def test_events_that_become_the_same_event_are_kept_once():
    doc, dili = _doc()
    placed = dataclasses.replace(PRISONERS, country="TLS", kind="located")
    doc = dataclasses.replace(doc, events=(_event(doc, PRISONERS, None, (dili,)), _event(doc, placed, None, (dili,))))
    assert len(ActorLocator()(doc).events) == 1


def test_only_a_setting_or_the_actors_own_words_give_a_country():
    kuwait = Place("Kuwait", 30, 36, country="KWT")
    assert _placed(PRISONERS, (kuwait,), frozenset()) is PRISONERS  # "flew from Kuwait"
    assert _placed(PRISONERS, (kuwait,), frozenset({30})).country == "KWT"  # "in Kuwait"
    sindh = Actor("the government of Sindh province", 0, 32, sector="GOV", kind="unknown")
    assert _placed(sindh, (Place("Sindh", 18, 23, country="PAK"),), frozenset()).country == "PAK"
    assert _placed(PRISONERS, (), frozenset()) is PRISONERS


def test_international_bodies_and_known_countries_are_left_alone():
    baghdad = Place("Baghdad", 30, 37, country="IRQ")
    red_cross = Actor("the Red Cross", 0, 13, sector="NGO", kind="nonstate")
    assert _placed(red_cross, (baghdad,), frozenset({30})) is red_cross
    troops = Actor("US troops", 0, 9, country="USA", sector="MIL")
    assert _placed(troops, (baghdad,), frozenset({30})) is troops


def _bomb_doc(det: str):
    #        0     1       2         3       4          5      6     7       8     9
    words = [det, "bomb", "killed", "two", "soldiers", "near", "the", "town", "of", "Samarra", "."]
    heads = [1, 2, 2, 4, 2, 2, 7, 5, 7, 8, 2]
    deps = ["det", "nsubj", "ROOT", "nummod", "dobj", "prep", "det", "pobj", "prep", "pobj", "punct"]
    pos = ["DET", "NOUN", "VERB", "NUM", "NOUN", "ADP", "DET", "NOUN", "ADP", "PROPN", "PUNCT"]
    lemmas = [det.lower(), "bomb", "kill", "two", "soldier", "near", "the", "town", "of", "Samarra", "."]
    doc = parsed_document(words, heads, deps, pos, lemmas=lemmas, spaces=[True] * 9 + [False, False])
    at = doc.text.index("Samarra")
    samarra = Place("Samarra", at, at + 7, country="IRQ")
    soldiers = Actor("two soldiers", doc.text.index("two"), doc.text.index("two") + 12, country="USA", sector="MIL")
    event = Event(doc_id="t", sentence_index=0, evidence_start=0, evidence_end=len(doc.text),
                  evidence_text=doc.text, trigger="killed", trigger_start=doc.text.index("killed"), cameo="190",
                  plover_type="ASSAULT", target=soldiers, locations=(samarra,))
    return dataclasses.replace(doc, places=(samarra,), events=(event,))


def test_violence_nobody_is_named_for_goes_to_unidentified_forces_of_the_setting():
    (event,) = ActorLocator()(_bomb_doc("A")).events
    assert (event.source.code, event.source.kind, event.source.text) == ("IRQUAF", "unidentified", "Samarra")
    # "The bomb" is one the text has already spoken of, and given its author there
    (event,) = ActorLocator()(_bomb_doc("The")).events
    assert event.source is None


def _claim(source, target, cameo="141"):
    doc, _ = _doc(places=())
    return dataclasses.replace(doc, events=(dataclasses.replace(
        _event(doc, source, target, ()), cameo=cameo),))


def test_a_group_making_claims_on_a_state_organ_is_taken_to_be_of_that_state():
    government = Actor("the government", 49, 55, country="TLS", sector="GOV")
    (event,) = ActorLocator()(_claim(PRISONERS, government)).events
    assert (event.source.country, event.source.kind) == ("TLS", "inferred")
    # not against a whole country, and not for force
    (event,) = ActorLocator()(_claim(PRISONERS, dataclasses.replace(government, sector=None))).events
    assert event.source.country is None
    (event,) = ActorLocator()(_claim(PRISONERS, government, cameo="190")).events
    assert event.source.country is None


def test_residents_take_the_setting_of_the_sentences_before_troops_do_not():
    from flashpoint.model import Sentence

    doc, dili = _doc()
    second = len(doc.text) + 1
    text = doc.text + " Prisoners and troops rioted."
    doc = dataclasses.replace(doc, text=text, sentences=(Sentence(0, 0, len(doc.text), doc.text),
                                                         Sentence(1, second, len(text), text[second:])))
    prisoners = Actor("Prisoners", second, second + 9, sector="CVL", kind="unknown")
    troops = Actor("troops", second + 14, second + 20, sector="MIL", kind="unknown")
    event = dataclasses.replace(_event(doc, prisoners, troops, ()), sentence_index=1)
    (event,) = ActorLocator()(dataclasses.replace(doc, events=(event,))).events
    assert event.source.country == "TLS" and event.target.country is None


def test_a_passive_arrest_in_a_place_is_by_that_states_authorities():
    #        0            1       2           3     4       5
    words = ["Protesters", "were", "arrested", "in", "Dili", "."]
    doc = parsed_document(words, [2, 2, 2, 2, 3, 2], ["nsubjpass", "auxpass", "ROOT", "prep", "pobj", "punct"],
                          ["NOUN", "AUX", "VERB", "ADP", "PROPN", "PUNCT"],
                          lemmas=["protester", "be", "arrest", "in", "Dili", "."], spaces=[True] * 4 + [False, False])
    at = doc.text.index("Dili")
    dili = Place("Dili", at, at + 4, country="TLS")
    event = Event(doc_id="t", sentence_index=0, evidence_start=0, evidence_end=len(doc.text),
                  evidence_text=doc.text, trigger="arrested", trigger_start=doc.text.index("arrested"),
                  cameo="173", plover_type="COERCE", target=PRISONERS, locations=(dili,))
    (event,) = ActorLocator()(dataclasses.replace(doc, places=(dili,), events=(event,))).events
    assert (event.source.country, event.source.sector, event.source.kind) == ("TLS", None, "inferred")


def test_a_sponsor_named_in_the_actors_own_words_gives_it_no_country():
    """'Kuwaiti-backed guards': the place the words name is the sponsor's, not where they belong."""
    backed = Actor("Kuwaiti-backed guards", 0, 21, sector="COP", proxy_of="KWT", kind="unknown")
    kuwaiti = Place("Kuwaiti", 0, 7, country="KWT")
    assert _placed(backed, (kuwaiti,), frozenset()) is backed
    assert _placed(backed, (kuwaiti, Place("Dili", 30, 34, country="TLS")), frozenset({30})).country == "TLS"


def test_the_sentences_one_country_places_an_actor_but_not_an_office():
    """'Malian officials said police fired on the crowd': after a setting, the one country of the
    sentence's places; none when they lie in two, or for an office with no country named."""
    mali, chad = Place("Malian", 0, 6, country="MLI", feature="demonym"), Place("Chad", 40, 44, country="TCD")
    assert _placed(PRISONERS, (), frozenset(), sole=(mali,)).country == "MLI"
    assert _placed(PRISONERS, (), frozenset(), sole=(mali, chad)) is PRISONERS
    leaders = Actor("foreign leaders", 20, 35, sector="GOV", kind="unknown")
    assert _placed(leaders, (), frozenset(), sole=(mali,)) is leaders


def test_after_the_gate_an_unnamed_attacker_keeps_no_country_read_from_a_place():
    doc, dili = _doc()
    gunmen = Actor("Prisoners", 0, 9, country="TLS", sector="UAF", kind="located")
    attack = dataclasses.replace(_event(doc, gunmen, GUARDS, (dili,)), cameo="190")
    (event,) = SentenceLocator()(dataclasses.replace(doc, events=(attack,))).events
    assert event.source.country is None and event.source.sector == "UAF"
    assert event.target.country == "TLS"  # the guards attacked in Dili are Timor's
    # a protest is no attack: the rioters stay where they riot
    (event,) = SentenceLocator()(dataclasses.replace(doc, events=(dataclasses.replace(attack, cameo="145"),))).events
    assert event.source.country == "TLS"


def test_a_place_modifying_the_noun_of_a_locative_phrase_is_a_setting():
    #        0         1           2     3      4        5        6
    words = ["Rebels", "attacked", "in", "the", "Kandy", "hills", "."]
    doc = parsed_document(words, [1, 1, 1, 5, 5, 2, 1], ["nsubj", "ROOT", "prep", "det", "compound", "pobj", "punct"],
                          ["NOUN", "VERB", "ADP", "DET", "PROPN", "NOUN", "PUNCT"], spaces=[True] * 5 + [False, False])
    at = doc.text.index("Kandy")
    doc = dataclasses.replace(doc, places=(Place("Kandy", at, at + 5, country="LKA"),))
    assert _settings(doc) == frozenset()
    assert _settings(doc, modifiers=True) == frozenset({at})


def test_a_source_takes_no_country_the_targets_country_leaves_out():
    """'exiles protested against France's plan to send them back to Chad': the sentence is about
    France (the target's country); Chad does not say where the exiles are."""
    from flashpoint.stages.locate import _outside

    france = Actor("France's plan", 26, 39, country="FRA", sector="GOV")
    chad = Place("Chad", 60, 64, country="TCD")
    assert _outside((chad,), france, same=True) == ()
    assert _outside((chad,), france) == (chad,)
    assert _outside((chad,), None, same=True) == (chad,)


def test_a_victim_of_violence_takes_the_one_country_of_the_towns_named():
    """'Twelve people were killed when a bomb hit a market in Abeche': a town of one country gives
    the victims theirs; a country's name or a demonym does not, nor does a protest."""
    doc, _ = _doc(places=())
    people = Actor("Prisoners", 0, 9, sector="CVL", kind="unknown")
    town = Place("Dili", doc.text.index("Dili"), doc.text.index("Dili") + 4, country="TLS", feature="city")
    killing = dataclasses.replace(_event(doc, None, people, ()), cameo="190")

    def target(places, event=killing):
        return SentenceLocator()(dataclasses.replace(doc, places=places, events=(event,))).events[0].target

    assert (target((town,)).country, target((town,)).kind) == ("TLS", "located")
    assert target((dataclasses.replace(town, feature="country"),)).country is None
    assert target((town, dataclasses.replace(town, name="Chad", country="TCD"))).country is None
    assert target((town,), dataclasses.replace(killing, cameo="145")).country is None


def test_a_violent_act_with_no_target_has_victims_of_the_sentences_one_country():
    """'thousands of people were killed in the Yemeni war': a violent act the
    coder found no target for is given one, of the one country of every place the sentence names
    outside the source's words (a demonym counts here); none for two countries, outside violence,
    or when the only place lies in the source's own words."""
    doc, _ = _doc(places=())
    at = doc.text.index("Dili")
    dili = Place("Dili", at, at + 4, country="TLS", feature="country")
    killing = dataclasses.replace(_event(doc, None, None, ()), cameo="190")

    def target(places, event=killing):
        return SentenceLocator()(dataclasses.replace(doc, places=places, events=(event,))).events[0].target

    victims = target((dili,))
    assert (victims.country, victims.kind, victims.text, victims.sector) == ("TLS", "located", "Dili", None)
    assert target((dataclasses.replace(dili, feature="demonym"),)).country == "TLS"
    assert target((dili, Place("Chad", 0, 4, country="TCD"))) is None
    assert target((dili,), dataclasses.replace(killing, cameo="145")) is None  # a protest: no victims
    raiders = Actor("Prisoners rioted at a jail in Dili", 0, at + 4, sector="REB", kind="unknown")
    assert target((dili,), dataclasses.replace(killing, source=raiders)) is None  # the source's own place


def test_unidentified_forces_put_at_the_place_of_violence_leave_its_country_to_the_victims():
    """'A roadside bomb near Dili killed guards': the locate stage's unidentified forces at the
    place keep no country after the gate; the guards (victims) take the place's."""
    doc, dili = _doc()
    forces = Actor("Dili", dili.start, dili.end, country="TLS", sector="UAF", kind="unidentified")
    attack = dataclasses.replace(_event(doc, forces, GUARDS, (dili,)), cameo="190")
    (event,) = SentenceLocator()(dataclasses.replace(doc, events=(attack,))).events
    assert (event.source.country, event.source.sector, event.source.kind) == (None, "UAF", "unidentified")
    assert event.target.country == "TLS"


def _violence(words, heads, deps, pos, trigger, *, lemmas=None):
    """A one-sentence document and its violent event told with no source and no target."""
    doc = parsed_document(words, heads, deps, pos, lemmas=lemmas, spaces=[True] * (len(words) - 2) + [False, False])
    for tok in doc.parse:  # the tagger's tag of a bare infinitive, which the purpose test reads
        tok.tag_ = "VB" if tok.pos_ == "VERB" and tok.i and doc.parse[tok.i - 1].lower_ == "to" else tok.pos_
    at = doc.text.index(trigger)
    event = Event(doc_id="t", sentence_index=0, evidence_start=0, evidence_end=len(doc.text),
                  evidence_text=doc.text, trigger=trigger, trigger_start=at, cameo="190", plover_type="ASSAULT")
    return doc, event


def _victims_of(doc, event, place):
    doc = dataclasses.replace(doc, places=(place,), events=(event,))
    return SentenceLocator()(doc).events[0].target


def test_the_speakers_of_a_reported_act_are_not_its_victims():
    """'Turkish officials denied that a shell hit the village': the demonym is the speakers'; a
    place inside the reported clause still gives the victims their country."""
    words = ["Turkish", "officials", "denied", "that", "a", "shell", "hit", "the", "village", "."]
    heads = [1, 2, 2, 6, 5, 6, 2, 8, 6, 2]
    deps = ["amod", "nsubj", "ROOT", "mark", "det", "nsubj", "ccomp", "det", "dobj", "punct"]
    pos = ["ADJ", "NOUN", "VERB", "SCONJ", "DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT"]
    doc, hit = _violence(words, heads, deps, pos, "hit")
    assert _victims_of(doc, hit, Place("Turkish", 0, 7, country="TUR", feature="demonym")) is None
    at = doc.text.index("village")
    assert _victims_of(doc, hit, Place("village", at, at + 7, country="TUR")).country == "TUR"


def test_a_purpose_clause_is_not_where_the_victims_are():
    """'The raid aimed to deter Syrian incursions': what the raid was for names nobody it struck;
    the same words after a verb that is no aim ('helped to deter') leave the demonym counting."""
    words = ["The", "raid", "aimed", "to", "deter", "Syrian", "incursions", "."]
    heads = [1, 2, 2, 4, 2, 6, 4, 2]
    deps = ["det", "nsubj", "ROOT", "aux", "xcomp", "amod", "dobj", "punct"]
    pos = ["DET", "NOUN", "VERB", "PART", "VERB", "ADJ", "NOUN", "PUNCT"]
    doc, raid = _violence(words, heads, deps, pos, "raid", lemmas=["the", "raid", "aim", "to", "deter", "syrian",
                                                                  "incursion", "."])
    at = doc.text.index("Syrian")
    syrian = Place("Syrian", at, at + 6, country="SYR", feature="demonym")
    assert _victims_of(doc, raid, syrian) is None
    doc, raid = _violence(words, heads, deps, pos, "raid", lemmas=["the", "raid", "help", "to", "deter", "syrian",
                                                                  "incursion", "."])
    assert _victims_of(doc, raid, syrian).country == "SYR"
