"""What the format readers share: a checked, vectorised scan of delimited files, the mapping
tables, and the result type.

Readers scan a file with DuckDB's CSV reader using explicit column types, so a malformed row
(wrong number of fields, a value of the wrong type, broken UTF-8) lands in DuckDB's rejects
table with its line number instead of stopping the import; every such row becomes a
:class:`~flashpoint.errors.FormatError` with ``where="file:line"``. Everything else is done in
SQL or with pyarrow compute over whole columns: no Python loop per row.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from ..codebook import codebook
from ..errors import FormatError
from ..resources import read_tsv
from ..schema import EXPORT_SCHEMA, MENTION_SCHEMA

Field = tuple[str, str]  # (column name, DuckDB type)


def first_line(path: Path) -> str:
    """The first line of a file (the header, or the first record of a headerless file)."""
    with path.open("r", encoding="utf-8", errors="replace", newline="") as fh:
        return fh.readline().rstrip("\r\n").lstrip("\ufeff")


def split_header(line: str, delim: str) -> list[str]:
    return [h.strip() for h in next(csv.reader(io.StringIO(line), delimiter=delim))]


def sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def read_csv_sql(path: Path, fields: Sequence[Field], *, delim: str, header: bool, quote: str = '"',
                 nullstr: Sequence[str] = ("",), dateformat: str | None = None,
                 timestampformat: str | None = None) -> str:
    """A DuckDB read_csv(...) call with explicit columns; bad rows go to the rejects table."""
    cols = ", ".join(f"{sql_str(n)}: {sql_str(t)}" for n, t in fields)
    opts = [f"delim={sql_str(delim)}", f"header={'true' if header else 'false'}",
            f"columns={{{cols}}}", "store_rejects=true", "auto_detect=false",
            f"quote={sql_str(quote)}", f"escape={sql_str(quote)}",
            "nullstr=[" + ", ".join(sql_str(s) for s in nullstr) + "]", "strict_mode=true"]
    if dateformat:
        opts.append(f"dateformat={sql_str(dateformat)}")
    if timestampformat:
        opts.append(f"timestampformat={sql_str(timestampformat)}")
    return f"read_csv({sql_str(str(path))}, {', '.join(opts)})"


def conform(table: pa.Table, *, constants: dict[str, Any] | None = None) -> pa.Table:
    """The columns of MENTION_SCHEMA, in order and with its types; missing columns are null,
    or the constant given for them; a missing doc_id is the url, or else the mention_id."""
    n = table.num_rows
    constants = constants or {}
    if "doc_id" not in table.column_names and "mention_id" in table.column_names:
        ids = table.column("mention_id")
        if "url" in table.column_names:
            url = table.column("url")
            ids = url if url.null_count == 0 else pc.coalesce(url, ids)
        table = table.append_column("doc_id", ids)
    cols = []
    for f in MENTION_SCHEMA:
        if f.name in constants and f.name not in table.column_names:
            cols.append(pa.repeat(pa.scalar(constants[f.name], f.type), n))
        elif f.name in table.column_names:
            col = table.column(f.name)
            cols.append(col if col.type == f.type else col.cast(f.type))
        else:
            cols.append(pa.nulls(n, f.type))
    return pa.Table.from_arrays(cols, schema=MENTION_SCHEMA)


def conform_sql(relation: str, columns: Sequence[str]) -> str:
    """:func:`conform` as a DuckDB query over ``relation`` (whose columns are ``columns``): the
    MENTION_SCHEMA columns in order, cast to their types, missing ones null, a missing doc_id
    the url or else the mention_id. The store runs it to insert a scan's rows without Python."""
    from ..store.ddl import DUCK_TYPES

    have = set(columns)

    def column(f: pa.Field) -> str:
        if f.name in have:
            value = f.name
        elif f.name == "doc_id" and "mention_id" in have:
            value = "coalesce(url, mention_id)" if "url" in have else "mention_id"
        else:
            value = "NULL"
        return f"CAST({value} AS {DUCK_TYPES[f.type]}) AS {f.name}"
    return f"SELECT {', '.join(column(f) for f in MENTION_SCHEMA)} FROM {relation}"


def lookup(column: pa.ChunkedArray | pa.Array, mapping: dict[str, Any] | pa.Table, *, key: str = "",
           value: str = "") -> pa.Array:
    """Vectorised dictionary lookup: each value's entry in `mapping` (a dict, or a table's
    `key` -> `value` columns), null when absent."""
    if isinstance(mapping, pa.Table):
        keys, values = mapping.column(key).combine_chunks(), mapping.column(value).combine_chunks()
    else:
        keys, values = pa.array(list(mapping), pa.string()), pa.array(list(mapping.values()))
    return pc.take(values, pc.index_in(column, value_set=keys))


