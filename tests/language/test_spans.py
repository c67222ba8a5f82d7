"""starting_in must give exactly what a scan of all the items gives, in the same order."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from flashpoint.language.spans import overlapping, starting_in
from flashpoint.model import Place


def _places(starts: list[int]) -> tuple[Place, ...]:
    return tuple(Place(name=f"p{i}", start=s, end=s + 3) for i, s in enumerate(starts))


def _scan(items, lo, hi):
    return tuple(x for x in items if lo <= x.start < hi)


@given(st.lists(st.integers(0, 60), max_size=30), st.integers(-5, 70), st.integers(-5, 70))
def test_same_items_in_same_order_sorted_or_not(starts, lo, hi):
    unsorted = _places(starts)
    ordered = tuple(sorted(unsorted, key=lambda p: p.start))
    for items in (unsorted, ordered):
        assert starting_in(items, lo, hi) == _scan(items, lo, hi)
        assert starting_in(list(items), lo, hi) == _scan(items, lo, hi)


def test_a_new_tuple_is_not_answered_from_an_old_ones_index():
    first = _places([1, 5, 9])
    assert [p.name for p in starting_in(first, 0, 6)] == ["p0", "p1"]
    second = _places([20, 2, 4])
    assert [p.name for p in starting_in(second, 0, 6)] == ["p1", "p2"]
    assert starting_in((), 0, 10) == ()


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8)), max_size=30), st.integers(-5, 70),
       st.integers(-5, 70))
def test_overlapping_gives_what_a_scan_gives(spans, lo, hi):
    items = tuple(Place(name=f"p{i}", start=s, end=s + n) for i, (s, n) in enumerate(spans))
    want = tuple(x for x in items if x.start < hi and lo < x.end)
    assert overlapping(items, lo, hi) == want
    assert overlapping(list(items), lo, hi) == want
