"""Output cells that are safe to open: CSV cells a spreadsheet would run as a formula are
neutralised, and text shown in a terminal table is never read as rich markup.

A CSV cell holding text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
is written with a leading apostrophe (``'=HYPERLINK(...)``), as OWASP recommends against CSV
injection: spreadsheets show the text instead of running it. Numbers, dates and booleans are
written as they are (``-10.0`` stays a number); only text cells change. Every CSV writer
(``code``, ``events`` and ``export --format csv``) goes through this module.
"""
from __future__ import annotations

from typing import Any

import pyarrow as pa

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_RE = "^[=+\\-@\\t\\r]"


def safe_cell(value: Any) -> Any:
    """A CSV cell value with a formula-like text neutralised (other values unchanged)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row: dict[str, Any]) -> dict[str, Any]:
    return {k: safe_cell(v) for k, v in row.items()}


def safe_table(table: pa.Table) -> pa.Table:
    """The table with every text column's formula-like cells neutralised (vectorised)."""
    import pyarrow.compute as pc

    for i, f in enumerate(table.schema):
        if pa.types.is_string(f.type) or pa.types.is_large_string(f.type):
            col = table.column(i)
            risky = pc.fill_null(pc.match_substring_regex(col, _FORMULA_RE), False)
            table = table.set_column(i, f.name, pc.if_else(risky, pc.binary_join_element_wise("'", col, ""), col))
    return table


def plain(value: Any) -> Any:
    """A rich renderable showing ``value`` literally (``[/b]``, ``[sic]`` are text, not markup)."""
    from rich.text import Text

    return Text("" if value is None else str(value))