def url_host_sql(url: str, *, host: str = "host_") -> tuple[str, str]:
    """SQL for the host of a URL without "www." and port ("https://www.x.org:80/a" -> "x.org"); null
    for a value that is not a URL (no "://", or fewer than two "/"). Two select-list items: the
    host with its "www." (named ``host``, computed once) and the host without it.

    The host is the third '/'-separated part up to its first ':', taken by one regular expression:
    ``split_part(split_part(url, '/', 3), ':', 1)`` gives the same value but DuckDB expands it to
    three splits of the URL into lists (0.23 against 0.14 CPU-s for 1M GDELT URLs)."""
    raw = (f"CASE WHEN {url} LIKE '%://%' AND {url} LIKE '%/%/%' "
           f"THEN regexp_extract({url}, '^[^/]*/[^/]*/([^/:]*)', 1) END AS {host}")
    return raw, f"CASE WHEN starts_with({host}, 'www.') THEN {host}[5:] ELSE {host} END"


def stamp_day_sql(stamp: str) -> str:
    """SQL for the day of a YYYYMMDDHHMMSS (GDELT 2.0) or YYYYMMDD (1.0) number; null when not a day."""
    ymd = (f"CASE WHEN {stamp} BETWEEN 10000000 AND 99999999 THEN {stamp} "
           f"WHEN {stamp} BETWEEN 10000000000000 AND 99999999999999 THEN {stamp} // 1000000 END")
    return f"try(make_date(CAST(({ymd}) // 10000 AS INTEGER), CAST(({ymd}) // 100 % 100 AS INTEGER), CAST(({ymd}) % 100 AS INTEGER)))"


def replace_columns(table: pa.Table, columns: dict[str, pa.Array]) -> pa.Table:
    for name, values in columns.items():
        if name in table.column_names:
            table = table.set_column(table.column_names.index(name), name, values)
        else:
            table = table.append_column(name, values)
    return table


# ---------------------------------------------------------------- mapping tables


@lru_cache(maxsize=1)
def cameo_table() -> pa.Table:
    """The codebook (:mod:`flashpoint.codebook`) as an Arrow table for the import SQL: code, name,
    goldstein, quad_class, plover_type, plover_mode (empty type and mode as null)."""
    rows = list(codebook().values())
    return pa.table({
        "code": [r.code for r in rows],
        "name": [r.name for r in rows],
        "goldstein": pa.array([r.goldstein for r in rows], pa.float64()),
        "quad_class": pa.array([r.quad_class for r in rows], pa.int8()),
        "plover_type": [r.plover_type or None for r in rows],
        "plover_mode": [r.plover_mode or None for r in rows],
    })


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Lower-cased country name or alias -> ISO3 (project actor table, then format extras)."""
    names = {r["alias"].lower(): r["country"] for r in read_tsv("formats/country_names.tsv")}
    for r in read_tsv("actors/countries.tsv", required=("alias", "country")):
        if r.get("kind") != "shared":  # the other state a short name may mean: by context only
            names.setdefault(r["alias"].lower(), r["country"])
    return names


def country_iso3(name: str) -> str | None:
    """ISO3 for a country name, or for a value that already is an ISO3 code."""
    name = name.strip()
    if not name or name.upper() == "NA":
        return None
    if len(name) == 3 and name.isupper():
        return name
    return country_names().get(name.lower())


@lru_cache(maxsize=1)
def sector_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(word-start pattern, sector): "ngo" matches "NGOs" but not "Congo"."""
    return tuple((re.compile(r"\b" + re.escape(r["pattern"].lower())), r["sector"])
                 for r in read_tsv("formats/sectors.tsv", required=("pattern", "sector")))


def sector_code(labels: str) -> str | None:
    """CAMEO sector code for an actor's sector labels ("Military,Government" -> MIL)."""
    text = labels.lower()
    if not text or text == "na":
        return None
    for pattern, sector in sector_patterns():
        if pattern.search(text):
            return sector
    return None


@lru_cache(maxsize=1)
def fips_iso3() -> dict[str, str]:
    return {r["fips"]: r["iso3"] for r in read_tsv("formats/fips_countries.tsv", required=("fips", "iso3"))}


@lru_cache(maxsize=1)
def cameo_country_iso3() -> dict[str, str]:
    return {r["cameo"]: r["iso3"] for r in read_tsv("formats/cameo_countries.tsv", required=("cameo", "iso3"))}


def pairs_table(mapping: dict[str, str], key: str, value: str) -> pa.Table:
    return pa.table({key: list(mapping), value: list(mapping.values())})


# ---------------------------------------------------------------- files with a header row

DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d/%m/%Y", "%d-%B-%Y", "%d-%b-%y", "%d %b %Y", "%Y%m%d", "%m/%d/%Y")


def norm_name(name: str) -> str:
    """A column name compared loosely: 'EVENT_ID_CNTY' and 'event id cnty' are the same."""
    return " ".join(name.replace("_", " ").lower().split())


def _a(name: str) -> str:
    """The article before a format's name read letter by letter or as a word: 'an ACLED', 'an ICEWS', 'a GDELT'."""
    return "an" if name[:1].upper() in "AEIO" else "a"


