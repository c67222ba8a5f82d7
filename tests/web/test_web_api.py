"""The REST API over a generated store: filters, cursor pages, one error shape, limits, safety."""
from __future__ import annotations

import hashlib
import io
import json
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from flashpoint.cli import main as cli_main
from flashpoint.config import load_config
from flashpoint.readers import parse_date
from flashpoint.store import Store
from flashpoint.web import create_app

from tests.web.conftest import ACTS_ARTICLES, TOKEN


@pytest.fixture(scope="module")
def client(small_db) -> TestClient:
    with TestClient(create_app(small_db, config=load_config(token=TOKEN))) as c:
        yield c


def fingerprint(db: Path) -> tuple:
    """Row counts and a hash of every event: equal fingerprints, unchanged store."""
    with Store(db, read_only=True) as store:
        events = store.events_arrow(happened=None).sort_by("event_id")
        return tuple(store.counts().items()), hashlib.sha256(str(events.to_pylist()).encode()).hexdigest()


def assert_problem(resp, status: int, code: str | None = None) -> dict:
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"code", "message", "fix"} and body["message"] and body["fix"], body
    if code:
        assert body["code"] == code
    return body


def test_openapi_and_docs_list_every_endpoint(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/events", "/api/events/{event_id}", "/api/dyads/{a}/{b}/series",
                 "/api/dyads/{a}/{b}/escalation", "/api/dyads/{a}/{b}/escalation.png", "/api/dyads/{a}/{b}/backtest",
                 "/api/ingest", "/api/code", "/api/timeline", "/api/places", "/api/status", "/api/basemap"):
        assert path in spec["paths"], path
    docs = client.get("/docs")
    assert docs.status_code == 200 and "openapi.json" in docs.text and "cdn" not in docs.text.lower()


