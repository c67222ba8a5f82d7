"""Measure the de-escalation model: held-out scores against the baselines, calibration and time.

Usage::

    python scripts/bench_analytics.py                      # synthetic histories, 3 seeds
    python scripts/bench_analytics.py --histories 300 --seeds 0 1 2 3 4
    python scripts/bench_analytics.py --db flashpoint.duckdb   # events in a store (e.g. imported ICEWS/GDELT)

For synthetic data it also scores a model trained on the default process against
histories from a *shifted* process (stronger retaliation, escalatory steps): how
much worse it gets when the world differs from its training data.
"""
from __future__ import annotations

import argparse
import json
import time
from typing import Any

import numpy as np
import pandas as pd

from flashpoint.analytics.forecast import evaluate, fit, samples, scores
from flashpoint.analytics.synthetic import Process, synthetic_events

SHIFTED = Process(alpha=0.4, steps=((-2, 0.05), (-1, 0.2), (0, 0.4), (1, 0.3), (2, 0.05)))


def report(name: str, ev: Any, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    row = {"data": name, "n_train": ev.n_train, "n_test": ev.n_test, "test_rate": round(ev.test_rate, 3)}
    for who, s in ev.scores.items():
        row.update({f"{who}.{k}": round(v, 4) for k, v in s.items()})
    row.update(extra or {})
    return row


def bench_synthetic(histories: int, seeds: list[int], horizon: int) -> list[dict[str, Any]]:
    rows = []
    for seed in seeds:
        t0 = time.perf_counter()
        ev_frame = synthetic_events(histories, seed=seed)
        t1 = time.perf_counter()
        data = samples(ev_frame, horizon=horizon)
        t2 = time.perf_counter()
        ev = evaluate(data, horizon=horizon, trained_on="synthetic")
        t3 = time.perf_counter()
        rows.append(report(f"synthetic seed {seed}", ev, {
            "events": len(ev_frame), "simulate_s": round(t1 - t0, 2), "samples_s": round(t2 - t1, 2),
            "fit_score_s": round(t3 - t2, 2)}))
        if seed == seeds[0]:
            print(ev.reliability.to_string(index=False))
            rows.append(shifted(data, histories, seed, horizon))
    return rows


def shifted(train_data: pd.DataFrame, histories: int, seed: int, horizon: int) -> dict[str, Any]:
    """Train on the default process, test on the shifted one."""
    model = fit(train_data, horizon=horizon, trained_on="synthetic")
    test = samples(synthetic_events(histories, process=SHIFTED, seed=seed + 1000), horizon=horizon)
    test = test[test["y"].notna()]
    y = test["y"].to_numpy(dtype=float)
    preds = {"model": model.predict(test), "base_rate": np.full(len(y), model.base_rate),
             "persistence": model.baseline(test)}
    row: dict[str, Any] = {"data": f"shifted process (test seed {seed + 1000})", "n_train": model.n_train,
                           "n_test": len(y), "test_rate": round(float(y.mean()), 3)}
    for who, p in preds.items():
        row.update({f"{who}.{k}": round(v, 4) for k, v in scores(p, y).items()})
    return row


def bench_changepoints(trials: int = 100) -> dict[str, Any]:
    """How often PELT finds a 3-sigma step on the right day, and a change in pure noise (60 days)."""
    from flashpoint.analytics.changepoints import change_points

    days = pd.date_range("2000-01-01", periods=60, freq="D")
    right = false = 0
    for seed in range(trials):
        rng = np.random.default_rng(seed)
        step = np.r_[np.zeros(30), np.full(30, 3.0)] + rng.normal(0, 1, 60)
        cp = change_points(pd.Series(step, index=days))
        right += int(list(cp["date"]) == [days[30]])
        false += int(len(change_points(pd.Series(rng.normal(0, 1, 60), index=days))) > 0)
    return {"data": f"change points, {trials} seeded series of 60 days", "step_found_on_the_day": right / trials,
            "noise_with_a_change_point": false / trials}


def bench_store(db: str, horizon: int) -> list[dict[str, Any]]:
    from flashpoint.store import Store

    with Store(db, read_only=True) as store:
        events = store.events()
    t0 = time.perf_counter()
    data = samples(events, horizon=horizon)
    ev = evaluate(data, horizon=horizon, trained_on=db)
    print(ev.reliability.to_string(index=False))
    return [report(f"store {db}", ev, {"events": len(events), "pairs": int(data["pair"].nunique()),
                                       "seconds": round(time.perf_counter() - t0, 2)})]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--histories", type=int, default=200)
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    ap.add_argument("--horizon", type=int, default=14)
    ap.add_argument("--db", help="score on the events of this store instead of synthetic histories")
    args = ap.parse_args()
    rows = bench_store(args.db, args.horizon) if args.db else bench_synthetic(args.histories, args.seeds, args.horizon)
    rows.append(bench_changepoints())
    print(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
