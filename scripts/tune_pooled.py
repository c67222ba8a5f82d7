"""Pooled forecasters judged on every active pair of the tuning half of 2014 (origins January-June).

The earlier rounds (``tune_forecaster.py``, ``tune_recalibration.py``, ``tune_clustering.py``)
chose on 12 cells (3 splits x the 4 dyads), too few to tell models apart. This round fixes,
*before its first run*, a rule over every active pair:

* **Cells**: for each of the three tuning splits (trained to 31 March, 30 April, 31 May; origins
  from the next day to 23 June, windows closed by 30 June), every unordered pair with at least 10
  days of quad-4 events by the split's training end, and the four dyads ISR-PSE, IRN-USA, RUS-UKR,
  CHN-JPN whether or not they have 10 (each pair once per split).
* **Score of a cell**: the candidate's Brier score minus the best of the three baselines'
  (climatology, persistence, recency) on the cell's origins; negative: the candidate wins.
* **Rule**: the candidate with the most winning cells; ties go to the smaller sum of the cells'
  differences; the forecaster of the time (climatology-offset logit on the burst rates ``z``, pooled
  on pairs with 10+ target days, per-dyad pull 0.2) stays unless a candidate beats it by this
  rule. The four dyads' cells are printed too, for information; they do not change the rule.

Candidates, all logistic regressions around the dyad's logit climatology (an offset with
coefficient 1, so zero weights give climatology back), fitted pooled on every pair with at least
``m`` target days in the training window (m = 1 is every active pair), each scored pooled and
with per-dyad pulls 0.2 and 1 (as the forecaster's ``dyad_l2``):

* ``z``: the burst rates (standardised log EWM rates of target days, half-lives 3, 10, 30, 90);
* ``z + lr + z*lr``: with the dyad's long-run rate of target days (``lr``) as a dyad feature, so a
  burst can move a busy dyad's odds less or more than a sparse one's;
* ``z + z*off``: the bursts scaled by the dyad's logit climatology;
* ``z + z*acy``: the bursts scaled by the autocorrelation of the dyad's own past outcomes;
* ``z, rolling offset``: the offset is half the cumulative climatology's logit and half the logit of
  the outcome's frequency over the last 90 closed origins (a base rate that follows a dyad that
  quiets down), the weights fitted around that offset;
* ``..., cross-fit shrink``: a recalibration fitted on the training origins only: the training
  origins are cut into three blocks of time; each block's adjustment (the logit minus the offset)
  comes from a fit on the other two blocks (origins within a horizon of the block left out), and
  ``logit p = offset + a + s * adjustment`` is fitted on those out-of-block adjustments of every
  pair; the final adjustment (pooled or the dyad's own) is then shrunk with that ``a`` and ``s``.

Run: .venv/bin/python scripts/tune_pooled.py /tmp/icews14.duckdb [--check NAME ...]
``--check`` scores the named candidates once on the check half (trained to 30 June, origins
1 July - 24 December) for the four dyads and must only be run after the choice.
"""
from __future__ import annotations

import sys

import numpy as np
import pandas as pd

from tune_clustering import Z, OffsetLogit, actor_totals, context, raw
from tune_forecaster import DYADS
from tune_recalibration import H, tuning_days

SPECS: dict[str, tuple[tuple[str, ...], int, bool]] = {      # inputs, min target days, rolling offset
    **{f"z, m{m}": (Z, m, False) for m in (1, 3, 10)},
    **{f"z + lr + z*lr, m{m}": (Z + ("lr",) + tuple(f"{z}*lr" for z in Z), m, False) for m in (1, 3)},
    **{f"z + z*off, m{m}": (Z + tuple(f"{z}*off" for z in Z), m, False) for m in (1, 3)},
    **{f"z + z*acy, m{m}": (Z + tuple(f"{z}*acy" for z in Z), m, False) for m in (1, 3)},
    **{f"z, rolling offset, m{m}": (Z, m, True) for m in (1, 3, 10)},
}
SHRUNK = ("z, m1", "z, m3", "z, m10", "z + lr + z*lr, m1", "z, rolling offset, m3")
PULLS = (0.2, 1.0)
BLOCKS = 3


