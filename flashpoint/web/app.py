"""The application factory: API routes, dashboard pages, limits and security headers."""
from __future__ import annotations

import logging
import threading
from collections.abc import Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from .. import __version__
from ..config import Config, load_config
from ..errors import FlashpointError
from ..store.snapshot import CHECK_EVERY, Snapshots
from . import api, pages, problems

log = logging.getLogger(__name__)
MAX_BODY = 8 * 1024 * 1024      # bytes of a request body at most
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

ASGIApp = Callable[[dict[str, Any], Callable[[], Awaitable[dict[str, Any]]],
                    Callable[[dict[str, Any]], Awaitable[None]]], Awaitable[None]]


def create_app(db: str | Path | None = None, *, config: Config | None = None, max_body: int = MAX_BODY,
               check_every: float = CHECK_EVERY) -> FastAPI:
    """The flashpoint web application over the store file ``db`` (default: the config's ``db``).

    Reads are served from snapshots (:mod:`flashpoint.store.snapshot`); ``POST``
    endpoints need ``config.token`` (``FLASHPOINT_TOKEN``) as a bearer token.
    """
    config = config or load_config()
    snapshots = Snapshots(Path(db or config.db), check_every=check_every, derive={"series": _series_index})

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        warm(snapshots)
        yield
        snapshots.close()

    app = FastAPI(title="flashpoint", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Coded crisis events: who did what to whom, when and where, with the sentence "
                              "that says so. Every error has the body {code, message, fix}.")
    app.state.snapshots = snapshots
    app.state.config = config
    app.state.coding = threading.Lock()     # one coding run at a time (the spaCy pipeline is shared)
    app.state.cache = api.ReportCache()
    app.state.reports = api.Recent()          # escalation reports, for their pictures
    problems.install(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    pages.mount_static(app)
    app.add_middleware(_Answered)
    app.add_middleware(_Guard, max_body=max_body)
    return app


def _series_index(index: Any) -> Any:
    """A snapshot's :class:`flashpoint.analytics.series_index.SeriesIndex` (dyad series from it)."""
    from ..analytics.series_index import SeriesIndex

    return SeriesIndex.build(index)


def warm(snapshots: Snapshots) -> None:
    """Before serving: import the analytics, run a dyad series on two made-up events and take the
    first snapshot (reading its events into the in-memory index and working out their series terms),
    so that the first requests do not pay for them. A store that cannot be read now is reported by
    the request that meets it (with the error body), not here."""
    import pandas as pd

    from ..analytics import changepoints, report, series  # noqa: F401  (imported for their import time)

    one = pd.DataFrame({"date": pd.to_datetime(["2020-01-01", "2020-01-09"]), "source_country": ["A", "B"],
                        "target_country": ["B", "A"], "cameo": ["190", "042"], "quad_class": [4, 1],
                        "goldstein": [-10.0, 1.9]})
    changepoints.dyad_change_points(series.dyad_series(one, "A", "B"))   # first calls set up pandas' paths
    try:
        snapshots.refresh_if_changed(force=True)
    except FlashpointError as err:
        log.warning("flashpoint: no snapshot taken at start: %s", err)


class _Answered:
    """ASGI middleware: a GET whose answer on the current snapshot is cached is answered from the
    cache without routing, validating or opening the snapshot (only valid requests are cached,
    under their exact path and query)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and scope["path"].startswith("/api/"):
            state = scope["app"].state
            version = state.snapshots.checked_version()   # None when due for a look: the route looks
            body = None if version is None else state.cache.peek(api.cache_key(Request(scope), version))
            if body is not None:
                await Response(body, media_type=api.media_type(scope["path"]))(scope, receive, send)
                return
        await self.app(scope, receive, send)


class _Guard:
    """ASGI middleware: refuse bodies over ``max_body`` bytes (413) and add security headers."""

    def __init__(self, app: ASGIApp, *, max_body: int):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            await _too_large(self.max_body, send)
            return
        seen = 0

        async def limited() -> dict[str, Any]:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body:
                raise HTTPException(413, f"request body larger than {self.max_body} bytes")
            return message

        async def secured(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY")]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, limited, secured)


async def _too_large(limit: int, send: Any) -> None:
    response = problems.problem(413, "E813", f"request body larger than {limit} bytes",
                                problems.HTTP_CODES[413][1])
    await response({"type": "http"}, None, send)
