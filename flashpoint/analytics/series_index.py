"""Dyad series straight from a snapshot's event index, with every event's terms worked out once.

:func:`.series.dyad_series` starts from an events frame: it picks the usable events
(:func:`.dyads.usable`), rates each (:func:`.severity.rungs`), and sums per period and
direction. On the web server a snapshot never changes, so :class:`SeriesIndex` does the
per-event part once, when the snapshot is opened, for all of its events: which events
are usable, and each one's weight, quad class, Goldstein score and rung. A dyad's series
is then a slice of the index's pair order (:meth:`EventIndex.pair_rows`), a date
filter and the per-period sums of those rows, in the same order as before, so the frame
is the one ``dyad_series(reader.dyad_events(a, b, ...), a, b, ...)`` gives, bit for bit
(``tests/analytics/test_series_index.py``).

Every term is a function of its own event's row only, so the rungs are computed once per
distinct combination of the columns they read (a few thousand on a million events) and
spread back. Cost: five floats and a flag per event (41 MB per million events) and
about a second when a snapshot is opened.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..store.event_index import EventIndex
from .dyads import as_day, check_dyad, usable
from .series import _weights, check_options, direction_name, event_terms, stack_summands, tidy_series
from .severity import rungs

RUNG_COLUMNS = ("cameo", "plover_type", "plover_mode", "quad_class", "target_sector", "source_country",
                "target_country", "place_country")
USABLE_COLUMNS = ("date", "source_country", "target_country", "cameo", "happened", "date_precision", "quad_class")
DATES = "datetime64[us]"      # the unit of the dates a DuckDB read gives (and usable() keeps)


def _codes(column: pa.ChunkedArray) -> tuple[np.ndarray, int]:
    """A column as integer codes (0 for null) and how many codes there are."""
    encoded = pc.dictionary_encode(column.combine_chunks())
    codes = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False).astype(np.int64) + 1
    return codes, len(encoded.dictionary) + 1


def distinct_rows(table: pa.Table, names: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    """The first row of each distinct combination of the columns ``names``, and each row's
    combination (an index into those first rows)."""
    key, size = np.zeros(table.num_rows, dtype=np.int64), 1
    for name in names:
        codes, n = _codes(table.column(name))
        if size * n >= 2 ** 62:                    # keep the key in range: renumber it densely first
            key = np.unique(key, return_inverse=True)[1].astype(np.int64)
            size = int(key.max()) + 1 if len(key) else 1
        key, size = key * n + codes, size * n
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    return first, inverse.reshape(-1)


class SeriesIndex:
    """Per event of a snapshot: usable for a series or not, and its series terms."""

    def __init__(self, index: EventIndex, *, usable_rows: np.ndarray, terms: tuple[np.ndarray, ...],
                 counted: np.ndarray | None):
        self.index = index
        self.usable = usable_rows
        self.w, self.quad, self.gold, self.rung = terms
        self.counted = counted              # weights by source_count (None: the column is missing)

    @classmethod
    def build(cls, index: EventIndex) -> SeriesIndex:
        table = index.table
        names = [c for c in dict.fromkeys((*USABLE_COLUMNS, *RUNG_COLUMNS, "goldstein", "source_count"))
                 if c in table.column_names]
        frame = table.select(names).to_pandas(date_as_object=False)
        keep = np.zeros(len(frame), dtype=bool)
        keep[usable(frame).index.to_numpy()] = True
        first, each = distinct_rows(table, tuple(c for c in RUNG_COLUMNS if c in table.column_names))
        rung = rungs(frame.iloc[first].reset_index(drop=True)).to_numpy(dtype=float)[each]
        counted = _weights(frame, "source_count").to_numpy(dtype=float) if "source_count" in names else None
        return cls(index, usable_rows=keep, terms=event_terms(frame, None, rung=rung), counted=counted)

    def _rows(self, source: str, target: str, lo: pd.Timestamp | None, hi: pd.Timestamp | None) -> np.ndarray:
        rows = self.index.pair_rows(source, target)
        rows = rows[self.usable[rows]]
        day = self.index.day[rows]
        keep = np.ones(len(rows), dtype=bool)
        if lo is not None:
            keep &= day >= lo.to_datetime64().astype("datetime64[D]").astype(np.int64)
        if hi is not None:
            keep &= day <= hi.to_datetime64().astype("datetime64[D]").astype(np.int64)
        return rows[keep]

    def handles(self, *, weight: str | None) -> bool:
        return weight is None or self.counted is not None

    def series(self, source: str, target: str, *, freq: str = "D", start: Any = None, end: Any = None,
               weight: str | None = None) -> pd.DataFrame:
        """What ``dyad_series(events, source, target, ...)`` gives for the events of this pair that
        the store's ``dyad_events`` reads (happened, from ``start`` to ``end``); both directions."""
        check_options(freq=freq, weight=weight)
        check_dyad(source, target)
        check_dyad(target, source)
        lo, hi = as_day(start, what="start"), as_day(end, what="end")
        ab, ba = self._rows(source, target, lo, hi), self._rows(target, source, lo, hi)
        rows = np.concatenate([ab, ba])
        first = np.arange(len(rows)) < len(ab)
        masks = {direction_name(source, target): first, direction_name(target, source): ~first}
        w = self.w if weight is None else self.counted
        summands = stack_summands(w[rows], self.quad[rows], self.gold[rows], self.rung[rows])
        dates = pd.Series(self.index.day[rows].astype("datetime64[D]").astype(DATES), name="date")
        return tidy_series(dates, masks, summands, self.rung[rows], start=lo, end=hi, freq=freq)
