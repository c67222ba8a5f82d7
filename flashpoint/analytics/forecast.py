"""The probability that a hostile dyad de-escalates within the next ``horizon`` days.

Definitions (per unordered pair A/B, per day t, from the pair's daily moves; see
:mod:`.reciprocity`):

``s_t``
    the pair's severity on day t: the highest rung either side used (0: no hostile move);
``peak7_t``
    the highest ``s`` over days t-6 .. t.

A day is *eligible* when ``peak7_t >= 1`` (there is hostility to come down from). The
pair has *de-escalated within h days* when ``peak7_{t+h} < peak7_t``: the worst move
of the week ending h days later is milder than the worst move of this week.

Features of day t (:data:`FEATURES`): ``peak7``; ``trend`` (mean ``s`` over the last 7
days minus the 7 before); ``responses14`` (responses, in the tit-for-tat sense, in the
last 14 days); ``days_since_material`` (days since the last move of rung >= 4, at most
60); ``active7`` (days with a hostile move in the last 7).

The model is a logistic regression on standardised features (scikit-learn). It is
scored against two baselines fitted on the same training days: the *base rate* (the
training frequency of de-escalation) and *persistence* (the frequency of de-escalation
among training days whose last ``h`` days themselves de-escalated, ``peak7_t <
peak7_{t-h}``, or did not). Scores: Brier score, log loss, and reliability bins.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .dyads import AnalysisError, side_key, usable
from .reciprocity import best_moves, linked_moves
from .severity import HOSTILE, MATERIAL, rungs

FEATURES = ("peak7", "trend", "responses14", "days_since_material", "active7")
MAX_QUIET = 60
EPS = 1e-6


def daily_pair(exchanges_moves: pd.DataFrame, index: pd.DatetimeIndex) -> pd.DataFrame:
    """Per day of ``index``: the pair's severity ``s`` and its number of ``responses``."""
    pos = index.get_indexer(exchanges_moves["date"])
    ok = pos >= 0
    s = np.zeros(len(index))
    np.maximum.at(s, pos[ok], exchanges_moves["rung"].to_numpy(dtype=float)[ok])
    responses = np.zeros(len(index))
    np.add.at(responses, pos[ok & (exchanges_moves["responds_to"].to_numpy() >= 0)], 1.0)
    return pd.DataFrame({"s": s, "responses": responses}, index=index)


def _window_sum(a: np.ndarray, w: int) -> np.ndarray:
    """Sum of the last ``w`` values (fewer at the start: the days before count as 0)."""
    c = np.cumsum(np.r_[0.0, a])
    return c[1:] - c[np.maximum(np.arange(1, len(a) + 1) - w, 0)]


def _window_max(a: np.ndarray, w: int) -> np.ndarray:
    """Maximum of the last ``w`` values of a non-negative series."""
    if len(a) == 0:
        return a
    return np.lib.stride_tricks.sliding_window_view(np.r_[np.zeros(w - 1), a], w).max(axis=1)


def features(daily: pd.DataFrame) -> pd.DataFrame:
    """The :data:`FEATURES` of every day (days before the history count as quiet)."""
    s = daily["s"].to_numpy(dtype=float)
    n = np.arange(len(s))
    week = _window_sum(s, 7)
    before = np.r_[np.zeros(min(7, len(s))), week[:-7]] if len(s) > 7 else np.zeros(len(s))
    last_material = np.maximum.accumulate(np.where(s >= MATERIAL, n, -1)) if len(s) else n
    quiet = np.where(last_material >= 0, n - last_material, MAX_QUIET).clip(max=MAX_QUIET)
    return pd.DataFrame({"peak7": _window_max(s, 7), "trend": (week - before) / 7.0,
                         "responses14": _window_sum(daily["responses"].to_numpy(dtype=float), 14),
                         "days_since_material": quiet.astype(float),
                         "active7": _window_sum((s > 0).astype(float), 7)}, index=daily.index)


