"""Every pair's daily counts saved beside the store (issue 14): a report on a new day, which fits a forecaster
of its own, reads them from the file instead of the store while the store is unchanged, gets exactly what
the store's read gives, and never gets counts of an older state of the store."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pyarrow as pa
import pytest

from flashpoint.analytics.report import stored_report
from flashpoint.analytics.saved_counts import MARKER, counts_path, daily_counts
from flashpoint.schema import MENTION_SCHEMA
from flashpoint.store import Store
from tests.analytics.helpers import synthetic_rows

AS_OF = dt.date(2020, 6, 15)


def load(path, rows) -> None:
    with Store(path) as store:
        store.load_mentions(pa.Table.from_pylist(rows, schema=MENTION_SCHEMA))


def attack(k: int, day: dt.date, quad: int | None = 4) -> dict:
    return {"mention_id": f"new:{k}", "doc_id": f"new:{k}", "origin": "testset", "origin_id": f"new{k}",
            "source_country": "AAA", "target_country": "BBB", "cameo": "190", "quad_class": quad,
            "goldstein": -10.0, "date": day, "date_precision": "day"}


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "s.duckdb"
    load(path, synthetic_rows())
    return path


@pytest.fixture()
def reads(monkeypatch):
    """The store's reads of every pair's counts (a read of one pair's is not recorded)."""
    asked: list[object] = []
    real = Store.daily_counts

    def spy(self, **kwargs):
        if kwargs.get("pair") is None:
            asked.append(kwargs.get("end"))
        return real(self, **kwargs)

    monkeypatch.setattr(Store, "daily_counts", spy)
    return asked


def forecast(path, day):
    with Store(path, read_only=True) as store:
        return stored_report(store, "AAA", "BBB", end=day).no_conflict


def fresh(tmp_path, name, rows):
    path = tmp_path / name / "s.duckdb"
    path.parent.mkdir()
    load(path, rows)
    return path


def test_a_new_report_day_fits_from_the_saved_counts_without_reading_the_store(db, tmp_path, reads):
    first = forecast(db, AS_OF)
    assert len(reads) == 1 and counts_path(db).exists()
    days = [AS_OF - dt.timedelta(days=k) for k in (1, 30)]
    later = [forecast(db, d) for d in days]
    assert len(reads) == 1                                   # two more fits, no read of every pair's counts
    assert all(n.notes[0].startswith("forecaster fitted") for n in later)
    other = fresh(tmp_path, "other", synthetic_rows())          # the same events, counts read from the store
    for day, nc in zip([AS_OF, *days], [first, *later]):
        assert nc.probability == pytest.approx(forecast(other, day).probability, abs=1e-12), day


def test_a_write_to_the_store_is_never_answered_by_the_saved_counts(db, tmp_path, reads):
    before = forecast(db, AS_OF - dt.timedelta(days=1))
    extra = [attack(k, AS_OF - dt.timedelta(days=40 + k)) for k in range(3)]
    load(db, extra)
    after = forecast(db, AS_OF)
    assert len(reads) == 2                                   # the store changed: read again, and saved again
    with Store(db, read_only=True) as store:
        version = store.events_version()
    import pyarrow.parquet as pq
    assert pq.read_schema(counts_path(db)).metadata[MARKER] == version.encode()
    assert after.probability == pytest.approx(forecast(fresh(tmp_path, "f", synthetic_rows() + extra), AS_OF)
                                              .probability, abs=1e-12)
    assert before.probability != after.probability


@pytest.mark.parametrize("end", [None, "2020-01-01", "2020-06-15", "2020-08-26", "2020-08-27"])
def test_the_saved_counts_up_to_a_day_are_the_stores_read_to_the_dtype(db, end):
    load(db, [attack(0, dt.date(2020, 8, 27), quad=None)])   # a null quad class on the last day only
    with Store(db, read_only=True) as store:
        saved, note = daily_counts(store, db)                  # every day, saved
        assert "saved to" in note
        got, note = daily_counts(store, db, end=end)
        assert note.startswith("daily counts read from") and not note.startswith("daily counts read from the store")
        pd.testing.assert_frame_equal(got, store.daily_counts(end=end))


def test_an_unreadable_counts_file_is_read_from_the_store_again_and_replaced(db):
    counts_path(db).write_bytes(b"not parquet")
    with Store(db, read_only=True) as store:
        got, note = daily_counts(store, db, end=AS_OF)
        assert note.startswith("daily counts read from the store and saved")
        pd.testing.assert_frame_equal(got, store.daily_counts(end=AS_OF))
        assert daily_counts(store, db, end=AS_OF)[1] == f"daily counts read from {counts_path(db)}"
