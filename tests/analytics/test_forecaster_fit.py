"""The forecaster's fit made faster without changing the model (issue 14, s29-fit): the features of only
the columns the estimator reads, the design and the loss with fewer temporary arrays. Each is compared
to the bit with the straightforward computation written out here (every feature column as a frame, the
products by ``np.prod``, the loss as its formula), on the synthetic pairs of the other forecast tests."""
from __future__ import annotations

import datetime as dt
import hashlib

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from scipy.optimize import minimize

from flashpoint.analytics.forecaster import ClimatologyLogit, fit, rows_digest
from flashpoint.analytics.logloss import PenalisedLogLoss
from flashpoint.analytics.pairdays import FEATURES, feature_matrix, features, outcomes, stored_history
from flashpoint.schema import MENTION_SCHEMA
from flashpoint.store import Store
from tests.analytics.helpers import synthetic_rows

AS_OF = dt.date(2020, 6, 15)


@pytest.fixture(scope="module")
def days_counts(tmp_path_factory):
    path = tmp_path_factory.mktemp("fit") / "s.duckdb"
    with Store(path) as store:
        store.load_mentions(pa.Table.from_pylist(synthetic_rows(), schema=MENTION_SCHEMA))
    with Store(path, read_only=True) as store:
        return stored_history(store, end=AS_OF, last=AS_OF)


def straight_loss(Z, off, y, prior, strength, pull):
    """The penalised log loss and its gradient as the formula reads (the fit's loss before this change)."""
    @np.errstate(over="ignore")
    def loss(w):
        p = 1.0 / (1.0 + np.exp(-(off + w[0] + Z @ w[1:])))
        q = np.clip(p, 1e-12, 1 - 1e-12)
        d = (w - prior) * pull
        value = -np.mean(y * np.log(q) + (1 - y) * np.log(1 - q)) + strength * float(d @ d)
        grad = np.r_[np.mean(p - y), Z.T @ (p - y) / len(y)] + 2 * strength * d
        return value, grad
    return loss


def straight_fit(days, *, end, l2=0.01, dyad_l2=1.0, horizon=7, target=4, min_target_days=3):
    """The pooled and every pair's own coefficients from all 41 feature columns of every pair (a frame
    per pair), the products by ``np.prod`` and the formula's loss: (coef, mean, scale, {pair: own})."""
    est = ClimatologyLogit(l2=l2)
    stop, hi = days.index_of(end) + 1, days.index_of(end) - horizon
    xs, ys, pairs = [], [], []
    for key, arr in days.arrays.items():
        part = arr[:stop]
        if ((part[:, target - 1] + part[:, target + 3]) > 0).sum() >= min_target_days:
            xs.append(features(part, day0=days.day0, horizon=horizon, target=target).to_numpy()[:hi + 1])
            ys.append(outcomes(part, horizon=horizon, target=target)[:hi + 1])
            pairs.append(key)
    X, y = np.vstack(xs), np.concatenate(ys)

    def design(rows):
        return np.column_stack([np.prod(rows[:, cols], axis=1) for cols in est.terms])

    Z = design(X)
    mean, scale = Z.mean(axis=0), Z.std(axis=0) + 1e-9
    pull = np.r_[0.0, np.ones(len(est.terms))]
    coef = minimize(straight_loss((Z - mean) / scale, X[:, est.offset], y, np.zeros(len(pull)), l2, pull),
                    np.zeros(len(pull)), jac=True, method="L-BFGS-B").x
    own, pull[0] = {}, 1.0
    for key, x, yy in zip(pairs, xs, ys):
        x, yy = x[30:], yy[30:]                        # the pair's own origins: its first 30 days left out
        if len(yy) >= 30 and len(np.unique(yy)) == 2:
            own[key] = minimize(straight_loss((design(x) - mean) / scale, x[:, est.offset], yy, coef, dyad_l2, pull),
                                coef.copy(), jac=True, method="L-BFGS-B").x
    return coef, mean, scale, own


def same(a, b) -> bool:
    return np.asarray(a).dtype == np.asarray(b).dtype and np.asarray(a).tobytes() == np.asarray(b).tobytes()


def test_the_fit_is_the_straightforward_fit_to_the_bit(days_counts):
    days, counts = days_counts
    model = fit(days, counts, train_end=AS_OF)
    coef, mean, scale, own = straight_fit(days, end=pd.Timestamp(AS_OF))
    est = model.estimator
    assert same(est.coef, coef) and same(est.mean, mean) and same(est.scale, scale)
    fitted = {k: v[1] for k, v in model.own.items() if v[1] is not None}
    assert fitted.keys() == own.keys() and len(own) >= 10
    assert all(same(fitted[k], own[k]) for k in own)
    for key, (digest, _) in model.own.items():     # each saved own coefficient answers its pair's forecast
        arr = days.arrays[key]
        lo, hi = model.dyad_window(len(arr), days.day0)
        assert digest == rows_digest(arr[:hi + model.horizon + 1], lo, hi)


