"""Bad input and one-document failures: sizes checked everywhere (stdin too), only regular files
read, unreadable folders reported, a document spaCy fails on is one failure and the rest of its
batch is coded (and stored, in ingest), the Python API checks types and sizes, non-English text is
reported, NUL bytes never reach the evidence, deeply nested HTML still yields its text."""
from __future__ import annotations

import io
import os
import sys

import pytest

from flashpoint.config import MAX_DOCUMENT_BYTES, load_config
from flashpoint.errors import ConfigError, InputError, TooLarge, UnsupportedLanguage
from flashpoint.model import Document
from flashpoint.pipeline import Failure
from flashpoint.readers import html_to_text, read_paths

ENGLISH = "The United States struck an Iranian convoy near Baghdad on Friday, officials said. " * 3


def docs(items):
    return [i for i in items if isinstance(i, Document)]


def fails(items):
    return [i for i in items if isinstance(i, Failure)]


def test_stdin_larger_than_the_limit_is_refused_reading_at_most_one_byte_more(monkeypatch):
    data = io.BytesIO(b"x" * 5000)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(data))
    items = list(read_paths(["-"], max_bytes=1000))
    assert len(items) == 1 and isinstance(items[0].error, TooLarge) and "<stdin>" in str(items[0])
    assert data.tell() <= 1001 + io.DEFAULT_BUFFER_SIZE


def test_stdin_within_the_limit_is_read(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ENGLISH.encode())))
    assert docs(read_paths(["-"], max_bytes=10_000))[0].text.startswith("The United States")


def test_max_bytes_must_stay_below_the_parser_limit():
    with pytest.raises(ConfigError, match="parser's limit"):
        load_config(max_bytes=MAX_DOCUMENT_BYTES)
    assert load_config(max_bytes=MAX_DOCUMENT_BYTES - 1).max_bytes == MAX_DOCUMENT_BYTES - 1


