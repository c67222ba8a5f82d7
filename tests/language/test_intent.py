"""Stated intent on hand-built parses (no model)."""
from __future__ import annotations

from flashpoint.language.intent import intent_code, stated_intent
from tests.handmade import parsed_document


def _tok(words, heads, deps, pos, lemmas, at):
    return parsed_document(words, heads, deps, pos, lemmas=lemmas).parse[at]


def test_future_aid_is_intent_and_refusal_when_negated():
    t = _tok(["Norway", "will", "send", "aid", "."], [2, 2, 2, 2, 2],
             ["nsubj", "aux", "ROOT", "dobj", "punct"], ["PROPN", "AUX", "VERB", "NOUN", "PUNCT"],
             ["Norway", "will", "send", "aid", "."], 2)
    assert stated_intent(t) == "intent" and intent_code("070", "intent") == "033"
    t = _tok(["Syria", "will", "not", "accept", "refugees", "."], [3, 3, 3, 3, 3, 3],
             ["nsubj", "aux", "neg", "ROOT", "dobj", "punct"], ["PROPN", "AUX", "PART", "VERB", "NOUN", "PUNCT"],
             ["Syria", "will", "not", "accept", "refugee", "."], 3)
    assert stated_intent(t) == "refusal" and intent_code("081", "refusal") == "120"


def test_willing_to_and_conditional():
    t = _tok(["Syria", "is", "willing", "to", "withdraw", "."], [1, 1, 1, 4, 2, 1],
             ["nsubj", "ROOT", "acomp", "aux", "xcomp", "punct"], ["PROPN", "AUX", "ADJ", "PART", "VERB", "PUNCT"],
             ["Syria", "be", "willing", "to", "withdraw", "."], 4)
    assert stated_intent(t) == "intent" and intent_code("0874", "intent") == "0356"
    t = _tok(["Iran", "will", "attack", "if", "pressed", "."], [2, 2, 2, 4, 2, 2],
             ["nsubj", "aux", "ROOT", "mark", "advcl", "punct"], ["PROPN", "AUX", "VERB", "SCONJ", "VERB", "PUNCT"],
             ["Iran", "will", "attack", "if", "press", "."], 2)
    assert stated_intent(t) == "condition"  # a conditional attack is a threat; conditional aid is not intent
    assert intent_code("190", "condition") == "138" and intent_code("070", "condition") is None
    t = _tok(["The", "EU", "may", "halt", "talks", "if", "pressed", "."], [1, 3, 3, 3, 3, 6, 3, 3],
             ["det", "nsubj", "aux", "ROOT", "dobj", "mark", "advcl", "punct"],
             ["DET", "PROPN", "AUX", "VERB", "NOUN", "SCONJ", "VERB", "PUNCT"],
             ["the", "EU", "may", "halt", "talk", "if", "press", "."], 3)
    assert stated_intent(t) == "condition" and intent_code("165", "condition") == "131"
    t = _tok(["The", "EU", "may", "halt", "talks", "."], [1, 3, 3, 3, 3, 3],
             ["det", "nsubj", "aux", "ROOT", "dobj", "punct"], ["DET", "PROPN", "AUX", "VERB", "NOUN", "PUNCT"],
             ["the", "EU", "may", "halt", "talk", "."], 3)
    assert stated_intent(t) is None  # "may" without a condition is a mere possibility
    t = _tok(["Syria", "will", "not", "accept", "refugees", "if", "pressed", "."], [3, 3, 3, 3, 3, 6, 3, 3],
             ["nsubj", "aux", "neg", "ROOT", "dobj", "mark", "advcl", "punct"],
             ["PROPN", "AUX", "PART", "VERB", "NOUN", "SCONJ", "VERB", "PUNCT"],
             ["Syria", "will", "not", "accept", "refugee", "if", "press", "."], 3)
    assert stated_intent(t) == "refusal"  # a refusal stays one under a condition


def test_hostile_intent_is_a_threat_and_plain_past_is_not_intent():
    assert intent_code("143", "intent") == "133" and intent_code("190", "ultimatum") == "139"
    t = _tok(["Iran", "attacked", "."], [1, 1, 1], ["nsubj", "ROOT", "punct"], ["PROPN", "VERB", "PUNCT"],
             ["Iran", "attack", "."], 1)
    assert stated_intent(t) is None


def test_must_under_a_speaker_is_a_demand():
    from flashpoint.language.intent import demand_code, demanded_by

    #        0         1       2        3       4         5      6
    words = ["Russia", "said", "Sudan", "must", "return", "it", "."]
    t = _tok(words, [1, 1, 4, 4, 1, 4, 1], ["nsubj", "ROOT", "nsubj", "aux", "ccomp", "dobj", "punct"],
             ["PROPN", "VERB", "PROPN", "AUX", "VERB", "PRON", "PUNCT"],
             ["Russia", "say", "Sudan", "must", "return", "it", "."], 4)
    assert demanded_by(t).i == 1
    assert demand_code("0841") == "1053" and demand_code(None) == "100"
    t = _tok(["Sudan", "must", "return", "it", "."], [2, 2, 2, 2, 2], ["nsubj", "aux", "ROOT", "dobj", "punct"],
             ["PROPN", "AUX", "VERB", "PRON", "PUNCT"], ["Sudan", "must", "return", "it", "."], 2)
    assert demanded_by(t) is None  # no speaker


def test_a_demand_noun_carries_a_that_clause_even_when_parsed_onto_the_verb():
    from flashpoint.language.intent import carries_demand as _carries_demand
    from flashpoint.language.intent import demanded_by

    #        0       1             2      3         4       5       6       7       8      9
    words = ["The", "union", "renewed", "its", "demand", "that", "Chad", "free", "them", "."]
    heads = [1, 2, 2, 4, 2, 7, 7, 2, 7, 2]
    deps = ["det", "nsubj", "ROOT", "poss", "dobj", "mark", "nsubj", "ccomp", "dobj", "punct"]
    pos = ["DET", "NOUN", "VERB", "PRON", "NOUN", "SCONJ", "PROPN", "VERB", "PRON", "PUNCT"]
    lemmas = ["the", "union", "renew", "its", "demand", "that", "Chad", "free", "they", "."]
    doc = parsed_document(words, heads, deps, pos, lemmas=lemmas).parse
    assert demanded_by(doc[7]).i == 4  # the noun, though the clause hangs on the verb
    assert _carries_demand(doc[2])  # "renewed" only carries it
    words[4], lemmas[4] = "offer", "offer"
    doc = parsed_document(words, heads, deps, pos, lemmas=lemmas).parse
    assert demanded_by(doc[7]) is None and not _carries_demand(doc[2])
