"""Actors and events on hand-built parses: no trained model is loaded."""
from __future__ import annotations

import datetime as dt

from flashpoint.knowledge.actor_kb import KnowledgeBase
from flashpoint.stages.actors import ActorResolver
from flashpoint.stages.events import EventExtractor
from tests.handmade import parsed_document

#        0       1    2          3      4      5     6         7    8     9      10
WORDS = ["Iran", "'s", "Islamic", "Revolutionary", "Guard", "Corps", "fired", "missiles", "at", "US", "forces", "."]
HEADS = [5, 0, 5, 5, 5, 6, 6, 6, 6, 10, 8, 6]
DEPS = ["poss", "case", "compound", "compound", "compound", "nsubj", "ROOT", "dobj", "prep", "compound", "pobj",
        "punct"]
POS = ["PROPN", "PART", "PROPN", "PROPN", "PROPN", "PROPN", "VERB", "NOUN", "ADP", "PROPN", "NOUN", "PUNCT"]
LEMMAS = ["Iran", "'s", "Islamic", "Revolutionary", "Guard", "Corps", "fire", "missile", "at", "US", "force", "."]


def strike_doc(**kw):
    spaces = [False, True, True, True, True, True, True, True, True, True, False, False]
    return parsed_document(WORDS, HEADS, DEPS, POS, lemmas=LEMMAS, spaces=spaces, **kw)


def test_knowledge_base_respects_dated_roles():
    kb = KnowledgeBase()
    assert kb.lookup("Trump", dt.date(2019, 6, 1)).sector == "GOV"
    assert kb.lookup("trump", dt.date(2019, 6, 1)).country == "USA"
    assert kb.lookup("Tehran").country == "IRN"
    assert kb.lookup("forces").sector == "MIL"


def test_actor_phrases_resolve_to_country_and_sector():
    doc = ActorResolver()(strike_doc())
    codes = {a.text: a.code for a in doc.actors}
    assert codes["Iran's Islamic Revolutionary Guard Corps"] == "IRNMIL"
    assert codes["US forces"] == "USAMIL"


def test_active_voice_attack_with_instrument_object():
    doc = ActorResolver()(strike_doc())
    from dataclasses import replace

    doc = EventExtractor()(replace(doc, places=()))
    (ev,) = doc.events
    assert ev.source.code == "IRNMIL" and ev.target.code == "USAMIL"
    assert ev.cameo == "195" and ev.plover_type == "ASSAULT" and ev.quad_class == 4
    assert ev.modality == "asserted" and ev.evidence_text.startswith("Iran's")


def test_user_actor_file_extends_the_knowledge_base(tmp_path):
    f = tmp_path / "mine.tsv"
    f.write_text("alias\tcountry\tsector\tkind\tproxy_of\tfrom\tto\tname\n"
                 "Guard Corps\tXXX\tSPY\torg\t\t\t\tTest\n", encoding="utf-8")
    kb = KnowledgeBase(extra_files=(f,))
    assert kb.lookup("guard corps").country == "XXX"


def test_own_lexicon_rows_come_before_borrowed_ones(tmp_path):
    from flashpoint.language.lexicon import load_rules

    own = tmp_path / "own.tsv"
    own.write_text("lemma\tpos\tcameo\tobject\tprep\nfire\tV\t195\tmissile\t\n", encoding="utf-8")
    borrowed = tmp_path / "borrowed.tsv"
    borrowed.write_text("lemma\tpos\tcameo\tobject\tprep\nfire\tV\t150\tmissile|gun\t\nfire\tV\t160\t\t\n"
                        "come\tV\t040\t\t\n", encoding="utf-8")
    rules = load_rules((str(own), str(borrowed)))
    assert [r.cameo for r in rules[("fire", "V")]] == ["195", "150", "160"]
    assert rules[("fire", "V")][2].strict and not rules[("fire", "V")][0].strict
    assert ("come", "V") not in rules  # bare light verbs from borrowed tables are dropped


