"""Distance on the Earth: one great-circle function, in Python and as DuckDB SQL.

The de-duplication rule (sites more than ``radius_km`` apart are separate events)
and the geoparser evaluation (a place within 161 km of the gold point is right)
both measure with :func:`haversine_km`; the store runs the same formula inside
DuckDB through :func:`haversine_sql`.
"""
from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088   # the IUGG mean Earth radius


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def haversine_sql(lat1: str, lon1: str, lat2: str, lon2: str) -> str:
    """:func:`haversine_km` as a DuckDB expression over four column expressions."""
    return (f"2 * {EARTH_RADIUS_KM} * asin(least(1.0, sqrt(pow(sin(radians({lat2} - {lat1}) / 2), 2)"
            f" + cos(radians({lat1})) * cos(radians({lat2})) * pow(sin(radians({lon2} - {lon1}) / 2), 2))))")
