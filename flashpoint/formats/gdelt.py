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

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from ..errors import FormatError
from .common import (Field, cameo_country_iso3, cameo_table, clean_sql, conform, copy_out, export_frame,
                     fips_iso3, first_line, lookup, map_distinct, read_csv_sql, replace_columns, split_header,
                     url_host)
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
    afterwards by _finish."""
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


def split_places(full: pa.ChunkedArray | pa.Array, kind: pa.ChunkedArray | pa.Array) -> tuple[pa.Array, pa.Array]:
    """Place name and first-level region from GDELT full names and geo types: "City, ADM1,
    Country" (types 3, 4) or "ADM1, Country" (types 2, 5); a country (type 1) has no region.
    Split once per distinct name (places repeat), not per row."""
    if isinstance(full, pa.ChunkedArray):
        full = full.combine_chunks()
    uniques = pc.unique(full)
    names, states, cities = [], [], []
    for value in uniques.to_pylist():
        parts = value.split(", ") if value else []
        names.append(value.split(",")[0].strip() or None if value else None)
        states.append(parts[0] if parts else None)
        cities.append(parts[1] if len(parts) >= 3 else None)
    idx = pc.index_in(full, value_set=uniques)
    name, state, city = (pc.take(pa.array(v, pa.string()), idx) for v in (names, states, cities))
    region = pc.if_else(pc.is_in(kind, value_set=pa.array([2, 5], kind.type)), state,
                        pc.if_else(pc.is_in(kind, value_set=pa.array([3, 4], kind.type)), city,
                                   pa.scalar(None, pa.string())))
    return name, region


def day_of_stamps(stamps: pa.ChunkedArray | pa.Array) -> pa.Array:
    """Days of YYYYMMDDHHMMSS (GDELT 2.0) or YYYYMMDD (1.0) numbers; null when not a day.

    Computed once per distinct value (a GDELT file has one stamp per 15-minute update), which
    is cheaper than date arithmetic per row (and 10x cheaper than parsing a timestamp)."""
    def day(v: int) -> dt.date | None:
        text = str(v)
        try:
            return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8])) if len(text) in (8, 14) else None
        except ValueError:
            return None
    return map_distinct(stamps, day, pa.date32())


def _events_sql(scan: str, names: set[str]) -> str:
    url = "SOURCEURL" if "SOURCEURL" in names else "NULL::VARCHAR"
    ag = "ActionGeo_FullName" if "ActionGeo_FullName" in names else "NULL::VARCHAR"
    at = "ActionGeo_Type" if "ActionGeo_Type" in names else "NULL::INTEGER"
    lat, lon = (c if c in names else "NULL::DOUBLE" for c in ("ActionGeo_Lat", "ActionGeo_Long"))
    fips = "ActionGeo_CountryCode" if "ActionGeo_CountryCode" in names else "NULL::VARCHAR"
    return f"""
    SELECT CAST(GLOBALEVENTID AS VARCHAR) AS origin_id, 'gdelt:' || origin_id AS mention_id,
      Actor1Name AS source_text, {_country('Actor1', names)} AS source_country,
      {_sector('Actor1', names)} AS source_sector,
      Actor2Name AS target_text, {_country('Actor2', names)} AS target_country,
      {_sector('Actor2', names)} AS target_sector,
      EventCode AS cameo, {"GoldsteinScale" if "GoldsteinScale" in names else "NULL::DOUBLE"} AS goldstein,
      {"QuadClass" if "QuadClass" in names else "NULL::INTEGER"} AS quad_class,
      SQLDATE AS date,
      DATEADDED AS published_,
      {ag} AS place_full_, {at} AS place_type_, {fips} AS place_fips_, {lat} AS lat, {lon} AS lon,
      {url} AS url
    FROM {scan} AS raw
    """


def _finish(table: pa.Table) -> pa.Table:
    """Lookups done with pyarrow (6x cheaper than joins in the scan): PLOVER type and mode of
    the CAMEO code, ISO3 of the place's FIPS code and of CAMEO actor country codes."""
    cameo = cameo_table()
    name, region = split_places(table.column("place_full_"), table.column("place_type_"))
    cols = {"published": day_of_stamps(table.column("published_")), "place_name": name,
            "place_admin1": region,
            "source_name": url_host(table.column("url")),
            "plover_type": lookup(table.column("cameo"), cameo, key="code", value="plover_type"),
            "plover_mode": lookup(table.column("cameo"), cameo, key="code", value="plover_mode"),
            "place_country": lookup(table.column("place_fips_"), fips_iso3())}
    for side in ("source", "target"):
        raw = table.column(f"{side}_country")
        cols[f"{side}_country"] = pc.coalesce(lookup(raw, cameo_country_iso3()), raw)
    if table.column("goldstein").null_count:  # a file without the columns: the code's values
        cols["goldstein"] = pc.coalesce(table.column("goldstein"),
                                        lookup(table.column("cameo"), cameo, key="code", value="goldstein"))
        cols["quad_class"] = pc.coalesce(table.column("quad_class").cast(pa.int8()),
                                         lookup(table.column("cameo"), cameo, key="code", value="quad_class"))
    return replace_columns(table, cols)


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
    constants = {"origin": "gdelt", "modality": "asserted", "date_precision": "day"}
    return Plan(_events_sql(scan, names), lambda t: conform(_finish(t), constants=constants),
                quoted=header and delim == ",")


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
      {"MentionTimeDate" if "MentionTimeDate" in names else "NULL::BIGINT"} AS published_,
      {col('MentionSourceName')} AS source_name,
      CASE WHEN {col('MentionType', '1')} IN (1, 6) THEN MentionIdentifier END AS url,
      {col('Confidence')} / 100.0 AS confidence
    FROM {scan}
    """

    def finish(table: pa.Table) -> pa.Table:
        table = replace_columns(table, {"published": day_of_stamps(table.column("published_"))})
        return conform(table, constants={"origin": "gdelt"})
    return Plan(sql, finish, quoted=header and delim == ",")


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
