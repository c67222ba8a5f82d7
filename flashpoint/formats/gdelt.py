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

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from ..errors import FormatError
from .common import (Field, ImportResult, cameo_country_iso3, cameo_table, check_path, clean_sql, copy_out,
                     export_frame, fips_iso3, first_line, pairs_table, read_csv_sql, run_scan, split_header)

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
_BIGINTS = {"GLOBALEVENTID", "EventTimeDate", "MentionTimeDate"}
_DOUBLES = {"FractionDate", "GoldsteinScale", "AvgTone", "MentionDocTone"}


def column_type(name: str) -> str:
    """The DuckDB type a GDELT column is read as (codes stay strings: '040' is not 40)."""
    if name == "SQLDATE":
        return "DATE"
    if name == "DATEADDED":  # YYYYMMDDHHMMSS in GDELT 2.0, YYYYMMDD in 1.0
        return "TIMESTAMP"
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
                          where=f"{path}:1", fix="check the file is a GDELT export of that kind (unzipped)")
    return [(n, column_type(n)) for n in layout], "\t", False


def _country(actor: str, names: set[str], alias: str) -> str:
    """ISO3 of a CAMEO actor country code (IGO when the actor is an IGO without a country)."""
    cc, t1 = f"{actor}CountryCode", f"{actor}Type1Code"
    igo = f"WHEN {t1} = 'IGO' THEN 'IGO'" if t1 in names else ""
    return f"CASE WHEN {cc} IS NOT NULL THEN coalesce({alias}.iso3, {cc}) {igo} END"


def _sector(actor: str, names: set[str]) -> str:
    t1, t2 = f"{actor}Type1Code", f"{actor}Type2Code"
    if t1 not in names:
        return "NULL"
    second = t2 if t2 in names else "NULL"
    return (f"CASE WHEN {t1} IN ('IGO', 'NGO') AND nullif({actor}CountryCode, '') IS NULL "
            f"THEN {second} ELSE nullif({t1}, '') END")


def _admin1(full: str, kind: str) -> str:
    """First-level region from a GDELT full name: "ADM1, Country" or "City, ADM1, Country"."""
    return (f"CASE WHEN {kind} IN (2, 5) THEN split_part({full}, ', ', 1) "
            f"WHEN {kind} IN (3, 4) AND length({full}) - length(replace({full}, ',', '')) >= 2 "
            f"THEN split_part({full}, ', ', 2) END")


def _events_sql(scan: str, names: set[str]) -> str:
    url = "SOURCEURL" if "SOURCEURL" in names else "NULL::VARCHAR"
    joins = (" LEFT JOIN fips fa ON fa.fips = raw.ActionGeo_CountryCode" if "ActionGeo_CountryCode" in names
             else " LEFT JOIN (SELECT NULL::VARCHAR AS iso3) fa ON true")
    joins += "".join(f" LEFT JOIN ccodes {a} ON {a}.cameo = raw.{w}CountryCode" for w, a in (("Actor1", "a1"), ("Actor2", "a2")))
    ag = "ActionGeo_FullName" if "ActionGeo_FullName" in names else "NULL::VARCHAR"
    at = "ActionGeo_Type" if "ActionGeo_Type" in names else "NULL::INTEGER"
    lat, lon = (c if c in names else "NULL::DOUBLE" for c in ("ActionGeo_Lat", "ActionGeo_Long"))
    return f"""
    SELECT CAST(GLOBALEVENTID AS VARCHAR) AS origin_id, 'gdelt:' || origin_id AS mention_id,
      nullif(Actor1Name, '') AS source_text, {_country('Actor1', names, 'a1')} AS source_country,
      {_sector('Actor1', names)} AS source_sector,
      nullif(Actor2Name, '') AS target_text, {_country('Actor2', names, 'a2')} AS target_country,
      {_sector('Actor2', names)} AS target_sector,
      EventCode AS cameo, c.plover_type, c.plover_mode,
      {"GoldsteinScale" if "GoldsteinScale" in names else "c.goldstein"} AS goldstein,
      {"QuadClass" if "QuadClass" in names else "c.quad_class"} AS quad_class,
      SQLDATE AS date,
      CAST(DATEADDED AS DATE) AS published,
      nullif(split_part({ag}, ',', 1), '') AS place_name, fa.iso3 AS place_country,
      {_admin1(ag, at)} AS place_admin1, {lat} AS lat, {lon} AS lon,
      split_part(split_part(split_part({url}, '://', 2), '/', 1), ':', 1) AS host_,
      CASE WHEN starts_with(host_, 'www.') THEN host_[5:] ELSE host_ END AS source_name,
      {url} AS url
    FROM {scan} AS raw
    LEFT JOIN cameo c ON c.code = raw.EventCode{joins}
    """


