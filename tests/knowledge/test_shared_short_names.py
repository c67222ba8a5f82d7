"""A short name two states share goes to the state the news mostly means (scripts/build_gazetteer.py
SHARED_SHORT_NAMES, scripts/build_country_table.py PREFERRED): "Congo" alone is the DR Congo."""
from __future__ import annotations

from flashpoint.knowledge.gazetteer import default_gazetteer
from flashpoint.stages.actors import resolve_actor_string


def test_congo_alone_is_the_dr_congo_as_place_and_as_actor():
    gaz = default_gazetteer()
    assert {e.country for e, _ in gaz.lookup("Congo") if e.feature == "country"} == {"COD"}
    assert {e.country for e, _ in gaz.lookup("Congo-Brazzaville") if e.feature == "country"} == {"COG"}
    assert {e.country for e, _ in gaz.lookup("Republic of the Congo") if e.feature == "country"} == {"COG"}
    assert gaz.country_of_demonym("Congolese") == "COD"
    assert resolve_actor_string("Congo").country == "COD"
    assert resolve_actor_string("Congolese soldiers").country == "COD"
    assert resolve_actor_string("Congo-Brazzaville").country == "COG"
