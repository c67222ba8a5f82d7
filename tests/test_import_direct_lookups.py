"""Direct loads of ICEWS files, whose country names and sector lists are mapped in SQL (joins with
tables of each file's distinct values, flashpoint.formats.lookups): the same tables, row counts,
bad-line errors and notices as the batch-by-batch load, the codes the project's Python mapping
gives row by row, and every country name without a code reported with its count."""
from __future__ import annotations

import csv

import pytest

from flashpoint.cli import main
from flashpoint.formats import icews
from flashpoint.formats.common import country_iso3, sector_code
from flashpoint.store import Store
from tests.formats.helpers import fixture, shared_file
from tests.test_store import snapshot

# (Event ID, date, source name, source sectors, source country, CAMEO, target name, target sectors,
#  target country, story, place country): invented rows
ROWS = [
    ("101", "2021-03-01", "Police (Peru)", "Police,Government", "Peru", "173", 'The "Blue" Party',
     "Opposition Party (Out Of Government)", "peru", "501", "Peru"),
    ("102", "2021-03-01", "Envoy of Atlantis", "Government", "Atlantis", "040", "Senate (Ruritania)",
     "Legislative / Parliamentary,Government", "Ruritania", "502", "Atlantis"),
    ("103", "2021-03-02", "Mission (UN)", "International Government Organization", "NA", "036",
     "Cabinet (Kenya)", "Executive,Government", " Kenya ", "503", "KEN"),
    ("104", "2021-02-30", "Army (Chile)", "Military", "Chile", "190", "Rebels", "Insurgents", "Chile", "504", "Chile"),
    ("105", "2021-03-03", "Protesters", "Protestors / Popular Opposition / Mobs", "Chile", "141",
     "Ministry (Chile)", "Government", "Chile", "505", "Atlantis"),
]


def write_icews(path, rows=ROWS, *, short_row=True):
    """An ICEWS file of `rows` (the columns this test does not vary are filled in), and a short row."""
    lines = ["\t".join(icews.COLUMNS)]
    for eid, day, sname, ssec, sc, cameo, tname, tsec, tc, story, country in rows:
        lines.append("\t".join([eid, day, sname, ssec, sc, "text", cameo, "-2", tname, tsec, tc, story, "1",
                                "Invented Wire", "NA", "NA", "Some Province", country, "1.5", "2.5"]))
    if short_row:
        lines.append("106\t2021-03-04\tArmy (Chile)\tMilitary\tChile")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def batch_load(db, path, batch_rows):
    with Store(db) as store:
        stream = icews.stream_events(path, batch_rows=batch_rows)
        store.load_stream(stream)
        return snapshot(store), stream


def direct_load(db, path):
    with Store(db) as store:
        stream, seen = icews.stream_events(path), []
        added = stream.load_into(store, progress=seen.append)
        store.refresh_events()
        return snapshot(store), stream, added, seen


@pytest.mark.parametrize("name", ["icews_sample.tab", "events.2018.sample.tab", "icews14s_2014.tab.gz",
                                  "we*rd [1].tab"])
def test_a_direct_icews_load_gives_the_tables_errors_and_notices_of_a_batch_load(tmp_path, name):
    if name.startswith("we"):
        path = write_icews(tmp_path / name)
    elif name == "icews_sample.tab":
        path = fixture(name)
    else:
        path = shared_file(name) if name.endswith(".tab") else shared_file(f"../icews/{name}")
    expected, batches = batch_load(tmp_path / "batches.duckdb", path, 2 if path.stat().st_size < 10_000 else 20_000)
    tables, stream, added, seen = direct_load(tmp_path / "direct.duckdb", path)
    assert tables == expected
    assert seen == [added] == [stream.rows] and added == batches.rows > 0  # one statement: progress once
    assert [str(e) for e in stream.errors] == [str(e) for e in batches.errors]
    assert stream.notices == batches.notices
    assert all(str(path) in n for n in stream.notices)


def expected_codes(path):
    """What the project's Python mapping gives each good row of an invented file (IGO rule included)."""
    out = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["Longitude"] is None or row["Event Date"].endswith("-30"):
                continue
            code = {}
            for side, prefix in (("source", "Source"), ("target", "Target")):
                country = None if row[f"{prefix} Country"] == "NA" else country_iso3(row[f"{prefix} Country"])
                sector = sector_code(row[f"{prefix} Sectors"])
                code[f"{side}_country"] = "IGO" if sector == "IGO" and country is None else country
                code[f"{side}_sector"] = None if sector == "IGO" else sector
            code["place_country"] = country_iso3(row["Country"])
            code["source_text"], code["target_text"] = row["Source Name"], row["Target Name"]
            out[f"icews:{row['Event ID']}"] = code
    return out


