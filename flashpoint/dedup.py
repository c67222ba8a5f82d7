"""Report de-duplication: which mentions are reports of the same real-world event.

The rule (explained for users in ``docs/dedup.md``) in five steps:

1. **Block.** Only mentions with the same *block* can merge: the same directed
   dyad (each side's country, or its sector when it has no country), the same
   event family (CAMEO root code, else PLOVER type), the same ``happened`` flag
   (asserted/claimed versus negated, hypothetical, threatened, denied) and the
   same date class (day-dated, month-dated, year-dated). Rows of an event
   dataset (an origin not in ``report_origins``: ICEWS, ACLED, POLECAT) are
   events, not reports: their block also holds the origin, the date, both
   sides' country and sector and the full code, so they merge only with true
   duplicates.
2. **Time.** Each mention has a date window: its day; or, when the text gave no
   date and the publication date stands in (precision ``unknown``), the
   ``lookback_days`` before publication up to publication. Sorted by window,
   a mention starts a new candidate when its window begins more than
   ``gap_days`` after every earlier window of the block has ended.
3. **Span.** A candidate longer than ``span_days`` is cut into consecutive
   ``span_days`` slices from its first day, so a daily series of similar
   events does not chain into one.
4. **Place.** Inside a slice, located mentions (coordinates of a place finer
   than a country, i.e. with a first-level region) more than ``radius_km``
   from the first located mention's site open new sites, greedily in time
   order; other mentions join the largest site (the earliest on a tie).
5. **Id.** The event id is the smallest mention id of the cluster, so the same
   mentions always give the same events.

This module holds the rule twice, on purpose: as pure Python functions over
mention rows (:func:`cluster_mentions`, the reference, easy to read and test)
and as SQL text the store runs inside DuckDB (:func:`window_sql`,
:func:`sweep_sql`) for millions of rows. Tests check both give the same clusters.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .distance import haversine_km
from .model import HAPPENED


@dataclass(frozen=True)
class DedupRule:
    """Tolerances of the merge rule (see the module docstring)."""

    gap_days: int = 1
    lookback_days: int = 1
    span_days: int = 3
    radius_km: float = 50.0
    # Origins whose rows are reports (coded news, GDELT); rows of any other origin (ICEWS, ACLED,
    # POLECAT ...) are events and merge only with true duplicates (see exact_key).
    report_origins: tuple[str, ...] = ("flashpoint", "gdelt")

    def __post_init__(self) -> None:
        if self.gap_days < 0 or self.lookback_days < 0 or self.span_days < 1 or self.radius_km < 0:
            raise ValueError("gap_days and lookback_days must be >= 0, span_days >= 1, radius_km >= 0")
        if any(not isinstance(o, str) or "'" in o for o in self.report_origins):
            raise ValueError("report_origins must be dataset names such as 'flashpoint', 'gdelt'")


DEFAULT_RULE = DedupRule()


def happened(modality: str | None) -> bool:
    """Asserted or claimed (a missing modality, as in imported datasets, counts as asserted)."""
    return (modality or "asserted") in HAPPENED


def side_key(country: str | None, sector: str | None) -> str:
    """One side of the directed dyad: the country, else the sector, else ''."""
    return country or sector or ""


def family(cameo: str | None, plover_type: str | None) -> str:
    """Event family: CAMEO root code (first two digits), else the PLOVER type."""
    return (cameo or "")[:2] or plover_type or ""


def date_class(date: dt.date | None, precision: str | None) -> str:
    if date is None:
        return "none"
    return precision if precision in ("month", "year") else "day"


def date_window(date: dt.date, precision: str | None, rule: DedupRule = DEFAULT_RULE
                ) -> tuple[dt.date, dt.date]:
    """The days a mention's event may have happened on."""
    if precision == "unknown":
        return date - dt.timedelta(days=rule.lookback_days), date
    return date, date


def exact_key(row: Mapping[str, Any], rule: DedupRule = DEFAULT_RULE) -> str | None:
    """For a row of an event dataset (its origin not in ``rule.report_origins``), what a true
    duplicate shares: origin, date, both sides' country and sector, full code. None for reports."""
    origin = row.get("origin")
    if origin is None or origin in rule.report_origins:   # coded rows always name their origin
        return None
    parts = (origin, row.get("date"), row.get("source_country"), row.get("source_sector"),
             row.get("target_country"), row.get("target_sector"), row.get("cameo") or row.get("plover_type"))
    return "|".join("" if v is None else str(v) for v in parts)


