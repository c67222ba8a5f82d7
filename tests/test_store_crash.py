"""Crash safety without the model: a writer kills itself (SIGKILL) at chosen DuckDB calls, then resumes.

Every kill point, including the middle of a batch transaction and the middle of
the events refresh, must end, after a plain re-run, with the rows of a clean run.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from flashpoint.store import Store
from tests.test_store import snapshot

ROOT = Path(__file__).resolve().parents[1]

WRITER = r"""
import json, os, signal, sys
sys.path.insert(0, {root!r})
import pyarrow as pa
from flashpoint.schema import MENTION_SCHEMA
from flashpoint.store import Store
from tests.test_store import corpus, rows

class KillAt:
    '''Forwards to the DuckDB connection; SIGKILLs this process on call number `at`.'''
    def __init__(self, con, at):
        self.con, self.at, self.calls = con, at, []
    def __getattr__(self, name):
        attr = getattr(self.con, name)
        if name not in ("execute", "sql", "commit", "begin", "register"):
            return attr
        def call(*args, **kwargs):
            self.calls.append(" ".join([name, *str(args[0] if args else "").split()[:5]]))
            if len(self.calls) == self.at:
                os.kill(os.getpid(), signal.SIGKILL)
            return attr(*args, **kwargs)
        return call

store = Store(sys.argv[1])
store.con = KillAt(store.con, int(sys.argv[2]))
if len(sys.argv) > 3:  # GDELT (.tsv) or ICEWS (.tab) files loaded directly from the scan, each merged after its load
    from flashpoint.formats import streamer
    for path in sys.argv[3:]:
        streamer("icews" if path.endswith(".tab") else "gdelt")(path).load_into(store)
        store.refresh_events()
    print(json.dumps(store.con.calls))
    sys.exit(0)
data = pa.Table.from_pylist(rows(60, seed=11), schema=MENTION_SCHEMA)
store.add_coded(corpus()[:2])
store.load_mentions(data.slice(0, 30), chunk_rows=10, refresh=False)
store.refresh_events()
store.add_coded(corpus()[2:])
store.load_mentions(data.slice(30), chunk_rows=10)
print(json.dumps(store.con.calls))
"""


def run_writer(db: Path, kill_at: int, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", WRITER.format(root=str(ROOT)), str(db), str(kill_at),
                           *map(str, files)], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    db = tmp_path_factory.mktemp("crash") / "clean.duckdb"
    done = run_writer(db, 0)
    assert done.returncode == 0, done.stderr
    return db, json.loads(done.stdout.splitlines()[-1])


# Calls to die on (the first and the last of each): inside a batch transaction, inside a refresh.
KILL_POINTS = ["execute INSERT INTO mentions", "execute INSERT INTO documents", "commit",
               "execute DELETE FROM pending_documents", "execute DELETE FROM pending_rows",
               "execute DELETE FROM event_mentions", "execute INSERT INTO events", "execute DELETE FROM pending_blocks"]


def test_the_writer_reaches_every_kill_point(clean):
    calls = clean[1]
    for point in KILL_POINTS:
        assert sum(c.startswith(point) for c in calls) >= 2, point


@pytest.mark.parametrize("which", [0, -1])
@pytest.mark.parametrize("point", KILL_POINTS)
def test_kill_then_rerun_gives_the_clean_rows(clean, tmp_path, point, which):
    db, calls = clean
    kill_at = [i + 1 for i, c in enumerate(calls) if c.startswith(point)][which]
    target = tmp_path / "killed.duckdb"
    killed = run_writer(target, kill_at)
    assert killed.returncode == -9, f"the writer should have died at call {kill_at}: {killed.stderr}"
    resumed = run_writer(target, 0)
    assert resumed.returncode == 0, resumed.stderr
    with Store(target, read_only=True) as after, Store(db, read_only=True) as expected:
        assert snapshot(after) == snapshot(expected)


# A direct load (Store.load_query): the file's rows, then their queue entries, in one transaction.
DIRECT_POINTS = ["execute INSERT INTO mentions", "execute INSERT OR IGNORE INTO pending_blocks",
                 "execute INSERT INTO pending_rows", "commit"]


@pytest.fixture(scope="module")
def gdelt_files(tmp_path_factory):
    """Two GDELT files; a report in the second merges with an event of the first."""
    tmp = tmp_path_factory.mktemp("direct")
    lines = (ROOT / "tests" / "fixtures" / "formats" / "gdelt2_sample.export.tsv").read_text().splitlines(True)
    files = [tmp / "a.tsv", tmp / "b.tsv"]
    files[0].write_text(lines[0] + lines[2])
    files[1].write_text("".join(lines[1:2] + lines[3:]))
    db = tmp / "clean.duckdb"
    done = run_writer(db, 0, *files)
    assert done.returncode == 0, done.stderr
    return files, db, json.loads(done.stdout.splitlines()[-1])


@pytest.fixture(scope="module")
def icews_files(tmp_path_factory):
    """Two ICEWS files (country names and sectors mapped by joins in the load's statement)."""
    tmp = tmp_path_factory.mktemp("direct_icews")
    lines = (ROOT / "tests" / "fixtures" / "formats" / "icews_sample.tab").read_text().splitlines(True)
    files = [tmp / "a.tab", tmp / "b.tab"]
    files[0].write_text("".join(lines[:2]))
    files[1].write_text("".join(lines[:1] + lines[2:4]))
    db = tmp / "clean.duckdb"
    done = run_writer(db, 0, *files)
    assert done.returncode == 0, done.stderr
    return files, db, json.loads(done.stdout.splitlines()[-1])


@pytest.mark.parametrize("which", [0, -1])
@pytest.mark.parametrize("point", DIRECT_POINTS)
@pytest.mark.parametrize("fmt", ["gdelt", "icews"])
def test_a_direct_load_killed_then_rerun_gives_the_clean_rows(request, tmp_path, fmt, point, which):
    files, db, calls = request.getfixturevalue(f"{fmt}_files")
    kill_at = [i + 1 for i, c in enumerate(calls) if c.startswith(point)][which]
    target = tmp_path / "killed.duckdb"
    assert run_writer(target, kill_at, *files).returncode == -9
    resumed = run_writer(target, 0, *files)
    assert resumed.returncode == 0, resumed.stderr
    with Store(target, read_only=True) as after, Store(db, read_only=True) as expected:
        assert snapshot(after) == snapshot(expected)
        assert after.counts()["events"] == (4 if fmt == "gdelt" else 3)  # GDELT: five rows, two of one strike
