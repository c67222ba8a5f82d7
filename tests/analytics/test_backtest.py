"""The backtest: outcomes, baselines, features that read no later day, and the one-origin truncation test."""
from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from flashpoint.analytics.baselines import baselines
from flashpoint.analytics.pairdays import CHANNELS, PairDays, climatology, features, outcomes
from flashpoint.cli import main
from flashpoint.schema import MENTION_SCHEMA
from flashpoint.store import Store
from tests.analytics.helpers import synthetic_rows

DAY0 = pd.Timestamp("2020-01-01")


def pair_array(target_days: list[int], size: int = 30) -> np.ndarray:
    arr = np.zeros((size, CHANNELS))
    arr[target_days, 3] = 1.0          # quad class 4, A -> B
    return arr


def test_outcome_is_no_target_event_in_the_next_h_days_and_unknown_at_the_end():
    y = outcomes(pair_array([5, 20]), horizon=3)
    assert y[1] == 1 and y[2] == 0 and y[4] == 0      # origin 1 looks at days 2..4; 2 and 4 see day 5
    assert y[5] == 1 and y[6] == 1 and y[16] == 1     # days 6..8 and 17..19 are quiet
    assert y[17] == 0 and np.isnan(y[27]) and not np.isnan(y[26])


def test_climatology_counts_only_closed_windows():
    y = outcomes(pair_array([5, 20]), horizon=3)
    clim = climatology(y, horizon=3)
    assert clim[0] == clim[2] == 0.5                  # no window closed yet: (0 + 1) / (0 + 2)
    assert clim[3] == pytest.approx(2 / 3)            # origin 0 closed, quiet on days 1..3: (1+1)/(1+2)
    closed = y[: 10 - 3 + 1]
    assert clim[10] == pytest.approx((closed.sum() + 1) / (len(closed) + 2))


def test_every_origin_gets_every_baseline_even_without_history():
    arr = pair_array([])
    got = baselines(arr, np.arange(30), horizon=7)
    for name, p in got.items():
        assert p.shape == (30,) and np.all((p > 0) & (p < 1)), name


def test_the_recency_baseline_does_not_depend_on_the_first_origin():
    # bursts of several events a day, then sparse: the first Newton fits start near separation;
    # undamped steps crashed (singular Hessian) or stuck at p = 1 for every later origin
    for seed in (1, 8, 11):
        rng = np.random.default_rng(seed)
        rate = np.where(np.arange(200) < 60, 0.6, 0.05)
        arr = np.zeros((200, CHANNELS))
        arr[:, 3] = rng.poisson(rate * 8) * (rng.random(200) < rate)
        late = np.arange(120, 190)
        from_start = baselines(arr, np.arange(0, 190), horizon=7)["recency"][late]
        assert np.allclose(from_start, baselines(arr, late, horizon=7)["recency"], atol=1e-6)
        assert from_start.max() < 0.999


def test_features_of_a_day_do_not_depend_on_later_days():
    rng = np.random.default_rng(3)
    arr = rng.poisson(0.3, size=(120, CHANNELS)).astype(float)
    later = arr.copy()
    later[61:] = rng.poisson(2.0, size=(59, CHANNELS))
    a = features(arr, day0=DAY0, horizon=7).to_numpy()
    b = features(later, day0=DAY0, horizon=7).to_numpy()
    assert np.allclose(a[:61], b[:61]) and not np.allclose(a[61:], b[61:])
    base_a = baselines(arr, np.arange(61), horizon=7)
    base_b = baselines(later, np.arange(61), horizon=7)
    assert all(np.allclose(base_a[k], base_b[k]) for k in base_a)


