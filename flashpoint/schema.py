"""The flat, columnar shape of events: what the store, Parquet and the format readers share.

One row per *mention* (a sentence-level coded event, or one row of an imported
dataset). The store merges mentions into events. Column names follow the JSONL
contract of :meth:`flashpoint.model.Event.to_record`, flattened.
"""
from __future__ import annotations

from typing import Any

import pyarrow as pa

MENTION_SCHEMA = pa.schema([
    ("mention_id", pa.string()),        # content hash: event_id of a coded event, or origin+row id
    ("doc_id", pa.string()),
    ("origin", pa.string()),            # 'flashpoint' | 'gdelt' | 'icews' | 'acled' | 'polecat' ...
    ("origin_id", pa.string()),         # the id the row had in its dataset (GLOBALEVENTID, ...)
    ("sentence_index", pa.int32()),
    ("evidence_text", pa.string()),
    ("evidence_start", pa.int32()),
    ("evidence_end", pa.int32()),
    ("source_text", pa.string()),
    ("source_country", pa.string()),
    ("source_sector", pa.string()),
    ("source_proxy_of", pa.string()),
    ("target_text", pa.string()),
    ("target_country", pa.string()),
    ("target_sector", pa.string()),
    ("target_proxy_of", pa.string()),
    ("cameo", pa.string()),
    ("plover_type", pa.string()),
    ("plover_mode", pa.string()),
    ("goldstein", pa.float64()),
    ("quad_class", pa.int8()),
    ("modality", pa.string()),
    ("date", pa.date32()),               # best day (start of the period at month/year precision)
    ("date_precision", pa.string()),
    ("date_text", pa.string()),
    ("published", pa.date32()),
    ("place_name", pa.string()),         # first (main) location
    ("place_country", pa.string()),
    ("place_admin1", pa.string()),
    ("place_feature", pa.string()),      # country | admin1 | city | base ... (how precise the place is)
    ("lat", pa.float64()),
    ("lon", pa.float64()),
    ("locations_json", pa.string()),     # all locations, as JSON
    ("source_name", pa.string()),        # outlet
    ("url", pa.string()),
    ("confidence", pa.float64()),
    ("trigger", pa.string()),            # the word that carries the event
    ("date_relation", pa.string()),      # 'on', or 'before' publication when the text gives no date
    ("mentioned_places_json", pa.string()),  # places the sentence names that are not the event's, as JSON
])


def mention_row(rec: dict[str, Any], *, published: Any = None, source_name: str | None = None,
                url: str | None = None) -> dict[str, Any]:
    """A MENTION_SCHEMA row from a coded event record (the JSONL contract)."""
    import datetime as dt
    import json

    src, tgt = rec.get("source") or {}, rec.get("target") or {}
    locs = rec.get("locations") or []
    named = rec.get("mentioned_places") or []
    main = next((p for p in locs if p.get("lat") is not None), locs[0] if locs else {})
    date = None
    if rec.get("date"):
        v = rec["date"]
        date = dt.date.fromisoformat(v + ("-01-01" if len(v) == 4 else "-01" if len(v) == 7 else ""))
    ev = rec.get("evidence") or {}
    return {
        "mention_id": rec["event_id"], "doc_id": rec["doc_id"], "origin": "flashpoint",
        "origin_id": None, "sentence_index": rec.get("sentence_index"),
        "evidence_text": ev.get("text"), "evidence_start": ev.get("start"), "evidence_end": ev.get("end"),
        "source_text": src.get("text"), "source_country": src.get("country"),
        "source_sector": src.get("sector"), "source_proxy_of": src.get("proxy_of"),
        "target_text": tgt.get("text"), "target_country": tgt.get("country"),
        "target_sector": tgt.get("sector"), "target_proxy_of": tgt.get("proxy_of"),
        "cameo": rec.get("cameo"), "plover_type": rec.get("plover_type"), "plover_mode": rec.get("plover_mode"),
        "goldstein": rec.get("goldstein"), "quad_class": rec.get("quad_class"), "modality": rec.get("modality"),
        "date": date, "date_precision": rec.get("date_precision"), "date_text": rec.get("date_text"),
        "published": published, "place_name": main.get("name"), "place_country": main.get("country"),
        "place_admin1": main.get("admin1"), "place_feature": main.get("feature"),
        "lat": main.get("lat"), "lon": main.get("lon"),
        "locations_json": json.dumps(locs, ensure_ascii=False) if locs else None,
        "source_name": source_name, "url": url, "confidence": rec.get("confidence"),
        "trigger": rec.get("trigger"), "date_relation": rec.get("date_relation"),
        "mentioned_places_json": json.dumps(named, ensure_ascii=False) if named else None,
    }
