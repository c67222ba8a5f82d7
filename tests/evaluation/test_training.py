"""What the training scripts share (flashpoint.evaluation.training): the examples cache."""
from __future__ import annotations

from flashpoint.evaluation.training import cached_rows


def test_examples_are_built_once_then_read_from_the_cache(tmp_path):
    calls = []

    def build():
        calls.append(1)
        return [{"features": {"lemma": "strike"}, "label": 1}, {"features": {}, "label": 0}]

    path = tmp_path / "rows.jsonl"
    first = cached_rows(path, build)
    assert path.exists() and cached_rows(path, build) == first and len(calls) == 1
    assert cached_rows(None, build) == first and len(calls) == 2  # no cache: built each time