def with_offset(r: dict[str, np.ndarray], rolling: bool) -> dict[str, np.ndarray]:
    """The inputs with the rolling offset when asked (``rb90`` is the 90-origin logit minus ``off``)."""
    return {**r, "off": r["off"] + 0.5 * r["rb90"]} if rolling else r


def pool(days, end: pd.Timestamp, totals) -> list[tuple[int, dict[str, np.ndarray], np.ndarray]]:
    """(target days, inputs on origins 0..end-H, outcomes) of every pair with a target day by ``end``."""
    from flashpoint.analytics.pairdays import outcomes

    stop, hi = days.index_of(end) + 1, days.index_of(end) - H
    rows = []
    for key, arr in days.arrays.items():
        part = arr[:stop]
        n = int(((part[:, 3] + part[:, 7]) > 0).sum())
        if n:
            r = raw(part, context(totals, *key.split("|"), arr)[:stop])
            rows.append((n, {k: v[:hi + 1] for k, v in r.items()}, outcomes(part, horizon=H)[:hi + 1]))
    return rows


def cross_fit_shrink(spec, rows: list[dict[str, np.ndarray]], ys: list[np.ndarray]) -> tuple[float, float]:
    """(a, s) of ``logit p = off + a + s * adjustment`` on out-of-block adjustments (see the docstring)."""
    n = len(ys[0])
    edges = np.linspace(0, n, BLOCKS + 1).astype(int)
    adj, offs, yy = [], [], []
    for k in range(BLOCKS):
        lo, hi = edges[k], edges[k + 1]
        train = np.r_[0:max(lo - H, 0), min(hi + H, n):n]
        if len(train) < 30:
            continue
        m = OffsetLogit(spec).fit([{c: v[train] for c, v in r.items()} for r in rows],
                                  np.concatenate([y[train] for y in ys]))
        for r, y in zip(rows, ys):
            part = {c: v[lo:hi] for c, v in r.items()}
            p = np.clip(m.predict(part), 1e-9, 1 - 1e-9)
            adj.append(np.log(p / (1 - p)) - part["off"])
            offs.append(part["off"])
            yy.append(y[lo:hi])
    a, off, y = np.concatenate(adj), np.concatenate(offs), np.concatenate(yy)
    # Newton steps on (a, s) with the offset kept at coefficient 1
    w = np.zeros(2)
    X = np.column_stack([np.ones(len(a)), a])
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(off + X @ w)))
        step = np.linalg.solve((X * (p * (1 - p))[:, None]).T @ X + 1e-6 * np.eye(2), X.T @ (p - y))
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return float(w[0]), float(w[1])


def fit_candidates(rows) -> dict[str, tuple[OffsetLogit, bool, tuple[float, float] | None]]:
    out = {}
    for name, (spec, m, rolling) in SPECS.items():
        sel = [(with_offset(r, rolling), y) for n, r, y in rows if n >= m]
        model = OffsetLogit(spec).fit([r for r, _ in sel], np.concatenate([y for _, y in sel]))
        out[name] = (model, rolling, None)
        if name in SHRUNK:
            out[f"{name}, cross-fit shrink"] = (model, rolling, cross_fit_shrink(spec, [r for r, _ in sel],
                                                                                 [y for _, y in sel]))
    return out


def predict(model: OffsetLogit, r, shrink, coef=None) -> np.ndarray:
    p = np.clip(model.predict(r, coef=coef), 1e-9, 1 - 1e-9)
    if shrink is None:
        return p
    a, s = shrink
    z = r["off"] + a + s * (np.log(p / (1 - p)) - r["off"])
    return 1.0 / (1.0 + np.exp(-z))


def score_pair(arr, ctx, models, current, origins, end_index, day0) -> dict[str, float]:
    from flashpoint.analytics.baselines import baselines
    from flashpoint.analytics.forecast import scores
    from flashpoint.analytics.pairdays import outcomes

    yy = outcomes(arr, horizon=H)[origins]
    best = min(scores(p, yy)["brier"] for p in baselines(arr, origins, horizon=H).values())
    out = {"previous (z, m10, pull 0.2)": scores(current.predict(arr, origins, day0=day0), yy)["brier"] - best}
    own = arr[:end_index + 1]
    r_all, r_own = raw(arr, ctx), {k: v[30:end_index - H + 1] for k, v in raw(own, ctx[:end_index + 1]).items()}
    y_own = outcomes(own, horizon=H)[30:end_index - H + 1]
    for name, (model, rolling, shrink) in models.items():
        r, ro = with_offset(r_all, rolling), with_offset(r_own, rolling)
        out[name] = scores(predict(model, r, shrink)[origins], yy)["brier"] - best
        for strength in PULLS:
            coef = model.specialise(ro, y_own, strength=strength) if len(np.unique(y_own)) == 2 else None
            out[f"{name}, pull {strength}"] = scores(predict(model, r, shrink, coef)[origins], yy)["brier"] - best
    return out


