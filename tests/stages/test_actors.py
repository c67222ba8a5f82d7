"""Actor knowledge base, composition rules and dated roles: no trained model is loaded."""
from __future__ import annotations

import datetime as dt

import pytest

from flashpoint.errors import ResourceError
from flashpoint.knowledge.actor_kb import KnowledgeBase, norm_token
from flashpoint.stages.actors import ActorResolver, resolve_actor_string
from tests.handmade import parsed_document

D2017 = dt.date(2017, 4, 1)
D2020 = dt.date(2020, 1, 9)
D2022 = dt.date(2022, 1, 10)


def code(text: str, day: dt.date | None = D2020, context: str | None = None) -> str | None:
    actor = resolve_actor_string(text, date=day, context=context)
    return None if actor is None else (actor.country or "") + "/" + (actor.sector or "")


# -- knowledge base ------------------------------------------------------------------------

def test_tokens_are_normalised_for_matching():
    assert norm_token("Khürelsükh") == "khurelsukh"
    assert norm_token("U.S.") == "us"
    assert norm_token("\u2019s") == "'s"


def test_user_table_with_alias_lists_overrides_the_packaged_tables(tmp_path):
    f = tmp_path / "mine.tsv"
    f.write_text("# my actors\nalias\tcountry\tsector\tkind\tproxy_of\tfrom\tto\tname\n"
                 "Test Brigade|TB-9\tXXX\tREB\tnonstate\tYYY\t\t\tTest Brigade\n"
                 "Angela Merkel\tZZZ\tSPY\tperson\t\t\t\tSomeone Else\n", encoding="utf-8")
    kb = KnowledgeBase(extra_files=(f,))
    assert kb.lookup("tb-9").country == "XXX"
    assert kb.lookup("Test Brigade").proxy_of == "YYY"
    assert kb.lookup("Angela Merkel", D2017).country == "ZZZ"


def test_a_malformed_user_table_names_the_file(tmp_path):
    f = tmp_path / "bad.tsv"
    f.write_text("name\tcountry\nX\tY\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="bad.tsv"):
        KnowledgeBase(extra_files=(f,))


def test_phoenix_tables_are_loaded_with_their_licence():
    from flashpoint.resources import table_path

    for name in ("phoenix_entities.tsv", "phoenix_agents.tsv", "phoenix_places.tsv"):
        head = table_path(f"actors/{name}").read_text(encoding="utf-8")[:3000]
        assert "The MIT License" in head and "Open Event Data Alliance" in head
    kb = KnowledgeBase()
    assert kb.lookup("farmer").sector == "AGR"  # an agent only the converted tables know


# -- dated roles -------------------------------------------------------------------------------

def test_merkel_is_chancellor_in_2017_and_a_former_leader_in_2022():
    assert code("Angela Merkel", D2017) == "DEU/GOV"
    assert code("Merkel", D2017) == "DEU/GOV"
    assert code("Angela Merkel", D2022) == "DEU/ELI"
    assert code("former Chancellor Angela Merkel", D2022) == "DEU/ELI"
    # A title written before the name says what the text means, whatever the date.
    assert code("Chancellor Angela Merkel", D2022) == "DEU/GOV"


def test_a_role_is_only_returned_inside_its_dates():
    assert code("Scott Morrison", dt.date(2020, 6, 1)) == "AUS/GOV"
    assert code("Scott Morrison", dt.date(2023, 1, 1)) == "AUS/LEG"
    assert code("Taliban", dt.date(2019, 1, 1)) == "AFG/REB"
    assert code("Taliban", dt.date(2022, 1, 1)) == "AFG/GOV"
    # Before a person's first known role: the country, no sector.
    assert code("Olaf Scholz", dt.date(2010, 1, 1)) == "DEU/"


def test_without_a_date_the_most_recent_role_is_used():
    assert code("Vladimir Putin", None) == "RUS/GOV"


# -- composition rules ------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Iraqi police", "IRQ/COP"),                     # nationality adjective + agent
    ("Iranian military", "IRN/MIL"),
    ("Tehran", "IRN/GOV"),                           # a capital alone is the government
    ("Washington", "USA/GOV"),
    ("Baghdad International Airport", "IRQ/"),       # ... but not when it only modifies the head
    ("the Trump administration", "USA/GOV"),
    ("Chile's Defense Ministry", "CHL/GOV"),         # possessive country + agent
    ("Foreign Minister Javad Zarif", "IRN/GOV"),     # title + known name
    ("the president of Iran", "IRN/GOV"),            # a prepositional phrase gives the country
    ("trade unions in Denmark", "DNK/LAB"),
    ("members of the IRGC", "IRN/MIL"),              # a role noun takes its body's sector
    ("a former CIA official", "USA/ELI"),            # former office holders are elites
    ("FSB, Russia's security service", "RUS/SPY"),   # apposition
    ("Kataib Hezbollah", "IRQ/REB"),
    ("Abkhazia", "GEO/PRE"),                          # partially recognised state
    ("Russia's Baltic Fleet", "RUS/MIL"),
    ("residents of Mariupol", "UKR/CVL"),            # cities (GeoNames) give a country
    ("Westminster magistrates court", "GBR/JUD"),    # an organ's name before an agent: the agent
])
def test_composition(text, expected):
    assert code(text) == expected


def test_proxies_name_their_sponsor():
    actor = resolve_actor_string("Kataib Hezbollah", date=D2020)
    assert actor is not None and actor.proxy_of == "IRN"
    assert resolve_actor_string("Houthi rebels", date=D2020).proxy_of == "IRN"


