"""The dyad endpoints beyond the report: the escalation picture and the saved backtest."""
from __future__ import annotations

import io
import json
import shutil
from contextlib import redirect_stdout

import pytest
from fastapi.testclient import TestClient

from flashpoint.cli import main as cli_main
from flashpoint.config import load_config
from flashpoint.web import create_app

from tests.web.test_web_api import HOSTILE, assert_problem, fingerprint, path_part

PNG = b"\x89PNG\r\n\x1a\n"
PERIOD = {"from": "2019-06-01", "to": "2020-01-08"}


@pytest.fixture(scope="module")
def db(small_db, tmp_path_factory):
    """A copy of the generated store, so that saved backtests land beside the copy only."""
    path = tmp_path_factory.mktemp("dyad") / "store.duckdb"
    shutil.copyfile(small_db, path)
    return path


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db, config=load_config(token=""))) as c:
        yield c


def run_backtest(db, out, *args) -> list[dict]:
    assert cli_main(["backtest", "--db", str(db), "--json", str(out), *args]) == 0
    return json.loads(out.read_text())


def test_the_backtest_is_not_found_until_one_is_run_then_it_is_the_saved_record(client, db, tmp_path):
    body = assert_problem(client.get("/api/dyads/USA/IRN/backtest"), 404, "E804")
    assert f"flashpoint backtest --db {db} --dyad USA IRN" in body["fix"]
    ran = run_backtest(db, tmp_path / "bt.json", "--dyad", "USA", "IRN", "--from", "2020-01-01", "--to", "2020-03-31")
    for path in ("/api/dyads/USA/IRN/backtest", "/api/dyads/IRN/USA/backtest"):
        got = client.get(path)                    # the same server: a backtest shows as soon as it is saved
        assert got.status_code == 200 and got.json() == ran[0], path
    r = ran[0]
    assert (r["from"], r["to"], r["origins"]) == ("2020-01-01", "2020-03-31", 91)
    assert set(r["baselines"]) == {"climatology", "persistence", "recency"}
    assert {"brier", "log_loss"} <= set(r["model"]) and r["forecaster"]["train_end"] == "2019-12-31"
    again = run_backtest(db, tmp_path / "again.json", "--dyad", "IRN", "USA", "--from", "2020-02-01",
                         "--to", "2020-02-29", "--horizon", "3")
    assert client.get("/api/dyads/USA/IRN/backtest").json() == again[0] and again[0]["horizon"] == 3
    assert_problem(client.get("/api/dyads/USA/CHN/backtest"), 404, "E804")
    assert_problem(client.get("/api/dyads/USA/USA/backtest"), 400)


def test_a_broken_backtests_file_is_an_error_with_the_shape_not_a_500(tmp_path, small_db):
    db = tmp_path / "b.duckdb"
    shutil.copyfile(small_db, db)
    (tmp_path / "b.duckdb.backtests.json").write_text("{not json", encoding="utf-8")
    with TestClient(create_app(db, config=load_config(token=""))) as c:
        body = assert_problem(c.get("/api/dyads/USA/IRN/backtest"), 503, "E500")
    assert "backtests.json" in body["message"] and "flashpoint backtest" in body["fix"]


def test_the_picture_is_the_png_of_escalation_plot_for_the_same_report(client, db, tmp_path):
    import matplotlib.image

    png = tmp_path / "cli.png"
    with redirect_stdout(io.StringIO()):
        assert cli_main(["escalation", "--dyad", "USA", "IRN", "--db", str(db), "--from", PERIOD["from"],
                         "--to", PERIOD["to"], "--no-forecast", "--plot", str(png)]) == 0
    resp = client.get("/api/dyads/USA/IRN/escalation.png", params={**PERIOD, "forecast": "false"})
    assert resp.status_code == 200 and resp.headers["content-type"] == "image/png"
    assert resp.content[:8] == PNG and resp.content == png.read_bytes()
    pixels = matplotlib.image.imread(io.BytesIO(resp.content), format="png")
    height, width, channels = pixels.shape
    assert 500 <= height <= 1000 and 900 <= width <= 1500 and channels in (3, 4)
    assert pixels[..., :3].std() > 0.05            # not a blank picture
    cached = client.get("/api/dyads/USA/IRN/escalation.png", params={**PERIOD, "forecast": "false"})
    assert cached.content == resp.content and cached.headers["content-type"] == "image/png"
    report = client.get("/api/dyads/USA/IRN/escalation", params={**PERIOD, "forecast": "false"})
    assert report.headers["content-type"] == "application/json" and report.json()["dyad"] == ["USA", "IRN"]


