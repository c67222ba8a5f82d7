"""ICEWS: the 20-column Dataverse layout, country names and sector lists mapped to codes."""
from __future__ import annotations

import datetime as dt

import pyarrow.compute as pc
import pytest

from flashpoint.errors import FormatError
from flashpoint.formats import icews
from flashpoint.schema import MENTION_SCHEMA
from tests.formats.helpers import fixture, line_of, shared_file


def test_fixture_rows_mapping_and_bad_lines() -> None:
    result = icews.read_events(fixture("icews_sample.tab"))
    assert result.table.schema == MENTION_SCHEMA
    assert [line_of(e) for e in result.errors] == [5, 6]  # bad day 2019-05-32; a short row
    rows = {r["origin_id"]: r for r in result.table.to_pylist()}
    assert sorted(rows) == ["9000001", "9000002", "9000003"]
    first = rows["9000001"]
    assert (first["source_country"], first["source_sector"]) == ("PER", "GOV")
    assert (first["target_country"], first["target_sector"]) == ("CHL", "CVL")
    assert first["doc_id"] == "icews-story:88000001" and first["sentence_index"] == 2
    assert first["goldstein"] == 0.4 and first["quad_class"] == 1 and first["date"] == dt.date(2019, 5, 2)
    police = rows["9000002"]
    assert (police["source_sector"], police["target_sector"]) == ("COP", "OPP")
    assert (police["plover_type"], police["plover_mode"]) == ("COERCE", "arrest")
    assert police["place_name"] == "Cusco"  # no city: the province names the place
    igo = rows["9000003"]
    assert (igo["source_country"], igo["source_sector"]) == ("IGO", None)
    assert igo["target_country"] == "RUS" and igo["place_country"] == "PSE"


def test_missing_columns_in_header_is_one_error(tmp_path) -> None:
    bad = tmp_path / "x.tab"
    bad.write_text("Event ID\tEvent Date\tSource Name\n1\t2019-01-01\tX\n")
    with pytest.raises(FormatError, match="lacks the ICEWS columns"):
        icews.read_events(bad)


@pytest.mark.shared
def test_real_sample_reads_whole_and_maps_every_country() -> None:
    path = shared_file("events.2018.sample.tab")
    result = icews.read_events(path)
    assert result.rows == 3705 and not result.errors
    names, unmapped = icews.country_coverage(path)
    assert names > 100 and unmapped == []
    t = result.table
    assert t.column("cameo").null_count == 0
    # a sector list naming "Military" codes the actor as military even when "Government" is listed too
    mil = t.filter(pc.equal(t.column("source_sector"), "MIL"))
    assert mil.num_rows > 0
