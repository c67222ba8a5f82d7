"""The verb lexicon's rows and which table gives a trigger's reading."""
from __future__ import annotations

from flashpoint.language.lexicon import borrowed_reading, default_rules


def test_rows_remember_the_table_they_come_from():
    rows = default_rules()[("endorse", "V")]
    assert any(not r.borrowed for r in rows)  # the project's own table
    assert all(r.borrowed for r in default_rules()[("challenge", "V")])  # only the Phoenix table


def test_a_reading_is_borrowed_only_when_no_project_row_gives_it():
    assert borrowed_reading("challenge", "challenged", "V", "110")
    assert not borrowed_reading("endorse", "endorsed", "V", "051")
    # a code no row of the word gives (re-coded by the events stage) is nobody's reading
    assert not borrowed_reading("challenge", "challenged", "V", "186")
    assert not borrowed_reading("zzzz", "zzzz", "V", "110")


def test_striking_a_deal_is_an_agreement_and_striking_a_convoy_is_violence():
    from flashpoint import code_text

    def codes(text):
        return {e["cameo"] for e in code_text(text, date="2021-03-02")}

    # the project's bare violence row must not shadow the reading with a deal as object
    assert codes("Turkey struck a deal with Russia on Monday over the border crossings.") == {"057"}
    assert codes("Turkish drones struck a Russian convoy on Monday near the border.") == {"190"}