def test_pair_arrays_fold_both_directions_and_orient_to_the_asked_dyad():
    counts = pd.DataFrame({"date": pd.to_datetime(["2020-01-01", "2020-01-02", "2020-01-02"]),
                           "source": ["USA", "IRN", "IRN"], "target": ["IRN", "USA", "IRN"],
                           "quad_class": [4, 3, 4], "n": [2, 1, 5], "goldstein_sum": [-20.0, -4.0, -50.0]})
    days = PairDays.from_counts(counts, day0="2020-01-01", last="2020-01-03")
    assert list(days.arrays) == ["IRN|USA"]           # the domestic row is left out
    usa = days.array("USA", "IRN")
    assert usa[0, 3] == 2 and usa[1, 6] == 1 and usa[0, 8] == -20 and usa.shape == (3, CHANNELS)
    irn = days.array("IRN", "USA")
    assert irn[0, 7] == 2 and irn[1, 2] == 1 and irn[1, 8] == -4


# --- the command on a real store ------------------------------------------------------------

@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    folder = tmp_path_factory.mktemp("backtest")
    rows = synthetic_rows()
    cut = dt.date(2020, 6, 15)
    paths = {}
    for name, keep in (("full", rows), ("cut", [r for r in rows if r["date"] <= cut])):
        paths[name] = folder / f"{name}.duckdb"
        with Store(paths[name]) as store:
            store.load_mentions(pa.Table.from_pylist(keep, schema=MENTION_SCHEMA))
    return paths, cut


def run_backtest(db, out, *args):
    code = main(["backtest", "--db", str(db), "--json", str(out), *args])
    assert code == 0
    return json.loads(out.read_text())


def test_a_forecast_reads_only_events_up_to_its_origin(stores, tmp_path):
    paths, cut = stores
    args = ["--dyad", "AAA", "BBB", "--dyad", "CCC", "EEE", "--from", str(cut), "--to", str(cut),
            "--train-end", "2020-05-31"]
    full = run_backtest(paths["full"], tmp_path / "full.json", *args)
    short = run_backtest(paths["cut"], tmp_path / "cut.json", *args)
    for f, s in zip(full, short):
        assert f["forecasts"][0]["p"] == pytest.approx(s["forecasts"][0]["p"], abs=1e-12)
        for name in ("climatology", "persistence", "recency"):
            assert f["forecasts"][0][name] == pytest.approx(s["forecasts"][0][name], abs=1e-12)
        assert s["forecasts"][0]["outcome"] is None and f["forecasts"][0]["outcome"] in (0, 1)
    assert list(paths["full"].parent.glob("full.duckdb.forecaster-h7-q4-*.joblib"))


