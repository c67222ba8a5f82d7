"""An in-memory index of a snapshot's events, for the web server's many small reads.

A snapshot never changes, so its events can be read once, in page order (date,
then event id; undated events last), into an Arrow table, with every filter
column of :class:`flashpoint.store.reader.EventFilter` kept beside it as a
NumPy array of small integer codes. A page of events is then a few vectorised
comparisons over those arrays and a ``take`` of its rows, a few milliseconds on
a million events, where the same query in DuckDB scans and sorts the table
(20-100 ms each, and 50 clients share two cores). The rows go back through
DuckDB (``from_arrow``) so that they reach pandas with exactly the types a SQL
read gives. The rows are also kept sorted by directed pair (a stable sort, so each
pair's rows stay in page order): a dyad's rows are two binary searches.

Cost: the events table is held in memory once per snapshot (about 240 MB for a
million events with short evidence sentences, plus 16 MB for the pair order), built in a second or two when
the snapshot is taken. A filter the index cannot express exactly (a CAMEO
prefix holding a LIKE wildcard) is left to SQL (:meth:`EventIndex.handles`).
"""
from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

NO_DAY = np.iinfo(np.int32).max
_EPOCH = dt.date(1970, 1, 1)
_CODED = {"plover": "plover_type", "country": "place_country", "modality": "modality"}
FIRST_CHUNK = 1 << 14       # rows a page looks at first; four times more at each next look
Rows = slice | np.ndarray    # some rows of the index: a range, or row numbers


def _days(value: dt.date) -> int:
    return (value - _EPOCH).days


@dataclass
class _Codes:
    """A string column as integer codes (-1 for null) and the code of each value."""

    codes: np.ndarray
    of: dict[str, int]

    @classmethod
    def build(cls, column: pa.ChunkedArray | pa.Array) -> _Codes:
        encoded = pc.dictionary_encode(column).combine_chunks() if isinstance(column, pa.ChunkedArray) \
            else pc.dictionary_encode(column)
        codes = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False).astype(np.int32)
        return cls(codes, {v: i for i, v in enumerate(encoded.dictionary.to_pylist())})

    def equal(self, value: str, rows: Rows) -> np.ndarray:
        return self.codes[rows] == self.of.get(value, -2)

    def any_of(self, values: set[int], rows: Rows) -> np.ndarray:
        wanted = np.zeros(len(self.of) + 1, dtype=bool)      # the last entry stands for null (-1)
        wanted[np.fromiter(values, dtype=np.int64, count=len(values))] = True
        return wanted[self.codes[rows]]


def _within(day: np.ndarray, first: dt.date | None, last: dt.date | None) -> np.ndarray:
    """Which of these days (NO_DAY for undated) fall from ``first`` to ``last`` (either may be open)."""
    mask = day != NO_DAY
    if first is not None:
        mask &= day >= _days(first)
    if last is not None:
        mask &= day <= _days(last)
    return mask


