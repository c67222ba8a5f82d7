"""Directed-dyad time series: per day (or week) and direction, counts by quad class and severity.

Only events that happened and are dated to a day count (:func:`.dyads.usable`).
With ``weight="source_count"`` each event counts as many times as independent
sources reported it (counts, severity sums and the Goldstein mean are weighted;
the daily maximum rung is not).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .dyads import AnalysisError, as_day, between, directed_mask, usable
from .severity import rungs

FREQS = {"D": "day", "W": "week"}
QUADS = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}
WEIGHTS = (None, "source_count")
COLUMNS = ["period", "direction", "events", *QUADS.values(), "severity_max", "severity_sum", "goldstein_mean",
           "goldstein_sum", "net_cooperation"]


def direction_name(source: str, target: str) -> str:
    return f"{source}->{target}"


def period_of(dates: pd.Series, freq: str) -> pd.Series:
    """The day, or the Monday starting the week, of each date."""
    if freq == "D":
        return dates.dt.normalize()
    return dates.dt.normalize() - pd.to_timedelta(dates.dt.day_of_week, unit="D")


def _weights(events: pd.DataFrame, weight: str | None) -> pd.Series:
    if weight is None:
        return pd.Series(1.0, index=events.index)
    if weight not in events.columns:
        raise AnalysisError(f"events frame has no {weight!r} column to weight by", where="weight",
                            fix="use the store's events table, or weight=None")
    return pd.to_numeric(events[weight], errors="coerce").fillna(1.0).clip(lower=1.0)


def group_sums(groups: np.ndarray, values: np.ndarray, size: int) -> np.ndarray:
    """Per group (0 to ``size - 1``) and column of ``values`` (rows x columns), the sum of the non-NaN
    values in row order, compensated (Kahan) as pandas' ``groupby().sum()`` adds, so the sums equal
    pandas' to the last bit. Vectorised over groups: one step per rank within a group."""
    total = np.zeros((size, values.shape[1]))
    comp = np.zeros_like(total)
    order = np.argsort(groups, kind="stable")
    g, v = groups[order], values[order]
    starts = np.flatnonzero(np.r_[True, g[1:] != g[:-1]]) if len(g) else np.zeros(0, dtype=np.intp)
    rank = np.arange(len(g)) - np.repeat(starts, np.diff(np.r_[starts, len(g)]))
    by_rank = np.argsort(rank, kind="stable")
    bounds = np.searchsorted(rank[by_rank], np.arange(rank.max() + 2 if len(rank) else 1))
    for lo, hi in zip(bounds, bounds[1:]):
        rows = by_rank[lo:hi]
        at, val = g[rows], v[rows]
        y = val - comp[at]
        t = total[at] + y
        c = (t - total[at]) - y
        skip = np.isnan(val)
        comp[at] = np.where(skip, comp[at], np.where(np.isnan(c), 0.0, c))
        total[at] = np.where(skip, total[at], t)
    return total


def _positions(dates: pd.Series, index: pd.DatetimeIndex, freq: str) -> np.ndarray:
    """Each date's row in ``index`` (its day, or the Monday starting its week)."""
    days = dates.to_numpy(dtype="datetime64[D]").astype(np.int64)
    if freq == "W":
        days -= (days + 3) % 7                 # 1970-01-01 was a Thursday
    first = index[:1].to_numpy(dtype="datetime64[D]").astype(np.int64)
    return (days - first) // (1 if freq == "D" else 7)


SUMS = ["events", *QUADS.values(), "wg", "gw", "severity_sum"]


def _summands(events: pd.DataFrame, weight: str | None) -> tuple[np.ndarray, np.ndarray]:
    """Per event, the values summed per period (columns :data:`SUMS`), and its rung."""
    if not len(events):
        return np.zeros((0, len(SUMS))), np.zeros(0)
    terms = event_terms(events, weight)
    return stack_summands(*terms), terms[-1]


def event_terms(events: pd.DataFrame, weight: str | None, *,
                rung: np.ndarray | None = None) -> tuple[np.ndarray, ...]:
    """Per event (row by row, each independent of the others): its weight, quad class, Goldstein
    score and rung, as floats (NaN when missing); ``rung`` when the rungs are known already."""
    w = _weights(events, weight).to_numpy(dtype=float)
    nan = np.full(len(events), np.nan)
    quad = pd.to_numeric(events["quad_class"], errors="coerce").to_numpy(dtype=float) \
        if "quad_class" in events.columns else nan
    gold = pd.to_numeric(events["goldstein"], errors="coerce").to_numpy(dtype=float) \
        if "goldstein" in events.columns else nan
    r = rungs(events).to_numpy(dtype=float) if rung is None else rung
    return w, quad, gold, r


