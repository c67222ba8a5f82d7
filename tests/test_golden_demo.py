"""Golden end-to-end test on the project's own demo corpus.

tests/golden/demo_expected.jsonl lists events a careful human coder would take from each
report (and conditionals that must never count as happened). A failure shows every miss;
review the diff by reading the report, never by regenerating the file from the output.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from flashpoint.coder import code_paths
from flashpoint.pipeline import Failure
from tests.conftest import DEMO

pytestmark = pytest.mark.model
EXPECTED = Path(__file__).parent / "golden" / "demo_expected.jsonl"


@pytest.fixture(scope="module")
def demo_events():
    events: dict[str, list[dict]] = {}
    for item in code_paths([DEMO]):
        assert not isinstance(item, Failure), str(item)
        events[item.id] = [e.to_record() for e in item.events]
    return events


def matches(rec: dict, want: dict) -> bool:
    if "cameo" in want and rec["cameo"] != want["cameo"]:
        return False
    if "root" in want and not rec["cameo"].startswith(want["root"]):
        return False
    for side in ("source", "target"):
        for key in ("country", "sector", "proxy_of"):
            k = f"{side}_{key}"
            if k in want and (rec[side] or {}).get(key) != want[k]:
                return False
    if "trigger" in want and rec["trigger"] != want["trigger"]:
        return False
    if "date" in want and rec["date"] != want["date"]:
        return False
    if "date_precision" in want and rec["date_precision"] != want["date_precision"]:
        return False
    if "place_country" in want and want["place_country"] not in {p["country"] for p in rec["locations"]}:
        return False
    if "place_countries" in want and sorted({p["country"] for p in rec["locations"]}) != want["place_countries"]:
        return False  # exactly where it happened: the places only mentioned are not the event's
    happened = rec["modality"] in {"asserted", "claimed"}
    return "happened" not in want or want["happened"] == happened or not want["happened"]


def test_demo_corpus_golden_events(demo_events):
    expected = [json.loads(line) for line in EXPECTED.read_text(encoding="utf-8").splitlines() if line]
    misses = []
    for want in expected:
        recs = demo_events.get(want["doc_id"], [])
        if want.get("happened") is False:
            bad = [r for r in recs if matches(r, want) and r["modality"] in {"asserted", "claimed"}]
            if bad:
                misses.append(f"{want['doc_id']}: counted as happened: {want['why']}")
        elif not any(matches(r, want) for r in recs):
            misses.append(f"{want['doc_id']}: missing: {want['why']}")
    assert not misses, "\n".join(misses)


def test_every_demo_report_is_coded(demo_events):
    assert len(demo_events) == 30
    assert sum(1 for evs in demo_events.values() if evs) >= 25
