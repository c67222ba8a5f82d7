"""Clustering-aware pooled forecasters, compared on the tuning half of 2014 only (origins January-June).

Same splits, dyads and score as ``tune_forecaster.py`` (Brier minus the best of the three
baselines per split and dyad; negative: the candidate wins). Every candidate is a logistic
regression around the dyad's logit climatology (an offset with coefficient 1, so zero weights
give climatology back exactly), fitted pooled on every pair with at least ``m`` target days in
the training window, on inputs that say how much the dyad's *own past* clustering predicts its
future, measured at each origin from closed origins only:

* ``z``: the standardised log rates of target days (half-lives 3, 10, 30, 90 days);
* ``pc`` / ``pc90``: the persistence contrast, logit P(quiet week | quiet last 7 days) minus
  logit P(quiet week | active last 7 days), over all closed origins / the last 90, each state's
  frequency shrunk toward the dyad's climatology with 5 pseudo-origins (0 without evidence);
* ``ac90``: the mean autocorrelation (lags 1-7) of the daily target-day indicator over the last
  90 days, shrunk like a correlation of 90 days (0 without events);
* ``rb90``: the logit of the outcome's frequency over the last 90 closed origins minus the
  offset (the recent base rate against the long-run one);
* ``ctx10`` / ``ctx30`` / ``ctxd10``: the other pairs' activity: log of the exponentially weighted
  (half-life 10 / 30 days) log count of target events of A with others than B and of B with others
  than A, and the 10-day one minus its long-run mean;
* ``a x b``: products, so a burst moves the odds only as much as the dyad's clustering says;
* ``off1``: the offset again as an input (its coefficient is then free), with ``lr``/``r90``,
  the long-run and 90-day rates of target days;
* ``hazard ...``: a daily hazard instead: logit P(target day on t+k) = logit h0 + w0 + w . [inputs(t),
  k, k x inputs(t)] with h0 = 1 - climatology ** (1/7), and P = prod over k = 1..7 of (1 - h_k),
  fitted on every (origin, k) row.

Each is scored pooled, and with its coefficients pulled to the dyad's own training origins
(``pull 0.2`` / ``pull 1.0``, as the current forecaster's ``dyad_l2``).

Selection rule (fixed before the first run, the same as the earlier rounds): most wins of the
12 (split, dyad) cells; ties go to the smaller summed difference; the current forecaster
(per-dyad pull 0.2) stays unless a candidate beats it by that rule. ``--check`` scores the
named candidates once on the check half (trained to 30 June, origins 1 July - 24 December)
and must only be run after the choice.
``--all-pairs`` scores the tuning splits on every pair with at least 10 target days by the split's
training end instead of the four dyads (a wider look, for information; it does not change the rule).
Run: .venv/bin/python scripts/tune_clustering.py /tmp/icews14.duckdb [--check NAME ... | --all-pairs]
(with ``--check``, NAME is a candidate without its ``, pull ...`` suffix; its pulls are scored too).
"""
from __future__ import annotations

import sys

import numpy as np
import pandas as pd

from tune_forecaster import DYADS
from tune_recalibration import H, print_deltas, tuning_days

Z = ("z3", "z10", "z30", "z90")


def actor_totals(days) -> dict[str, np.ndarray]:
    """Per actor, its target events per day with anyone (both directions)."""
    out: dict[str, np.ndarray] = {}
    for key, arr in days.arrays.items():
        n = arr[:, 3] + arr[:, 7]
        for actor in key.split("|"):
            out[actor] = out.get(actor, 0) + n
    return out


def context(totals: dict[str, np.ndarray], a: str, b: str, arr: np.ndarray) -> np.ndarray:
    """Target events per day of A with others than B plus B with others than A."""
    return totals[a] + totals[b] - 2 * (arr[:, 3] + arr[:, 7]) if a in totals and b in totals else np.zeros(len(arr))


