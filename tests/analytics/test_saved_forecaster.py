"""A saved forecaster answers the escalation report from the dyad's own counts while the store is unchanged
(issue 14's 2 seconds on a large store), and never once the store has changed; the pieces that make it
fast (NumPy rates instead of scipy.signal, each pair's own coefficients computed at the fit) give what
the slow path gives."""
from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from flashpoint.analytics.forecaster import INPUTS, OFFSET, SWAP, fit
from flashpoint.analytics.pairdays import FEATURES, decayed_sum, features, stored_history
from flashpoint.analytics.report import stored_report
from flashpoint.schema import MENTION_SCHEMA
from flashpoint.store import Store
from tests.analytics.helpers import synthetic_rows

AS_OF = dt.date(2020, 6, 15)


def load(path, rows) -> None:
    with Store(path) as store:
        store.load_mentions(pa.Table.from_pylist(rows, schema=MENTION_SCHEMA))


def forecast(path, a="AAA", b="BBB", **options):
    with Store(path, read_only=True) as store:
        return stored_report(store, a, b, end=AS_OF, **options).no_conflict


def attack(k: int, day: dt.date, src="AAA", tgt="BBB") -> dict:
    return {"mention_id": f"new:{k}", "doc_id": f"new:{k}", "origin": "testset", "origin_id": f"new{k}",
            "source_country": src, "target_country": tgt, "cameo": "190", "quad_class": 4, "goldstein": -10.0,
            "date": day, "date_precision": "day"}


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "s.duckdb"
    load(path, synthetic_rows())
    return path


def how(nc) -> str:
    note = nc.notes[0]
    if note.startswith("forecaster fitted"):
        return "fitted"
    return "unchanged" if "the store unchanged" in note else ("checked" if "counts checked" in note else note)


def test_a_saved_model_answers_from_the_dyads_counts_alone_with_the_same_probability(db, monkeypatch):
    first = forecast(db)
    assert how(first) == "fitted"
    asked = []
    real = Store.daily_counts

    def spy(self, **kwargs):
        asked.append(kwargs.get("pair"))
        return real(self, **kwargs)

    monkeypatch.setattr(Store, "daily_counts", spy)
    again, turned = forecast(db), forecast(db, "BBB", "AAA")
    assert how(again) == how(turned) == "unchanged"
    assert asked == [("AAA", "BBB"), ("BBB", "AAA")]                    # never every pair's counts
    assert again.probability == first.probability
    assert turned.probability == pytest.approx(first.probability, abs=1e-12)
    assert again.baselines == first.baselines and set(again.timings) == {"history", "model", "predict"}


def test_a_write_before_the_day_is_never_answered_by_the_model_saved_before_it(db, tmp_path):
    before = forecast(db)
    assert how(forecast(db)) == "unchanged"
    extra = [attack(k, AS_OF - dt.timedelta(days=k)) for k in range(3)]
    load(db, extra)
    after = forecast(db)
    assert how(after) == "fitted"
    fresh = tmp_path / "fresh" / "s.duckdb"                 # the same events in a store never reported on
    fresh.parent.mkdir()
    load(fresh, synthetic_rows() + extra)
    assert after.probability == pytest.approx(forecast(fresh).probability, abs=1e-12)
    assert after.probability != pytest.approx(before.probability, abs=1e-6)
    assert how(forecast(db)) == "unchanged"


def test_a_write_after_the_day_keeps_the_model_once_its_counts_are_checked(db):
    before = forecast(db)
    load(db, [attack(0, AS_OF + dt.timedelta(days=2))])
    checked, then = forecast(db), forecast(db)
    assert (how(checked), how(then)) == ("checked", "unchanged")
    assert checked.probability == then.probability == before.probability


def test_a_write_that_does_not_renew_the_marker_is_still_seen(db):
    """A program of an older version writes events without renewing the marker: the row count changes."""
    before = forecast(db)
    con = duckdb.connect(str(db))
    hostile = "source_country = 'AAA' AND target_country = 'BBB' AND quad_class = 4"
    busy = {r[0] for r in con.execute(f"SELECT DISTINCT date FROM events WHERE {hostile}").fetchall()}
    quiet = next(AS_OF - dt.timedelta(days=k) for k in range(30) if AS_OF - dt.timedelta(days=k) not in busy)
    con.execute(f"INSERT INTO events SELECT * REPLACE ('x' || event_id AS event_id, ? AS date) FROM events "
                f"WHERE {hostile} LIMIT 1", [quiet])
    con.close()
    after = forecast(db)
    assert how(after) == "fitted" and after.probability != pytest.approx(before.probability, abs=1e-6)


