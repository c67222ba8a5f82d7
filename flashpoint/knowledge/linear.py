"""Logistic regressions shipped as JSON: weights by feature name, intercepts and a threshold.

Feature names follow scikit-learn's ``DictVectorizer``: a string value v of key k is the feature
"k=v"; numbers and booleans are values. The event place model (stage event_places) and the gate's
event plausibility model (``language/plausibility.py``) are binary (:class:`LinearModel`); the
classify stage's re-typer of the CAMEO root (``language/retype.py``) is multinomial
(:class:`SoftmaxModel`). They run with the standard library alone and a model file is readable
and diffable.
"""
from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..errors import ResourceError


def terms(features: dict[str, Any]) -> Iterator[tuple[str, float]]:
    """(weight name, value) of each feature that counts: "k=v" with 1 for a string value, k with
    its value for a non-zero number or a true boolean."""
    for k, v in features.items():
        if isinstance(v, str):
            yield f"{k}={v}", 1.0
        elif v:
            yield k, float(v)


class _JsonModel:
    what = "model"  # named in the error when the file cannot be read
    trainer = "its training script"

    @classmethod
    def _read(cls, path: str | Path, build: Callable[[dict[str, Any]], Any]) -> Any:
        try:
            return build(json.loads(Path(path).read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError) as err:
            raise ResourceError(f"cannot read the {cls.what}: {err}", where=str(path),
                                fix=f"reinstall flashpoint or run {cls.trainer}") from None


class LinearModel(_JsonModel):
    """``probability(features)`` = logistic(intercept + sum of the features' weights)."""

    def __init__(self, weights: dict[str, float], intercept: float, threshold: float) -> None:
        self.weights = weights
        self.intercept = intercept
        self.threshold = threshold

    @classmethod
    def read(cls, path: str | Path) -> Any:
        return cls._read(path, cls.from_dict)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Any:
        """From a model file's ``weights``, ``intercept`` and ``threshold``."""
        return cls(d["weights"], float(d["intercept"]), float(d["threshold"]))

    def probability(self, features: dict[str, Any]) -> float:
        w = self.weights
        z = self.intercept
        for name, value in terms(features):
            z += w.get(name, 0.0) * value
        return 1.0 / (1.0 + math.exp(-z))


class SoftmaxModel(_JsonModel):
    """``probabilities(features)``: classes, an intercept per class and, per feature, a weight
    per class."""

    def __init__(self, classes: list[str], intercepts: list[float], weights: dict[str, list[float]],
                 threshold: float) -> None:
        self.classes = classes
        self.intercepts = intercepts
        self.weights = weights
        self.threshold = threshold

    @classmethod
    def read(cls, path: str | Path) -> Any:
        return cls._read(path, lambda d: cls([str(c) for c in d["classes"]], [float(b) for b in d["intercepts"]],
                                             d["weights"], float(d["threshold"])))

    def probabilities(self, features: dict[str, Any]) -> dict[str, float]:
        z = list(self.intercepts)
        for name, value in terms(features):
            row = self.weights.get(name)
            if row:
                z = [a + value * w for a, w in zip(z, row)]
        top = max(z)
        e = [math.exp(a - top) for a in z]
        total = sum(e)
        return {c: x / total for c, x in zip(self.classes, e)}