def _located_doc(first, second):
    #        0      1     2      3        4      5
    words = [first, "in", second, "blocked", "roads", "."]
    heads = [3, 0, 1, 3, 3, 3]
    deps = ["nsubj", "prep", "pobj", "ROOT", "dobj", "punct"]
    pos = ["NOUN", "ADP", "PROPN", "VERB", "NOUN", "PUNCT"]
    return parsed_document(words, heads, deps, pos, spaces=[True] * 4 + [False, False])


def test_a_group_in_a_place_takes_its_country_and_the_place_is_no_actor_of_its_own():
    doc = ActorResolver()(_located_doc("Protesters", "Baghdad"))
    assert [(a.text, a.country) for a in doc.actors] == [("Protesters in Baghdad", "IRQ")]


def test_a_state_organ_in_another_country_keeps_its_own():
    words = ["Israeli", "troops", "in", "Lebanon", "shelled", "villages", "."]
    heads = [1, 4, 1, 2, 4, 4, 4]
    deps = ["amod", "nsubj", "prep", "pobj", "ROOT", "dobj", "punct"]
    pos = ["ADJ", "NOUN", "ADP", "PROPN", "VERB", "NOUN", "PUNCT"]
    doc = ActorResolver()(parsed_document(words, heads, deps, pos, spaces=[True] * 5 + [False, False]))
    codes = {a.text: a.code for a in doc.actors}
    assert codes["Israeli troops"] == "ISRMIL" and codes["Lebanon"] == "LBN"


def test_a_capital_speaks_for_its_government_but_after_in_it_is_a_place():
    said = parsed_document(["Tehran", "rejected", "talks", "."], [1, 1, 1, 1],
                           ["nsubj", "ROOT", "dobj", "punct"], ["PROPN", "VERB", "NOUN", "PUNCT"],
                           spaces=[True, True, False, False])
    met = parsed_document(["Envoys", "met", "in", "Tehran", "."], [1, 1, 1, 2, 1],
                          ["nsubj", "ROOT", "prep", "pobj", "punct"], ["NOUN", "VERB", "ADP", "PROPN", "PUNCT"],
                          spaces=[True, True, True, False, False])
    assert [a.code for a in ActorResolver()(said).actors if a.text == "Tehran"] == ["IRNGOV"]
    assert [a.code for a in ActorResolver()(met).actors if a.text == "Tehran"] == ["IRN"]


def test_what_an_attack_hit_is_not_the_source_of_what_the_attack_did():
    #        0    1         2         3     4     5         6         7    8           9
    words = ["A", "rocket", "attack", "on", "US", "forces", "killed", "a", "contractor", "."]
    heads = [2, 2, 6, 2, 5, 3, 6, 8, 6, 6]
    deps = ["det", "compound", "nsubj", "prep", "compound", "pobj", "ROOT", "det", "dobj", "punct"]
    pos = ["DET", "NOUN", "NOUN", "ADP", "PROPN", "NOUN", "VERB", "DET", "NOUN", "PUNCT"]
    lemmas = ["a", "rocket", "attack", "on", "US", "force", "kill", "a", "contractor", "."]
    doc = parsed_document(words, heads, deps, pos, lemmas=lemmas, spaces=[True] * 8 + [False, False])
    doc = ActorResolver()(doc)
    killed = [e for e in EventExtractor()(doc).events if e.trigger == "killed"]
    assert killed and all(e.source is None for e in killed)
    # nor may the classify stage fill it in from the subject phrase
    from flashpoint.language.arguments import clause_actors

    sent = next(doc.parse.sents)
    source, target = clause_actors(doc.parse[6], sent, doc.actors)
    assert source is None and target.text == "a contractor"


def test_coordinated_country_words_make_one_actor_each():
    """'Greek and Turkish diplomats': two actors sharing the head's sector, and one event each."""
    words = ["Greek", "and", "Turkish", "diplomats", "criticised", "Syria", "."]
    heads = [3, 0, 0, 4, 4, 4, 4]
    deps = ["amod", "cc", "conj", "nsubj", "ROOT", "dobj", "punct"]
    pos = ["ADJ", "CCONJ", "ADJ", "NOUN", "VERB", "PROPN", "PUNCT"]
    lemmas = ["Greek", "and", "Turkish", "diplomat", "criticise", "Syria", "."]
    from dataclasses import replace

    doc = ActorResolver()(parsed_document(words, heads, deps, pos, lemmas=lemmas))
    codes = {a.text: a.code for a in doc.actors}
    assert codes == {"Greek": "GRCGOV", "Turkish diplomats": "TURGOV", "Syria": "SYR"}
    doc = EventExtractor()(replace(doc, places=()))
    assert sorted((e.source.code, e.target.code) for e in doc.events) == [("GRCGOV", "SYR"), ("TURGOV", "SYR")]


