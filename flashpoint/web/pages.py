"""The dashboard pages: static HTML and scripts that call the API (no build step, no network)."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).with_name("static")
PAGES = {"/": "timeline.html", "/dyad": "dyad.html", "/map": "map.html", "/events": "events.html",
         "/docs": "docs.html"}

router = APIRouter(include_in_schema=False)


def _page(name: str) -> Callable[[], FileResponse]:
    def page() -> FileResponse:      # no parameters: nothing from the request picks the file
        return FileResponse(STATIC / name, media_type="text/html; charset=utf-8")
    return page


for route, filename in PAGES.items():
    router.add_api_route(route, _page(filename), methods=["GET"], name=filename)


def mount_static(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
