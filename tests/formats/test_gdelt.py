"""GDELT events and mentions: layouts, mapping, malformed lines, write/read round trip."""
from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from flashpoint.errors import FormatError
from flashpoint.formats import gdelt
from flashpoint.schema import MENTION_SCHEMA

from tests.formats.helpers import fixture, line_of, shared_file


def by_id(table: pa.Table) -> dict[str, dict]:
    return {r["origin_id"]: r for r in table.to_pylist()}


def test_gdelt2_rows_are_mapped_and_bad_lines_reported_by_number() -> None:
    result = gdelt.read_events(fixture("gdelt2_sample.export.tsv"))
    assert result.table.schema == MENTION_SCHEMA
    rows = by_id(result.table)
    assert sorted(rows) == ["1000000001", "1000000002", "1000000003", "1000000004", "1000000007"]
    assert [line_of(e) for e in result.errors] == [5, 6]
    assert all(isinstance(e, FormatError) for e in result.errors)
    assert "Expected Number of Columns: 61" in str(result.errors[0])
    assert "SQLDATE" in str(result.errors[1])
    strike = rows["1000000001"]
    assert (strike["origin"], strike["mention_id"]) == ("gdelt", "gdelt:1000000001")
    assert (strike["source_country"], strike["source_sector"]) == ("USA", "GOV")
    assert (strike["target_country"], strike["target_sector"]) == ("IRN", "MIL")
    assert (strike["cameo"], strike["plover_type"], strike["quad_class"]) == ("190", "ASSAULT", 4)
    assert strike["date"] == dt.date(2020, 1, 3) and strike["date_precision"] == "day"
    assert (strike["place_name"], strike["place_admin1"], strike["place_country"]) == ("Baghdad", "Baghdad", "IRQ")
    assert strike["source_name"] == "news.example.org" and strike["doc_id"] == strike["url"]


def test_goldstein_and_quad_class_are_kept_from_the_row() -> None:
    rows = by_id(gdelt.read_events(fixture("gdelt2_sample.export.tsv")).table)
    # the fixture gives 040 a Goldstein of 1.5; the CAMEO table says 1.0
    assert rows["1000000004"]["goldstein"] == 1.5
    assert rows["1000000003"]["goldstein"] == -7.5 and rows["1000000003"]["quad_class"] == 3


def test_cameo_country_codes_become_iso3_and_igos_are_igo() -> None:
    rows = by_id(gdelt.read_events(fixture("gdelt2_sample.export.tsv")).table)
    assert rows["1000000007"]["source_country"] == "ROU"  # CAMEO ROM
    assert rows["1000000004"]["source_country"] == "IGO" and rows["1000000004"]["source_sector"] is None
    assert rows["1000000007"]["place_admin1"] == "Virginia" and rows["1000000007"]["place_country"] == "USA"
    assert rows["1000000003"]["place_admin1"] is None  # a country-level place has no region


def test_gdelt1_daily_and_backfile_layouts() -> None:
    daily = by_id(gdelt.read_events(fixture("gdelt1_sample.export.tsv")).table)
    assert daily["300000002"]["published"] == dt.date(2013, 4, 6)  # DATEADDED is YYYYMMDD in 1.0
    assert daily["300000001"]["place_country"] == "IRN"
    back = gdelt.read_events(fixture("gdelt1_backfile_sample.tsv"))
    assert back.rows == 1 and not back.errors
    row = back.table.to_pylist()[0]
    assert row["url"] is None and row["doc_id"] == "gdelt:100000001"


def test_wrong_file_is_one_clear_error(tmp_path) -> None:
    with pytest.raises(FormatError, match="tab-separated fields") as err:
        gdelt.read_events(fixture("acled_current.csv"))
    assert err.value.where.endswith("acled_current.csv:1")
    empty = tmp_path / "empty.tsv"
    empty.write_text("")
    with pytest.raises(FormatError, match="empty"):
        gdelt.read_events(empty)


def test_mentions_take_event_fields_from_the_events() -> None:
    events = gdelt.read_events(fixture("gdelt2_sample.export.tsv")).table
    result = gdelt.read_mentions(fixture("gdelt_mentions_sample.tsv"), events=events)
    assert [line_of(e) for e in result.errors] == [4]
    rows = result.table.to_pylist()
    assert len(rows) == 3 and len({r["mention_id"] for r in rows}) == 3
    known = [r for r in rows if r["origin_id"] == "1000000001"]
    assert {r["url"] for r in known} == {"https://news.example.org/fixture/strike-1",
                                         "https://other.example.net/fixture/strike-report"}
    assert all(r["cameo"] == "190" and r["target_country"] == "IRN" for r in known)
    assert sorted(r["sentence_index"] for r in known) == [1, 4]
    assert sorted(r["confidence"] for r in known) == [0.4, 0.8]
    unknown = next(r for r in rows if r["origin_id"] == "1000000099")
    assert unknown["cameo"] is None and unknown["url"] is None  # a citation, not a URL


