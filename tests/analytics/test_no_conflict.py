"""The escalation report's forecast from the backtested forecaster (issue 14): the same probability as
'flashpoint backtest' at the same origin, no look-ahead, the model saved and read again, the saved
scorecard beside it, and the older model (saying why) when the store's history is too short."""
from __future__ import annotations

import datetime as dt
import json

import pyarrow as pa
import pytest

from flashpoint.analytics.dyads import AnalysisError
from flashpoint.analytics.report import stored_report
from flashpoint.cli import main
from flashpoint.schema import MENTION_SCHEMA
from flashpoint.store import Store
from tests.analytics.helpers import synthetic_rows

AS_OF = dt.date(2020, 6, 15)


def load(path, rows) -> None:
    with Store(path) as store:
        store.load_mentions(pa.Table.from_pylist(rows, schema=MENTION_SCHEMA))


@pytest.fixture()
def stores(tmp_path):
    """The same fifteen synthetic pairs: the whole history, and the history cut after AS_OF."""
    rows = synthetic_rows()
    paths = {"full": tmp_path / "full" / "s.duckdb", "cut": tmp_path / "cut" / "s.duckdb"}
    for name, keep in (("full", rows), ("cut", [r for r in rows if r["date"] <= AS_OF])):
        paths[name].parent.mkdir()
        load(paths[name], keep)
    return paths


def report(path, a="AAA", b="BBB", **options):
    with Store(path, read_only=True) as store:
        return stored_report(store, a, b, end=AS_OF, **options)


def test_the_probability_is_the_backtests_p_at_the_same_origin_and_reads_nothing_later(stores, tmp_path):
    full, cut = report(stores["full"]), report(stores["cut"])
    assert full.forecast_model["name"] == "no-conflict" and full.forecast is None
    nc = full.no_conflict
    assert nc.horizon == 7 and nc.target == 4 and nc.as_of.date() == AS_OF and 0 < nc.probability < 1
    assert nc.forecaster["train_end"] == str(AS_OF)
    # cutting the store after the report's day changes nothing
    assert cut.no_conflict.probability == pytest.approx(nc.probability, abs=1e-12)
    for name, value in nc.baselines.items():
        assert cut.no_conflict.baselines[name] == pytest.approx(value, abs=1e-12), name
    # 'flashpoint backtest' at the same origin with the same options (trained on the store up to that day)
    out = tmp_path / "bt.json"
    assert main(["backtest", "--db", str(stores["full"]), "--dyad", "AAA", "BBB", "--from", str(AS_OF),
                 "--to", str(AS_OF), "--train-end", str(AS_OF), "--json", str(out)]) == 0
    row = json.loads(out.read_text())[0]["forecasts"][0]
    assert row["p"] == pytest.approx(nc.probability, abs=1e-6)          # the JSON rounds to 6 places
    for name in ("climatology", "persistence", "recency"):
        assert row[name] == pytest.approx(nc.baselines[name], abs=1e-6), name


def test_the_model_is_saved_beside_the_store_and_read_again(stores):
    first = report(stores["full"])
    assert any(n.startswith("forecaster fitted and saved to") for n in first.no_conflict.notes)
    assert list(stores["full"].parent.glob(f"s.duckdb.forecaster-h7-q4-*-{AS_OF}.joblib"))
    again = report(stores["full"])
    assert any(n.startswith("forecaster loaded from") for n in again.no_conflict.notes)
    assert again.no_conflict.probability == first.no_conflict.probability
    refit = report(stores["full"], refit=True)
    assert any(n.startswith("forecaster fitted and saved to") for n in refit.no_conflict.notes)
    assert set(first.no_conflict.timings) == {"history", "model", "predict"}


def test_a_different_horizon_is_a_different_forecast(stores):
    week, fortnight = report(stores["full"]), report(stores["full"], horizon=14)
    assert fortnight.no_conflict.horizon == 14 and fortnight.no_conflict.probability < week.no_conflict.probability


def test_the_dyads_saved_backtest_is_its_scorecard(stores, tmp_path):
    before = report(stores["full"], "CCC", "EEE")
    assert before.no_conflict.backtest is None
    assert any("no backtest of CCC-EEE saved" in n for n in before.no_conflict.notes)
    assert main(["backtest", "--db", str(stores["full"]), "--dyad", "EEE", "CCC", "--from", "2020-05-01",
                 "--to", "2020-06-10"]) == 0
    card = report(stores["full"], "CCC", "EEE").no_conflict.backtest
    assert (card["from"], card["to"], card["horizon"]) == ("2020-05-01", "2020-06-10", 7)
    assert set(card["baselines"]) == {"climatology", "persistence", "recency"} and "forecasts" not in card
    assert card["model"]["brier"] >= 0
    data = report(stores["full"], "CCC", "EEE").to_dict()
    assert data["no_conflict"]["backtest"] == card and json.dumps(data, allow_nan=False)


