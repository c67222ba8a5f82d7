"""Gradient-boosted trees as JSON (knowledge/trees.py): the file's trees give scikit-learn's own
probabilities, and a blend is the weighted mean of its two models."""
from __future__ import annotations

import json
import math

import numpy as np
import pytest

from flashpoint.knowledge.linear import LinearModel
from flashpoint.knowledge.trees import Blend, TreeModel, dumps, from_hgb


def _fitted():
    from sklearn.ensemble import HistGradientBoostingClassifier

    rng = np.random.default_rng(7)
    X = rng.normal(size=(800, 4))
    X[:, 2] = X[:, 2] > 0  # a flag, as a boolean feature is
    y = (X[:, 0] + X[:, 2] * X[:, 1] + rng.normal(size=800) * 0.3 > 0.2).astype(int)
    return X, HistGradientBoostingClassifier(max_iter=30, early_stopping=False, random_state=0).fit(X, y)


def test_the_written_trees_give_the_fitted_models_probabilities():
    X, fit = _fitted()
    names = ["distance", "cosine", "setting", "unused"]
    model = TreeModel.from_dict(json.loads(dumps(from_hgb(fit, names, threshold=0.3).to_dict())))
    ours = [model.probability({n: float(v) for n, v in zip(names, row)}) for row in X[:50]]
    assert ours == pytest.approx(fit.predict_proba(X[:50])[:, 1].tolist(), abs=1e-5)
    assert model.threshold == 0.3


def test_a_missing_feature_is_zero_and_a_string_is_a_named_feature():
    model = TreeModel(["prep=in", "distance"], [[[0, 0.5, 1, 2], [-1.0], [2.0]]], baseline=0.0, threshold=0.5)
    assert model.probability({}) == pytest.approx(1 / (1 + math.exp(1.0)))
    assert model.probability({"prep": "in"}) == pytest.approx(1 / (1 + math.exp(-2.0)))
    assert model.probability({"prep": "on", "setting": True}) == model.probability({})


def test_a_blend_weighs_its_two_models():
    linear = LinearModel({"prep=in": 2.0}, intercept=-1.0, threshold=0.5)
    trees = TreeModel(["prep=in"], [[[0, 0.5, 1, 2], [-3.0], [3.0]]], baseline=0.0, threshold=0.5)
    blend = Blend(linear, trees, share=0.25, threshold=0.4)
    f = {"prep": "in"}
    assert blend.probability(f) == pytest.approx(0.75 * linear.probability(f) + 0.25 * trees.probability(f))
    again = Blend.from_dict(json.loads(dumps({"about": "test", **blend.to_dict()})))
    assert again.probability(f) == blend.probability(f) and again.threshold == 0.4


def test_a_blend_reads_its_features_once_and_gives_its_two_models_exact_numbers():
    names = [f"f{k}" for k in range(40)]
    linear = LinearModel({n: 0.1 * (k % 7 - 3) for k, n in enumerate(names)} | {"kind=a": 0.3},
                         intercept=-0.2, threshold=0.5)
    deep = [[1, 2.5, 1, 2], [0.25], [2, 0.0, 3, 4], [0.05], [-0.15]]
    trees = TreeModel(names[:3] + ["kind=a"], [[[0, 0.5, 1, 2], [-0.3], [0.7]], [[3, 0.5, 1, 2], [0.1], [-0.4]], deep],
                      baseline=0.1, threshold=0.5)
    blend = Blend(linear, trees, share=0.5, threshold=0.3)
    for f in ({}, {"kind": "a"}, {n: k / 3 for k, n in enumerate(names)}, {"f1": 3, "f2": -1, "kind": "b"}):
        assert blend.probability(f) == 0.5 * linear.probability(f) + 0.5 * trees.probability(f)
