"""ACLED event data, in: the older layout (upper-case names: GWNO, EVENT_ID_CNTY, EVENT_DATE,
EVENT_TYPE, ACTOR1, ALLY_ACTOR_1, INTER1, ..., GEO_PRECISION, SOURCE, NOTES, FATALITIES) and the
current one (lower-case: event_id_cnty, event_date, disorder_type, event_type, sub_event_type,
actor1, assoc_actor_1, inter1, ..., iso, region, admin1..3, source_scale, tags, timestamp).

Comma-separated with a header row (tab-separated also read). Dates are read in the format the
first row uses ("2023-05-12", "12 May 2023", "12/05/2023", "12-May-2023"); a row written in
another format is reported and skipped.

Mapping: ACLED codes no CAMEO action, so event_type/sub_event_type -> a CAMEO code through
resources/formats/acled_events.tsv, and PLOVER type/mode, Goldstein and quad class from that
code (resources/cameo.tsv). Actor country from the name ("Military Forces of Syria (2011-)",
"Protesters (Syria)"), else none; actor sector from the name's words (sectors.tsv), else from
INTER1/INTER2 (acled_inter.tsv). NOTES is kept as evidence text, SOURCE as the outlet.
TIME_PRECISION 1-2 is day precision, 3 month precision. Fatalities, associated actors and the
other columns are not kept (and, being unused, not checked).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pyarrow as pa

from ..resources import read_tsv
from .common import cameo_table, conform, country_iso3, date_format_for, header_layout, read_csv_sql, sector_code
from .lookups import Lookup, country_lookup, igo_sql, join_sql, lookup_tables
from .scan import Plan, reading, streaming

_SPEC = {
    "event id cnty": ("event_id", "VARCHAR"), "event date": ("event_date", "DATE"),
    "time precision": ("time_precision", "INTEGER"), "event type": ("event_type", "VARCHAR"),
    "sub event type": ("sub_event_type", "VARCHAR"), "actor1": ("actor1", "VARCHAR"),
    "actor2": ("actor2", "VARCHAR"), "inter1": ("inter1", "VARCHAR"), "inter2": ("inter2", "VARCHAR"),
    "country": ("country", "VARCHAR"), "admin1": ("admin1", "VARCHAR"), "location": ("location", "VARCHAR"),
    "latitude": ("latitude", "DOUBLE"), "longitude": ("longitude", "DOUBLE"), "source": ("source", "VARCHAR"),
    "notes": ("notes", "VARCHAR"),
}
REQUIRED = ("event_id", "event_date", "event_type", "actor1", "country")


@lru_cache(maxsize=1)
def event_map() -> pa.Table:
    rows = list(read_tsv("formats/acled_events.tsv", required=("event_type", "sub_event_type", "cameo")))
    return pa.table({"event_type": [r["event_type"].lower() for r in rows],
                     "sub_event_type": [r["sub_event_type"].lower() for r in rows],
                     "cameo": [r["cameo"] or None for r in rows],
                     "plover_mode": [r.get("plover_mode") or None for r in rows]})


@lru_cache(maxsize=1)
def inter_sectors() -> dict[str, str]:
    out: dict[str, str] = {}
    for r in read_tsv("formats/acled_inter.tsv", required=("inter", "label", "sector")):
        out[r["inter"]] = out[r["label"].lower()] = r["sector"]
    return out


_PAREN = re.compile(r"\(([^()]+)\)")
_OF = re.compile(r"\bof (?:the )?([A-Z][^()]*?)\s*(?:\(|$)")


def actor_country(name: str) -> str | None:
    """ISO3 of the country an ACLED actor name gives ("Police Forces of Kenya (2013-)")."""
    for inner in reversed(_PAREN.findall(name)):
        iso = country_iso3(inner)
        if iso:
            return iso
    m = _OF.search(name)
    return country_iso3(m.group(1)) if m else None


def _inter_sector(value: str) -> str | None:
    return inter_sectors().get(value.strip().lower().removesuffix(".0"))


def plan_events(p: Path) -> Plan:
    """ACLED event rows from one export file (either layout), every column conformed in SQL: the
    country, actor names and INTER codes are joined with tables of the file's distinct values and
    their codes (:mod:`flashpoint.formats.lookups`), so a store can insert the rows straight
    from the scan."""
    fields, delim = header_layout(p, _SPEC, required=REQUIRED, what="ACLED")
    names = {n for n, _ in fields}
    quote = '"' if delim == "," else ""
    datefmt = date_format_for(p, fields, "event_date", delim, quote=bool(quote))
    scan = read_csv_sql(p, fields, delim=delim, header=True, quote=quote, dateformat=datefmt)
    actors = tuple(a for a in ("actor1", "actor2") if a in names)
    tables, notices = lookup_tables(scan, (
        country_lookup("countries", "country"), Lookup("actor_countries", actors, actor_country),
        Lookup("name_sectors", actors, sector_code),
        Lookup("inter_sectors", tuple(i for i in ("inter1", "inter2") if i in names), _inter_sector)), path=p)

    def col(n: str) -> str:
        return f"raw.{n}" if n in names else "NULL::VARCHAR"
    sub = col("sub_event_type")
    sql = f"""
    SELECT raw.event_id AS origin_id, 'acled:' || raw.event_id AS mention_id,
      raw.actor1 AS source_text, {igo_sql("source", "ac1.code", _sector_sql("n1", "i1"))},
      {col('actor2')} AS target_text, {igo_sql("target", "ac2.code", _sector_sql("n2", "i2"))},
      coalesce(m1.cameo, m2.cameo) AS cameo, c.plover_type,
      CASE WHEN m1.cameo IS NOT NULL THEN coalesce(m1.plover_mode, c.plover_mode)
           ELSE coalesce(m2.plover_mode, c.plover_mode) END AS plover_mode, c.goldstein, c.quad_class,
      raw.event_date AS date,
      CASE WHEN {col('time_precision')}::INTEGER = 3 THEN 'month' ELSE 'day' END AS date_precision,
      coalesce({col('location')}, {col('admin1')}, raw.country) AS place_name, {col('admin1')} AS place_admin1,
      pc.code AS place_country, {col('latitude')}::DOUBLE AS lat, {col('longitude')}::DOUBLE AS lon,
      {col('notes')} AS evidence_text, {col('source')} AS source_name, 'acled' AS origin, 'asserted' AS modality
    FROM {scan} AS raw
    LEFT JOIN emap m1 ON m1.event_type = lower(raw.event_type) AND m1.sub_event_type = lower({sub})
    LEFT JOIN emap m2 ON m2.event_type = lower(raw.event_type) AND m2.sub_event_type = ''
    LEFT JOIN cameo c ON c.code = coalesce(m1.cameo, m2.cameo)
    {join_sql("countries", "pc", "raw.country")}
    {join_sql("actor_countries", "ac1", "raw.actor1")} {join_sql("actor_countries", "ac2", col("actor2"))}
    {join_sql("name_sectors", "n1", "raw.actor1")} {join_sql("name_sectors", "n2", col("actor2"))}
    {join_sql("inter_sectors", "i1", col("inter1"))} {join_sql("inter_sectors", "i2", col("inter2"))}
    """
    return Plan(sql, conform, tables={"emap": event_map(), "cameo": cameo_table(), **tables},
                quoted=bool(quote), direct=True, notices=notices)


def _sector_sql(by_name: str, by_inter: str) -> str:
    """Sector from the INTER code; for state forces the name says which (police, military,
    government); with no INTER code, from the name ("Lord's Resistance Army" is a rebel group
    although its name says army: INTER 2 decides)."""
    return (f"CASE WHEN {by_inter}.code = 'MIL' THEN coalesce({by_name}.code, {by_inter}.code) "
            f"ELSE coalesce({by_inter}.code, {by_name}.code) END")


read_events = reading(plan_events)
stream_events = streaming(plan_events)
