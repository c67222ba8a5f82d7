"""Forecasts combined online: the forecaster and the three baselines weighted by their own past scores.

At origin ``t`` every *expert* (:data:`EXPERTS`: the fitted forecaster, climatology, persistence,
recency) has a record of forecasts on earlier origins; those whose window has closed
(``s + horizon <= t``) have a known outcome, so their squared errors are known from events up to
``t`` only. A :class:`Rule` turns the squared errors of the last ``window`` closed origins into a
forecast at ``t``:

``ewa``
    the exponentially weighted average of the experts' probabilities, weights
    ``prior_i * exp(-eta * loss_i)`` (for the squared loss, ``eta <= 1/2`` is exp-concave: a regret
    of at most ``ln(1 / prior_i) / eta`` against each expert over a run, before the delay of
    ``horizon`` days and the sliding window);
``aa``
    Vovk's aggregating algorithm for the Brier game (mixable with ``eta = 2``): the same
    weights, and the substitution ``p = 1/2 + (g(0) - g(1)) / 2`` with
    ``g(y) = -ln(sum_i w_i exp(-eta (p_i - y)^2)) / eta`` (regret ``ln(1 / prior_i) / 2``);
``convex``
    the convex weight vector minimising the summed squared error over the window plus
    ``pull * |w - e|^2``, ``e`` all weight on the forecaster (a prior toward it; the exact
    minimum over the simplex, every support tried).

The weights use only closed origins, so a combined forecast at ``t`` reads no event after
``t``; the experts' forecasts on the warm-up origins before the first scored one are computed
the same way (:func:`warmup_start`). The forecaster's own forecasts on warm-up origins inside
its training window are in-sample (it was fitted on them). With no closed origin yet the
weights are the prior.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Any

import numpy as np

from .baselines import NAMES, baselines

EXPERTS = ("forecaster", *NAMES)


@dataclass(frozen=True)
class Rule:
    """An aggregation rule (see the module docstring) with fixed settings."""

    kind: str                 # "ewa", "aa" or "convex"
    window: int = 180         # closed origins whose squared errors count
    eta: float = 2.0          # learning rate (ewa, aa)
    prior: float = 0.5        # the forecaster's prior weight (ewa, aa); the baselines share the rest
    pull: float = 10.0        # strength of the pull toward the forecaster (convex)

    @property
    def name(self) -> str:
        if self.kind == "convex":
            return f"convex, window {self.window}, pull {self.pull:g}"
        return f"{self.kind}, eta {self.eta:g}, window {self.window}"

    def check(self) -> None:
        from .dyads import AnalysisError

        if self.kind not in ("ewa", "aa", "convex"):
            raise AnalysisError(f"unknown aggregation rule {self.kind!r}", where="rule.kind",
                                fix="use 'ewa', 'aa' or 'convex'")
        if self.window < 1 or self.eta <= 0 or not 0 < self.prior < 1 or self.pull < 0:
            raise AnalysisError(f"rule settings out of range: {self}", where="rule",
                                fix="window >= 1, eta > 0, 0 < prior < 1, pull >= 0")


# the candidates of the development round (scripts/tune_online.py), fixed before it ran
RULES = {r.name: r for r in (Rule("ewa", eta=0.5), Rule("ewa", eta=2.0), Rule("aa", eta=2.0),
                             Rule("aa", eta=2.0, window=90), Rule("convex", pull=10.0),
                             Rule("convex", window=90, pull=10.0))}
# tune_online.py's round adopted none of them, so `flashpoint backtest` and the escalation report do
# not combine forecasts (docs/analytics.md section 6, the seventh round)


def warmup_start(first: int, rule: Rule, horizon: int) -> int:
    """The first origin whose forecasts the weights at origin ``first`` can read (0 at the earliest)."""
    return max(0, first - rule.window - horizon + 1)


def expert_forecasts(arr: np.ndarray, model: Any, origins: np.ndarray, *, day0: Any) -> np.ndarray:
    """(len(origins), 4): the forecaster's and the baselines' probabilities, in :data:`EXPERTS` order."""
    p = model.predict(arr, origins, day0=day0)
    base = baselines(arr, origins, horizon=model.horizon, target=model.target)
    return np.column_stack([p, *(base[n] for n in NAMES)])


def window_losses(P: np.ndarray, y: np.ndarray, *, horizon: int, window: int) -> tuple[np.ndarray, np.ndarray]:
    """Per row ``j`` of consecutive origins: each expert's summed squared error over the rows
    ``j - horizon - window + 1 .. j - horizon`` with a known outcome, and how many there were."""
    known = ~np.isnan(y)
    sq = np.where(known[:, None], (P - np.nan_to_num(y)[:, None]) ** 2, 0.0)
    cum = np.vstack([np.zeros((1, P.shape[1])), np.cumsum(sq, axis=0)])
    cnt = np.concatenate([[0], np.cumsum(known)])
    j = np.arange(len(P))
    hi = np.clip(j - horizon + 1, 0, len(P))          # exclusive end of the closed rows
    lo = np.clip(j - horizon - window + 1, 0, len(P))
    return cum[hi] - cum[lo], (cnt[hi] - cnt[lo]).astype(float)


def _prior(rule: Rule, k: int) -> np.ndarray:
    return np.r_[rule.prior, np.full(k - 1, (1 - rule.prior) / (k - 1))]


def _exp_weights(loss: np.ndarray, rule: Rule) -> np.ndarray:
    z = np.log(_prior(rule, loss.shape[1]))[None, :] - rule.eta * loss
    z -= z.max(axis=1, keepdims=True)
    w = np.exp(z)
    return w / w.sum(axis=1, keepdims=True)


def _aggregate(P: np.ndarray, w: np.ndarray, eta: float) -> np.ndarray:
    """Vovk's substitution for the Brier game (outcomes 0 and 1) from weights ``w``."""
    def g(outcome: float) -> np.ndarray:
        return -np.log(np.sum(w * np.exp(-eta * (P - outcome) ** 2), axis=1)) / eta
    return np.clip(0.5 + (g(0.0) - g(1.0)) / 2, 0.0, 1.0)


