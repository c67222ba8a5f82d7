"""Progress of long commands: an import names its phases (loading each file, deriving documents,
preparing the merge, merging reports into events) and moves through each of them, on a terminal
only; reporting progress never changes the stored tables. `code` over several files shows
documents done on a terminal.
"""
from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from flashpoint.formats import gdelt
from flashpoint.store import Store, documents, merge
from tests.formats.helpers import fixture
from tests.test_store import snapshot

SAMPLE = fixture("gdelt2_sample.export.tsv")
ICEWS = fixture("icews_sample.tab")
PHASES = ["deriving documents", "preparing the merge", "merging reports into events"]


class Recorder:
    """A :class:`flashpoint.progress.Phased` callback that keeps what it is told."""

    def __init__(self) -> None:
        self.phases: list[tuple[str, int | None, str]] = []
        self.counts: list[list[int]] = [[]]

    def start(self, label: str, total: int | None, *, unit: str) -> None:
        self.phases.append((label, total, unit))
        self.counts.append([])

    def __call__(self, n: int) -> None:
        self.counts[-1].append(n)


def on_terminal(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run ``python -m flashpoint ARGS`` with standard error on a pseudo-terminal; its exit code and
    what the terminal received."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "flashpoint", *args], stdout=subprocess.DEVNULL,
                            stderr=slave, env={**os.environ, "COLUMNS": "200", **(env or {})})
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 1 << 16)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    return proc.wait(timeout=600), out.decode("utf-8", errors="replace")


def test_an_import_reports_each_phase_and_its_rows_and_keeps_the_tables(tmp_path):
    with Store(tmp_path / "plain.duckdb") as store:
        gdelt.stream_events(SAMPLE).load_into(store)
        store.refresh_events()
        expected = snapshot(store)
    seen = Recorder()
    with Store(tmp_path / "shown.duckdb") as store:
        stream = gdelt.stream_events(SAMPLE)
        added = stream.load_into(store, progress=seen)
        store.refresh_events(progress=seen)
        assert snapshot(store) == expected
        mentions = store.counts()["mentions"]
    assert [p[0] for p in seen.phases] == [f"loading {SAMPLE.name}", *PHASES]
    loading, _, _, merging = seen.counts[1:]
    assert sum(loading) == added == stream.rows > 0
    assert seen.phases[-1] == ("merging reports into events", mentions, "mentions")
    assert sum(merging) == mentions and len(merging) > 1  # the merge moves in steps, not once at its end
    assert sum(len(c) for c in seen.counts) > 2


def test_a_merge_of_many_chunks_advances_through_each_and_merges_as_without_progress(tmp_path):
    tables = []
    for name, seen in (("plain", None), ("shown", Recorder())):
        with Store(tmp_path / f"{name}.duckdb") as store:
            gdelt.stream_events(SAMPLE).load_into(store)
            documents.derive_documents(store.con)
            merge.refresh_events(store.con, store.rule, chunk_mentions=1, progress=seen)
            tables.append(snapshot(store))
            mentions = store.counts()["mentions"]
            dyads = store.con.execute("SELECT count(DISTINCT (coalesce(source_country, source_sector, ''), "
                                      "coalesce(target_country, target_sector, ''))) FROM mentions").fetchall()[0][0]
    assert tables[0] == tables[1]
    merging = seen.counts[-1]
    assert sum(merging) == mentions and len(merging) >= dyads > 1  # each chunk (here: one dyad) moves the bar


def test_a_plain_callback_gets_rows_and_mentions_without_phases(tmp_path):
    counts: list[int] = []
    with Store(tmp_path / "s.duckdb") as store:
        added = gdelt.stream_events(SAMPLE).load_into(store, progress=counts.append)
        store.refresh_events(progress=counts.append)
        mentions = store.counts()["mentions"]
    assert counts[0] == added and sum(counts[1:]) == mentions


def test_the_import_bar_names_its_phases_on_a_terminal(tmp_path):
    code, shown = on_terminal("import", "icews", str(ICEWS), "--db", str(tmp_path / "t.duckdb"))
    assert code == 1, shown  # the fixture has two malformed rows
    for label in (f"loading {ICEWS.name}", *PHASES):
        assert label in shown
    assert "mentions" in shown and "\x1b[" in shown  # drawn with the terminal's escape codes
    assert f"{ICEWS}: " in shown and "events" in shown  # the summary lines are still printed


@pytest.mark.parametrize("quiet", [False, True])
def test_import_output_stays_clean_when_not_a_terminal_or_quiet(tmp_path, quiet):
    args = ["import", "gdelt", str(SAMPLE), "--db", str(tmp_path / "q.duckdb")] + (["--quiet"] * quiet)
    if quiet:
        _, err = on_terminal(*args)
    else:
        err = subprocess.run([sys.executable, "-m", "flashpoint", *args], capture_output=True, text=True,
                             timeout=600).stderr
    assert not re.search(r"\x1b\[|loading |merging reports|deriving documents", err), err
    assert f"{SAMPLE}: 5 rows read, 5 new, 2 malformed rows skipped" in err


@pytest.mark.model
def test_code_over_several_files_shows_documents_done_on_a_terminal(tmp_path):
    folder = stories(tmp_path / "news")
    code, shown = on_terminal("code", str(folder), "--date", "2024-03-04")
    assert code == 0, shown
    assert "coding" in shown and re.search(r"\d/3 docs", shown), shown


def stories(folder: Path) -> Path:
    """Three short invented stories, one file each."""
    folder.mkdir()
    for k, text in enumerate(["Ruritanian troops shelled a border post in Freedonia on Monday.",
                              "The Freedonian minister met his Ruritanian counterpart in Geneva.",
                              "Freedonia expelled two Ruritanian diplomats on Tuesday."]):
        (folder / f"story{k}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.model
def test_ingest_reports_documents_then_the_merge_to_a_bar_of_phases(tmp_path):
    from flashpoint.scale import ingest

    seen, plain = Recorder(), []
    with Store(tmp_path / "a.duckdb") as store:
        ingest([str(stories(tmp_path / "a"))], store, date="2024-03-04", progress=seen)
        mentions = store.counts()["mentions"]
    with Store(tmp_path / "b.duckdb") as store:  # a plain callback counts documents only
        ingest([str(stories(tmp_path / "b"))], store, date="2024-03-04", progress=plain.append)
    assert sum(seen.counts[0]) == sum(plain) == 3
    assert [p[0] for p in seen.phases] == PHASES and sum(seen.counts[-1]) == mentions
