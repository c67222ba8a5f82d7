"""The world basemap, offline: country outlines from the installed ``countryinfo`` package.

``countryinfo`` (MIT; already a dependency for the gazetteer) ships a GeoJSON
outline for most countries, at about Natural Earth 1:110m detail. They are
gathered once into one FeatureCollection (ISO alpha-3 as ``id``) and served by
``/api/basemap``; the map page draws it itself (SVG), with no tile server.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def world() -> dict[str, Any]:
    """A GeoJSON FeatureCollection of country outlines, rounded to 0.01 degree."""
    from countryinfo import CountryNotFoundError, all_countries

    features = []
    for country in all_countries():
        try:
            shape, iso, name = country.geo_json() or {}, country.iso(3), country.name()
        except (CountryNotFoundError, KeyError, AttributeError):
            continue        # an entry without an outline or code
        for feature in shape.get("features", []):
            geometry = feature.get("geometry")
            if not geometry:
                continue
            features.append({"type": "Feature", "id": iso or feature.get("id"),
                             "properties": {"name": str(name).title()},
                             "geometry": {"type": geometry["type"], "coordinates": _round(geometry["coordinates"])}})
    features.sort(key=lambda f: str(f["id"]))
    return {"type": "FeatureCollection", "features": features}


def _round(coords: Any) -> Any:
    if coords and isinstance(coords[0], (int, float)):
        return [round(float(coords[0]), 2), round(float(coords[1]), 2)]
    return [_round(c) for c in coords]
