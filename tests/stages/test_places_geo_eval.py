"""GeoWebNews scoring: the reader and matcher on a made-up file, and the real score against its floor."""
from __future__ import annotations

import json

import pytest

from flashpoint.errors import FormatError
from flashpoint.evaluation import geo
from flashpoint.model import Place
from tests.conftest import ROOT, need_shared

FLOORS = ROOT / "eval-floors.json"

# A made-up article in GeoWebNews' layout (no text from the real set).
MADE_UP = """<?xml version="1.0" ?>
<articles>
  <article file="7">
    <title>t</title><link>l</link>
    <text>Shelling near Erbil and in Zedland overnight.</text>
    <toponyms>
      <toponym><extractedName>Erbil</extractedName><normalisedName/><type>Literal</type>
        <modifierType/><nonLocational>No</nonLocational><start>14</start><end>19</end>
        <geonamesID>95446</geonamesID><latitude>36.19</latitude><longitude>44.01</longitude></toponym>
      <toponym><extractedName>Zedland</extractedName><normalisedName/><type>Literal</type>
        <modifierType/><nonLocational>No</nonLocational><start>20</start><end>27</end>
        <geonamesID/><latitude>1.0</latitude><longitude>2.0</longitude></toponym>
    </toponyms>
  </article>
</articles>
"""


def test_reader_repairs_offsets_that_miss_the_name(tmp_path):
    path = tmp_path / "gwn.xml"
    path.write_text(MADE_UP, encoding="utf-8")
    (art,) = geo.read_gold(path)
    erbil, zed = art.toponyms
    assert (erbil.start, erbil.end, erbil.geonameid) == (14, 19, 95446)
    assert art.text[zed.start:zed.end] == "Zedland" and zed.geonameid is None  # 20 was off by four


def test_reader_names_the_file_when_it_is_not_xml(tmp_path):
    path = tmp_path / "gwn.xml"
    path.write_text("<articles><article>", encoding="utf-8")
    with pytest.raises(FormatError) as err:
        geo.read_gold(path)
    assert str(path) in str(err.value)


def test_match_takes_the_largest_overlap_and_reports_strays():
    tops = [geo.Toponym("Anbar", 10, 15, "Literal"), geo.Toponym("Iraq", 30, 34, "Literal")]
    places = (Place("al Anbar province", 7, 24), Place("Basra", 40, 45))
    hits, strays = geo.match(places, tops)
    assert hits == {0: places[0]} and strays == [places[1]]



@pytest.mark.model
@pytest.mark.shared
def test_geowebnews_scores_stay_above_the_floor(tmp_path):
    gold = need_shared(geo.DEFAULT_GOLD)
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))["geo"]
    errors = tmp_path / "errors.jsonl"
    scores = geo.evaluate(gold, errors_path=errors)
    for key, floor in floors.items():
        if isinstance(floor, (int, float)):
            assert scores[key] >= floor, f"GeoWebNews {key} fell to {scores[key]} (floor {floor})"
    kinds = {json.loads(line)["kind"] for line in errors.read_text(encoding="utf-8").splitlines()}
    assert kinds <= {"far", "wrong_country", "missed", "spurious"} and "missed" in kinds
