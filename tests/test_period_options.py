"""A period's two ends given on the command line: each named as its option, a reversed pair
refused before any store is read (a reversed pair used to read as 'no events in this period'
or '0 training origins'), and a format's name with the right article in an empty file's error."""
from __future__ import annotations

import pytest

from flashpoint.analytics.dyads import period
from flashpoint.cli import main
from flashpoint.errors import AnalysisError, FormatError


def test_each_end_is_named_as_its_option_and_a_reversed_pair_is_refused():
    with pytest.raises(AnalysisError, match="is not a date") as err:
        period("2020-13-01", None)
    assert err.value.where == "--from"
    with pytest.raises(AnalysisError, match="after --to 2020-01-01"):
        period("2020-02-01", "2020-01-01")
    lo, hi = period("2020-01-01", "2020-01-01")
    assert lo == hi and period(None, None) == (None, None)


@pytest.mark.parametrize("argv", [
    ["escalation", "--dyad", "USA", "IRN", "--no-forecast"],
    ["events"],
    ["backtest", "--dyad", "USA", "IRN"],
])
def test_the_commands_refuse_a_reversed_period_before_opening_the_store(tmp_path, capsys, argv):
    missing = tmp_path / "no-such-store.duckdb"   # never opened: the options are checked first
    code = main([*argv, "--db", str(missing), "--from", "2020-02-01", "--to", "2020-01-01"])
    err = capsys.readouterr().err
    assert code == 2 and "--from 2020-02-01 is after --to 2020-01-01" in err
    assert not missing.exists()


@pytest.mark.parametrize("fmt, article", [("acled", "an ACLED"), ("icews", "an ICEWS"), ("gdelt", "a GDELT")])
def test_an_empty_dataset_file_is_named_with_its_format(tmp_path, fmt, article):
    from flashpoint.formats import streamer

    empty = tmp_path / f"{fmt}.csv"
    empty.write_text("")
    with pytest.raises(FormatError) as err:
        list(streamer(fmt)(empty))
    assert err.value.fix.startswith(f"give {article} ")
