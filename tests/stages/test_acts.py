"""Stage acts: an event records the uncoded verbs that tell its act (also_triggers)."""
from __future__ import annotations

import dataclasses
import json

import pytest

from flashpoint.evaluation.event_location import Span, events_on
from flashpoint.model import Document, Event
from flashpoint.schema import mention_row
from flashpoint.stages.acts import SameActLinker
from flashpoint.stages.parse import SpacyParser


@pytest.fixture(scope="module")
def parse():
    parser = SpacyParser()
    return lambda text: parser(Document(id="t", text=text))


def event(doc: Document, word: str, cameo: str = "183") -> Event:
    at = doc.text.index(word)
    return Event(doc_id=doc.id, sentence_index=0, evidence_start=0, evidence_end=len(doc.text),
                 evidence_text=doc.text, trigger=word, trigger_start=at, cameo=cameo, plover_type="ASSAULT")


def linked(doc: Document, *words: str, cameo: str = "183") -> list[tuple[tuple[str, int], ...]]:
    doc = dataclasses.replace(doc, events=tuple(event(doc, w, cameo) for w in words))
    return [e.also_triggers for e in SameActLinker()(doc).events]


def test_the_toll_participle_is_a_trigger_of_the_act(parse):
    doc = parse("A car bomb exploded near the fish market in Velmora on Monday, killing four traders.")
    assert linked(doc, "exploded") == [(("killing", doc.text.index("killing")),)]


def test_the_act_a_toll_participle_hangs_on_is_a_trigger_of_the_toll(parse):
    doc = parse("A car bomb exploded near the fish market in Velmora on Monday, killing four traders.")
    assert linked(doc, "killing") == [(("exploded", doc.text.index("exploded")),)]


def kept(doc: Document, *words: str, cameo: str = "183", fold: bool = True) -> list[tuple[str, tuple]]:
    doc = dataclasses.replace(doc, events=tuple(event(doc, w, cameo) for w in words))
    return [(e.trigger, tuple(w for w, _ in e.also_triggers)) for e in SameActLinker(fold=fold)(doc).events]


def test_a_toll_verb_with_its_own_event_is_folded_into_the_act(parse):
    doc = parse("A car bomb exploded near the fish market in Velmora on Monday, killing four traders.")
    assert kept(doc, "exploded", "killing") == [("exploded", ("killing",))]
    assert kept(doc, "killing", "exploded") == [("exploded", ("killing",))]


def test_without_folding_a_verb_with_its_own_event_is_not_linked(parse):
    doc = parse("A car bomb exploded near the fish market in Velmora on Monday, killing four traders.")
    assert kept(doc, "exploded", "killing", fold=False) == [("exploded", ()), ("killing", ())]


def test_a_toll_and_its_conjoined_toll_are_one_event(parse):
    doc = parse("Shelling by government forces killed four civilians and wounded 15 in Velmora.")
    assert kept(doc, "killed", "wounded", cameo="190") == [("killed", ("wounded",))]


def test_a_second_toll_with_its_verb_left_out_is_the_same_act(parse):
    doc = parse("Four soldiers were killed and 15 others wounded near the border town of Dareth.")
    assert kept(doc, "killed", "wounded", cameo="190") == [("killed", ("wounded",))]


def test_a_toll_told_by_another_doer_is_another_event(parse):
    doc = parse("Rebels killed three soldiers, and the army wounded two rebels near Dareth.")
    assert kept(doc, "killed", "wounded", cameo="190") == [("killed", ()), ("wounded", ())]


def test_only_a_violent_event_is_folded(parse):
    doc = parse("A car bomb exploded near the fish market in Velmora on Monday, killing four traders.")
    folded = kept(doc, "exploded", "killing", cameo="043")
    assert folded == [("exploded", ()), ("killing", ())]


def test_conjoined_toll_verbs_with_one_subject_are_one_act(parse):
    doc = parse("Gunmen stormed a police post in Dareth and killed six officers.")
    assert linked(doc, "stormed", cameo="190") == [(("killed", doc.text.index("killed")),)]


def test_a_conjoined_clause_with_its_own_subject_is_another_act(parse):
    doc = parse("Gunmen stormed a police post in Dareth, but the guards killed two of them.")
    assert linked(doc, "stormed", cameo="190") == [()]


def test_only_violence_takes_a_toll(parse):
    doc = parse("The minister opened the new bridge in Dareth, leaving two workers dead.")
    assert linked(doc, "opened", cameo="043") == [()]


def test_the_record_the_store_row_and_the_scorer_carry_the_extra_trigger(parse):
    doc = parse("A roadside bomb exploded in Velmora, wounding three soldiers.")
    kept = SameActLinker()(dataclasses.replace(doc, events=(event(doc, "exploded"),))).events[0]
    at = doc.text.index("wounding")
    rec = kept.to_record()
    assert rec["also_triggers"] == [{"text": "wounding", "start": at}]
    assert json.loads(mention_row(rec)["also_triggers_json"]) == rec["also_triggers"]
    assert events_on([kept], [Span(at, at + 8, "wounding")]) == [kept]
    assert events_on([event(doc, "exploded")], [Span(at, at + 8, "wounding")]) == []


def test_a_verb_of_effort_is_a_trigger_of_the_act_it_completes(parse):
    doc = parse("Rebel fighters managed to enter the village of Dareth on Sunday.")
    assert linked(doc, "enter", cameo="190") == [(("managed", doc.text.index("managed")),)]


def test_a_verb_of_phase_is_a_trigger_of_the_act_it_completes(parse):
    doc = parse("The air force began launching strikes on the hills above Velmora.")
    assert linked(doc, "launching", cameo="195") == [(("began", doc.text.index("began")),)]


def test_a_verb_that_wants_an_act_is_not_the_act(parse):
    doc = parse("Rebel fighters want to enter the village of Dareth on Sunday.")
    assert linked(doc, "enter", cameo="190") == [()]


def test_an_attack_noun_that_is_the_tolls_subject_is_folded_into_the_toll(parse):
    doc = parse("A drone strike near the Velmora airport killed the general early on Friday.")
    assert kept(doc, "strike", "killed", cameo="190") == [("killed", ("strike",))]
    assert kept(doc, "killed", "strike", cameo="190") == [("killed", ("strike",))]


def test_an_attack_noun_whose_relative_clause_tells_the_toll_is_folded(parse):
    doc = parse("The bombing that killed five traders in Velmora was condemned by the mayor.")
    assert kept(doc, "bombing", "killed", cameo="190") == [("killed", ("bombing",))]


def test_an_attack_noun_that_is_no_tolls_subject_stays_its_own_event(parse):
    doc = parse("After the drone strike on Monday, militants killed two guards in Velmora.")
    assert kept(doc, "strike", "killed", cameo="190") == [("strike", ()), ("killed", ())]


def test_a_passive_sequel_with_no_party_is_the_same_act(parse):
    doc = parse("Rebel fighters fired a rocket at an army helicopter on Monday, but it was shot down.")
    assert linked(doc, "fired", "shot", cameo="190") == [(("shot", doc.text.index("shot")),)]


def test_a_passive_conjunct_with_a_named_agent_is_its_own_act(parse):
    doc = parse("Rebel fighters fired a rocket at an army helicopter, and they were shot by soldiers.")
    assert len(linked(doc, "fired", "shot", cameo="190")) == 2
