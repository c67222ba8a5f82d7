"""The forecast's scorecard: a probability at every origin, scored against three baselines.

For every day ``t`` from ``start`` to ``end`` and every dyad A/B, the forecaster gives
the probability that **no event of the target quad class (default 4, material
conflict) occurs between A and B, in either direction, on days t+1 .. t+horizon**,
reading only events dated up to ``t`` (:mod:`.pairdays`). The outcome is scored once
its window has passed (``outcome`` is None for origins whose window runs past the
history). Baselines: :mod:`.baselines`. Scores: Brier score and log loss
(:func:`.forecast.scores`); calibration: ten equal-width bins of the model's probability.
Each baseline's scores also hold ``brier_diff``, the mean per-origin Brier difference of the
model minus that baseline (negative: the model is better), and ``brier_diff_se``, its
Newey-West standard error with lag ``2 * horizon`` (origins less than a horizon apart share
days, so their differences are correlated and a plain standard error would be too small).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .baselines import NAMES, baselines
from .dyads import AnalysisError
from .forecast import reliability, scores
from .forecaster import Forecaster
from .pairdays import PairDays, outcomes


@dataclass(frozen=True)
class DyadBacktest:
    """The backtest of one dyad: per-origin forecasts and outcomes, and the scores."""

    dyad: tuple[str, str]
    horizon: int
    target: int
    forecasts: pd.DataFrame          # origin, p, outcome (NaN: not yet known), one column per baseline
    model: dict[str, float]
    baselines: dict[str, dict[str, float]]
    calibration: pd.DataFrame
    forecaster: dict[str, Any] = field(default_factory=dict)   # what the model was fitted on

    @property
    def scored(self) -> int:
        return int(self.forecasts["outcome"].notna().sum())

    def to_dict(self) -> dict[str, Any]:
        f = self.forecasts
        rows = [{"origin": o.date().isoformat(), "p": round(float(p), 6),
                 "outcome": None if np.isnan(y) else int(y),
                 **{b: round(float(v), 6) for b, v in zip(NAMES, vals)}}
                for o, p, y, *vals in f[["origin", "p", "outcome", *NAMES]].itertuples(index=False)]
        calib = [{k: (None if isinstance(v, float) and np.isnan(v) else v) for k, v in row.items()}
                 for row in self.calibration.to_dict("records")]
        span = [o.date().isoformat() if len(f) else None for o in (f["origin"].min(), f["origin"].max())]
        return {"dyad": list(self.dyad), "horizon": self.horizon, "target_quad_class": self.target,
                "from": span[0], "to": span[1], "origins": len(f), "scored": self.scored, "outcome_rate": _rate(f),
                "forecaster": self.forecaster, "forecasts": rows, "model": _finite(self.model),
                "baselines": {k: _finite(v) for k, v in self.baselines.items()}, "calibration": calib}


def _finite(scores: dict[str, float]) -> dict[str, float | None]:
    """Scores with NaN (nothing scored) as None, so the record is valid JSON (null)."""
    return {k: None if isinstance(v, float) and np.isnan(v) else v for k, v in scores.items()}


def _rate(f: pd.DataFrame) -> float | None:
    y = f["outcome"].dropna()
    return float(y.mean()) if len(y) else None


def newey_west_se(d: np.ndarray, *, lag: int) -> float:
    """Standard error of the mean of ``d`` with Bartlett-weighted autocovariances up to ``lag`` (NaN when empty)."""
    n = len(d)
    if n == 0:
        return float("nan")
    e = d - d.mean()
    var = float(e @ e) / n
    for k in range(1, min(lag, n - 1) + 1):
        var += 2 * (1 - k / (lag + 1)) * float(e[k:] @ e[:-k]) / n
    return float(np.sqrt(max(var, 0.0) / n))


def _against(p: np.ndarray, b: np.ndarray, y: np.ndarray, *, horizon: int) -> dict[str, float]:
    """A baseline's scores and the model's mean Brier difference to it with its standard error."""
    d = (p - y) ** 2 - (b - y) ** 2
    return {**_score(b, y), "brier_diff": float(d.mean()) if len(d) else float("nan"),
            "brier_diff_se": newey_west_se(d, lag=2 * horizon)}


def _score(p: np.ndarray, y: np.ndarray) -> dict[str, float]:
    if len(y) == 0:
        return {"brier": float("nan"), "log_loss": float("nan")}
    s = scores(p, y)
    return {"brier": s["brier"], "log_loss": s["log_loss"]}


def backtest_dyad(days: PairDays, model: Forecaster, a: str, b: str, *, start: object, end: object,
                  known_until: object = None) -> DyadBacktest:
    """Forecast at every origin from ``start`` to ``end`` (inclusive) for the dyad ``a``/``b`` with one model.

    ``known_until`` is the last day the store has data for (default: the history's
    last day); an origin whose window ends after it has no outcome yet.
    """
    return backtest_windows(days, [(model, start, end)], a, b, known_until=known_until)


def backtest_windows(days: PairDays, windows: Sequence[tuple[Forecaster, object, object]], a: str, b: str, *,
                     known_until: object = None) -> DyadBacktest:
    """:func:`backtest_dyad` with each model answering its own origins: ``windows`` holds (model, first
    origin, last origin), in order (:func:`.refits.refit_windows` gives the schedule's), all of one
    horizon and target. The record's ``forecaster`` is the last model's, with ``fits`` (each model's
    window and origins) when there are several."""
    parts = [(m, *_origin_range(days, s, e)) for m, s, e in windows]
    model = parts[-1][0]
    if {(m.horizon, m.target) for m, *_ in parts} != {(model.horizon, model.target)}:
        raise AnalysisError("the models of one backtest differ in horizon or target", where="backtest",
                            fix="fit every window's model with the same --horizon and --target")
    arr = days.array(a, b)
    origins = np.concatenate([np.arange(lo, hi + 1) for _, lo, hi in parts])
    p = np.concatenate([m.predict(arr, np.arange(lo, hi + 1), day0=days.day0, pair=(a, b)) for m, lo, hi in parts])
    y = outcomes(arr, horizon=model.horizon, target=model.target)[origins]
    if known_until is not None:
        y[origins + model.horizon > days.index_of(known_until)] = np.nan
    base = baselines(arr, origins, horizon=model.horizon, target=model.target)
    frame = pd.DataFrame({"origin": [days.day_of(i) for i in origins], "p": p, "outcome": y, **base})
    ok = ~np.isnan(y)
    trained: dict[str, Any] = _trained(model)
    if len(parts) > 1:
        trained["fits"] = [{**_trained(m), "from": days.day_of(lo).date().isoformat(),
                            "to": days.day_of(hi).date().isoformat()} for m, lo, hi in parts]
    return DyadBacktest((a, b), model.horizon, model.target, frame, _score(p[ok], y[ok]),
                        {k: _against(p[ok], v[ok], y[ok], horizon=model.horizon) for k, v in base.items()},
                        reliability(p[ok], y[ok]) if ok.any() else reliability(np.empty(0), np.empty(0)),
                        trained)


def _origin_range(days: PairDays, start: object, end: object) -> tuple[int, int]:
    lo, hi = days.index_of(start), days.index_of(end)
    if lo < 0 or hi >= days.size or hi < lo:
        raise AnalysisError(f"origins {pd.Timestamp(start).date()} to {pd.Timestamp(end).date()} are not inside "
                            f"the store's days {days.day0.date()} to {days.last.date()}", where="--from/--to",
                            fix="choose origins between the store's first and last day")
    return lo, hi


def _trained(model: Forecaster) -> dict[str, Any]:
    return {"train_start": model.train_start.date().isoformat(), "train_end": model.train_end.date().isoformat(),
            "origins": model.n_samples, "pairs": model.n_pairs}


def score_table(results: list[DyadBacktest]) -> pd.DataFrame:
    """One row per dyad: scored origins, outcome rate, Brier and log loss of the model and each baseline."""
    rows = []
    for r in results:
        row: dict[str, Any] = {"dyad": "-".join(r.dyad), "scored": r.scored, "rate": _rate(r.forecasts)}
        for name, sc in (("model", r.model), *r.baselines.items()):
            row[f"{name}_brier"], row[f"{name}_log_loss"] = sc["brier"], sc["log_loss"]
        rows.append(row)
    return pd.DataFrame(rows)
