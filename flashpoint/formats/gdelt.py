"""GDELT 1.0 / 2.0 events and GDELT 2.0 Mentions, in and out.

Reads the headerless tab-separated files GDELT publishes (57 fields: 1.0 back-file, 58: 1.0
daily, 61: 2.0) and files with a header row (any delimiter, any extra columns such as
CAMEOCodeDescription; names matched case-insensitively). One event row becomes one
MENTION_SCHEMA row with origin='gdelt' and origin_id=GLOBALEVENTID; SQLDATE is the date,
GoldsteinScale and QuadClass are kept as given, the PLOVER type and mode come from the CAMEO
code (resources/cameo.tsv). Actor country codes are CAMEO codes (ISO3 but for a few listed in
resources/formats/cameo_countries.tsv); place countries are FIPS 10-4 codes mapped to ISO3.
The place is ActionGeo (place_name is the first part of its full name); the actor geo blocks,
tone and mention counts are not kept (locations_json stays empty: building it per row halved
the import speed).
"""
from __future__ import annotations

import functools
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from ..errors import FormatError
from .common import (Field, cameo_country_iso3, cameo_table, clean_sql, conform, copy_out, export_frame,
                     fips_iso3, first_line, pairs_table, read_csv_sql, replace_columns, split_header, sql_str,
                     stamp_day_sql, url_host_sql)
from .scan import ImportResult, Plan, reading, streaming

_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code"]
_GEO1 = ["Type", "FullName", "CountryCode", "ADM1Code", "Lat", "Long", "FeatureID"]
_GEO2 = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]


def _fields(geo: list[str]) -> list[str]:
    names = ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    names += [f"Actor1{a}" for a in _ACTOR] + [f"Actor2{a}" for a in _ACTOR]
    names += ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
              "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    for who in ("Actor1", "Actor2", "Action"):
        names += [f"{who}Geo_{g}" for g in geo]
    return names + ["DATEADDED", "SOURCEURL"]


EVENTS_V2 = _fields(_GEO2)                # 61 fields
EVENTS_V1 = _fields(_GEO1)                # 58 fields
EVENTS_V1_BACKFILE = EVENTS_V1[:-1]       # 57 fields, no SOURCEURL
LAYOUTS = {len(f): f for f in (EVENTS_V2, EVENTS_V1, EVENTS_V1_BACKFILE)}
MENTIONS = ["GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
            "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
            "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras"]

_INTS = {"MonthYear", "Year", "IsRootEvent", "QuadClass", "NumMentions", "NumSources", "NumArticles",
         "MentionType", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
         "InRawText", "Confidence", "MentionDocLen"}
_BIGINTS = {"GLOBALEVENTID", "DATEADDED", "EventTimeDate", "MentionTimeDate"}
_DOUBLES = {"FractionDate", "GoldsteinScale", "AvgTone", "MentionDocTone"}


def column_type(name: str) -> str:
    """The DuckDB type a GDELT column is read as (codes stay strings: '040' is not 40)."""
    if name == "SQLDATE":
        return "DATE"
    if name in _BIGINTS:
        return "BIGINT"
    if name in _INTS or name.endswith("Geo_Type"):
        return "INTEGER"
    if name in _DOUBLES or name.endswith(("Geo_Lat", "Geo_Long")):
        return "DOUBLE"
    return "VARCHAR"


def _layout(path: Path, known: list[str]) -> tuple[list[Field], str, bool]:
    """Columns, delimiter and header flag of a GDELT file, from its first line."""
    line = first_line(path)
    if not line:
        raise FormatError("the file is empty", where=str(path), fix="give a GDELT export file")
    canon = {k.lower(): k for k in known}
    if line.split("\t", 1)[0].split(",", 1)[0].strip().strip('"').lower() == "globaleventid":
        delim = "\t" if "\t" in line else ","
        names = [canon.get(h.lower(), h) for h in split_header(line, delim)]
        missing = [k for k in known[:2] if k not in names]
        if missing:
            raise FormatError(f"header lacks {missing}", where=f"{path}:1",
                              fix="use the GDELT column names in the header row")
        return [(n, column_type(n)) for n in names], delim, True
    count = line.count("\t") + 1
    layout = LAYOUTS.get(count) if known is EVENTS_V2 else (MENTIONS if count == len(MENTIONS) else None)
    if layout is None:
        raise FormatError(f"first line has {count} tab-separated fields; a GDELT "
                          f"{'events' if known is EVENTS_V2 else 'mentions'} file has "
                          f"{sorted(LAYOUTS) if known is EVENTS_V2 else len(MENTIONS)}",
                          where=f"{path}:1", fix="check the file is a GDELT export of that kind")
    return [(n, column_type(n)) for n in layout], "\t", False