def read_events(path: str | Path) -> ImportResult:
    """GDELT 1.0 or 2.0 event rows from one file (headerless TSV, or any file with a header row)."""
    p = check_path(path)
    fields, delim, header = _layout(p, EVENTS_V2)
    names = {n for n, _ in fields}
    for need in ("GLOBALEVENTID", "SQLDATE", "EventCode", "Actor1Name", "Actor2Name",
                 "Actor1CountryCode", "Actor2CountryCode", "DATEADDED"):
        if need not in names:
            raise FormatError(f"no column {need}", where=f"{p}:1", fix="use the GDELT column names")
    v2 = "ActionGeo_ADM2Code" in names or _first_dateadded(p, fields, delim, header) > 8
    scan = read_csv_sql(p, fields, delim=delim, header=header, quote='"' if header and delim == "," else "",
                        dateformat="%Y%m%d", timestampformat="%Y%m%d%H%M%S" if v2 else "%Y%m%d")
    tables = {"cameo": cameo_table(), "fips": pairs_table(fips_iso3(), "fips", "iso3"),
              "ccodes": pairs_table(cameo_country_iso3(), "cameo", "iso3")}
    return run_scan(_events_sql(scan, names), p, tables=tables,
                    constants={"origin": "gdelt", "modality": "asserted", "date_precision": "day"})


def _first_dateadded(path: Path, fields: list[Field], delim: str, header: bool) -> int:
    """Length of DATEADDED in the first data row (14 in GDELT 2.0, 8 in 1.0; 0 if unknown)."""
    names = [n for n, _ in fields]
    with path.open("r", encoding="utf-8", errors="replace", newline="") as fh:
        if header:
            fh.readline()
        row = split_header(fh.readline(), delim) if delim == "," else fh.readline().rstrip("\r\n").split(delim)
    return len(row[names.index("DATEADDED")]) if len(row) == len(names) else 0


def read_mentions(path: str | Path, *, events: pa.Table | None = None) -> ImportResult:
    """GDELT 2.0 Mentions rows: one report (article, sentence) of a GLOBALEVENTID.

    The rows carry the report (doc_id and url = MentionIdentifier, outlet, sentence, character
    offset of the action, published date, confidence/100); the event fields (actors, code, date,
    place) are filled from `events` (MENTION_SCHEMA rows read by read_events) where a row with
    the same GLOBALEVENTID is there, and are left empty otherwise.
    """
    p = check_path(path)
    fields, delim, header = _layout(p, MENTIONS)
    names = {n for n, _ in fields}
    for need in ("GLOBALEVENTID", "MentionIdentifier"):
        if need not in names:
            raise FormatError(f"no column {need}", where=f"{p}:1", fix="use the GDELT Mentions column names")
    scan = read_csv_sql(p, fields, delim=delim, header=header, quote='"' if header and delim == "," else "")
    sent = "SentenceID" if "SentenceID" in names else "NULL::INTEGER"
    event_cols = ("source_text, source_country, source_sector, target_text, target_country, target_sector, "
                  "cameo, plover_type, plover_mode, goldstein, quad_class, modality, date, date_precision, "
                  "date_text, place_name, place_country, place_admin1, lat, lon, locations_json")
    ev_select = ", ".join(f"ev.{c.strip()}" for c in event_cols.split(","))
    sql = f"""
    SELECT 'gdelt-mention:' || md5(concat_ws('|', m.GLOBALEVENTID, m.MentionIdentifier, {sent})) AS mention_id,
      m.MentionIdentifier AS doc_id, 'gdelt' AS origin, CAST(m.GLOBALEVENTID AS VARCHAR) AS origin_id,
      {sent} - 1 AS sentence_index,
      {"m.ActionCharOffset" if "ActionCharOffset" in names else "NULL"} AS evidence_start,
      CAST(try_strptime(CAST({"m.MentionTimeDate" if "MentionTimeDate" in names else "NULL"} AS VARCHAR),
                        '%Y%m%d%H%M%S') AS DATE) AS published,
      {"m.MentionSourceName" if "MentionSourceName" in names else "NULL"} AS source_name,
      CASE WHEN {"m.MentionType" if "MentionType" in names else "1"} IN (1, 6)
           THEN m.MentionIdentifier END AS url,
      {"m.Confidence / 100.0" if "Confidence" in names else "NULL"} AS confidence,
      {ev_select}
    FROM {scan} AS m LEFT JOIN events ev ON ev.origin_id = CAST(m.GLOBALEVENTID AS VARCHAR)
    """
    ev = events if events is not None else _empty_events()
    ev = ev.filter(pc.starts_with(ev.column("mention_id"), "gdelt:")) if ev.num_rows else ev
    return run_scan(sql, p, tables={"events": ev})


def _empty_events() -> pa.Table:
    from ..schema import MENTION_SCHEMA
    return MENTION_SCHEMA.empty_table()


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
