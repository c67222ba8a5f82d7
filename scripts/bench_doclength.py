"""Benchmark: how coding time and memory grow with the length of one document.

Builds single documents of the requested sizes by joining Guardian stories read at run time
from ../shared/data/ngec/Guardian_SDF_sample.csv.zip (nothing is copied into the project), codes
each one alone in a fresh child process (so peak memory is that document's), and reports
seconds, ms per KB (wall-clock and CPU), peak resident memory and the ratio of time per KB to the
smallest size. Linear time means the ms/KB columns stay flat as the size grows; the CPU column is
the fair one on a machine other processes load.

Run: .venv/bin/python scripts/bench_doclength.py [--sizes 10,100,1000,3000] [--timeout 900] [--out F.json]
(sizes in KB).
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def prose(size: int) -> str:
    """About ``size`` characters of ordinary news prose: whole stories joined end to end."""
    from bench_coding import stories

    parts: list[str] = []
    total = 0
    while total < size:
        for doc in stories(None):
            parts.append(doc.text)
            total += len(doc.text) + 2
            if total >= size:
                break
    return "\n\n".join(parts)[:size]


def warm_text(size: int = 8000) -> str:
    """About ``size`` characters of the last stories of the sample (the measured documents
    start with its first ones)."""
    from bench_coding import stories

    last = [doc.text for doc in stories(None)][::-1]
    parts, total = [], 0
    for text in last:
        parts.append(text)
        total += len(text)
        if total >= size:
            break
    return "\n\n".join(parts)


def _child(size: int, queue: "mp.Queue[dict]") -> None:
    from flashpoint.coder import build_pipeline
    from flashpoint.model import Document
    from flashpoint.pipeline import Failure

    pipeline = build_pipeline()
    # warm up on whole stories other than the measured text's first ones, so that the tables a
    # stage loads on first use (not just the model) are loaded before the clock starts
    list(pipeline.run([Document(id="warm", text=warm_text())]))
    text = prose(size)
    t0, c0 = time.perf_counter(), time.process_time()
    out = list(pipeline.run([Document(id=f"len-{size}", text=text)]))
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    item = out[0]
    queue.put({
        "chars": len(text), "seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3),
        "events": 0 if isinstance(item, Failure) else len(item.events),
        "failure": str(item) if isinstance(item, Failure) else None,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    })


def measure(size: int, timeout: float) -> dict:
    queue: mp.Queue = mp.get_context("spawn").Queue()
    proc = mp.get_context("spawn").Process(target=_child, args=(size, queue))
    proc.start()
    proc.join(timeout)
    if proc.is_alive():
        proc.kill()
        proc.join()
        return {"chars": size, "seconds": None, "timed_out_after_s": timeout}
    return queue.get() if not queue.empty() else {"chars": size, "seconds": None, "crashed": proc.exitcode}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="10,100,1000,3000", help="document sizes in KB, comma-separated")
    ap.add_argument("--timeout", type=float, default=900.0, help="seconds allowed per document")
    ap.add_argument("--out", default=None, help="write the figures as JSON here too")
    args = ap.parse_args()
    from bench_coding import SAMPLE

    if not SAMPLE.exists():
        print(f"skipped: {SAMPLE} is absent (needs ../shared/data)")
        return 0
    rows = []
    for kb in (int(s) for s in args.sizes.split(",")):
        row = measure(kb * 1000, args.timeout)
        if row.get("seconds"):
            row["ms_per_kb"] = round(1000 * row["seconds"] / (row["chars"] / 1000), 2)
            row["cpu_ms_per_kb"] = round(1000 * row["cpu_seconds"] / (row["chars"] / 1000), 2)
        rows.append(row)
        print(json.dumps(row), flush=True)
    for key in ("ms_per_kb", "cpu_ms_per_kb"):
        base = next((r[key] for r in rows if r.get(key)), None)
        for r in rows:
            if base and r.get(key):
                r[key + "_ratio"] = round(r[key] / base, 2)
    print(f"{'chars':>10} {'seconds':>9} {'ms/KB':>8} {'ratio':>6} {'CPU ms/KB':>10} {'ratio':>6} "
          f"{'peak MB':>8} {'events':>7}")
    for r in rows:
        print(f"{r['chars']:>10} {r.get('seconds') or 'timeout':>9} {r.get('ms_per_kb', '-'):>8} "
              f"{r.get('ms_per_kb_ratio', '-'):>6} {r.get('cpu_ms_per_kb', '-'):>10} "
              f"{r.get('cpu_ms_per_kb_ratio', '-'):>6} {r.get('peak_rss_mb', '-'):>8} {r.get('events', '-'):>7}")
    if args.out:
        Path(args.out).write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