def _country(actor: str, names: set[str]) -> str:
    """The CAMEO actor country code (IGO when the actor is an IGO without a country); made ISO3
    by a join in _events_sql."""
    cc, t1 = f"{actor}CountryCode", f"{actor}Type1Code"
    igo = f"WHEN {t1} = 'IGO' THEN 'IGO'" if t1 in names else ""
    return f"CASE WHEN {cc} IS NOT NULL THEN {cc} {igo} END"


def _sector(actor: str, names: set[str]) -> str:
    t1, t2 = f"{actor}Type1Code", f"{actor}Type2Code"
    if t1 not in names:
        return "NULL"
    second = t2 if t2 in names else "NULL"
    return (f"CASE WHEN {t1} IN ('IGO', 'NGO') AND nullif({actor}CountryCode, '') IS NULL "
            f"THEN {second} ELSE nullif({t1}, '') END")


# Python's str.strip() whitespace, for SQL trim() (a place's name is stripped as Python did).
_SPACE = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006" \
         "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"


def _place_sql(full: str, kind: str) -> tuple[str, str, str]:
    """SQL for the place name and first-level region of GDELT full names and geo types: "City, ADM1,
    Country" (types 3, 4) or "ADM1, Country" (types 2, 5); a country (type 1) has no region. The
    name is the first comma-separated part, stripped as Python's str.strip() does (the full trim
    only for a part that does not start and end with a visible ASCII character: it is slow)."""
    first = f"split_part({full}, ',', 1) AS place_first_"
    plain = "place_first_[1] > ' ' AND place_first_[1] < '\x7f' AND place_first_[-1] > ' ' AND place_first_[-1] < '\x7f'"
    name = f"CASE WHEN {plain} THEN place_first_ ELSE nullif(trim(place_first_, {sql_str(_SPACE)}), '') END"
    city = f"CASE WHEN len(string_split({full}, ', ')) >= 3 THEN split_part({full}, ', ', 2) END"
    region = (f"CASE WHEN {kind} IN (2, 5) THEN nullif(split_part({full}, ', ', 1), '') "
              f"WHEN {kind} IN (3, 4) THEN {city} END")
    return first, name, region


def _events_sql(scan: str, names: set[str]) -> str:
    """Every column in SQL: the scan, its lookups (CAMEO codebook, FIPS and CAMEO country codes to
    ISO3) as joins with small tables, no Python per row or per batch."""
    def col(name: str, null: str) -> str:
        return f"raw.{name}" if name in names else null
    url = col("SOURCEURL", "NULL::VARCHAR")
    first, place_name, region = _place_sql(col("ActionGeo_FullName", "NULL::VARCHAR"),
                                           col("ActionGeo_Type", "NULL::INTEGER"))
    host, outlet = url_host_sql(url)
    quad = col("QuadClass", "NULL::INTEGER")
    return f"""
    SELECT CAST(raw.GLOBALEVENTID AS VARCHAR) AS origin_id, 'gdelt:' || origin_id AS mention_id,
      coalesce({url}, mention_id) AS doc_id,
      raw.Actor1Name AS source_text, coalesce(s1.iso3, {_country('Actor1', names)}) AS source_country,
      {_sector('Actor1', names)} AS source_sector,
      raw.Actor2Name AS target_text, coalesce(s2.iso3, {_country('Actor2', names)}) AS target_country,
      {_sector('Actor2', names)} AS target_sector,
      raw.EventCode AS cameo, c.plover_type, c.plover_mode,
      coalesce({col("GoldsteinScale", "NULL::DOUBLE")}, c.goldstein) AS goldstein,
      CAST(coalesce(CAST({quad} AS TINYINT), c.quad_class) AS TINYINT) AS quad_class,
      raw.SQLDATE AS date, {stamp_day_sql("raw.DATEADDED")} AS published,
      {first}, {place_name} AS place_name, f.iso3 AS place_country, {region} AS place_admin1,
      {col("ActionGeo_Lat", "NULL::DOUBLE")} AS lat, {col("ActionGeo_Long", "NULL::DOUBLE")} AS lon,
      {host}, {outlet} AS source_name, {url} AS url,
      'gdelt' AS origin, 'asserted' AS modality, 'day' AS date_precision
    FROM {scan} AS raw
    LEFT JOIN cameo c ON c.code = raw.EventCode
    LEFT JOIN fips f ON f.fips = {col("ActionGeo_CountryCode", "NULL::VARCHAR")}
    LEFT JOIN ccodes s1 ON s1.cameo = {_country('Actor1', names)}
    LEFT JOIN ccodes s2 ON s2.cameo = {_country('Actor2', names)}
    """


