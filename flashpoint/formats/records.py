"""Event records out: JSONL (the contract), flat CSV and a readable terminal table."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from ..schema import RECORD_CSV_COLUMNS, flat_record
from .cells import plain, safe_row


def flatten(rec: dict[str, Any]) -> dict[str, Any]:
    """One flat row of a record, for CSV and tables."""
    row = flat_record(rec, RECORD_CSV_COLUMNS)
    row["locations"] = "; ".join(
        f"{p['name']} ({p.get('country') or '?'}"
        + (f" {p['lat']:.3f},{p['lon']:.3f}" if p.get("lat") is not None else "") + ")"
        for p in rec.get("locations") or [])
    return row


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    n = 0
    for rec in records:
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=RECORD_CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for rec in records:
        writer.writerow(safe_row(flatten(rec)))
        n += 1
    return n


def render_table(records: Iterable[dict[str, Any]], out: TextIO, *, title: str = "events") -> int:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False, expand=False)
    for col in ("date", "source", "event", "target", "modality", "where"):
        table.add_column(col, overflow="fold")
    table.add_column("evidence", no_wrap=True, overflow="ellipsis", max_width=72)
    n = 0
    for rec in records:
        row = flatten(rec)
        date = row.get("date") or (f"before {rec['date_before']}" if rec.get("date_before") else "?")
        event = f"{rec['cameo']} {rec['plover_type']}" + (f"/{rec['plover_mode']}" if rec.get("plover_mode") else "")
        table.add_row(*map(plain, (
            date, _actor(row, "source"), event, _actor(row, "target"), rec["modality"],
            "; ".join(p["name"] for p in rec.get("locations") or []),
            _snippet(rec, 70),
        )))
        n += 1
    Console(file=out, width=160).print(table)
    return n


def _actor(row: dict[str, Any], side: str) -> str:
    code = row.get(f"{side}_code")
    if not code and not row.get(f"{side}_text"):
        return "-"
    proxy = row.get(f"{side}_proxy_of")
    return f"{code or '?'}" + (f" (proxy of {proxy})" if proxy else "")


def _snippet(rec: dict[str, Any], n: int) -> str:
    """The evidence around the trigger word, about n characters."""
    text = " ".join(((rec.get("evidence") or {}).get("text") or "").split())
    at = max(text.find(rec.get("trigger") or "\0"), 0)
    start = max(0, min(at - n // 3, len(text) - n))
    piece = text[start:start + n]
    return ("…" if start else "") + piece + ("…" if start + n < len(text) else "")