def test_pages_follow_the_cursor_to_exactly_the_library_rows(client, small_db):
    with Store(small_db, read_only=True) as store:
        want = list(store.events(("USA", "IRN"), happened=None)["event_id"])
        assert len(want) > 3
    got, cursor = [], None
    while True:
        page = client.get("/api/events", params={"dyad": "USA,IRN", "happened": "all", "limit": 2,
                                                 **({"cursor": cursor} if cursor else {})}).json()
        got += [e["event_id"] for e in page["events"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert got == want


@pytest.mark.parametrize("params, check", [
    ({"actor": "IRN"}, lambda e: "IRN" in (e["source_country"], e["target_country"])),
    ({"cameo": "19"}, lambda e: e["cameo"].startswith("19")),
    ({"plover": "accuse"}, lambda e: e["plover_type"] == "ACCUSE"),
    ({"quad": 4}, lambda e: e["quad_class"] == 4),
    ({"from": "2016-03-01", "to": "2016-03-31"}, lambda e: "2016-03-01" <= e["date"] <= "2016-03-31"),
    ({"country": "IRQ"}, lambda e: e["place_country"] == "IRQ"),
    ({"place": "irq-TOWN"}, lambda e: e["place"] == "IRQ-town"),
    ({"modality": "asserted"}, lambda e: e["modality"] == "asserted"),
    ({"origin": "bench"}, lambda e: "bench" in e["origins"].split(",")),
])
def test_each_filter_keeps_only_matching_events(client, params, check):
    events = client.get("/api/events", params={**params, "limit": 500}).json()["events"]
    assert events and all(check(e) for e in events)
    assert not client.get("/api/events", params={**params, "origin": "gdelt"}).json()["events"]


def test_event_detail_has_mentions_evidence_offsets_and_documents(client):
    first = client.get("/api/events", params={"limit": 1}).json()["events"][0]
    ev = client.get(f"/api/events/{first['event_id']}").json()
    assert ev["event_id"] == first["event_id"] and ev["mentions"] and ev["documents"]
    m = ev["mentions"][0]
    assert m["evidence_text"] and m["evidence_start"] is not None and m["evidence_end"] is not None
    assert {d["doc_id"] for d in ev["documents"]} == {m["doc_id"] for m in ev["mentions"]}
    assert_problem(client.get("/api/events/no-such-event"), 404, "E804")


@pytest.mark.model
def test_event_detail_carries_the_other_verbs_of_its_act(acts_db):
    text = ACTS_ARTICLES[0]["text"]
    with TestClient(create_app(acts_db)) as c:
        events = c.get("/api/events", params={"limit": 100}).json()["events"]
        details = [c.get(f"/api/events/{e['event_id']}").json() for e in events]
    mentions = [m for ev in details for m in ev["mentions"]]
    linked = [m for m in mentions if m["also_triggers"]]
    assert [m["trigger"] for m in linked] == ["ambushed"], mentions
    m = linked[0]
    assert m["also_triggers"] == [{"text": "leaving", "start": text.rindex("leaving")}]
    at = m["also_triggers"][0]["start"] - m["evidence_start"]
    assert m["evidence_text"][at:at + len("leaving")] == "leaving"
    assert all(m["also_triggers"] == [] for m in mentions if m is not linked[0])
    assert "also_triggers_json" not in m


def test_escalation_is_the_cli_report(client, small_db):
    out = io.StringIO()
    with redirect_stdout(out):
        cli_main(["escalation", "--dyad", "USA", "IRN", "--db", str(small_db), "--from", "2020-01-01",
                  "--to", "2020-06-30", "--no-forecast", "--format", "json"])
    api = client.get("/api/dyads/USA/IRN/escalation", params={"from": "2020-01-01", "to": "2020-06-30",
                                                                      "forecast": "false"})
    assert api.status_code == 200
    assert api.json() == json.loads(out.getvalue())


def test_series_counts_both_directions(client, small_db):
    body = client.get("/api/dyads/USA/IRN/series", params={"freq": "W"}).json()
    assert {r["direction"] for r in body["series"]} == {"USA->IRN", "IRN->USA"}
    with Store(small_db, read_only=True) as store:
        n = len(store.events(("USA", "IRN"))) + len(store.events(("IRN", "USA")))
    assert sum(r["events"] for r in body["series"]) == n


def test_series_answer_is_the_analytics_series(client, small_db):
    from flashpoint.analytics import dyad_series
    from flashpoint.store.reader import records

    body = client.get("/api/dyads/USA/IRN/series", params={"from": "2021-01-01", "to": "2021-12-31"}).json()
    with Store(small_db, read_only=True) as store:
        events = store.dyad_events("USA", "IRN", start="2021-01-01", end="2021-12-31")
    want = records(dyad_series(events, "USA", "IRN", start="2021-01-01", end="2021-12-31"))
    assert body["dyad"] == ["USA", "IRN"] and body["freq"] == "D" and len(body["series"]) == len(want) == 730
    assert any(r["goldstein_mean"] is None for r in want) and any(r["goldstein_mean"] for r in want)
    for got, row in zip(body["series"], want):
        assert got.keys() == row.keys()
        for key, value in row.items():
            assert got[key] == (value if not isinstance(value, float) else pytest.approx(value, rel=1e-14)), key


def test_writes_refused_without_a_configured_token(small_db):
    with TestClient(create_app(small_db, config=load_config(token=""))) as c:
        for path in ("/api/code", "/api/ingest"):
            body = assert_problem(c.post(path, json={"documents": [{"text": "x"}]},
                                         headers={"Authorization": "Bearer anything"}), 401, "E803")
            assert "FLASHPOINT_TOKEN" in body["fix"]


def test_writes_refused_without_the_right_token(client):
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
        assert_problem(client.post("/api/ingest", json={"documents": [{"text": "x"}]}, headers=headers), 401)


def test_page_size_and_body_size_are_bounded(client):
    assert len(client.get("/api/events", params={"limit": 500}).json()["events"]) == 500
    assert_problem(client.get("/api/events", params={"limit": 501}), 422, "E801")
    big = b'{"documents": [{"text": "' + b"a" * (9 * 1024 * 1024) + b'"}]}'
    auth = {"Authorization": f"Bearer {TOKEN}", "content-type": "application/json"}
    assert_problem(client.post("/api/code", content=big, headers=auth), 413, "E813")
    chunked = (big[i:i + 65536] for i in range(0, len(big), 65536))   # no Content-Length: counted as read
    assert_problem(client.post("/api/code", content=chunked, headers=auth), 413, "E813")
    assert_problem(client.post("/api/code", json={"documents": [{"text": "x"}] * 101}, headers=auth), 422)


HOSTILE = ["'", "\"", "' OR '1'='1", "1; DROP TABLE events; --", "') UNION SELECT * FROM documents --",
           "%", "_", "\\", "9" * 400, "-1", "1e309", "NaN", "null", "ج", "🙂", "\u202e", "a\u0000b",
           "<script>alert(1)</script>", "../../etc/passwd", " ", ""]
PARAMS = ["dyad", "actor", "cameo", "plover", "quad", "from", "to", "place", "country", "modality", "origin",
          "happened", "limit", "cursor"]


@pytest.mark.parametrize("name", PARAMS)
def test_hostile_query_values_give_4xx_or_empty_never_500(client, small_db, name):
    before = fingerprint(small_db)
    for value in HOSTILE:
        for path in ("/api/events", "/api/timeline", "/api/places"):
            resp = client.get(path, params={name: value})
            assert resp.status_code < 500, (path, name, value, resp.text)
            if resp.status_code >= 400:
                assert_problem(resp, resp.status_code)
            elif path == "/api/events" and value.strip() and name not in ("happened", "limit"):
                assert resp.json()["events"] == [], (name, value)
    assert fingerprint(small_db) == before


def path_part(value: str) -> str:
    """A hostile value as one segment of a URL path: only what would end or split the segment is
    escaped, so the rest reaches the route as typed."""
    return value.replace("%", "%25").replace("?", "%3F").replace("#", "%23").replace("/", "%2F").replace("\x00", "%00")


@pytest.mark.parametrize("value", HOSTILE[:-2])
def test_hostile_path_values_give_4xx_or_nothing_never_500(client, small_db, value):
    before = fingerprint(small_db)
    quoted = path_part(value)
    for path in (f"/api/dyads/{quoted}/IRN/series", f"/api/dyads/USA/{quoted}/escalation?forecast=false",
                 f"/api/events/{quoted}"):
        resp = client.get(path)
        if resp.status_code == 200:     # a well-formed code nobody has: an empty series
            assert path.endswith("/series") and resp.json()["series"] == [], (path, resp.text)
        else:
            assert resp.status_code in (400, 404, 422), (path, resp.text)
            assert_problem(resp, resp.status_code)
    assert fingerprint(small_db) == before


def test_unknown_routes_and_methods_use_the_error_shape(client):
    assert_problem(client.get("/api/nothing"), 404, "E804")
    assert_problem(client.delete("/api/events"), 405, "E805")
    assert_problem(client.get("/api/events", params={"cursor": "bm90LWEtY3Vyc29y"}), 400, "E802")
    assert_problem(client.get("/api/dyads/USA/USA/series"), 400)


def test_pages_are_served_with_a_content_security_policy(client):
    for path in ("/", "/dyad", "/map", "/events", "/docs", "/static/app.js"):
        resp = client.get(path)
        assert resp.status_code == 200, path
        assert "script-src 'self'" in resp.headers["content-security-policy"]
    assert "innerHTML" not in client.get("/static/app.js").text
    assert client.get("/api/basemap").json()["features"]


@pytest.mark.model
def test_code_and_ingest_with_the_token(tmp_path):
    from tests.web.conftest import generated_store

    db = generated_store(tmp_path / "w.duckdb", 300)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    doc = {"id": "post-1", "date": "2020-01-09",
           "text": "Iranian forces fired missiles at US troops in Erbil on Wednesday."}
    with TestClient(create_app(db, config=load_config(token=TOKEN), check_every=0)) as c:
        before = c.get("/api/status").json()
        coded = c.post("/api/code", json={"documents": [doc]}, headers=auth).json()
        assert [(e["source"]["country"], e["target"]["country"]) for e in coded["events"]] == [("IRN", "USA")]
        assert c.get("/api/status").json()["events"] == before["events"]          # coding stores nothing
        stored = c.post("/api/ingest", json={"documents": [doc, {"id": "empty", "text": " "}]}, headers=auth)
        assert stored.status_code == 200 and stored.json()["coded"] == 2 and stored.json()["failed"] == 1
        after = c.get("/api/status").json()
        assert after["events"] == before["events"] + 1 and after["failed"] == 1
        found = c.get("/api/events", params={"dyad": "IRN,USA", "from": "2020-01-08", "to": "2020-01-08"}).json()
        assert [e["origins"] for e in found["events"]] == ["flashpoint"]


@pytest.mark.model
def test_code_runs_in_memory_zones_on_request_threads_with_unchanged_events(tmp_path):
    """FastAPI runs /api/code on a worker thread: it codes in zones, keeps no new word, and gives
    the events the main thread gives keeping the parse."""
    from flashpoint.coder import _default_pipeline, collect, code_documents
    from flashpoint.model import Document
    from tests.test_memory_zone import INVENTED
    from tests.web.conftest import generated_store

    config = load_config(token=TOKEN)
    pipeline = _default_pipeline(config)
    warm, pipeline.warm_chars = pipeline.warm_chars, 0
    strings = pipeline.stages[0].nlp.vocab.strings
    texts = [INVENTED.replace("Qaxtrovia", word) for word in ("Plonquibar", "Wexantrio")]
    auth = {"Authorization": f"Bearer {TOKEN}"}
    try:
        with TestClient(create_app(generated_store(tmp_path / "z.duckdb", 300), config=config,
                                   check_every=0)) as c:
            assert c.post("/api/code", json={"documents": [{"text": "Iran protested on Monday."}]},
                          headers=auth).status_code == 200
            before = len(strings)
            coded = c.post("/api/code", json={"documents": [{"id": f"z{n}", "date": "2020-01-09", "text": t}
                                                            for n, t in enumerate(texts)]}, headers=auth).json()
            assert len(strings) == before and "Plonquibar" not in strings and "Wexantrio" not in strings
    finally:
        pipeline.warm_chars = warm
    docs = [Document(f"z{n}", t, date=parse_date("2020-01-09", where="test")) for n, t in enumerate(texts)]
    expected = collect(code_documents(docs, config=config)).records()  # main thread, parse kept
    assert expected and coded == {"events": json.loads(json.dumps(expected)), "failures": []}


def test_a_repeated_question_is_answered_from_the_cache_until_the_store_changes(tmp_path):
    import time

    import pyarrow as pa

    from flashpoint.store import Store
    from tests.web.conftest import generated_store

    db = generated_store(tmp_path / "c.duckdb", 300)
    ask = {"dyad": "USA,IRN", "limit": 500, "happened": "all"}
    with TestClient(create_app(db, config=load_config(token=""), check_every=0.2)) as c:
        first = c.get("/api/events", params=ask)
        hits = c.get("/api/status").json()["cache"]["hits"]
        again = c.get("/api/events", params=ask)
        assert again.content == first.content and again.headers["content-security-policy"]
        assert c.get("/api/status").json()["cache"]["hits"] == hits + 1
        with Store(db) as store:
            store.load_mentions(pa.Table.from_pylist([{
                "mention_id": "late:1", "doc_id": "late", "origin": "test", "source_country": "USA",
                "target_country": "IRN", "cameo": "190", "quad_class": 4, "date": "2031-01-01"}]))
        time.sleep(0.3)
        later = c.get("/api/events", params=ask).json()["events"]
    assert len(later) == len(first.json()["events"]) + 1 and later[-1]["date"] == "2031-01-01"