def plan_events(p: Path) -> Plan:
    """GDELT 1.0 or 2.0 event rows from one file (headerless TSV, or any file with a header row)."""
    fields, delim, header = _layout(p, EVENTS_V2)
    names = {n for n, _ in fields}
    for need in ("GLOBALEVENTID", "SQLDATE", "EventCode", "Actor1Name", "Actor2Name",
                 "Actor1CountryCode", "Actor2CountryCode", "DATEADDED"):
        if need not in names:
            raise FormatError(f"no column {need}", where=f"{p}:1", fix="use the GDELT column names")
    scan = read_csv_sql(p, fields, delim=delim, header=header, quote='"' if header and delim == "," else "",
                        dateformat="%Y%m%d")
    tables = {"cameo": cameo_table(), "fips": pairs_table(fips_iso3(), "fips", "iso3"),
              "ccodes": pairs_table(cameo_country_iso3(), "cameo", "iso3")}
    return Plan(_events_sql(scan, names), conform, tables=tables, quoted=header and delim == ",",
                direct=True)


read_events = reading(plan_events)
stream_events = streaming(plan_events)


_EVENT_FIELDS = ["source_text", "source_country", "source_sector", "target_text", "target_country",
                 "target_sector", "cameo", "plover_type", "plover_mode", "goldstein", "quad_class", "modality",
                 "date", "date_precision", "date_text", "place_name", "place_country", "place_admin1", "lat",
                 "lon", "locations_json"]


def plan_mentions(p: Path) -> Plan:
    """GDELT 2.0 Mentions rows: one report (article, sentence) of a GLOBALEVENTID.

    The rows carry the report (doc_id and url = MentionIdentifier, outlet, sentence, character
    offset of the action, published date, confidence/100); the event fields (actors, code, date,
    place) are left empty: :func:`attach_events` fills them from the GDELT event rows.
    """
    fields, delim, header = _layout(p, MENTIONS)
    names = {n for n, _ in fields}
    for need in ("GLOBALEVENTID", "MentionIdentifier"):
        if need not in names:
            raise FormatError(f"no column {need}", where=f"{p}:1", fix="use the GDELT Mentions column names")
    scan = read_csv_sql(p, fields, delim=delim, header=header, quote='"' if header and delim == "," else "")

    def col(n: str, null: str = "NULL") -> str:
        return n if n in names else null
    sql = f"""
    SELECT 'gdelt-mention:' || md5(concat_ws('|', GLOBALEVENTID, MentionIdentifier, {col('SentenceID')}))
        AS mention_id,
      MentionIdentifier AS doc_id, CAST(GLOBALEVENTID AS VARCHAR) AS origin_id,
      {col('SentenceID')} - 1 AS sentence_index, {col('ActionCharOffset')} AS evidence_start,
      {stamp_day_sql("MentionTimeDate") if "MentionTimeDate" in names else "NULL::DATE"} AS published,
      {col('MentionSourceName')} AS source_name,
      CASE WHEN {col('MentionType', '1')} IN (1, 6) THEN MentionIdentifier END AS url,
      {col('Confidence')} / 100.0 AS confidence
    FROM {scan}
    """

    return Plan(sql, functools.partial(conform, constants={"origin": "gdelt"}), quoted=header and delim == ",")


stream_mentions = streaming(plan_mentions)
_read_mentions = reading(plan_mentions)


def read_mentions(path: str | Path, *, events: pa.Table | None = None) -> ImportResult:
    """GDELT 2.0 Mentions rows of one file (see :func:`plan_mentions`), with the event fields
    from ``events`` (rows read by read_events) when given; left empty for GLOBALEVENTIDs
    ``events`` lacks."""
    result = _read_mentions(path)
    if events is None:
        return result
    return ImportResult(result.path, attach_events(result.table, events), result.errors)


def attach_events(mentions: pa.Table, events: pa.Table) -> pa.Table:
    """Mention rows with the event fields of the GDELT event row of the same GLOBALEVENTID."""
    events = events.filter(pc.starts_with(events.column("mention_id"), "gdelt:"))
    right = events.select(["origin_id", *_EVENT_FIELDS]).rename_columns(
        ["origin_id", *(f"ev_{c}" for c in _EVENT_FIELDS)])
    joined = mentions.append_column("row_", pa.array(range(mentions.num_rows), pa.int64())).join(
        right, keys="origin_id", join_type="left outer").sort_by("row_")
    cols = {c: joined.column(f"ev_{c}") for c in _EVENT_FIELDS}
    return conform(replace_columns(joined, cols))