def pair_samples(moves_: pd.DataFrame, index: pd.DatetimeIndex, horizon: int) -> pd.DataFrame:
    """Eligible days of one pair with features, ``persist`` and (where known) the label ``y``."""
    feats = features(daily_pair(moves_, index))
    peak = feats["peak7"].to_numpy()
    earlier = np.r_[np.zeros(min(horizon, len(peak))), peak[:-horizon]] if len(peak) > horizon else np.zeros(len(peak))
    later = np.r_[peak[horizon:], np.full(min(horizon, len(peak)), np.nan)]
    feats["persist"] = (peak < earlier).astype(float)
    feats["y"] = np.where(np.isnan(later), np.nan, (later < peak).astype(float))
    return feats[peak >= HOSTILE]


def pair_moves(events: pd.DataFrame, *, min_moves: int) -> pd.DataFrame:
    """Daily moves (see :mod:`.reciprocity`) of every unordered pair with ``min_moves`` hostile events.

    ``events`` must be usable events (:func:`.dyads.usable`); ``pair`` is "A|B" with A < B.
    """
    src, tgt = side_key(events, "source"), side_key(events, "target")
    frame = pd.DataFrame({"src": src, "tgt": tgt, "date": events["date"], "rung": rungs(events),
                          "cameo": events.get("cameo"),
                          "event_id": events["event_id"] if "event_id" in events.columns else events.index.astype(str),
                          "sources": events["source_count"] if "source_count" in events.columns else 1})
    frame = frame[frame["src"].notna() & frame["tgt"].notna() & (frame["src"] != frame["tgt"])
                  & (frame["rung"] >= HOSTILE)]
    lo = frame[["src", "tgt"]].min(axis=1)
    hi = frame[["src", "tgt"]].max(axis=1)
    frame = frame.assign(pair=lo + "|" + hi, direction=frame["src"] + "->" + frame["tgt"])
    size = frame.groupby("pair")["rung"].transform("size")
    frame = frame[size >= min_moves].drop(columns=["src", "tgt"])
    return best_moves(frame, ["pair", "date", "direction"])


def samples(events: pd.DataFrame, *, horizon: int = 14, min_moves: int = 10, window: int = 10,
            end: object = None) -> pd.DataFrame:
    """Training samples from every hostile pair of ``events`` (labels known by ``end``).

    Each pair's days run from its first hostile move to ``end`` (default: the last
    event date in the frame): quiet days after a pair's last move are real quiet.
    """
    if horizon < 1:
        raise AnalysisError(f"horizon must be at least one day, not {horizon}", where="horizon",
                            fix="give the number of days ahead to forecast")
    ev = usable(events)
    cols = ["day", *FEATURES, "persist", "y", "pair"]
    if ev.empty:
        return pd.DataFrame(columns=cols)
    stop = pd.Timestamp(end) if end is not None else ev["date"].max()
    parts = []
    for pair, mv in pair_moves(ev[ev["date"] <= stop], min_moves=min_moves).groupby("pair", sort=True):
        mv = linked_moves(mv.reset_index(drop=True), window=window)
        index = pd.date_range(mv["date"].min(), stop, freq="D")
        part = pair_samples(mv, index, horizon)
        parts.append(part.assign(pair=pair).rename_axis("day").reset_index())
    return pd.concat(parts, ignore_index=True)[cols] if parts else pd.DataFrame(columns=cols)


@dataclass(frozen=True)
class Model:
    """A fitted de-escalation model with its baselines."""

    estimator: Any
    base_rate: float
    persistence: dict[int, float]          # persist (0/1) -> training frequency of de-escalation
    n_train: int
    horizon: int
    trained_on: str

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return self.estimator.predict_proba(X[list(FEATURES)].to_numpy(dtype=float))[:, 1]

    def baseline(self, X: pd.DataFrame) -> np.ndarray:
        return X["persist"].astype(int).map(self.persistence).to_numpy(dtype=float)

    def coefficients(self) -> dict[str, float]:
        """Logistic coefficients per standardised feature (and the intercept)."""
        lr = self.estimator[-1]
        return {"intercept": float(lr.intercept_[0]), **dict(zip(FEATURES, map(float, lr.coef_[0])))}


