"""Backtests saved beside the store: one record per unordered dyad, replaced, written whole."""
from __future__ import annotations

import json
import threading

import pyarrow as pa
import pytest

from flashpoint.analytics.saved_backtests import backtests_path, save_backtests, saved_backtest
from flashpoint.cli import main
from flashpoint.errors import StoreError
from flashpoint.schema import MENTION_SCHEMA
from flashpoint.store import Store

from tests.analytics.test_backtest import synthetic_rows


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("saved") / "s.duckdb"
    with Store(path) as st:
        st.load_mentions(pa.Table.from_pylist(synthetic_rows(days=150), schema=MENTION_SCHEMA))
    return path


def backtest(db, out, *args):
    assert main(["backtest", "--db", str(db), "--json", str(out), *args]) == 0
    return json.loads(out.read_text())


def test_the_command_saves_what_json_writes_and_a_rerun_replaces_that_dyad_only(store, tmp_path):
    assert saved_backtest(store, "AAA", "BBB") is None
    first = backtest(store, tmp_path / "1.json", "--dyad", "AAA", "BBB", "--dyad", "CCC", "DDD",
                     "--from", "2020-04-01", "--to", "2020-04-30")
    assert backtests_path(store).parent == store.parent
    assert saved_backtest(store, "AAA", "BBB") == first[0] == saved_backtest(store, "BBB", "AAA")
    assert saved_backtest(store, "DDD", "CCC") == first[1]
    assert first[0]["from"] == "2020-04-01" and first[0]["to"] == "2020-04-30" and first[0]["origins"] == 30
    assert first[0]["forecaster"]["train_end"] == "2020-03-31"
    again = backtest(store, tmp_path / "2.json", "--dyad", "BBB", "AAA", "--from", "2020-05-01", "--to", "2020-05-10")
    got = saved_backtest(store, "AAA", "BBB")
    assert got == again[0] and got["dyad"] == ["BBB", "AAA"] and got["origins"] == 10
    assert saved_backtest(store, "CCC", "DDD") == first[1]
    data = json.loads(backtests_path(store).read_text())
    assert sorted(data["dyads"]) == ["AAA|BBB", "CCC|DDD"]
    assert not [p for p in store.parent.iterdir() if p.name.endswith(".tmp")]


def record(a: str, b: str, k: int) -> dict:
    return {"dyad": [a, b], "origins": k, "model": {"brier": 0.1, "log_loss": 0.3}}


def test_saves_at_once_keep_every_dyad(tmp_path):
    db = tmp_path / "c.duckdb"

    def save_many(side: str) -> None:
        for k in range(25):
            save_backtests(db, [record(side, f"X{k:02d}", k)])

    threads = [threading.Thread(target=save_many, args=(side,)) for side in ("AAA", "BBB")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    dyads = json.loads(backtests_path(db).read_text())["dyads"]
    assert len(dyads) == 50 and saved_backtest(db, "X07", "BBB") == record("BBB", "X07", 7)


def test_an_unreadable_file_is_an_error_naming_it_and_the_next_backtest_replaces_it(tmp_path):
    db = tmp_path / "u.duckdb"
    backtests_path(db).write_text('{"format": "something else"', encoding="utf-8")
    with pytest.raises(StoreError) as err:
        saved_backtest(db, "AAA", "BBB")
    assert err.value.where == str(backtests_path(db)) and "flashpoint backtest" in err.value.fix
    note = save_backtests(db, [record("AAA", "BBB", 3)])
    assert "unreadable" in note and saved_backtest(db, "BBB", "AAA") == record("AAA", "BBB", 3)
    backtests_path(db).write_text(json.dumps({"format": "flashpoint-backtests", "version": 99, "dyads": {}}))
    with pytest.raises(StoreError, match="version 99"):
        saved_backtest(db, "AAA", "BBB")


def test_a_record_with_nothing_scored_is_valid_json(store, tmp_path):
    # origins at the store's end: no window has closed, so no score (None, never NaN)
    got = backtest(store, tmp_path / "end.json", "--dyad", "EEE", "FFF", "--from", "2020-05-27", "--to", "2020-05-29")
    assert got[0]["scored"] == 0 and got[0]["model"]["brier"] is None
    assert json.loads(backtests_path(store).read_text(), parse_constant=pytest.fail)["dyads"]["EEE|FFF"] == got[0]


def test_files_beside_the_store_are_written_whole_and_readable_as_the_store_is(tmp_path):
    import stat

    from flashpoint.analytics.beside import FILE_MODE, write_whole

    db = tmp_path / "s.duckdb"
    save_backtests(db, [{"dyad": ["A", "B"], "horizon": 7}])
    assert stat.S_IMODE(backtests_path(db).stat().st_mode) == FILE_MODE   # not mkstemp's owner-only 0600
    target = tmp_path / "model.joblib"
    target.write_text("old")

    def fail(tmp):
        tmp.write_text("half")
        raise OSError("disk full")

    with pytest.raises(OSError):
        write_whole(target, fail)
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []
