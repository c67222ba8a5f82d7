"""The merge rule on hand-built mention rows: the Python reference, and the store's SQL agreeing with it."""
from __future__ import annotations

import datetime as dt
import itertools

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flashpoint.dedup import DedupRule, cluster_mentions, date_window, split_by_place
from flashpoint.distance import haversine_km
from flashpoint.schema import MENTION_SCHEMA
from flashpoint.store import Store

D = dt.date
KIRKUK, K1 = (35.468, 44.392), (35.518, 44.286)
AIN_AL_ASAD, ERBIL = (33.786, 42.441), (36.191, 44.009)
_ids = itertools.count()


def mention(src="USA", tgt="IRN", cameo="190", date=D(2020, 1, 3), precision="day", *, place=None,
            modality="asserted", doc=None, published=None, outlet=None, mid=None, **extra):
    n = next(_ids)
    lat, lon = place if place else (None, None)
    extra.setdefault("place_admin1", "A1" if place else None)
    row = {"mention_id": mid or f"m{n:05d}", "doc_id": doc or f"d{n}", "origin": "flashpoint",
           "source_country": src, "target_country": tgt, "cameo": cameo, "plover_type": "ASSAULT",
           "modality": modality, "date": date, "date_precision": precision, "lat": lat, "lon": lon,
           "published": published or date, "source_name": outlet, "evidence_text": f"sentence {n}"}
    row.update(extra)
    return row


def events_of(rows, rule=DedupRule()):
    clusters: dict[str, set[str]] = {}
    for mid, eid in cluster_mentions(rows, rule).items():
        clusters.setdefault(eid, set()).add(mid)
    return sorted(clusters.values(), key=min)


def test_two_reports_of_one_strike_merge_and_the_event_id_is_the_smallest_mention_id():
    a = mention(place=KIRKUK, mid="m-b")
    b = mention(place=K1, date=D(2020, 1, 4), mid="m-a")  # a day later, 10 km away
    assert cluster_mentions([a, b]) == {"m-a": "m-a", "m-b": "m-a"}


def test_a_different_event_type_the_same_day_between_the_same_actors_stays_separate():
    strike = mention(cameo="190")
    threat = mention(cameo="138")
    sanction = mention(cameo="163")
    assert len(events_of([strike, threat, sanction])) == 3


def test_same_type_same_day_far_apart_stays_separate_but_unlocated_report_joins():
    ain = mention(src="IRN", tgt="USA", place=AIN_AL_ASAD)
    erbil = mention(src="IRN", tgt="USA", place=ERBIL)
    ain2 = mention(src="IRN", tgt="USA", place=(33.80, 42.40))
    vague = mention(src="IRN", tgt="USA")  # no place: joins the larger site
    groups = events_of([ain, erbil, ain2, vague])
    assert {ain["mention_id"], ain2["mention_id"], vague["mention_id"]} in groups
    assert {erbil["mention_id"]} in groups


def test_direction_matters():
    assert len(events_of([mention(src="USA", tgt="IRN"), mention(src="IRN", tgt="USA")])) == 2


def test_sector_differences_within_a_country_dyad_still_merge():
    gov = mention(source_sector="GOV")
    mil = mention(source_sector="MIL")
    assert len(events_of([gov, mil])) == 1


def test_negated_and_hypothetical_mentions_never_join_happened_events():
    real = mention()
    denied = mention(modality="negated")
    maybe = mention(modality="hypothetical")
    groups = events_of([real, denied, maybe])
    assert {real["mention_id"]} in groups
    assert {denied["mention_id"], maybe["mention_id"]} in groups  # both not-happened: may merge together


def test_publication_dated_report_merges_with_the_dated_event_before_it():
    dated = mention(date=D(2020, 1, 3))
    undated = mention(date=D(2020, 1, 5), precision="unknown")  # "on or before" its publication day
    assert date_window(D(2020, 1, 5), "unknown") == (D(2020, 1, 4), D(2020, 1, 5))
    assert len(events_of([dated, undated])) == 1
    assert len(events_of([dated, mention(date=D(2020, 1, 6), precision="unknown")])) == 2


def test_a_daily_series_does_not_chain_into_one_event():
    days = [mention(date=D(2020, 1, 1) + dt.timedelta(days=i)) for i in range(7)]
    groups = events_of(days)
    assert len(groups) >= 3
    assert all(len(g) <= 3 for g in groups)


