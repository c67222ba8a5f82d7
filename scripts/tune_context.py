"""Inputs from outside the dyad's quad-4 series, judged on every active pair of the tuning half of 2014.

The eighth round. Every earlier round built the forecaster from the dyad's own quad-4 series
(its bursts ``z``, its long-run rate ``lr``, their products, its outcome clustering). Issue 14
names "cooperative acts and de-escalation statements as inputs where they help", and the docs
"inputs from outside the dyad's own series (e.g. news volume)". This round adds such inputs to
the current forecaster (``forecaster.py`` VERSION 4: ``z + lr + z*lr`` around the dyad's logit
climatology, pooled on pairs with 3+ quad-4 days, per-dyad pull 1) and nothing else changes.

**Inputs** (every one read at origin ``t`` from days ``<= t`` only; ``ewm_h`` is the
exponentially weighted mean with half-life ``h`` days, ``cum`` the mean over every day from the
store's first day; all standardised over the pooled rows as the forecaster's are):

* ``q{1,2,3}z{10,30}``: the dyad's other quad classes (1 verbal cooperation, 2 material
  cooperation, 3 verbal conflict: threats, accusations, demands), ``log(ewm_h(days with a
  quad-q event either way) + 0.01)``, as ``z`` is for quad 4;
* ``q{1,2,3}d10``: the same against its long run, ``q{q}z10 - log(cum(days with quad q) + 0.01)``;
* ``vold10``: the dyad's total event volume (every class: attention),
  ``log(ewm_10(log1p n) + 0.01) - log(cum(log1p n) + 0.01)`` with ``n`` its events per day;
* ``sided10``: the sides' volume with everyone, the same contrast on ``log1p(A's events with
  anyone) + log1p(B's events with anyone)`` per day (every class, either direction);
* ``newsd10``: the store's total daily volume (a news-volume proxy), the same contrast on
  ``log1p(all events of the day)``; ``volnorm10 = vold10 - newsd10`` and ``sidenorm10 = sided10 -
  newsd10`` are the dyad's and the sides' attention normalised by it;
* ``g7``, ``g30``: the dyad's Goldstein mean over the last 7 / 30 days (0 without events);
* products with ``*`` (``q3z10*lr``: verbal conflict scaled by the long-run rate of quad-4 days,
  as ``z*lr`` scales the bursts; ``vold10*lr``).

**Candidates** (16 specs, each fitted pooled on pairs with 3+ quad-4 days in the training window,
as the forecaster, and scored pooled and with per-dyad pulls 0.2 and 1: 48 candidates), every spec
``B + extra`` with ``B = z + lr + z*lr`` (the current inputs): ``SPECS`` below. ``B (control)``,
the current inputs alone, is fitted by the same code as a control: its pull 1 is the current
forecaster and should reproduce its cells (it competes under the rule like any candidate).

**Cells and rule: ``tune_pooled.py``'s, unchanged, fixed before this script's first run.**
Cells: for each of the three tuning splits (trained to 31 March, 30 April, 31 May; origins from
the next day to 23 June, windows closed by 30 June, the store cut at 30 June), every unordered pair
with at least 10 days of quad-4 events by the split's training end, and the four dyads ISR-PSE,
IRN-USA, RUS-UKR, CHN-JPN whether or not they have 10 (each pair once per split): 9 + 11 + 12 =
32 cells. Score of a cell: the candidate's Brier score minus the best of the three baselines'
(climatology, persistence, recency) on the cell's origins. **Rule: the candidate with the most
cells below the best baseline wins; ties go to the smaller sum of the cells' differences; the
current forecaster ("current (VERSION 4)", ``forecaster.fit`` as the command fits it) stays unless
a candidate beats it by this rule.** The four dyads' cells are printed for information.

**After the choice is committed** (and only then), ``--check NAME ...`` scores the named
candidates (the winner) and the current forecaster once on the check half: trained to 30 June,
origins 1 July - 24 December 2014 (177 per pair), (a) the four dyads and (b) the 12-pair fresh
panel of ``fresh_panel.py`` (10+ quad-4 days in January-June, the four dyads left out), with the
panel's summed difference to the best baseline and its Newey-West se (lag 14), and the paired
margin to the current forecaster. **Adoption**: the winner becomes the forecaster if it beat the
current forecaster by the tune rule above AND its summed Brier difference to the best baseline
over the four dyads on the check half is not larger than the current forecaster's (not worse);
otherwise nothing changes and the round is logged as "nothing kept". The panel (b) is reported
for information and does not enter the decision.

Run: .venv/bin/python scripts/tune_context.py /tmp/s25fc/icews14.duckdb [--check NAME ...]
"""
from __future__ import annotations

import sys

import numpy as np
import pandas as pd

from flashpoint.analytics.forecaster import VERSION

from tune_clustering import Z, OffsetLogit, raw
from tune_pooled import DYAD_KEYS, cell_keys, command_line, print_ranking, record
from tune_recalibration import H, tuning_days

