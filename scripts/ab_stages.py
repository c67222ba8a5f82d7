"""A/B: CPU ms per sentence of each stage, this tree against another copy of the package, in
one process, alternating repetitions (the host's speed drifts minute to minute, so back-to-back
runs in separate processes mislead). Prepare the other copy under another package name, e.g.
    git archive BASE flashpoint | tar -x -C /tmp/ab && mv /tmp/ab/flashpoint /tmp/ab/flashpoint_base
Run: PYTHONPATH=.:/tmp/ab .venv/bin/python scripts/ab_stages.py flashpoint_base [--limit 120]
Both also run the spaCy components one at a time over the documents (scripts/profile_stages.py).
"""
from __future__ import annotations

import argparse
import importlib
import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def measure(package: str, raw: list) -> tuple[dict[str, float], int]:
    from profile_stages import spacy_times, stage_times

    coder = importlib.import_module(f"{package}.coder")
    parse = importlib.import_module(f"{package}.stages.parse")
    pipeline = coder.build_pipeline()
    parser = pipeline.stages[0]
    times, parsed = spacy_times(parser.nlp, [d.text for d in raw], parser.batch_size)
    docs = [parse.attach(d, p) for d, p in zip(raw, parsed)]
    times.update(stage_times(pipeline, docs))
    return times, sum(len(d.sentences) for d in docs)


def main() -> int:
    from bench_coding import stories

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("other")
    ap.add_argument("--limit", type=int, default=120)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    raw = list(stories(args.limit))
    runs: dict[str, list[dict[str, float]]] = {"flashpoint": [], args.other: []}
    for package in runs:  # warm up: load models and tables
        measure(package, raw[:2])
    for _ in range(args.repeat):
        for package in runs:
            times, sentences = measure(package, raw)
            runs[package].append({k: 1000 * v / sentences for k, v in times.items()})
    report = {}
    for package, reps in runs.items():
        med = {k: round(statistics.median(r[k] for r in reps), 3) for k in reps[0]}
        med["total"] = round(sum(med.values()), 3)
        report[package] = med
    print(json.dumps({"ms_per_sentence_median": report}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
