"""The deterrence ledger on hand-made threats: carried out, scaled down, lapsed, defied."""
from __future__ import annotations

import pandas as pd

from flashpoint.analytics.ledger import condition_of, deterrence_ledger, threatened_rung
from tests.analytics.helpers import event, frame


def threat(day: int, s: str, r: str, cameo: str = "130", text: str = "", **extra):
    return event(day, s, r, cameo, evidence_text=text, **extra)


def test_threat_of_force_defied_and_answered_with_sanctions_is_scaled_down():
    ev = frame(threat(3, "USA", "IRN", text="Trump threatened to strike 52 sites if Iran attacked U.S. assets."),
               event(7, "IRN", "USA", "195"), event(9, "USA", "IRN", "163"))
    row = deterrence_ledger(ev, "USA", "IRN").iloc[0]
    assert (row["threatener"], row["threatened"], row["threatened_rung"]) == ("USA", "IRN", 7.0)
    assert row["condition"] == "if Iran attacked U.S. assets"
    assert row["defied_date"] == pd.Timestamp("2020-01-08") and not row["defied_outside"]
    assert row["response_cameo"] == "163" and row["outcome"] == "scaled down"


def test_carried_out_and_lapsed():
    ev = frame(threat(0, "ISR", "PSE", "138"), event(2, "PSE", "ISR", "190"), event(4, "ISR", "PSE", "195"),
               threat(20, "PSE", "ISR", "138"))
    led = deterrence_ledger(ev, "ISR", "PSE").set_index("date")
    assert led.loc[pd.Timestamp("2020-01-01"), "outcome"] == "carried out"
    later = led.loc[pd.Timestamp("2020-01-21")]
    assert later["outcome"] == "lapsed" and pd.isna(later["defied_date"])


def test_a_response_after_the_window_does_not_count():
    ev = frame(threat(0, "USA", "IRN", "138"), event(20, "USA", "IRN", "195"))
    assert deterrence_ledger(ev, "USA", "IRN", window=14).iloc[0]["outcome"] == "lapsed"
    assert deterrence_ledger(ev, "USA", "IRN", window=21).iloc[0]["outcome"] == "carried out"


def test_threatened_acts_and_defiance_outside_the_dyad():
    vow = event(0, "IRN", "USA", "195", happened=False, modality="threatened", evidence_text="Iran vowed strikes")
    ev = frame(vow)
    outside = frame(event(0, "USA", "IRQ", "190"), event(3, "USA", "IRQ", "190"))
    row = deterrence_ledger(ev, "IRN", "USA", outside=outside).iloc[0]
    assert row["threatened_rung"] >= 8                       # the strike rung, from the act itself
    assert row["defied_outside"] and row["defied_target"] == "IRQ"
    assert row["defied_date"] == pd.Timestamp("2020-01-04")   # the same-day act is not after the threat
    assert not deterrence_ledger(ev, "IRN", "USA").iloc[0]["defied_outside"]


def test_threat_rung_from_the_words_outside_the_condition():
    assert condition_of("no condition here.") is None
    plain = pd.Series({"cameo": "130", "evidence_text": "He warned of consequences if they attack."})
    assert pd.isna(threatened_rung(plain, 2.0))
    sanction = pd.Series({"cameo": "130", "evidence_text": "He threatened sanctions if they attack."})
    assert threatened_rung(sanction, 2.0) == 4.0
