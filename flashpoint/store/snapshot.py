"""The read path beside the writer: queries served from a private copy of the store file.

DuckDB lets one process write a file, and no other process may open it, not
even read-only, while it does; a reader that keeps the file open would in turn
stop ``flashpoint ingest`` or ``import`` from starting. So a long-running
reader (the web server) never keeps the store open. It serves every query from
a *snapshot*: a copy of the store file (and its write-ahead log) in a private
folder, opened read-only.

A snapshot is taken only while no other process holds the store's write lock.
The lock is tested with ``fcntl(F_GETLK)``, which asks whether a lock could be
set without setting one, so the test never gets in a writer's way. The copy is
kept only if the lock was free and the files' size and modification time were
the same before and after copying; otherwise a writer started meanwhile and the
copy is thrown away. While a write runs, queries go on against the previous
snapshot, which is consistent (it was taken between two writes); when the
writer has released the file, the next request sees the changed file and a
new snapshot replaces the old one. Snapshots in use by a running query are
removed when the last such query ends.

Cost: the copy takes disk space equal to the store, and a refresh after a
write copies the file (at disk speed; about a second per GB here).
"""
from __future__ import annotations

import fcntl
import os
import shutil
import struct
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import StoreError
from .event_index import EventIndex
from .reader import StoreReader
from .database import Store

CHECK_EVERY = 1.0   # seconds between looks at the store file for changes


def writer_pid(path: str | Path) -> int | None:
    """The id of another process holding ``path``'s write lock, or None when it is free.

    Asks (``F_GETLK``) whether a shared lock could be taken; DuckDB writers hold
    an exclusive lock, readers a shared one, so only a writer conflicts.
    Locks held by this process are not reported (POSIX locks are per process).
    """
    fd = os.open(path, os.O_RDONLY)
    try:
        query = struct.pack("hhqqi", fcntl.F_RDLCK, os.SEEK_SET, 0, 0, 0)
        kind, _, _, _, pid = struct.unpack("hhqqi", fcntl.fcntl(fd, fcntl.F_GETLK, query))
    finally:
        os.close(fd)
    return None if kind == fcntl.F_UNLCK else pid


def _state(path: Path) -> tuple[tuple[int, int] | None, ...]:
    """(size, mtime) of the store file and of its write-ahead log (None when absent)."""
    out = []
    for p in (path, Path(f"{path}.wal")):
        try:
            st = p.stat()
            out.append((st.st_size, st.st_mtime_ns))
        except FileNotFoundError:
            out.append(None)
    return tuple(out)


@dataclass
class _Copy:
    """One snapshot: its file, an open read-only connection, and the queries using it."""

    path: Path
    con: Any
    state: tuple[Any, ...]
    taken: float
    index: EventIndex | None = None
    derived: dict[str, Any] = field(default_factory=dict)
    users: int = 0
    retired: bool = False

    def remove(self) -> None:
        self.con.close()
        for p in (self.path, Path(f"{self.path}.wal")):
            p.unlink(missing_ok=True)


