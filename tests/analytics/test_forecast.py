"""De-escalation features, labels, model, baselines and scores; the synthetic process."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from flashpoint.analytics import AnalysisError
from flashpoint.analytics.forecast import (FEATURES, daily_pair, evaluate, features, fit, pair_samples,
                                           reliability, samples, scores, temporal_split)
from flashpoint.analytics.reciprocity import linked_moves, moves
from flashpoint.analytics.severity import rungs
from flashpoint.analytics.synthetic import Process, synthetic_events
from tests.analytics.helpers import event, frame

DAYS = pd.date_range("2020-01-01", periods=30, freq="D")


@pytest.fixture(scope="module")
def synthetic_samples() -> pd.DataFrame:
    return samples(synthetic_events(120, seed=1), horizon=14)


def daily(values: list[float], responses: list[float] | None = None) -> pd.DataFrame:
    idx = DAYS[:len(values)]
    return pd.DataFrame({"s": values, "responses": responses or [0.0] * len(values)}, index=idx)


def test_features_of_a_hand_made_week():
    s = [0, 0, 7, 0, 2, 0, 0, 0, 0, 1]
    f = features(daily([float(v) for v in s], [0, 0, 0, 0, 1, 0, 0, 0, 0, 1]))
    last = f.iloc[-1]                       # day 9: window days 3..9
    assert last["peak7"] == 2 and last["active7"] == 2 and last["responses14"] == 2
    assert last["days_since_material"] == 7  # rung 7 on day 2
    assert last["trend"] == pytest.approx(3 / 7 - 7 / 7)
    assert f.iloc[1]["days_since_material"] == 60   # no material move yet


def test_labels_compare_the_peak_h_days_later_and_only_hostile_days_are_samples():
    s = [0.0] * 26
    s[1], s[10], s[14] = 5.0, 2.0, 5.0
    d = daily(s)
    mv = pd.DataFrame({"date": d.index[d["s"] > 0], "rung": [5.0, 2.0, 5.0], "responds_to": [-1, -1, -1]})
    got = pair_samples(mv, d.index, horizon=7)
    assert got["peak7"].min() >= 1 and DAYS[8] not in got.index
    assert got.loc[DAYS[1], "y"] == 1            # peak 5 on day 1, 0 in the week ending day 8
    assert got.loc[DAYS[7], "y"] == 0            # the week ending day 14 has the second 5
    assert np.isnan(got.loc[DAYS[20], "y"])      # day 27 is past the end
    assert got.loc[DAYS[10], "persist"] == 1     # peak 2 now, 5 a horizon ago
    assert got.loc[DAYS[14], "persist"] == 0


def test_daily_pair_counts_responses_on_their_day():
    ev = frame(event(0, "USA", "IRN", "190"), event(2, "IRN", "USA", "195"))
    mv = linked_moves(moves(ev, "USA", "IRN"))
    d = daily_pair(mv, DAYS[:4])
    assert list(d["s"]) == [7, 0, 8, 0] and list(d["responses"]) == [0, 0, 1, 0]


def test_synthetic_events_are_reproducible_and_in_the_store_shape():
    a, b = synthetic_events(5, seed=3), synthetic_events(5, seed=3)
    pd.testing.assert_frame_equal(a, b)
    assert not synthetic_events(5, seed=4).equals(a)
    assert {"event_id", "source_country", "target_country", "cameo", "quad_class", "goldstein", "date",
            "happened"} <= set(a.columns)
    assert a["event_id"].is_unique and rungs(a).between(0, 10).all()
    assert a["date"].max() < pd.Timestamp(Process().start) + pd.Timedelta(days=Process().days)


def test_samples_come_from_hostile_pairs_with_known_labels_only_where_the_horizon_fits(synthetic_samples):
    s = synthetic_samples
    assert s["pair"].str.fullmatch(r"A\d{4}\|B\d{4}").all()
    assert (s["peak7"] >= 1).all()
    end = s["day"].max()
    assert s.loc[s["day"] > end - pd.Timedelta(days=14), "y"].isna().all()
    assert s.loc[s["day"] <= end - pd.Timedelta(days=14), "y"].notna().all()


def test_the_temporal_split_leaves_a_horizon_gap(synthetic_samples):
    train, test = temporal_split(synthetic_samples, horizon=14)
    assert train["day"].max() + pd.Timedelta(days=14) <= test["day"].min()


def test_the_model_beats_both_baselines_on_held_out_synthetic_days(synthetic_samples):
    ev = evaluate(synthetic_samples, horizon=14, trained_on="synthetic")
    m, base, persist = ev.scores["model"], ev.scores["base_rate"], ev.scores["persistence"]
    assert m["brier"] < base["brier"] and m["brier"] < persist["brier"]
    assert m["log_loss"] < base["log_loss"] and m["log_loss"] < persist["log_loss"]
    assert m["ece"] < 0.1
    assert ev.reliability["n"].sum() == ev.n_test


def test_fit_needs_both_outcomes():
    data = pd.DataFrame({**{f: [1.0, 2.0, 3.0] for f in FEATURES}, "persist": [0.0, 0, 1], "y": [1.0, 1, 1]})
    with pytest.raises(AnalysisError, match="both outcomes"):
        fit(data, horizon=14, trained_on="test")


def test_fitted_baselines_are_training_frequencies():
    rng = np.random.default_rng(0)
    n = 400
    data = pd.DataFrame({f: rng.normal(size=n) for f in FEATURES})
    data["persist"] = (np.arange(n) % 4 == 0).astype(float)
    data["y"] = np.where(data["persist"] == 1, 1.0, (np.arange(n) % 3 == 0).astype(float))
    model = fit(data, horizon=14, trained_on="test")
    assert model.base_rate == pytest.approx(data["y"].mean())
    assert model.persistence[1] == pytest.approx((100 + 1) / (100 + 2))
    assert model.persistence[0] == pytest.approx((data["y"][data["persist"] == 0].sum() + 1) / (300 + 2))


def test_scores_of_known_forecasts():
    y = np.array([1.0, 0, 1, 0])
    perfect = scores(y.copy(), y)
    assert perfect["brier"] == 0 and perfect["log_loss"] < 1e-5 and perfect["ece"] == 0
    half = scores(np.full(4, 0.5), y)
    assert half["brier"] == pytest.approx(0.25) and half["log_loss"] == pytest.approx(np.log(2))
    rel = reliability(np.array([0.05, 0.05, 0.95, 0.95]), y)
    assert rel.loc[0, "observed"] == 0.5 and rel.loc[9, "n"] == 2 and rel["n"].sum() == 4


def test_horizon_must_be_positive():
    with pytest.raises(AnalysisError, match="horizon"):
        samples(frame(event(0, "USA", "IRN", "190")), horizon=0)
