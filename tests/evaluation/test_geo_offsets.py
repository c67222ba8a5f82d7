"""Gold offsets that miss their name go to the nearest place the name is written."""
from __future__ import annotations

from flashpoint.evaluation import geo


def test_a_name_written_twice_close_together_keeps_both_gold_toponyms_apart():
    text = "Flu is in Zedland. Zedland says so."
    first, second = text.index("Zedland"), text.rindex("Zedland")
    # GeoVirus' offsets are one character late: each must land on its own mention
    assert geo._repaired(text, "Zedland", first + 1, first + 8) == (first, first + 7)
    assert geo._repaired(text, "Zedland", second + 1, second + 8) == (second, second + 7)
    assert geo._repaired(text, "Zedland", second, second + 7) == (second, second + 7)  # right as given
    assert geo._repaired(text, "Nowhere", 3, 10) == (3, 10)  # not found: left as given
