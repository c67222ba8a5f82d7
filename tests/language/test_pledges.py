"""Pledges of hostile acts and cuts of aid, on hand-built parses read with the real lexicon."""
from __future__ import annotations

from flashpoint.language.lexicon import aid_nouns, force_nouns
from flashpoint.language.pledges import pledged_threat, stopped_aid, stopped_by
from flashpoint.stages.events import EventExtractor
from tests.handmade import parsed_document

READERS = EventExtractor()._readers({})


def _parse(words, heads, deps, pos, lemmas):
    return parsed_document(words, heads, deps, pos, lemmas=lemmas).parse


def test_the_noun_lexicons_come_from_the_tables():
    assert {"revenge", "retaliation", "war"} <= force_nouns() and "aid" not in force_nouns()
    assert {"aid", "funding"} <= aid_nouns() and "troops" not in aid_nouns()


def test_a_vow_of_revenge_is_a_threat_of_force_and_a_pledge_of_aid_is_not():
    p = _parse(["Iran", "vowed", "revenge", "."], [1, 1, 1, 1], ["nsubj", "ROOT", "dobj", "punct"],
               ["PROPN", "VERB", "NOUN", "PUNCT"], ["Iran", "vow", "revenge", "."])
    assert pledged_threat(p[1], "130", *READERS) == "138"
    p = _parse(["Britain", "pledged", "aid", "."], [1, 1, 1, 1], ["nsubj", "ROOT", "dobj", "punct"],
               ["PROPN", "VERB", "NOUN", "PUNCT"], ["Britain", "pledge", "aid", "."])
    assert pledged_threat(p[1], "030", *READERS) is None
    p = _parse(["Iran", "pledged", "no", "retaliation", "."], [1, 1, 3, 1, 1],
               ["nsubj", "ROOT", "det", "dobj", "punct"], ["PROPN", "VERB", "DET", "NOUN", "PUNCT"],
               ["Iran", "pledge", "no", "retaliation", "."])
    assert pledged_threat(p[1], "030", *READERS) is None  # a pledge of restraint


def test_a_pledge_to_attack_is_a_threat_unless_negated():
    words = ["Turkey", "pledged", "to", "attack", "Manbij", "."]
    p = _parse(words, [1, 1, 3, 1, 3, 1], ["nsubj", "ROOT", "aux", "xcomp", "dobj", "punct"],
               ["PROPN", "VERB", "PART", "VERB", "PROPN", "PUNCT"], ["Turkey", "pledge", "to", "attack", "Manbij", "."])
    assert pledged_threat(p[1], "030", *READERS) == "138"
    assert pledged_threat(p[1], "042", *READERS) is None  # not a pledge verb's reading
    p = _parse(["Turkey", "pledged", "not", "to", "attack", "."], [1, 1, 4, 4, 1, 1],
               ["nsubj", "ROOT", "neg", "aux", "xcomp", "punct"], ["PROPN", "VERB", "PART", "PART", "VERB", "PUNCT"],
               ["Turkey", "pledge", "not", "to", "attack", "."])
    assert pledged_threat(p[1], "030", *READERS) is None


def test_withdrawing_aid_reduces_it_and_withdrawing_troops_stays_de_escalation():
    p = _parse(["Donors", "withdrew", "aid", "."], [1, 1, 1, 1], ["nsubj", "ROOT", "dobj", "punct"],
               ["NOUN", "VERB", "NOUN", "PUNCT"], ["donor", "withdraw", "aid", "."])
    assert stopped_aid(p[1], *READERS) == "162"
    p = _parse(["Russia", "withdrew", "troops", "."], [1, 1, 1, 1], ["nsubj", "ROOT", "dobj", "punct"],
               ["PROPN", "VERB", "NOUN", "PUNCT"], ["Russia", "withdraw", "troop", "."])
    assert stopped_aid(p[1], *READERS) is None


def test_ceasing_to_arm_is_a_cut_of_military_aid_carried_by_the_verb_of_stopping():
    p = _parse(["Washington", "ceased", "arming", "rebels", "."], [1, 1, 1, 2, 1],
               ["nsubj", "ROOT", "xcomp", "dobj", "punct"], ["PROPN", "VERB", "VERB", "NOUN", "PUNCT"],
               ["Washington", "cease", "arm", "rebel", "."])
    assert stopped_aid(p[1], *READERS) == "1622" and stopped_by(p[2], *READERS)
    p = _parse(["Washington", "ceased", "attacking", "rebels", "."], [1, 1, 1, 2, 1],
               ["nsubj", "ROOT", "xcomp", "dobj", "punct"], ["PROPN", "VERB", "VERB", "NOUN", "PUNCT"],
               ["Washington", "cease", "attack", "rebel", "."])
    assert stopped_aid(p[1], *READERS) is None and not stopped_by(p[2], *READERS)
