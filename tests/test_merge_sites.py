"""The store's place split (step 4 of the merge rule, run as rounds over every slice at once) gives
the clusters of the reference rule, for slices with many sites."""
from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flashpoint.dedup import DedupRule, cluster_mentions
from flashpoint.schema import MENTION_SCHEMA
from flashpoint.store import Store

# 14 towns a degree of latitude (111 km) apart, each with a neighbour 20 km away: more sites than rounds.
TOWNS = [(30.0 + i, 44.0) for i in range(14)]
NEAR = [(lat + 0.18, lon) for lat, lon in TOWNS]


def row(i: int, place: tuple[float, float] | None, day: int) -> dict:
    lat, lon = place if place else (None, None)
    return {"mention_id": f"s{i:04d}", "doc_id": f"d{i}", "origin": "flashpoint", "source_country": "USA",
            "target_country": "IRQ", "cameo": "190", "plover_type": "ASSAULT", "modality": "asserted",
            "date": dt.date(2020, 1, 1) + dt.timedelta(days=day), "date_precision": "day", "lat": lat, "lon": lon,
            "place_admin1": "A1" if place else None, "evidence_text": f"sentence {i}"}


def store_clusters(rows: list[dict]) -> dict[str, str]:
    with Store(":memory:") as store:
        store.load_mentions(pa.Table.from_pylist(rows, schema=MENTION_SCHEMA))
        return dict(store.con.execute("SELECT mention_id, event_id FROM event_mentions").fetchall())


place_strategy = st.one_of(st.none(), st.sampled_from(TOWNS), st.sampled_from(NEAR))


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(place_strategy, st.integers(0, 4)), min_size=1, max_size=60))
def test_many_sites_match_the_reference_rule(specs) -> None:
    rows = [row(i, place, day) for i, (place, day) in enumerate(specs)]
    assert store_clusters(rows) == cluster_mentions(rows, DedupRule())


@pytest.mark.parametrize("order", [[5, 0, 13, 7, 7, 2, 11, 9, 1, 12, 3, 10, 4, 8, 6, 0, 13],
                                   [13, 13, 12, 11, 10, 9, 8, 7, 7, 6, 5, 4, 3, 2, 1, 0, 0]])
def test_fourteen_sites_in_one_slice_match_the_reference_rule(order) -> None:
    rows = [row(i, NEAR[t] if i % 4 == 3 else TOWNS[t], 0) for i, t in enumerate(order)]
    rows += [row(100 + i, None, 0) for i in range(3)]   # unlocated: they join the largest site
    got = store_clusters(rows)
    assert got == cluster_mentions(rows, DedupRule())
    assert len(set(got.values())) == 14


def test_places_at_the_radius_to_the_last_bit_split_as_the_reference_rule() -> None:
    import math

    from flashpoint.distance import haversine_km

    lo, hi = 30.0, 31.0   # the largest latitude within 50 km of (30, 44) along its meridian, to the last bit
    while math.nextafter(lo, hi) < hi:
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if haversine_km(30.0, 44.0, mid, 44.0) <= 50 else (lo, mid)
    assert haversine_km(30.0, 44.0, lo, 44.0) <= 50 < haversine_km(30.0, 44.0, hi, 44.0)
    places = [(30.0, 44.0), (lo, 44.0), (hi, 44.0), (31.5, 44.0), (hi, 44.0), (lo, 44.0)]
    rows = [row(i, place, 0) for i, place in enumerate(places)]
    got = store_clusters(rows)
    assert got == cluster_mentions(rows, DedupRule())
    assert got["s0001"] == got["s0000"] != got["s0002"]
