"""Outputs safe to open: CSV formula injection neutralised in every CSV writer, table output that
shows brackets as text, DuckDB errors as store errors with a fix, and reads that repair (or report)
merges an interrupted write left pending."""
from __future__ import annotations

import csv
import io

import pyarrow as pa
import pytest

from flashpoint.cli import main
from flashpoint.errors import StoreError
from flashpoint.formats.cells import safe_cell, safe_table
from flashpoint.formats.records import render_table, write_csv
from flashpoint.schema import MENTION_SCHEMA
from flashpoint.store import Store

HOSTILE = ["=HYPERLINK(\"http://x\",\"y\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


def mention(i: int, text: str, **more) -> dict:
    row = {"mention_id": f"t:{i}", "doc_id": f"d{i}", "origin": "test", "source_country": "USA",
           "target_country": "IRN", "cameo": "190", "plover_type": "ASSAULT", "goldstein": -10.0,
           "quad_class": 4, "date": None, "date_precision": "day", "evidence_text": text,
           "place_name": text, "source_text": text}
    row.update(more)
    return row


@pytest.fixture()
def hostile_store(tmp_path):
    import datetime as dt

    db = tmp_path / "s.duckdb"
    rows = [mention(i, text, date=dt.date(2020, 1, 1 + 5 * i)) for i, text in enumerate(HOSTILE)]
    rows += [mention(99 + i, text, date=dt.date(2020, 3, 1 + 5 * i))
             for i, text in enumerate(("[/b]", "[sic]", "[size=no report]"))]
    with Store(db) as store:
        store.load_mentions(pa.Table.from_pylist(rows, schema=MENTION_SCHEMA))
    return db


def cells(text: str) -> list[str]:
    return [c for row in csv.reader(io.StringIO(text)) for c in row]


def test_a_formula_cell_is_neutralised_and_numbers_are_not():
    for text in HOSTILE:
        assert safe_cell(text) == "'" + text
    assert safe_cell(-10.0) == -10.0 and safe_cell("Tehran") == "Tehran" and safe_cell(None) is None
    table = safe_table(pa.table({"t": HOSTILE + ["ok", None], "n": [-1.0] * 8}))
    assert table.column("t").to_pylist() == ["'" + t for t in HOSTILE] + ["ok", None]
    assert table.column("n").to_pylist() == [-1.0] * 8


def test_events_csv_and_export_csv_write_no_formula(hostile_store, tmp_path, capsys):
    assert main(["events", "--db", str(hostile_store), "--format", "csv", "--all"]) == 0
    out = capsys.readouterr().out
    assert main(["export", "--format", "csv", "--db", str(hostile_store), "-o", str(tmp_path / "x.csv")]) == 0
    exported = (tmp_path / "x.csv").read_text(encoding="utf-8")
    for text in (out, exported):
        values = cells(text)
        assert not [v for v in values if v.startswith(("=", "+", "@", "\t", "\r"))]
        assert "'=HYPERLINK(\"http://x\",\"y\")" in values and "'-2+3" in values
        assert {"-10", "-10.0"} & set(values)  # a number keeps its sign


def test_code_csv_writes_no_formula():
    record = {"cameo": "190", "plover_type": "ASSAULT", "modality": "asserted", "trigger": "x",
              "source": {"text": "=cmd()", "code": "USA"}, "target": {"text": "@evil", "code": "IRN"},
              "evidence": {"text": "+danger"}, "locations": []}
    out = io.StringIO()
    write_csv([record], out)
    values = cells(out.getvalue())
    assert not [v for v in values if v.startswith(("=", "+", "@"))]


def test_table_output_shows_brackets_as_text(hostile_store, capsys):
    assert main(["events", "--db", str(hostile_store), "--all"]) == 0
    out = capsys.readouterr().out
    assert "[/b]" in out and "[sic]" in out and "[size=no report]" in out
    assert "9 events" in out


def test_code_table_shows_brackets_as_text():
    record = {"cameo": "190", "plover_type": "ASSAULT", "modality": "asserted", "trigger": "said",
              "source": {"text": "[/b]", "code": "[bold]X"}, "evidence": {"text": "he said [sic] it"},
              "locations": [{"name": "[size=no report]"}]}
    out = io.StringIO()
    render_table([record], out)
    text = out.getvalue()
    assert "[sic]" in text and "[bold]X" in text and "[size=no report]" in text


def test_a_negative_limit_is_a_clear_error(hostile_store, capsys):
    with pytest.raises(SystemExit):
        main(["events", "--db", str(hostile_store), "--limit", "-1"])
    assert "not a whole number >= 0" in capsys.readouterr().err
    with Store(hostile_store, read_only=True) as store, pytest.raises(StoreError, match="limit"):
        store.events(limit=-1)


def corrupt_events_block(db) -> None:
    """Overwrite part of the first data block of the events table (DuckDB's layout: three 4 KB
    headers, then 256 KB blocks); the file still opens, reading events fails."""
    with Store(db, read_only=True) as store:
        block = store.con.execute("SELECT min(block_id) FROM pragma_storage_info('events') "
                                  "WHERE block_id >= 0").fetchall()[0][0]
        size = store.con.execute("PRAGMA database_size").fetchall()[0][2]
    with db.open("r+b") as fh:
        fh.seek(3 * 4096 + block * size + 5000)
        fh.write(b"\xff" * 1000)


def test_a_corrupt_data_block_is_a_store_error_with_a_fix(tmp_path, capsys):
    import datetime as dt

    db = tmp_path / "big.duckdb"
    rows = [mention(i, f"text {i} " * 20, date=dt.date(2020, 1, 1) + dt.timedelta(days=i % 300),
                    source_country=f"C{i % 97}") for i in range(20_000)]
    with Store(db) as store:
        store.load_mentions(pa.Table.from_pylist(rows, schema=MENTION_SCHEMA))
    corrupt_events_block(db)
    for argv in (["events", "--db", str(db), "--format", "jsonl"], ["export", "--format", "csv", "--db", str(db)],
                 ["escalation", "--dyad", "C1", "IRN", "--db", str(db)]):
        rc = main(argv)
        err = capsys.readouterr().err
        assert rc == 2, (argv, err)
        assert "[E500]" in err and "Fix:" in err, err


def test_a_read_completes_merges_an_interrupted_write_left(hostile_store, capsys):
    with Store(hostile_store) as store:
        events = store.counts()["events"]
        store.con.execute("DELETE FROM events")  # what a kill between the load and the refresh leaves
        store.con.execute("INSERT INTO pending_blocks VALUES ('USA', 'IRN')")
    with Store(hostile_store, read_only=True) as store:
        assert store.counts()["events"] == events
        assert store.notes and "pending" in store.notes[0]
    assert main(["events", "--db", str(hostile_store), "--format", "jsonl", "--all"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == events


def test_analysis_days_outside_what_pandas_holds_are_a_clear_error(hostile_store, capsys):
    base = ["--db", str(hostile_store), "--dyad", "USA", "IRN"]
    for argv in (["backtest", *base, "--from", "0001-01-01", "--to", "9999-12-31"],  # was a traceback
                 ["escalation", *base, "--from", "0001-01-01", "--to", "0001-02-01", "--no-forecast"]):
        rc = main(argv)
        err = capsys.readouterr().err
        assert rc == 2 and "[E700]" in err and "outside the days" in err and "1678-01-01" in err, (argv, err)
