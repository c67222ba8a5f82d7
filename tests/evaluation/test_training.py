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


def test_a_linear_fit_is_stored_as_weights_by_feature_name():
    from flashpoint.evaluation.training import fit_linear
    from flashpoint.knowledge.linear import LinearModel

    X = [{"lemma=strike": 1, "armed": True}, {"lemma=say": 1}, {"lemma=strike": 1}, {"lemma=say": 1, "armed": True}] * 5
    y = [1, 0, 1, 0] * 5
    weights, intercept = fit_linear(X, y, C=1.0)
    assert list(weights) == sorted(weights) and weights["lemma=strike"] > 0 > weights["lemma=say"]
    assert "armed" not in weights  # it tells nothing here: a negligible weight is left out
    model = LinearModel(weights, intercept, 0.5)
    assert model.probability({"lemma=strike": 1}) > 0.5 > model.probability({"lemma=say": 1})
