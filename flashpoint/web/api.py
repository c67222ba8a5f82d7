"""The JSON endpoints under ``/api``: thin wrappers around the reader, analytics and coder.

Every query value is checked here (patterns, ranges, lengths) and reaches the
store only as a parameter; writes (``POST``) need the configured bearer token.
"""
from __future__ import annotations

import base64
import binascii
import datetime as dt
import hmac
import json
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from ..store.reader import MAX_PAGE, MAX_PLACES, EventFilter, StoreReader, frame_json
from .basemap import world
from .problems import ApiError

router = APIRouter(prefix="/api")

CODE = r"^[A-Za-z0-9_.\-]{1,32}$"
MODALITIES = Literal["asserted", "claimed", "denied", "threatened", "hypothetical", "negated"]
Actor = Annotated[str, PathParam(pattern=CODE, description="actor code: a country (USA) or a sector (MIL)")]
From = Annotated[dt.date | None, Query(alias="from", description="first event day, YYYY-MM-DD")]
To = Annotated[dt.date | None, Query(alias="to", description="last event day, YYYY-MM-DD")]


def _reader(request: Request) -> Iterator[StoreReader]:
    with request.app.state.snapshots.reader() as reader:
        yield reader


Reader = Annotated[StoreReader, Depends(_reader)]


async def event_filter(
    dyad: Annotated[str | None, Query(pattern=CODE[:-1] + r",[A-Za-z0-9_.\-]{1,32}$",
                                      description="directed dyad SOURCE,TARGET, e.g. USA,IRN")] = None,
    actor: Annotated[str | None, Query(pattern=CODE, description="an actor on either side")] = None,
    cameo: Annotated[str | None, Query(pattern=r"^[0-9]{2,4}$", description="CAMEO code or prefix")] = None,
    plover: Annotated[str | None, Query(pattern=r"^[A-Za-z_\-]{1,32}$", description="PLOVER type")] = None,
    quad: Annotated[int | None, Query(ge=1, le=4, description="quad class 1-4")] = None,
    start: From = None,
    end: To = None,
    place: Annotated[str | None, Query(max_length=200, description="place name (any case)")] = None,
    country: Annotated[str | None, Query(pattern=CODE, description="country code of the place")] = None,
    modality: MODALITIES | None = None,
    origin: Annotated[str | None, Query(pattern=r"^[a-z0-9_\-]{1,32}$", description="flashpoint, gdelt ...")] = None,
    happened: Literal["true", "false", "all"] = "true",
) -> EventFilter:
    pair = tuple(dyad.split(",")) if dyad else None
    return EventFilter(dyad=pair, actor=actor, cameo=cameo, plover=plover.upper() if plover else None,  # type: ignore[arg-type]
                       quad_class=quad, start=start, end=end, place=place, country=country, modality=modality,
                       origin=origin, happened={"true": True, "false": False, "all": None}[happened])


Filter = Annotated[EventFilter, Depends(event_filter)]


# --- reading -----------------------------------------------------------------------------

@router.get("/status", summary="the store's counts, date span, busiest dyads and snapshot state")
def status(request: Request, reader: Reader) -> JSONResponse:
    cache = request.app.state.cache
    return JSONResponse({**reader.summary(), **request.app.state.snapshots.status(),
                         "cache": {"hits": cache.hits, "misses": cache.misses}})


@router.get("/events", summary="merged events, filtered, in (date, id) order, one page at a time")
async def list_events(request: Request, where: Filter,
                      limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
                      cursor: Annotated[str | None, Query(max_length=400,
                                                          description="next_cursor of the previous page")] = None
                      ) -> Response:
    after = decode_cursor(cursor)

    def compute(reader: StoreReader) -> dict[str, Any]:
        page = reader.event_page(where, after=after, limit=limit)
        return {"events": page.rows, "next_cursor": encode_cursor(page.next_cursor), "limit": limit}

    return await cached(request, compute)


@router.get("/events/{event_id}", summary="one event with its mentions (evidence, offsets) and documents")
def get_event(reader: Reader, event_id: Annotated[str, PathParam(max_length=200)]) -> JSONResponse:
    found = reader.event(event_id)
    if found is None:
        raise ApiError(f"no event with id {event_id!r}", status=404, code="E804",
                       fix="take an event_id from /api/events")
    return JSONResponse(found)


