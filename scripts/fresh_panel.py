"""A fresh test of the forecaster: the check half of 2014 on the active pairs that were never chosen on.

The check half of the four dyads (ISR-PSE, IRN-USA, RUS-UKR, CHN-JPN; origins July-December
2014) has been scored for over a hundred candidates, so choosing on it now would be choosing on
check data. The same half of the *other* active pairs has never been scored by any round
(``--check`` of the earlier scripts reads the four dyads only). This script scores a fixed set
of candidates there once. The rule below was committed before its first run.

* **Panel**: every unordered pair with at least 10 days with a quad-4 event (either direction)
  from 1 January to 30 June 2014, except the four dyads: **12 pairs** (ARE-QAT, BHR-QAT, CHN-VNM,
  IND-LKA, IRN-IRQ, IRN-PAK, IRQ-USA, JPN-PRK, KOR-PRK, PRK-USA, RWA-ZAF, SDN-SSD; 15 pairs have
  10+ such days, three of them are ISR-PSE, RUS-UKR and IRN-USA; CHN-JPN has 9). Counting them
  reads the first half only.
* **Scored origins**: 1 July - 24 December 2014 (177 per pair, every 7-day window closed by 31
  December), horizon 7, target quad class 4; every model trained on origins to 30 June (the
  store's first day to 30 June), exactly as ``flashpoint backtest --from 2014-07-01`` does.
* **Per pair and candidate**: the Brier score minus the pair's best baseline (the lowest Brier of
  climatology, persistence and recency on the pair's 177 origins; negative: the candidate wins).
  A pair is *below every baseline* when the candidate's Brier is below each of the three; since
  the best baseline is the pair's lowest, "below the best baseline" is the same count (both are
  printed, with the counts below each baseline separately).
* **Per candidate**: pairs below the best baseline, pairs below every baseline, the summed and
  the mean (over the 12 pairs) Brier difference to the best baseline, each with a Newey-West
  standard error (lag 14) of the per-origin panel sum of the pairs' differences (so pairs that
  move together at the same origins are not counted as independent); and the margin to the
  current forecaster (its summed difference minus the candidate's) with the Newey-West se of
  that paired margin.
* **Winner**: the most panel pairs below every baseline; ties by the smaller summed difference.
  **The current forecaster stays unless** the winner is another candidate whose summed
  difference is below the current forecaster's by more than one standard error: more than the
  Newey-West se of the winner's summed difference to the best baseline, and more than the se of
  the paired margin (both readings of "one standard error" must be passed). Only the rule's
  winner is considered; if it fails the margin, nothing changes.
* **The four dyads** are printed after the decision, for information; they do not enter the rule.

Candidates: the current forecaster and the best of each family the earlier rounds built,
reusing their code; no family is added after seeing any result of this panel:

* ``forecaster (VERSION 4)``: ``forecaster.fit`` to 30 June, as the command;
* ``convex + s, m3, weekly cuts``: ``tune_stack.py``'s softmax-weighted convex blend of the
  forecaster and the three baselines, weights linear in the sparsity feature ``s``, learnt on
  out-of-sample stacking rows from cuts every 7 days inside the training window (pairs with 3+
  quad-4 days), pooled;
* ``offset mix rolling 90 0.5``: ``tune_recalibration.py``'s recent-base-rate offset, logit p =
  0.5 * logit(climatology) + 0.5 * logit(frequency over the last 90 closed origins) + 0.5 *
  (the forecaster's adjustment to its climatology), on the current forecaster;
* ``shrink 0.25``: ``tune_recalibration.py``'s shrink toward climatology, logit p =
  logit(climatology) + 0.25 * (the forecaster's adjustment), on the current forecaster;
* ``refit every 30 days``: ``tune_refit.py``'s forecaster refitted every 30 days of the scored
  period on the origins closed by each refit day (the first fit the command's).

(The recalibrations were built on the forecaster of their round, ``z``, m 10, pull 0.2; here they
are applied to the current forecaster, the one they would change.)
Run once: .venv/bin/python scripts/fresh_panel.py /tmp/icews14.duckdb
"""
from __future__ import annotations

import sys

import numpy as np
import pandas as pd

from flashpoint.analytics.forecaster import VERSION

from tune_pooled import DYAD_KEYS
from tune_recalibration import H, rolling_rate, sigmoid, tuning_days
from tune_refit import refitted
from tune_stack import NO_COUNTS, Blend, pair_inputs, stack_rows

