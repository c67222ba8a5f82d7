"""A snapshot's SeriesIndex gives the frame dyad_series gives on the store's dyad events, bit for bit."""
from __future__ import annotations

import datetime as dt
import itertools
import random

import pandas as pd
import pyarrow as pa
import pytest

from flashpoint.analytics import dyad_series
from flashpoint.analytics.series_index import SeriesIndex, distinct_rows
from flashpoint.errors import AnalysisError
from flashpoint.store import Store
from flashpoint.store.event_index import EventIndex
from flashpoint.store.reader import StoreReader, frame_json

SIDES = ["USA", "IRN", "IRQ", None]
SECTORS = ["GOV", "MIL", "REB", "HLH", None]       # HLH: a leader, for the assassination modifier
CODES = ["190", "193", "186", "036", "111", "0231", "173", None]


def _rows(n: int, seed: int) -> pa.Table:
    """Mention rows with the gaps and cases a series must handle: no date, dates to a month or only
    bounded by publication, events that did not happen, sector-only sides, unrated codes, Goldstein
    gaps, several reports of one event (source counts), places in the target's country."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        day = None if rng.random() < 0.05 else dt.date(2021, 1, 1) + dt.timedelta(days=rng.randint(0, 120))
        code = rng.choice(CODES)
        event = rng.randint(0, n // 2)             # two or so reports per event
        rows.append({
            "mention_id": f"s:{i}", "doc_id": f"doc{i}", "origin": "gdelt", "origin_id": str(i),
            "evidence_text": f"line {event}", "source_country": rng.choice(SIDES), "source_sector": rng.choice(SECTORS),
            "target_country": rng.choice(SIDES), "target_sector": rng.choice(SECTORS), "cameo": code,
            "plover_type": rng.choice(["ASSAULT", "AGREE", "PROTEST", None]),
            "plover_mode": rng.choice(["assassinate", "", None]),
            "quad_class": None if code is None and rng.random() < 0.5 else rng.randint(1, 4),
            "date": day, "date_precision": rng.choice(["day", "day", "month", "unknown", None]),
            "modality": rng.choice(["asserted", "asserted", "denied", "hypothetical", None]),
            "place_name": rng.choice(["Baghdad", "Tehran", None]), "place_country": rng.choice(SIDES),
            "goldstein": rng.choice([-10.0, 3.4, -0.1, 1.9, None]), "confidence": 0.5,
            "source_name": f"outlet{rng.randint(0, 4)}",
        })
    return pa.Table.from_pylist(rows)


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    db = tmp_path_factory.mktemp("series_index") / "s.duckdb"
    with Store(db) as store:
        store.load_mentions(_rows(3000, 11), dataset="test")
    with Store(db, read_only=True) as store:
        index = EventIndex.build(store.con)
        yield StoreReader(store.con.cursor()), SeriesIndex.build(index)


OPTIONS = [{}, {"start": dt.date(2021, 2, 1), "end": dt.date(2021, 3, 15)}, {"start": "2021-01-20"},
           {"end": dt.date(2021, 2, 28), "freq": "W"}, {"freq": "W", "weight": "source_count"},
           {"weight": "source_count", "start": dt.date(2020, 12, 1), "end": dt.date(2021, 6, 1)}]


def test_every_pair_and_option_gives_the_plain_frame_and_json(stores):
    reader, fast = stores
    actors = ["USA", "IRN", "IRQ", "MIL", "REB", "GOV", "XXX"]
    compared = nonempty = 0
    for (a, b), options in itertools.product(itertools.permutations(actors, 2), OPTIONS):
        span = {k: options[k] for k in ("start", "end") if k in options}
        want = dyad_series(reader.dyad_events(a, b, **span), a, b, **options)
        got = fast.series(a, b, **options)
        pd.testing.assert_frame_equal(got, want, check_exact=True)
        assert frame_json(got) == frame_json(want)
        compared += 1
        nonempty += bool(want["events"].sum())
    assert compared == 42 * len(OPTIONS) and nonempty > 100    # most pairs have events to sum


def test_the_fast_path_refuses_what_dyad_series_refuses(stores):
    _, fast = stores
    for kwargs in ({"freq": "M"}, {"weight": "mentions"}):
        with pytest.raises(AnalysisError):
            fast.series("USA", "IRN", **kwargs)
    with pytest.raises(AnalysisError):
        fast.series("USA", "USA")


def test_distinct_rows_finds_each_combination_once():
    table = pa.table({"a": ["x", "y", "x", None, "x", None], "b": [1, 2, 1, 1, None, 1]})
    first, each = distinct_rows(table, ("a", "b"))
    rows = table.to_pylist()
    assert sorted(first.tolist()) == [0, 1, 3, 4]
    assert all(rows[first[each[i]]] == rows[i] for i in range(len(rows)))