@router.get("/timeline", summary="event counts per period and quad class")
async def timeline(request: Request, where: Filter,
                   period: Literal["day", "week", "month", "year"] = "month") -> Response:
    return await cached(request, lambda reader: {"period": period, "counts": reader.timeline(where, period=period)})


@router.get("/places", summary="located events grouped by place, for the map")
async def places(request: Request, where: Filter,
                 limit: Annotated[int, Query(ge=1, le=MAX_PLACES)] = 2000) -> Response:
    return await cached(request, lambda reader: {"places": reader.places(where, limit=limit)})


@router.get("/basemap", summary="world country outlines (GeoJSON) for the offline map")
def basemap() -> JSONResponse:
    return JSONResponse(world(), headers={"Cache-Control": "max-age=86400"})


@router.get("/dyads/{a}/{b}/series", summary="per-period counts and severity in both directions")
async def series(request: Request, a: Actor, b: Actor, start: From = None, end: To = None,
                 freq: Literal["D", "W"] = "D", weight: Literal["none", "source_count"] = "none") -> Response:
    from ..analytics import dyad_series

    weighted = None if weight == "none" else weight

    def compute(reader: StoreReader) -> bytes:
        fast = reader.derived.get("series")     # the snapshot's SeriesIndex: the same frame, sooner
        if fast is not None and fast.handles(weight=weighted):
            frame = fast.series(a, b, freq=freq, start=start, end=end, weight=weighted)
        else:
            frame = dyad_series(reader.dyad_events(a, b, start=start, end=end), a, b, freq=freq, start=start,
                                end=end, weight=weighted)
        head = json.dumps({"dyad": [a, b], "freq": freq})[:-1]
        return f'{head}, "series": {frame_json(frame)}}}'.encode()

    return await cached(request, compute)


async def escalation_options(
        start: From = None, end: To = None, freq: Literal["D", "W"] = "D",
        weight: Literal["none", "source_count"] = "none",
        window: Annotated[int, Query(ge=1, le=365)] = 10,
        tolerance: Annotated[int, Query(ge=0, le=20)] = 0,
        horizon: Annotated[int | None, Query(ge=1, le=365, description="days ahead (default 7 for the "
                                             "no-conflict forecaster, 14 for the de-escalation model)")] = None,
        model: Literal["auto", "no-conflict", "de-escalation"] = "auto",
        train: Literal["auto", "store", "synthetic"] = "auto", forecast: bool = True,
        aliases: Annotated[list[str] | None, Query(alias="as", max_length=20,
                                                   description="ACTOR=SIDE, e.g. IRQ/REB=IRN")] = None
) -> dict[str, Any]:
    """The options of ``flashpoint escalation``, as keyword arguments of ``analytics.report.stored_report``."""
    from ..analytics.dyads import parse_aliases

    return {"start": start, "end": end, "aliases": parse_aliases([s[:100] for s in aliases or []]),
            "training": train, "forecast": forecast, "freq": freq, "weight": None if weight == "none" else weight,
            "window": window, "tolerance": tolerance, "horizon": horizon, "model": model}


EscalationOptions = Annotated[dict[str, Any], Depends(escalation_options)]


@router.get("/dyads/{a}/{b}/escalation",
            summary="the escalation report, as 'flashpoint escalation --format json' gives it")
async def escalation(request: Request, a: Actor, b: Actor, options: EscalationOptions) -> Response:
    return await cached(request, lambda reader: report(request, reader, a, b, options).to_dict())


@router.get("/dyads/{a}/{b}/escalation.png", response_class=Response,
            responses={200: {"content": {"image/png": {}}, "description": "a PNG picture"}},
            summary="the picture of 'flashpoint escalation --plot' (PNG) for the same report and options")
async def escalation_picture(request: Request, a: Actor, b: Actor, options: EscalationOptions) -> Response:
    from ..analytics.plot import escalation_png

    return await cached(request, lambda reader: escalation_png(report(request, reader, a, b, options)))


def report(request: Request, reader: StoreReader, a: str, b: str, options: dict[str, Any]) -> Any:
    """``analytics.report.stored_report`` of the dyad on this snapshot, kept for a moment: the dashboard
    asks for the picture of the report it has just shown, which is then drawn without computing it again.
    The backtested forecaster is loaded from (or fitted and saved) beside the store file, as the CLI does."""
    from ..analytics.report import stored_report

    key = (reader.version, a, b, json.dumps(options, sort_keys=True, default=str))
    beside = str(request.app.state.snapshots.path)      # the forecaster is saved beside the store file
    return request.app.state.reports.get(key, lambda: stored_report(reader, a, b, beside=beside, **options))


