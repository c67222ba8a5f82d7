"""The read path beside the writer: the server answers while another process imports into the store."""
from __future__ import annotations

import os
import subprocess
import sys
import time

from fastapi.testclient import TestClient

from flashpoint.store.snapshot import writer_pid
from flashpoint.store import Store
from flashpoint.web import create_app
from tests.conftest import ROOT
from tests.web.conftest import bench_module, generated_store


def test_writer_lock_is_seen_only_while_another_process_writes(tmp_path):
    db = generated_store(tmp_path / "s.duckdb", 200)
    assert writer_pid(db) is None
    code = f"from flashpoint.store import Store; s = Store({str(db)!r}); print('open', flush=True); input()"
    proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stdout.readline().strip() == "open"
    assert writer_pid(db) == proc.pid
    proc.communicate("\n", timeout=60)
    assert writer_pid(db) is None


def test_reads_succeed_during_an_import_and_see_it_when_it_ends(tmp_path):
    db = generated_store(tmp_path / "store.duckdb", 2000, seed=1)
    parquet = tmp_path / "more.parquet"
    bench_module().write_mentions(parquet, 150_000, seed=2)
    with Store(db, read_only=True) as store:
        before = store.counts()["events"]
    app = create_app(db, check_every=0)
    with TestClient(app) as client:
        assert client.get("/api/status").json()["events"] == before
        proc = subprocess.Popen([sys.executable, "-m", "flashpoint", "import", "parquet", str(parquet), "--db",
                                 str(db)], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                                stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 120
        while writer_pid(db) is None and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        reads = 0
        while writer_pid(db) is not None:         # the import holds the file: read through it
            for path in ("/api/status", "/api/events?limit=50", "/api/timeline?period=year",
                         "/api/dyads/USA/IRN/series?from=2020-01-01&to=2020-12-31"):
                resp = client.get(path)
                assert resp.status_code == 200, resp.text
            seen = client.get("/api/status").json()["events"]
            if writer_pid(db) is not None:        # still writing after that read: it saw the old snapshot
                assert seen == before
                reads += 1
        assert proc.wait(timeout=600) == 0, proc.stderr.read()
        assert reads >= 3, f"the import ended before the reads could overlap it ({reads} rounds)"
        status = client.get("/api/status").json()
        assert status["events"] > before and not status["writer_active"]
        with Store(db, read_only=True) as store:
            assert status["events"] == store.counts()["events"]


def test_the_server_never_keeps_the_store_from_a_writer(tmp_path):
    db = generated_store(tmp_path / "store.duckdb", 500)
    with TestClient(create_app(db)) as client:
        assert client.get("/api/events?limit=5").status_code == 200
        with Store(db) as store:          # a writer opens the file while the server runs
            assert store.counts()["events"] > 0
        assert client.get("/api/events?limit=5").status_code == 200
