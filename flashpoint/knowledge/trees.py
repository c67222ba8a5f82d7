"""Gradient-boosted trees shipped as JSON: a binary classifier whose trees test named features,
alone or blended with a logistic regression on the same features (:class:`Blend`).

scikit-learn's ``HistGradientBoostingClassifier`` is fitted at training time on the columns of
a ``DictVectorizer`` (feature names as in :mod:`flashpoint.knowledge.linear`: "k=v" for a string
value, k for a number or a boolean); :func:`from_hgb` writes its trees with the column names, and
:class:`TreeModel` walks them with the standard library alone, so a model file is readable and
runs without scikit-learn. A feature a dict lacks is 0, as in the vectorizer's sparse matrix.
"""
from __future__ import annotations

import json
import math
from collections.abc import Iterable
from typing import Any

from .linear import LinearModel, _JsonModel, terms

# A node is [feature index, threshold, left, right] (go left when the value is <= threshold);
# a leaf is [value].
Node = list[float]


class TreeModel(_JsonModel):
    """``probability(features)`` = logistic(baseline + the leaf value each tree reaches)."""

    def __init__(self, features: list[str], trees: list[list[Node]], baseline: float, threshold: float) -> None:
        self.features = features
        self.index = {name: n for n, name in enumerate(features)}
        self.trees = trees
        self.baseline = baseline
        self.threshold = threshold
        # the same trees as tuples, a leaf as (-1, value, 0, 0): one unpacking per node
        self._walk = [tuple((-1, n[0], 0, 0) if len(n) == 1 else (int(n[0]), n[1], int(n[2]), int(n[3]))
                            for n in tree) for tree in trees]

    @classmethod
    def read(cls, path: Any) -> Any:
        return cls._read(path, cls.from_dict)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TreeModel:
        return cls(list(d["features"]), d["trees"], float(d["baseline"]), float(d["threshold"]))

    def to_dict(self) -> dict[str, Any]:
        return {"kind": "trees", "threshold": self.threshold, "baseline": self.baseline,
                "features": self.features, "trees": self.trees}

    def probability(self, features: dict[str, Any]) -> float:
        return self.probability_of_terms(terms(features))

    def probability_of_terms(self, pairs: Iterable[tuple[str, float]]) -> float:
        """:meth:`probability` of features already given as their :func:`terms`."""
        index = self.index
        x = [0.0] * len(index)
        for name, value in pairs:
            k = index.get(name)
            if k is not None:
                x[k] = value
        z = self.baseline
        for tree in self._walk:
            n = 0
            while True:
                k, cut, left, right = tree[n]
                if k < 0:
                    break
                n = left if x[k] <= cut else right
            z += cut
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


def from_hgb(model: Any, names: list[str], *, threshold: float, digits: int = 6) -> TreeModel:
    """A fitted binary ``HistGradientBoostingClassifier`` (numerical features only, fitted with no
    missing values) as a :class:`TreeModel`; ``names``: the name of each column it was fitted on.
    Only the features some tree tests are kept."""
    used: dict[int, int] = {}
    trees = []
    for (predictor,) in model._predictors:  # one tree per iteration for a binary classifier
        nodes = []
        for node in predictor.nodes:
            if node["is_leaf"]:
                nodes.append([round(float(node["value"]), digits)])
            else:
                k = used.setdefault(int(node["feature_idx"]), len(used))
                nodes.append([k, float(node["num_threshold"]), int(node["left"]), int(node["right"])])
        trees.append(nodes)
    features = [names[i] for i, _ in sorted(used.items(), key=lambda kv: kv[1])]
    return TreeModel(features, trees, round(float(model._baseline_prediction.ravel()[0]), digits), threshold)


class Blend:
    """The mean of a logistic regression's and a tree model's probabilities, weighted by
    ``share`` (the trees' part): the regression is smooth where the trees are coarse, the trees
    combine features the regression can only add."""

    def __init__(self, linear: LinearModel, trees: TreeModel, *, share: float, threshold: float) -> None:
        self.linear = linear
        self.trees = trees
        self.share = share
        self.threshold = threshold

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Blend:
        """From a model file's keys: ``weights`` and ``intercept`` (the regression), ``features``,
        ``trees`` and ``baseline`` (the trees), ``share`` and ``threshold``."""
        return cls(LinearModel.from_dict(d), TreeModel.from_dict(d), share=float(d["share"]),
                   threshold=float(d["threshold"]))

    def to_dict(self) -> dict[str, Any]:
        return {"kind": "blend", "threshold": self.threshold, "share": self.share,
                "intercept": self.linear.intercept, "weights": self.linear.weights,
                "baseline": self.trees.baseline, "features": self.trees.features, "trees": self.trees.trees}

    def probability(self, features: dict[str, Any]) -> float:
        pairs = list(terms(features))  # read once for both models (a place candidate has ~250 features)
        return (1.0 - self.share) * self.linear.probability_of_terms(pairs) \
            + self.share * self.trees.probability_of_terms(pairs)


def dumps(model: dict[str, Any]) -> str:
    """A model file's JSON with one key, one weight and one tree a line (readable and diffable)."""
    def one(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    def value(k: str, v: Any) -> str:
        if k == "trees":
            return "[\n" + ",\n".join(one(t) for t in v) + "\n]"
        if k == "weights":
            return "{\n" + ",\n".join(f"{one(name)}:{one(w)}" for name, w in v.items()) + "\n}"
        return one(v)

    return "{\n" + ",\n".join(f"{one(k)}:{value(k, v)}" for k, v in model.items()) + "\n}\n"
