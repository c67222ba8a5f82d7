"""The three baselines a forecast must beat, each from one pair's own history up to the origin.

For origin ``i`` only origins ``s <= i - h`` have a known outcome (their window has
closed); every baseline learns from those alone and gives a probability at every
origin (Laplace smoothing, or climatology while a fit is impossible):

``climatology``
    the outcome's past frequency, ``(ones + 1) / (n + 2)``;
``persistence``
    the past frequency of the outcome among origins in the same state as this one:
    *quiet* (no target event in the last 7 days) or not;
``recency``
    a logistic regression on log(1 + days since the last target event) and the
    counts of target events in the last 7 and 30 days, refitted at every origin on
    the closed origins (climatology until both outcomes have been seen 3 times).
"""
from __future__ import annotations

import numpy as np

from .pairdays import climatology, days_since, outcomes, persistence, window_sum

NAMES = ("climatology", "persistence", "recency")
MIN_CLASS = 3


def recency_inputs(hits: np.ndarray) -> np.ndarray:
    return np.column_stack([np.log1p(days_since(hits > 0)), window_sum(hits, 7), window_sum(hits, 30)])


def _objective(X: np.ndarray, y: np.ndarray, w: np.ndarray, ridge: np.ndarray) -> float:
    z = X @ w
    return float(np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 * w @ ridge @ w)


def fit_logistic(x: np.ndarray, y: np.ndarray, *, w0: np.ndarray | None = None, iterations: int = 50
                 ) -> np.ndarray:
    """Intercept and weights of an L2-penalised logistic regression (scikit-learn's default
    objective: summed log loss + half the squared weights, intercept unpenalised), by Newton steps,
    each halved until the objective does not rise (so a far start, or a fit near separation,
    cannot run off to a saturated solution)."""
    X = np.column_stack([np.ones(len(x)), x])
    w = np.zeros(X.shape[1]) if w0 is None else w0.copy()
    ridge = np.eye(X.shape[1])
    ridge[0, 0] = 0.0
    value = _objective(X, y, w, ridge)
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(X @ w)))
        grad = X.T @ (p - y) + ridge @ w
        hess = (X * (p * (1 - p))[:, None]).T @ X + ridge
        try:
            step = np.linalg.solve(hess, grad)
        except np.linalg.LinAlgError:          # saturated fit (every p at 0 or 1): least squares
            step = np.linalg.lstsq(hess, grad, rcond=None)[0]
        for _ in range(30):
            new = _objective(X, y, w - step, ridge)
            if new <= value + 1e-12:
                break
            step = step / 2
        w, value = w - step, min(value, new)
        if float(np.abs(step).max()) < 1e-9:
            break
    return w


def recency(x: np.ndarray, y: np.ndarray, origins: np.ndarray, *, horizon: int,
            fallback: np.ndarray) -> np.ndarray:
    """The recency regression's probability at each of ``origins`` (indices into ``x``/``y``),
    refitted on the closed origins at each (started from the previous origin's fit)."""
    out = np.empty(len(origins))
    w = None
    for k, i in enumerate(origins):
        stop = i - horizon + 1                      # origins 0 .. i-h are closed
        yy = y[:max(stop, 0)]
        if min(int((yy == 1).sum()), int((yy == 0).sum())) < MIN_CLASS:
            out[k] = fallback[i]
            continue
        w = fit_logistic(x[:stop], yy, w0=w)
        out[k] = 1.0 / (1.0 + np.exp(-(w[0] + x[i] @ w[1:])))
    return out


def baselines(arr: np.ndarray, origins: np.ndarray, *, horizon: int, target: int = 4) -> dict[str, np.ndarray]:
    """Each baseline's probability at ``origins`` (day indices) for one pair's array."""
    hits = arr[:, target - 1] + arr[:, target + 3]
    y = outcomes(arr, horizon=horizon, target=target)
    clim = climatology(y, horizon=horizon)
    quiet = window_sum(hits, 7) == 0
    return {"climatology": clim[origins],
            "persistence": persistence(quiet, y, horizon=horizon)[origins],
            "recency": recency(recency_inputs(hits), y, origins, horizon=horizon, fallback=clim)}
