"""Logistic regressions shipped as JSON: weights by feature name, intercepts and a threshold.

Feature names follow scikit-learn's ``DictVectorizer``: a string value v of key k is the feature
"k=v"; numbers and booleans are values. A numpy array value of key k is a block of dense features
(a word vector, :mod:`flashpoint.knowledge.word_vectors`): its weights are stored apart, under
``vectors``, as one row per dimension, and trained as the features "k:0", "k:1", ... (:func:`flat`,
:func:`packed`). The event place model (stage event_places) and the gate's
event plausibility model (``language/plausibility.py``) are binary (:class:`LinearModel`); the
classify stage's re-typer of the CAMEO root (``language/retype.py``) is multinomial
(:class:`SoftmaxModel`). They run with the standard library (and numpy for vector blocks) and a model file is readable
and diffable.
"""
from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ResourceError

BLOCK_NAME = re.compile(r"^(.+):(\d+)$")


def terms(features: dict[str, Any]) -> Iterator[tuple[str, float]]:
    """(weight name, value) of each feature that counts: "k=v" with 1 for a string value, k with
    its value for a non-zero number or a true boolean (vector blocks are not terms)."""
    for k, v in features.items():
        if isinstance(v, str):
            yield f"{k}={v}", 1.0
        elif isinstance(v, np.ndarray):
            continue
        elif v:
            yield k, float(v)


def blocks(features: dict[str, Any]) -> Iterator[tuple[str, np.ndarray]]:
    """(key, array) of each vector block of a feature dict."""
    for k, v in features.items():
        if isinstance(v, np.ndarray):
            yield k, v


def flat(features: dict[str, Any]) -> dict[str, Any]:
    """A feature dict with each vector block k spelt out as the numbers "k:0", "k:1", ... (for
    scikit-learn's ``DictVectorizer`` and a JSON cache of training rows)."""
    out: dict[str, Any] = {}
    for k, v in features.items():
        if isinstance(v, np.ndarray):
            out.update({f"{k}:{i}": round(float(x), 4) for i, x in enumerate(v)})
        else:
            out[k] = v
    return out


def packed(weights: dict[str, Any], blocked: set[str]) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    """Fitted weights by feature name split into the named weights and the vector blocks (key ->
    one weight, or one row of class weights, per dimension; a dimension left out weighs 0)."""
    named: dict[str, Any] = {}
    rows: dict[str, dict[int, Any]] = {}
    for name, w in weights.items():
        m = BLOCK_NAME.match(name)
        if m and m.group(1) in blocked:
            rows.setdefault(m.group(1), {})[int(m.group(2))] = w
        else:
            named[name] = w
    vectors = {}
    for k, by_dim in sorted(rows.items()):
        zero = 0.0 if not isinstance(next(iter(by_dim.values())), list) else [0.0] * len(next(iter(by_dim.values())))
        vectors[k] = [by_dim.get(i, zero) for i in range(max(by_dim) + 1)]
    return named, vectors


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

    def __init__(self, weights: dict[str, float], intercept: float, threshold: float, *,
                 vectors: dict[str, list[float]] | None = None) -> None:
        self.weights = weights
        self.intercept = intercept
        self.threshold = threshold
        self.vectors = {k: np.asarray(v, dtype=np.float32) for k, v in (vectors or {}).items()}

    @classmethod
    def read(cls, path: str | Path) -> Any:
        return cls._read(path, cls.from_dict)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Any:
        """From a model file's ``weights``, ``intercept`` and ``threshold``."""
        return cls(d["weights"], float(d["intercept"]), float(d["threshold"]), vectors=d.get("vectors"))

    def probability(self, features: dict[str, Any]) -> float:
        w = self.weights
        z = self.intercept
        for name, value in terms(features):
            z += w.get(name, 0.0) * value
        for name, vec in blocks(features):
            block = self.vectors.get(name)
            if block is not None and block.shape[0] == vec.shape[0]:
                z += float(block @ vec)
        return 1.0 / (1.0 + math.exp(-z))


class SoftmaxModel(_JsonModel):
    """``probabilities(features)``: classes, an intercept per class and, per feature, a weight
    per class."""

    def __init__(self, classes: list[str], intercepts: list[float], weights: dict[str, list[float]],
                 threshold: float, *, vectors: dict[str, list[list[float]]] | None = None) -> None:
        self.classes = classes
        self.intercepts = intercepts
        self.weights = weights
        self.threshold = threshold
        self.vectors = {k: np.asarray(v, dtype=np.float32) for k, v in (vectors or {}).items()}

    @classmethod
    def read(cls, path: str | Path) -> Any:
        return cls._read(path, lambda d: cls([str(c) for c in d["classes"]], [float(b) for b in d["intercepts"]],
                                             d["weights"], float(d["threshold"]), vectors=d.get("vectors")))

    def probabilities(self, features: dict[str, Any]) -> dict[str, float]:
        z = list(self.intercepts)
        for name, value in terms(features):
            row = self.weights.get(name)
            if row:
                z = [a + value * w for a, w in zip(z, row)]
        for name, vec in blocks(features):
            block = self.vectors.get(name)
            if block is not None and block.shape[0] == vec.shape[0]:
                z = [a + float(b) for a, b in zip(z, vec @ block)]
        top = max(z)
        e = [math.exp(a - top) for a in z]
        total = sum(e)
        return {c: x / total for c, x in zip(self.classes, e)}