class Recent:
    """The last ``size`` values computed, by key, least recently used first out (and, with
    ``max_bytes``, beyond that many bytes of values); the same key asked twice at once is computed
    once; with ``workers``, at most that many values are computed at once."""

    def __init__(self, size: int = 8, *, max_bytes: int | None = None, workers: int | None = None):
        self.size = size
        self.max_bytes = max_bytes
        self.bytes = 0
        self.items: OrderedDict[Any, Any] = OrderedDict()
        self.lock = threading.Lock()
        self.computing: dict[Any, threading.Lock] = {}
        self.hits = self.misses = 0
        self.workers: Any = threading.Semaphore(workers) if workers else nullcontext()

    def _weight(self, value: Any) -> int:
        return len(value) if self.max_bytes is not None else 0

    def get(self, key: Any, compute: Callable[[], Any]) -> Any:
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                self.hits += 1
                return self.items[key]
            busy = self.computing.setdefault(key, threading.Lock())
        with busy:              # the same value asked twice at once is computed once
            with self.lock:
                if key in self.items:
                    return self.items[key]
            try:
                with self.workers:
                    value = compute()
            except BaseException:
                with self.lock:
                    self.computing.pop(key, None)     # no lock left behind per failed request
                raise
            with self.lock:
                self.computing.pop(key, None)
                self.misses += 1
                self.items[key] = value
                self.bytes += self._weight(value)
                while len(self.items) > self.size or self.max_bytes is not None and self.bytes > self.max_bytes:
                    self.bytes -= self._weight(self.items.popitem(last=False)[1])
        return value


@router.get("/dyads/{a}/{b}/backtest",
            summary="the dyad's backtest last saved by 'flashpoint backtest' (either order of A and B), "
                    "as its --json gives it per dyad")
def backtest(request: Request, a: Actor, b: Actor) -> JSONResponse:
    from ..analytics.saved_backtests import saved_backtest

    db = request.app.state.snapshots.path
    found = saved_backtest(db, a, b)      # read from the file each time: a new backtest shows at once
    if found is None:
        raise ApiError(f"no backtest of {a} and {b} has been saved beside this store", status=404, code="E804",
                       fix=f"run 'flashpoint backtest --db {db} --dyad {a} {b} --from YYYY-MM-DD --to YYYY-MM-DD' "
                           "(origins after the forecaster's training days); the server shows it at once")
    return JSONResponse(found)


class ReportCache(Recent):
    """Answers by snapshot and request (a snapshot never changes, so neither do they), kept as the
    JSON bytes sent (a hit costs no serialising); least recently used first out, beyond ``size``
    answers or ``max_bytes`` bytes. At most ``workers`` answers are computed at once: more, on two
    cores, only take the interpreter lock from the event loop that answers cached requests."""

    def __init__(self, size: int = 8192, *, max_bytes: int = 128 * 1024 * 1024, workers: int = 2):
        super().__init__(size, max_bytes=max_bytes, workers=workers)

    def peek(self, key: Any) -> bytes | None:
        """The answer stored under ``key``, or None (counted as a hit when found)."""
        with self.lock:
            found = self.items.get(key)
            if found is not None:
                self.items.move_to_end(key)
                self.hits += 1
            return found


def cache_key(request: Request, version: str) -> tuple[Any, ...]:
    return version, request.url.path, tuple(sorted(request.query_params.multi_items()))


def media_type(path: str) -> str:
    """The type of a cached answer to ``path``: a picture for ``.png`` addresses, else JSON."""
    return "image/png" if path.endswith(".png") else "application/json"


