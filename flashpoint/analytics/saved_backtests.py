"""Backtests kept beside the store, so that the web server (or anyone) can show the last one run.

``flashpoint backtest`` saves each dyad's result, the record its ``--json`` writes
(:meth:`.backtest.DyadBacktest.to_dict`), in one JSON file next to the store, as the
forecaster is saved there (:func:`.forecaster.model_path`): ``STORE.backtests.json``,
``{"format": "flashpoint-backtests", "version": 1, "dyads": {"A|B": record, ...}}``. A record
is keyed by the unordered pair (:func:`.pairdays.pair_key`), since the forecast is of events
in either direction: backtesting ``B A`` replaces the record of ``A B``, whatever its period
or horizon, and other dyads' records stay.

The file is rewritten whole and atomically (a temporary file in the same folder, then
``os.replace``), under an exclusive ``flock`` on ``STORE.backtests.json.lock``, so two
backtests of the same store at once keep both their dyads. Readers take no lock: they see
the old file or the new one, never half of one.
"""
from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import StoreError
from .beside import write_whole
from .pairdays import pair_key

FORMAT, VERSION = "flashpoint-backtests", 1


def backtests_path(db: str | Path) -> Path:
    """Where the backtests of the store ``db`` are saved: ``DB.backtests.json`` beside it."""
    db = Path(db)
    return db.with_name(f"{db.name}.backtests.json")


def saved_backtest(db: str | Path, a: str, b: str) -> dict[str, Any] | None:
    """The saved backtest record of the dyad ``a``/``b`` (either order), or None when none was saved.

    Raises :class:`flashpoint.errors.StoreError` when the file exists but is not a backtests file,
    :class:`flashpoint.errors.AnalysisError` when ``a`` and ``b`` are not two different codes."""
    key, path = pair_key(a, b), backtests_path(db)
    return _read(path).get(key) if path.is_file() else None


def save_backtests(db: str | Path, records: list[dict[str, Any]]) -> str:
    """Add ``records`` (``DyadBacktest.to_dict()``, one per dyad) to the store's saved backtests,
    replacing earlier records of the same dyads; a note saying where, or why nothing was saved
    (the backtest itself stands: a store in a read-only folder only loses the saved copy)."""
    path = backtests_path(db)
    note = ""
    try:
        with _locked(path):
            try:
                dyads = _read(path) if path.is_file() else {}
            except StoreError as err:
                dyads, note = {}, f" (the earlier file was unreadable and is replaced: {err.message})"
            for record in records:
                dyads[pair_key(*record["dyad"])] = record
            _write(path, {"format": FORMAT, "version": VERSION, "dyads": dict(sorted(dyads.items()))})
    except OSError as err:
        return f"backtest not saved beside the store ({err}); 'flashpoint serve' cannot show it"
    return f"backtest of {len(records)} dyad(s) saved to {path}{note}"


def _read(path: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise StoreError(f"cannot read the saved backtests: {err}", where=str(path),
                         fix="run 'flashpoint backtest' again for the dyad (it rewrites the file), or delete it"
                         ) from None
    if not (isinstance(data, dict) and data.get("format") == FORMAT and isinstance(data.get("dyads"), dict)):
        raise StoreError("this is not a file of saved backtests", where=str(path),
                         fix="run 'flashpoint backtest' again for the dyad (it rewrites the file), or delete it")
    if data.get("version") != VERSION:
        raise StoreError(f"saved backtests of version {data.get('version')!r}; this flashpoint reads {VERSION}",
                         where=str(path), fix="run 'flashpoint backtest' again for the dyad (it rewrites the file)")
    return data["dyads"]


def _write(path: Path, data: dict[str, Any]) -> None:
    def fill(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8") as out:
            json.dump(data, out, indent=1, allow_nan=False)
            out.write("\n")
            out.flush()
            os.fsync(out.fileno())

    write_whole(path, fill)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with open(f"{path}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
