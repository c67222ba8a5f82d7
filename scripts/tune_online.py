"""Forecasts combined online by their own past scores (``analytics/online.py``): the development round.

Blends so far were fitted once, on the training window (``tune_stack.py``). Here the weights move
*within* the backtest: at origin ``t`` the forecaster and the three baselines (climatology,
persistence, recency) are weighted by their squared errors on the last ``window`` origins closed
by ``t`` (``s + 7 <= t``), so the combined forecast reads only events up to ``t``. The weights at
the first scored origin come from warm-up origins before it (up to ``window + 6`` days back,
never before the store's first day), forecast the same way. The rule below was committed
before the script's first run.

**Candidates** (six, fixed values; ``online.RULES``):

* ``ewa, eta 0.5, window 180``: exponentially weighted average of the four probabilities, weights
  ``prior * exp(-0.5 * summed squared error)`` (eta 1/2: the squared loss is exp-concave);
* ``ewa, eta 2, window 180``: the same with a faster rate;
* ``aa, eta 2, window 180``: Vovk's aggregating algorithm for the Brier game (eta 2, mixable);
* ``aa, eta 2, window 90``: the same on a shorter window;
* ``convex, window 180, pull 10``: the convex weight vector minimising the window's summed squared
  error plus ``10 * |w - e|^2``, ``e`` all weight on the forecaster;
* ``convex, window 90, pull 10``: the same on a shorter window.

The prior of ``ewa`` and ``aa`` is 1/2 on the forecaster and 1/6 on each baseline. The forecaster
is the command's (VERSION 4, ``forecaster.fit`` on the store's first day to the training end).

**Development data** (both read only data used by earlier rounds for development or never
scored for these candidates; the four dyads' check half is not read):

* (a) the tune half of 2014, the cells of ``tune_pooled.py``: three splits (trained to 31 March,
  30 April, 31 May; origins from the next day to 23 June; the store cut at 30 June), every pair
  with 10+ quad-4 days by the split's training end plus the four dyads: 32 cells. A cell's score
  is the Brier score minus the best of the three baselines on the cell's origins.
* (b) the fresh 12-pair panel of ``fresh_panel.py`` (the same pairs: 10+ quad-4 days in January-June,
  the four dyads left out; origins 1 July - 24 December; trained to 30 June). Per pair the Brier
  minus the best baseline; per candidate the pairs below every baseline and the summed difference
  with the Newey-West se (lag 14) of the per-origin panel sum, and the margin to the forecaster
  (its summed difference minus the candidate's) with the Newey-West se of the paired margin.

**Adoption rule**: a candidate qualifies only if, against the current forecaster (uncombined),
it has (1) more cells below the best baseline on (a), and (2) more pairs below every baseline on
(b), and (3) a summed difference on (b) lower than the forecaster's by more than one Newey-West
standard error, read both ways as ``fresh_panel.py`` did: the margin is larger than the se of the
candidate's summed difference and larger than the se of the paired margin. If several qualify,
the one with the most pairs on (b), then the most cells on (a), then the smaller summed difference
on (b) is adopted. If none qualifies nothing is adopted and the four dyads' check half is not
scored. If one is adopted, it becomes ``online.ADOPTED``, used by ``flashpoint backtest``, and
the four dyads' check half (origins 1 July - 31 December 2014, trained to 30 June) is then scored
once with the command and reported whatever it says.

Run: .venv/bin/python scripts/tune_online.py STORE
"""
from __future__ import annotations

import sys

import numpy as np
import pandas as pd

from flashpoint.analytics.forecaster import VERSION

from fresh_panel import panel_keys
from tune_pooled import DYAD_KEYS, cell_keys
from tune_recalibration import H, tuning_days
from tune_stack import NO_COUNTS

CURRENT = f"forecaster (VERSION {VERSION})"  # 4 when this round was run
BASES = ("climatology", "persistence", "recency")
PANEL = ("2014-06-30", "2014-07-01", "2014-12-24")


def cell_scores(days, model, key: str, origins: np.ndarray, stop: int) -> dict[str, object]:
    """One pair's per-origin squared errors of the forecaster, each rule and each baseline, and its outcomes."""
    from flashpoint.analytics.online import RULES, online_forecasts
    from flashpoint.analytics.pairdays import outcomes

    arr = days.array(*key.split("|"))[:stop + 1]
    y = outcomes(arr, horizon=H)[origins]
    if np.isnan(y).any():
        raise SystemExit(f"{key}: an origin's window is not closed by the last day")
    sq: dict[str, np.ndarray] = {}
    base: dict[str, np.ndarray] = {}
    for name, rule in RULES.items():
        got = online_forecasts(arr, model, origins, day0=days.day0, rule=rule)
        sq[name] = (got["p"] - y) ** 2
        if not base:                              # the experts are the same under every rule
            sq = {CURRENT: (got["experts"][:, 0] - y) ** 2, **sq}
            base = {b: (got["experts"][:, k + 1] - y) ** 2 for k, b in enumerate(BASES)}
    return {"y": y, "sq": sq, "base": base}


