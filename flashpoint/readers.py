"""Ingest: files, folders, JSONL records and stdin become Documents.

Every problem with an input becomes a :class:`~flashpoint.pipeline.Failure`
naming the file (and line) and the fix; the other inputs are still read.
"""
from __future__ import annotations

import datetime as dt
import json
import os
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
    UnsupportedLanguage,
)
from .model import Document, doc_id_for
from .pipeline import Failure

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
DEFAULT_MAX_BYTES = 5_000_000
SPACY_MAX_CHARS = 6_000_000  # the parser's limit (nlp.max_length); max_bytes must stay below it


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
    """Documents from files, folders (recursively) and '-' for stdin.

    Only regular files are read (a FIFO or device named on the command line is refused, never
    opened), never more than ``max_bytes`` + 1 bytes of one document; a folder that cannot be
    listed is reported as a failure.
    """
    for raw in paths:
        if str(raw) == "-":
            yield from _from_stdin(date=date, max_bytes=max_bytes)
            continue
        path = Path(raw)
        if not path.exists():
            yield _fail(str(path), MissingPath(
                "no such file or folder", where=str(path), fix="check the path and try again"))
        elif path.is_dir():
            yield from _read_folder(path, date=date, max_bytes=max_bytes)
        elif not path.is_file():
            yield _fail(str(path), InputError(
                "not a regular file (a pipe, socket or device)", where=str(path),
                fix="give a text, HTML or JSONL file; to read a stream, pipe it to '-' (stdin)"))
        else:
            yield from read_file(path, date=date, max_bytes=max_bytes)


def _read_folder(folder: Path, *, date: dt.date | None, max_bytes: int) -> Iterator[Document | Failure]:
    """Every regular, non-hidden file under ``folder``; folders that cannot be listed are failures."""
    unreadable: list[OSError] = []
    files = sorted(Path(top) / name for top, dirs, names in os.walk(folder, onerror=unreadable.append)
                   for name in names if not name.startswith(".") and (Path(top) / name).is_file())
    for err in unreadable:
        where = err.filename or str(folder)
        yield _fail(where, InputError(f"cannot read folder: {err.strerror}", where=where,
                                      fix="check the folder's permissions"))
    if not files and not unreadable:
        yield _fail(str(folder), EmptyDocument(
            "folder holds no files", where=str(folder), fix="point at a folder of .txt, .html or .jsonl files"))
    for f in files:
        yield from read_file(f, date=date, max_bytes=max_bytes)


def _from_stdin(*, date: dt.date | None, max_bytes: int) -> Iterator[Document | Failure]:
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield _fail("<stdin>", TooLarge(
            f"standard input holds more than the {max_bytes / 1e6:.1f} MB limit for one document",
            where="<stdin>", fix="split it into smaller documents (e.g. JSONL files) or raise --max-bytes"))
        return
    try:
        text = _decode(data, "<stdin>")
    except InputError as err:
        yield _fail("<stdin>", err)
        return
    yield from _from_text_blob(text, "<stdin>", date=date, max_bytes=max_bytes)


def read_file(path: Path, *, date: dt.date | None = None,
              max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | Failure]:
    where = str(path)
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _from_jsonl_file(path, date=date, max_bytes=max_bytes)
        return
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)  # never more than the limit + 1 byte, whatever stat says
        if len(data) > max_bytes:
            raise TooLarge(
                f"file is more than the {max_bytes / 1e6:.1f} MB limit for one document",
                where=where,
                fix="split it into smaller documents (e.g. JSONL, one article per line) or raise --max-bytes",
            )
        text = _decode(data, where)
    except InputError as err:
        yield _fail(where, err)
        return
    except OSError as err:
        yield _fail(where, InputError(f"cannot read file: {err.strerror}", where=where,
                                      fix="check the file's permissions"))
        return
    if suffix in HTML_SUFFIXES or _looks_like_html(text):
        yield _checked(where, lambda: _document(html_to_text(text, where), where, path.stem,
                                                page_date(text) or date))
    else:
        yield _checked(where, lambda: _document(text, where, path.stem, date))


def _from_jsonl_file(path: Path, *, date: dt.date | None, max_bytes: int) -> Iterator[Document | Failure]:
    """Records of a JSONL file, read line by line (a record longer than the limit is refused)."""
    where = str(path)
    seen_any = False
    try:
        with path.open("rb") as fh:
            for lineno, raw in enumerate(_lines(fh, max_bytes), start=1):
                at = f"{where}:{lineno}"
                if raw is None:
                    seen_any = True
                    yield _fail(at, TooLarge(f"record is larger than the {max_bytes / 1e6:.1f} MB limit", where=at,
                                             fix="split the article or raise --max-bytes"))
                    continue
                if not raw.strip():
                    continue
                seen_any = True
                yield _checked(at, lambda: _record_document(_decode(raw, at).lstrip("\ufeff"), at, date, max_bytes))
    except OSError as err:
        yield _fail(where, InputError(f"cannot read file: {err.strerror}", where=where,
                                      fix="check the file's permissions"))
        return
    if not seen_any:
        yield _fail(where, EmptyDocument("file holds no JSON lines", where=where,
                                         fix="write one JSON object per line with at least a \"text\" field"))


