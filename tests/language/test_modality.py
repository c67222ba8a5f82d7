"""Modality on hand-built parses (no model)."""
from __future__ import annotations

from flashpoint.language.modality import modality_of
from tests.handmade import parsed_document


def trigger(words, heads, deps, pos, lemmas, at):
    return parsed_document(words, heads, deps, pos, lemmas=lemmas).parse[at]


def test_negated():
    t = trigger(["Iran", "did", "not", "attack", "."], [3, 3, 3, 3, 3],
                ["nsubj", "aux", "neg", "ROOT", "punct"], ["PROPN", "AUX", "PART", "VERB", "PUNCT"],
                ["Iran", "do", "not", "attack", "."], 3)
    assert modality_of(t) == "negated"


def test_conditional_is_hypothetical():
    #        0     1     2        3  4   5     6         7
    words = ["If", "Iran", "attacks", ",", "we", "will", "respond", "."]
    t = trigger(words, [2, 2, 6, 6, 6, 6, 6, 6], ["mark", "nsubj", "advcl", "punct", "nsubj", "aux", "ROOT", "punct"],
                ["SCONJ", "PROPN", "VERB", "PUNCT", "PRON", "AUX", "VERB", "PUNCT"],
                ["if", "Iran", "attack", ",", "we", "will", "respond", "."], 2)
    assert modality_of(t) == "hypothetical"


def test_threatened_and_denied_and_claimed():
    words = ["Trump", "threatened", "to", "strike", "Iran", "."]
    deps = ["nsubj", "ROOT", "aux", "xcomp", "dobj", "punct"]
    pos = ["PROPN", "VERB", "PART", "VERB", "PROPN", "PUNCT"]
    t = trigger(words, [1, 1, 3, 1, 3, 1], deps, pos, ["Trump", "threaten", "to", "strike", "Iran", "."], 3)
    assert modality_of(t) == "threatened"
    t = trigger(["Iran", "denied", "attacking", "ships", "."], [1, 1, 1, 2, 1],
                ["nsubj", "ROOT", "xcomp", "dobj", "punct"], ["PROPN", "VERB", "VERB", "NOUN", "PUNCT"],
                ["Iran", "deny", "attack", "ship", "."], 2)
    assert modality_of(t) == "denied"
    t = trigger(["Rebels", "claimed", "they", "attacked", "the", "base", "."], [1, 1, 3, 1, 5, 3, 1],
                ["nsubj", "ROOT", "nsubj", "ccomp", "det", "dobj", "punct"],
                ["NOUN", "VERB", "PRON", "VERB", "DET", "NOUN", "PUNCT"],
                ["rebel", "claim", "they", "attack", "the", "base", "."], 3)
    assert modality_of(t) == "claimed"


def test_plain_report_is_asserted():
    t = trigger(["Iran", "attacked", "the", "base", "."], [1, 1, 3, 1, 1],
                ["nsubj", "ROOT", "det", "dobj", "punct"], ["PROPN", "VERB", "DET", "NOUN", "PUNCT"],
                ["Iran", "attack", "the", "base", "."], 1)
    assert modality_of(t) == "asserted"


def test_no_subject_negates():
    t = trigger(["No", "group", "claimed", "the", "attack", "."], [1, 2, 2, 4, 2, 2],
                ["det", "nsubj", "ROOT", "det", "dobj", "punct"], ["DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT"],
                ["no", "group", "claim", "the", "attack", "."], 2)
    assert modality_of(t) == "negated"


def test_one_negation_reading_for_events_and_stated_intent():
    """'never' as an adverb and 'no'/'nobody' subjects negate, in both readers."""
    from flashpoint.language.negation import negated
    from tests.handmade import parsed_document

    never = parsed_document(["Iran", "will", "never", "accept"], [3, 3, 3, 3],
                            ["nsubj", "aux", "advmod", "ROOT"], ["PROPN", "AUX", "ADV", "VERB"]).parse
    nobody = parsed_document(["Nobody", "was", "hurt"], [2, 2, 2], ["nsubjpass", "auxpass", "ROOT"],
                             ["PRON", "AUX", "VERB"]).parse
    plain = parsed_document(["Iran", "will", "accept"], [2, 2, 2], ["nsubj", "aux", "ROOT"],
                            ["PROPN", "AUX", "VERB"]).parse
    assert negated(never[3]) and negated(nobody[2]) and not negated(plain[2])



