"""`flashpoint ingest` and `flashpoint events` end to end on the demo corpus, with the real pipeline.

Idempotence (a re-run adds nothing) and crash safety (kill -9 of an ingest at
a random point, then a resumed run, ends with exactly the rows of a clean run).
"""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from flashpoint.cli import main
from flashpoint.store import Store

from tests.conftest import DEMO

pytestmark = pytest.mark.model
TABLES = ("documents", "mentions", "events", "event_mentions", "pending_blocks", "pending_documents", "pending_rows")


def snapshot(path: Path) -> dict[str, list[tuple]]:
    with Store(path, read_only=True) as store:
        return {t: sorted(store.con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}


def run_ingest(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flashpoint", "ingest", *args], capture_output=True, text=True,
                          timeout=600)


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> tuple[Path, float]:
    """A clean, uninterrupted ingest of the demo corpus (and how long it took)."""
    db = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    t0 = time.monotonic()
    done = run_ingest(str(DEMO), "--db", str(db), "--batch-size", "3")
    assert done.returncode == 0, done.stderr
    return db, time.monotonic() - t0


def test_ingest_stores_every_document_with_provenance(clean):
    db, _ = clean
    with Store(db, read_only=True) as store:
        counts = store.counts()
        assert counts["documents"] == 30 and counts["failed"] == 0
        assert 0 < counts["events"] <= counts["mentions"]
        docs = store.documents()
        assert docs.origin.str.startswith(str(DEMO)).all() and docs.url.notna().all()
        m = store.mentions()
        assert m.event_id.notna().all()
        assert (m.evidence_end > m.evidence_start).all() and m.evidence_text.str.len().gt(0).all()
        assert store.con.execute("SELECT sum(mention_count) FROM events").fetchall()[0][0] == counts["mentions"]


def test_reingest_adds_nothing(clean, tmp_path):
    db = tmp_path / "again.duckdb"
    db.write_bytes(clean[0].read_bytes())
    before = snapshot(db)
    assert main(["ingest", str(DEMO), "--db", str(db), "--quiet"]) == 0
    assert snapshot(db) == before


def test_kill_9_at_a_random_point_then_resume_gives_the_clean_rows(clean, tmp_path):
    db, clean_seconds = clean
    seed = int(os.environ.get("FLASHPOINT_KILL_SEED", random.randrange(10**6)))
    rng = random.Random(seed)
    target = tmp_path / "killed.duckdb"
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "flashpoint", "ingest", str(DEMO), "--db", str(target),
                             "--batch-size", "1", "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # a random point between model loading and the end of a clean run: mostly mid-coding or mid-write
    time.sleep(max(0.0, rng.uniform(0.35, 0.95) * clean_seconds - (time.monotonic() - started)))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    resumed = run_ingest(str(DEMO), "--db", str(target), "--batch-size", "4")
    assert resumed.returncode == 0, f"seed {seed}: {resumed.stderr}"
    assert snapshot(target) == snapshot(db), f"kill seed {seed} (set FLASHPOINT_KILL_SEED to replay)"


def test_a_failing_document_is_recorded_and_the_rest_are_stored(tmp_path):
    corpus = tmp_path / "mixed.jsonl"
    good = json.loads(DEMO.read_text(encoding="utf-8").splitlines()[0])
    corpus.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({"id": "empty", "text": " "}) + "\n",
                      encoding="utf-8")
    db = tmp_path / "mixed.duckdb"
    assert main(["ingest", str(corpus), "--db", str(db), "--quiet"]) == 1
    with Store(db, read_only=True) as store:
        docs = store.documents().set_index("doc_id")
    assert docs.loc[good["id"], "status"] == "ok"
    failed = docs[docs.status == "failed"]
    assert len(failed) == 2 and failed.error.str.contains("E106|E102").all()
    assert any(":2" in o for o in failed.origin)


def test_events_command_formats(clean, tmp_path, capsys):
    db = str(clean[0])
    with Store(db, read_only=True) as store:  # the most reported event between two countries
        top_id, src, tgt = store.con.execute(
            """SELECT event_id, source_country, target_country FROM events WHERE happened
               AND source_country IS NOT NULL AND target_country IS NOT NULL
               ORDER BY mention_count DESC, event_id LIMIT 1""").fetchall()[0]
    dyad = ["--dyad", src, tgt, "--from", "2019-12-01", "--to", "2020-01-31"]
    assert main(["events", "--db", db, *dyad, "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert top_id in {r["event_id"] for r in rows}
    assert all(r["happened"] and "2019-12-01" <= r["date"] <= "2020-01-31" for r in rows)
    assert main(["events", "--db", db, *dyad, "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("event_id,source_country")
    out = tmp_path / "ev.parquet"
    assert main(["events", "--db", db, *dyad, "--format", "parquet", "-o", str(out)]) == 0
    assert pq.read_table(out).column("event_id").to_pylist() == [r["event_id"] for r in rows]
    assert main(["events", "--db", db, *dyad]) == 0
    assert "events" in capsys.readouterr().out


def test_events_on_a_missing_store_is_a_clear_error(tmp_path, capsys):
    assert main(["events", "--db", str(tmp_path / "none.duckdb")]) == 2
    assert "flashpoint ingest" in capsys.readouterr().err


def test_dask_and_workers_options_exclude_each_other(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["ingest", str(DEMO), "--db", str(tmp_path / "x.duckdb"), "--dask", "tcp://127.0.0.1:8786",
              "--workers", "2"])
    assert exit_.value.code == 2 and "not allowed with" in capsys.readouterr().err


def test_ingest_names_each_bad_record_with_its_line_and_fix(tmp_path, capsys):
    src = tmp_path / "mixed.jsonl"
    src.write_text('{"id": "a", "text": "Rebels attacked an army post near the border on Monday.", "date": "2021-03-01"}\n'
                   '{"id": "b", "text":\n'
                   '{"id": "c", "text": "Police detained twelve protesters.", "date": "soon"}\n', encoding="utf-8")
    assert main(["ingest", str(src), "--db", str(tmp_path / "s.duckdb"), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert f"{src}:2" in err and f'{src}:3 field "date"' in err and err.count("Fix:") == 2
    assert "(2 failed)" in err


def test_ingest_prints_the_first_failures_and_counts_the_rest(tmp_path, capsys, monkeypatch):
    import flashpoint.scale as scale

    monkeypatch.setattr(scale, "MAX_ERRORS", 2)
    src = tmp_path / "bad.jsonl"
    src.write_text("".join(f'{{"id": "x{i}", "text":\n' for i in range(5)), encoding="utf-8")
    assert main(["ingest", str(src), "--db", str(tmp_path / "s.duckdb"), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert err.count("flashpoint: error:") == 2 and "and 3 more failure(s)" in err