def test_the_backtest_json_has_a_probability_at_every_origin_and_the_scores(stores, tmp_path):
    paths, _ = stores
    got = run_backtest(paths["full"], tmp_path / "bt.json", "--dyad", "AAA", "BBB", "--from", "2020-06-01",
                       "--to", "2020-08-27", "--horizon", "5", "--plot", str(tmp_path / "calibration.png"))
    r = got[0]
    assert r["dyad"] == ["AAA", "BBB"] and r["horizon"] == 5 and r["origins"] == 88 == len(r["forecasts"])
    assert all(0 < f["p"] < 1 for f in r["forecasts"])
    assert r["scored"] == 88 - 5 + sum(1 for f in r["forecasts"][-5:] if f["outcome"] is not None)
    assert set(r["baselines"]) == {"climatology", "persistence", "recency"}
    for b in r["baselines"].values():
        assert b["brier_diff"] == pytest.approx(r["model"]["brier"] - b["brier"], abs=1e-12) and b["brier_diff_se"] > 0
    assert {"brier", "log_loss"} <= set(r["model"]) and sum(b["n"] for b in r["calibration"]) == r["scored"]
    assert (tmp_path / "calibration.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_backtest_without_training_history_says_how_to_fix_it(stores, tmp_path, capsys):
    paths, _ = stores
    code = main(["backtest", "--db", str(paths["full"]), "--dyad", "AAA", "BBB", "--from", "2020-01-02",
                 "--to", "2020-01-10"])
    assert code == 2 and "--train-start" in capsys.readouterr().err


def test_the_recency_fit_is_scikit_learns_default_logistic_regression():
    from sklearn.linear_model import LogisticRegression

    from flashpoint.analytics.baselines import fit_logistic

    rng = np.random.default_rng(5)
    x = np.column_stack([rng.normal(size=200), rng.poisson(2, 200), rng.poisson(6, 200)]).astype(float)
    y = (rng.random(200) < 1 / (1 + np.exp(-(0.5 - 0.8 * x[:, 0] + 0.1 * x[:, 1])))).astype(float)
    ours = fit_logistic(x, y)
    lr = LogisticRegression(C=1.0, max_iter=5000, tol=1e-10).fit(x, y.astype(int))
    assert np.allclose(ours, np.r_[lr.intercept_, lr.coef_[0]], atol=1e-4)


def test_the_forecaster_with_zero_weights_is_the_climatology_baseline():
    # the model is a logit around the dyad's own climatology: with its weights at zero it must give the
    # climatology baseline back exactly at every origin (the fallback for a dyad whose bursts tell nothing)
    from flashpoint.analytics.forecaster import ClimatologyLogit, Forecaster

    rng = np.random.default_rng(2)
    arr = np.zeros((150, CHANNELS))
    arr[:, 3] = rng.poisson(0.4, 150) * (rng.random(150) < 0.3)
    x = features(arr, day0=DAY0, horizon=7).to_numpy()[:140]
    y = outcomes(arr, horizon=7)[:140]
    est = ClimatologyLogit().fit(x, y)
    assert np.abs(est.coef).max() > 1e-3            # a fitted model does move away from climatology
    est.coef = np.zeros_like(est.coef)
    origins = np.arange(0, 150)
    model = Forecaster(est, 7, 4, DAY0, DAY0 + pd.Timedelta(days=90), "", 0, 0, {"dyad_l2": 0})
    got = model.predict(arr, origins, day0=DAY0)
    assert np.allclose(got, baselines(arr, origins, horizon=7)["climatology"], atol=1e-12)


def test_the_brier_difference_has_a_standard_error_that_counts_overlapping_windows():
    from flashpoint.analytics.backtest import newey_west_se

    rng = np.random.default_rng(4)
    d = rng.normal(size=400)
    assert newey_west_se(d, lag=0) == pytest.approx(d.std() / np.sqrt(len(d)))
    smooth = np.convolve(rng.normal(size=406), np.ones(7), mode="valid")   # 7-day windows share days
    assert newey_west_se(smooth, lag=14) > 1.8 * newey_west_se(smooth, lag=0)


def test_the_forecasters_product_inputs_multiply_the_named_features():
    # the inputs "a*b" (the bursts scaled by the dyad's long-run rate) are products of pairdays features
    from flashpoint.analytics.forecaster import INPUTS, ClimatologyLogit

    rng = np.random.default_rng(3)
    arr = np.zeros((120, CHANNELS))
    arr[:, 7] = rng.poisson(0.5, 120) * (rng.random(120) < 0.2)
    frame = features(arr, day0=DAY0, horizon=7)
    est = ClimatologyLogit(inputs=("target_rate_10d", "target_rate_10d*log_target_day_rate"))
    got = est.design(frame.to_numpy())
    assert np.allclose(got[:, 0], frame["target_rate_10d"])
    assert np.allclose(got[:, 1], frame["target_rate_10d"] * frame["log_target_day_rate"])
    assert np.allclose(frame["log_target_day_rate"], np.log(frame["target_day_rate"] + 0.01))
    assert "target_rate_3d*log_target_day_rate" in INPUTS


def test_the_verbal_conflict_inputs_count_days_with_a_threat_either_way_whatever_the_target():
    from flashpoint.analytics.forecaster import INPUTS, VERBAL_CONFLICT
    from flashpoint.analytics.pairdays import ewm_rate

    arr = np.zeros((90, CHANNELS))
    arr[[10, 40, 41], 2] = 1.0                    # quad 3, A -> B
    arr[[41, 60], 6] = 2.0                        # quad 3, B -> A: day 41 has both and counts once
    frame = features(arr, day0=DAY0, horizon=7)
    days = np.zeros(90)
    days[[10, 40, 41, 60]] = 1.0
    for h in (10, 30):
        assert np.allclose(frame[f"q3_rate_{h}d"], np.log(ewm_rate(days, h) + 0.01))
    d = 0.5 ** (1 / 10)
    assert frame["q3_rate_10d"].iloc[10] == pytest.approx(np.log(1 / sum(d ** k for k in range(11)) + 0.01))
    assert frame["q3_rate_10d"].iloc[9] == pytest.approx(np.log(0.01))
    assert np.ptp(frame["target_rate_10d"]) == 0   # no target (quad 4) day: the bursts stay flat
    verbal_target = features(arr, day0=DAY0, horizon=7, target=3)
    assert np.allclose(verbal_target["q3_rate_30d"], frame["q3_rate_30d"])
    assert set(VERBAL_CONFLICT) <= set(INPUTS)


def test_the_forecaster_learns_that_threats_before_force_lower_the_odds_of_a_quiet_week():
    # pairs whose material conflict follows threats by a few days: the pooled weight of the 10-day rate
    # of threat days must come out negative (fewer quiet weeks after threats); with the threats placed
    # at random instead, it must be near zero
    from flashpoint.analytics.forecaster import fit

    def weight(follow: bool) -> float:
        rng = np.random.default_rng(11)
        rows = []
        for k in range(12):
            a, b = f"A{k:02d}", f"B{k:02d}"
            threats = np.flatnonzero(rng.random(300) < 0.06)
            force = threats + rng.integers(1, 5, len(threats)) if follow else rng.integers(0, 300, len(threats))
            force = np.r_[force, np.flatnonzero(rng.random(300) < 0.02)]
            for quad, when in ((3, threats), (4, force[force < 300])):
                rows += [{"date": DAY0 + pd.Timedelta(days=int(d)), "source": a, "target": b, "quad_class": quad,
                          "n": 1, "goldstein_sum": -5.0} for d in when]
        counts = pd.DataFrame(rows)
        days = PairDays.from_counts(counts, day0=DAY0, last=DAY0 + pd.Timedelta(days=299))
        model = fit(days, counts, horizon=7, train_end=DAY0 + pd.Timedelta(days=299))
        return model.estimator.coefficients()["q3_rate_10d"]

    assert weight(True) < -0.3
    assert abs(weight(False)) < 0.5 * abs(weight(True))


def test_pair_arrays_equal_a_row_by_row_build_keyed_by_the_pair_strings():
    # from_counts groups rows by integer codes of the actors; the result must be what adding each row
    # into the array of its "A|B" key gives, with the keys in np.unique's order (codes that sort
    # differently as strings and as tuples: "A|B" sorts after "AB|C")
    rng = np.random.default_rng(9)
    actors = ["A", "AB", "B", "C", "IRN", "USA", "ZZ"]
    k = 400
    counts = pd.DataFrame({"date": pd.Timestamp("2020-01-01") + pd.to_timedelta(rng.integers(0, 20, k), unit="D"),
                           "source": rng.choice(actors, k), "target": rng.choice(actors, k),
                           "quad_class": rng.integers(1, 5, k), "n": rng.integers(1, 4, k),
                           "goldstein_sum": rng.normal(size=k).round(1)})
    days = PairDays.from_counts(counts, day0="2020-01-01", last="2020-01-20")
    want: dict[str, np.ndarray] = {}
    for r in counts[counts["source"] != counts["target"]].itertuples():
        a, b = sorted((r.source, r.target))
        arr = want.setdefault(f"{a}|{b}", np.zeros((20, CHANNELS)))
        forward = r.source == a
        arr[(r.date - DAY0).days, (0 if forward else 4) + r.quad_class - 1] += r.n
        arr[(r.date - DAY0).days, 8 if forward else 9] += r.goldstein_sum
    assert list(days.arrays) == sorted(want)
    for key, arr in want.items():
        assert np.allclose(days.arrays[key], arr), key