def block_key(row: Mapping[str, Any], rule: DedupRule = DEFAULT_RULE) -> tuple[Any, ...]:
    """Mentions merge only within one block."""
    dclass = date_class(row.get("date"), row.get("date_precision"))
    return (side_key(row.get("source_country"), row.get("source_sector")),
            side_key(row.get("target_country"), row.get("target_sector")),
            family(row.get("cameo"), row.get("plover_type")), happened(row.get("modality")), dclass,
            row["mention_id"] if dclass == "none" else exact_key(row, rule))


def split_by_place(points: Sequence[tuple[float | None, float | None]], radius_km: float) -> list[int]:
    """Site number for each mention of one time slice, given (lat, lon) in time order.

    Located mentions join the first site whose anchor (its first mention) is
    within ``radius_km``, else open a new site; unlocated mentions join the
    site with most located mentions (the earliest on a tie).
    """
    anchors: list[tuple[float, float]] = []
    sizes: list[int] = []
    sites: list[int | None] = []
    for lat, lon in points:
        if lat is None or lon is None:
            sites.append(None)
            continue
        for i, (alat, alon) in enumerate(anchors):
            if haversine_km(alat, alon, lat, lon) <= radius_km:
                break
        else:
            anchors.append((lat, lon))
            sizes.append(0)
            i = len(anchors) - 1
        sizes[i] += 1
        sites.append(i)
    largest = max(range(len(sizes)), key=lambda i: (sizes[i], -i)) if sizes else 0
    return [largest if s is None else s for s in sites]


def site_point(row: Mapping[str, Any]) -> tuple[float | None, float | None]:
    """Coordinates that can separate sites: a place finer than a country (it has an admin1)."""
    if row.get("place_admin1") in (None, ""):
        return None, None
    return row.get("lat"), row.get("lon")


def cluster_mentions(rows: Iterable[Mapping[str, Any]], rule: DedupRule = DEFAULT_RULE) -> dict[str, str]:
    """The reference rule: mention id -> event id (the smallest mention id of its cluster).

    ``rows`` are mention rows (:data:`flashpoint.schema.MENTION_SCHEMA` columns;
    only the origin, dyad, code, modality, date, precision, lat/lon and admin1 are read).
    """
    blocks: dict[tuple[Any, ...], list[Mapping[str, Any]]] = {}
    for row in rows:
        blocks.setdefault(block_key(row, rule), []).append(row)
    out: dict[str, str] = {}
    for members in blocks.values():
        for cluster in _time_slices(members, rule):
            ordered = [r for _, _, r in cluster]
            sites = split_by_place([site_point(r) for r in ordered], rule.radius_km)
            for site in set(sites):
                ids = [r["mention_id"] for r, s in zip(ordered, sites) if s == site]
                event_id = min(ids)
                out.update(dict.fromkeys(ids, event_id))
    return out


def _time_slices(members: list[Mapping[str, Any]], rule: DedupRule
                 ) -> list[list[tuple[dt.date, dt.date, Mapping[str, Any]]]]:
    """Steps 2 and 3: candidates by interval sweep, then cut into span_days slices."""
    if members[0].get("date") is None:  # undated: each mention is its own event
        return [[(dt.date.min, dt.date.min, r)] for r in members]
    windowed = sorted(((*date_window(r["date"], r.get("date_precision"), rule), r) for r in members),
                      key=lambda t: (t[0], t[1], t[2]["mention_id"]))
    slices: dict[tuple[int, int], list[tuple[dt.date, dt.date, Mapping[str, Any]]]] = {}
    candidate, first, max_end = -1, dt.date.min, None
    for start, end, row in windowed:
        if max_end is None or start > max_end + dt.timedelta(days=rule.gap_days):
            candidate, first = candidate + 1, start
        max_end = end if max_end is None else max(max_end, end)
        cut = (start - first).days // rule.span_days
        slices.setdefault((candidate, cut), []).append((start, end, row))
    return list(slices.values())


# --- the same rule in SQL, for the store -------------------------------------------------