class EventIndex:
    """A snapshot's events in page order with coded filter columns; see the module docstring."""

    def __init__(self, table: pa.Table):
        self.table = table
        col = table.column
        self.day = pc.fill_null(pc.cast(col("date"), pa.int32()), NO_DAY).to_numpy().astype(np.int32)
        side = {s: pc.coalesce(col(f"{s}_country"), col(f"{s}_sector")) for s in ("source", "target")}
        self.source, self.target = _Codes.build(side["source"]), _Codes.build(side["target"])
        self.cameo = _Codes.build(col("cameo"))
        self.coded = {name: _Codes.build(col(column)) for name, column in _CODED.items()}
        self.place = _Codes.build(pc.utf8_lower(col("place")))
        self.origins = _Codes.build(col("origins"))
        self.quad = pc.fill_null(pc.cast(col("quad_class"), pa.int16()), -1).to_numpy().astype(np.int16)
        happened = pc.cast(col("happened"), pa.int8())
        self.happened = pc.fill_null(happened, -1).to_numpy().astype(np.int8)
        # rows by directed pair, each pair's rows in page order: a dyad is two binary searches
        pair = self._pair_code(self.source.codes, self.target.codes)
        self.by_pair = np.argsort(pair, kind="stable")
        self.pairs = pair[self.by_pair]

    def _pair_code(self, source: np.ndarray | int, target: np.ndarray | int) -> np.ndarray:
        return (np.asarray(source, dtype=np.int64) + 1) * (len(self.target.of) + 2) + np.asarray(target) + 1

    def pair_rows(self, source: str, target: str) -> np.ndarray:
        """The rows from ``source`` to ``target``, in page order."""
        s, t = self.source.of.get(source), self.target.of.get(target)
        if s is None or t is None:
            return np.zeros(0, dtype=np.int64)
        code = self._pair_code(s, t)
        lo, hi = np.searchsorted(self.pairs, code, side="left"), np.searchsorted(self.pairs, code, side="right")
        return self.by_pair[lo:hi]

    @classmethod
    def build(cls, con: Any) -> EventIndex:
        """Read the events of the store open on ``con`` (a snapshot) into an index."""
        table = con.sql("SELECT * FROM events ORDER BY coalesce(date, DATE '9999-12-31'), event_id").to_arrow_table()
        return cls(table.combine_chunks())

    def __len__(self) -> int:
        return self.table.num_rows

    @staticmethod
    def handles(where: Any) -> bool:
        """Can the index answer this EventFilter exactly (else the caller asks SQL)?"""
        return not (where.cameo and any(c in where.cameo for c in "%_\\"))

    def page(self, where: Any, *, after: tuple[str | None, str] | None, limit: int) -> pa.Table:
        """The first ``limit`` rows matching ``where`` after the cursor ``after``, in page order.

        Rows are in date order, so a date range is a range of rows; a dyad's rows are its slice
        of the pair order; otherwise the rows are looked at in growing chunks until the page is full."""
        lo, hi = self._day_range(where)
        if after is not None:
            lo = max(lo, self._position_after(after))
        if where.dyad is not None:
            rows = self.pair_rows(*where.dyad)
            rows = rows[np.searchsorted(rows, lo):np.searchsorted(rows, hi)]
            found = rows[self._mask(where, rows)][:limit]
        else:
            found = self._scan(where, lo, hi, limit)
        return self.table.take(pa.array(found))

    def _day_range(self, where: Any) -> tuple[int, int]:
        """The rows that can match ``where``'s dates (all, when it has none)."""
        if where.start is None and where.end is None:
            return 0, len(self)
        lo = 0 if where.start is None else int(np.searchsorted(self.day, _days(where.start), side="left"))
        last = NO_DAY - 1 if where.end is None else _days(where.end)
        return lo, int(np.searchsorted(self.day, last, side="right"))

    def _scan(self, where: Any, lo: int, hi: int, limit: int) -> np.ndarray:
        """The first ``limit`` rows from ``lo`` to ``hi`` matching ``where``, in chunks."""
        found: list[np.ndarray] = []
        size, need = FIRST_CHUNK, limit
        while lo < hi and need > 0:
            top = min(hi, lo + size)
            rows = np.flatnonzero(self._mask(where, slice(lo, top)))[:need] + lo
            found.append(rows)
            need -= len(rows)
            lo, size = top, size * 4
        return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)

    def dyad(self, a: str, b: str, *, start: dt.date | None, end: dt.date | None,
             happened: bool | None) -> pa.Table:
        """Events from a to b, then from b to a, each in page order (what queries.dyad_events gives)."""
        parts = []
        for s, t in ((a, b), (b, a)):
            rows = self.pair_rows(s, t)
            if start is not None or end is not None:
                rows = rows[_within(self.day[rows], start, end)]
            if happened is not None:
                rows = rows[self.happened[rows] == int(happened)]
            parts.append(self.table.take(pa.array(rows)))
        return pa.concat_tables(parts)

    def _mask(self, w: Any, rows: Rows) -> np.ndarray:
        """Which of ``rows`` match the filter ``w``."""
        mask = np.ones(len(self.day[rows]), dtype=bool)
        if w.dyad is not None:
            mask &= self.source.equal(w.dyad[0], rows) & self.target.equal(w.dyad[1], rows)
        if w.actor:
            mask &= self.source.equal(w.actor, rows) | self.target.equal(w.actor, rows)
        if w.start is not None or w.end is not None:
            mask &= _within(self.day[rows], w.start, w.end)
        if w.happened is not None:
            mask &= self.happened[rows] == int(w.happened)
        if w.cameo is not None:
            mask &= self.cameo.any_of({i for v, i in self.cameo.of.items() if v.startswith(w.cameo)}, rows)
        for name, codes in self.coded.items():
            if getattr(w, name) is not None:
                mask &= codes.equal(getattr(w, name), rows)
        if w.quad_class is not None:
            mask &= self.quad[rows] == int(w.quad_class)
        if w.place is not None:
            mask &= self.place.equal(w.place.lower(), rows)
        if w.origin is not None:
            mask &= self.origins.any_of({i for v, i in self.origins.of.items() if w.origin in v.split(",")}, rows)
        return mask

    def _position_after(self, after: tuple[str | None, str]) -> int:
        """The first row after the cursor's (day, event id) in page order."""
        day = NO_DAY if after[0] is None else _days(dt.date.fromisoformat(after[0]))
        lo, hi = np.searchsorted(self.day, day, side="left"), np.searchsorted(self.day, day, side="right")
        ids = self.table.column("event_id").slice(lo, hi - lo).to_pylist()
        return int(lo) + bisect_right(ids, after[1])