def test_codes_are_those_of_the_python_mapping_and_unknown_countries_are_reported(tmp_path):
    path = write_icews(tmp_path / "invented.tab")
    with Store(tmp_path / "codes.duckdb") as store:
        stream = icews.stream_events(path)
        stream.load_into(store)
        cols = ["mention_id", "source_country", "source_sector", "target_country", "target_sector",
                "place_country", "source_text", "target_text"]
        got = {r[0]: dict(zip(cols[1:], r[1:]))
               for r in store.con.execute(f"SELECT {', '.join(cols)} FROM mentions").fetchall()}
    assert got == expected_codes(path)
    assert got["icews:103"]["target_country"] == "KEN" and got["icews:103"]["source_country"] == "IGO"
    assert got["icews:101"]["target_text"] == 'The "Blue" Party'
    notice, = stream.notices
    assert "2 country names" in notice and "in 4 cells" in notice
    assert "'Atlantis' (3), 'Ruritania' (1)" in notice and "country_names.tsv" in notice
    assert [e.where.rsplit(":", 1)[1] for e in stream.errors] == ["5", "7"]  # 30 February; the short row


def test_a_file_without_unknown_names_has_no_notice(tmp_path):
    path = write_icews(tmp_path / "known.tab", [r for r in ROWS if "Atlantis" not in r and "2021-02-30" not in r], short_row=False)
    stream = icews.stream_events(path)
    assert list(stream) and stream.notices == () and stream.errors == ()


def test_the_import_command_prints_the_unknown_names(tmp_path, capsys):
    path = write_icews(tmp_path / "cli.tab")
    assert main(["import", "icews", str(path), "--db", str(tmp_path / "cli.duckdb"), "--quiet"]) == 1  # bad rows
    said = capsys.readouterr().err
    assert f"{path}: 2 country names not in flashpoint's tables" in said and "'Ruritania' (1)" in said


@pytest.mark.parametrize("fmt,name", [("acled", "acled_current.csv"), ("acled", "acled_older.csv"),
                                      ("polecat", "polecat_sample.tsv")])
def test_acled_and_polecat_load_directly_with_the_tables_of_a_batch_load(tmp_path, fmt, name):
    from flashpoint.formats import streamer

    stream_of = streamer(fmt)
    with Store(tmp_path / "batches.duckdb") as store:
        batches = stream_of(fixture(name), batch_rows=2)
        store.load_stream(batches)
        expected = snapshot(store)
    with Store(tmp_path / "direct.duckdb") as store:
        stream, seen = stream_of(fixture(name)), []
        added = stream.load_into(store, progress=seen.append)
        store.refresh_events()
        assert snapshot(store) == expected
    assert seen == [added] == [stream.rows] == [batches.rows]
    assert [str(e) for e in stream.errors] == [str(e) for e in batches.errors]


def test_an_acled_country_without_a_code_is_reported(tmp_path):
    from flashpoint.formats import acled

    path = tmp_path / "acled [x].csv"
    path.write_text("event_id_cnty,event_date,event_type,sub_event_type,actor1,inter1,actor2,country\n"
                    "X1,2024-01-05,Protests,Peaceful protest,Protesters (Kenya),6,,Kenya\n"
                    'X2,2024-01-06,Battles,Armed clash,"Military Forces of Atlantis, ""East""",1,Rebels,Atlantis\n',
                    encoding="utf-8")
    stream = acled.stream_events(path)
    rows = {r["origin_id"]: r for t in stream for r in t.to_pylist()}
    assert (rows["X1"]["source_country"], rows["X1"]["place_country"]) == ("KEN", "KEN")
    assert rows["X2"]["source_text"] == 'Military Forces of Atlantis, "East"' and rows["X2"]["place_country"] is None
    assert stream.notices == (f"{path}: 1 country name not in flashpoint's tables, in 1 cell, was left without "
                              "a code: 'Atlantis' (1). Fix: add each name with its ISO3 code to "
                              "flashpoint/resources/formats/country_names.tsv and import the file again",)


def test_an_icews_file_that_repeats_an_id_falls_back_to_batches_and_keeps_one_row(tmp_path):
    path = write_icews(tmp_path / "twice.tab", [ROWS[0], ROWS[1], ROWS[0]], short_row=False)
    with Store(tmp_path / "twice.duckdb") as store:
        stream, seen = icews.stream_events(path), []
        assert stream.load_into(store, progress=seen.append) == 2
        assert seen == [3] and stream.rows == 3  # one batch of the three rows, not one direct statement
        assert len(stream.notices) == 1  # Atlantis and Ruritania, reported on the batch path too
        store.refresh_events()
        assert store.counts()["mentions"] == 2
