"""A base, convoy, ship or embassy stands for the forces or diplomats it holds.

The sentences are the project's own, invented for these tests."""
from __future__ import annotations

import datetime as dt

import pytest

from flashpoint.errors import ResourceError
from flashpoint.knowledge.actor_kb import HOSTED, KnowledgeBase
from flashpoint.knowledge.gazetteer import default_gazetteer
from flashpoint.resources import read_tsv
from flashpoint.stages.actors import ActorResolver, resolve_actor_string
from tests.handmade import parsed_document

D2020 = dt.date(2020, 1, 9)


def code(text: str, day: dt.date | None = D2020) -> str | None:
    actor = resolve_actor_string(text, date=day)
    return None if actor is None else (actor.country or "") + "/" + (actor.sector or "")


# -- a facility a state owns ---------------------------------------------------------------------

@pytest.mark.parametrize("text, want", [
    ("an American base", "USA/MIL"),
    ("two U.S. military bases", "USA/MIL"),
    ("Iraq's air bases", "IRQ/MIL"),
    ("a Turkish convoy", "TUR/MIL"),
    ("a Ukrainian checkpoint", "UKR/MIL"),
    ("the Saudi consulate", "SAU/GOV"),
])
def test_an_owned_facility_is_its_states_forces_or_diplomats(text, want):
    assert code(text) == want


@pytest.mark.parametrize("text, want", [
    ("China's industrial base", "CHN/"),       # not a facility: the country alone, as before
    ("a Turkish aid convoy", "TUR/"),          # aid, not troops: the country alone
    ("a former American base", "USA/"),        # no longer theirs; never an elite (ELI)
    ("a Chinese ship", "CHN/"),                # a warship or a freighter: the noun says neither
    ("a Lebanese camp", "LBN/"),               # a camp may hold refugees
    ("China's position", "CHN/"),              # a stance as often as a post
])
def test_a_facility_noun_gives_no_sector_the_phrase_does_not_support(text, want):
    assert code(text) == want


# -- named facilities that host a foreign state's forces ---------------------------------------------

def test_a_named_base_is_the_forces_it_hosts_while_it_hosts_them():
    assert code("Al Udeid Air Base") == "USA/MIL"
    assert code("Hmeimim air base", dt.date(2017, 5, 1)) == "RUS/MIL"
    assert code("Bagram Air Base", dt.date(2015, 6, 1)) == "USA/MIL"
    assert code("Bagram Air Base", dt.date(2023, 6, 1)) is None   # the US left in July 2021
    assert code("Hmeimim air base", dt.date(2012, 5, 1)) is None   # before Russia came
    actor = resolve_actor_string("Ain al-Asad air base", date=D2020)
    assert actor is not None and actor.kind == HOSTED and actor.name == "Ain al-Asad Air Base"


def test_every_facility_row_is_well_formed_and_lies_where_the_gazetteer_puts_it():
    gaz = default_gazetteer()
    rows = list(read_tsv("actors/facilities.tsv", required=("alias", "country", "sector", "located", "from",
                                                            "to", "name", "source")))
    assert len({r["name"] for r in rows}) >= 12
    kb = KnowledgeBase()
    for r in rows:
        assert len(r["country"]) == 3 and len(r["located"]) == 3 and r["country"] != r["located"], r["name"]
        assert r["sector"] in {"MIL", "GOV"} and r["source"], r["name"]
        assert (r["to"] or "9999") >= r["from"], r["name"]
        # the facility is still a place of the country it is in: by its name, else its town's
        found = gaz.lookup(r["name"]) or gaz.lookup(r["name"].split()[0])
        assert r["located"] in {e.country for e, _ in found}, r["name"]
        assert all(kb.entries.get(kb.key(a)) for a in r["alias"].split("|")), r["name"]


