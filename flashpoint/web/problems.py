"""One error body for every failure: ``{"code", "message", "fix"}``, as the CLI's errors.

A :class:`flashpoint.errors.FlashpointError` keeps its code and fix; request
validation, unknown routes and unexpected failures get codes of their own.
"""
from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from ..errors import AnalysisError, ConfigError, FlashpointError, FormatError, InputError, StoreError

log = logging.getLogger("flashpoint.web")

STATUS = ((InputError, 400), (FormatError, 400), (ConfigError, 400), (AnalysisError, 400), (StoreError, 503))
HTTP_CODES = {404: ("E804", "check the address; the API is listed at /docs"),
              405: ("E805", "check the method (GET or POST) in /docs"),
              413: ("E813", "send a smaller body")}


class ApiError(FlashpointError):
    """A request the API refuses; ``status`` is the HTTP status."""

    code = "E800"

    def __init__(self, message: str, *, status: int, code: str = "E800", fix: str | None = None):
        self.status = status
        self.code = code
        super().__init__(message, fix=fix)


def body(code: str, message: str, fix: str | None) -> dict[str, Any]:
    return {"code": code, "message": message, "fix": fix or ""}


def problem(status: int, code: str, message: str, fix: str | None, *, headers: dict[str, str] | None = None
            ) -> JSONResponse:
    return JSONResponse(body(code, message, fix), status_code=status, headers=headers)


def from_error(err: FlashpointError) -> JSONResponse:
    status = getattr(err, "status", None) or next((s for kind, s in STATUS if isinstance(err, kind)), 400)
    message = f"{err.where}: {err.message}" if err.where else err.message
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return problem(status, err.code, message, err.fix, headers=headers)


def _validation_message(err: RequestValidationError) -> str:
    parts = []
    for e in err.errors()[:5]:
        where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body"))
        parts.append(f"{where or 'request'}: {e.get('msg', 'invalid')}")
    return "; ".join(parts)


def install(app: FastAPI) -> None:
    """Register the handlers that turn every failure into the one error body."""

    @app.exception_handler(FlashpointError)
    async def flashpoint_error(request: Request, err: FlashpointError) -> JSONResponse:
        return from_error(err)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, err: RequestValidationError) -> JSONResponse:
        return problem(422, "E801", _validation_message(err),
                       "check the parameter against /docs (types, allowed values, lengths)")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, err: HTTPException) -> JSONResponse:
        code, fix = HTTP_CODES.get(err.status_code, ("E800", "see /docs"))
        return problem(err.status_code, code, str(err.detail), fix)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, err: Exception) -> JSONResponse:
        log.exception("unexpected error on %s", request.url.path)
        return problem(500, "E999", f"internal error ({type(err).__name__})",
                       "report this with the request that caused it")
