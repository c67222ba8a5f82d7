"""The escalation report: what the CLI and API call."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from flashpoint.analytics import AnalysisError, escalation_report, forecast_dyad
from flashpoint.analytics.synthetic import synthetic_events
from tests.analytics.helpers import event, frame

HISTORIES = 60   # small synthetic training set: fast, and enough for both outcomes


def crisis() -> pd.DataFrame:
    return frame(event(0, "USA", "IRN", "112"), event(2, "IRN", "USA", "138"), event(3, "USA", "IRN", "186",
                 target_sector="MIL"), event(5, "USA", "IRN", "130"), event(7, "IRN", "USA", "195"),
                 event(20, "IRN", "USA", "195"), event(1, "USA", "IRQ", "190"))


def test_a_report_as_of_a_day_sees_nothing_later():
    r = escalation_report(crisis(), "USA", "IRN", end="2020-01-08", training="synthetic", histories=HISTORIES)
    assert r.as_of == pd.Timestamp("2020-01-08")
    assert r.series["period"].max() == pd.Timestamp("2020-01-08")
    assert r.summary.set_index("direction").loc["IRN->USA", "events"] == 2
    assert list(r.exchanges.links["response_cameo"]) == ["138", "186", "195"]
    assert r.exchanges.links.iloc[2]["provocation_rung"] == 9      # assassination of a commander: 8 + 1
    fc = r.forecast
    assert fc is not None and 0 < fc.probability < 1
    assert fc.features["peak7"] == 9 and fc.features["days_since_material"] == 0
    assert fc.trained_on.startswith("SYNTHETIC") and r.notes


def test_the_report_is_plain_json():
    r = escalation_report(crisis(), "USA", "IRN", training="synthetic", histories=HISTORIES)
    data = json.loads(json.dumps(r.to_dict()))
    assert data["dyad"] == ["USA", "IRN"] and data["as_of"] == "2020-01-21"
    assert {"brier", "log_loss", "ece"} == set(data["forecast"]["evaluation"]["scores"]["model"])
    assert data["responses"][0]["label"] == "escalatory"


def test_no_forecast_without_recent_hostility():
    ev = frame(event(0, "USA", "IRN", "190"), event(30, "USA", "IRN", "040"))
    fc = forecast_dyad(ev, "USA", "IRN", as_of="2020-01-31", training="synthetic", histories=HISTORIES)
    assert fc.probability is None and "nothing to de-escalate" in fc.reason
    assert 0 < fc.base_rate < 1


def test_training_on_the_given_events_when_they_hold_enough_history():
    pool = synthetic_events(80, seed=5)
    a, b = pool.iloc[0]["source_country"], pool.iloc[0]["target_country"]
    fc = forecast_dyad(pool, a, b, as_of=pool["date"].max(), training="auto")
    assert fc.trained_on.startswith("the given events")
    assert fc.evaluation.n_test > 0
    with pytest.raises(AnalysisError, match="training source"):
        forecast_dyad(pool, a, b, as_of=pool["date"].max(), training="magic")


def test_auto_falls_back_to_synthetic_when_the_events_are_too_few():
    fc = forecast_dyad(crisis(), "USA", "IRN", as_of="2020-01-08", histories=HISTORIES)
    assert fc.trained_on.startswith("SYNTHETIC") and "too little" in fc.trained_on


def test_an_unknown_dyad_is_a_clear_error():
    with pytest.raises(AnalysisError, match="no events between"):
        escalation_report(crisis(), "USA", "CHN", forecast=False)


def test_weekly_reports_still_find_daily_change_points():
    rows = [event(d, "USA", "IRN", "195") for d in range(20, 40)] + [event(0, "USA", "IRN", "112")]
    r = escalation_report(frame(*rows), "USA", "IRN", freq="W", forecast=False)
    assert r.series["period"].dt.day_of_week.eq(0).all()
    assert (r.change_points["date"] == pd.Timestamp("2020-01-21")).any()


def test_a_weekly_report_forecasts_from_the_last_event_day_not_the_weeks_monday():
    r = escalation_report(crisis(), "USA", "IRN", freq="W", training="synthetic", histories=HISTORIES)
    assert r.as_of == pd.Timestamp("2020-01-21") and r.forecast.as_of == pd.Timestamp("2020-01-21")
    assert r.series["period"].max() == pd.Timestamp("2020-01-20")