def test_the_report_says_when_its_scorecard_scored_another_fitting_procedure(stores):
    def notes():
        return " ".join(report(stores["full"], "CCC", "EEE").no_conflict.notes)

    span = ["backtest", "--db", str(stores["full"]), "--dyad", "CCC", "EEE", "--from", "2020-06-01", "--to", "2020-06-03"]
    assert main(span) == 0                                         # one model fitted up to 2020-05-31
    assert "scored a model fitted before its origins (up to 2020-05-31)" in notes()
    assert main([*span, "--refit-every", "1"]) == 0                # the report's own procedure
    assert "fitted before its origins" not in notes()


def test_too_little_history_keeps_the_de_escalation_model_and_says_why(tmp_path):
    path = tmp_path / "short.duckdb"
    load(path, [r for r in synthetic_rows(days=20) if r["source_country"] in ("AAA", "BBB")
                and r["target_country"] in ("AAA", "BBB")])
    with Store(path, read_only=True) as store:
        r = stored_report(store, "AAA", "BBB", training="synthetic", histories=20)
        assert r.no_conflict is None and r.forecast is not None and r.forecast.horizon == 14
        assert r.forecast_model["name"] == "de-escalation" and "too short" in r.forecast_model["why"]
        assert any(n.startswith("Forecast by the de-escalation model") for n in r.notes)
        with pytest.raises(AnalysisError, match="cannot answer"):
            stored_report(store, "AAA", "BBB", model="no-conflict")
    assert not list(tmp_path.glob("*.joblib"))


def test_sides_of_several_actors_are_answered_by_the_de_escalation_model(stores):
    r = report(stores["full"], aliases={"CCC": "AAA"}, training="synthetic", histories=20)
    assert r.no_conflict is None and "several actors" in r.forecast_model["why"]


def test_the_de_escalation_model_by_name(stores):
    r = report(stores["full"], model="de-escalation", training="synthetic", histories=20)
    assert r.no_conflict is None and r.forecast_model["name"] == "de-escalation" and r.forecast.horizon == 14


def test_an_unreadable_saved_model_is_fitted_again(stores):
    first = report(stores["full"])
    (path,) = stores["full"].parent.glob("s.duckdb.forecaster-*.joblib")
    path.write_bytes(b"not a model")
    again = report(stores["full"])
    assert any(n.startswith("forecaster fitted and saved to") for n in again.no_conflict.notes)
    assert again.no_conflict.probability == pytest.approx(first.no_conflict.probability, abs=1e-12)


ICEWS = __import__("pathlib").Path(__file__).resolve().parents[3] / "shared" / "data" / "icews" / "icews14s_2014.tab.gz"