def tune_half(db: str) -> dict[str, list[float]]:
    """(a): per candidate, the 32 cells' Brier minus the best baseline."""
    from flashpoint.analytics.forecaster import fit
    from tune_forecaster import LAST_ORIGIN, SPLITS

    _, _, days = tuning_days(db, check=False)
    out: dict[str, list[float]] = {}
    four: dict[str, list[float]] = {}
    for train_end, first in SPLITS:
        end = pd.Timestamp(train_end)
        e = days.index_of(end)
        model = fit(days, NO_COUNTS, horizon=H, train_end=end)
        origins = np.arange(days.index_of(first), days.index_of(LAST_ORIGIN) + 1)
        for key in sorted(cell_keys(days, e, check=False)):
            c = cell_scores(days, model, key, origins, days.size - 1)
            best = min(float(v.mean()) for v in c["base"].values())
            for name, v in c["sq"].items():
                out.setdefault(name, []).append(float(v.mean()) - best)
                if key in DYAD_KEYS:
                    four.setdefault(name, []).append(float(v.mean()) - best)
    print(f"(a) tune half, {len(out[CURRENT])} cells: below the best baseline, summed difference | four dyads")
    for name in out:
        d, f = out[name], four[name]
        print(f"  {name:32s} {sum(v < 0 for v in d):3d}/{len(d)} {sum(d):+.3f} | {sum(v < 0 for v in f):2d}/{len(f)} "
              f"{sum(f):+.3f}")
    return out


def fresh(db: str) -> dict[str, dict[str, float]]:
    """(b): per candidate, the panel's counts, summed difference and standard errors."""
    from flashpoint.analytics.backtest import newey_west_se
    from flashpoint.analytics.forecaster import fit

    _, _, days = tuning_days(db, check=True)
    end = pd.Timestamp(PANEL[0])
    e, lo, hi = days.index_of(end), days.index_of(PANEL[1]), days.index_of(PANEL[2])
    origins = np.arange(lo, hi + 1)
    model = fit(days, NO_COUNTS, horizon=H, train_end=end)
    keys = panel_keys(days, e)
    cells = {k: cell_scores(days, model, k, origins, hi + H) for k in keys}
    names = list(next(iter(cells.values()))["sq"])
    d = {}
    for key, c in cells.items():
        best = min(c["base"], key=lambda b: c["base"][b].mean())
        d[key] = {n: c["sq"][n] - c["base"][best] for n in names}
    summary = {}
    for n in names:
        panel = np.sum([d[k][n] for k in keys], axis=0)
        margin = np.sum([d[k][CURRENT] for k in keys], axis=0) - panel
        summary[n] = {"below_every": sum(all(cells[k]["sq"][n].mean() < v.mean() for v in cells[k]["base"].values())
                                         for k in keys),
                      "sum": float(panel.mean()), "sum_se": newey_west_se(panel, lag=2 * H),
                      "margin": float(margin.mean()), "margin_se": newey_west_se(margin, lag=2 * H)}
    print(f"\n(b) fresh panel, {len(keys)} pairs, origins {PANEL[1]} .. {PANEL[2]}: below every baseline, "
          "summed difference to the best baseline (se), margin to the forecaster (paired se)")
    for n, s in summary.items():
        print(f"  {n:32s} {s['below_every']:2d}/{len(keys)} {s['sum']:+.4f} ({s['sum_se']:.4f}) "
              f"{s['margin']:+.4f} ({s['margin_se']:.4f})")
    print("  per pair (rate; Brier minus the best baseline, candidates in the order above):")
    for k in keys:
        print(f"  {k.replace('|', '-'):8s} {cells[k]['y'].mean():.2f} "
              + " ".join(f"{d[k][n].mean():+.4f}" for n in names))
    return summary


def decide(a: dict[str, list[float]], b: dict[str, dict[str, float]]) -> str | None:
    """The adopted rule's name, or None (the docstring's rule)."""
    wins = {n: sum(v < 0 for v in d) for n, d in a.items()}
    ok = [n for n in a if n != CURRENT and wins[n] > wins[CURRENT]
          and b[n]["below_every"] > b[CURRENT]["below_every"]
          and b[n]["margin"] > max(b[n]["sum_se"], b[n]["margin_se"])]
    for n in a:
        if n != CURRENT:
            print(f"  {n:32s} (a) {wins[n]} vs {wins[CURRENT]}; (b) {b[n]['below_every']} vs "
                  f"{b[CURRENT]['below_every']}; margin {b[n]['margin']:+.4f} vs se {b[n]['sum_se']:.4f} / "
                  f"{b[n]['margin_se']:.4f}: {'qualifies' if n in ok else 'does not qualify'}")
    if not ok:
        return None
    return min(ok, key=lambda n: (-b[n]["below_every"], -wins[n], b[n]["sum"]))


def main(db: str) -> int:
    a = tune_half(db)
    b = fresh(db)
    print("\nAdoption rule (docstring):")
    chosen = decide(a, b)
    print(f"Decision: {'adopt ' + chosen if chosen else 'nothing adopted; the check half is not scored'}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        raise SystemExit(2)
    raise SystemExit(main(sys.argv[1]))