def test_a_country_word_before_coordinated_nouns_applies_to_both():
    words = ["Israeli", "helicopters", "and", "tanks", "shelled", "Rafah", "."]
    heads = [1, 4, 1, 1, 4, 4, 4]
    deps = ["amod", "nsubj", "cc", "conj", "ROOT", "dobj", "punct"]
    pos = ["ADJ", "NOUN", "CCONJ", "NOUN", "VERB", "PROPN", "PUNCT"]
    doc = ActorResolver()(parsed_document(words, heads, deps, pos))
    codes = {a.text: a.code for a in doc.actors}
    assert codes["Israeli helicopters"] == "ISRMIL" and codes["tanks"] == "ISRMIL"
    # after a country's name the country does not carry over: "Israel and tanks"
    doc = ActorResolver()(parsed_document(["Israel", "and", "tanks", "shelled", "Rafah", "."], [3, 0, 0, 3, 3, 3],
                                          ["nsubj", "cc", "conj", "ROOT", "dobj", "punct"],
                                          ["PROPN", "CCONJ", "NOUN", "VERB", "PROPN", "PUNCT"]))
    assert {a.text: a.code for a in doc.actors}["tanks"] == "MIL"


def test_groups_take_the_country_of_their_owner_or_the_body_they_belong_to():
    owned = parsed_document(["Iran", "said", "its", "forces", "withdrew", "."], [1, 1, 3, 4, 1, 1],
                            ["nsubj", "ROOT", "poss", "nsubj", "ccomp", "punct"],
                            ["PROPN", "VERB", "PRON", "NOUN", "VERB", "PUNCT"])
    assert {a.text: a.code for a in ActorResolver()(owned).actors}["its forces"] == "IRNMIL"
    words = ["Workers", "affiliated", "with", "the", "Serbian", "union", "protested", "."]
    affiliated = parsed_document(words, [6, 0, 1, 5, 5, 2, 6, 6],
                                 ["nsubj", "acl", "prep", "det", "amod", "pobj", "ROOT", "punct"],
                                 ["NOUN", "VERB", "ADP", "DET", "ADJ", "NOUN", "VERB", "PUNCT"])
    codes = {a.text: a.code for a in ActorResolver()(affiliated).actors}
    assert codes == {"Workers affiliated with the Serbian union": "SRBLAB"}


def test_fighters_of_an_armed_body_take_its_country_and_its_victims_do_not():
    def codes(noun, verb):
        doc = parsed_document([noun, "of", "Hezbollah", verb, "."], [3, 0, 1, 3, 3],
                              ["nsubj", "prep", "pobj", "ROOT", "punct"], ["NOUN", "ADP", "PROPN", "VERB", "PUNCT"])
        return {a.text: a.code for a in ActorResolver()(doc).actors}

    assert codes("Fighters", "attacked") == {"Fighters of Hezbollah": "LBNUAF"}
    assert codes("Relatives", "protested") == {"Relatives": "CVL", "Hezbollah": "LBNREB"}


def test_gunmen_suspected_to_be_members_of_a_body_take_its_country_whatever_the_parse():
    words = ["Gunmen", "suspected", "to", "be", "members", "of", "Hezbollah", "attacked", "."]
    # the small parser's reading: the participle as the verb, the attack as its complement
    doc = parsed_document(words, [1, 1, 3, 1, 3, 4, 5, 1, 1],
                          ["nsubj", "ROOT", "aux", "xcomp", "attr", "prep", "pobj", "ccomp", "punct"],
                          ["NOUN", "VERB", "PART", "AUX", "NOUN", "ADP", "PROPN", "VERB", "PUNCT"])
    codes = {a.text: a.code for a in ActorResolver()(doc).actors}
    assert codes == {"Gunmen suspected to be members of Hezbollah": "LBNUAF"}


