"""The dashboard in a real browser (Debian's Chromium via Playwright) over the demo corpus.

Screenshots of every page go to test-output/web/ (or $FLASHPOINT_TEST_OUTPUT/web/).
"""
from __future__ import annotations

import json
import shutil
import urllib.request

import pytest

from tests.web.conftest import HOSTILE_ARTICLE, start_server

pytestmark = [pytest.mark.model, pytest.mark.browser]

PAGES = {"timeline": "/", "dyad": "/dyad?a=USA&b=IRN&to=2020-01-08", "map": "/map", "events": "/events",
         "docs": "/docs"}
READY = {"timeline": "svg.timeline rect.bar", "dyad": "#forecast", "map": "svg.map circle.dot",
         "events": "tr[data-event-id]", "docs": "section.endpoint"}


def api(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=60) as resp:
        return json.loads(resp.read())


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_loads_and_shows_the_store(page, demo_server, shots, name):
    page.goto(demo_server + PAGES[name])
    page.wait_for_selector(READY[name], timeout=300_000)
    assert page.locator(".error").count() == 0 or name == "dyad"   # the dyad view may print notes
    from playwright.sync_api import expect

    # the status line is filled by its own request, which may end after the page's content
    expect(page.locator("#store-status")).to_contain_text("events", timeout=60_000)
    page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
    assert not page.errors, page.errors


def test_timeline_bar_leads_to_an_events_evidence(page, demo_server, shots):
    page.goto(demo_server + "/?period=month")
    bar = page.locator("rect.bar.q4").last
    bar.click()
    row = page.locator("#list tr[data-event-id]").first
    row.wait_for()
    event_id = row.get_attribute("data-event-id")
    row.click()
    evidence = page.locator("#evidence .evidence")
    evidence.wait_for()
    want = api(f"{demo_server}/api/events/{event_id}")
    assert evidence.inner_text().strip() == want["mentions"][0]["evidence_text"].strip()
    assert page.locator("#evidence mark.trigger").count() == 1
    assert page.locator("li.mention").count() == len(want["mentions"])
    page.screenshot(path=str(shots / "timeline-evidence.png"), full_page=True)
    assert not page.errors, page.errors


def test_evidence_marks_every_verb_of_the_act_at_its_offset(page, acts_db, shots):
    proc, url = start_server(acts_db)
    try:
        events = api(url + "/api/events?limit=100")["events"]
        event_id = next(e["event_id"] for e in events if e["evidence_text"].startswith("Taliban"))
        page.goto(url + "/events")
        page.locator(f"tr[data-event-id='{event_id}']").click()
        page.wait_for_selector("#evidence .evidence")
        triggers = page.locator("#evidence mark.trigger")
        assert triggers.all_inner_texts() == ["ambushed", "leaving"]
        # the second 'leaving' (the toll) is marked, not the first (the convoy leaving a town)
        before = page.locator("#evidence .evidence").evaluate(
            "p => { let s = ''; for (const n of p.childNodes) { if (n.nodeName === 'MARK' && "
            "n.classList.contains('trigger') && n.textContent === 'leaving') return s; s += n.textContent; } }")
        assert before.endswith("convoy leaving Kandahar on Monday, ")
        assert page.locator("li.mention mark.trigger").count() == 2
        page.screenshot(path=str(shots / "evidence-also-triggers.png"), full_page=True)
        assert not page.errors, page.errors
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_events_filtered_by_dyad_are_the_apis(page, demo_server, shots):
    page.goto(demo_server + "/events")
    page.fill("input[name=source]", "USA")
    page.fill("input[name=target]", "IRN")
    with page.expect_response(lambda r: "/api/events?" in r.url and "dyad=USA%2CIRN" in r.url):
        page.click("button[type=submit]")
    page.wait_for_url("**source=USA**")
    page.wait_for_selector("#list tr[data-event-id]")
    shown = page.eval_on_selector_all("#list tr[data-event-id]", "rows => rows.map(r => r.dataset.eventId)")
    want = [e["event_id"] for e in api(f"{demo_server}/api/events?dyad=USA,IRN&limit=50")["events"]]
    assert shown == want and want
    assert all(c.startswith("USA") for c in page.eval_on_selector_all(
        "#list tr[data-event-id] td:nth-child(2)", "cells => cells.map(c => c.textContent)"))
    page.screenshot(path=str(shots / "events-usa-irn.png"), full_page=True)


def test_map_draws_countries_and_lists_a_places_events(page, demo_server, shots):
    page.goto(demo_server + "/map")
    page.wait_for_selector("svg.map circle.dot")
    assert page.locator("path.country").count() > 150
    places = api(f"{demo_server}/api/places")["places"]
    assert page.locator("circle.dot").count() == len(places)
    page.locator(f"circle.dot[data-place='{places[0]['place']}']").click()
    page.wait_for_selector("#list tr[data-event-id]")
    assert places[0]["place"] in page.locator("#list-title").inner_text()
    page.screenshot(path=str(shots / "map-place.png"), full_page=True)