B = Z + ("lr",) + tuple(f"{z}*lr" for z in Z)
CURRENT = f"current (VERSION {VERSION})"  # 4 when this round was run
SPECS: dict[str, tuple[str, ...]] = {
    "B (control)": B,
    "B + q123z10": B + ("q1z10", "q2z10", "q3z10"),
    "B + q123d10": B + ("q1d10", "q2d10", "q3d10"),
    "B + q3z10 + q3z30": B + ("q3z10", "q3z30"),
    "B + q3d10": B + ("q3d10",),
    "B + q3z10 + q3z10*lr": B + ("q3z10", "q3z10*lr"),
    "B + q12z10 + q12d10": B + ("q1z10", "q2z10", "q1d10", "q2d10"),
    "B + q123z30": B + ("q1z30", "q2z30", "q3z30"),
    "B + vold10": B + ("vold10",),
    "B + vold10 + vold10*lr": B + ("vold10", "vold10*lr"),
    "B + vold10 + newsd10": B + ("vold10", "newsd10"),
    "B + volnorm10": B + ("volnorm10",),
    "B + sided10 + newsd10": B + ("sided10", "newsd10"),
    "B + sidenorm10": B + ("sidenorm10",),
    "B + g7 + g30": B + ("g7", "g30"),
    "B + g7 + g30 + q123d10": B + ("g7", "g30", "q1d10", "q2d10", "q3d10"),
    "B + all context": B + ("q1d10", "q2d10", "q3d10", "vold10", "sided10", "newsd10", "g7", "g30"),
}
PULLS = (0.2, 1.0)
MIN_TARGET_DAYS = 3
PANEL = ("2014-06-30", "2014-07-01", "2014-12-24")


def volumes(days) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """(per actor: its events per day with anyone, every class; the store's events per day)."""
    sides: dict[str, np.ndarray] = {}
    news = np.zeros(days.size)
    for key, arr in days.arrays.items():
        n = arr[:, 0:8].sum(axis=1)
        news = news + n
        for actor in key.split("|"):
            sides[actor] = sides.get(actor, 0) + n
    return sides, news


def contrast(x: np.ndarray, h: int = 10) -> np.ndarray:
    """log(ewm_h(x) + 0.01) - log(cum(x) + 0.01): the recent level against the long run."""
    from flashpoint.analytics.pairdays import ewm_rate

    return np.log(ewm_rate(x, h) + 0.01) - np.log(np.cumsum(x) / np.arange(1, len(x) + 1) + 0.01)


def context_inputs(arr: np.ndarray, side: np.ndarray, news: np.ndarray) -> dict[str, np.ndarray]:
    """The round's inputs of every day of one pair's array (day i reads days 0..i; see the docstring)."""
    from flashpoint.analytics.pairdays import ewm_rate, window_sum

    quads = arr[:, 0:4] + arr[:, 4:8]
    out: dict[str, np.ndarray] = {}
    for q in (1, 2, 3):
        hit = (quads[:, q - 1] > 0).astype(float)
        for h in (10, 30):
            out[f"q{q}z{h}"] = np.log(ewm_rate(hit, h) + 0.01)
        out[f"q{q}d10"] = contrast(hit)
    out["vold10"] = contrast(np.log1p(quads.sum(axis=1)))
    out["sided10"] = contrast(side[:len(arr)])
    out["newsd10"] = contrast(np.log1p(news[:len(arr)]))
    out["volnorm10"] = out["vold10"] - out["newsd10"]
    out["sidenorm10"] = out["sided10"] - out["newsd10"]
    n_all, gold = quads.sum(axis=1), arr[:, 8] + arr[:, 9]
    for w in (7, 30):
        n = window_sum(n_all, w)
        out[f"g{w}"] = np.where(n > 0, window_sum(gold, w) / np.maximum(n, 1.0), 0.0)
    return out


def pair_rows(key: str, arr: np.ndarray, vol) -> dict[str, np.ndarray]:
    """Every input (the forecaster's and this round's) of every day of ``arr``."""
    sides, news = vol
    a, b = key.split("|")
    side = np.log1p(sides.get(a, np.zeros(len(news)))) + np.log1p(sides.get(b, np.zeros(len(news))))
    return {**raw(arr), **context_inputs(arr, side, news)}


def fit_candidates(days, end: pd.Timestamp, vol, names: list[str] | None) -> dict[str, OffsetLogit]:
    """Every spec fitted pooled on the pairs with MIN_TARGET_DAYS+ quad-4 days by ``end``."""
    from flashpoint.analytics.pairdays import outcomes

    stop, hi = days.index_of(end) + 1, days.index_of(end) - H
    rows, ys = [], []
    for key, arr in days.arrays.items():
        part = arr[:stop]
        if int(((part[:, 3] + part[:, 7]) > 0).sum()) >= MIN_TARGET_DAYS:
            rows.append({k: v[:hi + 1] for k, v in pair_rows(key, part, vol).items()})
            ys.append(outcomes(part, horizon=H)[:hi + 1])
    y = np.concatenate(ys)
    print(f"train to {end.date()}: {len(rows)} pairs, {len(y)} rows", file=sys.stderr)
    return {name: OffsetLogit(spec).fit(rows, y) for name, spec in SPECS.items() if not names or name in names}