def test_a_bad_date_in_a_table_names_the_file_and_the_row(tmp_path):
    f = tmp_path / "mine.tsv"
    f.write_text("alias\tcountry\tsector\tkind\tproxy_of\tfrom\tto\tname\n"
                 "Fort Nowhere\tUSA\tMIL\torg\t\t2020-13\t\tFort Nowhere\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="mine.tsv") as err:
        KnowledgeBase(extra_files=(f,))
    assert "Fort Nowhere" in str(err.value) and "YYYY-MM" in str(err.value)


# -- a phrase that says whom it hosts (hand-built parses, no model) -----------------------------

def actors_of(words, heads, deps, pos, lemmas):
    doc = ActorResolver()(parsed_document(words, heads, deps, pos, lemmas=lemmas, date=D2020))
    return {a.text: (a.code, a.kind) for a in doc.actors}


def test_bases_housing_troops_stand_for_the_troops():
    #        0          1      2        3          4       5        6       7
    words = ["Rockets", "hit", "bases", "housing", "Dutch", "troops", "."]
    heads = [1, 1, 1, 2, 5, 3, 1]
    deps = ["nsubj", "ROOT", "dobj", "acl", "amod", "dobj", "punct"]
    pos = ["NOUN", "VERB", "NOUN", "VERB", "ADJ", "NOUN", "PUNCT"]
    lemmas = ["rocket", "hit", "basis", "house", "dutch", "troop", "."]
    found = actors_of(words, heads, deps, pos, lemmas)
    assert found["bases"] == ("NLDMIL", HOSTED)
    assert found["Dutch troops"] == ("NLDMIL", "state")


def test_a_base_where_troops_serve_stands_for_them_not_for_its_owner():
    #        0      1          2        3        4          5          6       7        8          9
    words = ["They", "shelled", "Iraqi", "bases", "where", "Spanish", "troops", "serve", "."]
    heads = [1, 1, 3, 1, 7, 6, 7, 3, 1]
    deps = ["nsubj", "ROOT", "amod", "dobj", "advmod", "amod", "nsubj", "relcl", "punct"]
    pos = ["PRON", "VERB", "ADJ", "NOUN", "SCONJ", "ADJ", "NOUN", "VERB", "PUNCT"]
    lemmas = ["they", "shell", "iraqi", "basis", "where", "spanish", "troop", "serve", "."]
    found = actors_of(words, heads, deps, pos, lemmas)
    assert found["Iraqi bases"] == ("ESPMIL", HOSTED)


def test_a_misparsed_relative_clause_of_housing_is_still_read():
    # "that house" read as a pronoun and a noun, the troops as the subject of another verb
    #        0       1        2        3     4      5       6        7       8        9         10
    words = ["Syria", "fired", "shells", "at", "posts", "in", "Jordan", "that", "house", "Belgian", "soldiers",
             "."]
    heads = [1, 1, 1, 1, 3, 4, 5, 1, 10, 10, 1, 1]
    deps = ["nsubj", "ROOT", "dobj", "prep", "pobj", "prep", "pobj", "dobj", "compound", "amod", "dobj", "punct"]
    pos = ["PROPN", "VERB", "NOUN", "ADP", "NOUN", "ADP", "PROPN", "PRON", "NOUN", "ADJ", "NOUN", "PUNCT"]
    lemmas = ["Syria", "fire", "shell", "at", "post", "in", "Jordan", "that", "house", "belgian", "soldier", "."]
    found = actors_of(words, heads, deps, pos, lemmas)
    assert "posts" not in found  # "post" is no facility noun of the table: nothing is read into it
    words[4], lemmas[4] = "outposts", "outpost"
    found = actors_of(words, heads, deps, pos, lemmas)
    assert found["outposts"] == ("BELMIL", HOSTED)
    assert found["Jordan"][0].startswith("JOR")  # the place stays its own mention


def test_a_vehicle_carrying_civilians_is_not_their_state():
    #        0       1         2     3         4          5          6       7
    words = ["Pirates", "seized", "a", "ship", "carrying", "Filipino", "sailors", "."]
    heads = [1, 1, 3, 1, 3, 6, 4, 1]
    deps = ["nsubj", "ROOT", "det", "dobj", "acl", "amod", "dobj", "punct"]
    pos = ["NOUN", "VERB", "DET", "NOUN", "VERB", "ADJ", "NOUN", "PUNCT"]
    lemmas = ["pirate", "seize", "a", "ship", "carry", "filipino", "sailor", "."]
    found = actors_of(words, heads, deps, pos, lemmas)
    assert "a ship" not in found or found["a ship"][1] != HOSTED


# -- end to end, with the spaCy model ---------------------------------------------------------------

def coded(text: str, date: str = "2021-03-02") -> list[dict]:
    from flashpoint.coder import code_text

    return code_text(text, date=date)


def attack(events: list[dict]) -> dict:
    return next(e for e in events if e["cameo"][:2] in {"18", "19"})


@pytest.mark.model
def test_a_strike_on_bases_in_a_country_hosting_forces_is_against_the_forces_there():
    ev = attack(coded("Iranian missiles struck two air bases in Iraq that house American troops on Tuesday."))
    assert (ev["source"]["country"], ev["target"]["country"], ev["target"]["sector"]) == ("IRN", "USA", "MIL")
    assert ev["target"]["kind"] == HOSTED
    assert "IRQ" in {p["country"] for p in ev["locations"] + ev["mentioned_places"]}


@pytest.mark.model
def test_a_named_base_is_the_target_and_stays_the_place():
    ev = attack(coded("Drones attacked Al Udeid Air Base in Qatar on Monday."))
    assert (ev["target"]["country"], ev["target"]["sector"], ev["target"]["kind"]) == ("USA", "MIL", HOSTED)
    assert "QAT" in {p["country"] for p in ev["locations"]}
    later = attack(coded("Insurgents fired rockets at Bagram Air Base on Monday.", date="2022-03-02"))
    assert later["target"] is None or later["target"]["country"] != "USA"
    assert "AFG" in {p["country"] for p in later["locations"]}


@pytest.mark.model
@pytest.mark.parametrize("text, want", [
    ("Gunmen ambushed a convoy carrying Turkish soldiers near Idlib on Sunday.", ("TUR", "MIL")),
    ("Syrian rebels attacked Hmeimim air base with drones.", ("RUS", "MIL")),
    ("Insurgents ambushed a Nigerien patrol near the border.", ("NER", "MIL")),
])
def test_convoys_patrols_and_named_bases_are_the_forces_they_hold(text, want):
    ev = attack(coded(text))
    assert (ev["target"]["country"], ev["target"]["sector"]) == want


def test_a_user_table_row_of_kind_hosted_is_a_facility_with_its_dates(tmp_path):
    from flashpoint.knowledge.composition import Composer

    f = tmp_path / "mine.tsv"
    f.write_text("alias\tcountry\tsector\tkind\tproxy_of\tfrom\tto\tname\n"
                 "Fort Example\tCAN\tMIL\thosted\t\t2001\t2005-06\tFort Example\n", encoding="utf-8")
    kb = KnowledgeBase(extra_files=(f,))

    def resolve(day: dt.date):
        res = Composer(kb).resolve(kb.tokens("Fort Example"), day)
        return None if res is None else (res.country, res.sector, res.kind)

    assert resolve(dt.date(2003, 1, 1)) == ("CAN", "MIL", HOSTED)
    assert resolve(dt.date(2010, 1, 1)) is None