def test_an_event_noun_marked_as_expected_or_planned_did_not_happen():
    words = ["Envoys", "met", "ahead", "of", "an", "anticipated", "strike", "."]
    t = trigger(words, [1, 1, 1, 2, 6, 6, 3, 1], ["nsubj", "ROOT", "advmod", "prep", "det", "amod", "pobj", "punct"],
                ["NOUN", "VERB", "ADV", "ADP", "DET", "ADJ", "NOUN", "PUNCT"],
                ["envoy", "meet", "ahead", "of", "an", "anticipated", "strike", "."], 6)
    assert modality_of(t) == "hypothetical"


def test_the_object_of_a_foiling_verb_did_not_happen_but_a_foiled_attempt_was_made():
    deps = ["nsubj", "ROOT", "det", "compound", "dobj", "punct"]
    pos = ["NOUN", "VERB", "DET", "NOUN", "NOUN", "PUNCT"]
    foiled = trigger(["Guards", "foiled", "a", "suicide", "attack", "."], [1, 1, 4, 4, 1, 1], deps, pos,
                     ["guard", "foil", "a", "suicide", "attack", "."], 4)
    launched = trigger(["Rebels", "launched", "a", "suicide", "attack", "."], [1, 1, 4, 4, 1, 1], deps, pos,
                       ["rebel", "launch", "a", "suicide", "attack", "."], 4)
    assert modality_of(foiled) == "hypothetical" and modality_of(launched) == "asserted"
    words = ["Guards", "thwarted", "an", "attempt", "to", "storm", "the", "crossing", "."]
    attempt = trigger(words, [1, 1, 3, 1, 5, 3, 7, 5, 1],
                      ["nsubj", "ROOT", "det", "dobj", "aux", "acl", "det", "dobj", "punct"],
                      ["NOUN", "VERB", "DET", "NOUN", "PART", "VERB", "DET", "NOUN", "PUNCT"],
                      ["guard", "thwart", "an", "attempt", "to", "storm", "the", "crossing", "."], 5)
    assert modality_of(attempt) == "asserted"  # PLOVER codes a foiled attempt as the act


def _fronted(subject, lemma_subject, verb, lemma_verb, last, lemma_last, subject_dep, last_pos):
    """'<subject> <verb> in Velmor , <the|more> <x> <last> .' with the first clause hung on the last verb."""
    words = [subject, verb, "in", "Velmor", ",", "the", "army", last, "."]
    heads = [1, 7, 1, 2, 7, 6, 7, 7, 7]
    deps = ["nsubj", "ccomp", "prep", "pobj", "punct", "det", subject_dep, "ROOT", "punct"]
    pos = ["NOUN", "VERB", "ADP", "PROPN", "PUNCT", "DET", "NOUN", last_pos, "PUNCT"]
    lemmas = [lemma_subject, lemma_verb, "in", "Velmor", ",", "the", "army", lemma_last, "."]
    return modality_of(trigger(words, heads, deps, pos, lemmas, 1))


def test_a_fronted_clause_is_a_statement_of_its_own():
    """A clause with its own subject that the parse hangs on a later verb of intent, a modal or
    a negation is no content of it: 'Crowds marched in Velmor, the army expected'; a claim may
    come after what it claims: 'Rebels struck in Velmor, the army claimed'."""
    assert _fronted("Crowds", "crowd", "marched", "march", "expected", "expect", "nsubj", "VERB") == "asserted"
    assert _fronted("Rebels", "rebel", "struck", "strike", "claimed", "claim", "nsubj", "VERB") == "claimed"
    # what follows the verb of intent is still its content: 'officials expected crowds marched'
    words = ["Officials", "expected", "crowds", "marched", "."]
    t = trigger(words, [1, 1, 3, 1, 1], ["nsubj", "ROOT", "nsubj", "ccomp", "punct"],
                ["NOUN", "VERB", "NOUN", "VERB", "PUNCT"], ["official", "expect", "crowd", "march", "."], 3)
    assert modality_of(t) == "hypothetical"


