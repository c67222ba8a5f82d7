"""GeoWebNews and GeoVirus scoring: the readers and matcher on made-up files, and the real
scores of both corpora against their floors."""
from __future__ import annotations

import json

import pytest

from flashpoint.errors import FormatError
from flashpoint.evaluation import geo
from flashpoint.evaluation.scoreboard import below_floors, headlines, read_floors
from flashpoint.model import Place
from tests.conftest import ROOT, need_shared

FLOORS = ROOT / "eval-floors.json"

# A made-up passage in GeoVirus' layout (offsets one character late, as in the real file).
MADE_UP_GEOVIRUS = """<articles>
  <article>
    <source>https://example.org/wiki/Made_up_outbreak</source>
    <text>Cases rose in Zedville and across Africa.</text>
    <locations>
      <location><name>Zedville</name><start>15</start><end>23</end><lat>1.5</lat><lon>2.5</lon>
        <page>https://example.org/wiki/Zedville</page></location>
      <location><name>Africa</name><start>35</start><end>41</end><lat>7.18</lat><lon>21.09</lon>
        <page>https://example.org/wiki/Africa</page><continent/></location>
    </locations>
  </article>
</articles>
"""

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


def test_geovirus_layout_is_read_with_offsets_repaired_and_continents_flagged(tmp_path):
    path = tmp_path / "GeoVirus.xml"
    path.write_text(MADE_UP_GEOVIRUS, encoding="utf-8")
    (art,) = geo.read_gold(path)
    zed, africa = art.toponyms
    assert art.text[zed.start:zed.end] == "Zedville" and (zed.lat, zed.lon) == (1.5, 2.5)
    assert africa.continent and africa.type == "continent" and not zed.continent
    assert art.story.endswith("Made_up_outbreak")  # passages of one story split together
    geo.gold_countries([africa])
    assert africa.country is None


def test_the_default_gold_scores_both_corpora_and_another_file_alone(tmp_path):
    assert list(geo.corpora(geo.DEFAULT_GOLD)) == ["GWN", "GeoVirus"]
    assert geo.corpora(tmp_path / "mine.xml") == {"mine": tmp_path / "mine.xml"}


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


def test_match_gives_a_place_to_the_nested_toponym_it_fits():
    """'Dubai' of 'Dubai Police', both annotated: the place goes to 'Dubai', whichever comes first."""
    name = geo.Toponym("Dubai", 0, 5, "Literal", 25.0, 55.0)
    holder = geo.Toponym("Dubai Police", 0, 12, "Coercion")
    place = Place("Dubai", 0, 5)
    assert geo.match((place,), [holder, name])[0] == {1: place}
    assert geo.match((place,), [name, holder])[0] == {0: place}
    whole = Place("Dubai Police", 0, 12)
    assert geo.match((whole,), [name, holder])[0] == {1: whole}


@pytest.mark.model
@pytest.mark.shared
def test_geowebnews_and_geovirus_scores_stay_above_their_floors(tmp_path):
    gold = need_shared(geo.DEFAULT_GOLD)
    need_shared(geo.GEOVIRUS)
    errors = tmp_path / "errors.jsonl"
    scores = geo.evaluate(gold, errors_path=errors)
    floors = read_floors(FLOORS)
    sets = headlines("geo", scores)
    assert set(sets) == {"geo/GWN", "geo/GeoVirus"}
    assert sets["geo/GWN"]["all"]["gold_toponyms_located"] == 2601
    for name, halves in sets.items():
        assert floors[name]["check"], f"no floor for the check half of {name}"
        assert below_floors(name, halves, floors) == []
    rows = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert {r["kind"] for r in rows} <= {"far", "wrong_country", "missed", "spurious"}
    assert {(r["corpus"], r["half"]) for r in rows if r["kind"] == "missed"} == {("GWN", "tune"), ("GeoVirus", "tune")}
