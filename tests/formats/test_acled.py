"""ACLED: older (upper-case) and current (lower-case) layouts, event types mapped to CAMEO/PLOVER."""
from __future__ import annotations

import datetime as dt

import pytest

from flashpoint.errors import FormatError
from flashpoint.formats import acled
from flashpoint.schema import MENTION_SCHEMA
from tests.formats.helpers import fixture, line_of


def rows_of(name: str) -> tuple[dict[str, dict], list[int]]:
    result = acled.read_events(fixture(name))
    assert result.table.schema == MENTION_SCHEMA
    return {r["origin_id"]: r for r in result.table.to_pylist()}, [line_of(e) for e in result.errors]


def test_current_layout() -> None:
    rows, bad = rows_of("acled_current.csv")
    # line 6: a date in another format; line 8: too few fields. Line numbers count the physical
    # lines of the file: the notes of FPX1002 span two lines.
    assert bad == [6, 8]
    assert sorted(rows) == ["FPX1001", "FPX1002", "FPX1003", "FPX1005"]
    battle = rows["FPX1001"]
    assert (battle["cameo"], battle["plover_type"]) == ("190", "ASSAULT")
    assert (battle["source_country"], battle["source_sector"]) == ("SDN", "MIL")
    assert battle["target_sector"] == "REB"  # political militia, by INTER2
    assert battle["date"] == dt.date(2024, 3, 2) and battle["place_country"] == "SDN"
    assert battle["evidence_text"].startswith("On 2 March 2024")
    strike = rows["FPX1003"]
    assert (strike["cameo"], strike["plover_mode"]) == ("195", "aerial")
    assert strike["target_country"] == "RUS"
    protest = rows["FPX1002"]
    assert (protest["cameo"], protest["plover_type"], protest["source_sector"]) == ("141", "PROTEST", "OPP")
    arrest = rows["FPX1005"]
    assert (arrest["cameo"], arrest["source_sector"], arrest["date_precision"]) == ("173", "COP", "month")


def test_older_layout() -> None:
    rows, bad = rows_of("acled_older.csv")
    assert bad == [4]  # LATITUDE "north"
    assert rows["FPO101"]["date"] == dt.date(2014, 1, 14)  # dd/mm/yyyy
    assert rows["FPO101"]["target_sector"] == "REB"  # "...Army" but INTER2 = 2: a rebel group
    assert (rows["FPO102"]["cameo"], rows["FPO102"]["source_country"]) == ("141", "UGA")
    assert (rows["FPO105"]["cameo"], rows["FPO105"]["plover_mode"]) == ("183", "explosives")
    assert rows["FPO104"]["cameo"] == "180" and rows["FPO104"]["source_sector"] == "COP"


def test_actor_country_from_name() -> None:
    assert acled.actor_country("Military Forces of Kenya (2013-)") == "KEN"
    assert acled.actor_country("Protesters (Chile)") == "CHL"
    assert acled.actor_country("Rapid Support Forces") is None


def test_not_acled(tmp_path) -> None:
    with pytest.raises(FormatError, match="lacks the ACLED columns"):
        acled.read_events(fixture("polecat_sample.tsv"))


def test_sector_words_match_at_word_starts() -> None:
    from flashpoint.formats.common import sector_code

    assert sector_code("Protesters (Democratic Republic of Congo)") == "OPP"  # not NGO from "Congo"
    assert sector_code("Nongovernmental Organizations / Activists") == "NGO"
    assert sector_code("Opposition Major Party (Out Of Government)") == "OPP"
    assert sector_code("Military,Government") == "MIL"
