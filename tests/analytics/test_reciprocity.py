"""Tit-for-tat moves, responses, chains and proportionality."""
from __future__ import annotations

import pandas as pd
import pytest

from flashpoint.analytics import AnalysisError, retaliation, tit_for_tat
from flashpoint.analytics.reciprocity import label, moves
from tests.analytics.helpers import event, frame


def test_a_move_is_the_days_most_severe_hostile_event_of_one_side():
    ev = frame(event(0, "USA", "IRN", "112"), event(0, "USA", "IRN", "190"), event(0, "USA", "IRN", "040"),
               event(1, "IRN", "USA", "040"))
    mv = moves(ev, "USA", "IRN")
    assert len(mv) == 1 and mv.iloc[0]["cameo"] == "190" and mv.iloc[0]["events"] == 2


def test_responses_link_alternating_moves_and_get_proportionality():
    ev = frame(event(0, "USA", "IRN", "190"),      # 7
               event(2, "IRN", "USA", "195"),      # 8: escalatory (+1)
               event(5, "USA", "IRN", "194"),      # 8: proportionate
               event(7, "IRN", "USA", "112"),      # 1: de-escalatory (-7)
               event(30, "USA", "IRN", "190"))     # too late to answer anything
    x = tit_for_tat(ev, "USA", "IRN")
    links = x.links
    assert list(links["label"]) == ["escalatory", "proportionate", "de-escalatory"]
    assert list(links["proportionality"]) == [1, 0, -7]
    assert list(links["lag_days"]) == [2, 3, 2]
    assert list(links["step"]) == [1, 2, 3] and links["chain"].nunique() == 1
    chain = x.chains.iloc[0]
    assert (chain["moves"], chain["initiator"], chain["max_rung"], chain["net"]) == (4, "USA->IRN", 8, -6)
    assert len(x.chains) == 1   # the late move is a chain of one, not listed


def test_an_act_answers_the_last_act_not_the_words_in_between():
    ev = frame(event(0, "USA", "IRN", "186"),      # an assassination: 8
               event(1, "USA", "IRN", "138"),      # a threat of force: 3
               event(2, "IRN", "USA", "138"),      # words in reply to the threat
               event(5, "IRN", "USA", "195"))      # missiles: answer the killing, not the threat
    links = tit_for_tat(ev, "USA", "IRN").links
    strike = links[links["response_cameo"] == "195"].iloc[0]
    assert strike["provocation_cameo"] == "186" and strike["label"] == "proportionate"
    words = links[links["response_cameo"] == "138"].iloc[0]
    assert words["provocation_cameo"] == "186"      # the most severe move since its own last one
    # a second act needs a new provocation: one act already answered the killing
    later = frame(*[event(d, s, t, c) for d, s, t, c in
                    ((0, "USA", "IRN", "186"), (2, "IRN", "USA", "195"), (4, "IRN", "USA", "195"))])
    assert len(tit_for_tat(later, "USA", "IRN").links) == 1


def test_the_window_limits_how_late_a_response_may_come():
    ev = frame(event(0, "USA", "IRN", "190"), event(12, "IRN", "USA", "190"))
    assert tit_for_tat(ev, "USA", "IRN").links.empty
    assert len(tit_for_tat(ev, "USA", "IRN", window=12).links) == 1


def test_same_day_moves_do_not_answer_each_other():
    ev = frame(event(0, "USA", "IRN", "190"), event(0, "IRN", "USA", "190"), event(1, "IRN", "USA", "112"))
    x = tit_for_tat(ev, "USA", "IRN")
    assert x.links.empty   # IRN's day-1 move follows its own day-0 move: nothing unanswered


def test_the_provocation_is_the_most_severe_unanswered_move():
    ev = frame(event(0, "USA", "IRN", "195"), event(1, "USA", "IRN", "130"), event(3, "IRN", "USA", "195"))
    link = tit_for_tat(ev, "USA", "IRN").links.iloc[0]
    assert link["provocation_cameo"] == "195" and link["label"] == "proportionate"


def test_a_side_answers_once_until_the_other_moves_again():
    ev = frame(event(0, "USA", "IRN", "190"), event(1, "IRN", "USA", "190"), event(2, "IRN", "USA", "195"))
    assert len(tit_for_tat(ev, "USA", "IRN").links) == 1


def test_cooperation_and_events_that_did_not_happen_are_not_moves():
    ev = frame(event(0, "USA", "IRN", "190"), event(1, "IRN", "USA", "040"),
               event(2, "IRN", "USA", "195", happened=False, modality="threatened"))
    x = tit_for_tat(ev, "USA", "IRN")
    assert len(x.moves) == 1 and x.links.empty and x.chains.empty


def test_tolerance_widens_proportionate():
    assert label(1, tolerance=0) == "escalatory"
    assert label(1, tolerance=1) == "proportionate" and label(-1, tolerance=1) == "proportionate"
    assert label(-2, tolerance=1) == "de-escalatory"


