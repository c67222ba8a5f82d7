"""Directed-dyad series."""
from __future__ import annotations

import pandas as pd
import pytest

from flashpoint.analytics import AnalysisError, dyad_series, summarise
from flashpoint.analytics.series import combined_severity
from tests.analytics.helpers import event, frame


def day(n: int) -> pd.Timestamp:
    return pd.Timestamp("2020-01-01") + pd.Timedelta(days=n)


def test_counts_by_quad_class_severity_and_goldstein_per_day_and_direction():
    ev = frame(event(0, "USA", "IRN", "190"), event(0, "USA", "IRN", "112"), event(0, "USA", "IRN", "040"),
               event(2, "IRN", "USA", "138"))
    s = dyad_series(ev, "USA", "IRN").set_index(["period", "direction"])
    first = s.loc[(day(0), "USA->IRN")]
    assert (first["events"], first["verbal_coop"], first["verbal_conflict"], first["material_conflict"]) == (3, 1, 1, 1)
    assert (first["severity_max"], first["severity_sum"]) == (7, 8)
    assert first["goldstein_mean"] == pytest.approx((-10.0 - 2.0 + 1.0) / 3)
    assert first["goldstein_sum"] == pytest.approx(-10.0 - 2.0 + 1.0) and first["net_cooperation"] == 1 - 2
    assert s.loc[(day(2), "IRN->USA"), "severity_max"] == 3
    quiet = s.loc[(day(1), "USA->IRN")]
    assert quiet["events"] == 0 and quiet["severity_max"] == 0 and pd.isna(quiet["goldstein_mean"])
    assert len(s) == 6   # three days x two directions, zero-filled


def test_only_events_that_happened_and_are_dated_to_a_day_count():
    ev = frame(event(0, "USA", "IRN", "190"), event(1, "USA", "IRN", "195", happened=False, modality="threatened"),
               event(1, "USA", "IRN", "163", date_precision="month"), event(1, "USA", "IRN", "112", date=None),
               event(3, "USA", "IRN", "111", date_precision="unknown"))
    s = dyad_series(ev, "USA", "IRN", both=False)
    assert s["events"].sum() == 2 and s["severity_max"].max() == 7
    assert list(s["period"]) == [day(n) for n in range(4)]


def test_the_sector_stands_in_for_a_missing_country_and_other_dyads_are_ignored():
    ev = frame(event(0, None, "IRN", "190", source_sector="REB"), event(0, "USA", "IRQ", "190"))
    s = dyad_series(ev, "REB", "IRN", both=False)
    assert s["events"].sum() == 1


def test_weighting_by_source_count():
    ev = frame(event(0, "USA", "IRN", "190", source_count=3), event(0, "USA", "IRN", "112", source_count=1))
    s = dyad_series(ev, "USA", "IRN", weight="source_count", both=False).iloc[0]
    assert (s["events"], s["material_conflict"], s["severity_sum"], s["severity_max"]) == (4, 3, 22, 7)
    assert s["goldstein_mean"] == pytest.approx((3 * -10.0 - 2.0) / 4)


def test_weekly_periods_start_on_monday_and_take_the_weeks_maximum():
    ev = frame(event(0, "USA", "IRN", "112"), event(4, "USA", "IRN", "195"), event(6, "USA", "IRN", "130"))
    s = dyad_series(ev, "USA", "IRN", freq="W", both=False)
    # 2020-01-01 is a Wednesday: its week starts on 2019-12-30; 2020-01-07 falls in the next week
    assert list(s["period"]) == [pd.Timestamp("2019-12-30"), pd.Timestamp("2020-01-06")]
    assert list(s["severity_max"]) == [8, 2] and list(s["events"]) == [2, 1]


def test_start_and_end_bound_the_series():
    ev = frame(event(0, "USA", "IRN", "112"), event(10, "USA", "IRN", "195"))
    s = dyad_series(ev, "USA", "IRN", start="2019-12-30", end="2020-01-05", both=False)
    assert s["period"].min() == pd.Timestamp("2019-12-30") and s["period"].max() == day(4)
    assert s["events"].sum() == 1


def test_summary_and_combined_severity():
    ev = frame(event(0, "USA", "IRN", "112"), event(2, "USA", "IRN", "195"), event(1, "IRN", "USA", "138"))
    s = dyad_series(ev, "USA", "IRN")
    summary = summarise(s).set_index("direction")
    assert summary.loc["USA->IRN", "severity_max"] == 8 and summary.loc["USA->IRN", "peak_period"] == day(2)
    assert summary.loc["IRN->USA", "events"] == 1
    assert list(combined_severity(s)) == [1, 3, 8]


def test_bad_options_and_frames_are_named():
    ev = frame(event(0, "USA", "IRN", "112"))
    with pytest.raises(AnalysisError, match="frequency"):
        dyad_series(ev, "USA", "IRN", freq="M")
    with pytest.raises(AnalysisError, match="weight"):
        dyad_series(ev, "USA", "IRN", weight="mentions")
    with pytest.raises(AnalysisError, match="two different"):
        dyad_series(ev, "USA", "USA")
    with pytest.raises(AnalysisError, match="target_country"):
        dyad_series(ev.drop(columns=["target_country"]), "USA", "IRN")
    with pytest.raises(AnalysisError, match="not a date"):
        dyad_series(ev, "USA", "IRN", start="January")


def test_recent_trend_compares_the_last_week_with_the_one_before():
    from flashpoint.analytics.series import recent_trend

    ev = frame(event(0, "USA", "IRN", "112"), event(9, "USA", "IRN", "195"), event(3, "IRN", "USA", "190"),
               event(12, "IRN", "USA", "130"))
    t = recent_trend(dyad_series(ev, "USA", "IRN")).set_index("direction")   # days 6-12 against 0-5 (and -1)
    assert t.loc["USA->IRN", "verdict"] == "escalating" and t.loc["USA->IRN", "max_now"] == 8
    assert t.loc["IRN->USA", "verdict"] == "de-escalating" and t.loc["IRN->USA", "max_before"] == 7
    assert t.loc["both", "verdict"] == "escalating" and t.loc["both", "sum_now"] == 10
    weekly = recent_trend(dyad_series(ev, "USA", "IRN", freq="W"), freq="W").set_index("direction")
    assert weekly.loc["USA->IRN", "window_start"] == pd.Timestamp("2020-01-13")
    assert weekly.loc["USA->IRN", "verdict"] == "de-escalating"   # nothing in the week of the 13th


def test_recent_trend_of_a_quiet_dyad():
    from flashpoint.analytics.series import recent_trend

    t = recent_trend(dyad_series(frame(event(0, "USA", "IRN", "040")), "USA", "IRN"))
    assert set(t["verdict"]) == {"quiet"}


def test_a_series_longer_than_a_century_is_refused_with_the_dates():
    ev = frame(event(0, "USA", "IRN", "190"))
    with pytest.raises(AnalysisError, match="a century") as err:
        dyad_series(ev, "USA", "IRN", start="1700-01-01")
    assert "--from" in str(err.value.where) and "1700-01-01" in str(err.value)
    assert len(dyad_series(ev, "USA", "IRN", start="1930-01-01")) > 0
