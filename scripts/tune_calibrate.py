"""Recalibration and regularisation learnt out-of-sample inside the training window (ninth round).

The candidates, the tune rule and the acceptance rule are in ``docs/analytics.md`` section 7, committed
before this script's first run. Each candidate starts from the forecaster as the command fits it
(``forecaster.fit``, VERSION 5) and adds one thing learnt from a *forward chain* inside the training
window: cuts every 14 days from the window's 45th day; at each cut the forecaster is fitted on the
origins closed by the cut and forecasts, with its per-dyad pull, every training pair's origins up to
the next cut whose outcome closes by the window's end (nothing after the window is read):

* ``shrink``: ``logit p = c + a + s (m - c)`` pooled (``c`` logit climatology, ``m`` the model's logit);
* ``shrink, per dyad``: ``(a, s)`` refitted on the dyad's own out-of-sample rows, L2 pull 1 to the pooled;
* ``platt``: ``logit p = a + b m`` pooled;
* ``isotonic``: an isotonic map of the model's probability, pooled, clipped to [0.01, 0.99];
* ``pull by CV``: ``dyad_l2`` from {0.2, 1, 3, 10} by the chain's summed log loss;
* ``l2 by CV``: ``l2`` from {0.001, 0.01, 0.1, 1} the same way (pull 1);
* ``base rate as input``: the logit climatology also a free, standardised input (no chain).

Cells and rule: ``tune_pooled.py``'s (32 tune cells; most cells below the best baseline, ties by the
summed difference; the current forecaster stays unless beaten). The check half is never read here.
Run: .venv/bin/python scripts/tune_calibrate.py STORE
"""
from __future__ import annotations

import sys
from dataclasses import replace

import numpy as np
import pandas as pd

from tune_forecaster import DYADS, LAST_ORIGIN, SPLITS
from tune_pooled import DYAD_KEYS, cell_keys, print_ranking, record
from tune_recalibration import H, tuning_days
from tune_stack import NO_COUNTS

FIRST_CUT, STEP, MIN_TARGET_DAYS = 45, 14, 3
PULL_GRID = (0.2, 1.0, 3.0, 10.0)
L2_GRID = (0.001, 0.01, 0.1, 1.0)
CURRENT = "current (VERSION 5)"


def logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def offset_logit(c: np.ndarray, X: np.ndarray, y: np.ndarray, *, prior: np.ndarray | None = None,
                 strength: float = 0.0) -> np.ndarray:
    """Weights of ``logit p = c + X w`` (mean log loss + strength |w - prior|^2), by Newton steps."""
    w = np.zeros(X.shape[1]) if prior is None else prior.astype(float).copy()
    pr = np.zeros(X.shape[1]) if prior is None else prior
    n = len(y)
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-(c + X @ w)))
        grad = X.T @ (p - y) / n + 2 * strength * (w - pr)
        hess = (X * (p * (1 - p))[:, None]).T @ X / n + (2 * strength + 1e-8) * np.eye(X.shape[1])
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return w


def training_keys(days, end_i: int) -> list[str]:
    return [k for k, a in days.arrays.items() if int(((a[:end_i + 1, 3] + a[:end_i + 1, 7]) > 0).sum()) >= MIN_TARGET_DAYS]


def chain(days, end: pd.Timestamp, *, l2: float, pulls: tuple[float, ...]) -> dict[float, list[tuple]]:
    """Per pull, the forward chain's out-of-sample rows (key, c, model p, y) of every training pair."""
    from flashpoint.analytics.forecaster import fit
    from flashpoint.analytics.pairdays import FEATURES, TooLittleHistory, features, outcomes

    end_i = days.index_of(end)
    last = end_i - H
    cuts = list(range(FIRST_CUT, last, STEP))
    keys = training_keys(days, end_i)
    rows: dict[float, list[tuple]] = {p: [] for p in pulls}
    ci = FEATURES.index("climatology")
    for k, cut in enumerate(cuts):
        hi = cuts[k + 1] if k + 1 < len(cuts) else last
        origins = np.arange(cut + 1, hi + 1)
        try:
            model = fit(days, NO_COUNTS, horizon=H, train_end=days.day_of(cut), params={"l2": l2})
        except TooLittleHistory:
            continue
        for key in keys:
            arr = days.arrays[key][:end_i + 1]
            c = features(arr, day0=days.day0, horizon=H).to_numpy()[origins, ci]
            y = outcomes(arr, horizon=H)[origins]
            for pull in pulls:
                m = replace(model, params={**model.params, "dyad_l2": pull})
                rows[pull].append((key, c, m.predict(arr, origins, day0=days.day0), y))
    return rows


