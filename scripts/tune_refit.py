"""The forecaster refitted as the origins move on, chosen on the tuning half of 2014.

``flashpoint backtest`` fits the forecaster once, on the days before ``--from``, and uses it for
every origin of the period, however long: on the check half one fit of January-June forecasts
July-December while the baselines learn from every closed origin up to each one. Here the
forecaster (VERSION 4, unchanged) is **refitted every ``k`` days** during the scored period,
each fit on the origins closed by the day it is made (so a forecast at origin ``t`` still reads
only events up to ``t``): k = 7, 14 or 30; the first fit is the command's.

Cells and rule (as ``tune_pooled.py`` and ``tune_stack.py``, fixed before the first run): three
tuning splits (trained to 31 March, 30 April, 31 May; origins from the next day to 23 June),
every pair with 10+ quad-4 days by the split's training end plus the four dyads; a cell's score
is the candidate's Brier minus the best baseline's; most cells below the best baseline wins, ties
by the summed difference; the forecaster fitted once stays unless beaten. (The third split's
origins span 23 days, so only k = 7 and 14 differ from one fit there.) ``--check NAME ...``
scores named candidates on the check half (fitted first to 30 June, origins 1 July - 24
December, the four dyads) and must only be run after the choice.
Run: .venv/bin/python scripts/tune_refit.py /tmp/icews14.duckdb [--check NAME ...]
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from tune_pooled import cell_keys, command_line, print_ranking, record
from tune_recalibration import H, tuning_days
from tune_stack import NO_COUNTS

EVERY = (7, 14, 30)


def refitted(days, first: int, last: int, every: int) -> list[tuple[np.ndarray, object]]:
    """(origins, model) pieces: a fit on origins closed by each refit day, used until the next."""
    from flashpoint.analytics.forecaster import fit

    pieces = []
    for start in range(first, last + 1, every):
        model = fit(days, NO_COUNTS, horizon=H, train_end=days.day_of(start - 1))
        pieces.append((np.arange(start, min(start + every - 1, last) + 1), model))
    return pieces


def main(db: str, *, check: list[str] | None) -> int:
    from flashpoint.analytics.baselines import baselines
    from flashpoint.analytics.forecast import scores
    from flashpoint.analytics.pairdays import outcomes

    splits, last, days = tuning_days(db, check=bool(check))
    names = {"fitted once": 10 ** 6, **{f"refit every {k} days": k for k in EVERY}}
    if check:
        names = {n: k for n, k in names.items() if n in check or n == "fitted once"}
    every: dict[str, list[float]] = {}
    fours: dict[str, list[float]] = {}
    for train_end, first_origin in splits:
        e = days.index_of(pd.Timestamp(train_end))
        lo, hi = days.index_of(first_origin), days.index_of(last)
        origins = np.arange(lo, hi + 1)
        plans = {n: refitted(days, lo, hi, k) for n, k in names.items()}
        for key in sorted(cell_keys(days, e, check=bool(check))):
            arr = days.array(*key.split("|"))[:hi + H + 1]
            y = outcomes(arr, horizon=H)[origins]
            best = min(scores(p, y)["brier"] for p in baselines(arr, origins, horizon=H).values())
            record(every, fours, key, {
                name: scores(np.concatenate([m.predict(arr, o, day0=days.day0) for o, m in pieces]), y)["brier"] - best
                for name, pieces in plans.items()})
    print_ranking(every, fours, check=bool(check))
    return 0


if __name__ == "__main__":
    command_line(main, __doc__)
