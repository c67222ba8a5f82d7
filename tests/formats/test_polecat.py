"""POLECAT: PLOVER rows in, PLOVER rows out; a representative CAMEO code for each type/mode."""
from __future__ import annotations

import datetime as dt

import pyarrow as pa

from flashpoint.formats import polecat
from flashpoint.schema import MENTION_SCHEMA
from tests.formats.helpers import fixture, line_of


def test_fixture_rows() -> None:
    result = polecat.read_events(fixture("polecat_sample.tsv"))
    assert [line_of(e) for e in result.errors] == [5]  # Event Intensity "very bad"
    rows = {r["origin_id"]: r for r in result.table.to_pylist()}
    strike = rows["FPP-0001"]
    assert (strike["plover_type"], strike["plover_mode"], strike["cameo"]) == ("ASSAULT", "aerial", "195")
    assert (strike["goldstein"], strike["quad_class"]) == (-9.5, 4)  # quad given by name
    assert strike["doc_id"] == "polecat-story:story-001" and strike["published"] == dt.date(2023, 2, 11)
    visit = rows["FPP-0002"]
    assert (visit["source_country"], visit["target_country"]) == ("FRA", "EGY")  # names -> ISO3
    assert (visit["source_sector"], visit["cameo"]) == ("GOV", "040")
    assert rows["FPP-0003"]["cameo"] == "140"  # no mode: the type's code
    assert (rows["FPP-0005"]["source_country"], rows["FPP-0005"]["source_sector"]) == ("IGO", None)


def test_write_then_read_is_identity(tmp_path) -> None:
    table = polecat.read_events(fixture("polecat_sample.tsv")).table
    out = tmp_path / "out.tsv"
    assert polecat.write_events(table, out) == table.num_rows
    back = polecat.read_events(out)
    assert not back.errors
    assert back.table.sort_by("mention_id").equals(table.sort_by("mention_id"))


def test_rows_without_plover_type_are_left_out(tmp_path) -> None:
    rows = [{"mention_id": "m1", "cameo": "010", "plover_type": None, "date": dt.date(2020, 1, 1)},
            {"mention_id": "m2", "cameo": "190", "plover_type": "ASSAULT", "date": dt.date(2020, 1, 2)}]
    table = pa.Table.from_pylist(rows, schema=pa.schema([MENTION_SCHEMA.field(k) for k in rows[0]]))
    out = tmp_path / "p.tsv"
    assert polecat.write_events(table, out) == 1
    assert [r["origin_id"] for r in polecat.read_events(out).table.to_pylist()] == ["m2"]
