"""Free-text columns of a dataset (country names, sector lists, actor names) mapped to codes as
tables that the import SQL joins, so every row of a file is conformed by DuckDB.

A :class:`Lookup` names the columns of a file's scan whose values one of the project's mapping
functions turns into codes (:func:`~flashpoint.formats.common.country_iso3`,
:func:`~flashpoint.formats.common.sector_code`, ...). :func:`lookup_tables` reads the distinct
values of those columns in one pass over the file (DuckDB, ``GROUPING SETS`` of a few columns:
memory grows with the distinct values, never with the rows), calls the function once per
distinct value, and returns one two-column table (``value``, ``code``) per lookup; the reader's
query joins them. The same pass counts the rows naming each value, so a country name the tables
do not know is reported with its rows instead of leaving the country empty without a word. The
pass reads only those columns, so its counts include the cells of lines that the import then
skips as malformed (a bad date elsewhere on the line).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from ..errors import FormatError

SHOWN_NAMES = 10  # unknown names listed in a notice (the rest are counted)


@dataclass(frozen=True)
class Lookup:
    """``fn`` applied to the values of ``columns`` (of the file's scan), as the table ``name``;
    ``unknown`` (e.g. "country names") reports the values ``fn`` leaves without a code, with ``fix``."""

    name: str
    columns: tuple[str, ...]
    fn: Callable[[str], Any]
    unknown: str = ""
    fix: str = ""
    out_type: pa.DataType = pa.string()


def lookup_tables(scan: str, lookups: Sequence[Lookup], *, path: Path, memory: str = "128MB"
                  ) -> tuple[dict[str, pa.Table], tuple[str, ...]]:
    """One table per lookup, of the distinct values of its columns in the file read by ``scan``
    (a ``read_csv`` call), and the notices about unknown values."""
    import duckdb

    columns = sorted({c for lk in lookups for c in lk.columns})
    con = duckdb.connect()
    try:
        con.execute("SET threads = 1")
        con.execute(f"SET memory_limit = '{memory}'")
        sets = ", ".join(f"({c})" for c in columns)  # one pass, one hash table per column
        groups = con.sql(f"SELECT {', '.join(columns)}, count(*) FROM {scan} GROUP BY GROUPING SETS ({sets})"
                         ).fetchall()
    except duckdb.Error as err:
        raise FormatError(f"cannot read the file: {err}", where=str(path),
                          fix="check that the file has the layout of the format you named") from None
    finally:
        con.close()
    # each group has one column's value (all null: that column's null group, which maps to null)
    counts = [(columns[i], v, g[-1]) for g in groups for i, v in enumerate(g[:-1]) if v is not None]
    tables: dict[str, pa.Table] = {}
    notices: list[str] = []
    for lk in lookups:
        rows: dict[str, int] = {}
        for col, val, n in counts:
            if col in lk.columns:
                rows[val] = rows.get(val, 0) + n
        values = sorted(rows)
        codes = [lk.fn(v) for v in values]
        tables[lk.name] = pa.table({"value": pa.array(values, pa.string()), "code": pa.array(codes, lk.out_type)})
        if lk.unknown:
            missing = {v: rows[v] for v, c in zip(values, codes) if c is None and _named(v)}
            if missing:
                notices.append(unknown_notice(path, lk, missing))
    return tables, tuple(notices)


def _named(value: str) -> bool:
    """A value that names something (not blank, not the datasets' "NA")."""
    text = value.strip()
    return bool(text) and text.upper() != "NA"


def unknown_notice(path: Path, lookup: Lookup, cells: dict[str, int]) -> str:
    """"FILE: 2 country names ... in 5 cells were left without a code: 'A' (4), 'B' (1). Fix: ..."."""
    ranked = sorted(cells.items(), key=lambda kv: (-kv[1], kv[0]))
    shown = ", ".join(f"{name!r} ({n})" for name, n in ranked[:SHOWN_NAMES])
    more = f" and {len(ranked) - SHOWN_NAMES} more" if len(ranked) > SHOWN_NAMES else ""
    total = sum(cells.values())
    what = lookup.unknown if len(ranked) > 1 else lookup.unknown.removesuffix("s")
    return (f"{path}: {len(ranked)} {what} not in flashpoint's tables, in {total} "
            f"cell{'s' if total != 1 else ''}, {'were' if len(ranked) > 1 else 'was'} left without a code: {shown}{more}. Fix: {lookup.fix}")


def country_lookup(name: str, *columns: str) -> Lookup:
    """Country names or ISO3 codes -> ISO3 (:func:`~flashpoint.formats.common.country_iso3`); unknown
    names are reported."""
    from .common import country_iso3

    return Lookup(name, columns, country_iso3, unknown="country names",
                  fix="add each name with its ISO3 code to flashpoint/resources/formats/country_names.tsv "
                      "and import the file again")


def join_sql(table: str, alias: str, value: str) -> str:
    """``LEFT JOIN`` of a lookup table on a value (its code is then ``alias.code``)."""
    return f"LEFT JOIN {table} {alias} ON {alias}.value = {value}"


def igo_sql(side: str, country: str, sector: str) -> str:
    """The project's convention for international organisations, in SQL: an IGO actor has
    country 'IGO' (unless the file names one) and no sector."""
    return (f"CASE WHEN {sector} = 'IGO' THEN coalesce({country}, 'IGO') ELSE {country} END AS {side}_country, "
            f"nullif({sector}, 'IGO') AS {side}_sector")
