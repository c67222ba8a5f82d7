"""Events of a dyad: checking an events frame and picking out one direction of a pair.

An *events frame* is a pandas DataFrame in the shape :meth:`flashpoint.store.Store.events`
returns (one row per merged event). The analytics need only some of its columns:
``date`` and each side's ``*_country`` (or ``*_sector`` for actors without a country);
``cameo``/``plover_type``/``plover_mode``/``quad_class`` rate the event; ``happened``,
``date_precision``, ``goldstein``, ``source_count``, ``place_country`` and ``event_id``
are used when present.

A side matches an actor code the way the store's ``dyad=`` filter does: its country, or
its sector when it has no country.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from ..codebook import MATERIAL_QUADS
from ..errors import AnalysisError

REQUIRED = ("date", "source_country", "target_country")
DAY_PRECISIONS = frozenset({"day", "unknown"})   # month/year-dated events have no day to sit on
MATERIAL = MATERIAL_QUADS                         # quad classes of acts (see bounded)


def check_events(events: pd.DataFrame) -> None:
    """Raise :class:`AnalysisError` naming the missing columns of an events frame."""
    if not isinstance(events, pd.DataFrame):
        raise AnalysisError(f"expected a pandas DataFrame of events, got {type(events).__name__}",
                            where="events", fix="pass Store.events(...) or a DataFrame with its columns")
    missing = [c for c in REQUIRED if c not in events.columns]
    if not any(c in events.columns for c in ("cameo", "plover_type", "quad_class")):
        missing.append("cameo|plover_type|quad_class")
    if missing:
        raise AnalysisError(f"events frame lacks columns {missing}", where="events",
                            fix="use the columns of the store's events table (Store.events())")


def side_key(events: pd.DataFrame, side: str) -> pd.Series:
    """Each row's actor code on one side ('source' or 'target'): country, else sector."""
    return pd.Series(_side_values(events, side), index=events.index, dtype="object")


def _side_values(events: pd.DataFrame, side: str) -> np.ndarray:
    """:func:`side_key` as a NumPy object array (no index: the cheap form for masks)."""
    country = events[f"{side}_country"].to_numpy(dtype=object)
    sector = events.get(f"{side}_sector")
    if sector is None:
        return country
    return np.where(pd.isna(country), sector.to_numpy(dtype=object), country)


FIRST_DAY, LAST_DAY = dt.date(1678, 1, 1), dt.date(2261, 12, 31)  # within pd.Timestamp.min/max


def as_day(value: Any, *, what: str) -> pd.Timestamp | None:
    """A day (midnight Timestamp) from a date, string or Timestamp; None stays None."""
    if value is None:
        return None
    if isinstance(value, pd.Timestamp):
        return value.normalize()
    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    except ValueError:
        raise AnalysisError(f"{value!r} is not a date", where=what, fix="write dates as YYYY-MM-DD") from None
    if not FIRST_DAY <= day <= LAST_DAY:  # pandas' nanosecond days end there; later steps fail outside
        raise AnalysisError(f"{day.isoformat()} is outside the days an analysis can use", where=what,
                            fix=f"give a day from {FIRST_DAY} to {LAST_DAY}")
    return pd.Timestamp(day).normalize()


def period(start: Any, end: Any, *, names: tuple[str, str] = ("--from", "--to")
           ) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """The days of a period's two ends (either may be None), each checked by :func:`as_day` under the
    option's name, and the first not after the second."""
    lo, hi = as_day(start, what=names[0]), as_day(end, what=names[1])
    if lo is not None and hi is not None and lo > hi:
        raise AnalysisError(f"{names[0]} {lo.date()} is after {names[1]} {hi.date()}", where=f"{names[0]}/{names[1]}",
                            fix=f"give a {names[0]} day on or before the {names[1]} day")
    return lo, hi


def bounded(events: pd.DataFrame) -> pd.Series:
    """Mask of material events dated only by a 'before publication' bound."""
    if "date_precision" not in events.columns or "quad_class" not in events.columns:
        return pd.Series(False, index=events.index)
    return (events["date_precision"] == "unknown") & events["quad_class"].isin(MATERIAL)


def usable(events: pd.DataFrame) -> pd.DataFrame:
    """Events that count in a series: happened, and dated to a day.

    Rows with ``happened`` False (negated, hypothetical, threatened, denied) are
    dropped; so are rows without a date or dated only to a month or year (their
    date is the first of the period, not the day the event happened), and material
    acts whose date is only a 'before publication' bound (retrospective mentions,
    :mod:`.undated`). A frame
    without a ``happened`` column is taken as dataset rows, which all happened.
    """
    check_events(events)
    keep = events["date"].notna()
    if "happened" in events.columns:
        keep &= events["happened"].fillna(False).astype(bool)
    if "date_precision" in events.columns:
        keep &= events["date_precision"].isna() | events["date_precision"].isin(DAY_PRECISIONS)
    keep &= ~bounded(events)
    out = events.loc[keep].copy()
    out["date"] = pd.to_datetime(out["date"]).dt.normalize()
    return out


