"""Recalibrations of the forecaster, compared on the tuning half of 2014 only (origins January-June).

Same splits, dyads and score as ``tune_forecaster.py`` (Brier minus the best of the three
baselines per split and dyad; negative: the candidate wins). Candidates, each a change to
the chosen forecaster (climatology-offset logit, per-dyad pull 0.2):

* ``shrink s``: logit p = climatology + s * (the model's adjustment to it);
* ``offset mix rolling w s``: the offset is (1 - s) * climatology + s * the logit of the
  outcome's frequency over the last ``w`` closed origins (its recent base rate), adjustment halved;
* ``online platt [...]``: at each origin a logistic regression on the dyad's closed origins
  (outcome known by the origin) of the listed columns (model logit; offset and adjustment;
  plus the 90-day recent base rate);
* ``online dyad refit pull p look n``: the per-dyad coefficients refitted at every origin on
  the dyad's closed origins (the last ``n``, or all), pulled towards the pooled ones with ``p``;
* ``+feature``: the pooled inputs plus the named features (recent base rate, cooperation
  counts, the persistence logit).

Selection rule (fixed before the first run): the candidate with the most wins of the 12
(split, dyad) cells; ties go to the smaller summed difference; the current forecaster stays
unless a candidate beats it by that rule. ``--check`` scores the same candidates on the check
half (trained to 30 June, origins July-December) and must only be run after the choice.
Run: .venv/bin/python scripts/tune_recalibration.py /tmp/icews14.duckdb [--check]
"""
from __future__ import annotations

import sys

import numpy as np
import pandas as pd

from tune_forecaster import DYADS, LAST_ORIGIN, SPLITS

H = 7
CHECK = [("2014-06-30", "2014-07-01")]
CHECK_LAST = "2014-12-24"


def rolling_rate(y: np.ndarray, w: int) -> np.ndarray:
    """Laplace-smoothed outcome frequency over the last ``w`` origins closed by each day."""
    from flashpoint.analytics.pairdays import window_sum

    known, seen = np.nan_to_num(y, nan=0.0), (~np.isnan(y)).astype(float)
    ones = np.concatenate([np.zeros(H), window_sum(known, w)])[:len(y)]
    n = np.concatenate([np.zeros(H), window_sum(seen, w)])[:len(y)]
    return (ones + 1.0) / (n + 2.0)


def online_platt(cols: np.ndarray, y: np.ndarray, origins: np.ndarray, *, start: int = 30) -> np.ndarray:
    from flashpoint.analytics.baselines import fit_logistic

    out, w = np.empty(len(origins)), None
    for k, i in enumerate(origins):
        w = fit_logistic(cols[start:i - H + 1], y[start:i - H + 1], w0=w)
        out[k] = 1.0 / (1.0 + np.exp(-(w[0] + cols[i] @ w[1:])))
    return out


