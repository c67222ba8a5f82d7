"""Benchmark ingest throughput: synthetic news reports coded into a fresh store.

    python scripts/bench_ingest.py                  # 1,000 documents: 1 process, Dask 1 worker, Dask 2 workers
    python scripts/bench_ingest.py --docs 200 --runs local dask2
    python scripts/bench_ingest.py --corpus guardian --runs local workers2   # the 249 Guardian stories

``--corpus guardian`` codes the 249 Guardian stories read at run time from
../shared/data/ngec/Guardian_SDF_sample.csv.zip (written to a temporary JSONL, nothing copied
into the project). ``workersN`` runs ``ingest(..., workers=N)`` as ``flashpoint ingest --workers N``
does, so its time includes starting the LocalCluster and loading the pipeline on each worker.

The documents are generated from templates written for this benchmark (random
actors, verbs, places and days; four sentences each). Every timing includes
loading the pipeline (once per process or per worker) and writing the store;
Dask timings exclude starting the LocalCluster, which is printed apart. The
runs must end with the same rows; the script checks that. Numbers are printed,
never asserted.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from flashpoint.scale import ingest  # noqa: E402
from flashpoint.store import Store  # noqa: E402

ACTORS = ["Iranian forces", "U.S. troops", "the Iraqi government", "Israeli aircraft", "Russian officials",
          "Ukrainian forces", "the Saudi foreign ministry", "Turkish troops", "Syrian government forces",
          "Chinese diplomats", "the French president", "Houthi rebels"]
TARGETS = ["Iran", "the United States", "Iraq", "Israel", "Russia", "Ukraine", "Saudi Arabia", "Turkey", "Syria",
           "China", "France", "Yemen"]
VERBS = ["attacked positions held by {t}", "accused {t} of violating the agreement", "met envoys from {t}",
         "threatened to strike {t}", "imposed new sanctions on {t}", "praised the cooperation with {t}",
         "fired missiles at {t}", "rejected the proposal from {t}", "signed an agreement with {t}",
         "condemned the actions of {t}"]
PLACES = ["Baghdad", "Tehran", "Damascus", "Kyiv", "Moscow", "Riyadh", "Ankara", "Beirut", "Sanaa", "Erbil"]
DAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday", ""]


def synthetic_corpus(n: int, path: Path, *, seed: int = 1) -> None:
    rng = random.Random(seed)
    start = dt.date(2020, 1, 1)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            sentences = []
            for _ in range(3):
                actor, target = rng.choice(ACTORS), rng.choice(TARGETS)
                verb = rng.choice(VERBS).format(t=target)
                sentences.append(f"{actor[0].upper() + actor[1:]} {verb} near {rng.choice(PLACES)} "
                                 f"{rng.choice(DAYS)}".rstrip() + ", officials said.")
            sentences.append(f"Report {i} was filed by a correspondent in {rng.choice(PLACES)}.")
            out.write(json.dumps({"id": f"bench-{i:05d}", "date": str(start + dt.timedelta(days=i % 60)),
                                  "source": f"Outlet {i % 7}", "text": " ".join(sentences)}) + "\n")


def guardian_corpus(path: Path) -> int:
    """The Guardian stories as JSONL (the same documents bench_coding.py codes); returns their number."""
    from bench_coding import stories

    n = 0
    with path.open("w", encoding="utf-8") as out:
        for doc in stories(None):
            out.write(json.dumps({"id": doc.id, "date": doc.date.isoformat() if doc.date else None, "source": doc.source, "text": doc.text}) + "\n")
            n += 1
    return n


def run(kind: str, corpus: Path, db: Path, batch_size: int) -> tuple[float, float, dict[str, int]]:
    """(startup seconds, ingest seconds, counts) for one run."""
    startup = 0.0
    cluster = None
    if kind.startswith("dask"):
        from distributed import LocalCluster

        t0 = time.perf_counter()
        cluster = LocalCluster(n_workers=int(kind[4:]), threads_per_worker=1, processes=True,
                               dashboard_address=":0")
        startup = time.perf_counter() - t0
    workers = int(kind[7:]) if kind.startswith("workers") else None
    try:
        with Store(db) as store:
            t0 = time.perf_counter()
            ingest([corpus], store, batch_size=batch_size, dask=cluster.scheduler_address if cluster else None,
                   workers=workers, parquet_dir=db.parent / f"{kind}.parts")
            secs = time.perf_counter() - t0
            counts = store.counts()
    finally:
        if cluster is not None:
            cluster.close()
    return startup, secs, counts


def rows(db: Path) -> dict[str, list[tuple]]:
    with Store(db, read_only=True) as store:
        return {t: sorted(store.con.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
                for t in ("documents", "mentions", "events", "event_mentions")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--batch-size", type=int, default=50, help="documents per transaction / Dask partition")
    parser.add_argument("--runs", nargs="+", default=["local", "dask1", "dask2"],
                        choices=["local", "dask1", "dask2", "workers1", "workers2"])
    parser.add_argument("--corpus", choices=["synthetic", "guardian"], default="synthetic")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        if args.corpus == "guardian":
            args.docs = guardian_corpus(corpus)
        else:
            synthetic_corpus(args.docs, corpus)
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
        results = {}
        for kind in args.runs:
            db = Path(tmp) / f"{kind}.duckdb"
            startup, secs, counts = run(kind, corpus, db, args.batch_size)
            results[kind] = rows(db)
            extra = f" (+{startup:.1f} s cluster start)" if startup else ""
            print(f"{kind:8s}: {args.docs} docs in {secs:.1f} s{extra} = {args.docs / secs:.2f} docs/s; "
                  f"{counts['mentions']} mentions, {counts['events']} events, {counts['failed']} failed; "
                  f"load average {os.getloadavg()[0]:.2f}", flush=True)
        first_kind, first = next(iter(results.items()))
        for kind, got in results.items():
            differ = [t for t in first if got[t] != first[t]]
            if differ:
                print(f"{kind} differs from {first_kind} in {differ}; e.g. {_example(first, got, differ[0])}")
        print("same rows in every run:", all(r == first for r in results.values()))


def _example(a: dict[str, list[tuple]], b: dict[str, list[tuple]], table: str) -> str:
    only_a, only_b = sorted(set(a[table]) - set(b[table]), key=repr), sorted(set(b[table]) - set(a[table]), key=repr)
    if not only_a or not only_b:
        return f"{len(only_a)} vs {len(only_b)} rows of their own"
    return str([(i, x, y) for i, (x, y) in enumerate(zip(only_a[0], only_b[0])) if x != y])


if __name__ == "__main__":
    main()
