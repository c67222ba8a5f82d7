"""Dump the coded events of the first N Guardian stories as JSONL, to diff before/after a
speed change (the output of a speed-up must be identical).
Run: PYTHONPATH=. .venv/bin/python scripts/dump_reference.py OUT.jsonl [--limit 120]
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> int:
    from bench_coding import stories
    from flashpoint.coder import build_pipeline
    from flashpoint.pipeline import Failure

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out")
    ap.add_argument("--limit", type=int, default=120)
    args = ap.parse_args()
    with open(args.out, "w", encoding="utf-8") as fh:
        for item in build_pipeline().run(stories(args.limit)):
            if isinstance(item, Failure):
                fh.write(json.dumps({"failure": str(item)}) + "\n")
                continue
            for event in item.events:
                fh.write(json.dumps(dataclasses.asdict(event), default=str, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
