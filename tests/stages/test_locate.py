"""The locate stage on hand-made events: no model is loaded."""
from __future__ import annotations

from flashpoint.model import Actor, Document, Event, Place
from flashpoint.stages.locate import ActorLocator

TEXT = "Prisoners rioted at a jail in Dili and attacked guards."


def _event(source, target, places, start=10):
    return Event(doc_id="d", sentence_index=0, evidence_start=0, evidence_end=len(TEXT),
                 evidence_text=TEXT, trigger="rioted", trigger_start=start, cameo="145",
                 plover_type="PROTEST", source=source, target=target, locations=places)


def test_country_less_actors_take_the_country_of_the_one_country_they_act_in():
    prisoners = Actor("Prisoners", 0, 9, sector="CVL", kind="unknown")
    guards = Actor("guards", 49, 55, sector="COP", kind="unknown")
    dili = Place("Dili", 30, 34, country="TLS")
    doc = Document(id="d", text=TEXT, events=(_event(prisoners, guards, (dili,)),))
    (event,) = ActorLocator()(doc).events
    assert (event.source.country, event.source.kind) == ("TLS", "located")
    assert event.target.country == "TLS"
    assert event.source.text == "Prisoners"  # the evidence still shows who was named


def test_events_that_become_the_same_event_are_kept_once():
    prisoners = Actor("Prisoners", 0, 9, sector="CVL", kind="unknown")
    placed = Actor("Prisoners", 0, 9, country="TLS", sector="CVL", kind="located")
    dili = Place("Dili", 30, 34, country="TLS")
    doc = Document(id="d", text=TEXT, events=(_event(prisoners, None, (dili,)), _event(placed, None, (dili,))))
    assert len(ActorLocator()(doc).events) == 1


def test_the_first_place_named_wins_and_no_place_changes_nothing():
    prisoners = Actor("Prisoners", 0, 9, sector="CVL", kind="unknown")
    places = (Place("Jakarta", 40, 47, country="IDN"), Place("Dili", 30, 34, country="TLS"))
    doc = Document(id="d", text=TEXT, events=(_event(prisoners, None, places), _event(prisoners, None, (), 20)))
    first, unplaced = ActorLocator()(doc).events
    assert first.source.country == "TLS"
    assert unplaced.source is prisoners


def test_international_bodies_and_the_other_participant_give_no_country():
    from flashpoint.stages.locate import _placed

    red_cross = Actor("the Red Cross", 0, 13, sector="NGO", kind="nonstate")
    baghdad = Place("Baghdad", 30, 37, country="IRQ")
    assert _placed(red_cross, None, (baghdad,)) is red_cross
    militia = Actor("gunmen", 0, 6, sector="UAF", kind="unknown")
    iraq = Actor("Baghdad", 30, 37, country="IRQ")
    assert _placed(militia, iraq, (baghdad,)) is militia  # Baghdad is the target, not the setting
    assert _placed(militia, iraq, (baghdad,), frozenset({30})).country == "IRQ"  # "... in Baghdad"
