"""The event columns are declared once (flashpoint.schema.COLUMNS); every table and file takes them from there."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from flashpoint import schema
from flashpoint.formats.records import flatten, write_csv
from flashpoint.store import Store
from flashpoint.store.ddl import DUCK_TYPES
from tests.test_store import BAGHDAD, corpus, event

PROJECTIONS = {"MENTION_SCHEMA": schema.MENTION_SCHEMA.names, "EVENT_SCHEMA": schema.EVENT_SCHEMA.names,
               "RECORD_CSV_COLUMNS": list(schema.RECORD_CSV_COLUMNS), "EXPORT_SCHEMA": schema.EXPORT_SCHEMA.names}


@pytest.mark.parametrize("name", PROJECTIONS)
def test_every_projection_names_declared_columns_once_with_their_declared_types(name):
    names = PROJECTIONS[name]
    assert len(names) == len(set(names)), f"{name} repeats a column"
    assert set(names) <= set(schema.COLUMNS.names)
    if name != "RECORD_CSV_COLUMNS":
        projected = getattr(schema, name)
        assert [f.type for f in projected] == [schema.COLUMNS.field(n).type for n in names]


def test_every_declared_column_has_a_meaning_and_is_used():
    used = set().union(*map(set, PROJECTIONS.values()))
    for f in schema.COLUMNS:
        assert (f.metadata or {}).get(b"doc"), f"{f.name} has no doc"
        assert f.name in used, f"{f.name} is declared but no table or file carries it"


def test_record_paths_name_fields_a_coded_event_record_has():
    rec = event("a", 0, place=BAGHDAD).to_record()
    for name in schema.COLUMNS.names:
        path = schema.record_path(name)
        if path:
            head, _, tail = path.partition(".")
            assert head in rec and (not tail or tail in rec[head]), f"{name}: {path} not in a record"


def test_a_mention_row_has_exactly_the_mention_columns_and_the_csv_exactly_its_header():
    rec = event("a", 0, place=BAGHDAD).to_record()
    row = schema.mention_row(rec)
    assert set(row) == set(schema.MENTION_SCHEMA.names)
    assert (row["source_country"], row["evidence_start"], row["place_admin1"]) == ("USA", 0, "07")
    out = io.StringIO()
    write_csv([rec], out)
    header, line = list(csv.reader(io.StringIO(out.getvalue())))
    assert header == list(schema.RECORD_CSV_COLUMNS)
    assert dict(zip(header, line))["locations"] == flatten(rec)["locations"] == "Baghdad (IRQ 33.340,44.400)"


def test_the_store_tables_have_the_declared_columns_and_types(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.add_coded(corpus(), refresh=True)
        for table, declared in (("events", schema.EVENT_SCHEMA), ("mentions", schema.MENTION_SCHEMA)):
            described = [(r[0], r[1]) for r in store.con.execute(f"DESCRIBE {table}").fetchall()]
            assert described == [(f.name, DUCK_TYPES[f.type]) for f in declared]
        assert store.events_arrow(happened=None).column_names == schema.EVENT_SCHEMA.names
        assert list(store.events(happened=None).columns) == schema.EVENT_SCHEMA.names


def test_only_the_store_package_runs_sql_on_a_store():
    """Front ends and other modules call Store methods; none reaches into the store's connection."""
    root = Path(schema.__file__).parent
    offenders = [str(p.relative_to(root)) for p in root.rglob("*.py")
                 if "store" not in p.relative_to(root).parts[:1] and re.search(r"\.con\.(sql|execute|register)\(",
                                                                               p.read_text(encoding="utf-8"))]
    assert offenders == []