def test_markup_in_an_article_is_shown_as_text_and_never_runs(page, demo_server, shots):
    page.goto(demo_server + "/events?from=2020-02-01&to=2020-02-06&happened=all")
    rows = page.locator("#list tr[data-event-id]", has_text="<script>")
    rows.first.wait_for()
    rows.first.click()
    page.wait_for_selector("#evidence .evidence")
    assert "<script>document.title" in page.locator("#evidence").inner_text()
    assert page.title() == "flashpoint: events"
    assert page.evaluate("window.pwned === undefined")
    assert page.locator("main script, main img").count() == 0      # nothing from the data became an element
    page.goto(demo_server + "/events?from=2020-02-01&to=2020-02-06&happened=all&source=IRQ&target=USA")
    page.locator("#list tr[data-event-id]", has_text="<img").first.click()
    page.wait_for_selector("#evidence .evidence")
    assert "onerror" in page.locator("#evidence").inner_text()
    assert page.title() == "flashpoint: events" and page.locator("main img").count() == 0
    page.screenshot(path=str(shots / "markup-as-text.png"), full_page=True)
    assert HOSTILE_ARTICLE["id"]


def test_dyad_view_shows_severity_responses_and_forecast(page, demo_server, shots):
    page.goto(demo_server + "/dyad?a=USA&b=IRN&to=2020-01-08")
    page.wait_for_selector("#forecast", timeout=300_000)
    report = api(f"{demo_server}/api/dyads/USA/IRN/escalation?to=2020-01-08")
    assert page.locator("#severity polyline").count() == len({r["direction"] for r in report["series"]})
    labels = page.eval_on_selector_all("#responses td[class^=label-]", "c => c.map(x => x.textContent)")
    assert labels == [r["label"] for r in report["responses"]]
    probability = report["forecast"]["probability"]
    assert f"{probability:.2f}" in page.locator("#forecast").inner_text()
    picture_loaded(page)
    assert "USA and IRN" in page.get_attribute("#escalation-plot", "alt")
    # no backtest saved beside the demo store: the page says which command makes one
    assert "flashpoint backtest --db" in page.locator("#backtest pre").inner_text()
    assert page.locator("#no-backtest").is_visible() and page.locator("#backtest-table").count() == 0
    page.screenshot(path=str(shots / "dyad-usa-irn.png"), full_page=True)
    assert not page.errors, page.errors


def picture_loaded(page) -> None:
    """Wait until the escalation picture has loaded, and check it decoded to a picture."""
    page.wait_for_function("() => { const i = document.querySelector('#escalation-plot');"
                           " return i && i.complete && i.naturalWidth > 0; }", timeout=120_000)
    width, height = page.eval_on_selector("#escalation-plot", "i => [i.naturalWidth, i.naturalHeight]")
    assert width > 800 and height > 400


def test_dyad_view_shows_the_picture_and_the_saved_backtest(page, small_db, tmp_path, shots):
    from flashpoint.cli import main

    db = tmp_path / "store.duckdb"
    shutil.copyfile(small_db, db)
    proc, url = start_server(db)
    try:
        # saved while the server runs: the page shows it without a restart
        assert main(["backtest", "--db", str(db), "--dyad", "IRN", "USA", "--from", "2020-01-01",
                     "--to", "2020-03-31", "--json", str(tmp_path / "bt.json")]) == 0
        page.goto(url + "/dyad?a=USA&b=IRN&from=2019-06-01&to=2020-01-08&train=synthetic")
        page.wait_for_selector("#backtest-table")
        saved = api(f"{url}/api/dyads/USA/IRN/backtest")
        assert saved == json.loads((tmp_path / "bt.json").read_text())[0]
        rows = page.eval_on_selector_all("#backtest-table tr[data-name]",
                                         "rows => rows.map(r => [...r.cells].map(c => c.textContent))")
        want = [("model", saved["model"]), *saved["baselines"].items()]
        assert [r[0].split(" ")[0] for r in rows] == [name for name, _ in want]
        assert [r[1:3] for r in rows] == [[f"{s['brier']:.3f}", f"{s['log_loss']:.3f}"] for _, s in want]
        period = page.locator("#backtest-period").inner_text()
        assert "91 origins from 2020-01-01 to 2020-03-31" in period and "in the next 7 days" in period
        page.wait_for_selector("#forecast", timeout=300_000)
        picture_loaded(page)
        page.screenshot(path=str(shots / "dyad-backtest.png"), full_page=True)
        assert not page.errors, page.errors
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_hostile_query_in_the_address_bar_shows_an_error_not_a_crash(page, demo_server):
    before = api(f"{demo_server}/api/status")["events"]
    assert before > 0
    page.goto(demo_server + "/events?source=%27%3BDROP%20TABLE%20events%3B--&target=IRN")
    page.wait_for_selector(".error")
    assert "E801" in page.locator(".error").inner_text()
    assert api(f"{demo_server}/api/status")["events"] == before
