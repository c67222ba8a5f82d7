"""The snapshot's in-memory event index answers exactly what the SQL of the store answers."""
from __future__ import annotations

import datetime as dt
import random

import pyarrow as pa
import pytest

from flashpoint.store import Store
from flashpoint.store.event_index import EventIndex
from flashpoint.store.reader import EventFilter, StoreReader, arrow_records, records

ACTORS = ["USA", "IRN", "IRQ", "ISR", None]
SECTORS = ["GOV", "MIL", "REB", None]


def _rows(n: int, seed: int) -> pa.Table:
    """Mention rows with every kind of gap: no date, no country (sector only), no place, no code."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        day = None if rng.random() < 0.1 else dt.date(2020, 1, 1) + dt.timedelta(days=rng.randint(0, 90))
        code = rng.choice(["190", "193", "036", "111", "0231", None])
        rows.append({
            "mention_id": f"t:{i}", "doc_id": f"doc{i % 50}", "origin": rng.choice(["gdelt", "acled", "flashpoint"]),
            "origin_id": str(i), "evidence_text": f"sentence {i}", "source_country": rng.choice(ACTORS),
            "source_sector": rng.choice(SECTORS), "target_country": rng.choice(ACTORS),
            "target_sector": rng.choice(SECTORS), "cameo": code, "plover_type": rng.choice(["ASSAULT", "AGREE", None]),
            "quad_class": None if code is None else rng.randint(1, 4), "date": day, "date_precision": "day",
            "modality": rng.choice(["asserted", "claimed", "denied", None]),
            "place_name": rng.choice(["Baghdad", "baghdad", "Tehran", None]), "place_country": rng.choice(ACTORS),
            "place_admin1": rng.choice(["X", None]), "lat": rng.choice([33.3, None]), "lon": 44.4,
            "goldstein": rng.choice([-10.0, 3.0, None]), "confidence": 0.5,
        })
    return pa.Table.from_pylist(rows)


@pytest.fixture(scope="module")
def readers(tmp_path_factory):
    db = tmp_path_factory.mktemp("index") / "i.duckdb"
    with Store(db) as store:
        store.load_mentions(_rows(600, 5), dataset="test")
    with Store(db, read_only=True) as store:
        con = store.con
        yield StoreReader(con.cursor()), StoreReader(con.cursor(), index=EventIndex.build(con))


def _filters(rng: random.Random) -> EventFilter:
    options = {"dyad": lambda: (rng.choice(["USA", "IRN", "MIL"]), rng.choice(["IRQ", "ISR", "GOV"])),
               "actor": lambda: rng.choice(["USA", "IRN", "REB", "XXX"]), "cameo": lambda: rng.choice(["19", "0", "036"]),
               "plover": lambda: "ASSAULT", "quad_class": lambda: rng.randint(1, 4),
               "start": lambda: dt.date(2020, 2, 1), "end": lambda: dt.date(2020, 3, 1),
               "place": lambda: rng.choice(["BAGHDAD", "tehran"]), "country": lambda: "IRQ",
               "modality": lambda: "claimed", "origin": lambda: rng.choice(["gdelt", "acled", "gd"]),
               "happened": lambda: rng.choice([True, False, None])}
    return EventFilter(**{k: make() for k, make in options.items() if rng.random() < 0.3})


def test_pages_from_the_index_equal_the_sql_pages_through_every_cursor(readers):
    sql, index = readers
    rng = random.Random(1)
    pages = 0
    for _ in range(80):
        where, after = _filters(rng), None
        while True:
            want, got = sql.event_page(where, after=after, limit=7), index.event_page(where, after=after, limit=7)
            assert got == want, (where, after)
            pages += 1
            if want.next_cursor is None:
                break
            after = want.next_cursor
    assert pages > 200  # the filters do reach past the first page


def test_a_dyads_events_from_the_index_equal_the_sql_frame(readers):
    sql, index = readers
    for a, b, kw in [("USA", "IRN", {}), ("MIL", "IRQ", {"start": "2020-02-01", "end": "2020-03-01"}),
                     ("IRN", "USA", {"happened": None}), ("USA", "NONE", {})]:
        want, got = sql.dyad_events(a, b, **kw), index.dyad_events(a, b, **kw)
        assert got.equals(want) and list(got.dtypes) == list(want.dtypes)


def test_arrow_records_match_the_pandas_records(readers):
    sql, _ = readers
    table = sql.con.sql("SELECT * FROM events ORDER BY event_id").to_arrow_table()
    assert arrow_records(table) == records(sql.con.sql("SELECT * FROM events ORDER BY event_id").df())


def test_a_wildcard_in_a_cameo_prefix_is_left_to_sql(readers):
    assert not EventIndex.handles(EventFilter(cameo="1_"))
    assert EventIndex.handles(EventFilter(cameo="19", dyad=("USA", "IRN")))