TRAIN_END, FIRST, LAST = "2014-06-30", "2014-07-01", "2014-12-24"
MIN_DAYS = 10
CURRENT = f"forecaster (VERSION {VERSION})"  # 4 when this panel was run
NAMES = (CURRENT, "convex + s, m3, weekly cuts", "offset mix rolling 90 0.5", "shrink 0.25", "refit every 30 days")
BASES = ("climatology", "persistence", "recency")


def panel_keys(days, e: int) -> list[str]:
    """Pairs with MIN_DAYS+ quad-4 days up to day ``e``, the four dyads left out."""
    return sorted(k for k, a in days.arrays.items()
                  if ((a[:e + 1, 3] + a[:e + 1, 7]) > 0).sum() >= MIN_DAYS and k not in DYAD_KEYS)


def fit_all(days, end: pd.Timestamp, lo: int, hi: int) -> dict:
    """Everything fitted on the training window (or, for the refits, on origins closed by each refit day)."""
    from flashpoint.analytics.forecaster import fit

    rows = stack_rows(days, end, m=3, block=7)
    x = np.vstack([v[0] for v in rows.values()])
    y = np.concatenate([v[1] for v in rows.values()])
    blend = Blend("convex", with_s=True).fit(x, y)
    print(f"convex + s: {len(y)} stacking rows of {len(rows)} pairs; weights {blend.weights()}", file=sys.stderr)
    return {"model": fit(days, NO_COUNTS, horizon=H, train_end=end), "blend": blend,
            "pieces": refitted(days, lo, hi, 30)}


def predictions(days, fitted: dict, arr: np.ndarray, origins: np.ndarray, stop: int) -> tuple[dict, dict]:
    """(candidate -> probabilities, baseline -> probabilities) at ``origins`` of one pair."""
    from flashpoint.analytics.pairdays import FEATURES, features, logit, outcomes

    part = arr[:stop + 1]
    x = pair_inputs(days, fitted["model"], part, origins, stop)
    p = x[:, 0]
    off = features(part, day0=days.day0, horizon=H).to_numpy()[origins, FEATURES.index("climatology")]
    adj = logit(np.clip(p, 1e-6, 1 - 1e-6)) - off
    r90 = logit(rolling_rate(outcomes(part, horizon=H), 90))[origins]
    cands = {CURRENT: p, "convex + s, m3, weekly cuts": fitted["blend"].predict(x),
             "offset mix rolling 90 0.5": sigmoid(0.5 * off + 0.5 * r90 + 0.5 * adj),
             "shrink 0.25": sigmoid(off + 0.25 * adj),
             "refit every 30 days": np.concatenate([m.predict(part, o, day0=days.day0)
                                                    for o, m in fitted["pieces"]])}
    return cands, dict(zip(BASES, (x[:, 1], x[:, 2], x[:, 3])))


def score_pairs(days, fitted: dict, keys: list[str], origins: np.ndarray, stop: int) -> dict[str, dict]:
    """Per pair: outcome rate, baselines' Brier, and per candidate its per-origin Brier difference to
    the best baseline (``d``) and whether it is below each baseline."""
    from flashpoint.analytics.pairdays import outcomes

    out = {}
    for key in keys:
        arr = days.array(*key.split("|"))
        y = outcomes(arr[:stop + 1], horizon=H)[origins]
        if np.isnan(y).any():
            raise SystemExit(f"{key}: an origin's window is not closed by the last day")
        cands, base = predictions(days, fitted, arr, origins, stop)
        bb = {b: float(np.mean((v - y) ** 2)) for b, v in base.items()}
        best = min(bb, key=bb.get)
        sq_best = (base[best] - y) ** 2
        out[key] = {"rate": float(y.mean()), "brier_base": bb, "best": best,
                    "d": {n: (p - y) ** 2 - sq_best for n, p in cands.items()},
                    "below": {n: {b: float(np.mean((p - y) ** 2)) < v for b, v in bb.items()}
                              for n, p in cands.items()}}
    return out