def stack_summands(w: np.ndarray, quad: np.ndarray, gold: np.ndarray, r: np.ndarray) -> np.ndarray:
    """The columns :data:`SUMS` of events with these :func:`event_terms`."""
    columns = [w, *(np.where(quad == q, w, 0.0) for q in QUADS), w * gold, np.where(np.isnan(gold), 0.0, w), w * r]
    return np.column_stack(columns) if len(w) else np.zeros((0, len(SUMS)))


def _dense(summands: np.ndarray, r: np.ndarray, at: np.ndarray, size: int) -> dict[str, np.ndarray]:
    """The series columns of one direction's events over ``size`` periods (events in rows ``at``)."""
    out = dict(zip(SUMS, group_sums(at, summands, size).T))
    top = np.full(size, np.nan)
    np.fmax.at(top, at, r)
    gw = out.pop("gw")
    out["severity_max"] = np.where(np.isnan(top), 0.0, top)
    out["goldstein_mean"] = out["wg"] / np.where(gw == 0.0, np.nan, gw)
    out["goldstein_sum"] = out.pop("wg")
    out["net_cooperation"] = (out["verbal_coop"] + out["material_coop"]
                              - out["verbal_conflict"] - out["material_conflict"])
    return out


MAX_SPAN_DAYS = 36_525  # a century of days: the series, and its change points (quadratic in its length)


def _span(dates: pd.Series, start: pd.Timestamp | None, end: pd.Timestamp | None,
          freq: str) -> pd.DatetimeIndex:
    lo = start if start is not None else dates.min()
    hi = end if end is not None else dates.max()
    if pd.isna(lo) or pd.isna(hi):
        return pd.DatetimeIndex([], name="period")
    if (hi - lo).days > MAX_SPAN_DAYS:
        raise AnalysisError(f"{lo.date()} to {hi.date()} is {(hi - lo).days:,} days; a series spans at most "
                            f"{MAX_SPAN_DAYS:,} (a century)", where="--from/--to",
                            fix="give a later --from (or an earlier --to)")
    lo, hi = period_of(pd.Series([lo, hi]), freq)
    return pd.date_range(lo, hi, freq="D" if freq == "D" else "7D", name="period")


def check_options(*, freq: str, weight: str | None) -> None:
    """Raise :class:`AnalysisError` for a frequency or weight :func:`dyad_series` does not know."""
    if freq not in FREQS:
        raise AnalysisError(f"unknown frequency {freq!r}", where="freq", fix="use 'D' (daily) or 'W' (weekly)")
    if weight not in WEIGHTS:
        raise AnalysisError(f"unknown weight {weight!r}", where="weight", fix="use None or 'source_count'")


def dyad_series(events: pd.DataFrame, source: str, target: str, *, freq: str = "D",
                start: object = None, end: object = None, weight: str | None = None,
                both: bool = True) -> pd.DataFrame:
    """The series of ``source -> target`` (and, with ``both``, ``target -> source``).

    A tidy frame with columns :data:`COLUMNS`: one row per period and direction,
    every period from ``start`` (default: the pair's first event) to ``end``
    (default: its last), zero-filled; ``severity_max`` is 0 for a period without
    rated events, ``goldstein_mean`` is NaN for a period without events (its
    ``goldstein_sum`` is 0). ``net_cooperation`` is cooperative (quad 1, 2) minus
    conflictual (quad 3, 4) events.
    """
    check_options(freq=freq, weight=weight)
    lo, hi = as_day(start, what="start"), as_day(end, what="end")
    ev = between(usable(events), lo, hi)
    pairs = [(source, target)] + ([(target, source)] if both else [])
    masks = {direction_name(a, b): directed_mask(ev, a, b).to_numpy() for a, b in pairs}
    wanted = np.logical_or.reduce(list(masks.values()))
    rows = ev.loc[wanted]
    summands, r = _summands(rows, weight)
    return tidy_series(rows["date"], {name: mask[wanted] for name, mask in masks.items()}, summands, r,
                       start=lo, end=hi, freq=freq)


