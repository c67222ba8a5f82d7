"""A logistic regression shipped as JSON: weights by feature name, an intercept and a threshold.

Feature names follow scikit-learn's ``DictVectorizer``: a string value v of key k is the feature
"k=v"; numbers and booleans are values. The event place model (stage event_places) and the gate's
event plausibility model (``language/plausibility.py``) are stored this way, so they run with the
standard library alone and a model file is readable and diffable.
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from ..errors import ResourceError


class LinearModel:
    """``probability(features)`` = logistic(intercept + sum of the features' weights)."""

    what = "model"  # named in the error when the file cannot be read
    trainer = "its training script"

    def __init__(self, weights: dict[str, float], intercept: float, threshold: float) -> None:
        self.weights = weights
        self.intercept = intercept
        self.threshold = threshold

    @classmethod
    def read(cls, path: str | Path) -> Any:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            return cls(data["weights"], float(data["intercept"]), float(data["threshold"]))
        except (OSError, ValueError, KeyError) as err:
            raise ResourceError(f"cannot read the {cls.what}: {err}", where=str(path),
                                fix=f"reinstall flashpoint or run {cls.trainer}") from None

    def probability(self, features: dict[str, Any]) -> float:
        w = self.weights
        z = self.intercept
        for k, v in features.items():
            if isinstance(v, str):
                z += w.get(f"{k}={v}", 0.0)
            elif v:
                z += w.get(k, 0.0) * float(v)
        return 1.0 / (1.0 + math.exp(-z))