def test_a_stance_stated_in_the_passive_is_the_subjects_own():
    from dataclasses import replace

    words = ["Israel", "is", "opposed", "to", "French", "mediation", "."]
    doc = parsed_document(words, [2, 2, 2, 2, 5, 3, 2], ["nsubjpass", "auxpass", "ROOT", "prep", "amod", "pobj", "punct"],
                          ["PROPN", "AUX", "VERB", "ADP", "ADJ", "NOUN", "PUNCT"],
                          lemmas=["Israel", "be", "oppose", "to", "French", "mediation", "."])
    doc = EventExtractor()(replace(ActorResolver()(doc), places=()))
    assert [(e.source.code, e.target.code) for e in doc.events] == [("ISR", "FRA")]


def _victim_doc(verb, lemma, aux):
    from dataclasses import replace

    words = ["Soleimani"] + ([aux] if aux else []) + [verb, "in", "a", "US", "strike", "."]
    k = 1 if aux else 0
    heads = [1 + k] + ([1 + k] if aux else []) + [1 + k, 1 + k, 5 + k, 5 + k, 2 + k, 1 + k]
    deps = ["nsubjpass" if aux else "nsubj"] + (["auxpass"] if aux else []) + \
        ["ROOT", "prep", "det", "compound", "pobj", "punct"]
    pos = ["PROPN"] + (["AUX"] if aux else []) + ["VERB", "ADP", "DET", "PROPN", "NOUN", "PUNCT"]
    lemmas = ["Soleimani"] + (["be"] if aux else []) + [lemma, "in", "a", "US", "strike", "."]
    doc = ActorResolver()(parsed_document(words, heads, deps, pos, lemmas=lemmas, date=dt.date(2020, 1, 3)))
    return EventExtractor()(replace(doc, places=())).events


def test_victims_are_targets_and_the_attack_names_the_attacker():
    for verb, lemma, aux in (("killed", "kill", "was"), ("died", "die", None)):
        events = [e for e in _victim_doc(verb, lemma, aux) if e.trigger == verb]
        assert [(e.source.country, e.target.country) for e in events] == [("USA", "IRN")], verb


def test_lexicon_rows_can_follow_plovers_own_definitions():
    """A resignation is CAMEO 0831 but PLOVER RETREAT (mode resign), as the PLOVER manual defines it."""
    from dataclasses import replace

    doc = parsed_document(["Georgia", "'s", "president", "resigned", "."], [2, 0, 3, 3, 3],
                          ["poss", "case", "nsubj", "ROOT", "punct"], ["PROPN", "PART", "NOUN", "VERB", "PUNCT"],
                          lemmas=["Georgia", "'s", "president", "resign", "."], spaces=[False, True, True, False, False])
    (ev,) = EventExtractor()(replace(ActorResolver()(doc), places=())).events
    assert (ev.cameo, ev.plover_type, ev.plover_mode) == ("0831", "RETREAT", "resign")
    assert ev.source.country == "GEO"


def test_a_group_in_a_region_a_state_owns_takes_that_state():
    # "region" is a place noun with no sector of its own (UNK): the state owning it still locates
    #        0            1     2       3     4           5         6           7        8
    words = ["Officials", "in", "Iraq", "'s", "northern", "region", "rejected", "talks", "."]
    doc = ActorResolver()(parsed_document(words, [6, 0, 5, 2, 5, 1, 6, 6, 6],
                                          ["nsubj", "prep", "poss", "case", "amod", "pobj", "ROOT", "dobj", "punct"],
                                          ["NOUN", "ADP", "PROPN", "PART", "ADJ", "NOUN", "VERB", "NOUN", "PUNCT"],
                                          spaces=[True, True, False] + [True] * 4 + [False, False]))
    assert [(a.text, a.country) for a in doc.actors] == [("Officials in Iraq's northern region", "IRQ")]
