"""Stacked forecasts (the model and the three baselines blended), chosen on the tuning half of 2014.

Every earlier round changed the model and kept losing on a dyad where one baseline is
already hard to beat (IRN-USA: climatology; CHN-JPN: persistence). This round blends the
forecaster of the time (``forecaster.py`` VERSION 4) with the three baselines, with weights
learnt from **out-of-sample** forecasts inside the training window only:

* **Stacking rows**: for a training window ending ``E``, the window is cut every 30 days back
  from ``E`` (cuts with at least ``MIN_HISTORY`` days of history before them); at each cut ``c``
  the forecaster is fitted on origins up to ``c`` (as ``flashpoint backtest`` would), and every
  training pair (at least ``m`` target days by ``E``) gets, for origins ``c+1 .. min(c+30, E-h)``,
  the model's probability, the three baselines' (each from the pair's closed origins, as in the
  backtest), a dyad feature ``s`` (the log of the pair's long-run share of target days up to the
  origin, standardised over the rows) and the outcome (closed by ``E``).
* **Blends** fitted on those rows, pooled over the pairs:
  ``stack``: ``logit p = a + sum_j b_j logit(p_j)`` over j in model, climatology, persistence,
  recency (logistic regression, ridge 1);
  ``stack + s``: the same plus ``s`` and ``s * logit(p_j)`` (weights that depend on how sparse the
  dyad is);
  ``convex``: ``p = sum_j w_j p_j`` with ``w`` on the simplex, minimising the Brier score;
  ``convex + s``: softmax weights linear in ``s``.
  ``..., weekly cuts``: the same on stacking rows from cuts every 7 days (7-day blocks, m 3), so
  every row's model is at most a week old.
  Each also **per dyad, shrunk**: refitted on the dyad's own stacking rows with an L2 pull of
  ``k`` (per row, as the forecaster's ``dyad_l2``) towards the pooled weights, k = 0.1 or 1.
* The model the blend is applied to is the forecaster fitted on the whole training window.

Cells and rule (as ``tune_pooled.py``, fixed before the first run): three tuning splits (trained
to 31 March, 30 April, 31 May; origins from the next day to 23 June), every pair with 10+ quad-4
days by the split's training end plus the four dyads; a cell's score is the candidate's Brier
minus the best baseline's; **most cells below the best baseline wins, ties by the summed
difference; the forecaster of the time stays unless beaten.** The four dyads' cells are printed for
information. ``--check NAME ...`` scores named candidates on the check half (trained to 30 June,
origins 1 July - 24 December, the four dyads) and must only be run after the choice.
Run: .venv/bin/python scripts/tune_stack.py /tmp/icews14.duckdb [--check NAME ...]
"""
from __future__ import annotations

import sys

import numpy as np
import pandas as pd

from flashpoint.analytics.forecaster import VERSION

from tune_pooled import cell_keys, command_line, print_ranking, record
from tune_recalibration import H, tuning_days

MIN_HISTORY = 45
BLOCK = 30
NAMES = ("model", "climatology", "persistence", "recency")
PULLS = (0.1, 1.0)
NO_COUNTS = pd.DataFrame({"date": pd.to_datetime(pd.Series([], dtype=str))})  # fit() digests counts; not needed here


def logit(p: np.ndarray) -> np.ndarray:
    from flashpoint.analytics.pairdays import logit as plain

    return plain(np.clip(p, 1e-4, 1 - 1e-4))


def pair_inputs(days, model, arr: np.ndarray, origins: np.ndarray, stop: int) -> np.ndarray:
    """Columns: the model's and the baselines' probabilities and ``s`` at ``origins`` (data to ``stop``)."""
    from flashpoint.analytics.baselines import baselines
    from flashpoint.analytics.pairdays import features

    part = arr[:stop + 1]
    p = model.predict(part, origins, day0=days.day0)
    base = baselines(part, origins, horizon=H)
    s = features(part, day0=days.day0, horizon=H)["log_target_day_rate"].to_numpy()[origins]
    return np.column_stack([p, base["climatology"], base["persistence"], base["recency"], s])


