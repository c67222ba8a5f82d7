"""Golden: what the escalation report says about the demo corpus (US-Iran, January 2020).

The corpus is coded into a store as ``make demo`` does and read with ``stored_report``
(the one call of the CLI and the REST API). Each test is something the issue asks the
report to show; what the coder misses is said where it matters.
"""
from __future__ import annotations

import pandas as pd
import pytest

from flashpoint.analytics.report import stored_report
from flashpoint.store import Store

pytestmark = pytest.mark.model
DAY = pd.Timestamp


@pytest.fixture(scope="module")
def store(demo_store):
    with Store(demo_store, read_only=True) as s:
        yield s


@pytest.fixture(scope="module")
def report(store):
    return stored_report(store, "USA", "IRN", forecast=False)


def test_the_rung_jump_on_3_january(report):
    s = report.series
    before = s[s["period"] < DAY("2020-01-03")]["severity_max"].max()
    on = s[(s["period"] == DAY("2020-01-03")) & (s["direction"] == "USA->IRN")]["severity_max"].iloc[0]
    assert on >= 7 and on - before >= 4          # from an accusation (rung 1) to the killing (assault or worse)


def test_the_8_january_answer_is_irans_missile_strike(report):
    # The strikes on the bases that host US forces are coded against the US military (the bases
    # stand for the forces they host), so Iran's answer is in the dyad: material conflict at an
    # assault rung or above, linked by type as the answer to the killing of 3 January (an act
    # answers the last act; the threats and vows in between are words).
    links = report.exchanges.links
    answer = links[(links["response_date"] == DAY("2020-01-08")) & (links["provocation_direction"] == "USA->IRN")]
    assert len(answer) == 1
    assert answer["response_cameo"].iloc[0].startswith("19") and answer["response_rung"].iloc[0] >= 7
    assert answer["provocation_date"].iloc[0] == DAY("2020-01-03")


def test_the_8_january_answer_is_labelled_in_kind_or_below(report):
    links = report.exchanges.links
    answer = links[(links["response_date"] == DAY("2020-01-08")) & (links["provocation_direction"] == "USA->IRN")]
    assert len(answer) == 1
    assert answer["label"].iloc[0] in {"proportionate", "de-escalatory"}


def test_the_8_january_answer_is_framed_as_revenge_and_the_sanctions_as_a_response(report):
    # The framing of an answer is read from every sentence of its reports that tells it: the
    # Guard's own claim of the strike ("to avenge the killing"), and a sentence of the sanctions'
    # report that names them ("the sanctions were a response to ..."); neither is the event's own
    # evidence sentence.
    links = report.exchanges.links
    strike = links[(links["response_date"] == DAY("2020-01-08")) & (links["provocation_direction"] == "USA->IRN")]
    assert "aveng" not in strike["response_evidence"].iloc[0]
    assert "avenge" in strike["response_framing"].iloc[0]
    sanctions = links[(links["response_date"] == DAY("2020-01-10")) & (links["response_direction"] == "USA->IRN")]
    assert len(sanctions) == 1 and "response to" in sanctions["response_framing"].iloc[0]


def test_the_us_threat_did_not_deter_and_was_answered_by_sanctions(report):
    led = report.ledger
    us = led[(led["threatener"] == "USA") & (led["date"] == DAY("2020-01-04"))]
    assert len(us) == 1
    row = us.iloc[0]
    assert row["condition"].startswith("if Iran attacked")
    assert row["threatened_rung"] >= 7                         # "to strike 52 Iranian sites"
    assert row["defied_date"] == DAY("2020-01-08") and not row["defied_outside"]   # the strikes on US forces
    assert row["defied_by"].startswith("19")
    assert row["response_date"] == DAY("2020-01-10") and row["response_cameo"] == "163"
    assert row["outcome"] == "scaled down"
    assert report.to_dict()["deterrence"][list(led.index).index(us.index[0])]["outcome"] == "scaled down"


def test_a_recalled_strike_is_not_a_new_event(store):
    r = stored_report(store, "USA", "IRN", end="2020-01-17", forecast=False)
    recall = r.undated[(r.undated["source"] == "IRN") & (r.undated["bound"] == DAY("2020-01-13"))]
    assert len(recall) == 1
    irn = r.series[r.series["direction"] == "IRN->USA"]
    # the 8 January strikes themselves count, on their day; the recalls of 13 and 17 January do not
    assert list(irn.loc[irn["material_conflict"] > 0, "period"]) == [DAY("2020-01-08")]
    assert r.trend.set_index("direction").loc["IRN->USA", "verdict"] != "escalating"


def test_de_escalation_probability_rises_after_8_january(store):
    # It rises because the 3 January strike leaves the 7-day window (peak7 9 -> 4); the off-ramp
    # statements of 8 January are not coded as US-Iran events and the model does not read them.
    p = {d: stored_report(store, "USA", "IRN", end=d, training="synthetic", histories=60).forecast.probability
         for d in ("2020-01-08", "2020-01-12")}
    assert p["2020-01-12"] > p["2020-01-08"]


def test_without_an_end_day_the_recall_is_still_listed(report):
    # the series ends at the last event that counts (12 January); the recall of 13 January is listed
    assert report.series["period"].max() == DAY("2020-01-12")
    assert DAY("2020-01-13") in set(report.undated["bound"])
