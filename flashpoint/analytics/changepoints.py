"""Change points: days where the level of a dyad's severity, or of its event counts, shifts.

PELT with a least-squares cost (:mod:`.pelt`, the segmentation of ``ruptures.Pelt(model="l2")``
computed on cumulative sums) finds the segmentation
minimising the within-segment squared error plus ``penalty`` per change; it gives
points, not intervals. Two series are segmented:

*severity* (:func:`change_points`): the daily highest rung. The default penalty is
BIC-like, ``3 * sigma^2 * log(n)``, with the noise ``sigma`` estimated robustly from
first differences (their median absolute deviation), falling back to the series'
standard deviation when most days are equal (sparse event series are mostly zeros).

*counts* (:func:`count_change_points`): conflict events (quad classes 3 and 4, both
directions) per week, Monday to Sunday. Weekly counts are Anscombe-transformed,
``2 * sqrt(x + 3/8)``, which gives Poisson counts unit variance whatever their
level, so the stated penalty ``3 * log(n)`` (n weeks) needs no noise estimate;
segments are at least ``min_weeks`` (2) long. A constant series has no change points.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .dyads import AnalysisError
from .pelt import pelt_l2

COLUMNS = ["date", "before_mean", "after_mean", "shift", "direction", "measure"]
COUNT_PENALTY = 3.0           # times log(number of weeks), on Anscombe-transformed weekly counts


def noise_sigma(values: np.ndarray) -> float:
    """A robust estimate of the noise level of a series."""
    if len(values) < 3:
        return float(np.std(values))
    diff = np.diff(values)
    mad = float(np.median(np.abs(diff - np.median(diff))))
    sigma = mad / (0.6745 * math.sqrt(2))
    return sigma if sigma > 0 else float(np.std(values))


def default_penalty(values: np.ndarray) -> float:
    return 3.0 * noise_sigma(values) ** 2 * math.log(max(len(values), 2))


def merge_close(values: np.ndarray, bounds: list[int], *, min_shift: float) -> list[int]:
    """Segment bounds with neighbours whose means differ by less than ``min_shift`` merged."""
    bounds = list(bounds)
    while len(bounds) > 2:
        means = [values[a:b].mean() for a, b in zip(bounds, bounds[1:])]
        gaps = [abs(y - x) for x, y in zip(means, means[1:])]
        k = int(np.argmin(gaps))
        if gaps[k] >= min_shift:
            break
        del bounds[k + 1]
    return bounds


def change_points(series: pd.Series, *, penalty: float | None = None, min_size: int = 3,
                  min_shift: float = 0.5) -> pd.DataFrame:
    """Change points of ``series`` (indexed by date), with the mean level before and after.

    ``date`` is the first day of the new segment; ``shift`` is ``after_mean -
    before_mean`` (positive: the level rose). Neighbouring segments whose means
    differ by less than ``min_shift`` rungs are merged. Fewer than ``2 * min_size``
    values give no change points.
    """
    if min_size < 1:
        raise AnalysisError(f"min_size must be at least 1, not {min_size}", where="min_size",
                            fix="give the shortest segment, in periods")
    values = pd.to_numeric(series, errors="coerce").fillna(0.0).to_numpy(dtype=float)
    if len(values) < 2 * min_size or float(np.ptp(values)) == 0.0:
        return pd.DataFrame(columns=COLUMNS[:-1])
    pen = default_penalty(values) if penalty is None else float(penalty)
    if pen <= 0:
        raise AnalysisError(f"penalty must be positive, not {pen}", where="penalty",
                            fix="give a positive penalty, or none for the default")
    ends = pelt_l2(values, pen, min_size=min_size)
    bounds = merge_close(values, [0, *ends], min_shift=min_shift)
    rows = []
    for k in range(1, len(bounds) - 1):
        before = values[bounds[k - 1]:bounds[k]].mean()
        after = values[bounds[k]:bounds[k + 1]].mean()
        rows.append({"date": series.index[bounds[k]], "before_mean": float(before), "after_mean": float(after),
                     "shift": float(after - before)})
    return pd.DataFrame(rows, columns=COLUMNS[:-1])


def weekly(daily: pd.Series) -> pd.Series:
    """Sums per week (Monday to Sunday) of a daily series indexed by date; weeks labelled by their Monday."""
    index = pd.DatetimeIndex(daily.index)
    monday = index.normalize() - pd.to_timedelta(index.day_of_week, unit="D")
    return pd.Series(daily.to_numpy(dtype=float), index=monday).groupby(level=0).sum()


def count_change_points(daily: pd.Series, *, penalty: float | None = None, min_weeks: int = 2) -> pd.DataFrame:
    """Change points in the weekly sums of a daily count series (see the module docstring).

    ``date`` is the Monday starting the new segment; ``before_mean``/``after_mean`` are
    events per week in the segments either side. ``penalty`` defaults to
    ``COUNT_PENALTY * log(weeks)`` on the transformed scale.
    """
    counts = weekly(daily)
    x = 2.0 * np.sqrt(counts.to_numpy() + 3.0 / 8.0)
    if len(x) < 2 * min_weeks or float(np.ptp(x)) == 0.0:
        return pd.DataFrame(columns=COLUMNS[:4])
    pen = COUNT_PENALTY * math.log(len(x)) if penalty is None else float(penalty)
    if pen <= 0:
        raise AnalysisError(f"penalty must be positive, not {pen}", where="penalty",
                            fix="give a positive penalty, or none for the default")
    bounds = [0, *pelt_l2(x, pen, min_size=min_weeks)]
    raw = counts.to_numpy()
    rows = [{"date": counts.index[bounds[k]], "before_mean": float(raw[bounds[k - 1]:bounds[k]].mean()),
             "after_mean": float(raw[bounds[k]:bounds[k + 1]].mean())} for k in range(1, len(bounds) - 1)]
    out = pd.DataFrame(rows, columns=COLUMNS[:3])
    out["shift"] = out["after_mean"] - out["before_mean"]
    return out


def dyad_change_points(series: pd.DataFrame, *, penalty: float | None = None, min_size: int = 3,
                       min_shift: float = 0.5) -> pd.DataFrame:
    """Change points of each direction's ``severity_max`` and of the pair's (direction 'both'),
    and of the pair's weekly conflict-event counts (``measure`` 'conflict events per week')."""
    if series.empty:
        return pd.DataFrame(columns=COLUMNS)
    options = {"penalty": penalty, "min_size": min_size, "min_shift": min_shift}
    severity = "daily severity"
    parts = [change_points(part.set_index("period")["severity_max"], **options).assign(direction=name,
                                                                                        measure=severity)
             for name, part in series.groupby("direction", sort=True)]
    both = series.groupby("period")["severity_max"].max()
    parts.append(change_points(both, **options).assign(direction="both", measure=severity))
    conflict = series.groupby("period")[["verbal_conflict", "material_conflict"]].sum().sum(axis=1)
    parts.append(count_change_points(conflict).assign(direction="both", measure="conflict events per week"))
    out = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) \
        else pd.DataFrame(columns=COLUMNS)
    return out[COLUMNS]
