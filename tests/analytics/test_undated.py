"""Retrospective mentions: material acts dated only 'before' their report stay out of the series."""
from __future__ import annotations

import pandas as pd

from flashpoint.analytics import dyad_series
from flashpoint.analytics.undated import undated_events
from tests.analytics.helpers import event, frame

BOUND = {"date_precision": "unknown"}


def test_a_recalled_strike_is_not_a_new_event_and_points_to_the_dated_one():
    ev = frame(event(2, "IRN", "USA", "195", event_id="strike"),
               event(7, "IRN", "USA", "195", event_id="recall", **BOUND))
    series = dyad_series(ev, "IRN", "USA", end="2020-01-08").set_index(["period", "direction"])
    assert series.loc[(pd.Timestamp("2020-01-03"), "IRN->USA"), "material_conflict"] == 1
    assert series.loc[(pd.Timestamp("2020-01-08"), "IRN->USA"), "material_conflict"] == 0
    und = undated_events(ev, "USA", "IRN")
    assert list(und["event_id"]) == ["recall"]
    assert und.loc[0, "refers_to"] == "strike" and und.loc[0, "refers_to_date"] == pd.Timestamp("2020-01-03")


def test_without_a_dated_match_it_is_listed_as_undated():
    ev = frame(event(1, "IRN", "USA", "112"), event(9, "IRN", "USA", "190", event_id="recall", **BOUND),
               event(0, "IRN", "USA", "180", event_id="old"))          # another CAMEO root: no match
    und = undated_events(ev, "IRN", "USA", lookback=30)
    assert list(und["event_id"]) == ["recall"] and und.loc[0, "refers_to"] is None
    assert dyad_series(ev, "IRN", "USA")["material_conflict"].sum() == 1   # only the dated strike
    # a match older than the lookback is no match
    ev2 = frame(event(0, "IRN", "USA", "190", event_id="old"), event(40, "IRN", "USA", "190", **BOUND))
    assert undated_events(ev2, "IRN", "USA", lookback=30).loc[0, "refers_to"] is None
    assert undated_events(ev2, "IRN", "USA", lookback=45).loc[0, "refers_to"] == "old"


def test_an_undated_statement_keeps_its_report_day():
    ev = frame(event(3, "USA", "IRN", "112", **BOUND), event(3, "USA", "IRN", "130", **BOUND))
    s = dyad_series(ev, "USA", "IRN")
    assert s["verbal_conflict"].sum() == 2
    assert undated_events(ev, "USA", "IRN").empty