def fit(train: pd.DataFrame, *, horizon: int, trained_on: str, C: float = 1.0) -> Model:
    """Fit the logistic model and both baselines on labelled samples."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    train = train[train["y"].notna()]
    y = train["y"].astype(int).to_numpy()
    if len(np.unique(y)) < 2:
        raise AnalysisError(f"training samples need both outcomes; got {len(y)} samples, all {y[:1]}",
                            where="training data", fix="train on a longer history or more dyads")
    est = make_pipeline(StandardScaler(), LogisticRegression(C=C, max_iter=1000))
    est.fit(train[list(FEATURES)].to_numpy(dtype=float), y)
    persistence = {}
    for v in (0, 1):
        sel = y[train["persist"].astype(int).to_numpy() == v]
        persistence[v] = float((sel.sum() + 1) / (len(sel) + 2))   # Laplace-smoothed frequency
    return Model(est, float(y.mean()), persistence, len(y), horizon, trained_on)


def reliability(p: np.ndarray, y: np.ndarray, *, bins: int = 10) -> pd.DataFrame:
    """Reliability bins: per equal-width bin of predicted probability, count, mean prediction, observed rate."""
    edges = np.linspace(0, 1, bins + 1)
    which = np.clip(np.digitize(p, edges[1:-1]), 0, bins - 1)
    rows = [{"bin": f"{edges[k]:.1f}-{edges[k + 1]:.1f}", "n": int((which == k).sum()),
             "mean_predicted": float(p[which == k].mean()) if (which == k).any() else np.nan,
             "observed": float(y[which == k].mean()) if (which == k).any() else np.nan} for k in range(bins)]
    return pd.DataFrame(rows)


def scores(p: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """Brier score, log loss and expected calibration error of probabilities ``p`` for outcomes ``y``."""
    q = np.clip(p, EPS, 1 - EPS)
    rel = reliability(p, y)
    ece = float(np.nansum(rel["n"] * (rel["mean_predicted"] - rel["observed"]).abs()) / max(len(y), 1))
    return {"brier": float(np.mean((p - y) ** 2)),
            "log_loss": float(-np.mean(y * np.log(q) + (1 - y) * np.log(1 - q))), "ece": ece}


@dataclass(frozen=True)
class Evaluation:
    """Held-out scores of the model and the baselines, and the model's reliability bins."""

    scores: dict[str, dict[str, float]]
    reliability: pd.DataFrame
    n_train: int
    n_test: int
    test_rate: float
    split_day: Any
    notes: list[str] = field(default_factory=list)


def temporal_split(data: pd.DataFrame, *, horizon: int, share: float = 0.7) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Train on days up to the ``share`` quantile minus ``horizon`` (labels known), test after it."""
    data = data[data["y"].notna()]
    cut = data["day"].quantile(share)
    return data[data["day"] <= cut - pd.Timedelta(days=horizon)], data[data["day"] > cut]


def evaluate(data: pd.DataFrame, *, horizon: int, trained_on: str, share: float = 0.7) -> Evaluation:
    """Fit on the earlier days, score model and baselines on the later ones."""
    train, test = temporal_split(data, horizon=horizon, share=share)
    if test.empty or train.empty:
        raise AnalysisError(f"too few labelled samples to evaluate ({len(train)} train, {len(test)} test)",
                            where="training data", fix="use a longer history")
    model = fit(train, horizon=horizon, trained_on=trained_on)
    y = test["y"].to_numpy(dtype=float)
    preds = {"model": model.predict(test), "base_rate": np.full(len(y), model.base_rate),
             "persistence": model.baseline(test)}
    return Evaluation({k: scores(v, y) for k, v in preds.items()}, reliability(preds["model"], y),
                      len(train), len(test), float(y.mean()), test["day"].min())
