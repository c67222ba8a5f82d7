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
