"""DuckDB's errors as store errors: what went wrong, on which store file, and what to do."""
from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import Any, TypeVar

from ..errors import StoreError

MEMORY_LIMIT = os.environ.get("FLASHPOINT_DB_MEMORY", "512MB")  # DuckDB's own memory; it spills beyond
F = TypeVar("F", bound=Callable[..., Any])


def fix_for(err: Exception) -> str:
    """What a user can do about a DuckDB error."""
    import duckdb

    text = str(err).lower()
    if isinstance(err, duckdb.OutOfMemoryException):
        return ("free memory, or give DuckDB more with the environment variable FLASHPOINT_DB_MEMORY "
                f"(now {MEMORY_LIMIT}); a smaller --batch-size also helps")
    if isinstance(err, (duckdb.IOException, duckdb.SerializationException, duckdb.InternalException)) or \
            "corrupt" in text or "checksum" in text:
        return ("the store file is damaged or unreadable: restore it from a backup, or build a new store "
                "(run the same 'flashpoint import'/'ingest' commands with a new --db)")
    return "check the command's options; if the error persists, build a new store with a new --db"


def translated(action: str) -> Callable[[F], F]:
    """Method decorator: a DuckDB error becomes a StoreError naming the store file and a fix."""
    def decorate(method: F) -> F:
        @functools.wraps(method)
        def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            import duckdb

            try:
                return method(self, *args, **kwargs)
            except duckdb.Error as err:
                raise StoreError(f"{action} failed: {err}", where=self.path, fix=fix_for(err)) from None
        return wrapper  # type: ignore[return-value]
    return decorate
