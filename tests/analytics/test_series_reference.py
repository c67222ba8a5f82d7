"""dyad_series against a straightforward reference: per direction, pandas' groupby per period,
reindexed to every period and zero-filled (the implementation before the vectorised one).

Frames must be equal exactly (values to the last bit, dtypes, order), on random synthetic events
and on the demo store.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from flashpoint.analytics import dyad_series
from flashpoint.analytics.dyads import as_day, between, directed, usable
from flashpoint.analytics.series import COLUMNS, QUADS, _span, _weights, direction_name, period_of
from flashpoint.analytics.severity import rungs


def _reference_aggregate(events: pd.DataFrame, freq: str, weight: str | None) -> pd.DataFrame:
    w = _weights(events, weight)
    quad = pd.to_numeric(events["quad_class"], errors="coerce")
    gold = pd.to_numeric(events["goldstein"], errors="coerce")
    r = rungs(events)
    frame = pd.DataFrame({"period": period_of(events["date"], freq), "w": w, "rung": r, "wr": w * r,
                          "g": gold, "wg": w * gold, "gw": w.where(gold.notna(), 0.0)})
    for q, name in QUADS.items():
        frame[name] = w.where(quad == q, 0.0)
    groups = frame.groupby("period")
    out = groups[["w", *QUADS.values(), "wg", "gw"]].sum()
    out["severity_max"] = groups["rung"].max()
    out["severity_sum"] = groups["wr"].sum(min_count=1)
    out["goldstein_mean"] = out["wg"] / out["gw"].replace(0.0, np.nan)
    out["goldstein_sum"] = out["wg"]
    out["net_cooperation"] = (out["verbal_coop"] + out["material_coop"]
                              - out["verbal_conflict"] - out["material_conflict"])
    return out.rename(columns={"w": "events"}).drop(columns=["wg", "gw"])


def reference(events, source, target, *, freq="D", start=None, end=None, weight=None, both=True):
    lo, hi = as_day(start, what="start"), as_day(end, what="end")
    ev = between(usable(events), lo, hi)
    pairs = [(source, target)] + ([(target, source)] if both else [])
    parts = {direction_name(a, b): directed(ev, a, b) for a, b in pairs}
    dates = pd.concat([p["date"] for p in parts.values()])
    index = _span(dates, lo, hi, freq)
    frames = []
    for name, part in parts.items():
        agg = _reference_aggregate(part, freq, weight) if len(part) else pd.DataFrame(columns=COLUMNS[2:])
        agg = agg.reindex(index)
        fill = [c for c in COLUMNS[2:] if c != "goldstein_mean"]
        agg[fill] = agg[fill].astype(float).fillna(0.0)
        frames.append(agg.reset_index().assign(direction=name))
    out = pd.concat(frames, ignore_index=True)
    return out[COLUMNS].sort_values(["period", "direction"], ignore_index=True)


CAMEOS = ["010", "036", "042", "057", "070", "111", "112", "130", "138", "141", "163", "173", "186", "190",
          "193", "195", None]


def synthetic(seed: int, n: int) -> pd.DataFrame:
    """Random events among four actors: some undated, negated, month-dated, without Goldstein, with
    fractional Goldstein, sectors instead of countries, several sources."""
    rng = np.random.default_rng(seed)
    actors = np.array(["USA", "IRN", "IRQ", "ISR"], dtype=object)
    src, tgt = rng.choice(actors, n), rng.choice(actors, n)
    no_country = rng.random(n) < 0.1
    cameo = rng.choice(np.array(CAMEOS, dtype=object), n)
    gold = np.round(rng.uniform(-10, 10, n), 1)
    gold[rng.random(n) < 0.1] = np.nan
    quad = rng.integers(1, 5, n).astype(float)
    quad[rng.random(n) < 0.05] = np.nan
    dates = pd.Timestamp("2020-01-01") + pd.to_timedelta(rng.integers(0, 400, n), unit="D")
    return pd.DataFrame({
        "event_id": [f"e{i}" for i in range(n)],
        "source_country": np.where(no_country, None, src), "source_sector": np.where(no_country, "REB", None),
        "target_country": tgt, "target_sector": rng.choice(np.array(["GOV", "MIL", None], dtype=object), n),
        "cameo": cameo, "plover_type": rng.choice(np.array(["ASSAULT", "AID", None], dtype=object), n),
        "plover_mode": None, "quad_class": quad, "goldstein": gold,
        "date": pd.Series(dates).where(rng.random(n) > 0.03),
        "date_precision": rng.choice(np.array(["day", "day", "day", "month", "unknown"], dtype=object), n),
        "source_count": rng.integers(1, 4, n), "happened": rng.random(n) > 0.1,
        "place_country": rng.choice(np.array(["IRN", "USA", None], dtype=object), n)})


CASES = [dict(), dict(freq="W"), dict(weight="source_count"), dict(both=False),
         dict(start="2020-02-03", end="2020-06-30"), dict(freq="W", start="2020-01-01", end="2021-03-01"),
         dict(start="2019-12-01", end="2019-12-20")]


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("options", CASES, ids=[str(c) for c in CASES])
def test_equals_the_reference_on_synthetic_events(seed, options):
    events = synthetic(seed, 3000 if seed < 3 else 40)
    for a, b in (("USA", "IRN"), ("IRQ", "REB"), ("ISR", "USA")):
        pd.testing.assert_frame_equal(dyad_series(events, a, b, **options), reference(events, a, b, **options),
                                      check_exact=True)


def test_a_direction_without_events_equals_the_reference():
    events = synthetic(4, 500)
    events = events[~((events["source_country"] == "IRN") & (events["target_country"] == "USA"))]
    pd.testing.assert_frame_equal(dyad_series(events, "USA", "IRN"), reference(events, "USA", "IRN"),
                                  check_exact=True)
    nothing = events.iloc[:0]
    pd.testing.assert_frame_equal(dyad_series(nothing, "USA", "IRN"), reference(nothing, "USA", "IRN"),
                                  check_exact=True)


@pytest.fixture(scope="module")
def demo_events(demo_store):
    from flashpoint.store import Store

    with Store(demo_store, read_only=True) as s:
        return s.events()


@pytest.mark.model
@pytest.mark.parametrize("options", CASES[:5], ids=[str(c) for c in CASES[:5]])
def test_equals_the_reference_on_the_demo_store(demo_events, options):
    for a, b in (("USA", "IRN"), ("IRN", "IRQ"), ("USA", "IRQ")):
        pd.testing.assert_frame_equal(dyad_series(demo_events, a, b, **options),
                                      reference(demo_events, a, b, **options), check_exact=True)
