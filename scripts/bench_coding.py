"""Benchmark: end-to-end coding speed and peak memory on the 249 Guardian stories.

Reads ../shared/data/ngec/Guardian_SDF_sample.csv.zip, codes every story with the
default pipeline in one process (one core), and reports sentences per second
(model load excluded and reported separately) and peak resident memory.
Documents are coded as `flashpoint code` and `ingest` code them (``keep_parse=False``: each
batch in a spaCy memory zone once the first 200,000 characters are coded).
The parse stage keeps BLAS on one thread, so the run uses one core; CPU seconds are reported
beside wall-clock seconds so the per-core figure can be checked.
Run: make bench   (or .venv/bin/python scripts/bench_coding.py [--limit N])
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import resource
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent / "shared" / "data" / "ngec" / "Guardian_SDF_sample.csv.zip"


def stories(limit: int | None):
    from flashpoint.readers import parse_date
    from flashpoint.model import Document

    with zipfile.ZipFile(SAMPLE) as z, z.open(z.namelist()[0]) as fh:
        for n, row in enumerate(csv.DictReader(io.TextIOWrapper(fh, encoding="utf-8"))):
            if limit is not None and n >= limit:
                return
            yield Document(id=f"guardian-{row['']}", text=row["text"],
                           date=parse_date(row["date"], where=f"row {n}"), source=row["source"])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--out", default=None, help="write the figures as JSON here too")
    args = ap.parse_args()
    if not SAMPLE.exists():
        print(f"skipped: {SAMPLE} is absent (needs ../shared/data)")
        return 0
    from flashpoint.coder import build_pipeline
    from flashpoint.pipeline import Failure

    t0 = time.perf_counter()
    pipeline = build_pipeline()
    warm = list(pipeline.run(stories(2), keep_parse=False))  # loads the model and every table
    load_s = time.perf_counter() - t0
    docs = list(stories(args.limit))
    t1 = time.perf_counter()
    c1 = time.process_time()
    sentences = events = failures = chars = 0
    for item in pipeline.run(docs, keep_parse=False):  # the path `code` and `ingest` take
        if isinstance(item, Failure):
            failures += 1
            continue
        sentences += len(item.sentences)
        events += len(item.events)
        chars += len(item.text)
    secs = time.perf_counter() - t1
    cpu = time.process_time() - c1
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures = {
        "documents": len(docs), "sentences": sentences, "events": events, "failures": failures,
        "seconds": round(secs, 2), "sentences_per_second": round(sentences / secs, 1),
        "cpu_seconds": round(cpu, 2),
        "sentences_per_cpu_second": round(sentences / cpu, 1),
        "docs_per_second": round(len(docs) / secs, 2), "chars_per_second": round(chars / secs),
        "load_seconds": round(load_s, 2), "peak_rss_mb": round(peak_mb), "warmup_docs": len(warm),
        "cpu_count": os.cpu_count(), "python": sys.version.split()[0],
    }
    print(json.dumps(figures, indent=2))
    if args.out:
        Path(args.out).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
