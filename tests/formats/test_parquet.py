"""Parquet and CSV out; MENTION_SCHEMA Parquet back in; the format registry."""
from __future__ import annotations

import pyarrow.csv as pcsv
import pytest

from flashpoint.errors import FormatError
from flashpoint.formats import READERS, WRITERS, reader, writer
from flashpoint.formats import gdelt, parquet
from tests.formats.helpers import fixture


def test_parquet_round_trip_and_csv(tmp_path) -> None:
    table = gdelt.read_events(fixture("gdelt2_sample.export.tsv")).table
    assert parquet.write_parquet(table, tmp_path / "m.parquet") == table.num_rows
    assert parquet.read_mentions(tmp_path / "m.parquet").table.equals(table)
    assert parquet.write_csv(table, tmp_path / "m.csv") == table.num_rows
    back = pcsv.read_csv(tmp_path / "m.csv")
    assert back.column_names == table.column_names and back.num_rows == table.num_rows


def test_parquet_of_other_columns_is_refused(tmp_path) -> None:
    table = gdelt.read_events(fixture("gdelt2_sample.export.tsv")).table
    parquet.write_parquet(table.rename_columns([c + "_x" for c in table.column_names]), tmp_path / "x.parquet")
    with pytest.raises(FormatError, match="MENTION_SCHEMA"):
        parquet.read_mentions(tmp_path / "x.parquet")


def test_registry() -> None:
    assert set(READERS) == {"gdelt", "gdelt-mentions", "icews", "acled", "polecat", "parquet"}
    assert set(WRITERS) == {"parquet", "csv", "gdelt", "polecat"}
    assert reader("gdelt") is gdelt.read_events and writer("gdelt") is gdelt.write_events
    with pytest.raises(FormatError, match="use one of"):
        reader("cameo-xml")
