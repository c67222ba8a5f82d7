"""Places the gazetteer knows under another romanisation, and lands a country's name joins."""
from __future__ import annotations

import sys
from pathlib import Path

from flashpoint.knowledge.gazetteer import default_gazetteer, normalise, spelling_key
from flashpoint.knowledge.place_names import Candidate, readings

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import gazetteer_extras  # noqa: E402  (a script helper, not a package module)


def key(name: str) -> str:
    return spelling_key(normalise(name))


def test_romanisations_of_one_name_share_a_spelling_key():
    assert key("Deir Ezzor") == key("Deir ez-Zor")
    assert key("Baqouba") == key("Baqubah")
    assert key("Nabatiyeh") == key("Nabatiye")
    assert key("Ingushetia") == key("Ingushetiya")
    assert key("Raqqa") == key("Ar Raqqah")
    assert key("Tando") != key("Tanda")  # a final vowel is no variant
    assert key("Mosul") != key("Basra")


def test_a_respelt_name_is_found_only_when_asked_and_never_as_its_own_name():
    gaz = default_gazetteer()
    assert gaz.lookup("Deir Ezzor") == []
    found = gaz.lookup("Deir Ezzor", spelling=True)
    assert found and {e.country for e, _ in found} == {"SYR"} and not any(own for _, own in found)
    exact = gaz.lookup("Mosul", spelling=True)
    assert exact == gaz.lookup("Mosul")  # a name the gazetteer has is not respelt


def candidate(text: str, *, strong: bool = True, hint: str | None = None) -> Candidate:
    return Candidate(0, len(text), text, 0, strong, hint)


def test_only_place_labels_and_patterns_take_respelt_readings():
    gaz = default_gazetteer()
    assert readings(candidate("Baqouba"), gaz)
    assert readings(candidate("Baqouba", strong=False), gaz) == []


def test_a_province_named_like_its_town_is_the_province_of_the_towns_country():
    gaz = default_gazetteer()
    raqqa = readings(candidate("Raqqa province", hint="admin1"), gaz)
    assert raqqa and all(e.feature == "admin1" and e.country == "SYR" for e, _ in raqqa)
    # a district the gazetteer lacks is read as its town, not a namesake region spelt alike abroad
    ampara = readings(candidate("Ampara district", hint="admin1"), gaz)
    assert ampara and {e.country for e, _ in ampara} == {"LKA"}


def test_a_country_is_named_by_the_lands_its_name_joins_but_not_by_a_people():
    parts = gazetteer_extras.country_parts
    assert parts("Bosnia and Herzegovina") == ["Bosnia", "Herzegovina"]
    assert parts("Saint Vincent and the Grenadines") == ["Saint Vincent", "Grenadines"]
    assert parts("Turks and Caicos Islands", peoples=frozenset({"turkish"})) == ["Caicos Islands"]
    assert parts("France") == []
    gaz = default_gazetteer()
    assert [e.country for e, _ in gaz.lookup("Bosnia") if e.feature == "country"] == ["BIH"]
    assert not any(e.country == "TCA" for e, _ in gaz.lookup("Turks"))