def test_retaliation_summary_per_responder():
    ev = frame(event(0, "USA", "IRN", "190"), event(2, "IRN", "USA", "195"), event(5, "USA", "IRN", "194"),
               event(7, "IRN", "USA", "112"))
    summary = retaliation(tit_for_tat(ev, "USA", "IRN")).set_index("responder")
    assert summary.loc["IRN->USA", "responses"] == 2
    assert summary.loc["IRN->USA", "mean_proportionality"] == pytest.approx(-3.0)
    assert summary.loc["USA->IRN", "proportionate"] == 1


def test_window_must_be_positive():
    with pytest.raises(AnalysisError, match="window"):
        tit_for_tat(frame(event(0, "USA", "IRN", "190")), "USA", "IRN", window=0)


def test_an_empty_pair_gives_empty_frames():
    x = tit_for_tat(frame(event(0, "USA", "IRQ", "190")), "USA", "IRN")
    assert x.moves.empty and x.links.empty and x.chains.empty
    assert isinstance(retaliation(x), pd.DataFrame)


def test_proxies_can_be_counted_as_their_patron():
    from flashpoint.analytics.dyads import fold_sides, parse_aliases

    ev = frame(event(0, "IRQ", "USA", "190", source_sector="REB"), event(2, "USA", "IRQ", "195", target_sector="REB"),
               event(3, "USA", "IRQ", "112", target_sector="GOV"), event(4, "HZB", "USA", "130"))
    assert tit_for_tat(ev, "USA", "IRN").links.empty
    folded = fold_sides(ev, parse_aliases(["IRQ/REB=IRN", "HZB=IRN"]))
    assert list(folded["source_country"]) == ["IRN", "USA", "USA", "IRN"]
    assert list(folded["target_country"]) == ["USA", "IRN", "IRQ", "USA"]   # the Iraqi government stays Iraq
    assert folded["source_sector"].isna().iloc[0] and ev["source_sector"].iloc[0] == "REB"   # input untouched
    links = tit_for_tat(folded, "USA", "IRN").links
    assert list(links["response_cameo"]) == ["195", "130"]
    with pytest.raises(AnalysisError, match="ACTOR=SIDE"):
        parse_aliases(["IRQ/REB"])


def test_links_carry_the_codebook_names_of_both_acts():
    ex = tit_for_tat(frame(event(0, "IRN", "USA", "138"), event(2, "USA", "IRN", "190")), "USA", "IRN")
    link = ex.links.iloc[0]
    assert link["provocation_name"] == "Threaten to use military force, not specified below"
    assert link["response_name"] == "Use conventional military force, not specified below"


def test_links_carry_the_evidence_and_the_framing_of_the_response():
    from flashpoint.analytics.reciprocity import framing

    ev = frame(event(0, "USA", "IRN", "190", evidence_text="US forces struck a convoy."),
               event(3, "IRN", "USA", "195", evidence_text="Iran fired missiles to avenge the killing, in "
                                                           "response to the strike."))
    link = tit_for_tat(ev, "USA", "IRN").links.iloc[0]
    assert link["provocation_evidence"] == "US forces struck a convoy."
    assert link["response_framing"] == "avenge, in response to"
    assert framing("Officials met in Geneva.") is None and framing(None) is None
    assert framing("a proportionate answer to the retaliation") == "proportionate, answer to, retaliation"


def test_framing_is_also_read_from_the_sentences_that_tell_the_response():
    from flashpoint.analytics.reciprocity import reframe, telling_sentences

    ev = frame(event(0, "USA", "IRN", "190", evidence_text="US forces struck a convoy."),
               event(3, "IRN", "USA", "195", event_id="e2", evidence_text="Iran fired missiles at a base."))
    ex = tit_for_tat(ev, "USA", "IRN")
    assert ex.links["response_framing"].iloc[0] is None
    story = ("Iran fired missiles at a base. Officials vowed revenge for an unrelated raid. "
             "Tehran said the missiles were fired in retaliation for the convoy strike.")
    rows = [("e2", "fired", "Iran fired missiles at a base.", False),
            ("e2", "fired", "The Guard said it had launched them to avenge the strike.", False),
            ("e2", "fired", story, True), ("e2", None, "In response to the raid.", True), ("e3", "x", None, True)]
    told = telling_sentences(rows)
    assert set(told) == {"e2"}
    assert "Officials vowed revenge for an unrelated raid." not in told["e2"]   # no trigger word: another act
    assert told["e2"][-1] == "Tehran said the missiles were fired in retaliation for the convoy strike."
    framed = reframe(ex, told)
    assert framed.links["response_framing"].iloc[0] == "avenge, retaliation"
    assert ex.links["response_framing"].iloc[0] is None                # the exchanges given are not changed
    assert reframe(ex, {}).links["response_framing"].iloc[0] is None