def directed(events: pd.DataFrame, source: str, target: str) -> pd.DataFrame:
    """Rows of ``events`` from ``source`` to ``target`` (actor codes as in the store)."""
    return events.loc[directed_mask(events, source, target)]


def check_dyad(source: str, target: str) -> None:
    """Raise :class:`AnalysisError` unless ``source`` and ``target`` are two different actor codes."""
    if not source or not target or source == target:
        raise AnalysisError(f"a dyad is two different actor codes, not {source!r} and {target!r}",
                            where="dyad", fix="give e.g. USA IRN: source first, then target")


def directed_mask(events: pd.DataFrame, source: str, target: str) -> pd.Series:
    """Which rows of ``events`` are from ``source`` to ``target``."""
    check_dyad(source, target)
    mask = (_side_values(events, "source") == source) & (_side_values(events, "target") == target)
    return pd.Series(mask, index=events.index, dtype=bool)


def between(events: pd.DataFrame, start: pd.Timestamp | None, end: pd.Timestamp | None) -> pd.DataFrame:
    """Rows dated from ``start`` to ``end`` (inclusive; None leaves that side open)."""
    mask = pd.Series(True, index=events.index)
    if start is not None:
        mask &= events["date"] >= start
    if end is not None:
        mask &= events["date"] <= end
    return events.loc[mask]


def fold_sides(events: pd.DataFrame, aliases: dict[str, str]) -> pd.DataFrame:
    """``events`` with some actors counted as another side, e.g. a state's proxies as the state.

    ``aliases`` maps ``"COUNTRY/SECTOR"`` (an actor with that country and sector, such
    as ``"IRQ/REB"`` for Iraqi militias) or a plain side code (a country, or a sector of
    actors without one) to the code to count it as (``"IRN"``). Matching sides get the
    new code as their country and lose their sector. The analyst states the
    relationship; nothing here infers it.
    """
    check_events(events)
    out = events.copy()
    for side in ("source", "target"):
        country = out[f"{side}_country"].astype("object")
        sector = out[f"{side}_sector"].astype("object") if f"{side}_sector" in out.columns else None
        key = side_key(out, side)
        new = pd.Series(None, index=out.index, dtype="object")
        for name, code in aliases.items():
            if "/" in name:
                c, s = name.split("/", 1)
                hit = (country == c) & (sector == s) if sector is not None else pd.Series(False, index=out.index)
            else:
                hit = key == name
            new = new.where(~(hit & new.isna()), code)
        changed = new.notna()
        out.loc[changed, f"{side}_country"] = new[changed]
        if sector is not None:
            out.loc[changed, f"{side}_sector"] = None
    return out


def parse_aliases(specs: list[str] | None) -> dict[str, str]:
    """``["IRQ/REB=IRN", ...]`` as a dict, with a clear error for a malformed one."""
    out: dict[str, str] = {}
    for spec in specs or []:
        name, sep, code = spec.partition("=")
        if not sep or not name.strip() or not code.strip():
            raise AnalysisError(f"cannot read {spec!r}", where="--as",
                                fix="write ACTOR=SIDE, e.g. IRQ/REB=IRN (country/sector) or HZB=IRN")
        out[name.strip()] = code.strip()
    return out


def with_sector_sides(a: str, b: str, aliases: dict[str, str] | None) -> dict[str, str]:
    """``aliases`` plus each side written ``COUNTRY/SECTOR`` (``UKR/GOV``) as its own code, so
    that a dyad inside one country (``UKR/GOV UKR/REB``) is told apart by sector; the
    analyst's own aliases win."""
    own = {side: side for side in (a, b) if "/" in side}
    for side in own:
        country, _, sector = side.partition("/")
        if not country or not sector:
            raise AnalysisError(f"cannot read the actor {side!r}", where="dyad",
                                fix="write COUNTRY/SECTOR, e.g. UKR/GOV, or a plain code such as UKR")
    return {**own, **(aliases or {})}


def alias_actors(a: str, b: str, aliases: dict[str, str]) -> list[str]:
    """The actor codes whose events an aliased dyad needs, sorted: both sides and the country
    (or plain code) of every aliased actor ('IRQ/REB' -> 'IRQ')."""
    return sorted({a.split("/")[0], b.split("/")[0]} | {name.split("/")[0] for name in aliases})
