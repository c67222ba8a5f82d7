from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from flashpoint.stages.dates import resolve_date

PUB = dt.date(2020, 1, 9)


def test_day_in_same_year():
    d = resolve_date("January 8", PUB)
    assert (d.value, d.precision) == ("2020-01-08", "day")


def test_year_only():
    d = resolve_date("2018", PUB)
    assert (d.value, d.precision) == ("2018", "year")


def test_month_and_year():
    d = resolve_date("May 2018", PUB)
    assert (d.value, d.precision) == ("2018-05", "month")


def test_weekday_resolves_to_the_past():
    d = resolve_date("Friday", PUB)  # 9 Jan 2020 was a Thursday
    assert (d.value, d.precision) == ("2020-01-03", "day")


def test_late_month_mentioned_early_next_year_is_last_year():
    d = resolve_date("December 29", PUB)
    assert d.value == "2019-12-29"


def test_vague_expression_has_unknown_precision():
    assert resolve_date("these days", PUB).precision == "unknown"


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_explicit_full_dates_round_trip(day):
    text = day.strftime("%B %d, %Y").replace(" 0", " ")
    d = resolve_date(text, PUB)
    assert d.value == day.isoformat() and d.precision == "day"


@given(st.dates(min_value=dt.date(1990, 3, 1), max_value=dt.date(2030, 12, 31)))
def test_month_day_never_after_publication(pub):
    d = resolve_date("March 1", pub)
    assert d.value is not None and dt.date.fromisoformat(d.value) <= pub


def test_quantities_ago_are_dated_as_precisely_as_their_unit():
    pub = dt.date(2021, 6, 10)
    assert (resolve_date("two years ago", pub).value, resolve_date("two years ago", pub).precision) == ("2019", "year")
    assert (resolve_date("three weeks ago", pub).value, resolve_date("three weeks ago", pub).precision) == \
        ("2021-05", "month")
    assert (resolve_date("five days ago", pub).value, resolve_date("five days ago", pub).precision) == \
        ("2021-06-05", "day")
    assert resolve_date("earlier this month", pub).value == "2021-06"
    assert resolve_date("several years ago", pub).precision == "unknown"


def test_an_act_continuing_a_dated_one_takes_its_date():
    from flashpoint import code_text

    text = ("The 2011 harbour attacks killed 40 sailors. Three years ago, gunmen stormed a hotel in "
            "Mosul and abducted 20 guests. Troops shelled the villages.")
    events = code_text(text, date="2021-06-10")
    dates = {(e["trigger"], e["date"], e["date_precision"]) for e in events}
    before = {e["trigger"]: e["date_before"] for e in events if e["date"] is None}
    assert ("killed", "2011", "year") in dates           # the subject is the dated attack
    assert ("abducted", "2018", "year") in dates         # coordinated with the dated storming
    assert ("shelled", None, "unknown") in dates          # nothing to go by: no date of its own,
    assert before == {"shelled": "2021-06-10"}             # only a bound (its report's day)


def test_a_date_goes_to_the_act_the_parse_attaches_it_to_and_to_the_act_in_its_phrase():
    from flashpoint import code_text

    events = code_text("Kenya protested against new US sanctions on Monday. A commander was killed in "
                       "an air strike near the border on Friday.", date="2021-06-10")
    dates = {e["trigger"]: (e["date"], e["date_precision"]) for e in events}
    assert dates["protested"] == ("2021-06-07", "day")
    assert dates["killed"] == ("2021-06-04", "day") and dates.get("strike", dates["killed"]) == dates["killed"]


def test_periods_named_relative_to_publication():
    pub = dt.date(2021, 6, 10)  # a Thursday
    def got(text, day=pub):
        d = resolve_date(text, day)
        return d.value, d.precision
    assert got("last March") == ("2021-03", "month")
    assert got("last June") == ("2020-06", "month")  # the publication month itself is "this June"
    assert got("last March", dt.date(2020, 1, 9)) == ("2019-03", "month")
    assert got("earlier this week") == ("2021-06", "month")
    assert got("last week", dt.date(2021, 6, 24)) == ("2021-06", "month")
    assert got("last week") == (None, "unknown")  # 31 May to 6 June: no one month
    assert got("last summer") == ("2020", "year")
    assert got("last summer", dt.date(2021, 9, 3)) == ("2021", "year")
    assert got("last winter") == (None, "unknown")
    assert resolve_date("last March", pub).text == "last March"


def test_every_event_on_one_trigger_takes_its_date():
    """Actors split at 'and' give one event each on the same verb: the date is the verb's, for all."""
    from flashpoint import code_text

    events = code_text("Protesters attacked the French and Rwandan embassies in Kinshasa on Tuesday. "
                       "Niger, Mali and Burkina Faso announced their withdrawal from the bloc in January.",
                       date="2025-05-14")
    by_trigger: dict[str, set] = {}
    for e in events:
        by_trigger.setdefault(e["trigger"], set()).add((e["date"], e["date_precision"]))
    assert by_trigger["attacked"] == {("2025-05-13", "day")}
    assert by_trigger["withdrawal"] == {("2025-01", "month")}
    assert sum(e["trigger"] == "withdrawal" for e in events) == 3


def test_without_a_publication_date_only_a_date_with_its_year_is_resolved():
    """'On Tuesday' of a page with no date has no day to count from: not today's week."""
    assert resolve_date("on Tuesday", None).value is None
    assert resolve_date("last week", None).precision == "unknown"
    assert resolve_date("January 8", None).value is None
    assert resolve_date("in January 2025", None).value == "2025-01"
    assert resolve_date("28 January 2025", None).value == "2025-01-28"
