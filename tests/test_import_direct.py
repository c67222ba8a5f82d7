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


def test_a_document_spread_over_two_direct_loads_counts_every_row_of_it(tmp_path):
    """Line 4 is given the article (URL) of line 1 and arrives in the second file: its document row
    is grouped from the second load's rows and the stored one together, the same whether the
    store merged between the files (one queued range) or not (two), and as batch by batch."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = lines[3].rstrip("\n").split("\t")
    url = cells[60] = lines[0].rstrip("\n").split("\t")[60]
    lines[3] = "\t".join(cells) + "\n"
    whole = tmp_path / "whole.tsv"
    whole.write_text("".join(lines), encoding="utf-8")
    first, second = split(tmp_path, whole, [[1, 3], [2, 4, 5, 6, 7]])
    expected = batch_load(tmp_path / "batches.duckdb", whole)
    for between in (True, False):
        with Store(tmp_path / f"direct_{between}.duckdb") as store:
            for path in (first, second):
                assert gdelt.stream_events(path).load_into(store) > 0
                if between:
                    store.refresh_events()
            store.refresh_events()
            assert snapshot(store) == expected
            shared = store.con.execute("SELECT n_mentions FROM documents WHERE doc_id = ?", [url]).fetchall()
        assert shared == [(2,)]


def test_a_file_that_repeats_an_id_keeps_one_row_for_it(tmp_path):
    """A repeated GLOBALEVENTID cannot go in directly (the check after the insert finds it): batch by batch instead."""
    twice, = split(tmp_path, SAMPLE, [[1, 2, 1, 3]])
    with Store(tmp_path / "twice.duckdb") as store:
        stream = gdelt.stream_events(twice)
        assert stream.load_into(store) == 3
        assert stream.rows == 4
        store.refresh_events()
        assert store.counts()["mentions"] == 3


def keyed_store(path):
    """A store as versions before the keyless ``mentions`` made it: a key on mention_id."""
    import duckdb

    from flashpoint.schema import MENTION_SCHEMA
    from flashpoint.store.ddl import columns_sql

    con = duckdb.connect(str(path))
    con.execute(f"CREATE TABLE mentions ({columns_sql(MENTION_SCHEMA, key='mention_id')})")
    con.close()
    return Store(path)


def test_mentions_have_no_key_and_an_older_keyed_store_loads_the_same_rows(tmp_path):
    """A new store keeps ids unique without an index; one made with the key still opens and gets
    the same tables, loading a file directly, again, and a file that repeats an id."""
    twice, = split(tmp_path, SAMPLE, [[1, 2, 1, 3]])
    tables = []
    for store in (Store(tmp_path / "new.duckdb"), keyed_store(tmp_path / "old.duckdb")):
        with store:
            for path in (SAMPLE, SAMPLE, twice):
                gdelt.stream_events(path).load_into(store)
                store.refresh_events()
            tables.append((store.keyed_mentions, store.counts()["mentions"], snapshot(store)))
    assert [t[0] for t in tables] == [False, True]
    assert tables[0][1:] == tables[1][1:]
    assert tables[0][1] == gdelt.read_events(SAMPLE).rows