def test_a_fifo_and_a_device_are_refused_without_reading(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # opening it for reading would block forever
    items = list(read_paths([fifo, "/dev/zero"]))
    assert len(items) == 2 and all("not a regular file" in str(f) for f in fails(items))


def test_a_file_is_read_only_up_to_the_limit_whatever_its_size(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(ENGLISH * 200, encoding="utf-8")
    [failure] = list(read_paths([big], max_bytes=1000))
    assert isinstance(failure.error, TooLarge)


def test_a_jsonl_record_over_the_limit_fails_alone(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"text": "%s"}\n{"text": "%s"}\n' % ("y" * 80_000, ENGLISH), encoding="utf-8")
    items = list(read_paths([path], max_bytes=1000))
    assert isinstance(items[0].error, TooLarge) and items[0].origin.endswith(":1")
    assert docs(items)[0].origin.endswith(":2")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder; run as a normal user to check this")
def test_an_unreadable_folder_is_reported(tmp_path):
    (tmp_path / "ok.txt").write_text(ENGLISH, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text(ENGLISH, encoding="utf-8")
    locked.chmod(0)
    try:
        items = list(read_paths([tmp_path]))
    finally:
        locked.chmod(0o755)
    assert len(docs(items)) == 1 and "cannot read folder" in str(fails(items)[0])


def test_arabic_and_chinese_text_is_reported_as_not_english(tmp_path):
    (tmp_path / "ar.txt").write_text("قصفت الولايات المتحدة قافلة إيرانية قرب بغداد يوم الجمعة. " * 5, encoding="utf-8")
    (tmp_path / "zh.txt").write_text("美国周五在巴格达附近袭击了一支伊朗车队，官员们说。" * 5, encoding="utf-8")
    (tmp_path / "en.txt").write_text(ENGLISH + " Ahmad Al-Sharif (أحمد) said.", encoding="utf-8")
    items = list(read_paths([tmp_path]))
    assert [d.origin.rsplit("/", 1)[1] for d in docs(items)] == ["en.txt"]
    assert len(fails(items)) == 2 and all(isinstance(f.error, UnsupportedLanguage) for f in fails(items))


def test_a_nul_byte_after_the_first_8_kb_never_reaches_the_text(tmp_path):
    path = tmp_path / "nul.txt"
    path.write_bytes((ENGLISH * 40).encode() + b"\x00hidden" + ENGLISH.encode())
    [doc] = docs(read_paths([path]))
    assert "\x00" not in doc.text and "hidden" in doc.text


def test_deeply_nested_html_still_yields_its_text(tmp_path):
    page = "<html><body>" + "<div>" * 300 + f"<p>{ENGLISH}</p>" + "</div>" * 300 + "</body></html>"
    assert "Iranian convoy" in html_to_text(page, "deep.html")
    path = tmp_path / "deep.html"
    path.write_text(page, encoding="utf-8")
    assert "Iranian convoy" in docs(read_paths([path]))[0].text


def test_the_python_api_checks_type_and_size_before_coding():
    from flashpoint import code_text

    with pytest.raises(InputError, match="must be a string") as err:
        code_text(None)  # type: ignore[arg-type]
    assert "Fix:" in str(err.value)
    with pytest.raises(TooLarge, match="limit"):
        code_text("word " * 2_000_000)
    with pytest.raises(UnsupportedLanguage):
        code_text("美国周五在巴格达附近袭击了一支伊朗车队，官员们说。" * 5)


@pytest.fixture()
def short_parser_limit():
    """The real spaCy pipeline with a low max_length, so that nlp.pipe raises (E088) on one text."""
    from flashpoint.stages.parse import load_nlp

    nlp = load_nlp(load_config().model)  # the object the parse stage uses
    old = nlp.max_length
    nlp.max_length = 2000
    yield
    nlp.max_length = old


@pytest.mark.model
def test_a_document_spacy_fails_on_is_one_failure_and_the_batch_is_coded(short_parser_limit):
    from flashpoint.stages.parse import SpacyParser

    batch = [Document(id=f"d{i}", text=ENGLISH * (20 if i == 2 else 1)) for i in range(5)]
    out = list(SpacyParser(batch_size=8).pipe(batch))
    assert [type(o).__name__ for o in out] == ["Document"] * 2 + ["Failure"] + ["Document"] * 2
    assert out[2].stage == "parse" and "E088" in str(out[2])


@pytest.mark.model
def test_ingest_stores_the_good_documents_of_a_batch_and_records_the_failure(short_parser_limit, tmp_path):
    from flashpoint.scale import ingest
    from flashpoint.store import Store

    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(4):
        (folder / f"{i}.txt").write_text(ENGLISH * (20 if i == 1 else 1) + f" Story {i}.", encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest([folder], store, batch_size=8)
        docs_ = store.documents().set_index("origin")
    assert report.failed == 1 and report.coded == 4  # coded counts successes and failures
    failed = docs_.loc[str(folder / "1.txt")]
    assert failed["status"] == "failed" and failed["stage"] == "parse" and "E088" in failed["error"]
    assert (docs_.drop(str(folder / "1.txt"))["status"] == "ok").all()


class Spin:
    """A stage that loops on documents saying 'spin' (a runaway document)."""

    name, requires, assigns, updates = "spin", frozenset({"text"}), frozenset(), frozenset()

    def __call__(self, doc):
        while "spin" in doc.text:
            pass
        return doc


def test_a_runaway_document_becomes_a_failure_at_the_time_limit():
    import time

    from flashpoint.errors import TimeLimit
    from flashpoint.pipeline import Pipeline

    t0 = time.perf_counter()
    out = list(Pipeline([Spin()], time_limit=0.5).run(
        [Document(id="a", text="fine"), Document(id="b", text="spin"), Document(id="c", text="fine")]))
    assert [type(o).__name__ for o in out] == ["Document", "Failure", "Document"]
    assert isinstance(out[1].error, TimeLimit) and out[1].stage == "spin" and "Fix:" in str(out[1])
    assert time.perf_counter() - t0 < 30


def test_time_limit_must_be_positive():
    with pytest.raises(ConfigError, match="time_limit"):
        load_config(time_limit=0)


@pytest.mark.model
def test_code_text_raises_the_error_of_a_stage_that_failed_never_an_empty_list(short_parser_limit):
    from flashpoint import code_text
    from flashpoint.errors import FlashpointError

    with pytest.raises(FlashpointError, match="E088") as err:
        code_text(ENGLISH * 20)  # within max_bytes, over the parser's (lowered) limit: spaCy fails on it
    assert "stage 'parse'" in str(err.value) and "Fix:" in str(err.value)


def test_a_relative_date_outside_the_calendar_stays_unresolved():
    import datetime as dt

    from flashpoint.stages.dates import resolve_date

    for published in (dt.date(1, 1, 2), dt.date(9999, 12, 30)):
        for expression in ("last week", "earlier this week", "tomorrow", "Wednesday", "two years ago", "0000"):
            date = resolve_date(expression, published)  # raised OverflowError/ValueError at the ends
            assert date.text == expression and (date.value is None or len(date.value) >= 4)
    assert resolve_date("last week", dt.date(1, 1, 2)).value is None


@pytest.mark.model
def test_a_document_dated_at_the_start_of_the_calendar_is_coded(tmp_path):
    from flashpoint.coder import code_paths

    path = tmp_path / "old.jsonl"
    path.write_text('{"id": "old", "text": "Iranian forces fired missiles at US troops in Erbil last week.", '
                    '"date": "0001-01-02"}\n', encoding="utf-8")
    [doc] = list(code_paths([path], keep_parse=False))
    assert isinstance(doc, Document) and doc.events  # was a failure of the dates stage
    assert all(ev.date.precision == "unknown" and ev.date.relation == "before" for ev in doc.events)
