"""Files a command is asked to write: a missing folder, a folder given as the file, or a read-only
place is refused before the command does its work, with an error naming the option, the path and
the fix (no traceback), and the store is left as it was."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pyarrow as pa
import pytest

from flashpoint.cli import main
from flashpoint.schema import MENTION_SCHEMA
from flashpoint.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "formats"


@pytest.fixture()
def store_path(tmp_path):
    db = tmp_path / "s.duckdb"
    rows = [{"mention_id": f"t:{i}", "doc_id": f"d{i}", "origin": "test", "source_country": "USA",
             "target_country": "IRN", "cameo": "190", "plover_type": "ASSAULT", "goldstein": -10.0,
             "quad_class": 4, "date": dt.date(2020, 1, 1) + dt.timedelta(days=3 * i), "date_precision": "day",
             "evidence_text": f"story {i}"} for i in range(40)]
    with Store(db) as store:
        store.load_mentions(pa.Table.from_pylist(rows, schema=MENTION_SCHEMA))
    return db


def commands(db: Path, out: str) -> list[list[str]]:
    base = ["--db", str(db)]
    return [["events", *base, "--format", "csv", "--output", out],
            ["events", *base, "--format", "parquet", "--output", out],
            ["export", *base, "--format", "csv", "--output", out],
            ["export", *base, "--format", "parquet", "--output", out],
            ["export", *base, "--format", "gdelt", "--output", out],
            ["escalation", *base, "--dyad", "USA", "IRN", "--no-forecast", "--series-out", out + ".csv"],
            ["escalation", *base, "--dyad", "USA", "IRN", "--no-forecast", "--plot", out + ".png"],
            ["backtest", *base, "--dyad", "USA", "IRN", "--from", "2020-03-01", "--to", "2020-04-01",
             "--json", out + ".json"]]


def option_of(argv: list[str]) -> str:
    return next(a for a in argv if a in ("--output", "--series-out", "--plot", "--json"))


def test_a_missing_folder_is_refused_with_the_option_and_a_fix(store_path, tmp_path, capsys):
    out = str(tmp_path / "no" / "such" / "folder" / "out")
    for argv in commands(store_path, out):
        rc = main(argv)
        err = capsys.readouterr().err
        assert rc == 2, (argv, err)
        assert "[E150]" in err and option_of(argv) in err and "does not exist" in err and "Fix:" in err, err
    assert not (tmp_path / "no").exists()


def test_a_folder_given_as_the_file_is_refused(store_path, tmp_path, capsys):
    folder = tmp_path / "a_folder"
    folder.mkdir()
    for argv in commands(store_path, str(folder))[:5]:  # the options that take the name as given
        assert main(argv) == 2, argv
        assert "is a folder, not a file" in capsys.readouterr().err


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes everywhere; run as a normal user to check this")
def test_a_read_only_folder_is_refused(store_path, tmp_path, capsys):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        assert main(["events", "--db", str(store_path), "--output", str(folder / "x.csv")]) == 2
    finally:
        folder.chmod(0o755)
    assert "no permission" in capsys.readouterr().err


def test_import_refuses_an_unwritable_errors_file_before_importing(tmp_path, capsys):
    db = tmp_path / "i.duckdb"
    errors = tmp_path / "missing" / "errors.txt"
    rc = main(["import", "gdelt", str(FIXTURES / "gdelt2_sample.export.tsv"), "--db", str(db),
               "--errors", str(errors), "--quiet"])
    err = capsys.readouterr().err
    assert rc == 2 and "[E150] --errors" in err and "Traceback" not in err, err
    assert not db.exists()  # refused before the store was opened: nothing imported, nothing to lose