def summarise(cells: dict[str, dict]) -> dict[str, dict]:
    """Per candidate: the counts, the summed and mean difference and their se, the paired margin."""
    from flashpoint.analytics.backtest import newey_west_se

    k = len(cells)
    panel = {n: np.sum([c["d"][n] for c in cells.values()], axis=0) for n in NAMES}
    out = {}
    for n in NAMES:
        total, se = float(panel[n].mean()), newey_west_se(panel[n], lag=2 * H)
        margin = panel[CURRENT] - panel[n]
        out[n] = {"below_best": sum(c["d"][n].mean() < 0 for c in cells.values()),
                  "below_every": sum(all(c["below"][n].values()) for c in cells.values()),
                  **{f"below_{b}": sum(c["below"][n][b] for c in cells.values()) for b in BASES},
                  "sum": total, "sum_se": se, "mean": total / k, "mean_se": se / k,
                  "margin": float(margin.mean()), "margin_se": newey_west_se(margin, lag=2 * H)}
    return out


def decide(summary: dict[str, dict]) -> tuple[str, str, str]:
    """(the rule's winner, the forecaster kept or chosen, why)."""
    winner = min(NAMES, key=lambda n: (-summary[n]["below_every"], summary[n]["sum"]))
    if winner == CURRENT:
        return winner, CURRENT, "the current forecaster wins the rule"
    s = summary[winner]
    need = max(s["sum_se"], s["margin_se"])
    if s["margin"] > need:
        return winner, winner, f"margin {s['margin']:.4f} > one se ({s['sum_se']:.4f}, paired {s['margin_se']:.4f})"
    return winner, CURRENT, (f"the winner's margin {s['margin']:+.4f} is not more than one se "
                             f"({s['sum_se']:.4f}, paired {s['margin_se']:.4f}): the current forecaster stays")


def print_panel(cells: dict[str, dict], summary: dict[str, dict], days, e: int) -> None:
    k = len(cells)
    print(f"Panel: {k} pairs, origins {FIRST} .. {LAST}, trained to {TRAIN_END}, h {H}")
    print(f"{'candidate':30s} {'<best':>5s} {'<every':>6s} {'<clim':>5s} {'<pers':>5s} {'<rec':>5s} "
          f"{'sum (se)':>17s} {'mean (se)':>17s} {'margin to current (se)':>23s}")
    for n in NAMES:
        s = summary[n]
        print(f"{n:30s} {s['below_best']:5d} {s['below_every']:6d} {s['below_climatology']:5d} "
              f"{s['below_persistence']:5d} {s['below_recency']:5d} {s['sum']:+8.4f} ({s['sum_se']:.4f}) "
              f"{s['mean']:+8.4f} ({s['mean_se']:.4f}) {s['margin']:+10.4f} ({s['margin_se']:.4f})")
    print("\nPer pair (H1 quad-4 days; H2 outcome rate; best baseline and its Brier; Brier minus it per candidate, "
          "in the order above; * = below every baseline):")
    for key, c in cells.items():
        h1 = int(((days.arrays[key][:e + 1, 3] + days.arrays[key][:e + 1, 7]) > 0).sum())
        vals = " ".join(f"{c['d'][n].mean():+.4f}{'*' if all(c['below'][n].values()) else ' '}" for n in NAMES)
        print(f"{key.replace('|', '-'):8s} {h1:3d} {c['rate']:.2f} {c['best']:11s} {c['brier_base'][c['best']]:.4f}  {vals}")


def main(db: str) -> int:
    _, _, days = tuning_days(db, check=True)
    end = pd.Timestamp(TRAIN_END)
    e, lo, hi = days.index_of(end), days.index_of(FIRST), days.index_of(LAST)
    origins, stop = np.arange(lo, hi + 1), hi + H
    keys = panel_keys(days, e)
    fitted = fit_all(days, end, lo, hi)
    cells = score_pairs(days, fitted, keys, origins, stop)
    summary = summarise(cells)
    print_panel(cells, summary, days, e)
    winner, chosen, why = decide(summary)
    print(f"\nRule's winner: {winner}. Decision: {chosen} ({why}).")
    four = score_pairs(days, fitted, sorted(DYAD_KEYS), origins, stop)
    print("\nThe four dyads, after the decision, for information (Brier minus the best baseline):")
    for key, c in four.items():
        print(f"{key.replace('|', '-'):8s} best {c['best']:11s} "
              + " ".join(f"{n}: {c['d'][n].mean():+.4f}{'*' if all(c['below'][n].values()) else ''}" for n in NAMES))
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        raise SystemExit(2)
    raise SystemExit(main(sys.argv[1]))
