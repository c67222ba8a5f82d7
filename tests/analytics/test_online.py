"""Forecasts combined online: weights from closed origins only, the rules' guarantees, and truncation."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from flashpoint.analytics.forecaster import fit
from flashpoint.analytics.online import RULES, Rule, _simplex_quadratic, combine, online_forecasts, window_losses
from flashpoint.analytics.pairdays import PairDays
from flashpoint.errors import FlashpointError
from flashpoint.store import Store
from tests.analytics.test_backtest import stores  # noqa: F401  (the fixture: a full store and one cut on a day)


def experts(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < 0.7).astype(float)
    P = np.column_stack([np.clip(0.7 + 0.25 * (y - 0.7) + rng.normal(0, 0.1, n), 0.01, 0.99),
                         np.full(n, 0.7), rng.uniform(0.05, 0.95, n), np.full(n, 0.3)])
    return P, y


@pytest.mark.parametrize("name", list(RULES))
def test_a_combined_forecast_reads_only_origins_closed_by_it(name):
    P, y = experts(120, 1)
    P = P[:, [2, 0, 1, 3]]                                       # a noisy forecaster: no corner solution
    j, h = 80, 7
    p, _ = combine(P, y, horizon=h, rule=RULES[name])
    rng = np.random.default_rng(2)
    y2, P2 = y.copy(), P.copy()
    y2[j - h + 1:] = 1 - y2[j - h + 1:]                          # outcomes not yet known at row j
    P2[j + 1:] = rng.uniform(0.01, 0.99, P2[j + 1:].shape)      # later forecasts
    p2, _ = combine(P2, y2, horizon=h, rule=RULES[name])
    assert p2[j] == pytest.approx(p[j], abs=1e-12)
    y2[j - h] = 1 - y2[j - h]                                    # a closed outcome does count
    assert combine(P2, y2, horizon=h, rule=RULES[name])[0][j] != pytest.approx(p[j], abs=1e-9)


@pytest.mark.parametrize("name", list(RULES))
def test_experts_that_agree_give_their_forecast_and_no_history_gives_the_prior(name):
    _, y = experts(60, 3)
    P = np.tile(np.linspace(0.2, 0.9, 60)[:, None], (1, 4))
    p, w = combine(P, y, horizon=7, rule=RULES[name])
    assert np.allclose(p, P[:, 0], atol=1e-9)
    first = np.eye(4)[0] if RULES[name].kind == "convex" else np.array([0.5, 1 / 6, 1 / 6, 1 / 6])
    assert np.allclose(w[:7], first, atol=1e-9)                  # rows 0..6: nothing closed


def test_window_losses_sum_the_last_closed_rows_with_known_outcomes():
    P, y = experts(40, 4)
    y[10] = np.nan
    loss, n = window_losses(P, y, horizon=3, window=5)
    sq = np.where(np.isnan(y)[:, None], 0.0, (P - np.nan_to_num(y)[:, None]) ** 2)
    assert np.allclose(loss[20], sq[13:18].sum(axis=0)) and n[20] == 5
    assert np.allclose(loss[14], sq[7:12].sum(axis=0)) and n[14] == 4   # row 10 unknown
    assert n[2] == 0 and np.all(loss[2] == 0)


def test_the_aggregating_algorithm_keeps_its_regret_bound_for_the_brier_score():
    # horizon 1 and a window longer than the run: the textbook setting, loss <= best + ln(1/prior)/eta
    for seed in range(5):
        P, y = experts(300, seed)
        rule = Rule("aa", eta=2.0, window=1000)
        p, _ = combine(P, y, horizon=1, rule=rule)
        ours, theirs = np.sum((p - y) ** 2), np.sum((P - y[:, None]) ** 2, axis=0)
        bounds = theirs + np.log(1 / np.array([0.5, 1 / 6, 1 / 6, 1 / 6])) / 2
        assert np.all(ours <= bounds + 1e-9)


def test_ewa_moves_the_weight_to_the_expert_with_the_smaller_past_error():
    P, y = experts(200, 5)
    _, w = combine(P, y, horizon=7, rule=Rule("ewa", eta=2.0))
    assert w[-1, 0] > 0.9 and w[-1, 3] < 0.01                    # expert 0 tracks y; expert 3 says 0.3


def test_the_convex_weights_are_the_minimum_over_the_simplex():
    from scipy.optimize import minimize

    rng = np.random.default_rng(6)
    for _ in range(20):
        M = rng.normal(size=(30, 4))
        A, b = M.T @ M + 0.1 * np.eye(4), rng.normal(size=4) * 3
        w = _simplex_quadratic(A, b)
        ref = minimize(lambda v: v @ A @ v - 2 * b @ v, np.full(4, 0.25), method="SLSQP", bounds=[(0, 1)] * 4,
                       constraints={"type": "eq", "fun": lambda v: v.sum() - 1}, options={"ftol": 1e-12})
        assert w.min() >= 0 and w.sum() == pytest.approx(1)
        assert w @ A @ w - 2 * b @ w <= ref.fun + 1e-7


def test_a_rule_with_bad_settings_says_which_and_how_to_fix_it():
    P, y = experts(20, 7)
    with pytest.raises(FlashpointError, match="eta > 0"):
        combine(P, y, horizon=7, rule=Rule("aa", eta=0.0))
    with pytest.raises(FlashpointError, match="'ewa', 'aa' or 'convex'"):
        combine(P, y, horizon=7, rule=Rule("mean"))


def pair_days(db) -> PairDays:
    with Store(db, read_only=True) as store:
        counts, first = store.daily_counts(), store.first_day()
    return PairDays.from_counts(counts, day0=first, last=counts["date"].max()), counts


@pytest.mark.parametrize("name", list(RULES))
def test_a_combined_forecast_on_a_store_cut_at_its_origin_is_the_same(stores, name):  # noqa: F811
    paths, cut = stores
    got = []
    for which in ("full", "cut"):
        days, counts = pair_days(paths[which])
        model = fit(days, counts, horizon=7, train_end=pd.Timestamp("2020-05-31"))
        t = days.index_of(cut)
        got.append(online_forecasts(days.array("AAA", "BBB"), model, np.array([t]), day0=days.day0,
                                    rule=RULES[name]))
    full, short = got
    assert full["p"][0] == pytest.approx(short["p"][0], abs=1e-9)
    assert np.allclose(full["weights"], short["weights"], atol=1e-9)
    assert np.allclose(full["experts"], short["experts"], atol=1e-9)
