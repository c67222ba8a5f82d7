"""Change points in severity and count series."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from flashpoint.analytics import AnalysisError, change_points, dyad_change_points, dyad_series
from tests.analytics.helpers import event, frame

DAYS = pd.date_range("2020-01-01", periods=40, freq="D")


def test_a_clear_rise_is_found_on_its_first_day():
    rng = np.random.default_rng(7)
    values = np.r_[np.zeros(20), np.full(20, 6.0)] + rng.normal(0, 0.5, 40)
    cp = change_points(pd.Series(values, index=DAYS))
    assert list(cp["date"]) == [DAYS[20]]
    assert cp.iloc[0]["shift"] == pytest.approx(6.0, abs=0.6)


def test_a_rise_and_a_fall_are_both_found():
    values = np.r_[np.zeros(12), np.full(14, 7.0), np.ones(14)]
    cp = change_points(pd.Series(values, index=DAYS))
    assert list(cp["date"]) == [DAYS[12], DAYS[26]]
    assert list(np.sign(cp["shift"])) == [1, -1]


def test_flat_short_or_heavily_penalised_series_have_none():
    assert change_points(pd.Series(np.full(40, 3.0), index=DAYS)).empty
    assert change_points(pd.Series([0, 7, 7, 0.0], index=DAYS[:4])).empty
    values = np.r_[np.zeros(20), np.full(20, 6.0)]
    assert change_points(pd.Series(values, index=DAYS), penalty=1e9).empty


def test_bad_parameters_are_named():
    with pytest.raises(AnalysisError, match="penalty"):
        change_points(pd.Series(np.r_[np.zeros(20), np.ones(20)], index=DAYS), penalty=-1)
    with pytest.raises(AnalysisError, match="min_size"):
        change_points(pd.Series(np.zeros(40), index=DAYS), min_size=0)


def test_dyad_change_points_cover_each_direction_and_the_pair():
    rows = [event(d, "USA", "IRN", "195") for d in range(15, 30)] + [event(0, "IRN", "USA", "112")] + \
           [event(d, "IRN", "USA", "190") for d in range(16, 30, 2)]
    cp = dyad_change_points(dyad_series(frame(*rows), "USA", "IRN"))
    assert set(cp["direction"]) >= {"USA->IRN", "both"}
    assert (cp[cp["direction"] == "USA->IRN"]["date"] == pd.Timestamp("2020-01-16")).any()


def test_segments_with_nearly_equal_means_are_merged():
    from flashpoint.analytics.changepoints import merge_close

    values = np.r_[np.zeros(10), np.full(5, 3.0), np.full(5, 3.2), np.zeros(5)]
    assert merge_close(values, [0, 10, 15, 20, 25], min_shift=0.5) == [0, 10, 20, 25]
    assert merge_close(values, [0, 10, 15, 20, 25], min_shift=0.1) == [0, 10, 15, 20, 25]


# --- weekly counts ---------------------------------------------------------------------------

ICEWS = __import__("pathlib").Path(__file__).resolve().parents[3] / "shared" / "data" / "icews" / "icews14s_2014.tab.gz"


def test_known_shifts_in_a_synthetic_count_series_are_recovered_within_two_weeks():
    from flashpoint.analytics.changepoints import count_change_points

    shifts = [pd.Timestamp("2021-04-15"), pd.Timestamp("2021-07-20"), pd.Timestamp("2021-10-01")]
    days = pd.date_range("2021-01-04", "2021-12-31", freq="D")
    rate = np.select([days < shifts[0], days < shifts[1], days < shifts[2]], [0.3, 2.5, 0.8], 0.2)
    for seed in range(5):                          # the tolerance holds for every draw, not one lucky one
        counts = np.random.default_rng(seed).poisson(rate)
        cp = count_change_points(pd.Series(counts, index=days))
        assert len(cp) == 3, cp
        for found, true in zip(cp["date"], shifts):
            assert abs((found - true).days) <= 14, (seed, found, true)
        assert list(np.sign(cp["shift"])) == [1, -1, -1]


def test_a_steady_poisson_series_has_no_count_change_point():
    from flashpoint.analytics.changepoints import count_change_points

    days = pd.date_range("2021-01-04", periods=364, freq="D")
    for seed in range(5):
        assert count_change_points(pd.Series(np.random.default_rng(seed).poisson(1.5, 364), index=days)).empty


@pytest.mark.skipif(not ICEWS.exists(), reason=f"shared ICEWS file absent: {ICEWS}")
def test_the_2014_gaza_war_is_a_change_point_in_isr_pse(tmp_path):
    from flashpoint.cli import main
    from flashpoint.store import Store

    db = tmp_path / "icews14.duckdb"
    assert main(["import", "icews", str(ICEWS), "--db", str(db)]) == 0
    with Store(db, read_only=True) as store:
        events = pd.concat([store.events(("ISR", "PSE")), store.events(("PSE", "ISR"))])
        first = store.first_day()
    cp = dyad_change_points(dyad_series(events, "ISR", "PSE", start=first, end="2014-12-31"))
    counts = cp[cp["measure"] == "conflict events per week"]
    # the June escalation that led into the war (from 8 July) starts a higher level; the ceasefire ends it
    up = counts[(counts["shift"] > 0) & counts["date"].between("2014-06-01", "2014-07-14")]
    down = counts[(counts["shift"] < 0) & counts["date"].between("2014-08-01", "2014-09-15")]
    assert len(up) == 1 and len(down) == 1, counts
