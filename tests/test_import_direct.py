"""Direct loads: a GDELT file's rows go from DuckDB's scan straight into the store
(ImportStream.load_into, Store.load_query), with the tables, row counts and bad-line errors of
the batch-by-batch load, on a new store, on a store that already holds the rows, and when a
second file's rows merge with stored events."""
from __future__ import annotations

import pytest

from flashpoint.formats import gdelt
from flashpoint.store import Store
from tests.formats.helpers import fixture, shared_file
from tests.test_store import snapshot

SAMPLE = fixture("gdelt2_sample.export.tsv")


def batch_load(db, *paths, batch_rows=2):
    """The reference: every file batch by batch, merged after each."""
    with Store(db) as store:
        for path in paths:
            store.load_stream(gdelt.stream_events(path, batch_rows=batch_rows))
        return snapshot(store)


def split(tmp_path, path, parts):
    """The lines of `path` in files, part k holding the lines whose number is in parts[k]."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    out = []
    for k, numbers in enumerate(parts):
        part = tmp_path / f"part{k}.tsv"
        part.write_text("".join(lines[n - 1] for n in numbers), encoding="utf-8")
        out.append(part)
    return out


@pytest.mark.parametrize("path", [SAMPLE, "events2samps.csv"])
def test_a_direct_load_gives_the_tables_rows_and_errors_of_a_batch_load(tmp_path, path):
    path = path if path == SAMPLE else shared_file(path)
    expected = batch_load(tmp_path / "batches.duckdb", path, batch_rows=2 if path == SAMPLE else 1000)
    with Store(tmp_path / "direct.duckdb") as store:
        stream = gdelt.stream_events(path)
        seen = []
        added = stream.load_into(store, progress=seen.append)
        store.refresh_events()
        assert snapshot(store) == expected
    reference = gdelt.read_events(path)
    assert added == stream.rows == reference.rows > 0
    assert [str(e) for e in stream.errors] == [str(e) for e in reference.errors]
    assert sum(seen) <= (stream.estimated_rows or 0)


def test_loading_a_file_again_adds_nothing_and_keeps_the_tables(tmp_path):
    with Store(tmp_path / "again.duckdb") as store:
        gdelt.stream_events(SAMPLE).load_into(store)
        store.refresh_events()
        first = snapshot(store)
        stream = gdelt.stream_events(SAMPLE)
        assert stream.load_into(store) == 0  # every id is stored: loaded batch by batch, none new
        store.refresh_events()
        assert snapshot(store) == first
    assert stream.rows == gdelt.read_events(SAMPLE).rows
    assert len(stream.errors) == 2


def test_a_second_file_merges_with_stored_events_as_one_load_would(tmp_path):
    """Lines 1 and 2 are reports of one strike: line 2 arrives in the second file."""
    first, second = split(tmp_path, SAMPLE, [[1, 3], [2, 4, 5, 6, 7]])
    with Store(tmp_path / "two.duckdb") as store:
        gdelt.stream_events(first).load_into(store)
        store.refresh_events()
        assert store.counts()["events"] == 2
        gdelt.stream_events(second).load_into(store)
        store.refresh_events()
        assert snapshot(store) == batch_load(tmp_path / "one.duckdb", SAMPLE)
        merged = store.mentions(event_id="gdelt:1000000001")
    assert sorted(merged["mention_id"]) == ["gdelt:1000000001", "gdelt:1000000002"]


def test_a_file_that_repeats_an_id_keeps_one_row_for_it(tmp_path):
    """A repeated GLOBALEVENTID cannot go in directly (the key refuses it): batch by batch instead."""
    twice, = split(tmp_path, SAMPLE, [[1, 2, 1, 3]])
    with Store(tmp_path / "twice.duckdb") as store:
        stream = gdelt.stream_events(twice)
        assert stream.load_into(store) == 3
        assert stream.rows == 4
        store.refresh_events()
        assert store.counts()["mentions"] == 3
