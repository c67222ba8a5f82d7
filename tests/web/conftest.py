"""Fixtures for the web tests: stores (generated, and the demo corpus coded), a running server,
and Debian's Chromium driven by Playwright (tests skip with a message only when it is absent)."""
from __future__ import annotations

import importlib.util
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import DEMO, ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
OUTPUT = Path(os.environ.get("FLASHPOINT_TEST_OUTPUT", ROOT / "test-output")) / "web"
TOKEN = "test-token-7f3a"
# An article whose text carries markup: it must be shown as text, never run.
HOSTILE_ARTICLE = {
    "id": "hostile-001", "date": "2020-02-06", "source": "Hostile <b>Wire</b>",
    "text": "Syrian troops shelled <script>document.title=\"pwned\";window.pwned=1</script> Turkish positions "
            "near Idlib on Monday. Iraqi militias attacked the <img src=x onerror=\"document.title='pwned'\"> "
            "U.S. embassy in Baghdad on Tuesday.",
}


def bench_module():
    """scripts/bench_web.py (its generator of synthetic mention rows)."""
    spec = importlib.util.spec_from_file_location("bench_web", ROOT / "scripts" / "bench_web.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def generated_store(path: Path, n: int, *, seed: int = 1) -> Path:
    """A store of about ``n`` synthetic events, loaded through Store.load_mentions (no spaCy)."""
    import pyarrow.parquet as pq

    from flashpoint.store import Store

    parquet = path.with_suffix(".parquet")
    bench_module().write_mentions(parquet, n, seed=seed)
    with Store(path) as store:
        store.load_mentions(pq.read_table(parquet))
    parquet.unlink()
    return path


@pytest.fixture(scope="session")
def small_db(tmp_path_factory) -> Path:
    return generated_store(tmp_path_factory.mktemp("small") / "small.duckdb", 20000)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """The demo corpus and one article carrying markup, coded into a store."""
    from flashpoint.scale import ingest
    from flashpoint.store import Store

    folder = tmp_path_factory.mktemp("demo")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE_ARTICLE) + "\n", encoding="utf-8")
    path = folder / "demo.duckdb"
    with Store(path) as store:
        report = ingest([DEMO, hostile], store)
    assert report.failed == 0
    return path


# Invented news: the second 'leaving' tells the ambush's toll (an extra verb of its act, also_triggers);
# the first, earlier in the sentence, is no trigger, so marking by first match would mark the wrong one.
ACTS_ARTICLES = [
    {"id": "acts-001", "date": "2021-05-04", "source": "Test Wire",
     "text": "Talks stalled on Sunday. Taliban fighters ambushed an Afghan army convoy leaving Kandahar on "
             "Monday, leaving five soldiers dead."},
    {"id": "acts-002", "date": "2021-05-05", "source": "Test Wire",
     "text": "Pakistan condemned the ambush on Tuesday."},
]


@pytest.fixture(scope="session")
def acts_db(tmp_path_factory) -> Path:
    """ACTS_ARTICLES coded by the real coder into a store."""
    from flashpoint.scale import ingest
    from flashpoint.store import Store

    folder = tmp_path_factory.mktemp("acts")
    corpus = folder / "acts.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in ACTS_ARTICLES), encoding="utf-8")
    path = folder / "acts.duckdb"
    with Store(path) as store:
        assert ingest([corpus], store).failed == 0
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, *, token: str | None = None) -> tuple[subprocess.Popen, str]:
    """``flashpoint serve`` on a free loopback port; returns the process and its base URL."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("FLASHPOINT_TOKEN", None)
    if token:
        env["FLASHPOINT_TOKEN"] = token
    proc = subprocess.Popen([sys.executable, "-m", "flashpoint", "serve", "--db", str(db), "--port", str(port)],
                            cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"flashpoint serve exited: {proc.stderr.read()}")
        try:
            with urllib.request.urlopen(url + "/api/status", timeout=5) as resp:
                if resp.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise RuntimeError("flashpoint serve did not answer within 60 s")


@pytest.fixture(scope="session")
def demo_server(demo_db) -> Iterator[str]:
    proc, url = start_server(demo_db, token=TOKEN)
    yield url
    proc.terminate()
    proc.wait(timeout=30)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium package (apt-get install -y chromium); "
                    ".ci/run does this when it can")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed: pip install -r requirements/lock.txt")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda err: page.errors.append(str(err)))
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" and not expected(msg) else None)
    page.set_default_timeout(60_000)
    yield page
    context.close()


def expected(msg) -> bool:
    """Chromium logs every 4xx answer as a console error; a dyad with no saved backtest is answered
    404 on purpose (the page then says how to make one), so that one is not a page error."""
    return "status of 404" in msg.text and msg.location.get("url", "").endswith("/backtest")


@pytest.fixture(scope="session")
def shots() -> Path:
    """Where screenshots go: test-output/web/ (or $FLASHPOINT_TEST_OUTPUT/web/)."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    return OUTPUT
