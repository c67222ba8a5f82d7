"""Choosing the forecaster on the tuning half of 2014 only (origins January-June).

For three training windows ending 31 March, 30 April and 31 May, fits each candidate
on the window and scores origins from the next day to 23 June (windows closed by
30 June) for ISR-PSE, IRN-USA, RUS-UKR and CHN-JPN. Prints, per candidate, the Brier
score minus the best of the three baselines for each split and dyad (negative: the
candidate wins) and the number of wins. The check half (July-December) is never read
here; score it with ``flashpoint backtest --from 2014-07-01 --to 2014-12-31``.
Run: .venv/bin/python scripts/tune_forecaster.py /tmp/icews14.duckdb
"""
from __future__ import annotations

import sys

import numpy as np
import pandas as pd

DYADS = [("ISR", "PSE"), ("IRN", "USA"), ("RUS", "UKR"), ("CHN", "JPN")]
SPLITS = [("2014-03-31", "2014-04-01"), ("2014-04-30", "2014-05-01"), ("2014-05-31", "2014-06-01")]
LAST_ORIGIN = "2014-06-23"
DYAD_L2 = (0.01, 0.03, 0.1, 0.2, 0.3, 0.5, 1.0, 3.0)


def candidates(X: np.ndarray, y: np.ndarray, fit_offset) -> dict[str, object]:
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return {"climatology-offset logit, pooled": fit_offset(0.01),
            "climatology-offset logit, l2 0.1": fit_offset(0.1),
            "logistic, all features": make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=3000))
            .fit(X, y.astype(int)),
            "gradient-boosted trees, all features": HistGradientBoostingClassifier(
                max_iter=200, learning_rate=0.05, max_leaf_nodes=15, min_samples_leaf=40, l2_regularization=1.0,
                random_state=0).fit(X, y.astype(int))}


def main(db: str) -> int:
    from flashpoint.analytics.baselines import baselines
    from flashpoint.analytics.forecast import scores
    from flashpoint.analytics.forecaster import BURSTS, ClimatologyLogit, Forecaster, training_samples
    from flashpoint.analytics.pairdays import PairDays, features, outcomes
    from flashpoint.store import Store

    with Store(db, read_only=True) as store:
        counts, first = store.daily_counts(), store.first_day()
    days = PairDays.from_counts(counts, day0=first, last=pd.Timestamp("2014-06-30"))
    deltas: dict[str, list[float]] = {}
    for train_end, first_origin in SPLITS:
        end = pd.Timestamp(train_end)
        X, y, _ = training_samples(days, horizon=7, target=4, start=days.day0, end=end)
        models = candidates(X, y, lambda l2: ClimatologyLogit(l2=l2, inputs=BURSTS).fit(X, y))
        origins = np.arange(days.index_of(first_origin), days.index_of(LAST_ORIGIN) + 1)
        for a, b in DYADS:
            arr = days.array(a, b)
            yy = outcomes(arr, horizon=7)[origins]
            best = min(scores(p, yy)["brier"] for p in baselines(arr, origins, horizon=7).values())
            Xd = features(arr, day0=days.day0, horizon=7).to_numpy()[origins]
            for name, m in models.items():
                deltas.setdefault(name, []).append(scores(m.predict_proba(Xd)[:, 1], yy)["brier"] - best)
            for strength in DYAD_L2:       # the pooled offset logit pulled towards the dyad's own origins
                f = Forecaster(models["climatology-offset logit, pooled"], 7, 4, days.day0, end, "", 0, 0,
                               {"dyad_l2": strength})
                name = f"the same, per dyad, pull {strength}" + (" (chosen)" if strength == 0.2 else "")
                deltas.setdefault(name, []).append(scores(f.predict(arr, origins, day0=days.day0), yy)["brier"] - best)
    print("Brier minus best baseline, per split (train to 31 Mar, 30 Apr, 31 May) and dyad "
          + ", ".join("-".join(d) for d in DYADS))
    for name, d in deltas.items():
        print(f"{name:40s} " + " ".join(f"{x:+.3f}" for x in d) + f"   wins {sum(x < 0 for x in d)}/{len(d)}"
              f"   sum {sum(d):+.3f}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        raise SystemExit(2)
    raise SystemExit(main(sys.argv[1]))
