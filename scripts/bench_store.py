"""Benchmark the store: a dyad query over many stored events, and re-deriving events from mentions.

    python scripts/bench_store.py                       # 10 million events, dyad query timings
    python scripts/bench_store.py --mentions 1000000    # also: merge 1M synthetic mentions into events

Synthetic events are generated directly inside DuckDB (SQL over range()) into
a fresh store; the query goes through the public API,
``Store(path).events(dyad=..., start=..., end=...)``, which returns a pandas
DataFrame. Numbers are printed, never asserted.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flashpoint.store import Store  # noqa: E402

COUNTRIES = ("USA IRN IRQ ISR SAU SYR LBN YEM RUS UKR CHN TWN PRK KOR JPN IND PAK AFG TUR GRC EGY LBY SDN ETH "
             "SOM KEN NGA MLI FRA GBR DEU POL BLR ARM AZE GEO VEN COL MEX BRA CUB QAT ARE JOR PSE KAZ MMR THA "
             "PHL VNM IDN").split()
SECTORS = ("GOV", "MIL", "REB", "CVL", "OPP", None)
CAMEO = ("010", "020", "036", "042", "051", "057", "111", "112", "120", "130", "138", "141", "163", "173",
         "180", "190", "193", "195")


def generate_events(store: Store, n: int, *, sort: bool) -> float:
    """n events with random dyads, codes and dates over 2010-2024; returns seconds."""
    t0 = time.perf_counter()
    c = store.con
    c.execute("CREATE OR REPLACE TEMP TABLE k AS SELECT unnest(?) AS code, generate_subscripts(?, 1) - 1 AS ki",
              [list(COUNTRIES), list(COUNTRIES)])
    nc, ns, nm = len(COUNTRIES), len(SECTORS), len(CAMEO)
    order = "ORDER BY s.code, t.code, date" if sort else ""
    c.execute(f"""
        INSERT INTO events
        SELECT printf('%016x', hash(i)) AS event_id,
            s.code, ?[1 + (hash(i, 1) % {ns})::INTEGER], t.code, ?[1 + (hash(i, 2) % {ns})::INTEGER],
            ?[1 + (hash(i, 3) % {nm})::INTEGER] AS cameo, 'ASSAULT', '', 4, -10.0,
            DATE '2010-01-01' + (hash(i, 4) % 5479)::INTEGER AS date, 'day',
            DATE '2010-01-01' + (hash(i, 4) % 5479)::INTEGER, DATE '2010-01-01' + (hash(i, 4) % 5479)::INTEGER + 1,
            1 + (hash(i, 5) % 5)::INTEGER, 1 + (hash(i, 6) % 3)::INTEGER, 1, 'Somewhere', s.code, 33.3, 44.4,
            (hash(i, 7) % 10) > 0, 'asserted', 0.8, 'flashpoint', 'Synthetic evidence sentence.'
        FROM range({int(n)}) r(i)
        JOIN k s ON s.ki = (hash(i, 8) % {nc})
        JOIN k t ON t.ki = (hash(i, 9) % {nc})
        {order}""", [list(SECTORS), list(SECTORS), list(CAMEO)])
    c.execute("CHECKPOINT")
    return time.perf_counter() - t0


def time_query(path: Path, runs: int) -> tuple[float, list[float], int]:
    """(first query, later queries, rows) for USA -> IRN, 2019-12-01 .. 2020-01-31, in a fresh process' store."""
    import pandas  # noqa: F401  (imported before timing: the first query should not pay for it)

    times = []
    rows = 0
    with Store(path, read_only=True) as store:
        for _ in range(runs):
            t0 = time.perf_counter()
            df = store.events(("USA", "IRN"), start="2019-12-01", end="2020-01-31")
            times.append(time.perf_counter() - t0)
            rows = len(df)
        t0 = time.perf_counter()
        whole = store.events_arrow(("USA", "IRN"), happened=None)
        whole_s = time.perf_counter() - t0
    print(f"  whole dyad history USA->IRN: {whole.num_rows} events in {whole_s * 1000:.0f} ms (Arrow)")
    return times[0], times[1:], rows


def generate_mentions(store: Store, n: int) -> float:
    """n mention rows shaped like coder output (few dyads, many duplicate reports); returns seconds."""
    t0 = time.perf_counter()
    store.con.execute(f"""
        INSERT INTO mentions (mention_id, doc_id, origin, sentence_index, evidence_text, source_country,
                              target_country, cameo, plover_type, modality, date, date_precision, published,
                              lat, lon, source_name)
        SELECT printf('%016x', hash(i, 'm')), 'doc' || (i // 4), 'flashpoint', (i % 4)::INTEGER, 'text',
            ?[1 + (hash(i, 1) % 12)::INTEGER], ?[1 + (hash(i, 2) % 12)::INTEGER],
            ?[1 + (hash(i, 3) % 6)::INTEGER], 'ASSAULT',
            CASE WHEN hash(i, 4) % 20 = 0 THEN 'negated' ELSE 'asserted' END,
            DATE '2015-01-01' + (hash(i, 5) % 3650)::INTEGER,
            CASE WHEN hash(i, 6) % 3 = 0 THEN 'unknown' ELSE 'day' END,
            DATE '2015-01-01' + (hash(i, 5) % 3650)::INTEGER + 1,
            CASE WHEN hash(i, 7) % 2 = 0 THEN 30 + (hash(i, 8) % 10)::DOUBLE END,
            CASE WHEN hash(i, 7) % 2 = 0 THEN 40 + (hash(i, 9) % 10)::DOUBLE END,
            'outlet' || (hash(i, 10) % 50)
        FROM range({int(n)}) r(i)""", [list(COUNTRIES[:12]), list(COUNTRIES[:12]), list(CAMEO[12:])])
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--mentions", type=int, default=0, help="also time merging this many mentions")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dir", default=None, help="where to put the benchmark stores (default: a temp dir)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        for sort in (False, True):
            path = Path(tmp) / f"events_{'sorted' if sort else 'random'}.duckdb"
            with Store(path) as store:
                secs = generate_events(store, args.events, sort=sort)
            size = path.stat().st_size / 1e6
            label = "sorted by dyad and date (as a full rebuild writes them)" if sort else "in random order"
            print(f"{args.events:,} events {label}: generated in {secs:.1f} s, file {size:.0f} MB")
            first, later, rows = time_query(path, args.runs)
            print(f"  dyad query USA->IRN 2019-12-01..2020-01-31 -> {rows} events: first {first * 1000:.0f} ms, "
                  f"then median {statistics.median(later) * 1000:.0f} ms (max {max(later) * 1000:.0f} ms)")
        if args.mentions:
            path = Path(tmp) / "mentions.duckdb"
            with Store(path) as store:
                secs = generate_mentions(store, args.mentions)
                t0 = time.perf_counter()
                n = store.rebuild_events()
                merge = time.perf_counter() - t0
            print(f"{args.mentions:,} mentions generated in {secs:.1f} s; merged into {n:,} events "
                  f"in {merge:.1f} s ({args.mentions / merge:,.0f} mentions/s)")


if __name__ == "__main__":
    main()