def _lines(fh: Any, max_bytes: int) -> Iterator[bytes | None]:
    """Lines of a binary file, each at most ``max_bytes`` (+ JSON overhead); None for a longer one
    (its rest is skipped without being kept)."""
    limit = max_bytes + 65_536
    while True:
        line = fh.readline(limit)
        if not line:
            return
        if len(line) >= limit and not line.endswith(b"\n"):
            while True:
                rest = fh.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
            continue
        yield line


def _from_text_blob(text: str, where: str, *, date: dt.date | None, max_bytes: int
                    ) -> Iterator[Document | Failure]:
    stripped = text.lstrip()
    if stripped.startswith("{"):
        yield from _from_jsonl(text, where, date=date, max_bytes=max_bytes)
    elif _looks_like_html(text):
        yield _checked(where, lambda: _document(html_to_text(text, where), where, None,
                                                page_date(text) or date))
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
    text = text.replace("\x00", "").replace("\r\n", "\n")
    if not text.strip():
        raise EmptyDocument("document has no text", where=where,
                            fix="remove the empty document or give it text")
    check_language(text, where=where)
    doc_id = str(given_id) if given_id not in (None, "") else doc_id_for(text)
    return Document(id=doc_id, text=text, date=date, origin=where)


def checked_text(text: Any, *, max_bytes: int = DEFAULT_MAX_BYTES, where: str = "text") -> str:
    """A text given to the Python API, checked as a file would be: a string within the size limit,
    with text, in English; NUL bytes are removed."""
    if not isinstance(text, str):
        raise InputError(f"the text must be a string, not {type(text).__name__}", where=where,
                         fix="pass the article text as a str (decode bytes first, e.g. data.decode('utf-8'))")
    if len(text) > max_bytes or len(text.encode("utf-8", "surrogatepass")) > max_bytes:
        raise TooLarge(f"the text is larger than the {max_bytes / 1e6:.1f} MB limit for one document",
                       where=where, fix="split it into smaller documents, or raise max_bytes in the config")
    return _document(text, where, "x", None).text


def check_language(text: str, *, where: str, sample: int = 20_000) -> None:
    """Refuse text that is mostly in a script other than Latin (the coder reads English only).

    Cheap: the share of letters outside the Latin blocks in the first ``sample`` characters."""
    letters = [c for c in text[:sample] if c.isalpha()]
    if len(letters) < 20:
        return
    other = sum(1 for c in letters if ord(c) > 0x24F)
    if other / len(letters) > 0.5:
        raise UnsupportedLanguage(
            f"the text is not in English ({other / len(letters):.0%} of its letters are not Latin script)",
            where=where, fix="give English text; translate other languages first (flashpoint codes English only)")


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

    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True)
    except (ValueError, RecursionError):
        text = None
    if not text:
        text = _plain_html_text(html)  # trafilatura gives up on e.g. very deep nesting
    if not text:
        raise EmptyDocument("HTML page has no main text that could be extracted", where=where,
                            fix="check that the page holds the article, not just navigation or scripts")
    # each line is one block of the page (a heading, a paragraph): a blank line between blocks,
    # so a heading with no full stop ends before the paragraph (flashpoint.stages.parse)
    return "\n\n".join(line for line in text.split("\n") if line.strip())


def page_date(html: str) -> dt.date | None:
    """A web page's own publication date from its markup (``<meta name="date">``,
    ``article:published_time``, JSON-LD ``datePublished``, ``<time datetime>``, the URL), read by
    htmldate without guessing from the body's prose; None when the page gives none, or gives one
    later than today. It wins over ``--date``, as a JSONL record's own ``date`` does."""
    from htmldate import find_date

    try:
        found = find_date(html, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except (ValueError, RecursionError):
        return None
    return dt.date.fromisoformat(found) if found else None


def _plain_html_text(html: str) -> str:
    """The text of an HTML page without scripts and styles (a streaming parse: any depth)."""
    from html.parser import HTMLParser

    class Collect(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag: str, attrs: Any) -> None:
            self.skip += tag in ("script", "style", "noscript", "head")

        def handle_endtag(self, tag: str) -> None:
            self.skip -= tag in ("script", "style", "noscript", "head") and self.skip > 0

        def handle_data(self, data: str) -> None:
            if not self.skip and data.strip():
                self.parts.append(" ".join(data.split()))

    parser = Collect()
    parser.feed(html)
    parser.close()
    return "\n".join(parser.parts)


def _opt_str(value: Any) -> str | None:
    return None if value in (None, "") else str(value)


def _checked(where: str, make: Any) -> Document | Failure:
    try:
        return make()
    except InputError as err:
        return _fail(where, err)


def _fail(where: str, err: InputError) -> Failure:
    return Failure(where, where, "ingest", err)
