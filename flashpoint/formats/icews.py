"""ICEWS coded event data (the 20-column Dataverse layout), in.

Columns: Event ID, Event Date, Source Name, Source Sectors, Source Country, Event Text, CAMEO
Code, Intensity, Target Name, Target Sectors, Target Country, Story ID, Sentence Number,
Publisher, City, District, Province, Country, Latitude, Longitude. Files are tab-separated with
a header row (a headerless file with exactly these 20 columns is read too); "NA" and "" are
missing values.

Mapping: origin='icews', origin_id=Event ID; country names -> ISO3 through the project's country
table (resources/actors/countries.tsv, then resources/formats/country_names.tsv); sector lists
("Military,Government") -> one CAMEO sector code (resources/formats/sectors.tsv); Intensity is
kept as the Goldstein value; quad class and PLOVER type/mode come from the CAMEO code; doc_id is
the story ("icews-story:<Story ID>"), sentence_index is Sentence Number - 1. Names and sector
lists are mapped once per distinct value of the file and joined in SQL
(:mod:`flashpoint.formats.lookups`); a country name without a code is reported with its count.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import FormatError
from .common import cameo_table, conform, first_line, norm_name, read_csv_sql, sector_code
from .lookups import Lookup, country_lookup, igo_sql, join_sql, lookup_tables
from .scan import Plan, check_path, reading, streaming

COLUMNS = ["Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
           "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
           "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude"]
_TYPES = {"Event ID": "BIGINT", "Event Date": "DATE", "Intensity": "DOUBLE", "Story ID": "BIGINT",
          "Sentence Number": "INTEGER", "Latitude": "DOUBLE", "Longitude": "DOUBLE"}


def _alias(name: str) -> str:
    return norm_name(name).replace(" ", "_")


def _layout(path: Path) -> tuple[list[tuple[str, str]], bool]:
    line = first_line(path)
    if not line:
        raise FormatError("the file is empty", where=str(path), fix="give an ICEWS events file")
    heads = [h.strip() for h in line.split("\t")]
    known = {norm_name(c): c for c in COLUMNS}
    if norm_name(heads[0]) == "event id":
        missing = [c for c in COLUMNS if norm_name(c) not in {norm_name(h) for h in heads}]
        if missing:
            raise FormatError(f"the header row lacks the ICEWS columns {missing}", where=f"{path}:1",
                              fix="give an ICEWS file in the 20-column Dataverse layout, with its header")
        return [(_alias(known.get(norm_name(h), f"extra {i}")),
                 _TYPES.get(known.get(norm_name(h), ""), "VARCHAR")) for i, h in enumerate(heads)], True
    if len(heads) != len(COLUMNS):
        raise FormatError(f"first line has {len(heads)} tab-separated fields and is not a header",
                          where=f"{path}:1", fix="give an ICEWS file in the 20-column Dataverse layout")
    return [(_alias(c), _TYPES.get(c, "VARCHAR")) for c in COLUMNS], False


# The columns of country names, mapped by one lookup table (names without a code are reported).
COUNTRIES = country_lookup("countries", "source_country", "target_country", "country")


def _read(p: Path) -> str:
    """The DuckDB scan of one ICEWS file (header or not)."""
    fields, header = _layout(p)
    return read_csv_sql(p, fields, delim="\t", header=header, quote="", nullstr=("", "NA"), dateformat="%Y-%m-%d")


def plan_events(p: Path) -> Plan:
    """ICEWS event rows from one .tab file, every column conformed in SQL: country names and
    sector lists are joined with tables of the file's distinct values and their codes
    (:mod:`flashpoint.formats.lookups`), so a store can insert the rows straight from the scan."""
    scan = _read(p)
    tables, notices = lookup_tables(scan, (
        COUNTRIES,
        Lookup("sectors", ("source_sectors", "target_sectors"), sector_code)), path=p)
    sql = f"""
    SELECT CAST(raw.event_id AS VARCHAR) AS origin_id, 'icews:' || origin_id AS mention_id,
      'icews-story:' || raw.story_id AS doc_id, raw.sentence_number - 1 AS sentence_index,
      raw.source_name AS source_text, {igo_sql("source", "sc.code", "ss.code")},
      raw.target_name AS target_text, {igo_sql("target", "tc.code", "ts.code")},
      raw.cameo_code AS cameo, c.plover_type, c.plover_mode, raw.intensity AS goldstein, c.quad_class,
      raw.event_date AS date, coalesce(raw.city, raw.district, raw.province, raw.country) AS place_name,
      raw.province AS place_admin1, pc.code AS place_country, raw.latitude AS lat, raw.longitude AS lon,
      raw.publisher AS source_name, 'icews' AS origin, 'asserted' AS modality, 'day' AS date_precision
    FROM {scan} AS raw LEFT JOIN cameo c ON c.code = raw.cameo_code
    {join_sql("countries", "sc", "raw.source_country")} {join_sql("countries", "tc", "raw.target_country")}
    {join_sql("countries", "pc", "raw.country")}
    {join_sql("sectors", "ss", "raw.source_sectors")} {join_sql("sectors", "ts", "raw.target_sectors")}
    """
    return Plan(sql, conform, tables={"cameo": cameo_table(), **tables}, quoted=False, direct=True,
                notices=notices)


read_events = reading(plan_events)
stream_events = streaming(plan_events)


def country_coverage(path: str | Path) -> tuple[int, list[str]]:
    """(distinct country names, names not mapped to ISO3) of an ICEWS file: a data-quality check
    (the same pass over the file as the import's country lookup, :func:`lookup_tables`)."""
    p = check_path(path)
    tables, _ = lookup_tables(_read(p), (COUNTRIES,), path=p)
    table = tables["countries"]
    names, codes = table.column("value").to_pylist(), table.column("code").to_pylist()
    return len(names), sorted(n for n, c in zip(names, codes) if c is None)


