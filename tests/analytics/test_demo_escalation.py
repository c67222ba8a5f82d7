"""End to end: code the demo corpus into a store, then analyse US-Iran as of 8 January 2020."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from flashpoint.analytics import escalation_report
from flashpoint.store import Store

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def demo_events(demo_store) -> pd.DataFrame:
    with Store(demo_store, read_only=True) as store:
        return store.events(happened=None)


def test_us_iran_as_of_8_january(demo_events):
    r = escalation_report(demo_events, "USA", "IRN", end="2020-01-08", training="synthetic", histories=60)
    summary = r.summary.set_index("direction")
    assert set(summary.index) == {"USA->IRN", "IRN->USA"}
    # the US strike of 3 January is material conflict at rung >= 7 (assault or worse)
    assert summary.loc["USA->IRN", "severity_max"] >= 7
    assert summary.loc["USA->IRN", "material_conflict"] >= 1
    assert r.series["period"].max() == pd.Timestamp("2020-01-08")
    assert len(r.exchanges.links) >= 1 and set(r.exchanges.links["label"]) <= {
        "escalatory", "proportionate", "de-escalatory"}
    assert r.forecast is not None and r.forecast.probability is not None
    assert 0 < r.forecast.probability < 1 and r.forecast.features["peak7"] >= 7
    json.dumps(r.to_dict())


def test_events_that_did_not_happen_are_not_counted(demo_events):
    r = escalation_report(demo_events, "USA", "IRN", forecast=False)
    dyad = demo_events[(demo_events["source_country"] == "USA") & (demo_events["target_country"] == "IRN")]
    bounded = (dyad["date_precision"] == "unknown") & dyad["quad_class"].isin([2, 4])   # retrospective
    counted = dyad[dyad["happened"] & dyad["date_precision"].isin(["day", "unknown"]) & ~bounded]
    assert r.summary.set_index("direction").loc["USA->IRN", "events"] == len(counted)