def _simplex_quadratic(A: np.ndarray, b: np.ndarray) -> np.ndarray:
    """argmin over the probability simplex of ``w'Aw - 2b'w`` (A positive definite): every support tried."""
    k = len(b)
    best, best_w = np.inf, np.full(k, 1.0 / k)
    for size in range(1, k + 1):
        for support in combinations(range(k), size):
            s = list(support)
            kkt = np.zeros((size + 1, size + 1))
            kkt[:size, :size], kkt[:size, size], kkt[size, :size] = A[np.ix_(s, s)], 0.5, 1.0
            sol = np.linalg.solve(kkt, np.r_[b[s], 1.0])
            if np.any(sol[:size] < -1e-12):
                continue
            w = np.zeros(k)
            w[s] = np.clip(sol[:size], 0.0, None)
            w /= w.sum()
            value = float(w @ A @ w - 2 * b @ w)
            if value < best:
                best, best_w = value, w
    return best_w


def _convex_weights(P: np.ndarray, y: np.ndarray, rule: Rule, horizon: int) -> np.ndarray:
    """Per row: the pulled convex weights fitted on the window's closed rows (cumulative sums of
    the outer products, so each row costs one small quadratic programme)."""
    n, k = P.shape
    known = ~np.isnan(y)
    Pk, yk = np.where(known[:, None], P, 0.0), np.nan_to_num(y)
    outer = np.concatenate([np.zeros((1, k, k)), np.cumsum(Pk[:, :, None] * Pk[:, None, :], axis=0)])
    cross = np.vstack([np.zeros((1, k)), np.cumsum(Pk * yk[:, None], axis=0)])
    e = np.eye(k)[0]
    out = np.empty((n, k))
    for j in range(n):
        hi = int(np.clip(j - horizon + 1, 0, n))
        lo = int(np.clip(j - horizon - rule.window + 1, 0, n))
        A = outer[hi] - outer[lo] + (rule.pull + 1e-9) * np.eye(k)
        out[j] = _simplex_quadratic(A, cross[hi] - cross[lo] + rule.pull * e)
    return out


def combine(P: np.ndarray, y: np.ndarray, *, horizon: int, rule: Rule) -> tuple[np.ndarray, np.ndarray]:
    """(combined probability, weights) at every row of ``P`` (experts' forecasts on consecutive origins;
    ``y`` their outcomes, NaN where unknown); row ``j`` reads rows closed by it only."""
    rule.check()
    if rule.kind == "convex":
        w = _convex_weights(P, y, rule, horizon)
        return np.clip(np.sum(w * P, axis=1), 0.0, 1.0), w
    loss, _ = window_losses(P, y, horizon=horizon, window=rule.window)
    w = _exp_weights(loss, rule)
    if rule.kind == "aa":
        return _aggregate(P, w, rule.eta), w
    return np.sum(w * P, axis=1), w


def online_forecasts(arr: np.ndarray, model: Any, origins: np.ndarray, *, day0: Any, rule: Rule,
                     known: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """The combined forecast at ``origins`` (consecutive day indices) of one pair's array, with the
    experts' forecasts and the weights there. ``known`` (bool per day index) marks the origins whose
    outcome the history holds; by default every origin whose window ends inside ``arr``."""
    from .pairdays import outcomes

    lo, hi = int(origins[0]), int(origins[-1])
    ext = np.arange(warmup_start(lo, rule, model.horizon), hi + 1)
    P = expert_forecasts(arr, model, ext, day0=day0)
    y = outcomes(arr, horizon=model.horizon, target=model.target)[ext]
    if known is not None:
        y[~known[ext]] = np.nan
    p, w = combine(P, y, horizon=model.horizon, rule=rule)
    keep = ext >= lo
    return {"p": p[keep], "experts": P[keep], "weights": w[keep]}