def main(db: str, *, check: list[str] | None) -> int:
    from flashpoint.analytics.forecaster import BURSTS, ClimatologyLogit, Forecaster, training_samples

    splits, last, days = tuning_days(db, check=bool(check))
    totals = actor_totals(days)
    every: dict[str, list[float]] = {}
    four: dict[str, list[float]] = {}
    for train_end, first_origin in splits:
        end = pd.Timestamp(train_end)
        e = days.index_of(end)
        rows = pool(days, end, totals)
        models = fit_candidates(rows)
        if check:
            models = {k: v for k, v in models.items() if k in check}
        X, y, _ = training_samples(days, horizon=H, target=4, start=days.day0, end=end)
        current = Forecaster(ClimatologyLogit(l2=0.01, inputs=BURSTS).fit(X, y), H, 4, days.day0, end, "", 0, 0, {"dyad_l2": 0.2})
        origins = np.arange(days.index_of(first_origin), days.index_of(last) + 1)
        keys = cell_keys(days, e, check=bool(check))
        print(f"train to {train_end}: {sum(n >= 1 for n, _, _ in rows)} active pairs, {len(keys)} cells; "
              + ", ".join(f"{name} (a, s) = ({sh[0]:+.2f}, {sh[1]:.2f})"
                          for name, (_, _, sh) in models.items() if sh), file=sys.stderr)
        for key in sorted(keys):
            a, b = key.split("|")
            arr = days.array(a, b)
            cells = score_pair(arr, context(totals, a, b, arr), models, current, origins, e, days.day0)
            record(every, four, key, cells)
    print_ranking(every, four, check=bool(check))
    return 0


DYAD_KEYS = frozenset("|".join(sorted(d)) for d in DYADS)  # the four dyads' cells


def cell_keys(days, e: int, *, check: bool) -> set[str]:
    """The cells scored: the four dyads, and on the tune half every pair with 10+ quad-4 days by
    day ``e`` (the window's end)."""
    keys = set(DYAD_KEYS)
    if not check:
        keys |= {k for k, a in days.arrays.items() if ((a[:e + 1, 3] + a[:e + 1, 7]) > 0).sum() >= 10}
    return keys


def record(every: dict[str, list[float]], four: dict[str, list[float]], key: str, cells: dict[str, float]) -> None:
    """Add one cell's Brier differences per candidate; the four dyads' cells also to ``four``."""
    for name, v in cells.items():
        every.setdefault(name, []).append(v)
        if key in DYAD_KEYS:
            four.setdefault(name, []).append(v)


def print_ranking(every: dict[str, list[float]], four: dict[str, list[float]], *, check: bool) -> None:
    """The candidates by the rule (most cells below the best baseline, then the smaller sum)."""
    order = sorted(every, key=lambda k: (-sum(v < 0 for v in every[k]), sum(every[k])))
    print(("CHECK half (after the choice)" if check else "Tuning half")
          + ": cells below the best baseline / sum of Brier differences; all cells | the four dyads' cells")
    for name in order:
        d, f = every[name], four[name]
        print(f"{name:52s} {sum(v < 0 for v in d):3d}/{len(d)} {sum(d):+.3f} | {sum(v < 0 for v in f):2d}/{len(f)} "
              f"{sum(f):+.3f}  " + " ".join(f"{v:+.3f}" for v in f))


def command_line(main, doc: str) -> None:
    """``SCRIPT STORE [--check NAME ...]``: run ``main`` or print ``doc``."""
    args = sys.argv[1:]
    if not args or (len(args) > 1 and args[1] != "--check"):
        print(doc, file=sys.stderr)
        raise SystemExit(2)
    raise SystemExit(main(args[0], check=args[2:] if len(args) > 1 else None))


if __name__ == "__main__":
    command_line(main, __doc__)