async def cached(request: Request, compute: Callable[[StoreReader], Any]) -> Response:
    """The answer to this request on the current snapshot, computed and serialised once
    (``compute`` gives the answer, or its bytes when it writes them itself: JSON, or a PNG
    for a ``.png`` address, :func:`media_type`). (A request
    asked again is answered by :class:`flashpoint.web.app._Answered` before it is even routed.)

    Opening the snapshot, finding the answer and computing it are one trip to a worker thread
    (the routes and their filter are coroutines), where a synchronous route with a reader
    dependency took four, each waiting for the interpreter lock when the server is busy."""
    def answer() -> bytes:
        with request.app.state.snapshots.reader() as reader:
            def body_of() -> bytes:
                value = compute(reader)
                return value if isinstance(value, bytes) else JSONResponse(value).body

            return request.app.state.cache.get(cache_key(request, reader.version), body_of)

    return Response(await run_in_threadpool(answer), media_type=media_type(request.url.path))


def encode_cursor(after: tuple[str | None, str] | None) -> str | None:
    if after is None:
        return None
    return base64.urlsafe_b64encode(json.dumps(list(after)).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> tuple[str | None, str] | None:
    if not cursor:
        return None
    try:
        raw = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        day, event_id = raw
        if day is not None:
            dt.date.fromisoformat(day)
        if not isinstance(event_id, str) or not (day is None or isinstance(day, str)):
            raise ValueError(cursor)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise ApiError("this cursor is not one the API gave", status=400, code="E802",
                       fix="pass next_cursor from the previous page unchanged, or no cursor for the first page"
                       ) from None
    return day, event_id


# --- writing -----------------------------------------------------------------------------

class PostedDocument(BaseModel):
    """One article: its text, and optionally its id, publication date, outlet and URL."""

    model_config = ConfigDict(extra="forbid")
    text: str
    id: str | None = Field(None, max_length=200)
    date: str | None = Field(None, max_length=40, description="publication date YYYY-MM-DD")
    source: str | None = Field(None, max_length=200)
    url: str | None = Field(None, max_length=2000)


class Posted(BaseModel):
    model_config = ConfigDict(extra="forbid")
    documents: list[PostedDocument] = Field(min_length=1, max_length=100)


def require_token(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    """Writes need ``Authorization: Bearer TOKEN`` with the configured token; none configured: refused."""
    token = request.app.state.config.token
    if not token:
        raise ApiError("writing through the API is switched off: no token is configured", status=401,
                       code="E803", fix="start the server with FLASHPOINT_TOKEN set (or token in the config "
                                        "file) and send 'Authorization: Bearer TOKEN'")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise ApiError("missing or wrong bearer token", status=401, code="E803",
                       fix="send the server's token as 'Authorization: Bearer TOKEN'")


@contextmanager
def posted_file(documents: list[PostedDocument]) -> Iterator[Path]:
    """The posted documents as a JSONL file, read by the same reader as ``flashpoint ingest``."""
    with tempfile.TemporaryDirectory(prefix="flashpoint-post-") as tmp:
        path = Path(tmp) / "posted.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for doc in documents:
                out.write(json.dumps(doc.model_dump(exclude_none=True), ensure_ascii=False) + "\n")
        yield path


def _failure(item: Any) -> dict[str, Any]:
    err = item.error
    return {"doc_id": item.doc_id, "stage": item.stage, "code": getattr(err, "code", "E000"),
            "message": getattr(err, "message", str(err)), "fix": getattr(err, "fix", None) or ""}


@router.post("/code", summary="code posted documents into events without storing them (needs the token)",
             dependencies=[Depends(require_token)])
def code(request: Request, posted: Posted) -> JSONResponse:
    from ..coder import code_paths
    from ..pipeline import Failure

    with posted_file(posted.documents) as path, request.app.state.coding:
        items = list(code_paths([path], config=request.app.state.config, keep_parse=False))
    failures = [_failure(i) for i in items if isinstance(i, Failure)]
    events = [ev.to_record() for i in items if not isinstance(i, Failure) for ev in i.events]
    return JSONResponse({"events": events, "failures": failures})


@router.post("/ingest", summary="code posted documents and store them (needs the token)",
             dependencies=[Depends(require_token)])
def ingest(request: Request, posted: Posted) -> JSONResponse:
    from ..scale import ingest as ingest_paths

    state = request.app.state
    with posted_file(posted.documents) as path, state.coding, state.snapshots.writing() as store:
        report = ingest_paths([path], store, config=state.config)
        counts = store.counts()
    return JSONResponse({"coded": report.coded, "failed": report.failed, "skipped": report.skipped,
                         "mentions_added": report.mentions_added, "events_refreshed": report.events_refreshed,
                         "store": counts})
