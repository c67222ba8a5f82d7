"""Properties of series and tit-for-tat chains on random event frames (Hypothesis)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from flashpoint.analytics import dyad_series, tit_for_tat
from flashpoint.analytics.severity import MATERIAL, rungs
from tests.analytics.helpers import event, frame

CODES = ["040", "112", "130", "138", "163", "154", "171", "190", "195", "186", "202"]
rows = st.lists(st.tuples(st.integers(0, 40), st.booleans(), st.sampled_from(CODES), st.booleans()),
                min_size=1, max_size=40)


def events_of(spec):
    return frame(*[event(day, *(("USA", "IRN") if forward else ("IRN", "USA")), code, happened=happened,
                         event_id=f"e{i}") for i, (day, forward, code, happened) in enumerate(spec)])


@settings(max_examples=30, deadline=None)
@given(rows)
def test_series_totals_equal_the_events_that_happened(spec):
    ev = events_of(spec)
    s = dyad_series(ev, "USA", "IRN")
    happened = ev[ev["happened"]]
    assert s["events"].sum() == len(happened)
    assert s["severity_sum"].sum() == rungs(happened).sum()
    if len(happened):
        assert s["severity_max"].max() == rungs(happened).max()


@settings(max_examples=30, deadline=None)
@given(rows, st.integers(1, 15))
def test_responses_follow_their_provocation_within_the_window_and_chains_alternate(spec, window):
    x = tit_for_tat(events_of(spec), "USA", "IRN", window=window)
    links = x.links
    assert (links["lag_days"] >= 1).all() and (links["lag_days"] <= window).all()
    assert (links["provocation_direction"] != links["response_direction"]).all()
    assert links["response_event"].is_unique
    # a provocation is answered at most once in words and once in acts, the words first
    for rungs_ in links.groupby("provocation_event", sort=False)["response_rung"].agg(list):
        assert len(rungs_) == 1 or (len(rungs_) == 2 and rungs_[0] < MATERIAL <= rungs_[1]), rungs_
    assert (links["proportionality"] == links["response_rung"] - links["provocation_rung"]).all()
    assert ((links["label"] == "escalatory") == (links["proportionality"] > 0)).all()
    assert (x.moves["rung"] >= 1).all() and not x.moves.duplicated(["date", "direction"]).any()
    for _, chain in links.groupby("chain"):
        assert list(chain["step"]) == list(range(1, len(chain) + 1))
        # a tree: one first move, every other provocation is a response of the same chain
        assert len(set(chain["provocation_event"]) - set(chain["response_event"])) == 1
    assert x.chains["moves"].sum() == len(links) + len(x.chains)