def test_month_dated_mentions_merge_only_with_the_same_month():
    day = mention(date=D(2019, 6, 13))
    month_a = mention(date=D(2019, 6, 1), precision="month")
    month_b = mention(date=D(2019, 6, 1), precision="month")
    july = mention(date=D(2019, 7, 1), precision="month")
    groups = events_of([day, month_a, month_b, july])
    assert {month_a["mention_id"], month_b["mention_id"]} in groups
    assert len(groups) == 3


def test_undated_mentions_stay_alone():
    assert len(events_of([mention(date=None), mention(date=None)])) == 2


def test_a_country_level_place_cannot_separate_sites():
    city = mention(src="IRN", tgt="USA", place=AIN_AL_ASAD)
    country = mention(src="IRN", tgt="USA", place=(32.0, 53.0), place_admin1=None)  # "Iran": a centroid
    assert len(events_of([city, country])) == 1


def test_split_by_place_is_greedy_from_the_first_site():
    assert split_by_place([KIRKUK, AIN_AL_ASAD, K1, (None, None)], 50) == [0, 1, 0, 0]
    assert split_by_place([(None, None)], 50) == [0]
    assert haversine_km(*KIRKUK, *K1) == pytest.approx(11, abs=2)


@given(st.permutations(list(range(8))))
def test_the_clusters_do_not_depend_on_input_order(order):
    rows = _fixed_rows()
    assert cluster_mentions([rows[i] for i in order]) == cluster_mentions(rows)


def test_imported_dataset_rows_merge_only_with_true_duplicates():
    icews = dict(origin="icews", modality=None)
    a = mention(source_sector="GOV", **icews)
    twin = mention(source_sector="GOV", **icews)                       # same day, sides, sectors, code
    next_day = mention(source_sector="GOV", date=D(2020, 1, 4), **icews)
    other_sector = mention(source_sector="MIL", **icews)
    same_root = mention(source_sector="GOV", cameo="195", **icews)
    groups = events_of([a, twin, next_day, other_sector, same_root])
    assert {a["mention_id"], twin["mention_id"]} in groups and len(groups) == 4
    # the same rows as reports (coded news) merge by the report rule; the rule is configurable
    assert len(events_of([a, twin, next_day, other_sector, same_root], DedupRule(report_origins=("icews",)))) == 1


def _fixed_rows():
    return [mention(mid=f"f{i}", date=D(2020, 1, 1 + i // 2), place=[KIRKUK, ERBIL, None][i % 3],
                    cameo=["190", "195", "130"][i % 3 // 2]) for i in range(8)]


# --- the SQL in the store gives the same clusters as the reference -------------------------

row_strategy = st.fixed_dictionaries({
    "src": st.sampled_from(["USA", "IRN", None]),
    "tgt": st.sampled_from(["IRN", "IRQ"]),
    "source_sector": st.sampled_from([None, "GOV", "MIL"]),
    "cameo": st.sampled_from(["190", "195", "130", None]),
    "plover_type": st.sampled_from(["ASSAULT", "THREATEN"]),
    "day": st.integers(0, 12),
    "precision": st.sampled_from(["day", "day", "unknown", "month", None]),
    "place": st.sampled_from([None, KIRKUK, K1, AIN_AL_ASAD, ERBIL]),
    "admin1": st.sampled_from(["A1", "A1", None]),
    "modality": st.sampled_from(["asserted", "claimed", "negated", "hypothetical", None]),
    "origin": st.sampled_from(["flashpoint", "flashpoint", "gdelt", "icews"]),
})


@settings(max_examples=60, deadline=None)
@given(st.lists(row_strategy, min_size=1, max_size=40), st.integers(1, 4))
def test_store_sql_matches_the_reference_rule(specs, span):
    rule = DedupRule(span_days=span)
    rows = [mention(src=s["src"], tgt=s["tgt"], cameo=s["cameo"], date=D(2020, 1, 1) + dt.timedelta(days=s["day"]),
                    precision=s["precision"], place=s["place"], modality=s["modality"], mid=f"h{i:03d}",
                    source_sector=s["source_sector"], plover_type=s["plover_type"],
                    place_admin1=s["admin1"] if s["place"] else None, origin=s["origin"])
            for i, s in enumerate(specs)]
    with Store(":memory:", rule=rule) as store:
        store.load_mentions(pa.Table.from_pylist(rows, schema=MENTION_SCHEMA))
        got = dict(store.con.execute("SELECT mention_id, event_id FROM event_mentions").fetchall())
        assert store.counts()["events"] == len(set(got.values()))
    assert got == cluster_mentions(rows, rule)
