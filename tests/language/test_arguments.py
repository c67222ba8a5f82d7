"""The argument reader on real parses: the threat's target is who its condition is put to."""
from __future__ import annotations

import pytest

from flashpoint.language.arguments import embedded_target, index_actors


def _read(pipeline, text):
    """The document after the parse, actors and places stages, and its actors by token."""
    from flashpoint.model import Document

    doc = Document(id="t", text=text)
    for stage in pipeline.stages[:3]:  # parse, actors, places
        doc = stage(doc)
    return doc, index_actors(doc.tokens, doc.actors)


@pytest.mark.model
@pytest.mark.parametrize("text, trigger, target", [
    ("Turkey threatened to launch an offensive unless Baghdad accepted the deal.", "threatened", "IRQGOV"),
    ("The rebels will boycott the elections unless the president steps down.", "boycott", "GOV"),
])
def test_a_threat_is_aimed_at_whom_its_condition_is_put_to(pipeline, text, trigger, target):
    doc, by_token = _read(pipeline, text)
    tok = next(t for t in doc.parse if t.text == trigger)
    found = embedded_target(tok, by_token)
    assert found is not None and found.code == target


@pytest.mark.model
@pytest.mark.parametrize("text, trigger, expected", [
    ("The man was shot near the settlement on Tuesday.", "shot", True),  # a person suffered it
    ("Two others were wounded in the town.", "wounded", True),  # a number of people
    ("A roadside bomb detonated near the market.", "detonated", True),  # a weapon did it
    ("Three blasts were detonated at the compound.", "detonated", True),
    ("It is being shot in English and Hindi.", "shot", False),  # a film: nobody suffered it
    ("A fire destroyed the market.", "destroyed", False),  # fire: as often an accident
    ("We will fight for ourselves.", "fight", False),  # a subject alone, in the first person
    ("Killing her had been a priority.", "Killing", False),  # the act as a topic
    ("Kick him out.", "Kick", False),  # an order
    ("\u201cEvery time I sent people they were killed.", "killed", False),  # a speaker's story
])
def test_anonymous_violence_needs_someone_who_suffered_it_or_a_weapon(pipeline, text, trigger, expected):
    from flashpoint.language.armed import anonymous_violence
    from flashpoint.model import Document

    doc = pipeline.stages[0](Document(id="t", text=text))
    tok = next(t for t in doc.parse if t.text == trigger)
    assert anonymous_violence(tok) is expected


@pytest.mark.model
@pytest.mark.parametrize("text, word, expected", [
    ("He said \u201cthey were killed\u201d and the man was shot.", "killed", True),
    ("He said \u201cthey were killed\u201d and the man was shot.", "shot", False),
    ('He said "they were killed" and the man was shot.', "killed", True),
    ('He said "they were killed" and the man was shot.', "shot", False),
    ("Women were always shot.\u201d", "shot", True),  # a quote opened in a sentence before
    ("The man was shot.", "shot", False),
])
def test_quoted_reads_quotation_marks_of_the_sentence(pipeline, text, word, expected):
    from flashpoint.language.arguments import quoted
    from flashpoint.model import Document

    doc = pipeline.stages[0](Document(id="t", text=text))
    assert quoted(next(t for t in doc.parse if t.text == word)) is expected


@pytest.mark.model
def test_a_source_quoted_on_the_facts_still_reports_an_act(pipeline):
    from flashpoint.language.armed import anonymous_violence
    from flashpoint.model import Document

    text = '"A roadside bomb detonated near the park on Tuesday," the source told reporters.'
    doc = pipeline.stages[0](Document(id="t", text=text))
    assert anonymous_violence(next(t for t in doc.parse if t.text == "detonated"))


@pytest.mark.model
@pytest.mark.parametrize("text, trigger, source", [
    ("Ten militants were killed in the raids carried out by Russian forces.", "killed", "RUSMIL"),
    ("Seven civilians were killed in the village on Sunday, amid aerial bombardment by Turkish forces.", "killed",
     "TURMIL"),
    ("Two soldiers were killed in clashes with the Iraqi army.", "killed", "IRQMIL"),
    # the cause hangs on the last of two coordinated passives; it is the first one's too
    ("Nine policemen were killed and five others wounded during clashes with Chilean troops.", "killed", "CHLMIL"),
    # the act told in a clause of circumstance: its agent, its means' agent, its subject
    ("Four farmers were killed after being surrounded by the Peruvian army.", "killed", "PERMIL"),
    ("Six villagers were killed when Chilean soldiers opened fire on the market.", "killed", "CHLMIL"),
])
def test_a_victim_falls_to_the_attacks_agent_or_the_other_side_of_the_fighting(pipeline, text, trigger, source):
    from flashpoint.language.arguments import verb_args
    doc, by_token = _read(pipeline, text)
    found, target = verb_args(next(t for t in doc.parse if t.text == trigger), by_token)
    assert found is not None and found.code == source and target is not None


@pytest.mark.model
@pytest.mark.parametrize("text, trigger, target", [
    ("Lima seized twelve Chilean sailors in the bay, accusing them of spying.", "accusing", "CHL"),
    ("Chilean troops have patrolled in the valley for years and Lima accuses them of smuggling.", "accuses", "CHL"),
])
def test_an_object_pronoun_stands_for_the_people_named_before_it(pipeline, text, trigger, target):
    from flashpoint.language.arguments import verb_args
    doc, by_token = _read(pipeline, text)
    source, found = verb_args(next(t for t in doc.parse if t.text == trigger), by_token)
    assert source is not None and source.country == "PER"
    assert found is not None and found.country == target


@pytest.mark.model
@pytest.mark.parametrize("text, trigger", [
    ("She was sentenced to two years after police found a rifle in her car.", "sentenced"),  # no harm
    ("Four pupils were killed when the roof of their school collapsed.", "killed"),  # no doer
])
def test_a_clause_of_circumstance_names_no_doer_of_what_is_no_harm_or_no_act(pipeline, text, trigger):
    from flashpoint.language.arguments import verb_args
    doc, by_token = _read(pipeline, text)
    source, _ = verb_args(next(t for t in doc.parse if t.text == trigger), by_token)
    assert source is None


@pytest.mark.model
def test_a_reduced_passive_the_parser_tags_past_tense_takes_its_noun_as_the_patient(pipeline):
    from flashpoint.language.arguments import verb_args

    doc, by_token = _read(pipeline, "Trump said the number stood for the 52 Americans taken hostage in Tehran in 1979.")
    tok = next(t for t in doc.parse if t.text == "taken")
    assert tok.dep_ == "acl" and tok.tag_ == "VBD"   # the small model's reading of this participle
    source, target = verb_args(tok, by_token)
    assert source is None and target is not None and target.code.startswith("USA")
