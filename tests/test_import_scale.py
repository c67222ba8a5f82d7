"""Imports that stream: a file is read in batches of bounded size and merged in SQL; its path reaches
DuckDB literally; only regular files are read. (Speed and peak memory are measured by
scripts/bench_formats.py --import, never asserted here.)"""
from __future__ import annotations

import os
import shutil

import pyarrow as pa
import pytest

from flashpoint.cli import main
from flashpoint.errors import FormatError, MissingPath
from flashpoint.formats import acled, gdelt, icews, polecat, streamer
from flashpoint.store import Store
from tests.formats.helpers import fixture
from tests.test_store import snapshot

SAMPLES = [(gdelt, "gdelt2_sample.export.tsv"), (icews, "icews_sample.tab"), (acled, "acled_current.csv"),
           (polecat, "polecat_sample.tsv")]


@pytest.mark.parametrize(("module", "name"), SAMPLES)
def test_a_stream_yields_small_batches_with_the_rows_and_errors_of_a_whole_read(module, name):
    whole = module.read_events(fixture(name))
    stream = module.stream_events(fixture(name), batch_rows=2)
    parts = list(stream)
    assert parts and max(p.num_rows for p in parts) <= 2
    key = ["mention_id"]
    assert pa.concat_tables(parts).sort_by([(k, "ascending") for k in key]).equals(
        whole.table.sort_by([(k, "ascending") for k in key]))
    assert [str(e) for e in stream.errors] == [str(e) for e in whole.errors]
    assert stream.rows == whole.rows


def test_streamed_loads_give_the_tables_of_one_whole_load(tmp_path):
    path = fixture("gdelt2_sample.export.tsv")
    with Store(tmp_path / "whole.duckdb") as whole:
        whole.load_mentions(gdelt.read_events(path).table)
        expected = snapshot(whole)
    with Store(tmp_path / "stream.duckdb") as streamed:
        seen = []
        streamed.load_stream(gdelt.stream_events(path, batch_rows=2), progress=seen.append)
        assert snapshot(streamed) == expected
        assert sum(seen) == 5 and max(seen) <= 2  # progress per batch, in rows


def test_a_file_name_with_glob_characters_is_read_literally(tmp_path):
    """`we*rd.tsv` once made DuckDB read every file matching the pattern."""
    for i in range(3):
        shutil.copy(fixture("icews_sample.tab"), tmp_path / f"weXXrd{i}.tsv")
    odd = tmp_path / "we*rd.tsv"
    shutil.copy(fixture("icews_sample.tab"), odd)
    alone = icews.read_events(fixture("icews_sample.tab"))
    result = icews.read_events(odd)
    assert result.rows == alone.rows
    assert all(str(odd) in e.where for e in result.errors)
    for name in ("we?rd.tsv", "we[x]rd.tsv", "we{a,b}rd.tsv"):
        shutil.copy(fixture("icews_sample.tab"), tmp_path / name)
        assert icews.read_events(tmp_path / name).rows == alone.rows


def test_a_glob_pattern_that_names_no_file_is_refused(tmp_path):
    shutil.copy(fixture("icews_sample.tab"), tmp_path / "real.tab")
    with pytest.raises(MissingPath):
        icews.read_events(tmp_path / "*.tab")


def test_a_fifo_or_a_device_is_refused_without_reading(tmp_path):
    fifo = tmp_path / "pipe.tsv"
    os.mkfifo(fifo)
    for path in (fifo, "/dev/zero", tmp_path):
        with pytest.raises(MissingPath, match="not a regular file"):
            gdelt.stream_events(path)


def test_every_format_has_a_stream_and_the_cli_imports_through_it(tmp_path, capsys):
    for fmt in ("gdelt", "gdelt-mentions", "icews", "acled", "polecat", "parquet"):
        assert callable(streamer(fmt))
    db = tmp_path / "s.duckdb"
    assert main(["import", "icews", str(fixture("icews_sample.tab")), "--db", str(db), "--quiet"]) in (0, 1)
    assert "rows read" in capsys.readouterr().err
    with Store(db, read_only=True) as store:
        assert store.counts()["mentions"] == icews.read_events(fixture("icews_sample.tab")).rows


def test_a_layout_error_found_while_streaming_names_the_users_file(tmp_path):
    odd = tmp_path / "b*d.tsv"
    odd.write_text("not\ta\tgdelt\tfile\n", encoding="utf-8")
    with pytest.raises(FormatError) as err:
        list(gdelt.stream_events(odd))
    assert str(odd) in str(err.value) and "/tmp/flashpoint-" not in str(err.value)


def test_estimated_rows_are_close_for_a_plain_file():
    stream = icews.stream_events(fixture("icews_sample.tab"))
    assert stream.estimated_rows == len(fixture("icews_sample.tab").read_text().splitlines()) - 1
