"""Phoenix groups whose code names only a region take the country their own name names
(scripts/region_countries.py, applied by scripts/build_actor_tables.py)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from flashpoint.stages.actors import resolve_actor_string

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


@pytest.mark.parametrize("text, country", [
    ("the Pattani United Liberation Organization", "THA"),  # [SEAREB]: a region of Thailand
    ("the Palestinian Islamic Jihad", "PSE"),  # [MEAREB]: its people's word
    ("the Movement for Democracy and Justice in Chad", "TCD"),  # [AFRREB]: the country's name
])
def test_a_group_coded_by_region_has_the_country_its_name_names(text, country):
    actor = resolve_actor_string(text)
    assert actor is not None and (actor.country, actor.sector) == (country, "REB"), text


def test_a_group_whose_name_names_no_country_keeps_none():
    actor = resolve_actor_string("the Lord's Resistance Army")  # [CFRREB]
    assert actor is not None and actor.country is None


@pytest.fixture(scope="module")
def rule():
    sys.path.insert(0, str(SCRIPTS))
    try:
        import region_countries
    finally:
        sys.path.remove(str(SCRIPTS))
    return region_countries


def test_the_country_must_lie_in_the_codes_region_and_be_the_only_one(rule):
    assert rule.region_country(["Cambodian Freedom Fighters"], "INT", set()) == "KHM"
    assert rule.region_country(["Cambodian Freedom Fighters"], "WEU", set()) == ""  # not in Western Europe
    assert rule.region_country(["Battalion of Syria and Egypt"], "MEA", set()) == ""  # two countries
    assert rule.region_country(["Unity Front"], "EAF", {"unity"}) == ""  # an ordinary word


def test_the_longest_name_wins_at_each_word(rule):
    assert rule.region_country(["Latin American Dignity Commando"], "LAM", set()) == ""  # no American