def window_sql(rule: DedupRule = DEFAULT_RULE) -> str:
    """Columns of a mention row the sweep needs (select list over ``mentions``)."""
    return f"""
        mention_id,
        coalesce(source_country, source_sector, '') AS skey,
        coalesce(target_country, target_sector, '') AS tkey,
        coalesce(nullif(left(coalesce(cameo, ''), 2), ''), plover_type, '') AS family,
        coalesce(modality, 'asserted') IN {tuple(sorted(HAPPENED))} AS happened,
        CASE WHEN date IS NULL THEN 'none'
             WHEN date_precision IN ('month', 'year') THEN date_precision ELSE 'day' END AS dclass,
        CASE WHEN date IS NULL THEN mention_id
             WHEN origin IS NOT NULL AND origin NOT IN ({", ".join(f"'{o}'" for o in rule.report_origins) or "''"})
             THEN concat_ws('|', origin, coalesce(CAST(date AS VARCHAR), ''),
                  coalesce(source_country, ''), coalesce(source_sector, ''), coalesce(target_country, ''),
                  coalesce(target_sector, ''), coalesce(cameo, plover_type, '')) END AS lone,
        CASE WHEN date_precision = 'unknown' THEN date - {int(rule.lookback_days)} ELSE date END AS wstart,
        date AS wend,
        CASE WHEN coalesce(place_admin1, '') <> '' THEN lat END AS lat,
        CASE WHEN coalesce(place_admin1, '') <> '' THEN lon END AS lon"""


BLOCK = "skey, tkey, family, happened, dclass, lone"
ORDER = "wstart, wend, mention_id"
DAY_ORDER = "wstart, wend"  # (block, wstart, wend) is unique among days


def sweep_sql(source: str, rule: DedupRule = DEFAULT_RULE, *, carry: Sequence[str] = ()) -> str:
    """Steps 2-3 over a relation with :func:`window_sql` columns: each mention's ``mention_id``,
    ``lat``, ``lon``, ``wstart``, ``wend``, and ``slice_key``, ``anchor`` and ``slice_n``.

    ``slice_n`` counts the mentions of the slice (the merge writes a slice of one mention as its
    event directly; counting here, in a window the sweep runs anyway, spares a window over every
    mention).

    ``slice_key`` names the time slice (its smallest mention id); mentions inside it are ordered
    by (wstart, wend, mention_id); ``anchor`` is its first located mention's {lat, lon}.
    Mentions of one block with the same window always fall in the same slice, so the sweep runs
    over the distinct (block, window) "days" (about half the rows of GDELT, a few of ICEWS's),
    and each mention takes its day's slice. Columns of ``source`` named in ``carry`` are passed
    through.
    """
    same = " AND ".join(f"m.{c} IS NOT DISTINCT FROM s.{c}" for c in (*BLOCK.split(", "), "wstart", "wend"))
    return f"""
    WITH days AS (
        SELECT {BLOCK}, wstart, wend, min(mention_id) AS first_id, count(*)::INTEGER AS n_day,
            arg_min({{'lat': lat, 'lon': lon}}, mention_id) FILTER (WHERE lat IS NOT NULL AND lon IS NOT NULL)
                AS first_site
        FROM {source} GROUP BY ALL),
    flagged AS (
        SELECT *, coalesce(wstart > max(wend) OVER (PARTITION BY {BLOCK} ORDER BY {DAY_ORDER}
                 ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) + {int(rule.gap_days)}, true) AS is_new
        FROM days),
    sliced AS (  -- a candidate's first day is the start of its latest new row (starts never decrease)
        SELECT *, coalesce((wstart - cstart) // {int(rule.span_days)}, 0) AS cut
        FROM (SELECT *, sum(is_new::INTEGER) OVER b AS candidate, max(CASE WHEN is_new THEN wstart END) OVER b AS cstart
              FROM flagged WINDOW b AS (PARTITION BY {BLOCK} ORDER BY {DAY_ORDER} ROWS UNBOUNDED PRECEDING))),
    slices AS (
        SELECT {BLOCK}, wstart, wend, min(first_id) OVER w AS slice_key, sum(n_day) OVER w AS slice_n,
            first_value(first_site IGNORE NULLS) OVER (w ORDER BY {DAY_ORDER}
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS anchor
        FROM sliced WINDOW w AS (PARTITION BY {BLOCK}, candidate, cut))
    SELECT m.mention_id, m.lat, m.lon, m.wstart, m.wend, s.slice_key, s.anchor, s.slice_n::BIGINT AS slice_n
        {"".join(f", m.{c}" for c in carry)}
    FROM {source} m JOIN slices s ON {same}"""
