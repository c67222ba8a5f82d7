"""'flashpoint escalation' against a real store filled through the store's loading API."""
from __future__ import annotations

import json

import pandas as pd
import pyarrow as pa
import pytest

from flashpoint.analytics.synthetic import synthetic_events
from flashpoint.cli import main as run
from flashpoint.schema import MENTION_SCHEMA
from flashpoint.store import Store
from tests.analytics.helpers import event, frame


def text(value):
    return None if pd.isna(value) else value


def fill(path, events) -> None:
    rows = [{"mention_id": r.event_id, "doc_id": f"doc-{r.event_id}", "origin": "test", "origin_id": r.event_id,
             "source_country": r.source_country, "target_country": r.target_country, "cameo": r.cameo,
             "source_sector": text(r.source_sector), "target_sector": text(r.target_sector),
             "quad_class": r.quad_class, "goldstein": r.goldstein, "modality": r.modality,
             "date": r.date.date(), "date_precision": r.date_precision, "published": r.date.date()}
            for r in events.itertuples()]
    with Store(path) as store:
        store.load_mentions(pa.Table.from_pylist(rows, schema=MENTION_SCHEMA))


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("escalation") / "events.duckdb"
    crisis = frame(event(0, "USA", "IRN", "112"), event(2, "IRN", "USA", "138"), event(3, "USA", "IRN", "190"),
                   event(7, "IRN", "USA", "195"), event(9, "IRN", "USA", "195", modality="hypothetical",
                                                       happened=False))
    fill(path, crisis)
    fill(path, synthetic_events(60, seed=2))
    return path