def online_refit(est, x: np.ndarray, y: np.ndarray, origins: np.ndarray, *, strength: float,
                 look: int | None) -> np.ndarray:
    out = np.empty(len(origins))
    for k, i in enumerate(origins):
        hi = i - H
        lo = 30 if look is None else max(30, hi - look + 1)
        coef = est.specialise(x[lo:hi + 1], y[lo:hi + 1], strength=strength)
        out[k] = est.predict_proba(x[i:i + 1], coef=coef)[0, 1]
    return out


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def candidates(est, X, y, end, days, arr) -> dict[str, np.ndarray]:
    """Every candidate's probability at every day of ``arr``, or a function of the origins."""
    from flashpoint.analytics.forecaster import BURSTS, ClimatologyLogit, Forecaster
    from flashpoint.analytics.pairdays import FEATURES, features, logit, outcomes

    every = np.arange(len(arr))
    p = Forecaster(est, H, 4, days.day0, end, "", 0, 0, {"dyad_l2": 0.2}).predict(arr, every, day0=days.day0)
    x = features(arr, day0=days.day0, horizon=H).to_numpy()
    yall = outcomes(arr, horizon=H)
    off = x[:, FEATURES.index("climatology")]
    ml = logit(np.clip(p, 1e-6, 1 - 1e-6))
    adj, r90 = ml - off, logit(rolling_rate(yall, 90))
    out = {"current (pull 0.2)": lambda o: p[o]}
    for s in (0.25, 0.5, 0.75):
        out[f"shrink {s}"] = lambda o, s=s: sigmoid(off + s * adj)[o]
    for w in (60, 90):
        r = logit(rolling_rate(yall, w))
        for s in (0.25, 0.5):
            out[f"offset mix rolling {w} {s}"] = lambda o, r=r, s=s: sigmoid((1 - s) * off + s * r + 0.5 * adj)[o]
    out["online platt [model logit]"] = lambda o: online_platt(ml[:, None], yall, o)
    out["online platt [off, adj]"] = lambda o: online_platt(np.column_stack([off, adj]), yall, o)
    out["online platt [off, adj, rolling 90]"] = lambda o: online_platt(np.column_stack([off, adj, r90]), yall, o)
    for strength in (0.2, 1.0):
        for look in (None, 120):
            out[f"online dyad refit pull {strength} look {look}"] = (
                lambda o, s=strength, lk=look: online_refit(est, x, yall, o, strength=s, look=lk))
    for extra in (("target_days_90d",), ("q1_30d", "q2_30d", "q3_30d"), ("persistence",)):
        e2 = ClimatologyLogit(l2=0.01, inputs=BURSTS + extra)
        f2 = Forecaster(e2.fit(X, y), H, 4, days.day0, end, "", 0, 0, {"dyad_l2": 0.2})
        out["+" + ",".join(extra)] = lambda o, f2=f2: f2.predict(arr, o, day0=days.day0)
    return out


def tuning_days(db: str, *, check: bool):
    """The splits, the last origin and the pair histories of the tuning half (or, with ``check``, the check half)."""
    from flashpoint.analytics.pairdays import PairDays
    from flashpoint.store import Store

    with Store(db, read_only=True) as store:
        counts, first = store.daily_counts(), store.first_day()
    days = PairDays.from_counts(counts, day0=first, last=pd.Timestamp("2014-12-31" if check else "2014-06-30"))
    return (CHECK, CHECK_LAST, days) if check else (SPLITS, LAST_ORIGIN, days)


def print_deltas(deltas: dict[str, list[float]], *, title: str, cells: bool = True) -> None:
    print(title)
    for name, d in deltas.items():
        row = " ".join(f"{v:+.3f}" for v in d) if cells else ""
        print(f"{name:40s} {row}   wins {sum(v < 0 for v in d)}/{len(d)}   sum {sum(d):+.3f}")


def main(db: str, *, check: bool) -> int:
    from flashpoint.analytics.baselines import baselines
    from flashpoint.analytics.forecast import scores
    from flashpoint.analytics.forecaster import BURSTS, ClimatologyLogit, training_samples
    from flashpoint.analytics.pairdays import outcomes

    splits, last, days = tuning_days(db, check=check)
    deltas: dict[str, list[float]] = {}
    for train_end, first_origin in splits:
        end = pd.Timestamp(train_end)
        X, y, _ = training_samples(days, horizon=H, target=4, start=days.day0, end=end)
        est = ClimatologyLogit(l2=0.01, inputs=BURSTS).fit(X, y)
        origins = np.arange(days.index_of(first_origin), days.index_of(last) + 1)
        for a, b in DYADS:
            arr = days.array(a, b)
            yy = outcomes(arr, horizon=H)[origins]
            best = min(scores(p, yy)["brier"] for p in baselines(arr, origins, horizon=H).values())
            for name, predict in candidates(est, X, y, end, days, arr).items():
                deltas.setdefault(name, []).append(scores(predict(origins), yy)["brier"] - best)
    print_deltas(deltas, title=("CHECK half (after the choice)" if check else "Tuning half")
                 + ": Brier minus best baseline per split and dyad " + ", ".join("-".join(d) for d in DYADS))
    return 0


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3) or (len(sys.argv) == 3 and sys.argv[2] != "--check"):
        print(__doc__, file=sys.stderr)
        raise SystemExit(2)
    raise SystemExit(main(sys.argv[1], check=len(sys.argv) == 3))
