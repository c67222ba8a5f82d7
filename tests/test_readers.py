from __future__ import annotations

import datetime as dt
import json

import pytest

from flashpoint.errors import BadEncoding, BinaryFile, EmptyDocument, MalformedRecord, MissingPath, TooLarge
from flashpoint.model import Document
from flashpoint.pipeline import Failure
from flashpoint.readers import parse_date, read_paths


def split(items):
    docs = [i for i in items if isinstance(i, Document)]
    fails = [i for i in items if isinstance(i, Failure)]
    return docs, fails


def test_text_file_with_date_option(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Iran fired missiles.", encoding="utf-8")
    docs, fails = split(list(read_paths([p], date=dt.date(2020, 1, 9))))
    assert not fails and docs[0].date == dt.date(2020, 1, 9) and docs[0].id == "a"


def test_jsonl_records_and_bad_line_is_reported_with_line_number(tmp_path):
    p = tmp_path / "b.jsonl"
    good = {"id": "x1", "text": "Iran fired missiles.", "date": "2020-01-08", "source": "Wire"}
    p.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({"text": "More text."}) + "\n", encoding="utf-8")
    docs, fails = split(list(read_paths([p])))
    assert [d.id for d in docs][0] == "x1" and len(docs) == 2
    assert docs[0].date == dt.date(2020, 1, 8) and docs[0].source == "Wire"
    assert len(fails) == 1 and isinstance(fails[0].error, MalformedRecord)
    assert f"{p}:2" in str(fails[0])


@pytest.mark.parametrize("content,error", [
    (b"", EmptyDocument),
    (b"   \n\n", EmptyDocument),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", BinaryFile),
    (b"caf\xe9 in Tehran", BadEncoding),
])
def test_bad_files_fail_with_named_error(tmp_path, content, error):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    ok = tmp_path / "ok.txt"
    ok.write_text("Iraq condemned the strike.", encoding="utf-8")
    docs, fails = split(list(read_paths([p, ok])))
    assert len(docs) == 1 and len(fails) == 1
    assert isinstance(fails[0].error, error)
    assert str(p) in str(fails[0]) and "Fix:" in str(fails[0])


def test_large_file_refused_with_size(tmp_path):
    p = tmp_path / "big.txt"
    p.write_bytes(b"word " * 2_000_000)
    _, fails = split(list(read_paths([p], max_bytes=1_000_000)))
    assert isinstance(fails[0].error, TooLarge) and "MB" in str(fails[0])


def test_missing_path_and_folder(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "one.txt").write_text("Text one.", encoding="utf-8")
    (tmp_path / "d" / "two.txt").write_text("Text two.", encoding="utf-8")
    docs, fails = split(list(read_paths([tmp_path / "nope.txt", tmp_path / "d"])))
    assert len(docs) == 2 and isinstance(fails[0].error, MissingPath)


def test_html_main_text_extracted(tmp_path):
    p = tmp_path / "page.html"
    body = "<p>" + "Iran fired missiles at bases housing US forces in Iraq on Wednesday. " * 5 + "</p>"
    p.write_text(f"<html><head><title>t</title></head><body><nav>Home | About</nav><article>{body}</article>"
                 "</body></html>", encoding="utf-8")
    docs, fails = split(list(read_paths([p])))
    assert not fails and "Iran fired missiles" in docs[0].text and "<p>" not in docs[0].text


def test_bad_date_in_record_names_field(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_text(json.dumps({"text": "Some text.", "date": "next Tuesday-ish"}) + "\n", encoding="utf-8")
    _, fails = split(list(read_paths([p])))
    assert "date" in str(fails[0]) and ":1" in str(fails[0])


def test_parse_date_accepts_timestamps():
    assert parse_date("2020-01-09T10:00:00Z", where="x") == dt.date(2020, 1, 9)
    assert parse_date(None, where="x") is None


def test_html_blocks_are_paragraphs_so_a_heading_ends_before_the_story(tmp_path):
    p = tmp_path / "page.html"
    body = "<h1>Velmora cuts ties with Dareth</h1>" + "<p>" + "The government of Velmora broke off relations. " * 5 + "</p>"
    p.write_text(f"<html><head><title>t</title></head><body><article>{body}</article></body></html>", encoding="utf-8")
    docs, fails = split(list(read_paths([p])))
    assert not fails and "Velmora cuts ties with Dareth\n\nThe government" in docs[0].text


@pytest.mark.parametrize("head, expected", [
    ('<meta name="date" content="2019-06-13">', dt.date(2019, 6, 13)),
    ('<meta property="article:published_time" content="2020-01-09T08:30:00Z">', dt.date(2020, 1, 9)),
    ("", dt.date(2024, 2, 2)),  # the page gives none: --date
])
def test_an_html_page_gives_its_own_publication_date_over_the_date_option(tmp_path, head, expected):
    p = tmp_path / "page.html"
    body = "<p>" + "Gunmen attacked a police post on Tuesday, officials said. " * 5 + "</p>"
    p.write_text(f"<html><head><title>t</title>{head}</head><body><article>{body}</article></body></html>",
                 encoding="utf-8")
    docs, fails = split(list(read_paths([p], date=dt.date(2024, 2, 2))))
    assert not fails and docs[0].date == expected


def test_a_date_in_an_html_page_s_prose_is_not_its_publication_date(tmp_path):
    p = tmp_path / "page.html"
    body = "<p>" + "On 5 March 2019 gunmen attacked a police post, officials said. " * 5 + "</p>"
    p.write_text(f"<html><head><title>t</title></head><body><article>{body}</article></body></html>",
                 encoding="utf-8")
    docs, fails = split(list(read_paths([p])))
    assert not fails and docs[0].date is None
