"""Benchmark: a backtest of 365 origins for four dyads on the shared ICEWS 2014 file.

Imports ../shared/data/icews/icews14s_2014.tab.gz into a temporary store (timed
separately), then times, in one process: reading the daily counts, fitting the
forecaster on the first 90 days, and the backtest of origins 2014-04-01 .. 2015-03-31
(365 origins; those past the data have no outcome) for ISR-PSE, IRN-USA, RUS-UKR and
CHN-JPN, with the three baselines; then the same origins' forecasts combined online
(``analytics/online.py``: each rule kind of ``online.RULES`` once, warm-up origins included, the
experts recomputed). Reports seconds for each step.
Run: .venv/bin/python scripts/bench_backtest.py
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
ICEWS = ROOT.parent / "shared" / "data" / "icews" / "icews14s_2014.tab.gz"
DYADS = [("ISR", "PSE"), ("IRN", "USA"), ("RUS", "UKR"), ("CHN", "JPN")]


def main() -> int:
    from flashpoint.analytics.backtest import backtest_dyad
    from flashpoint.analytics.forecaster import fit
    from flashpoint.analytics.online import RULES, online_forecasts
    from flashpoint.analytics.pairdays import PairDays
    from flashpoint.formats.icews import read_events
    from flashpoint.store import Store

    if not ICEWS.exists():
        print(f"no data at {ICEWS}; this benchmark needs the shared ICEWS file", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "icews14.duckdb"
        t0 = time.perf_counter()
        with Store(db) as store:
            store.load_mentions(read_events(ICEWS).table)
        t1 = time.perf_counter()
        with Store(db, read_only=True) as store:
            counts, first = store.daily_counts(), store.first_day()
        start, end = pd.Timestamp("2014-04-01"), pd.Timestamp("2015-03-31")
        days = PairDays.from_counts(counts, day0=first, last=end)
        t2 = time.perf_counter()
        model = fit(days, counts, horizon=7, train_end=start - pd.Timedelta(days=1))
        t3 = time.perf_counter()
        known = pd.Timestamp(counts["date"].max())
        results = [backtest_dyad(days, model, a, b, start=start, end=end, known_until=known) for a, b in DYADS]
        t4 = time.perf_counter()
        origins_idx = np.arange(days.index_of(start), days.index_of(end) + 1)
        known = np.arange(days.size) + model.horizon <= days.index_of(known)
        online = {}
        for name in ("ewa, eta 2, window 180", "aa, eta 2, window 180", "convex, window 180, pull 10"):
            t = time.perf_counter()
            for a, b in DYADS:
                online_forecasts(days.array(a, b), model, origins_idx, day0=days.day0, rule=RULES[name], known=known)
            online[name] = time.perf_counter() - t
    origins = sum(len(r.forecasts) for r in results)
    print(f"import {t1 - t0:.2f} s; daily counts and pair histories {t2 - t1:.2f} s "
          f"({len(days.arrays)} pairs); fit {t3 - t2:.2f} s ({model.n_samples} training origins); "
          f"backtest {t4 - t3:.2f} s for {origins} forecasts ({len(DYADS)} dyads x 365 origins)")
    print("combined online, the same forecasts with warm-up: " + "; ".join(f"{n} {v:.2f} s" for n, v in online.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
