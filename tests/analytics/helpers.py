"""Small hand-made events frames in the shape Store.events() returns."""
from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from flashpoint.resources import read_tsv

_FACTS = {r["code"]: (int(r["quad_class"]), float(r["goldstein"])) for r in read_tsv("cameo.tsv")}
START = dt.date(2020, 1, 1)


def event(day: int, source: str, target: str, cameo: str | None, **extra: Any) -> dict[str, Any]:
    """One event row on day ``day`` after START (day 0 = 2020-01-01); quad and Goldstein from cameo.tsv."""
    quad, gold = _FACTS.get(cameo or "", (None, None))
    row = {"event_id": f"e{day:03d}{source}{target}{cameo}{len(extra)}", "source_country": source,
           "source_sector": None, "target_country": target, "target_sector": None, "cameo": cameo,
           "plover_type": None, "plover_mode": None, "quad_class": quad, "goldstein": gold,
           "date": pd.Timestamp(START + dt.timedelta(days=day)), "date_precision": "day",
           "mention_count": 1, "source_count": 1, "happened": True, "modality": "asserted",
           "place_country": None}
    row.update(extra)
    return row


def frame(*rows: dict[str, Any]) -> pd.DataFrame:
    return pd.DataFrame(list(rows))