def test_a_conjunct_is_not_governed_by_the_verb_it_is_coordinated_with():
    """'The RSF denied the charge and accused the army': the accusation is made, not denied; what
    a deny verb governs is still denied ('denied attacking and looting the camp')."""
    #        0      1         2      3        4      5          6      7       8
    words = ["RSF", "denied", "the", "charge", "and", "accused", "the", "army", "."]
    heads = [1, 1, 3, 1, 1, 1, 7, 5, 1]
    deps = ["nsubj", "ROOT", "det", "dobj", "cc", "conj", "det", "dobj", "punct"]
    pos = ["PROPN", "VERB", "DET", "NOUN", "CCONJ", "VERB", "DET", "NOUN", "PUNCT"]
    lemmas = ["RSF", "deny", "the", "charge", "and", "accuse", "the", "army", "."]
    assert modality_of(trigger(words, heads, deps, pos, lemmas, 5)) == "asserted"
    #        0      1         2            3      4          5      6       7
    words = ["RSF", "denied", "attacking", "and", "looting", "the", "camp", "."]
    heads = [1, 1, 1, 2, 2, 6, 4, 1]
    deps = ["nsubj", "ROOT", "xcomp", "cc", "conj", "det", "dobj", "punct"]
    pos = ["PROPN", "VERB", "VERB", "CCONJ", "VERB", "DET", "NOUN", "PUNCT"]
    lemmas = ["RSF", "deny", "attack", "and", "loot", "the", "camp", "."]
    assert modality_of(trigger(words, heads, deps, pos, lemmas, 4)) == "denied"
    assert modality_of(trigger(words, heads, deps, pos, lemmas, 2)) == "denied"
    #        0       1             2     3             4      5         6
    words = ["Iran", "threatened", "to", "retaliate", "and", "warned", "."]
    heads = [1, 1, 3, 1, 1, 1, 1]
    deps = ["nsubj", "ROOT", "aux", "xcomp", "cc", "conj", "punct"]
    pos = ["PROPN", "VERB", "PART", "VERB", "CCONJ", "VERB", "PUNCT"]
    lemmas = ["Iran", "threaten", "to", "retaliate", "and", "warn", "."]
    assert modality_of(trigger(words, heads, deps, pos, lemmas, 5)) == "asserted"
    assert modality_of(trigger(words, heads, deps, pos, lemmas, 3)) == "threatened"


def test_a_toll_of_none_negates():
    # "The army reported no casualties."; "The blast caused zero deaths."; "The army reported five casualties."
    t = trigger(["The", "army", "reported", "no", "casualties", "."], [1, 2, 2, 4, 2, 2],
                ["det", "nsubj", "ROOT", "det", "dobj", "punct"], ["DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT"],
                ["the", "army", "report", "no", "casualty", "."], 2)
    assert modality_of(t) == "negated"
    t = trigger(["The", "blast", "caused", "zero", "deaths", "."], [1, 2, 2, 4, 2, 2],
                ["det", "nsubj", "ROOT", "nummod", "dobj", "punct"], ["DET", "NOUN", "VERB", "NUM", "NOUN", "PUNCT"],
                ["the", "blast", "cause", "zero", "death", "."], 2)
    assert modality_of(t) == "negated"
    t = trigger(["The", "army", "reported", "five", "casualties", "."], [1, 2, 2, 4, 2, 2],
                ["det", "nsubj", "ROOT", "nummod", "dobj", "punct"], ["DET", "NOUN", "VERB", "NUM", "NOUN", "PUNCT"],
                ["the", "army", "report", "five", "casualty", "."], 2)
    assert modality_of(t) == "asserted"