def header_layout(path: Path, spec: dict[str, tuple[str, str]], *, required: Sequence[str],
                  what: str) -> tuple[list[Field], str]:
    """Columns (renamed to the reader's names, typed) and delimiter of a file with a header row.

    `spec` maps a loose column name (see norm_name) to (name used in SQL, DuckDB type); columns
    the reader does not know are read as text and ignored.
    """
    line = first_line(path)
    if not line:
        raise FormatError("the file is empty", where=str(path), fix=f"give {_a(what)} {what} file with its header row")
    delim = "\t" if "\t" in line else ","
    fields: list[Field] = []
    for i, head in enumerate(split_header(line, delim)):
        alias, typ = spec.get(norm_name(head), (f"extra_{i}", "VARCHAR"))
        fields.append((alias if alias not in {f for f, _ in fields} else f"extra_{i}", typ))
    have = {f for f, _ in fields}
    missing = [r for r in required if r not in have]
    if missing:
        raise FormatError(f"the header row lacks the {what} columns {missing}", where=f"{path}:1",
                          fix=f"give {_a(what)} {what} file with its original header row")
    return fields, delim


def first_record(path: Path, delim: str, *, quote: bool) -> list[str]:
    """The first data record after the header (empty if the file has none)."""
    with path.open("r", encoding="utf-8", errors="replace", newline="") as fh:
        reader = csv.reader(fh, delimiter=delim, quoting=csv.QUOTE_MINIMAL if quote else csv.QUOTE_NONE)
        next(reader, None)
        return next(reader, [])


def sniff_date_format(value: str) -> str | None:
    """The strptime format of a date as written in the file's first row ("12 May 2023")."""
    import datetime as dt

    for fmt in DATE_FORMATS:
        try:
            dt.datetime.strptime(value.strip(), fmt)
            return fmt
        except ValueError:
            continue
    return None


def date_format_for(path: Path, fields: Sequence[Field], column: str, delim: str, *, quote: bool) -> str:
    """The date format of `column`, from the first data row (ISO when the file has no rows)."""
    row = first_record(path, delim, quote=quote)
    names = [n for n, _ in fields]
    if len(row) != len(names) or not row[names.index(column)].strip():
        return "%Y-%m-%d"
    fmt = sniff_date_format(row[names.index(column)])
    if fmt is None:
        raise FormatError(f"cannot read the date {row[names.index(column)]!r} in column {column}",
                          where=f"{path}:2", fix=f"write dates as one of {list(DATE_FORMATS)}")
    return fmt


# ---------------------------------------------------------------- writing

# What the writers read (EXPORT_SCHEMA) from a MENTION_SCHEMA table or the store's events table,
# whose names differ: export column -> the columns it is taken from, first found.
_EXPORT_ALIASES = {"id": ("event_id", "mention_id"), "place_name": ("place_name", "place"),
                   "published": ("published", "first_seen"), "origin": ("origin", "origins")}


def export_frame(table: pa.Table) -> pa.Table:
    """The columns of EXPORT_SCHEMA from mention rows or store events (missing ones null)."""
    n = table.num_rows
    cols = {}
    for f in EXPORT_SCHEMA:
        src = next((a for a in _EXPORT_ALIASES.get(f.name, (f.name,)) if a in table.column_names), None)
        cols[f.name] = table.column(src).cast(f.type) if src else pa.nulls(n, f.type)
    if "id" not in table.column_names and not any(a in table.column_names for a in _EXPORT_ALIASES["id"]):
        raise FormatError("the table has neither event_id nor mention_id", where="export",
                          fix="export the store's events or mention rows in MENTION_SCHEMA")
    return pa.table(cols)


def copy_out(table: pa.Table, sql: str, path: str | Path, *, header: bool) -> int:
    """Write the rows of `sql` (over the registered table `t`) as unquoted TSV; returns rows."""
    import duckdb

    con = duckdb.connect()
    try:
        con.register("t", table)
        con.register("fips", pairs_table({v: k for k, v in fips_iso3().items()}, "iso3", "fips"))
        con.register("cnames", pairs_table(iso3_names(), "iso3", "name"))
        con.execute(f"CREATE TEMP TABLE out AS {sql}")
        n = int(con.execute("SELECT count(*) FROM out").fetchone()[0])
        con.execute(f"COPY out TO {sql_str(str(path))} (FORMAT csv, DELIMITER '\t', "
                    f"HEADER {'true' if header else 'false'}, QUOTE '', ESCAPE '')")
    finally:
        con.close()
    return n


def clean_sql(expr: str) -> str:
    """A text field with tabs and line breaks turned into spaces (the output is unquoted TSV)."""
    return f"regexp_replace(CAST({expr} AS VARCHAR), '[\\t\\r\\n]+', ' ', 'g')"


@lru_cache(maxsize=1)
def iso3_names() -> dict[str, str]:
    return {r["iso3"]: r["name"] for r in read_tsv("formats/fips_countries.tsv", required=("iso3", "name"))}
