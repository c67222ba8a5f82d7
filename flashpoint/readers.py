"""Ingest: files, folders, JSONL records and stdin become Documents.

Every problem with an input becomes a :class:`~flashpoint.pipeline.Failure`
naming the file (and line) and the fix; the other inputs are still read.
"""
from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .errors import (
    BadDate,
    BadEncoding,
    BinaryFile,
    EmptyDocument,
    InputError,
    MalformedRecord,
    MissingPath,
    TooLarge,
)
from .model import Document, doc_id_for
from .pipeline import Failure

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
DEFAULT_MAX_BYTES = 5_000_000


def parse_date(value: Any, *, where: str) -> dt.date | None:
    """A publication date from a record or option: YYYY-MM-DD (a time part is ignored)."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise BadDate(
            f"date {text!r} is not a date in YYYY-MM-DD form",
            where=where,
            fix="write the publication date as e.g. 2020-01-09, or leave it out",
        ) from None


def read_paths(
    paths: Iterable[str | Path],
    *,
    date: dt.date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document | Failure]:
    """Documents from files, folders (recursively) and '-' for stdin."""
    for raw in paths:
        if str(raw) == "-":
            yield from _from_text_blob(sys.stdin.read(), "<stdin>", date=date, max_bytes=max_bytes)
            continue
        path = Path(raw)
        if not path.exists():
            yield _fail(str(path), MissingPath(
                "no such file or folder", where=str(path), fix="check the path and try again"))
        elif path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            if not files:
                yield _fail(str(path), EmptyDocument(
                    "folder holds no files", where=str(path), fix="point at a folder of .txt, .html or .jsonl files"))
            for f in files:
                yield from read_file(f, date=date, max_bytes=max_bytes)
        else:
            yield from read_file(path, date=date, max_bytes=max_bytes)


def read_file(path: Path, *, date: dt.date | None = None,
              max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | Failure]:
    where = str(path)
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
        if suffix not in JSONL_SUFFIXES and size > max_bytes:
            raise TooLarge(
                f"file is {size / 1e6:.1f} MB, more than the {max_bytes / 1e6:.1f} MB limit for one document",
                where=where,
                fix="split it into smaller documents (e.g. JSONL, one article per line) or raise --max-bytes",
            )
        data = path.read_bytes()
        text = _decode(data, where)
    except InputError as err:
        yield _fail(where, err)
        return
    except OSError as err:
        yield _fail(where, InputError(f"cannot read file: {err.strerror}", where=where,
                                      fix="check the file's permissions"))
        return
    if suffix in JSONL_SUFFIXES:
        yield from _from_jsonl(text, where, date=date, max_bytes=max_bytes)
    elif suffix in HTML_SUFFIXES or _looks_like_html(text):
        yield _checked(where, lambda: _document(html_to_text(text, where), where, path.stem, date))
    else:
        yield _checked(where, lambda: _document(text, where, path.stem, date))


def _from_text_blob(text: str, where: str, *, date: dt.date | None, max_bytes: int
                    ) -> Iterator[Document | Failure]:
    stripped = text.lstrip()
    if stripped.startswith("{"):
        yield from _from_jsonl(text, where, date=date, max_bytes=max_bytes)
    elif _looks_like_html(text):
        yield _checked(where, lambda: _document(html_to_text(text, where), where, None, date))
    else:
        yield _checked(where, lambda: _document(text, where, None, date))


def _from_jsonl(text: str, where: str, *, date: dt.date | None, max_bytes: int
                ) -> Iterator[Document | Failure]:
    seen_any = False
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        seen_any = True
        at = f"{where}:{lineno}"
        yield _checked(at, lambda: _record_document(line, at, date, max_bytes))
    if not seen_any:
        yield _fail(where, EmptyDocument("file holds no JSON lines", where=where,
                                         fix="write one JSON object per line with at least a \"text\" field"))


def _record_document(line: str, at: str, date: dt.date | None, max_bytes: int) -> Document:
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as err:
        raise MalformedRecord(f"not valid JSON ({err.msg} at column {err.colno})", where=at,
                              fix="make each line one JSON object, e.g. {\"text\": \"...\"}") from None
    if not isinstance(rec, dict):
        raise MalformedRecord("line is JSON but not an object", where=at,
                              fix="make each line one JSON object with a \"text\" field")
    body = rec.get("text")
    if not isinstance(body, str):
        raise MalformedRecord("record has no \"text\" string field", where=at,
                              fix="add the article text as \"text\"")
    if len(body.encode("utf-8")) > max_bytes:
        raise TooLarge(f"record text is larger than the {max_bytes / 1e6:.1f} MB limit", where=at,
                       fix="split the article or raise --max-bytes")
    pub = parse_date(rec.get("date"), where=f"{at} field \"date\"") or date
    doc = _document(body, at, rec.get("id"), pub)
    return Document(id=doc.id, text=doc.text, date=doc.date, source=_opt_str(rec.get("source")),
                    url=_opt_str(rec.get("url")), origin=at)


def _document(text: str, where: str, given_id: Any, date: dt.date | None) -> Document:
    if not text.strip():
        raise EmptyDocument("document has no text", where=where,
                            fix="remove the empty document or give it text")
    text = text.replace("\r\n", "\n")
    doc_id = str(given_id) if given_id not in (None, "") else doc_id_for(text)
    return Document(id=doc_id, text=text, date=date, origin=where)


def _decode(data: bytes, where: str) -> str:
    if b"\x00" in data[:8192]:
        raise BinaryFile("file looks binary (it holds NUL bytes), not text", where=where,
                         fix="give plain text, HTML or JSONL; convert PDFs and office files to text first")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise BadEncoding(f"invalid UTF-8 at byte {err.start} (line {line})", where=where,
                          fix="re-save the file as UTF-8, e.g. iconv -f latin1 -t utf-8") from None


def _looks_like_html(text: str) -> bool:
    head = text[:1000].lstrip().lower()
    return head.startswith("<!doctype html") or head.startswith("<html")


def html_to_text(html: str, where: str) -> str:
    """Main text of a web page, with trafilatura (boilerplate removed)."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True)
    if not text:
        raise EmptyDocument("HTML page has no main text that could be extracted", where=where,
                            fix="check that the page holds the article, not just navigation or scripts")
    return text


def _opt_str(value: Any) -> str | None:
    return None if value in (None, "") else str(value)


def _checked(where: str, make: Any) -> Document | Failure:
    try:
        return make()
    except InputError as err:
        return _fail(where, err)


def _fail(where: str, err: InputError) -> Failure:
    return Failure(where, where, "ingest", err)