@dataclass
class Snapshots:
    """Read-only snapshots of the store at ``path``; :meth:`reader` gives a query handle."""

    path: Path
    folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="flashpoint-snapshots-")))
    check_every: float = CHECK_EVERY
    indexed: bool = True               # hold each snapshot's events in memory (flashpoint.store.event_index)
    derive: dict[str, Callable[[EventIndex], Any]] = field(default_factory=dict)  # built from each index
    current: _Copy | None = None
    writer: int | None = None          # pid of the writer seen at the last look
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _refresh: threading.Lock = field(default_factory=threading.Lock)
    _looked: float = 0.0
    _serial: int = 0

    def __post_init__(self) -> None:
        self.path = Path(self.path)
        if not self.path.is_file():
            raise StoreError("no store at this path", where=str(self.path),
                             fix="run 'flashpoint ingest PATH --db FILE' first, or pass the right --db")

    @contextmanager
    def reader(self) -> Iterator[StoreReader]:
        """A :class:`StoreReader` on the newest snapshot, for one request (thread safe)."""
        self.refresh_if_changed()
        with self._lock:
            snap = self.current
            if snap is None:
                raise StoreError("the store is being written and no earlier copy of it exists yet",
                                 where=str(self.path), fix="retry when the running import or ingest has ended")
            snap.users += 1
        cursor = snap.con.cursor()
        try:
            yield StoreReader(cursor, version=snap.path.name, index=snap.index, derived=snap.derived)
        finally:
            cursor.close()
            self._release(snap)

    def _release(self, snap: _Copy) -> None:
        with self._lock:
            snap.users -= 1
            done = snap.retired and snap.users == 0
        if done:
            snap.remove()

    def checked_version(self) -> str | None:
        """The name of the current snapshot if the store was looked at less than ``check_every``
        seconds ago (so it is the one :meth:`reader` would give), else None. Never blocks."""
        snap = self.current
        if snap is None or time.monotonic() - self._looked >= self.check_every:
            return None
        return snap.path.name

    def refresh_if_changed(self, *, force: bool = False) -> bool:
        """Take a new snapshot when the store changed and no writer holds it; True if taken."""
        now = time.monotonic()
        if not force and self.current is not None and now - self._looked < self.check_every:
            return False
        if not self._refresh.acquire(blocking=self.current is None or force):
            return False            # another request is refreshing; use the current snapshot
        try:
            self._looked = time.monotonic()
            state = _state(self.path)
            if self.current is not None and state == self.current.state:
                self.writer = writer_pid(self.path)
                return False
            return self._take(state)
        finally:
            self._refresh.release()

    def _take(self, state: tuple[Any, ...]) -> bool:
        import duckdb

        self.writer = writer_pid(self.path)
        if self.writer is not None:
            return False
        self._serial += 1
        dest = self.folder / f"snapshot-{self._serial}.duckdb"
        shutil.copyfile(self.path, dest)
        if state[1] is not None:
            shutil.copyfile(f"{self.path}.wal", f"{dest}.wal")
        self.writer = writer_pid(self.path)
        if self.writer is not None or _state(self.path) != state:
            for p in (dest, Path(f"{dest}.wal")):
                p.unlink(missing_ok=True)       # a writer started while copying: keep the old one
            return False
        try:
            con = duckdb.connect(str(dest), read_only=True)
        except duckdb.Error as err:
            raise StoreError(f"cannot open a copy of the store: {err}", where=str(self.path),
                             fix="check that the file is a flashpoint store ('flashpoint events --db FILE')"
                             ) from None
        index = self._index(con)
        derived = {} if index is None else {name: build(index) for name, build in self.derive.items()}
        self._install(_Copy(dest, con, state, time.time(), index=index, derived=derived))
        return True

    def _index(self, con: Any) -> EventIndex | None:
        """The snapshot's events in memory; None (queries go to SQL) when switched off or unreadable,
        in which case SQL reports the problem to the request that meets it."""
        import duckdb

        if not self.indexed:
            return None
        try:
            return EventIndex.build(con)
        except duckdb.Error:
            return None

    def _install(self, snap: _Copy) -> None:
        with self._lock:
            old, self.current = self.current, snap
            if old is not None:
                old.retired = True
                done = old.users == 0
        if old is not None and done:
            old.remove()

    @contextmanager
    def writing(self) -> Iterator[Store]:
        """The store opened for writing by this process (one write at a time); a new snapshot after."""
        with self._refresh:
            store = Store(self.path)
            try:
                yield store
            finally:
                store.close()
        self.refresh_if_changed(force=True)

    def status(self) -> dict[str, Any]:
        """When the snapshot in use was taken, and whether a writer holds the store now."""
        snap = self.current
        return {"store": str(self.path), "snapshot_taken": None if snap is None else
                time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(snap.taken)),
                "writer_active": self.writer is not None}

    def close(self) -> None:
        with self._lock:
            snap, self.current = self.current, None
        if snap is not None:
            snap.remove()
        shutil.rmtree(self.folder, ignore_errors=True)
