"""`flashpoint import` and `flashpoint export` end to end, on the project's own fixtures."""
from __future__ import annotations

import pyarrow.parquet as pq

from flashpoint.cli import main
from flashpoint.formats import gdelt, polecat
from flashpoint.store import Store
from tests.formats.helpers import fixture


def test_import_reports_bad_rows_and_keeps_the_rest(tmp_path, capsys) -> None:
    db, errors = tmp_path / "s.duckdb", tmp_path / "errors.txt"
    rc = main(["import", "gdelt", str(fixture("gdelt2_sample.export.tsv")), "--db", str(db),
               "--errors", str(errors)])
    err = capsys.readouterr().err
    assert rc == 1  # some rows were skipped
    assert "gdelt2_sample.export.tsv:5" in err and "gdelt2_sample.export.tsv:6" in err
    assert "5 rows read, 5 new, 2 malformed rows skipped" in err
    assert [line.split(": row skipped")[0].rsplit(":", 1)[1] for line in errors.read_text().splitlines()] == ["5", "6"]
    with Store(db, read_only=True) as store:
        assert store.mentions_arrow().num_rows == 5
        assert store.events_arrow(happened=None).num_rows == 4


def test_a_wrong_file_does_not_stop_the_others(tmp_path, capsys) -> None:
    db = tmp_path / "s.duckdb"
    rc = main(["import", "acled", str(fixture("polecat_sample.tsv")), str(fixture("acled_older.csv")), "--db", str(db)])
    err = capsys.readouterr().err
    assert rc == 1 and "lacks the ACLED columns" in err and "acled_older.csv: 4 rows read, 4 new" in err


def test_mentions_join_their_events(tmp_path, capsys) -> None:
    db = tmp_path / "s.duckdb"
    main(["import", "gdelt", str(fixture("gdelt2_sample.export.tsv")), "--db", str(db)])
    main(["import", "gdelt-mentions", str(fixture("gdelt_mentions_sample.tsv")), "--db", str(db)])
    err = capsys.readouterr().err
    assert "1 mention rows name GDELT events not in the store" in err
    with Store(db, read_only=True) as store:
        strike = [e for e in store.events_arrow(happened=None).to_pylist() if e["cameo"] == "190"]
    assert len(strike) == 1 and strike[0]["mention_count"] == 4  # two event rows, two more reports


def test_export_every_format(tmp_path, capsys) -> None:
    db = tmp_path / "s.duckdb"
    main(["import", "polecat", str(fixture("polecat_sample.tsv")), "--db", str(db)])
    main(["import", "gdelt", str(fixture("gdelt1_sample.export.tsv")), "--db", str(db)])
    for fmt in ("parquet", "csv", "gdelt", "polecat"):
        assert main(["export", "--format", fmt, "--db", str(db), "-o", str(tmp_path / f"out.{fmt}")]) == 0
    assert pq.read_table(tmp_path / "out.parquet").num_rows == 6
    assert len((tmp_path / "out.csv").read_text().splitlines()) == 7
    back = gdelt.read_events(tmp_path / "out.gdelt")
    assert back.rows == 6 and not back.errors
    assert {"300000001", "300000002"} <= set(back.table.column("origin_id").to_pylist())  # GDELT ids kept
    assert polecat.read_events(tmp_path / "out.polecat").rows == 6  # all six have a PLOVER type
    assert main(["export", "--format", "gdelt", "--db", str(db)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 6


def test_mentions_export_reimports_as_parquet(tmp_path) -> None:
    db, db2, out = tmp_path / "a.duckdb", tmp_path / "b.duckdb", tmp_path / "m.parquet"
    main(["import", "acled", str(fixture("acled_current.csv")), "--db", str(db)])
    assert main(["export", "--format", "parquet", "--rows", "mentions", "--db", str(db), "-o", str(out)]) == 0
    assert main(["import", "parquet", str(out), "--db", str(db2)]) == 0
    with Store(db, read_only=True) as a, Store(db2, read_only=True) as b:
        assert a.events_arrow(happened=None).equals(b.events_arrow(happened=None))


def test_parquet_export_needs_a_file(tmp_path, capsys) -> None:
    db = tmp_path / "s.duckdb"
    main(["import", "polecat", str(fixture("polecat_sample.tsv")), "--db", str(db)])
    assert main(["export", "--format", "parquet", "--db", str(db)]) == 2
    assert "add --output" in capsys.readouterr().err
