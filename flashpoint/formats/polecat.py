"""POLECAT (PLOVER-coded) event data, in and out.

POLECAT files are tab-separated (comma-separated also read) with a header row naming, among
others: Event ID, Event Date, Event Type, Event Mode, Event Intensity, Quad Code, Contexts,
Actor Name / Country / COW / Primary Actor Sector / Actor Sectors, the same for Recipient,
Placename, City, State, Country, Latitude, Longitude, GeoNames ID, Raw Placename, Source,
Publication Date, Story ID. Columns are found by name; only Event ID, Event Date and Event Type
are required.

Mapping: origin='polecat', origin_id=Event ID; plover_type/mode as given (upper/lower case);
POLECAT has no CAMEO code, so `cameo` is a representative code for the PLOVER type and mode
(resources/formats/plover_cameo.tsv); Goldstein is the row's Event Intensity (else the code's
value); quad class from Quad Code (1-4 or its name), else from the code. Countries may be ISO3
codes or names; sectors three-letter codes or words (sectors.tsv). Contexts are not kept.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pyarrow as pa

from ..resources import read_tsv
from .common import (cameo_table, clean_sql, conform, copy_out, date_format_for, export_frame, header_layout,
                     read_csv_sql, sector_code)
from .lookups import Lookup, country_lookup, igo_sql, join_sql, lookup_tables
from .scan import Plan, reading, streaming

COLUMNS = ["Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code", "Contexts",
           "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
           "Actor Name Raw", "Wikipedia Actor ID", "Recipient Name", "Recipient Country", "Recipient COW",
           "Primary Recipient Sector", "Recipient Sectors", "Recipient Title", "Recipient Name Raw",
           "Wikipedia Recipient ID", "Placename", "City", "State", "Country", "Latitude", "Longitude",
           "GeoNames ID", "Raw Placename", "Feature Type", "Source", "Publication Date", "Story ID", "Language",
           "Version"]
_TYPES = {"Event Date": "DATE", "Event Intensity": "DOUBLE", "Latitude": "DOUBLE", "Longitude": "DOUBLE"}
QUADS = {"1": 1, "verbal cooperation": 1, "2": 2, "material cooperation": 2, "3": 3, "verbal conflict": 3,
         "4": 4, "material conflict": 4}


def _alias(name: str) -> str:
    return name.lower().replace(" ", "_")


_SPEC = {c.lower(): (_alias(c), _TYPES.get(c, "VARCHAR")) for c in COLUMNS}


@lru_cache(maxsize=1)
def plover_cameo() -> pa.Table:
    rows = list(read_tsv("formats/plover_cameo.tsv", required=("plover_type", "plover_mode", "cameo")))
    return pa.table({"plover_type": [r["plover_type"] for r in rows],
                     "plover_mode": [r["plover_mode"] for r in rows], "cameo": [r["cameo"] for r in rows]})


def sector_of(value: str) -> str | None:
    """A three-letter sector code as it is, else the code for sector words."""
    first = re.split(r"[;,]", value)[0].strip()
    if re.fullmatch(r"[A-Z]{3}", first):
        return first
    return sector_code(first) if first else None


def plan_events(p: Path) -> Plan:
    """POLECAT event rows from one file, every column conformed in SQL: countries and sectors are
    joined with tables of the file's distinct values and their codes (:mod:`flashpoint.formats.lookups`),
    so a store can insert the rows straight from the scan."""
    fields, delim = header_layout(p, _SPEC, required=("event_id", "event_date", "event_type"), what="POLECAT")
    names = {n for n, _ in fields}
    quote = '"' if delim == "," else ""
    datefmt = date_format_for(p, fields, "event_date", delim, quote=bool(quote))
    scan = read_csv_sql(p, fields, delim=delim, header=True, quote=quote, nullstr=("", "NA", "None"),
                        dateformat=datefmt)

    def col(n: str) -> str:
        return f"raw.{n}" if n in names else "NULL::VARCHAR"
    sectors = {s: f"coalesce({col(f'primary_{a}_sector')}, {col(f'{a}_sectors')})"
               for s, a in (("source", "actor"), ("target", "recipient"))}
    countries = tuple(c for c in ("actor_country", "recipient_country", "country") if c in names)
    tables, notices = lookup_tables(
        f"(SELECT {''.join(col(c) + ', ' for c in countries)}{sectors['source']} AS source_sector_, "
        f"{sectors['target']} AS target_sector_ FROM {scan} AS raw)",
        (country_lookup("countries", *countries),
         Lookup("sectors", ("source_sector_", "target_sector_"), sector_of)), path=p)
    sql = f"""
    SELECT raw.event_id AS origin_id, 'polecat:' || raw.event_id AS mention_id,
      coalesce(CASE WHEN {col('story_id')} IS NOT NULL THEN 'polecat-story:' || {col('story_id')} END,
               mention_id) AS doc_id,
      {col('actor_name')} AS source_text, {igo_sql("source", "sc.code", "ss.code")},
      {col('recipient_name')} AS target_text, {igo_sql("target", "tc.code", "ts.code")},
      upper(trim(raw.event_type)) AS plover_type, nullif(lower(trim({col('event_mode')})), '') AS plover_mode,
      coalesce(m1.cameo, m2.cameo) AS cameo, coalesce({col('event_intensity')}::DOUBLE, c.goldstein) AS goldstein,
      coalesce(q.code, c.quad_class) AS quad_class, raw.event_date AS date,
      coalesce({col('placename')}, {col('city')}, {col('state')}, {col('country')}) AS place_name,
      {col('state')} AS place_admin1, plc.code AS place_country,
      {col('latitude')}::DOUBLE AS lat, {col('longitude')}::DOUBLE AS lon, {col('source')} AS source_name,
      CAST(try_strptime(left({col('publication_date')}, 10), '%Y-%m-%d') AS DATE) AS published,
      'polecat' AS origin, 'asserted' AS modality, 'day' AS date_precision
    FROM {scan} AS raw
    LEFT JOIN pc m1 ON m1.plover_type = upper(trim(raw.event_type))
                   AND m1.plover_mode = lower(trim({col('event_mode')}))
    LEFT JOIN pc m2 ON m2.plover_type = upper(trim(raw.event_type)) AND m2.plover_mode = ''
    LEFT JOIN cameo c ON c.code = coalesce(m1.cameo, m2.cameo)
    {join_sql("quads", "q", f"lower(trim({col('quad_code')}))")}
    {join_sql("countries", "sc", col("actor_country"))} {join_sql("countries", "tc", col("recipient_country"))}
    {join_sql("countries", "plc", col("country"))}
    {join_sql("sectors", "ss", sectors["source"])} {join_sql("sectors", "ts", sectors["target"])}
    """
    quads = pa.table({"value": list(QUADS), "code": pa.array(list(QUADS.values()), pa.int8())})
    return Plan(sql, conform, tables={"pc": plover_cameo(), "cameo": cameo_table(), "quads": quads, **tables},
                quoted=bool(quote), direct=True, notices=notices)


read_events = reading(plan_events)
stream_events = streaming(plan_events)


def write_events(table: pa.Table, path: str | Path) -> int:
    """Write events (the store's events, or MENTION_SCHEMA rows) in the POLECAT layout.

    Tab-separated with POLECAT's header row (COLUMNS); columns flashpoint does not know (COW
    codes, titles, Wikipedia ids, contexts) are empty. Rows without a PLOVER type (CAMEO codes
    PLOVER leaves out, such as 01 statements) are left out; returns the number of rows written.
    """
    t = export_frame(table)
    values = {
        "Event ID": "CASE WHEN origin = 'polecat' AND origin_id IS NOT NULL THEN origin_id "
                    "WHEN id LIKE 'polecat:%' THEN id[9:] ELSE id END",
        "Event Date": "strftime(date, '%Y-%m-%d')", "Event Type": "plover_type",
        "Event Mode": "plover_mode", "Event Intensity": "goldstein", "Quad Code": "quad_class",
        "Actor Name": clean_sql("source_text"), "Actor Country": "source_country",
        "Primary Actor Sector": "source_sector", "Actor Sectors": "source_sector",
        "Recipient Name": clean_sql("target_text"), "Recipient Country": "target_country",
        "Primary Recipient Sector": "target_sector", "Recipient Sectors": "target_sector",
        "Placename": clean_sql("place_name"), "State": clean_sql("place_admin1"), "Country": "place_country",
        "Latitude": "lat", "Longitude": "lon", "Source": clean_sql("source_name"),
        "Publication Date": "strftime(published, '%Y-%m-%d')",
        "Story ID": clean_sql("CASE WHEN doc_id LIKE 'polecat-story:%' THEN doc_id[15:] ELSE doc_id END"),
        "Version": "'flashpoint'",
    }
    select = ", ".join(f"{values.get(c, 'NULL')} AS \"{c}\"" for c in COLUMNS)
    sql = f"SELECT {select} FROM t WHERE plover_type IS NOT NULL AND date IS NOT NULL ORDER BY date, id"
    return copy_out(t, sql, path, header=True)
