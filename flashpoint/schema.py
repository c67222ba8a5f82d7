"""The event columns, declared once: every flat column an event table can have.

:data:`COLUMNS` is one Arrow schema: each field's name, type, meaning (metadata
``doc``) and, for columns read from a coded event record (the JSONL contract of
:meth:`flashpoint.model.Event.to_record`), the record path it flattens
(metadata ``record``, e.g. ``source.text``). Every table and file takes its
columns from it, by name and in its own order:

- :data:`MENTION_SCHEMA`: the store's ``mentions`` table, Parquet mention rows
  and what the format readers produce: one row per *mention* (a sentence-level
  coded event, or one row of an imported dataset);
- :data:`EVENT_SCHEMA`: the store's ``events`` table (mentions merged into
  events) and ``flashpoint events --format csv|parquet|jsonl``;
- :data:`RECORD_CSV_COLUMNS`: the flat CSV of coded records (``flashpoint code
  --format csv``), see :func:`flat_record`;
- :data:`EXPORT_SCHEMA`: what the GDELT and POLECAT writers read.

Column orders are part of files already written (store files, CSV headers), so
each projection keeps its order; a new column is declared here and named in
the projections that carry it.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

import pyarrow as pa

_S, _I32, _F, _D = pa.string(), pa.int32(), pa.float64(), pa.date32()


def _col(name: str, typ: pa.DataType, doc: str, record: str | None = None) -> pa.Field:
    meta = {"doc": doc, **({"record": record} if record else {})}
    return pa.field(name, typ, metadata=meta)


def _actor_columns(side: str) -> list[pa.Field]:
    return [_col(f"{side}_text", _S, f"the {side} actor as written", f"{side}.text"),
            _col(f"{side}_code", _S, f"the {side} actor's code (COUNTRY/SECTOR...)", f"{side}.code"),
            _col(f"{side}_country", _S, f"the {side} actor's ISO3 country (or IGO)", f"{side}.country"),
            _col(f"{side}_sector", _S, f"the {side} actor's CAMEO sector (MIL, GOV, REB ...)", f"{side}.sector"),
            _col(f"{side}_proxy_of", _S, f"the country the {side} actor acts for", f"{side}.proxy_of")]


COLUMNS = pa.schema([
    _col("id", _S, "export: the event_id of a merged event, or the mention_id of a mention row"),
    _col("event_id", _S, "content hash of a coded event; in the store, the smallest mention id merged",
         "event_id"),
    _col("mention_id", _S, "content hash: the event_id of a coded event, or origin + the row's id", "event_id"),
    _col("doc_id", _S, "the document the event was read from", "doc_id"),
    _col("origin", _S, "'flashpoint' | 'gdelt' | 'icews' | 'acled' | 'polecat' ..."),
    _col("origins", _S, "the origins of an event's mentions, comma-separated"),
    _col("origin_id", _S, "the id the row had in its dataset (GLOBALEVENTID, ...)"),
    _col("sentence_index", _I32, "the sentence of the document", "sentence_index"),
    _col("evidence_text", _S, "the sentence (or dataset text) the event was read from", "evidence.text"),
    _col("evidence_start", _I32, "character offset of the evidence in the document", "evidence.start"),
    _col("evidence_end", _I32, "character offset where the evidence ends", "evidence.end"),
    *_actor_columns("source"),
    *_actor_columns("target"),
    _col("cameo", _S, "CAMEO event code", "cameo"),
    _col("plover_type", _S, "PLOVER event type", "plover_type"),
    _col("plover_mode", _S, "PLOVER mode", "plover_mode"),
    _col("goldstein", _F, "Goldstein scale value of the CAMEO code", "goldstein"),
    _col("quad_class", pa.int8(), "quad class 1-4 (verbal/material cooperation/conflict)", "quad_class"),
    _col("modality", _S, "asserted | claimed | negated | hypothetical | threatened | denied", "modality"),
    _col("happened", pa.bool_(), "true unless every mention is negated, hypothetical, threatened or denied"),
    _col("date", _D, "best day (start of the period at month/year precision); for an event whose text gives "
         "no date (date_relation 'before'), the report's day as an upper bound", "date"),
    _col("date_before", _D, "a coded record's upper bound on an undated event's day (its report's day); "
         "its date is then null", "date_before"),
    _col("date_precision", _S, "day | month | year | unknown", "date_precision"),
    _col("date_text", _S, "the date expression in the text", "date_text"),
    _col("date_relation", _S, "'on', or 'before' publication when the text gives no date", "date_relation"),
    _col("published", _D, "the report's publication date"),
    _col("first_seen", _D, "first report (publication, else event date) of a merged event"),
    _col("last_seen", _D, "last report of a merged event"),
    _col("place_name", _S, "first (main) location"),
    _col("place", _S, "a merged event's place: the place_name of its best-placed mention"),
    _col("place_country", _S, "the main location's ISO3 country"),
    _col("place_admin1", _S, "the main location's first-level region"),
    _col("place_feature", _S, "country | admin1 | city | base ... (how precise the place is)"),
    _col("lat", _F, "latitude of the main location"),
    _col("lon", _F, "longitude of the main location"),
    _col("locations_json", _S, "all locations, as JSON"),
    _col("locations", _S, "all locations, readable: 'name (country lat,lon)' joined by '; '"),
    _col("mentioned_places_json", _S, "places the sentence names that are not where the event happened, as JSON"),
    _col("mention_count", _I32, "mentions merged into the event"),
    _col("source_count", _I32, "independent sources (outlets, else documents) reporting the event"),
    _col("doc_count", _I32, "documents reporting the event"),
    _col("source_name", _S, "outlet"),
    _col("url", _S, "the report's URL"),
    _col("confidence", _F, "the coder's confidence", "confidence"),
    _col("trigger", _S, "the word that carries the event", "trigger"),
    _col("also_triggers_json", _S, "other words that tell the same act ('killing' after 'detonated'), "
         "as JSON [{text, start}]"),
    _col("coder", _S, "where the event type came from: 'rule' (the lexicon) or 'model' (the classifier)", "coder"),
])


def schema_of(names: Sequence[str]) -> pa.Schema:
    """The fields of :data:`COLUMNS` with these names, in this order (without the ``doc`` metadata)."""
    return pa.schema([COLUMNS.field(n).remove_metadata() for n in names])


MENTION_SCHEMA = schema_of((
    "mention_id", "doc_id", "origin", "origin_id", "sentence_index", "evidence_text", "evidence_start",
    "evidence_end", "source_text", "source_country", "source_sector", "source_proxy_of", "target_text",
    "target_country", "target_sector", "target_proxy_of", "cameo", "plover_type", "plover_mode", "goldstein",
    "quad_class", "modality", "date", "date_precision", "date_text", "published", "place_name", "place_country",
    "place_admin1", "place_feature", "lat", "lon", "locations_json", "source_name", "url", "confidence",
    "trigger", "date_relation", "mentioned_places_json", "also_triggers_json"))

EVENT_SCHEMA = schema_of((
    "event_id", "source_country", "source_sector", "target_country", "target_sector", "cameo", "plover_type",
    "plover_mode", "quad_class", "goldstein", "date", "date_precision", "first_seen", "last_seen",
    "mention_count", "source_count", "doc_count", "place", "place_country", "lat", "lon", "happened", "modality",
    "confidence", "origins", "evidence_text"))

RECORD_CSV_COLUMNS = (
    "event_id", "doc_id", "sentence_index", "date", "date_precision", "date_text", "source_text", "source_code",
    "source_country", "source_sector", "source_proxy_of", "cameo", "plover_type", "plover_mode", "target_text",
    "target_code", "target_country", "target_sector", "target_proxy_of", "goldstein", "quad_class", "modality",
    "locations", "confidence", "evidence_start", "evidence_end", "evidence_text", "coder", "date_before")

EXPORT_SCHEMA = schema_of((
    "id", "origin", "origin_id", "doc_id", "source_text", "source_country", "source_sector", "target_text",
    "target_country", "target_sector", "cameo", "plover_type", "plover_mode", "goldstein", "quad_class", "date",
    "published", "place_name", "place_country", "place_admin1", "lat", "lon", "mention_count", "source_count",
    "doc_count", "source_name", "url", "evidence_text"))


def record_path(name: str) -> str | None:
    """Where column ``name`` sits in a coded event record ('source.text'), if it comes from one."""
    meta = COLUMNS.field(name).metadata or {}
    path = meta.get(b"record")
    return path.decode() if path else None


def flat_record(rec: dict[str, Any], names: Sequence[str]) -> dict[str, Any]:
    """The columns ``names`` of a coded event record that the record holds (by their record path)."""
    row: dict[str, Any] = {}
    for name in names:
        path = record_path(name)
        if path is None:
            continue
        head, _, tail = path.partition(".")
        row[name] = (rec.get(head) or {}).get(tail) if tail else rec.get(head)
    return row


def mention_row(rec: dict[str, Any], *, published: Any = None, source_name: str | None = None,
                url: str | None = None) -> dict[str, Any]:
    """A MENTION_SCHEMA row from a coded event record (the JSONL contract)."""
    row = flat_record(rec, MENTION_SCHEMA.names)
    locs = rec.get("locations") or []
    named = rec.get("mentioned_places") or []
    also = rec.get("also_triggers") or []
    main = next((p for p in locs if p.get("lat") is not None), locs[0] if locs else {})
    value = rec.get("date") or rec.get("date_before")   # the store keeps the bound of an undated event
    row.update({
        "mention_id": rec["event_id"], "origin": "flashpoint", "origin_id": None,
        "date": dt.date.fromisoformat(value + ("-01-01" if len(value) == 4 else "-01" if len(value) == 7 else ""))
        if value else None,
        "published": published, "place_name": main.get("name"), "place_country": main.get("country"),
        "place_admin1": main.get("admin1"), "place_feature": main.get("feature"),
        "lat": main.get("lat"), "lon": main.get("lon"),
        "locations_json": json.dumps(locs, ensure_ascii=False) if locs else None,
        "mentioned_places_json": json.dumps(named, ensure_ascii=False) if named else None,
        "also_triggers_json": json.dumps(also, ensure_ascii=False) if also else None,
        "source_name": source_name, "url": url,
    })
    return row
