"""How sure is a Brier difference? The model against each baseline in a backtest JSON, per dyad.

Reads the file ``flashpoint backtest ... --json OUT`` writes and prints, per dyad and baseline,
the mean of the per-origin Brier difference (model minus baseline; negative: the model is
better) with a Newey-West (HAC) standard error: the outcomes of origins less than a horizon
apart share days, so the differences are autocorrelated and a plain standard error would be
too small. Lag: twice the horizon.
Run: .venv/bin/python scripts/backtest_significance.py OUT.json
"""
from __future__ import annotations

import json
import sys

import numpy as np


def newey_west_se(d: np.ndarray, lag: int) -> float:
    """Standard error of the mean of ``d`` with Bartlett-weighted autocovariances up to ``lag``."""
    e = d - d.mean()
    n = len(e)
    var = float(e @ e) / n
    for k in range(1, min(lag, n - 1) + 1):
        var += 2 * (1 - k / (lag + 1)) * float(e[k:] @ e[:-k]) / n
    return float(np.sqrt(max(var, 0.0) / n))


def main(path: str) -> int:
    with open(path, encoding="utf-8") as fh:
        dyads = json.load(fh)
    for d in dyads:
        rows = [r for r in d["forecasts"] if r["outcome"] is not None]
        y = np.array([r["outcome"] for r in rows], dtype=float)
        model = (np.array([r["p"] for r in rows]) - y) ** 2
        cells = []
        for name in d["baselines"]:
            diff = model - (np.array([r[name] for r in rows]) - y) ** 2
            se = newey_west_se(diff, 2 * d["horizon"])
            cells.append(f"{name} {diff.mean():+.3f} (se {se:.3f}, z {diff.mean() / se if se else float('nan'):+.1f})")
        print(f"{'-'.join(d['dyad'])} ({len(rows)} scored): model minus " + "; ".join(cells))
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        raise SystemExit(2)
    raise SystemExit(main(sys.argv[1]))
