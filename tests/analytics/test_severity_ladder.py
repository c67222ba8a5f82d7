"""The severity ladder: table, lookups, modifiers, daily severity."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from flashpoint.analytics.severity import (TOP, base_rungs, cameo_rung, daily_severity, load_ladder, modifiers,
                                           plover_rung, rungs)
from flashpoint.errors import ResourceError
from flashpoint.resources import read_tsv
from tests.analytics.helpers import event, frame


def test_every_rung_has_a_name_and_the_table_is_ordered():
    ladder = load_ladder()
    assert sorted(ladder.names) == list(range(TOP + 1))
    assert all(code.isdigit() for code in ladder.cameo)


@pytest.mark.parametrize("code,rung", [("040", 0), ("112", 1), ("1246", 1), ("130", 2), ("138", 3), ("1384", 3),
                                       ("139", 3), ("163", 4), ("145", 4), ("154", 5), ("171", 6), ("191", 6),
                                       ("190", 7), ("1823", 7), ("186", 8), ("195", 8), ("202", 9), ("2042", 10)])
def test_cameo_codes_take_the_longest_listed_prefix(code, rung):
    assert cameo_rung(code, load_ladder()) == rung


def test_unknown_or_missing_cameo_is_unrated():
    ladder = load_ladder()
    assert math.isnan(cameo_rung("999", ladder)) and math.isnan(cameo_rung(None, ladder))


def test_every_cameo_code_of_the_codebook_is_rated():
    ladder = load_ladder()
    unrated = [r["code"] for r in read_tsv("cameo.tsv") if math.isnan(cameo_rung(r["code"], ladder))]
    assert unrated == []


def test_ladder_separates_what_goldstein_lumps_at_minus_ten():
    ladder = load_ladder()
    at_ten = [r["code"] for r in read_tsv("cameo.tsv") if float(r["goldstein"]) == -10.0]
    assert len({cameo_rung(c, ladder) for c in at_ten}) >= 4


def test_plover_type_and_mode_rate_events_without_cameo():
    ladder = load_ladder()
    assert plover_rung("ASSAULT", "aerial", ladder) == 8
    assert plover_rung("THREATEN", "violence", ladder) == 3
    assert plover_rung("threaten", "no-such-mode", ladder) == 2
    ev = frame(event(0, "USA", "IRN", None, plover_type="SANCTION"),
               event(0, "USA", "IRN", None, quad_class=3), event(0, "USA", "IRN", None, quad_class=None))
    got = base_rungs(ev)
    assert got.iloc[0] == 4 and got.iloc[1] == 1 and math.isnan(got.iloc[2])


def test_assassinating_a_state_official_adds_a_rung():
    ev = frame(event(0, "USA", "IRN", "186", target_sector="MIL"), event(0, "USA", "IRN", "186", target_sector="CVL"))
    assert list(rungs(ev)) == [9, 8]
    assert list(modifiers(ev, base_rungs(ev))["leader"]) == [True, False]


def test_strikes_on_the_targets_own_territory_add_a_rung_but_not_at_home_or_abroad():
    ev = frame(event(0, "USA", "IRN", "190", place_country="IRN"), event(0, "USA", "IRN", "190", place_country="IRQ"),
               event(0, "IRQ", "IRQ", "190", place_country="IRQ"), event(0, "USA", "IRN", "112", place_country="IRN"),
               event(0, "USA", "IRN", "204", place_country="IRN"))
    assert list(rungs(ev)) == [8, 7, 7, 1, TOP]
    assert list(rungs(ev, modify=False)) == [7, 7, 7, 1, TOP]


def test_daily_severity_is_max_and_sum_of_rungs():
    ev = frame(event(0, "USA", "IRN", "190"), event(0, "USA", "IRN", "112"), event(2, "USA", "IRN", "040"),
               event(2, "USA", "IRN", "999"))
    got = daily_severity(ev)
    assert got.loc[pd.Timestamp("2020-01-01")].tolist() == [7, 8]
    assert got.loc[pd.Timestamp("2020-01-03")].tolist() == [0, 0]


def test_a_bad_table_names_its_row(tmp_path):
    path = tmp_path / "ladder.tsv"
    path.write_text("scheme\tcode\tmode\trung\tlabel\tnote\nrung\t0\t\t0\tcalm\t\ncameo\t19\t\t11\tbad\t\n",
                    encoding="utf-8")
    with pytest.raises(ResourceError, match="row 2"):
        load_ladder(str(path))