def with_known_events(mentions: pa.Table, events: pa.Table) -> tuple[pa.Table, int]:
    """The mention rows whose GDELT event is in `events`, with its fields (see attach_events),
    and how many rows were left out because their event is not there."""
    table = attach_events(mentions, events)
    known = pc.is_valid(table.column("cameo"))
    missing = len(table) - pc.sum(known).as_py() if len(table) else 0
    return table.filter(known), int(missing)


def _actor_out(side: str) -> str:
    c, s, t = f"{side}_country", f"{side}_sector", f"{side}_text"
    code = f"nullif(concat(coalesce({c}, ''), coalesce({s}, '')), '')"
    country = f"CASE WHEN {c} <> 'IGO' THEN {c} END"
    type1 = f"CASE WHEN {c} = 'IGO' THEN 'IGO' ELSE {s} END"
    type2 = f"CASE WHEN {c} = 'IGO' THEN {s} END"
    return (f"{code}, {clean_sql(f'upper({t})')}, {country}, NULL, NULL, NULL, NULL, {type1}, {type2}, NULL")


def write_events(table: pa.Table, path: str | Path) -> int:
    """Write events (the store's events, or MENTION_SCHEMA rows) as a GDELT 2.0 export file.

    Headerless, tab-separated, 61 columns, as GDELT publishes them, so tools that read GDELT
    read it (and read_events reads it back). GLOBALEVENTID is the GDELT id for rows that came
    from GDELT, else a stable 15-digit number from the event id. Rows without a CAMEO code
    are left out; returns the number of rows written.
    """
    t = export_frame(table)
    gid = ("CASE WHEN origin_id IS NOT NULL AND origin = 'gdelt' THEN TRY_CAST(origin_id AS BIGINT) "
           "WHEN id LIKE 'gdelt:%' THEN TRY_CAST(id[7:] AS BIGINT) END")
    hashed = "100000000000000 + CAST('0x' || left(md5(id), 13) AS BIGINT) % 900000000000000"
    full = ("CASE WHEN place_name IS NULL THEN NULL WHEN place_name = n.name THEN place_name "
            "ELSE concat_ws(', ', place_name, place_admin1, n.name) END")
    gtype = ("CASE WHEN place_name IS NULL AND lat IS NULL THEN 0 WHEN place_name = n.name OR lat IS NULL THEN 1 "
             "WHEN place_admin1 IS NULL THEN 4 WHEN place_country = 'USA' THEN 3 ELSE 4 END")
    day = "coalesce(published, date)"
    sql = f"""
    SELECT coalesce({gid}, {hashed}) AS GLOBALEVENTID, strftime(date, '%Y%m%d') AS SQLDATE,
      strftime(date, '%Y%m') AS MonthYear, year(date) AS Year,
      round(year(date) + (month(date) * 30 + day(date)) / 365.0, 4) AS FractionDate,
      {_actor_out('source')}, {_actor_out('target')},
      0 AS IsRootEvent, cameo AS EventCode, left(cameo, 3) AS EventBaseCode, left(cameo, 2) AS EventRootCode,
      quad_class AS QuadClass, goldstein AS GoldsteinScale, coalesce(mention_count, 1) AS NumMentions,
      coalesce(source_count, 1) AS NumSources, coalesce(doc_count, 1) AS NumArticles, 0 AS AvgTone,
      0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      {gtype} AS ActionGeo_Type, {clean_sql(full)} AS ActionGeo_FullName, f.fips AS ActionGeo_CountryCode,
      f.fips AS ActionGeo_ADM1Code, NULL AS ActionGeo_ADM2Code, lat AS ActionGeo_Lat, lon AS ActionGeo_Long,
      NULL AS ActionGeo_FeatureID, strftime({day}, '%Y%m%d%H%M%S') AS DATEADDED, {clean_sql('url')} AS SOURCEURL
    FROM t LEFT JOIN fips f ON f.iso3 = t.place_country LEFT JOIN cnames n ON n.iso3 = t.place_country
    WHERE cameo IS NOT NULL AND date IS NOT NULL
    ORDER BY date, GLOBALEVENTID
    """
    return copy_out(t, sql, path, header=False)