def raw(arr: np.ndarray, ctx: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Every base input of every day of one pair's array (day i reads days 0..i, outcomes closed by i)."""
    from flashpoint.analytics.pairdays import (climatology, ewm_rate, logit, outcomes, window_sum)

    hits = ((arr[:, 3] + arr[:, 7]) > 0).astype(float)
    y = outcomes(arr, horizon=H)
    clim = climatology(y, horizon=H)
    out = {"off": logit(clim)}
    for h in (3, 10, 30, 90):
        out[f"z{h}"] = np.log(ewm_rate(hits, h) + 0.01)
    quiet = (window_sum(hits, 7) == 0).astype(float)
    known = np.nan_to_num(y, nan=0.0)
    seen = (~np.isnan(y)).astype(float)

    def lag(v: np.ndarray) -> np.ndarray:           # value closed by origin i: origins <= i - H
        return np.concatenate([np.zeros(H), v])[:len(v)]

    for name, w in (("pc", None), ("pc90", 90)):
        def acc(v: np.ndarray) -> np.ndarray:
            return lag(np.cumsum(v) if w is None else window_sum(v, w))
        k = 5.0
        pq = (acc(known * quiet) + k * clim) / (acc(seen * quiet) + k)
        pa = (acc(known * (1 - quiet)) + k * clim) / (acc(seen * (1 - quiet)) + k)
        out[name] = logit(np.clip(pq, 1e-3, 1 - 1e-3)) - logit(np.clip(pa, 1e-3, 1 - 1e-3))
    ones90, n90 = lag(window_sum(known, 90)), lag(window_sum(seen, 90))
    out["rb90"] = logit((ones90 + 1.0) / (n90 + 2.0)) - out["off"]
    out["ac90"] = autocorrelation(hits, 90)
    out["acy"] = outcome_autocorrelation(y)
    out["off1"] = out["off"]
    n = np.arange(1, len(hits) + 1)
    out["lr"] = np.log(np.cumsum(hits) / n + 0.01)          # long-run rate of target days
    out["r90"] = np.log(window_sum(hits, 90) / 90 + 0.01)   # recent rate
    if ctx is not None:
        c = np.log1p(ctx[:len(arr)])
        for h in (10, 30):
            out[f"ctx{h}"] = np.log(ewm_rate(c, h) + 0.01)
        out["ctxlr"] = np.log(np.cumsum(c) / np.arange(1, len(c) + 1) + 0.01)
        out["ctxd10"] = out["ctx10"] - out["ctxlr"]        # the others' recent activity against their long run
    return out


def outcome_autocorrelation(y: np.ndarray) -> np.ndarray:
    """corr(y_s, y_{s-H}) over the origins s closed by each day (s <= i - H), times n/(n+30)."""
    known = np.nan_to_num(y, nan=0.0)
    prev = np.concatenate([np.full(H, np.nan), y[:-H]])
    ok = (~np.isnan(y) & ~np.isnan(prev)).astype(float)
    a, b = known * ok, np.nan_to_num(prev) * ok

    def closed(v: np.ndarray) -> np.ndarray:
        return np.concatenate([np.zeros(H), np.cumsum(v)])[:len(v)]

    n = closed(ok)
    safe = np.maximum(n, 1.0)
    ma, mb = closed(a) / safe, closed(b) / safe
    cov = closed(a * b) / safe - ma * mb
    va, vb = ma - ma * ma, mb - mb * mb
    den = np.sqrt(va * vb)
    r = np.where(den > 1e-9, cov / np.where(den > 1e-9, den, 1.0), 0.0)
    return r * n / (n + 30.0)


def autocorrelation(hits: np.ndarray, w: int) -> np.ndarray:
    """Mean lag-1..7 autocorrelation of the 0/1 series over the last ``w`` days, times n/(n+30)."""
    from flashpoint.analytics.pairdays import window_sum

    m = window_sum(hits, w) / w
    var = m * (1 - m)
    acs = []
    for lag in range(1, 8):
        prod = np.concatenate([np.zeros(lag), hits[lag:] * hits[:-lag]])
        acs.append((window_sum(prod, w - lag) / (w - lag) - m * m) / np.where(var > 0, var, 1.0))
    ac = np.where(var > 0, np.mean(acs, axis=0), 0.0)
    n = window_sum(hits, w)
    return ac * n / (n + 5.0)


def design(r: dict[str, np.ndarray], spec: tuple[str, ...]) -> np.ndarray:
    cols = []
    for term in spec:
        parts = term.split("*")
        v = np.ones(len(r["off"]))
        for p in parts:
            v = v * r[p]
        cols.append(v)
    return np.column_stack(cols)


class OffsetLogit:
    """logit p = off + w0 + w . standardised(inputs), L2 ``l2`` on w."""

    def __init__(self, spec: tuple[str, ...], *, l2: float = 0.01) -> None:
        self.spec, self.l2 = spec, l2

    def fit(self, rows: list[dict[str, np.ndarray]], y: np.ndarray) -> OffsetLogit:
        X = np.vstack([design(r, self.spec) for r in rows])
        self.mean, self.scale = X.mean(axis=0), X.std(axis=0) + 1e-9
        off = np.concatenate([r["off"] for r in rows])
        self.coef = self._solve(X, off, y, prior=np.zeros(X.shape[1] + 1), strength=self.l2, intercept=False)
        return self

    def predict(self, r: dict[str, np.ndarray], *, coef: np.ndarray | None = None) -> np.ndarray:
        w = self.coef if coef is None else coef
        Zs = (design(r, self.spec) - self.mean) / self.scale
        return 1.0 / (1.0 + np.exp(-(r["off"] + w[0] + Zs @ w[1:])))

    def specialise(self, r: dict[str, np.ndarray], y: np.ndarray, *, strength: float) -> np.ndarray:
        """The dyad's own coefficients, pulled towards the pooled ones (intercept included)."""
        return self._solve(design(r, self.spec), r["off"], y, prior=self.coef, strength=strength, intercept=True)

    def _solve(self, X, off, y, *, prior, strength, intercept):
        """Penalised log loss around ``off``; the intercept is pulled only when ``intercept``."""
        from scipy.optimize import minimize

        Zs = (X - self.mean) / self.scale
        pull = np.r_[1.0 if intercept else 0.0, np.ones(Zs.shape[1])]

        def loss(w):
            p = 1.0 / (1.0 + np.exp(-(off + w[0] + Zs @ w[1:])))
            q = np.clip(p, 1e-12, 1 - 1e-12)
            d = (w - prior) * pull
            value = -np.mean(y * np.log(q) + (1 - y) * np.log(1 - q)) + strength * float(d @ d)
            return value, np.r_[np.mean(p - y), Zs.T @ (p - y) / len(y)] + 2 * strength * d

        return minimize(loss, prior.astype(float), jac=True, method="L-BFGS-B").x


class HazardLogit(OffsetLogit):
    """A daily hazard: logit P(target day on t+k) = logit h0 + w0 + w . [inputs(t), k, k * inputs(t)],
    h0 = 1 - climatology ** (1/H) (the daily hazard that gives climatology back), and
    P(no target day on t+1..t+H) = prod_k (1 - h_k). Rows: every origin and k = 1..H."""

    def _expand(self, r: dict[str, np.ndarray], hits: np.ndarray | None):
        X = design(r, self.spec)
        clim = 1.0 / (1.0 + np.exp(-r["off"]))
        h0 = np.clip(1.0 - clim ** (1.0 / H), 1e-4, 1 - 1e-4)
        rows, offs, ys = [], [], []
        for k in range(1, H + 1):
            kk = np.full((len(X), 1), k / H)
            rows.append(np.hstack([X, kk, X * kk]))
            offs.append(np.log(h0 / (1 - h0)))
            if hits is not None:
                ys.append(hits[k:k + len(X)])          # callers pass H days beyond the last origin
        return np.vstack(rows), np.concatenate(offs), (np.concatenate(ys) if ys else None)

    def fit_hazard(self, rows: list[dict[str, np.ndarray]], hits: list[np.ndarray]) -> HazardLogit:
        parts = [self._expand(r, h) for r, h in zip(rows, hits)]
        X, off, y = (np.concatenate([p[i] for p in parts]) for i in range(3))
        self.mean, self.scale = X.mean(axis=0), X.std(axis=0) + 1e-9
        self.coef = self._solve(X, off, y, prior=np.zeros(X.shape[1] + 1), strength=self.l2, intercept=False)
        return self

    def specialise_hazard(self, r, hits, *, strength: float) -> np.ndarray:
        X, off, y = self._expand(r, hits)
        return self._solve(X, off, y, prior=self.coef, strength=strength, intercept=True)

    def predict(self, r, *, coef=None):
        w = self.coef if coef is None else coef
        X, off, _ = self._expand(r, None)
        h = 1.0 / (1.0 + np.exp(-(off + w[0] + ((X - self.mean) / self.scale) @ w[1:])))
        return np.prod((1 - h).reshape(H, -1), axis=0)


HAZARDS: dict[str, tuple[tuple[str, ...], int]] = {
    "hazard z, m10": (Z, 10),
    "hazard z, m3": (Z, 3),
    "hazard z + z*ac90, m10": (Z + tuple(f"{z}*ac90" for z in Z), 10),
}


SPECS: dict[str, tuple[tuple[str, ...], int]] = {
    "z + ctx10 + ctx30, m10": (Z + ("ctx10", "ctx30"), 10),
    "z + ctx10 + ctx30, m3": (Z + ("ctx10", "ctx30"), 3),
    "z + ctxd10, m10": (Z + ("ctxd10",), 10),
    "z + ctxd10, m3": (Z + ("ctxd10",), 3),
    "z + z*acy, m10": (Z + tuple(f"{z}*acy" for z in Z), 10),
    "z + z*acy, m3": (Z + tuple(f"{z}*acy" for z in Z), 3),
    "z + z*acy, m1": (Z + tuple(f"{z}*acy" for z in Z), 1),
    "z + acy + z*acy, m1": (Z + ("acy",) + tuple(f"{z}*acy" for z in Z), 1),
    "off1 + lr + r90 + z + acy + z*acy, m1": (("off1", "lr", "r90") + Z + ("acy",) + tuple(f"{z}*acy" for z in Z), 1),
    "off1 + lr + r90 + z + acy + z*acy, m10": (("off1", "lr", "r90") + Z + ("acy",) + tuple(f"{z}*acy" for z in Z), 10),
    "off1 + r90 + z10 + z10*acy + z10*ac90, m1": (("off1", "r90", "z10", "z10*acy", "z10*ac90"), 1),
    "z, m1": (Z, 1),
    "z, m3": (Z, 3),
    "z + z*pc, m10": (Z + tuple(f"{z}*pc" for z in Z), 10),
    "z + z*pc, m3": (Z + tuple(f"{z}*pc" for z in Z), 3),
    "z + z*pc90, m10": (Z + tuple(f"{z}*pc90" for z in Z), 10),
    "z + z*pc90, m3": (Z + tuple(f"{z}*pc90" for z in Z), 3),
    "z + pc + pc90 + z*pc + z*pc90, m3": (Z + ("pc", "pc90") + tuple(f"{z}*{c}" for z in Z for c in ("pc", "pc90")), 3),
    "z + rb90 + z*pc90, m3": (Z + ("rb90",) + tuple(f"{z}*pc90" for z in Z), 3),
    "z + rb90 + z*pc90, m10": (Z + ("rb90",) + tuple(f"{z}*pc90" for z in Z), 10),
    "z + z*ac90, m3": (Z + tuple(f"{z}*ac90" for z in Z), 3),
    "z + ac90 + z*ac90, m10": (Z + ("ac90",) + tuple(f"{z}*ac90" for z in Z), 10),
    "z + z*ac90 + z*pc90 + rb90, m3": (Z + ("rb90",) + tuple(f"{z}*{c}" for z in Z for c in ("ac90", "pc90")), 3),
}


PULLS = (0.2, 1.0)


def pools(days, end: pd.Timestamp) -> dict[int, tuple[list, list, list]]:
    """Training rows (inputs, outcomes, target-day indicators) of the pairs with >= 1, 3, 10 target days."""
    from flashpoint.analytics.pairdays import outcomes

    stop, hi = days.index_of(end) + 1, days.index_of(end) - H
    pool: dict[int, tuple[list, list, list]] = {1: ([], [], []), 3: ([], [], []), 10: ([], [], [])}
    totals = actor_totals(days)
    for key, arr in days.arrays.items():
        part = arr[:stop]
        hits = ((part[:, 3] + part[:, 7]) > 0).astype(float)
        if hits.sum() < 1:
            continue
        r = {k: v[:hi + 1] for k, v in raw(part, context(totals, *key.split("|"), arr)[:stop]).items()}
        for m, (rs, ys, hs) in pool.items():
            if hits.sum() >= m:
                rs.append(r)
                ys.append(outcomes(part, horizon=H)[:hi + 1])
                hs.append(hits)
    return pool


def fit_models(pool, names: list[str] | None) -> dict[str, OffsetLogit]:
    models: dict[str, OffsetLogit] = {}
    for name, (spec, m) in SPECS.items():
        if not names or name in names:
            models[name] = OffsetLogit(spec).fit(pool[m][0], np.concatenate(pool[m][1]))
    for name, (spec, m) in HAZARDS.items():
        if not names or name in names:
            models[name] = HazardLogit(spec).fit_hazard(pool[m][0], pool[m][2])
    return models


def score_dyad(arr: np.ndarray, models, current, origins: np.ndarray, end_index: int, day0,
               ctx: np.ndarray) -> dict[str, float]:
    """Brier minus the best baseline at ``origins`` of one pair, for the current forecaster and every candidate."""
    from flashpoint.analytics.baselines import baselines
    from flashpoint.analytics.forecast import scores
    from flashpoint.analytics.pairdays import outcomes

    yy = outcomes(arr, horizon=H)[origins]
    best = min(scores(p, yy)["brier"] for p in baselines(arr, origins, horizon=H).values())
    out = {"current (pull 0.2)": scores(current.predict(arr, origins, day0=day0), yy)["brier"] - best}
    r, own = raw(arr, ctx), arr[:end_index + 1]
    r_own = {k: v[30:end_index - H + 1] for k, v in raw(own, ctx[:end_index + 1]).items()}
    y_own = outcomes(own, horizon=H)[30:end_index - H + 1]
    h_own = ((own[:, 3] + own[:, 7]) > 0).astype(float)[30:]
    for name, model in models.items():
        out[name] = scores(model.predict(r)[origins], yy)["brier"] - best
        for strength in PULLS:
            coef = (model.specialise_hazard(r_own, h_own, strength=strength) if isinstance(model, HazardLogit)
                    else model.specialise(r_own, y_own, strength=strength))
            out[f"{name}, pull {strength}"] = scores(model.predict(r, coef=coef)[origins], yy)["brier"] - best
    return out


def main(db: str, *, check: list[str] | None, all_pairs: bool = False) -> int:
    from flashpoint.analytics.forecaster import BURSTS, ClimatologyLogit, Forecaster, training_samples

    splits, last, days = tuning_days(db, check=bool(check))
    deltas: dict[str, list[float]] = {}
    for train_end, first_origin in splits:
        end = pd.Timestamp(train_end)
        pool = pools(days, end)
        models = fit_models(pool, check)
        X, y, _ = training_samples(days, horizon=H, target=4, start=days.day0, end=end)
        current = Forecaster(ClimatologyLogit(l2=0.01, inputs=BURSTS).fit(X, y), H, 4, days.day0, end, "", 0, 0, {"dyad_l2": 0.2})
        origins = np.arange(days.index_of(first_origin), days.index_of(last) + 1)
        print(f"train to {train_end}: pairs " + ", ".join(f"m{m} {len(v[0])}" for m, v in pool.items()), file=sys.stderr)
        pairs = ([k.split("|") for k, a in days.arrays.items()
                  if ((a[:days.index_of(end) + 1, 3] + a[:days.index_of(end) + 1, 7]) > 0).sum() >= 10]
                 if all_pairs else DYADS)
        totals = actor_totals(days)
        for a, b in pairs:
            arr = days.array(a, b)
            cells = score_dyad(arr, models, current, origins, days.index_of(end), days.day0, context(totals, a, b, arr))
            for name, v in cells.items():
                deltas.setdefault(name, []).append(v)
    print_deltas(deltas, cells=not all_pairs, title=("CHECK half (after the choice)" if check else "Tuning half")
                 + ": Brier minus best baseline per split and " + ("pair (every pair with 10+ target days by the "
                 "split's training end)" if all_pairs else "dyad " + ", ".join("-".join(d) for d in DYADS)))
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args or (len(args) > 1 and args[1] not in ("--check", "--all-pairs")):
        print(__doc__, file=sys.stderr)
        raise SystemExit(2)
    if len(args) > 1 and args[1] == "--all-pairs":
        raise SystemExit(main(args[0], check=None, all_pairs=True))
    raise SystemExit(main(args[0], check=args[2:] if len(args) > 1 else None))
