"""The tune/check split: fixed, disjoint, stable when items are added, grouped by key."""
from __future__ import annotations

import json

import pytest

from flashpoint.evaluation import split


def keys(n: int, prefix: str = "sentence") -> list[str]:
    return [f"{prefix} number {i}" for i in range(n)]


def test_the_same_key_always_falls_in_the_same_half():
    first = [split.half_of(k) for k in keys(200)]
    again = [split.half_of(k) for k in keys(200)]
    assert first == again
    assert set(first) == {"tune", "check"}


def test_halves_are_disjoint_and_cover_every_item():
    items = keys(500)
    tagged = split.select(items, lambda k: k)
    tune = {k for h, k in tagged if h == "tune"}
    check = {k for h, k in tagged if h == "check"}
    assert tune.isdisjoint(check) and tune | check == set(items)
    assert 200 < len(tune) < 300  # about half each way


def test_adding_items_moves_no_earlier_item():
    before = dict((k, h) for h, k in split.select(keys(300), lambda k: k))
    after = dict((k, h) for h, k in split.select(keys(300, "other") + keys(400), lambda k: k))
    assert all(after[k] == h for k, h in before.items())


def test_items_sharing_a_key_share_a_half():
    rows = [(text, verb) for text in keys(100) for verb in ("hit", "left", "met")]
    tagged = split.select(rows, lambda r: r[0])
    halves_of_text: dict[str, set[str]] = {}
    for h, (text, _) in tagged:
        halves_of_text.setdefault(text, set()).add(h)
    assert all(len(hs) == 1 for hs in halves_of_text.values())


def test_asking_for_one_half_selects_only_it():
    everything = split.select(keys(100), lambda k: k)
    check = split.select(keys(100), lambda k: k, half="check")
    assert check == [(h, k) for h, k in everything if h == "check"]
    with pytest.raises(ValueError, match="half must be one of"):
        split.select(keys(3), lambda k: k, half="held-out")


def test_per_half_scores_each_half_and_all():
    tagged = [("tune", 1), ("check", 10), ("tune", 2), ("check", 20)]
    total = lambda xs: {"n": len(xs), "sum": sum(xs)}  # noqa: E731
    assert split.per_half(tagged, total) == {"tune": {"n": 2, "sum": 3}, "check": {"n": 2, "sum": 30},
                                            "all": {"n": 4, "sum": 33}}
    only = split.per_half([t for t in tagged if t[0] == "check"], total, half="check")
    assert only == {"check": {"n": 2, "sum": 30}}


def test_only_the_tune_half_mistakes_are_written_unless_check_is_asked(tmp_path):
    rows = [{"half": "tune", "id": 1}, {"half": "check", "id": 2}, {"half": "tune", "id": 3}]
    path = tmp_path / "mistakes.jsonl"
    assert split.write_mistakes(path, rows) == 2
    assert [json.loads(line)["id"] for line in path.read_text().splitlines()] == [1, 3]
    assert split.write_mistakes(path, rows, half="check") == 1
    assert [json.loads(line)["id"] for line in path.read_text().splitlines()] == [2]
    assert split.write_mistakes(None, rows) == 0