def stack_rows(days, end: pd.Timestamp, *, m: int, block: int = BLOCK) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per training pair, out-of-sample (inputs, outcomes) from the cuts inside the window ending ``end``."""
    from flashpoint.analytics.dyads import AnalysisError
    from flashpoint.analytics.forecaster import fit
    from flashpoint.analytics.pairdays import outcomes

    e = days.index_of(end)
    pairs = {k: a for k, a in days.arrays.items() if ((a[:e + 1, 3] + a[:e + 1, 7]) > 0).sum() >= m}
    out: dict[str, list] = {}
    cut = e - block
    while cut >= MIN_HISTORY:
        try:
            model = fit(days, NO_COUNTS, horizon=H, train_end=days.day_of(cut))
        except AnalysisError:
            break
        origins = np.arange(cut + 1, min(cut + block, e - H) + 1)
        for key, arr in pairs.items():
            x = pair_inputs(days, model, arr, origins, e)
            y = outcomes(arr[:e + 1], horizon=H)[origins]
            out.setdefault(key, []).append((x, y))
        cut -= block
    return {k: (np.vstack([x for x, _ in v]), np.concatenate([y for _, y in v])) for k, v in out.items()}


class Blend:
    """A blend of the four forecasts (see the module docstring); ``kind`` is ``stack`` or ``convex``."""

    def __init__(self, kind: str, *, with_s: bool) -> None:
        self.kind, self.with_s = kind, with_s

    def design(self, x: np.ndarray) -> np.ndarray:
        s = (x[:, 4:5] - self.s_mean) / self.s_scale
        if self.kind == "stack":
            L = logit(x[:, :4])
            return np.column_stack([L, s, s * L]) if self.with_s else L
        return np.column_stack([np.ones(len(x)), s]) if self.with_s else np.ones((len(x), 1))

    def fit(self, x: np.ndarray, y: np.ndarray) -> Blend:
        self.s_mean, self.s_scale = float(x[:, 4].mean()), float(x[:, 4].std() + 1e-9)
        n = self.design(x[:1]).shape[1]
        start = np.zeros(n + 1) if self.kind == "stack" else np.zeros((4, n)).ravel()
        self.coef = self._solve(x, y, prior=start, strength=0.0)
        return self

    def specialise(self, x: np.ndarray, y: np.ndarray, *, strength: float) -> np.ndarray:
        return self._solve(x, y, prior=self.coef, strength=strength)

    def _solve(self, x, y, *, prior, strength) -> np.ndarray:
        from scipy.optimize import minimize

        D = self.design(x)
        if self.kind == "stack":
            def loss(w):
                z = w[0] + D @ w[1:]
                p = 1 / (1 + np.exp(-z))
                d = w - prior
                ridge = 1.0 / len(y) * float(w[1:] @ w[1:]) * 0.5
                val = np.mean(np.logaddexp(0, z) - y * z) + ridge + strength * float(d @ d)
                g = np.r_[np.mean(p - y), D.T @ (p - y) / len(y)] + np.r_[0, w[1:] / len(y)] + 2 * strength * d
                return val, g
            return minimize(loss, prior.astype(float), jac=True, method="L-BFGS-B").x

        P = x[:, :4]

        def loss(w):
            W = w.reshape(4, -1)
            a = D @ W.T                          # rows x 4
            a = np.exp(a - a.max(axis=1, keepdims=True))
            a /= a.sum(axis=1, keepdims=True)
            p = (a * P).sum(axis=1)
            d = w - prior
            return float(np.mean((p - y) ** 2) + strength * float(d @ d) + 1e-4 * float(w @ w))
        return minimize(loss, prior.astype(float), method="L-BFGS-B").x

    def predict(self, x: np.ndarray, *, coef: np.ndarray | None = None) -> np.ndarray:
        w = self.coef if coef is None else coef
        D = self.design(x)
        if self.kind == "stack":
            return 1 / (1 + np.exp(-(w[0] + D @ w[1:])))
        a = D @ w.reshape(4, -1).T
        a = np.exp(a - a.max(axis=1, keepdims=True))
        a /= a.sum(axis=1, keepdims=True)
        return (a * x[:, :4]).sum(axis=1)

    def weights(self) -> str:
        return " ".join(f"{v:+.2f}" for v in self.coef)


CANDIDATES = {**{f"{k}{' + s' if s else ''}, m{m}": (k, s, m) for k in ("stack", "convex") for s in (False, True)
                 for m in (3, 10)},
              **{f"{k}{' + s' if s else ''}, m3, weekly cuts": (k, s, 7) for k in ("stack", "convex")
                 for s in (False, True)}}
ROWS = {3: (3, BLOCK), 10: (10, BLOCK), 7: (3, 7)}     # key -> (min target days, days between cuts)


def score_cells(days, end, first_origin, last, keys, blends, rows, model) -> dict[str, dict[str, float]]:
    from flashpoint.analytics.forecast import scores
    from flashpoint.analytics.pairdays import outcomes

    origins = np.arange(days.index_of(first_origin), days.index_of(last) + 1)
    stop = days.index_of(last) + H
    out: dict[str, dict[str, float]] = {}
    for key in sorted(keys):
        a, b = key.split("|")
        arr = days.array(a, b)
        x = pair_inputs(days, model, arr, origins, stop)
        y = outcomes(arr[:stop + 1], horizon=H)[origins]
        best = min(scores(x[:, j], y)["brier"] for j in (1, 2, 3))
        cell = {f"current (VERSION {VERSION})": scores(x[:, 0], y)["brier"] - best}
        for name, blend in blends.items():
            cell[name] = scores(blend.predict(x), y)["brier"] - best
            m = CANDIDATES[name][2]
            own = rows[m].get(key)
            for k in PULLS:
                ok = own is not None and len(own[1]) >= 30
                coef = blend.specialise(own[0], own[1], strength=k) if ok else None
                cell[f"{name}, dyad pull {k}"] = scores(blend.predict(x, coef=coef), y)["brier"] - best
        out[key] = cell
    return out


def main(db: str, *, check: list[str] | None) -> int:
    from flashpoint.analytics.forecaster import fit

    splits, last, days = tuning_days(db, check=bool(check))
    every: dict[str, list[float]] = {}
    fours: dict[str, list[float]] = {}
    for train_end, first_origin in splits:
        end = pd.Timestamp(train_end)
        e = days.index_of(end)
        rows = {key: stack_rows(days, end, m=m, block=blk) for key, (m, blk) in ROWS.items()}
        blends = {}
        for name, (kind, with_s, m) in CANDIDATES.items():
            if check and not any(c.startswith(name) for c in check):
                continue
            x = np.vstack([v[0] for v in rows[m].values()])
            y = np.concatenate([v[1] for v in rows[m].values()])
            blends[name] = Blend(kind, with_s=with_s).fit(x, y)
            print(f"train to {train_end}: {name}: {len(y)} rows of {len(rows[m])} pairs; weights {blends[name].weights()}",
                  file=sys.stderr)
        model = fit(days, NO_COUNTS, horizon=H, train_end=end)
        keys = cell_keys(days, e, check=bool(check))
        cells = score_cells(days, end, first_origin, last, keys, blends, rows, model)
        for key, cell in cells.items():
            record(every, fours, key, cell)
    print_ranking(every, fours, check=bool(check))
    return 0


if __name__ == "__main__":
    command_line(main, __doc__)
