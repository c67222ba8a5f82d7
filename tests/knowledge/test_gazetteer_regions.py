"""The shipped gazetteer's regions: named as news names them, placed inside themselves."""
from __future__ import annotations

import sys
from pathlib import Path

from flashpoint.distance import haversine_km
from flashpoint.knowledge.gazetteer import default_gazetteer

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import build_gazetteer  # noqa: E402  (a script, not a package module)


def test_region_names_lose_their_local_word_for_region():
    local = build_gazetteer.local_name
    assert local("Anhui Sheng") == "Anhui"
    assert local("Guangxi Zhuangzu Zizhiqu") == "Guangxi"
    assert local("Departement de la Somme") == "Somme"
    assert local("Changwat Udon Thani") == "Udon Thani"
    assert local("Gyeonggi-do") == "Gyeonggi"
    assert local("Colorado") == "Colorado" and local("Sheng") == "Sheng"
    assert build_gazetteer.clean_region("Anhui Sheng") == "Anhui"
    assert build_gazetteer.clean_region("Basra Governorate") == "Basra"


def test_a_few_stray_places_do_not_move_a_region_box():
    inliers = build_gazetteer.inliers
    body = [30.0 + i / 100 for i in range(300)]  # 30.00 .. 32.99
    assert inliers([10.0, 10.5, *body]) == (30.0, 32.99)  # two strays 20 degrees off
    assert inliers([29.0, *body]) == (29.0, 32.99)  # one degree off is the region's own
    few = [10.0, 30.0, 30.5, 31.0]
    assert inliers(few) == (10.0, 31.0)  # too few places to call one stray


def test_chinese_provinces_and_french_departments_are_found_where_they_are():
    gaz = default_gazetteer()
    jiangsu = next(e for e, _ in gaz.lookup("Jiangsu") if e.feature == "admin1")
    assert jiangsu.country == "CHN" and haversine_km(jiangsu.lat, jiangsu.lon, 32.06, 118.78) < 250  # Nanjing
    assert any(e.feature == "admin1" and e.country == "CHN" for e, _ in gaz.lookup("Anhui"))
    assert any(e.feature == "admin2" and e.country == "FRA" for e, _ in gaz.lookup("Somme"))
    assert any(e.feature == "admin2" and e.country == "PHL" for e, _ in gaz.lookup("Bohol"))  # "Province of Bohol"
    assert [e.name for e, _ in gaz.lookup("NSW") if e.feature == "admin1"] == ["New South Wales"]


def test_a_region_named_like_a_country_keeps_its_whole_name():
    gaz = default_gazetteer()
    assert not [e for e, _ in gaz.lookup("Luxembourg") if e.country == "BEL"]
    assert any(e.country == "BEL" for e, _ in gaz.lookup("Province du Luxembourg"))
