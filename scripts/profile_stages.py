"""Profile: CPU milliseconds per sentence for each spaCy component and each flashpoint stage,
on the first N Guardian stories, several repetitions (the minimum is reported: the host's speed
drifts, and the least disturbed run is the best estimate of the cost).
Run: PYTHONPATH=. .venv/bin/python scripts/profile_stages.py [--limit 120] [--repeat 3]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def spacy_times(nlp, texts: list[str], batch_size: int) -> tuple[dict[str, float], list]:
    """CPU seconds per component, running each component's pipe over all the docs in turn."""
    from flashpoint.stages.parse import one_blas_thread

    times: dict[str, float] = {}
    with one_blas_thread():
        c = time.process_time()
        docs = [nlp.make_doc(t) for t in texts]
        times["tokenizer"] = time.process_time() - c
        for name, proc in nlp.pipeline:
            c = time.process_time()
            docs = list(proc.pipe(docs, batch_size=batch_size)) if hasattr(proc, "pipe") \
                else [proc(d) for d in docs]
            times[name] = time.process_time() - c
    return times, docs


def stage_times(pipeline, docs) -> dict[str, float]:
    """CPU seconds per flashpoint stage after parse, documents run one by one as in Pipeline."""
    times: dict[str, float] = {}
    for stage in pipeline.stages[1:]:
        c = time.process_time()
        docs = [stage(d) for d in docs]
        times[stage.name] = time.process_time() - c
    return times


def main() -> int:
    from bench_coding import stories
    from flashpoint.coder import build_pipeline
    from flashpoint.stages.parse import attach

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=120)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--only", choices=("spacy", "stages"), default=None)
    args = ap.parse_args()
    pipeline = build_pipeline()
    list(pipeline.run(stories(2)))  # load the model and every table
    parser = pipeline.stages[0]
    raw = list(stories(args.limit))
    best: dict[str, float] = {}
    sentences = 0
    for _ in range(args.repeat):
        times: dict[str, float] = {}
        spacy_t, parsed = spacy_times(parser.nlp, [d.text for d in raw], parser.batch_size)
        docs = [attach(d, p) for d, p in zip(raw, parsed)]
        sentences = sum(len(d.sentences) for d in docs)
        if args.only != "stages":
            times.update(spacy_t)
        if args.only != "spacy":
            times.update(stage_times(pipeline, docs))
        for k, v in times.items():
            best[k] = min(best.get(k, v), v)
    ms = {k: round(1000 * v / sentences, 3) for k, v in best.items()}
    ms["total"] = round(sum(ms.values()), 3)
    print(json.dumps({"sentences": sentences, "ms_per_sentence": ms}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