@pytest.mark.skipif(not ICEWS.exists(), reason=f"shared ICEWS file absent: {ICEWS}")
def test_on_icews_2014_the_forecaster_answers_at_the_gaza_war_as_the_backtest_does(tmp_path, capsys):
    db = tmp_path / "icews.duckdb"
    assert main(["import", "icews", str(ICEWS), "--db", str(db)]) == 0
    day = "2014-07-10"
    assert main(["escalation", "--db", str(db), "--dyad", "ISR", "PSE", "--to", day, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    nc = data["no_conflict"]
    assert data["forecast_model"]["name"] == "no-conflict" and nc["forecaster"]["pairs"] >= 20
    # two days into the war a quiet week is unlikely, and less likely than its base rate says
    assert nc["probability"] < 0.5 and nc["probability"] < nc["baselines"]["climatology"]
    out = tmp_path / "bt.json"
    assert main(["backtest", "--db", str(db), "--dyad", "PSE", "ISR", "--from", day, "--to", day,
                 "--train-end", day, "--json", str(out)]) == 0
    assert json.loads(out.read_text())[0]["forecasts"][0]["p"] == pytest.approx(nc["probability"], abs=1e-6)


def test_only_the_most_recently_used_forecasters_are_kept_beside_a_store(tmp_path):
    import os

    from flashpoint.analytics.forecaster import prune

    db = tmp_path / "we*rd[1].duckdb"            # a name with glob characters is matched as text
    other = tmp_path / "other.duckdb.forecaster-h7-q4-2014-01-01-2014-02-01.joblib"
    other.write_text("x")
    names = [f"{db.name}.forecaster-h7-q4-2014-01-01-2014-03-{d:02d}.joblib" for d in range(1, 11)]
    for k, name in enumerate(names):
        (tmp_path / name).write_text("x")
        os.utime(tmp_path / name, ns=(10**18 + k * 10**9, 10**18 + k * 10**9))
    os.utime(tmp_path / names[0], ns=(2 * 10**18, 2 * 10**18))   # the oldest, read again just now
    assert prune(db, keep=3) == 7
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([names[0], names[8], names[9], other.name])


def bt(path, out, *args) -> list[dict]:
    assert main(["backtest", "--db", str(path), "--dyad", "AAA", "BBB", "--json", str(out), *args]) == 0
    return json.loads(out.read_text())[0]["forecasts"]


def test_backtest_refit_every_day_gives_the_reports_probability_at_every_origin(stores, tmp_path):
    days = [AS_OF + dt.timedelta(days=k) for k in (-2, -1, 0)]
    rows = bt(stores["full"], tmp_path / "bt.json", "--from", str(days[0]), "--to", str(days[-1]), "--refit-every", "1")
    assert [r["origin"] for r in rows] == [str(d) for d in days]
    for day, row in zip(days, rows):
        with Store(stores["full"], read_only=True) as store:
            nc = stored_report(store, "AAA", "BBB", end=day).no_conflict
        assert nc.forecaster["train_end"] == str(day)
        assert row["p"] == pytest.approx(nc.probability, abs=1e-6), day


def test_backtest_refit_windows_answer_each_origin_with_its_windows_model_and_read_nothing_later(stores, tmp_path):
    # refit days every 28 days from the store's first day (2020-01-01): 2020-05-20 and 2020-06-17 around AS_OF
    span = ["--from", "2020-06-10", "--to", "2020-06-20"]
    full = tmp_path / "full.json"
    rows = bt(stores["full"], full, *span, "--refit-every", "28")
    fits = json.loads(full.read_text())[0]["forecaster"]["fits"]
    assert [(f["train_end"], f["from"], f["to"]) for f in fits] == [
        ("2020-05-20", "2020-06-10", "2020-06-16"), ("2020-06-17", "2020-06-17", "2020-06-20")]
    one = bt(stores["full"], tmp_path / "one.json", "--from", "2020-06-12", "--to", "2020-06-12",
             "--train-end", "2020-05-20")[0]                       # the same origin, its window's model by name
    assert one["p"] == next(r["p"] for r in rows if r["origin"] == "2020-06-12")
    cut = bt(stores["cut"], tmp_path / "cut.json", "--from", "2020-06-10", "--to", str(AS_OF), "--refit-every", "28")
    for c in cut:                                                   # a store cut after the origin: the same p
        assert c["p"] == pytest.approx(next(r["p"] for r in rows if r["origin"] == c["origin"]), abs=1e-12)
    assert len({r["p"] for r in rows}) == len(rows)


def test_backtest_refit_every_must_be_a_positive_period_and_not_beside_train_end(stores, tmp_path, capsys):
    assert main(["backtest", "--db", str(stores["full"]), "--dyad", "AAA", "BBB", "--from", str(AS_OF),
                 "--to", str(AS_OF), "--refit-every", "0"]) != 0
    assert "refit period must be at least one day" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["backtest", "--db", str(stores["full"]), "--dyad", "AAA", "BBB", "--from", str(AS_OF),
              "--to", str(AS_OF), "--refit-every", "1", "--train-end", str(AS_OF)])


def test_the_fit_on_the_estimators_own_columns_is_the_full_width_fit_to_the_bit(stores):
    """The pooled fit reads only the feature columns its estimator uses (8 of 41: ~800 MB less on a
    10M-event store); its coefficients and every pair's own are those of the full-width fit."""
    from dataclasses import replace

    import numpy as np
    import pandas as pd

    from flashpoint.analytics.forecaster import ClimatologyLogit, fit, own_coefficients, training_blocks
    from flashpoint.analytics.pairdays import FEATURES, stored_history

    with Store(stores["full"], read_only=True) as store:
        days, counts = stored_history(store, end=AS_OF, last=AS_OF)
    model = fit(days, counts, train_end=AS_OF)
    assert len(ClimatologyLogit().columns) < len(FEATURES)
    X, y, blocks = training_blocks(days, horizon=7, target=4, start=days.day0, end=pd.Timestamp(AS_OF),
                                   min_target_days=3)                # every feature column, as before
    full = ClimatologyLogit(l2=0.01).fit(X, y.astype(float))
    for name in ("coef", "mean", "scale"):
        assert np.array_equal(getattr(model.estimator, name), getattr(full, name)), name
    own = own_coefficients(replace(model, estimator=full), days, X, y.astype(float), blocks, 0)
    assert own.keys() == model.own.keys() and len(own) > 10
    assert all(own[k][0] == model.own[k][0] and (own[k][1] is None) == (model.own[k][1] is None)
               and (own[k][1] is None or np.array_equal(own[k][1], model.own[k][1])) for k in own)