def stack(rows: list[tuple]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    keys = np.concatenate([[k] * len(y) for k, _, _, y in rows])
    return keys, np.concatenate([r[1] for r in rows]), np.concatenate([r[2] for r in rows]), \
        np.concatenate([r[3] for r in rows]).astype(float)


def log_loss(p: np.ndarray, y: np.ndarray) -> float:
    q = np.clip(p, 1e-12, 1 - 1e-12)
    return float(-np.sum(y * np.log(q) + (1 - y) * np.log(1 - q)))


def learn(days, end: pd.Timestamp) -> dict:
    """What each chain candidate learns on the training window ending ``end``."""
    from sklearn.isotonic import IsotonicRegression

    by_pull = chain(days, end, l2=0.01, pulls=PULL_GRID)
    keys, c, p, y = stack(by_pull[1.0])
    m = logit(p)
    shrink = offset_logit(c, np.column_stack([np.ones(len(y)), m - c]), y)
    own = {}
    for key in np.unique(keys):
        sel = keys == key
        if sel.sum() >= 20 and len(np.unique(y[sel])) == 2:
            own[key] = offset_logit(c[sel], np.column_stack([np.ones(sel.sum()), (m - c)[sel]]), y[sel],
                                    prior=shrink, strength=1.0)
    platt = offset_logit(np.zeros(len(y)), np.column_stack([np.ones(len(y)), m]), y)
    iso = IsotonicRegression(out_of_bounds="clip", y_min=0.01, y_max=0.99).fit(p, y)
    pull_loss = {pull: log_loss(stack(r)[2], stack(r)[3]) for pull, r in by_pull.items()}
    l2_loss = {}
    for l2 in L2_GRID:
        r = by_pull[1.0] if l2 == 0.01 else chain(days, end, l2=l2, pulls=(1.0,))[1.0]
        l2_loss[l2] = log_loss(stack(r)[2], stack(r)[3])
    learnt = {"shrink": shrink, "own": own, "platt": platt, "iso": iso, "rows": len(y),
              "pull": min(pull_loss, key=pull_loss.get), "l2": min(l2_loss, key=l2_loss.get)}
    print(f"train to {end.date()}: {len(y)} chain rows of {len(np.unique(keys))} pairs; shrink (a, s) = "
          f"({shrink[0]:+.3f}, {shrink[1]:.3f}); platt (a, b) = ({platt[0]:+.3f}, {platt[1]:.3f}); "
          f"{len(own)} dyads with own (a, s); pull log loss {pull_loss} -> {learnt['pull']}; "
          f"l2 log loss {l2_loss} -> {learnt['l2']}", file=sys.stderr)
    for key in sorted(DYAD_KEYS):
        if key in own:
            print(f"  {key}: own (a, s) = ({own[key][0]:+.3f}, {own[key][1]:.3f})", file=sys.stderr)
    return learnt


def base_rate_model(days, end: pd.Timestamp):
    from flashpoint.analytics.forecaster import INPUTS, PARAMS, ClimatologyLogit, Forecaster, training_samples

    X, y, n = training_samples(days, horizon=H, target=4, start=days.day0, end=end, min_target_days=MIN_TARGET_DAYS)
    est = ClimatologyLogit(l2=PARAMS["l2"], inputs=(*INPUTS, "climatology")).fit(X, y.astype(float))
    return Forecaster(est, H, 4, days.day0, end, "", len(y), n, dict(PARAMS))


def candidates(days, end: pd.Timestamp) -> dict:
    """Per candidate, a function (arr, origins) -> probabilities."""
    from flashpoint.analytics.forecaster import fit
    from flashpoint.analytics.pairdays import FEATURES, features

    current = fit(days, NO_COUNTS, horizon=H, train_end=end)
    got = learn(days, end)
    by_pull = replace(current, params={**current.params, "dyad_l2": got["pull"]})
    by_l2 = fit(days, NO_COUNTS, horizon=H, train_end=end, params={"l2": got["l2"]})
    base = base_rate_model(days, end)
    ci = FEATURES.index("climatology")
    sig = lambda z: 1.0 / (1.0 + np.exp(-z))  # noqa: E731

    def parts(arr, origins):
        c = features(arr, day0=days.day0, horizon=H).to_numpy()[origins, ci]
        p = current.predict(arr, origins, day0=days.day0)
        return c, p, logit(p)

    def shrink(arr, origins, key=None):
        c, _, m = parts(arr, origins)
        a, s = got["own"].get(key, got["shrink"]) if key else got["shrink"]
        return sig(c + a + s * (m - c))

    return {CURRENT: lambda arr, o, key: current.predict(arr, o, day0=days.day0),
            "shrink": lambda arr, o, key: shrink(arr, o),
            "shrink, per dyad": lambda arr, o, key: shrink(arr, o, key),
            "platt": lambda arr, o, key: sig(got["platt"][0] + got["platt"][1] * parts(arr, o)[2]),
            "isotonic": lambda arr, o, key: got["iso"].predict(parts(arr, o)[1]),
            "pull by CV": lambda arr, o, key: by_pull.predict(arr, o, day0=days.day0),
            "l2 by CV": lambda arr, o, key: by_l2.predict(arr, o, day0=days.day0),
            "base rate as input": lambda arr, o, key: base.predict(arr, o, day0=days.day0)}


def main(db: str) -> int:
    from flashpoint.analytics.baselines import baselines
    from flashpoint.analytics.pairdays import outcomes

    splits, last, days = tuning_days(db, check=False)
    assert last == LAST_ORIGIN and len(DYADS) == 4
    every: dict[str, list[float]] = {}
    four: dict[str, list[float]] = {}
    for train_end, first_origin in splits:
        end = pd.Timestamp(train_end)
        e = days.index_of(end)
        cands = candidates(days, end)
        origins = np.arange(days.index_of(first_origin), days.index_of(last) + 1)
        for key in sorted(cell_keys(days, e, check=False)):
            arr = days.arrays.get(key)
            if arr is None:
                arr = days.array(*key.split("|"))
            yy = outcomes(arr, horizon=H)[origins]
            best = min(float(np.mean((b - yy) ** 2)) for b in baselines(arr, origins, horizon=H).values())
            record(every, four, key, {n: float(np.mean((f(arr, origins, key) - yy) ** 2)) - best
                                      for n, f in cands.items()})
    print_ranking(every, four, check=False)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        raise SystemExit(2)
    raise SystemExit(main(sys.argv[1]))
