"""Imported rows go through the store's de-duplication like coded mentions."""
from __future__ import annotations

import pyarrow.compute as pc
import pytest

from flashpoint.formats import acled, gdelt, icews, polecat
from flashpoint.store import Store
from tests.formats.helpers import fixture, shared_file

KEY = ["source_country", "source_sector", "target_country", "target_sector", "cameo", "date", "place"]


def test_repeated_reports_merge_and_reimport_adds_nothing(tmp_path) -> None:
    table = gdelt.read_events(fixture("gdelt2_sample.export.tsv")).table
    with Store(tmp_path / "s.duckdb") as store:
        assert store.load_mentions(table) == 5
        events = store.events_arrow(happened=None)
        assert store.load_mentions(table) == 0  # same rows, same ids: nothing new
        again = store.events_arrow(happened=None)
    assert events.num_rows == 4  # 1000000001 and 1000000002: one strike, two reports
    strike = events.filter(pc.equal(events.column("cameo"), "190")).to_pylist()
    assert len(strike) == 1 and strike[0]["mention_count"] == 2 and strike[0]["origins"] == "gdelt"
    assert again.num_rows == events.num_rows


def test_every_format_loads_into_one_store(tmp_path) -> None:
    tables = [gdelt.read_events(fixture("gdelt2_sample.export.tsv")).table,
              icews.read_events(fixture("icews_sample.tab")).table,
              acled.read_events(fixture("acled_current.csv")).table,
              acled.read_events(fixture("acled_older.csv")).table,
              polecat.read_events(fixture("polecat_sample.tsv")).table]
    with Store(tmp_path / "s.duckdb") as store:
        added = sum(store.load_mentions(t) for t in tables)
        origins = set(store.events_arrow(happened=None).column("origins").to_pylist())
        mentions = store.mentions_arrow().num_rows
    assert added == sum(t.num_rows for t in tables) == mentions
    assert {"gdelt", "icews", "acled", "polecat"} <= origins


@pytest.mark.shared
def test_real_gdelt_sample_has_no_two_events_with_one_key(tmp_path) -> None:
    table = gdelt.read_events(shared_file("events2samps.csv")).table
    with Store(tmp_path / "s.duckdb") as store:
        store.load_mentions(table)
        events = store.events_arrow(happened=None)
    assert 0 < events.num_rows < table.num_rows  # some rows are repeated reports
    groups = events.group_by(KEY).aggregate([([], "count_all")])
    assert groups.num_rows == events.num_rows
    assert pc.sum(events.column("mention_count")).as_py() == table.num_rows