def tidy_series(dates: pd.Series, masks: dict[str, np.ndarray], summands: np.ndarray, r: np.ndarray, *,
                start: pd.Timestamp | None, end: pd.Timestamp | None, freq: str) -> pd.DataFrame:
    """The frame of :func:`dyad_series` from its usable events: their days, which direction each
    is in (``masks`` by direction name), their :func:`stack_summands` and rungs."""
    index = _span(dates, start, end, freq)
    at = _positions(dates, index, freq)
    names = sorted(masks)                      # rows by period, then direction
    dense = {name: _dense(summands[m], r[m], at[m], len(index)) for name, m in masks.items()}
    columns = {column: np.column_stack([dense[name][column] for name in names]).ravel() if len(index)
               else np.zeros(0) for column in COLUMNS[2:]}
    out = pd.DataFrame({"period": index.repeat(len(names)),
                        "direction": pd.Series(np.tile(np.array(names, dtype=object), len(index)), dtype="str"),
                        **columns})
    if not all(mask.any() for mask in masks.values()):   # as concatenating an empty direction's frame gave
        out["goldstein_mean"] = out["goldstein_mean"].astype(object)
    return out


def summarise(series: pd.DataFrame) -> pd.DataFrame:
    """Per direction: totals over the whole series, the peak rung and when it came."""
    rows = []
    for name, part in series.groupby("direction", sort=False):
        active = part[part["events"] > 0]
        peak = part.loc[part["severity_max"].idxmax()] if len(part) else None
        gw = active["events"].where(active["goldstein_mean"].notna(), 0.0)
        rows.append({
            "direction": name, "events": part["events"].sum(),
            **{q: part[q].sum() for q in QUADS.values()},
            "severity_max": part["severity_max"].max() if len(part) else 0.0,
            "peak_period": peak["period"] if peak is not None and peak["severity_max"] > 0 else None,
            "severity_sum": part["severity_sum"].sum(),
            "goldstein_mean": (active["goldstein_mean"].fillna(0) * gw).sum() / gw.sum() if gw.sum() else np.nan,
            "active_periods": len(active),
            "first": active["period"].min() if len(active) else None,
            "last": active["period"].max() if len(active) else None,
        })
    return pd.DataFrame(rows)


def combined_severity(series: pd.DataFrame) -> pd.Series:
    """The pair's severity per period: the higher ``severity_max`` of its directions."""
    return series.groupby("period")["severity_max"].max()


def recent_trend(series: pd.DataFrame, *, freq: str = "D", periods: int | None = None) -> pd.DataFrame:
    """Is it escalating? Per direction and for the pair ('both'): the last window against the one before.

    The window is ``periods`` periods (default: 7 days of a daily series, 1 week of a
    weekly one, ``freq`` 'D' or 'W'), ending at the series' last period. ``verdict`` compares the windows'
    highest rungs: higher now 'escalating', lower 'de-escalating', equal 'steady',
    no hostile event in either 'quiet'.
    """
    if series.empty:
        return pd.DataFrame(columns=["direction", "window_start", "max_now", "max_before", "sum_now",
                                     "sum_before", "verdict"])
    freq_days = 1 if freq == "D" else 7
    n = periods or (7 if freq == "D" else 1)
    last = series["period"].max()
    start = last - pd.Timedelta(days=freq_days * (n - 1))
    before = start - pd.Timedelta(days=freq_days * n)
    both = series.groupby("period", as_index=False).agg(severity_max=("severity_max", "max"),
                                                        severity_sum=("severity_sum", "sum")).assign(direction="both")
    rows = []
    for name, part in pd.concat([series, both], ignore_index=True).groupby("direction", sort=False):
        now = part[part["period"] >= start]
        old = part[(part["period"] >= before) & (part["period"] < start)]
        hi, lo = float(now["severity_max"].max()), float(old["severity_max"].max()) if len(old) else 0.0
        verdict = ("quiet" if hi == lo == 0 else "escalating" if hi > lo else "de-escalating" if hi < lo
                   else "steady")
        rows.append({"direction": name, "window_start": start, "max_now": hi, "max_before": lo,
                     "sum_now": float(now["severity_sum"].sum()), "sum_before": float(old["severity_sum"].sum()),
                     "verdict": verdict})
    return pd.DataFrame(rows)
