"""Small hand-made events frames in the shape Store.events() returns."""
from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
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


def synthetic_rows(days: int = 240, seed: int = 7) -> list[dict]:
    """Dataset rows for fifteen pairs with different, drifting rates of material conflict, and steady
    verbal cooperation and threats (the forecaster reads the threats)."""
    rng = np.random.default_rng(seed)
    codes = ["AAA", "BBB", "CCC", "DDD", "EEE", "FFF"]
    rows, k = [], 0
    for i, a in enumerate(codes):
        for b in codes[i + 1:]:
            rate = rng.uniform(0.02, 0.4)
            for d in range(days):
                r = rate * (1.5 if (d // 60) % 2 else 0.6)
                for quad, cameo, gold, p in ((4, "190", -10.0, r), (1, "040", 1.0, 0.3), (3, "130", -4.4, 0.15)):
                    if rng.random() < p:
                        k += 1
                        src, tgt = (a, b) if rng.random() < 0.5 else (b, a)
                        rows.append({"mention_id": f"t:{k}", "doc_id": f"t:{k}", "origin": "testset",
                                     "origin_id": str(k), "source_country": src, "target_country": tgt,
                                     "cameo": cameo, "quad_class": quad, "goldstein": gold,
                                     "date": dt.date(2020, 1, 1) + dt.timedelta(days=d), "date_precision": "day"})
    return rows