def test_a_refit_and_a_store_without_a_marker_read_every_pair(db):
    first = forecast(db)
    assert how(forecast(db, refit=True)) == "fitted"
    con = duckdb.connect(str(db))
    con.execute("DELETE FROM meta WHERE key = 'events_version'")       # a store made before markers
    con.close()
    older = forecast(db)
    assert how(older) not in ("unchanged", "fitted") and older.probability == first.probability


def test_each_pairs_own_coefficients_from_the_fit_are_those_computed_when_forecasting(db):
    with Store(db, read_only=True) as store:
        days, counts = stored_history(store, end=AS_OF, last=AS_OF)
    model = fit(days, counts, train_end=pd.Timestamp(AS_OF))
    assert model.own and set(model.own) <= set(days.arrays)
    for key in model.own:
        a, b = key.split("|")
        for pair in ((a, b), (b, a)):
            arr = days.array(*pair)
            x = features(arr, day0=days.day0, horizon=7).to_numpy()
            mine = model.dyad_coefficients(arr, x, day0=days.day0)                # computed now
            saved = model.dyad_coefficients(arr, x, day0=days.day0, pair=pair)    # from the fit
            assert (mine is None) == (saved is None)
            if mine is not None:
                np.testing.assert_allclose(saved, mine, rtol=1e-9, atol=1e-12)
    # rows that differ from those the fit read are not answered by the saved coefficients
    key = next(k for k, v in model.own.items() if v[1] is not None)
    a, b = key.split("|")
    arr = days.array(a, b).copy()
    arr[40:60, 3] += 1                                  # twenty more days of material conflict, before train_end
    x = features(arr, day0=days.day0, horizon=7).to_numpy()
    changed = model.dyad_coefficients(arr, x, day0=days.day0, pair=(a, b))
    assert not np.allclose(changed, model.own[key][1])
    np.testing.assert_array_equal(changed, model.dyad_coefficients(arr, x, day0=days.day0))


def test_the_models_inputs_are_the_same_seen_from_either_side():
    """The coefficients computed for A|B serve B-A: this holds while every input and the offset are
    symmetric in the two sides (an asymmetric input would make this fail: then key them by direction)."""
    rng = np.random.default_rng(3)
    arr = (rng.random((400, 10)) < 0.1) * rng.integers(1, 4, (400, 10)).astype(float)
    here = features(arr, day0=pd.Timestamp("2020-01-01"), horizon=7)
    there = features(arr[:, SWAP], day0=pd.Timestamp("2020-01-01"), horizon=7)
    used = {OFFSET, *(c for term in INPUTS for c in term.split("*"))}
    assert used <= set(FEATURES)
    for name in used:
        np.testing.assert_array_equal(here[name].to_numpy(), there[name].to_numpy(), err_msg=name)


@pytest.mark.parametrize("half_life", [3, 10, 30, 90])
def test_the_decayed_sums_are_lfilters_and_read_no_later_day(half_life):
    from scipy.signal import lfilter

    d = 0.5 ** (1 / half_life)
    rng = np.random.default_rng(half_life)
    for n in (0, 1, 63, 64, 65, 1000, 3653):
        x = (rng.random(n) < 0.1) * rng.integers(1, 5, n).astype(float)
        got = decayed_sum(x[:, None], np.array([d]))[:, 0]
        np.testing.assert_allclose(got, lfilter([1.0], [1.0, -d], x), rtol=1e-12, atol=1e-300)
        for cut in (1, 64, 129, n // 2):
            if cut <= n:                    # a day's value does not depend on how many days follow, to the bit
                np.testing.assert_array_equal(decayed_sum(x[:cut, None], np.array([d]))[:, 0], got[:cut])


def test_the_model_a_backtest_saved_answers_the_report_on_its_last_training_day(db, tmp_path):
    import json

    from flashpoint.cli import main

    out = tmp_path / "bt.json"
    assert main(["backtest", "--db", str(db), "--dyad", "BBB", "AAA", "--from", str(AS_OF), "--to", str(AS_OF),
                 "--train-end", str(AS_OF), "--json", str(out)]) == 0
    nc = forecast(db)
    assert how(nc) == "unchanged"
    assert json.loads(out.read_text())[0]["forecasts"][0]["p"] == pytest.approx(nc.probability, abs=1e-6)