def test_json_report_from_the_store(store_path, capsys):
    assert run(["escalation", "--dyad", "USA", "IRN", "--db", str(store_path), "--to", "2020-01-10",
                "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["dyad"] == ["USA", "IRN"] and data["as_of"] == "2020-01-10"
    assert [r["response_cameo"] for r in data["responses"]] == ["138", "190", "195"]
    # the synthetic pairs give the store enough history for the backtested forecaster, which answers
    assert data["forecast_model"]["name"] == "no-conflict" and data["forecast"] is None
    nc = data["no_conflict"]
    assert 0 < nc["probability"] < 1 and nc["horizon_days"] == 7 and nc["as_of"] == "2020-01-10"
    assert set(nc["baselines"]) == {"climatology", "persistence", "recency"}
    assert any(n.startswith("Forecast by the no-conflict model") for n in data["notes"])


def test_the_de_escalation_model_answers_when_asked_by_name(store_path, capsys):
    assert run(["escalation", "--dyad", "USA", "IRN", "--db", str(store_path), "--to", "2020-01-10",
                "--format", "json", "--model", "de-escalation"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["no_conflict"] is None and data["forecast_model"]["name"] == "de-escalation"
    assert data["forecast"]["trained_on"].startswith("the given events")   # the synthetic pairs in the store
    assert 0 < data["forecast"]["probability"] < 1 and data["forecast"]["horizon_days"] == 14


def test_table_report(store_path, capsys):
    assert run(["escalation", "--dyad", "IRN", "USA", "--db", str(store_path), "--freq", "W",
                "--train", "synthetic", "--model", "de-escalation"]) == 0
    out = capsys.readouterr().out
    for heading in ("Totals per direction", "Responses within 10 days", "Who retaliates", "Change points",
                    "P(de-escalation within 14 days", "SYNTHETIC"):
        assert heading in out


def test_table_report_with_the_backtested_forecaster(store_path, capsys):
    assert run(["escalation", "--dyad", "IRN", "USA", "--db", str(store_path), "--to", "2020-01-10"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    for words in ("P(no material-conflict event between IRN and USA, either direction, in the 7 days after "
                  "2020-01-10) =", "baselines: climatology", "Forecast by the no-conflict model",
                  "forecaster loaded from"):        # fitted by the JSON test on the same day, then read
        assert words in out, words
    assert "P(de-escalation" not in out


@pytest.mark.parametrize("columns", [80, 250])
def test_no_date_code_or_name_is_cut_on_a_narrow_or_a_wide_terminal(store_path, capsys, monkeypatch, columns):
    assert run(["escalation", "--dyad", "USA", "IRN", "--db", str(store_path), "--to", "2020-01-10",
                "--format", "json"]) == 0
    links = json.loads(capsys.readouterr().out)["responses"]
    monkeypatch.setenv("COLUMNS", str(columns))
    assert run(["escalation", "--dyad", "USA", "IRN", "--db", str(store_path), "--to", "2020-01-10"]) == 0
    out = capsys.readouterr().out
    assert "\u2026" not in out                      # rich's ellipsis: nothing cut short
    for link in links:
        for side in ("provocation", "response"):
            assert link[f"{side}_date"][:10] in out
            assert link[f"{side}_cameo"] in out
    flat = " ".join(out.split())
    for link in links:                              # wrapped at word breaks, never cut
        assert link["response_name"] in flat
    # a wide terminal shows the links as a table; a narrow one as records, one per link
    assert ("provoked" in out and "\u2503 provoked" in out) == (columns == 250)


def test_unknown_dyad_and_missing_store_are_clear_errors(store_path, tmp_path, capsys):
    assert run(["escalation", "--dyad", "USA", "CHN", "--db", str(store_path), "--no-forecast"]) == 2
    assert "no events between USA and CHN" in capsys.readouterr().err
    assert run(["escalation", "--dyad", "USA", "IRN", "--db", str(tmp_path / "absent.duckdb")]) == 2
    assert "no store" in capsys.readouterr().err


def test_aliases_fold_proxies_into_a_side(tmp_path, capsys):
    path = tmp_path / "proxy.duckdb"
    fill(path, frame(event(0, "IRQ", "USA", "190", source_sector="REB"), event(2, "USA", "IRQ", "195",
                     target_sector="REB")))
    assert run(["escalation", "--dyad", "USA", "IRN", "--db", str(path), "--no-forecast",
                "--as", "IRQ/REB=IRN", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["response_cameo"] for r in data["responses"]] == ["195"]
    assert "IRQ/REB as IRN" in data["notes"][0]


def test_a_dyad_inside_one_country_is_told_apart_by_sector(tmp_path, capsys):
    path = tmp_path / "civil.duckdb"
    fill(path, frame(event(0, "UKR", "UKR", "190", source_sector="REB", target_sector="GOV"),
                     event(2, "UKR", "UKR", "195", source_sector="GOV", target_sector="REB"),
                     event(3, "UKR", "UKR", "173", source_sector="COP", target_sector="OPP")))
    assert run(["escalation", "--dyad", "UKR/GOV", "UKR/REB", "--db", str(path), "--no-forecast",
                "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["dyad"] == ["UKR/GOV", "UKR/REB"]
    assert [r["response_cameo"] for r in data["responses"]] == ["195"]   # the police arrest is another dyad
    assert not any("Counted as one side" in n for n in data["notes"])
    assert run(["escalation", "--dyad", "UKR/", "UKR/REB", "--db", str(path), "--no-forecast"]) == 2
    assert "COUNTRY/SECTOR" in capsys.readouterr().err


def test_the_picture_is_drawn_and_a_wrong_name_is_refused(store_path, tmp_path, capsys):
    import matplotlib.image

    png = tmp_path / "usa_irn.png"
    assert run(["escalation", "--dyad", "USA", "IRN", "--db", str(store_path), "--to", "2020-01-10",
                "--train", "synthetic", "--plot", str(png)]) == 0
    pixels = matplotlib.image.imread(png)
    assert pixels.shape[0] > 400 and pixels.shape[1] > 800 and pixels[..., :3].std() > 0.05
    assert run(["escalation", "--dyad", "USA", "IRN", "--db", str(store_path), "--no-forecast",
                "--plot", str(tmp_path / "usa_irn.pdf")]) == 2
    assert ".png" in capsys.readouterr().err


def test_the_whole_series_is_exported_with_zeros(store_path, tmp_path, capsys):
    csv, parquet = tmp_path / "s.csv", tmp_path / "s.parquet"
    for out in (csv, parquet):
        assert run(["escalation", "--dyad", "USA", "IRN", "--db", str(store_path), "--from", "2020-01-01",
                    "--to", "2020-01-10", "--no-forecast", "--format", "json", "--series-out", str(out)]) == 0
    capsys.readouterr()
    a, b = pd.read_csv(csv, parse_dates=["period"]), pd.read_parquet(parquet)
    assert len(a) == len(b) == 20                      # 10 days x 2 directions, quiet days included
    assert (a["events"] == 0).sum() == 16 and list(a.columns) == list(b.columns)
    day3 = a[(a["period"] == "2020-01-04") & (a["direction"] == "USA->IRN")].iloc[0]
    assert day3["goldstein_sum"] == -10.0 and day3["net_cooperation"] == -1
    assert run(["escalation", "--dyad", "USA", "IRN", "--db", str(store_path), "--series-out",
                str(tmp_path / "s.xlsx")]) == 2
    assert "--series-out" in capsys.readouterr().err and not (tmp_path / "s.xlsx").exists()
