"""Property: any MENTION_SCHEMA rows written as GDELT read back with the same fields."""
from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pyarrow as pa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flashpoint.formats import gdelt
from flashpoint.formats.common import cameo_table, fips_iso3, iso3_names
from flashpoint.schema import MENTION_SCHEMA

CODES = sorted(set(cameo_table().column("code").to_pylist()))
# Countries whose English name has no comma: GDELT's "City, Region, Country" full names cannot
# carry a comma inside a part (a documented limit of the layout).
PLACE_COUNTRIES = sorted(c for c in set(fips_iso3().values()) if "," not in iso3_names().get(c, ","))
ACTOR_COUNTRIES = ["USA", "IRN", "IRQ", "GBR", "ROU", "COD", "IGO", None]
SECTORS = ["GOV", "MIL", "REB", "OPP", "CVL", "COP", None]
words = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ ", min_size=1, max_size=12).map(str.strip).filter(bool)
names = st.text(alphabet="abcdefghij", min_size=1, max_size=8).map(lambda s: "Fx" + s)
days = st.dates(min_value=dt.date(1979, 1, 1), max_value=dt.date(2030, 12, 31))
coords = st.floats(min_value=-90, max_value=90, allow_nan=False).map(lambda v: round(v, 4))


@st.composite
def rows(draw: st.DrawFn) -> dict:
    gid = draw(st.integers(min_value=1, max_value=10**12))
    row = {"mention_id": f"gdelt:{gid}", "origin": "gdelt", "origin_id": str(gid),
           "cameo": draw(st.sampled_from(CODES)), "goldstein": draw(st.floats(-10, 10).map(lambda v: round(v, 1))),
           "quad_class": draw(st.integers(1, 4)), "date": draw(days), "published": draw(days),
           "url": "https://news.example.org/" + draw(names)}
    for side in ("source", "target"):
        row[f"{side}_country"] = draw(st.sampled_from(ACTOR_COUNTRIES))
        row[f"{side}_sector"] = draw(st.sampled_from(SECTORS))
        row[f"{side}_text"] = draw(st.one_of(st.none(), words))
    if draw(st.booleans()):
        row.update(place_name=draw(names), place_admin1=draw(st.one_of(st.none(), names)),
                   place_country=draw(st.sampled_from(PLACE_COUNTRIES)), lat=draw(coords), lon=draw(coords))
    return row


COMPARED = ["mention_id", "source_country", "source_sector", "source_text", "target_country", "target_sector",
            "target_text", "cameo", "goldstein", "quad_class", "date", "published", "place_name",
            "place_admin1", "place_country", "lat", "lon", "url"]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(rows(), min_size=1, max_size=20, unique_by=lambda r: r["mention_id"]))
def test_gdelt_write_read_round_trip(data: list[dict]) -> None:
    table = pa.Table.from_pylist(data, schema=MENTION_SCHEMA)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "rt.export.CSV"
        assert gdelt.write_events(table, out) == len(data)
        back = gdelt.read_events(out)
    assert not back.errors
    got = {r["mention_id"]: r for r in back.table.select(COMPARED).to_pylist()}
    for r in table.select(COMPARED).to_pylist():
        assert got[r["mention_id"]] == r
