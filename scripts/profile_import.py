"""Profile one `flashpoint import` statement by statement: where the CPU seconds go.

    FLASHPOINT_DB_WRITE_THREADS=1 python scripts/profile_import.py gdelt FILE [--db DB] [--top 25]

Runs the CLI's import in this process with every DuckDB connection wrapped: each ``execute``,
``commit`` and the close (its checkpoint) is timed with ``time.process_time()`` (the CPU of all
threads of the process) and the wall clock; the place split's Python (``_site_rounds``) is timed
apart. Prints the statements grouped by their text (numbers blanked), largest first, with their
share of the whole import, then what ran outside any statement. With one DuckDB thread the
process time is the statement's own; with more, other threads of the process are counted too.
Speed is measured here, never asserted in a test (docs/import.md, thirteenth pass).
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

LOG: list[tuple[str, float, float]] = []  # (statement, CPU-s, wall s)


class TimedConnection:
    """A DuckDB connection whose statements, commits and close are timed into LOG."""

    def __init__(self, con: Any):
        self._con = con

    def _timed(self, label: str, call: Any, *args: Any, **kwargs: Any) -> Any:
        c0, w0 = time.process_time(), time.perf_counter()
        out = call(*args, **kwargs)
        LOG.append((label, time.process_time() - c0, time.perf_counter() - w0))
        return out

    def execute(self, sql: str, *args: Any, **kwargs: Any) -> TimedConnection:
        self._timed(" ".join(str(sql).split()), self._con.execute, sql, *args, **kwargs)
        return self

    def commit(self) -> TimedConnection:
        self._timed("COMMIT", self._con.commit)
        return self

    def close(self) -> None:
        self._timed("CLOSE (checkpoint)", self._con.close)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)


def instrument() -> None:
    """Wrap duckdb.connect and time the merge's Python site rounds (their statements excluded)."""
    import duckdb

    from flashpoint.store import merge

    connect = duckdb.connect
    duckdb.connect = lambda *a, **k: TimedConnection(connect(*a, **k))
    rounds = merge._site_rounds

    def timed_rounds(*args: Any, **kwargs: Any) -> None:
        n, c0, w0 = len(LOG), time.process_time(), time.perf_counter()
        rounds(*args, **kwargs)
        inner = LOG[n:]
        LOG.append(("PYTHON place split rounds (merge._site_rounds, its fetch included)",
                    time.process_time() - c0 - sum(x[1] for x in inner),
                    time.perf_counter() - w0 - sum(x[2] for x in inner)))
    merge._site_rounds = timed_rounds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("format", help="gdelt, icews, acled, polecat, ...")
    ap.add_argument("file", type=Path)
    ap.add_argument("--db", type=Path, help="store to create (default: a temporary file; an existing one is replaced)")
    ap.add_argument("--top", type=int, default=25, help="statement groups shown")
    args = ap.parse_args(argv)
    start = time.process_time()
    instrument()
    from flashpoint.cli import main as cli

    imported = time.process_time()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "profile.duckdb"
        for f in (db, Path(f"{db}.wal")):
            f.unlink(missing_ok=True)
        c0, w0 = time.process_time(), time.perf_counter()
        code = cli(["import", args.format, str(args.file), "--db", str(db), "--quiet"])
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    groups: dict[str, list[float]] = {}
    for label, c, w in LOG:
        g = groups.setdefault(re.sub(r"\d+", "N", label)[:110], [0, 0.0, 0.0])
        g[0], g[1], g[2] = g[0] + 1, g[1] + c, g[2] + w
    whole = cpu + imported - start
    print(f"import: {cpu:.2f} CPU-s, {wall:.1f} s wall (exit {code}); Python start (imports) "
          f"{imported - start:.2f}; whole {whole:.2f} CPU-s", file=sys.stderr)
    for label, (n, c, w) in sorted(groups.items(), key=lambda kv: -kv[1][1])[:args.top]:
        print(f"{c:7.2f} {100 * c / whole:5.1f}% {w:7.2f}s wall x{n:<3} {label}")
    outside = cpu - sum(c for _, c, _ in LOG)
    print(f"{outside:7.2f} {100 * outside / whole:5.1f}%   Python outside any statement (plan, CLI)")
    return code


if __name__ == "__main__":
    raise SystemExit(main())
