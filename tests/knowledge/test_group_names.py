"""Short names of well-known groups in the actor tables, and short aliases that are English words."""
from __future__ import annotations

from flashpoint.stages.actors import resolve_actor_string


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