def test_context_supplies_a_missing_country():
    assert code("Defense Minister", context="German") == "DEU/GOV"
    assert code("Defense Minister") == "/GOV"


def test_unknown_strings_and_common_words_are_not_actors():
    assert resolve_actor_string("a cat named Frank") is None
    assert resolve_actor_string("let us go") is None          # 'us' is not the US
    assert code("US officials") == "USA/GOV"
    assert code("car theft syndicate") == "/CRM"              # 'car' is not the acronym CAR


def test_a_surname_inside_an_unknown_longer_name_is_not_that_person():
    actor = resolve_actor_string("Mohammed Hussein Fakhri", date=D2020)
    assert actor is None or actor.country != "JOR"


# -- the pipeline stage on a hand-built parse ---------------------------------------------------

def test_stage_resolves_noun_phrases_with_char_offsets():
    words = ["Iraqi", "police", "arrested", "the", "president", "of", "Iran", "."]
    heads = [1, 2, 2, 4, 2, 4, 5, 2]
    deps = ["amod", "nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct"]
    pos = ["ADJ", "NOUN", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"]
    spaces = [True] * 6 + [False, False]
    doc = ActorResolver()(parsed_document(words, heads, deps, pos, spaces=spaces, date=D2020))
    found = {a.text: a.code for a in doc.actors}
    assert found == {"Iraqi police": "IRQCOP", "the president of Iran": "IRNGOV"}
    first = doc.actors[0]
    assert doc.text[first.start:first.end] == "Iraqi police"


def test_a_bare_surname_from_the_converted_tables_needs_a_title():
    day = dt.date(1990, 6, 1)
    assert code("King Hussein", day) == "JOR/GOV"
    assert resolve_actor_string("Hussein", date=day) is None


def test_anti_and_pro_prefixes_do_not_name_the_actor():
    assert code("anti-Assad rebels") == "/REB"
    assert code("Assad") == "SYR/GOV"


def test_general_is_a_title_only_before_a_name_or_alone():
    from flashpoint.stages.actors import resolve_actor_string

    assert resolve_actor_string("a general strike") is None
    assert resolve_actor_string("General Qasem Soleimani").sector == "MIL"
    assert resolve_actor_string("the general").sector == "MIL"


def test_ethnic_names_a_people_not_a_nationality():
    from flashpoint.stages.actors import resolve_actor_string

    assert resolve_actor_string("ethnic Albanians").country is None
    assert resolve_actor_string("ethnic Albanians in Serbia").country == "SRB"
    assert resolve_actor_string("Albanian troops").code == "ALBMIL"


def test_apposition_naming_an_organisation_restates_a_persons_role():
    """The apposition says what the person is in this text; a mere 'of the EU' does not."""
    merkel = resolve_actor_string("Angela Merkel, the NATO envoy", date=dt.date(2016, 1, 1))
    assert merkel.name == "Angela Merkel" and merkel.country == "IGO"
    assert resolve_actor_string("Angela Merkel, a critic of the EU", date=dt.date(2016, 1, 1)).country == "DEU"
    assert resolve_actor_string("Angela Merkel, the German chancellor", date=dt.date(2016, 1, 1)).code == "DEUGOV"


def test_qualified_plural_demonyms_name_people_bare_ones_the_country():
    assert resolve_actor_string("Young Algerians").code == "DZACVL"
    assert resolve_actor_string("Palestinians").code == "PSE"
    assert resolve_actor_string("The Iranians").code == "IRN"


def test_compass_words_name_no_country():
    assert resolve_actor_string("South Lebanon").country == "LBN"
    assert resolve_actor_string("South") is None


def test_a_country_named_at_the_head_wins_over_a_body_modifying_it():
    assert resolve_actor_string("NATO-member Norway").code == "NOR"
    assert resolve_actor_string("EU member Hungary").code == "HUN"
    assert resolve_actor_string("Iran-backed Hezbollah").name == "Hezbollah"


# -- sponsors ------------------------------------------------------------------------------

def test_a_state_that_backs_a_group_is_its_sponsor_not_its_country():
    """'Elbonian-backed' says who sponsors the group; the group's own country word, if any, is its
    country (the states here are real, the phrases invented)."""
    actor = resolve_actor_string("Chilean-backed Peruvian militias", date=D2020)
    assert (actor.country, actor.sector, actor.proxy_of) == ("PER", "REB", "CHL")
    actor = resolve_actor_string("Brazil-sponsored fighters", date=D2020)
    assert (actor.country, actor.proxy_of) == (None, "BRA")
    assert code("Norwegian-funded Kenyan police") == "KEN/COP"
    assert resolve_actor_string("Iranian-backed", date=D2020) is None  # a sponsor alone names nobody


def test_a_states_own_armed_forces_are_its_own_without_a_hyphen():
    """'armed' is a sponsoring participle only with its hyphen: 'Peruvian armed forces' are Peru's,
    'Peruvian-armed militias' Peru's proxies."""
    actor = resolve_actor_string("the Peruvian Armed Forces", date=D2020)
    assert (actor.country, actor.proxy_of) == ("PER", None)
    actor = resolve_actor_string("Peruvian-armed militias", date=D2020)
    assert (actor.country, actor.proxy_of) == (None, "PER")


def test_a_state_that_leads_a_group_is_still_its_country():
    assert code("the Chilean-led coalition forces") == "CHL/MIL"
    assert code("Chilean militias") == "CHL/REB"
