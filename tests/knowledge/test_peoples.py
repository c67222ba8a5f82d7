"""The peoples table and the short names of well-known groups in the actor tables."""
from __future__ import annotations

import datetime as dt

from flashpoint.knowledge.peoples import people_country, peoples
from flashpoint.stages.actors import resolve_actor_string


def test_a_peoples_word_gives_its_state_on_the_day():
    assert people_country("Kurdish-led forces", None) == "SYR"
    assert people_country("the Kurds", dt.date(2018, 1, 1)) == "SYR"
    assert people_country("Kurdish rebels", dt.date(1994, 6, 1)) is None
    assert people_country("Chechen separatists", dt.date(1999, 1, 1)) == "RUS"
    assert people_country("rebels", None) is None
    assert all(rows and all(len(country) == 3 for country, _, _ in rows) for rows in peoples().values())


def test_short_names_of_islamic_state_al_qaeda_and_al_shabaab():
    for text, country in [("IS extremists", "IMG"), ("several members of the IS", "IMG"),
                          ("six Qaeda jihadis", "IMG"), ("the Shabab militant group", "SOM"),
                          ("the KNU headquarters", "MMR")]:
        actor = resolve_actor_string(text)
        assert actor is not None and actor.country == country, text


def test_a_short_name_that_is_an_english_word_is_the_word_in_a_run_of_capitals():
    assert resolve_actor_string("THE WAR IS OVER") is None
    assert resolve_actor_string("he is here") is None
    assert resolve_actor_string("IS-held town").country == "IMG"