@pytest.mark.parametrize("name, value", [("window", "0"), ("window", "9" * 40), ("horizon", "-1"), ("from", "2020-13-01"),
                                         ("to", "' OR '1'='1"), ("freq", "Y"), ("train", "<script>"), ("forecast", "🙂"),
                                         ("as", "IRQ"), ("as", "x" * 500), ("tolerance", "NaN")])
def test_hostile_picture_options_give_4xx_with_the_error_shape(client, db, name, value):
    before = fingerprint(db)
    resp = client.get("/api/dyads/USA/IRN/escalation.png", params={"forecast": "false", name: value})
    assert 400 <= resp.status_code < 500, (name, value, resp.status_code)
    assert resp.headers["content-type"] == "application/json"
    assert_problem(resp, resp.status_code)
    assert fingerprint(db) == before


@pytest.mark.parametrize("value", HOSTILE[:-2])
def test_hostile_dyad_codes_on_the_picture_and_the_backtest_give_4xx(client, db, value):
    before = fingerprint(db)
    quoted = path_part(value)
    for path in (f"/api/dyads/{quoted}/IRN/escalation.png?forecast=false", f"/api/dyads/USA/{quoted}/backtest",
                 f"/api/dyads/{quoted}/IRN/backtest"):
        resp = client.get(path)
        assert resp.status_code in (400, 404, 422), (path, resp.status_code, resp.text[:200])
        assert_problem(resp, resp.status_code)
    assert fingerprint(db) == before


def test_the_report_memo_computes_a_key_once_and_keeps_nothing_of_a_failure():
    import threading
    import time

    from flashpoint.web.api import Recent, ReportCache

    memo, calls = Recent(size=2), []

    def slow() -> str:
        calls.append(1)
        time.sleep(0.2)
        return "report"

    threads = [threading.Thread(target=memo.get, args=("k", slow)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and memo.get("k", slow) == "report" and len(calls) == 1
    for key in ("a", "b", "c"):
        memo.get(key, lambda: key)
    assert list(memo.items) == ["b", "c"]

    def fail() -> bytes:
        raise ValueError("bad request")

    for cache in (memo, ReportCache()):
        with pytest.raises(ValueError):
            cache.get("bad", fail)
        assert cache.computing == {} and "bad" not in cache.items


def test_the_escalation_response_carries_the_backtested_forecast_as_the_cli_gives_it(client, db):
    got = client.get("/api/dyads/USA/IRN/escalation", params={"to": "2020-01-08"})
    assert got.status_code == 200
    web = got.json()
    assert web["forecast_model"]["name"] == "no-conflict" and web["forecast"] is None
    nc = web["no_conflict"]
    assert nc["as_of"] == "2020-01-08" and nc["horizon_days"] == 7 and 0 < nc["probability"] < 1
    assert list(db.parent.glob(f"{db.name}.forecaster-h7-q4-*-2020-01-08.joblib"))   # saved beside the store file
    out = io.StringIO()
    with redirect_stdout(out):
        assert cli_main(["escalation", "--db", str(db), "--dyad", "USA", "IRN", "--to", "2020-01-08",
                         "--format", "json"]) == 0
    cli = json.loads(out.getvalue())["no_conflict"]
    assert cli["notes"][0].startswith("forecaster loaded from")          # the model the server saved
    for key in ("probability", "baselines", "forecaster", "question"):
        assert cli[key] == nc[key], key
