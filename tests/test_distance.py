"""The one distance function: great-circle km, in Python and as DuckDB SQL."""
from __future__ import annotations

import math

import duckdb
import pytest

from flashpoint.distance import EARTH_RADIUS_KM, haversine_km, haversine_sql


def test_one_degree_along_the_equator_is_the_radius_times_pi_over_180():
    assert haversine_km(0, 0, 0, 1) == pytest.approx(EARTH_RADIUS_KM * math.pi / 180, rel=1e-12)
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.2)
    assert haversine_km(36.19, 44.01, 36.19, 44.01) == 0


def test_antipodes_are_half_the_circumference():
    assert haversine_km(0, 20, 0, -160) == pytest.approx(EARTH_RADIUS_KM * math.pi, rel=1e-9)


@pytest.mark.parametrize("a, b", [((35.47, 44.39), (35.56, 44.35)), ((33.3, 44.4), (51.5, -0.13)),
                                  ((-33.9, 151.2), (40.7, -74.0))])
def test_the_sql_twin_gives_the_same_km(a, b):
    got = duckdb.sql(f"SELECT {haversine_sql(str(a[0]), str(a[1]), str(b[0]), str(b[1]))}").fetchall()[0][0]
    assert got == pytest.approx(haversine_km(*a, *b), rel=1e-12)