def test_a_changed_estimator_would_fail_the_comparison(days_counts):
    """The comparison above can fail: a fit with another penalty is not the straightforward fit."""
    days, counts = days_counts
    coef, *_ = straight_fit(days, end=pd.Timestamp(AS_OF))
    other = fit(days, counts, train_end=AS_OF, params={"l2": 0.02})
    assert not same(other.estimator.coef, coef)


def test_any_set_of_feature_columns_is_those_of_every_feature_to_the_bit(days_counts):
    days, _ = days_counts
    rng = np.random.default_rng(7)
    subsets = [(f,) for f in FEATURES] + [tuple(rng.permutation(FEATURES)[:k]) for k in (3, 8, 20, 41)]
    for key in list(days.arrays)[:6]:
        arr = days.arrays[key]
        full = features(arr, day0=days.day0, horizon=7, target=4)
        for names in subsets:
            got = feature_matrix(arr, names, day0=days.day0, horizon=7, target=4)
            assert same(np.ascontiguousarray(full[list(names)].to_numpy()), np.ascontiguousarray(got)), (key, names)


@pytest.mark.parametrize("block", [1 << 14, 1000, 7])
def test_the_loss_is_the_formulas_value_and_gradient_to_the_bit(block, monkeypatch):
    from flashpoint.analytics import logloss

    monkeypatch.setattr(logloss, "LOSS_ROWS", block)
    rng = np.random.default_rng(3)
    n = 50_001                # enough rows for BLAS to share a product among threads (a row's value may
    Z, off = rng.normal(size=(n, 11)), rng.normal(size=n)    # depend on the split: the loss must not split it)
    prior, pull = rng.normal(size=12), np.r_[0.0, np.ones(11)]
    for y in (rng.integers(0, 2, n).astype(float), rng.uniform(size=n)):   # outcomes, and soft labels
        ours, formula = PenalisedLogLoss(Z, off, y, prior=prior, strength=0.3, pull=pull), straight_loss(Z, off, y, prior, 0.3, pull)
        for w in (np.zeros(12), rng.normal(size=12), 40 * rng.normal(size=12)):     # the last saturates p
            (v1, g1), (v2, g2) = ours(w), formula(w)
            assert same(v1, v2) and same(g1, g2)
            with np.errstate(over="ignore"):       # and every row's residual (a mean can hide one)
                assert same(ours.p, 1.0 / (1.0 + np.exp(-(off + w[0] + Z @ w[1:]))) - y)


def test_an_unknown_feature_name_says_which_and_the_names_there_are(days_counts):
    days, _ = days_counts
    from flashpoint.analytics.dyads import AnalysisError

    with pytest.raises(AnalysisError, match="no_such"):
        feature_matrix(days.arrays[next(iter(days.arrays))], ("climatology", "no_such"), day0=days.day0, horizon=7)


@pytest.mark.parametrize("block", [1 << 16, 1000, 7])
def test_the_rows_up_to_a_day_are_the_filtered_frame_whether_or_not_they_come_first(days_counts, block, monkeypatch):
    """... and the fingerprint, hashed by blocks of rows, is the digest of all the rows' hashes at once."""
    from flashpoint.analytics import forecaster
    from flashpoint.analytics.forecaster import fingerprint
    from flashpoint.analytics.saved_counts import up_to

    _, counts = days_counts
    day = pd.Timestamp("2020-03-01")
    shuffled = counts.sample(frac=1.0, random_state=1).reset_index(drop=True)
    for frame in (counts, shuffled):                 # in date order (a slice) and not (a copy)
        keep = frame["date"] <= day
        assert 0 < keep.sum() < len(frame)
        pd.testing.assert_frame_equal(up_to(frame, keep), frame[keep].reset_index(drop=True))
    monkeypatch.setattr(forecaster, "HASH_ROWS", block)
    assert len(counts) > 1000
    for end in (day, pd.Timestamp(AS_OF)):           # some of the rows, and all of them
        c = counts[pd.to_datetime(counts["date"]) <= end].reset_index(drop=True)
        text = pd.util.hash_pandas_object(c, index=False).to_numpy().tobytes()
        assert fingerprint(counts, end) == hashlib.sha256(text).hexdigest()[:16]
    assert fingerprint(counts, day) != fingerprint(counts, pd.Timestamp(AS_OF))