def test_write_then_read_gives_the_same_rows(tmp_path) -> None:
    table = gdelt.read_events(fixture("gdelt2_sample.export.tsv")).table
    out = tmp_path / "out.export.CSV"
    assert gdelt.write_events(table, out) == table.num_rows
    back = gdelt.read_events(out)
    assert not back.errors
    keep = [c for c in MENTION_SCHEMA.names if c not in ("published",)]
    assert back.table.select(keep).sort_by("mention_id").equals(table.select(keep).sort_by("mention_id"))


def test_flashpoint_events_get_stable_numeric_ids(tmp_path) -> None:
    rows = [{"mention_id": "abc123", "source_country": "USA", "target_country": "IRN", "cameo": "173",
             "date": dt.date(2020, 1, 2), "goldstein": -5.0, "quad_class": 4}]
    table = pa.Table.from_pylist(rows, schema=pa.schema([MENTION_SCHEMA.field(k) for k in rows[0]]))
    a, b = tmp_path / "a.tsv", tmp_path / "b.tsv"
    gdelt.write_events(table, a)
    gdelt.write_events(table, b)
    assert a.read_text() == b.read_text()
    gid = a.read_text().split("\t", 1)[0]
    assert gid.isdigit() and len(gid) == 15


@pytest.mark.shared
def test_real_sample_with_header_and_extra_column() -> None:
    result = gdelt.read_events(shared_file("events2samps.csv"))
    assert result.rows == 6090 and not result.errors
    t = result.table
    assert pc.all(pc.starts_with(t.column("mention_id"), "gdelt:")).as_py()
    assert pc.count_distinct(t.column("mention_id")).as_py() == 6090
    assert t.column("cameo").null_count == 0 and t.column("date").null_count == 0
    # codes keep their leading zero; every code is in the CAMEO table
    assert pc.all(pc.match_substring_regex(t.column("cameo"), r"^\d{2,4}$")).as_py()


@pytest.mark.shared
def test_real_mentions_sample() -> None:
    result = gdelt.read_mentions(shared_file("mentionssamp.csv"))
    assert result.rows == 1635 and not result.errors
    assert result.table.column("source_name").null_count == 0


def test_zip_and_gzip_files_are_read_and_errors_name_the_archive(tmp_path) -> None:
    import gzip
    import zipfile

    data = fixture("gdelt2_sample.export.tsv").read_bytes()
    zipped = tmp_path / "20200103.export.CSV.zip"
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("20200103.export.CSV", data)
    gzipped = tmp_path / "20200103.export.CSV.gz"
    gzipped.write_bytes(gzip.compress(data))
    plain = gdelt.read_events(fixture("gdelt2_sample.export.tsv"))
    for archive in (zipped, gzipped):
        result = gdelt.read_events(archive)
        assert result.table.sort_by("mention_id").equals(plain.table.sort_by("mention_id"))
        assert [e.where for e in result.errors] == [f"{archive}:5", f"{archive}:6"]
    two = tmp_path / "two.zip"
    with zipfile.ZipFile(two, "w") as zf:
        zf.writestr("a.CSV", data)
        zf.writestr("b.CSV", data)
    with pytest.raises(FormatError, match="holds 2 files"):
        gdelt.read_events(two)


def test_url_host() -> None:
    import duckdb

    from flashpoint.formats.common import url_host_sql

    urls = pa.table({"u": ["https://www.x.org:8080/a?b", "http://news.example.org/a/b", "Fixture TV, 3 January",
                           "a://", None]})
    con = duckdb.connect()
    con.register("urls", urls)
    got = [r[-1] for r in con.execute(f"SELECT {', '.join(url_host_sql('u'))} FROM urls").fetchall()]
    assert got == ["x.org", "news.example.org", None, "", None]


def test_stamp_days() -> None:
    import datetime as dt

    import duckdb

    from flashpoint.formats.common import stamp_day_sql

    stamps = pa.table({"s": pa.array([20200103101500, 20200103, 20201345, 2020010, -2020010, None], pa.int64())})
    con = duckdb.connect()
    con.register("stamps", stamps)
    got = [r[0] for r in con.execute(f"SELECT {stamp_day_sql('s')} FROM stamps").fetchall()]
    assert got == [dt.date(2020, 1, 3), dt.date(2020, 1, 3), None, None, None, None]