def score_pair(days, key: str, models, current, origins: np.ndarray, end_index: int, vol) -> dict[str, np.ndarray]:
    """Per origin of one pair, the squared error of the current forecaster and of every candidate minus
    the best baseline's (the baseline with the lowest Brier on ``origins``); its mean is the cell's score."""
    from flashpoint.analytics.baselines import baselines
    from flashpoint.analytics.pairdays import outcomes

    arr = days.array(*key.split("|"))
    yy = outcomes(arr, horizon=H)[origins]
    if np.isnan(yy).any():
        raise SystemExit(f"{key}: an origin's window is not closed by the last day")
    best = min(((p - yy) ** 2 for p in baselines(arr, origins, horizon=H).values()), key=np.mean)
    out = {CURRENT: (current.predict(arr, origins, day0=days.day0) - yy) ** 2 - best}
    r_all = pair_rows(key, arr, vol)
    r_own = {k: v[30:end_index - H + 1] for k, v in pair_rows(key, arr[:end_index + 1], vol).items()}
    y_own = outcomes(arr[:end_index + 1], horizon=H)[30:end_index - H + 1]
    for name, model in models.items():
        out[name] = (model.predict(r_all)[origins] - yy) ** 2 - best
        for strength in PULLS:
            coef = model.specialise(r_own, y_own, strength=strength) if len(np.unique(y_own)) == 2 else None
            out[f"{name}, pull {strength}"] = (model.predict(r_all, coef=coef)[origins] - yy) ** 2 - best
    return out


def split_cells(days, train_end: str, first_origin: str, last: str, keys, vol,
                names: list[str] | None) -> dict[str, dict[str, np.ndarray]]:
    """Per pair of ``keys`` (``None``: the tune cells of ``tune_pooled.py``), its per-origin differences
    at one split (every model trained on origins closed by ``train_end``)."""
    from flashpoint.analytics.forecaster import fit
    from tune_stack import NO_COUNTS

    end = pd.Timestamp(train_end)
    e = days.index_of(end)
    models = fit_candidates(days, end, vol, names)
    current = fit(days, NO_COUNTS, horizon=H, train_end=end)
    origins = np.arange(days.index_of(first_origin), days.index_of(last) + 1)
    keys = sorted(cell_keys(days, e, check=False) if keys is None else keys)
    return {key: score_pair(days, key, models, current, origins, e, vol) for key in keys}


def print_panel(cells: dict[str, dict[str, np.ndarray]], names: list[str]) -> None:
    """The panel's pairs below the best baseline (= below every baseline), the summed difference with the
    Newey-West se (lag 14) of the per-origin panel sum, and the paired margin to the current forecaster."""
    from flashpoint.analytics.backtest import newey_west_se

    total = {n: np.sum([c[n] for c in cells.values()], axis=0) for n in [CURRENT, *names]}
    print(f"\nPanel ({len(cells)} pairs, check half, for information): pairs below every baseline, "
          "summed Brier difference to the best baseline (se), margin to the current forecaster (se)")
    for n, t in total.items():
        margin = total[CURRENT] - t
        print(f"{n:44s} {sum(c[n].mean() < 0 for c in cells.values()):2d}/{len(cells)} "
              f"{t.mean():+.4f} ({newey_west_se(t, lag=2 * H):.4f}) "
              f"{margin.mean():+.4f} ({newey_west_se(margin, lag=2 * H):.4f})")
    for key, c in cells.items():
        print(f"  {key.replace('|', '-'):8s} " + " ".join(f"{c[n].mean():+.4f}" for n in total))


def main(db: str, *, check: list[str] | None) -> int:
    splits, last, days = tuning_days(db, check=bool(check))
    vol = volumes(days)
    every: dict[str, list[float]] = {}
    four: dict[str, list[float]] = {}
    names = sorted({n.split(", pull")[0] for n in check}) if check else None
    for train_end, first_origin in splits:
        keys = sorted(DYAD_KEYS) if check else None
        for key, cells in split_cells(days, train_end, first_origin, last, keys, vol, names).items():
            record(every, four, key, {n: float(d.mean()) for n, d in cells.items()
                                      if not check or n == CURRENT or n in check})
    print_ranking(every, four, check=bool(check))
    if check:
        from fresh_panel import panel_keys

        train_end, first, last_origin = PANEL
        keys = panel_keys(days, days.index_of(train_end))
        cells = split_cells(days, train_end, first, last_origin, keys, vol, names)
        print_panel(cells, [n for n in check if n != CURRENT])
    return 0


if __name__ == "__main__":
    command_line(main, __doc__)
