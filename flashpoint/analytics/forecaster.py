"""A pooled forecaster of "no target-class event between A and B in the next h days".

Fitted once on a training window of a store's history and used for many origins and
dyads. Training samples are (pair, origin) rows from every unordered pair with at
least ``min_target_days`` days of target events in the window; each row holds the
pair's :data:`.pairdays.FEATURES` on the origin and its outcome, and only origins whose
window has closed by the training window's last day are used, so a model fitted on
days up to ``train_end`` has read no later event.

The estimator, :class:`ClimatologyLogit`, is a logistic regression *around each
dyad's own climatology*: ``logit p = logit(climatology) + w0 + w . x``, where
``climatology`` (the dyad's past outcome frequency, an offset with coefficient 1) keeps
every dyad at its own base rate and ``x`` (:data:`INPUTS`, standardised) are the log rates
of target days, exponentially weighted with half-lives of 3, 10, 30 and 90 days, the log of
the dyad's long-run share of target days, the rates times it, and the log rates of days with a
verbal-conflict event (quad class 3: threats, accusations, demands; half-lives 10 and 30 days),
with an L2 penalty ``l2``. When a dyad is forecast, ``w0`` and ``w`` are refitted on that dyad's
own closed training origins with an L2 pull of ``dyad_l2`` towards the pooled values
(partial pooling, :meth:`Forecaster.dyad_coefficients`). Pooled estimators without the offset (gradient-boosted trees, plain
logistic regression on all features) shrank busy dyads such as ISR-PSE towards the
quiet majority; the comparison on the tuning half of 2014 is in ``docs/analytics.md``. A fitted :class:`Forecaster` is saved with joblib next to the
store, keyed by horizon, target and training window, with a fingerprint of the
training events so a changed store is refitted, and the store's change marker
(:meth:`flashpoint.store.Store.events_version`) under which that fingerprint was last checked:
while the marker is unchanged, :func:`saved_current` gives the model without reading the counts.
The fit also keeps every training pair's own coefficients (:attr:`Forecaster.own`, with a digest
of the pair's rows), so that forecasting a dyad with a saved model runs no optimiser.
"""
from __future__ import annotations

import copy
import hashlib
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .dyads import AnalysisError
from .logloss import PenalisedLogLoss
from .pairdays import FEATURES, SWAP, PairDays, TooLittleHistory, feature_matrix, features, outcomes, pair_key

VERSION = 5
BURSTS = ("target_rate_3d", "target_rate_10d", "target_rate_30d", "target_rate_90d")
LONG_RUN = "log_target_day_rate"
VERBAL_CONFLICT = ("q3_rate_10d", "q3_rate_30d")
# the bursts, the dyad's long-run rate of target days, the bursts scaled by it, and the rates of
# verbal-conflict days (the eighth round, docs/analytics.md)
INPUTS = (*BURSTS, LONG_RUN, *(f"{b}*{LONG_RUN}" for b in BURSTS), *VERBAL_CONFLICT)
OFFSET = "climatology"        # already on the logit scale (pairdays.features)
PARAMS = {"l2": 0.01, "min_target_days": 3, "dyad_l2": 1.0}
MIN_DYAD_ORIGINS = 30     # closed training origins a dyad needs for its own coefficients
HASH_ROWS = 1 << 16       # rows of daily counts hashed at a time (fingerprint)
DESIGN_ROWS = 1 << 14     # rows of feature rows multiplied out at a time (ClimatologyLogit.design)


class ClimatologyLogit:
    """Logistic regression with the dyad's logit climatology as an offset (see the module docstring).

    ``inputs`` are :data:`.pairdays.FEATURES` names or products of two or more (``"a*b"``)."""

    def __init__(self, *, l2: float = 0.01, inputs: tuple[str, ...] = INPUTS) -> None:
        self.l2 = l2
        self.inputs = tuple(inputs)
        self.terms = [[FEATURES.index(c) for c in term.split("*")] for term in self.inputs]
        self.offset = FEATURES.index(OFFSET)

    @property
    def columns(self) -> tuple[int, ...]:
        """The :data:`.pairdays.FEATURES` columns the estimator reads (its inputs' and the offset)."""
        return tuple(sorted({c for cols in self.terms for c in cols} | {self.offset}))

    def narrow(self) -> ClimatologyLogit:
        """A copy that reads feature rows holding only :attr:`columns` (in that order): the same
        products of the same values, so what it fits is this estimator's fit to the bit."""
        out = copy.copy(self)
        where = {c: k for k, c in enumerate(self.columns)}
        out.terms, out.offset = [[where[c] for c in cols] for cols in self.terms], where[self.offset]
        return out

    def design(self, X: np.ndarray) -> np.ndarray:
        """The inputs' columns (products multiplied out, left to right, as ``np.prod`` multiplies) of
        feature rows ``X``, one C-ordered array."""
        Z = np.empty((len(X), len(self.terms)))
        for a in range(0, len(X), DESIGN_ROWS):           # by blocks of rows, each in the cache
            rows, out = X[a:a + DESIGN_ROWS], Z[a:a + DESIGN_ROWS]
            for k, cols in enumerate(self.terms):
                out[:, k] = rows[:, cols[0]]
                for c in cols[1:]:
                    out[:, k] *= rows[:, c]
        return Z

    def fit(self, X: np.ndarray, y: np.ndarray) -> ClimatologyLogit:
        Z = self.design(X)
        self.mean, self.scale = Z.mean(axis=0), Z.std(axis=0) + 1e-9
        Z -= self.mean          # standardised in place: the design is not needed after
        Z /= self.scale
        self.coef = self._solve(X, y, prior=np.zeros(len(self.terms) + 1), strength=self.l2, intercept=False,
                                standard=Z)
        return self

    def specialise(self, X: np.ndarray, y: np.ndarray, *, strength: float) -> np.ndarray:
        """One dyad's coefficients: fitted on its own rows with an L2 pull of ``strength`` towards the
        pooled coefficients (intercept included), so a short or uninformative history keeps them."""
        return self._solve(X, y, prior=self.coef, strength=strength, intercept=True)

    def _solve(self, X: np.ndarray, y: np.ndarray, *, prior: np.ndarray, strength: float,
               intercept: bool, standard: np.ndarray | None = None) -> np.ndarray:
        """``standard``: the standardised design of ``X`` when the caller has it (the pooled fit makes it once)."""
        from scipy.optimize import minimize

        if standard is None:
            standard = self.design(X)
            standard -= self.mean
            standard /= self.scale
        pull = np.r_[1.0 if intercept else 0.0, np.ones(len(self.terms))]
        loss = PenalisedLogLoss(standard, np.ascontiguousarray(X[:, self.offset]), y, prior=prior,
                                strength=strength, pull=pull)
        return minimize(loss, prior.astype(float), jac=True, method="L-BFGS-B").x

    def predict_proba(self, X: np.ndarray, *, coef: np.ndarray | None = None) -> np.ndarray:
        w = self.coef if coef is None else coef
        z = X[:, self.offset] + w[0] + ((self.design(X) - self.mean) / self.scale) @ w[1:]
        p = 1.0 / (1.0 + np.exp(-z))
        return np.column_stack([1 - p, p])

    def coefficients(self) -> dict[str, float]:
        return {"intercept": float(self.coef[0]), **dict(zip(self.inputs, map(float, self.coef[1:])))}


@dataclass(frozen=True)
class Forecaster:
    """A fitted model with what it was fitted on."""

    estimator: Any
    horizon: int
    target: int
    train_start: pd.Timestamp
    train_end: pd.Timestamp
    fingerprint: str
    n_samples: int
    n_pairs: int
    params: dict[str, Any] = field(default_factory=dict)
    version: int = VERSION
    store_version: str | None = None    # the store's change marker when the fingerprint was last checked
    own: dict[str, tuple[str, np.ndarray | None]] | None = None   # pair key: (rows digest, own coefficients)

    def predict(self, arr: np.ndarray, origins: np.ndarray, *, day0: pd.Timestamp,
                pair: tuple[str, str] | None = None) -> np.ndarray:
        """Probability of the outcome at ``origins`` (day indices) of one pair's array, with the
        pair's own coefficients (:meth:`dyad_coefficients`; ``pair``, the two codes in the array's
        orientation, lets them come from those computed at the fit)."""
        x = features(arr, day0=day0, horizon=self.horizon, target=self.target).to_numpy()
        coef = self.dyad_coefficients(arr, x, day0=day0, pair=pair)
        return self.estimator.predict_proba(x[origins], coef=coef)[:, 1]

    def dyad_coefficients(self, arr: np.ndarray, x: np.ndarray, *, day0: pd.Timestamp,
                          pair: tuple[str, str] | None = None) -> np.ndarray | None:
        """The pooled coefficients pulled towards this pair's own closed training origins (those
        from ``train_start`` to ``train_end - horizon``, the first 30 days of history left out);
        None (pooled) when the pair has fewer than MIN_DYAD_ORIGINS of them or one outcome only.

        The fit computed them for every pair it trained on (:attr:`own`): with ``pair`` given, those
        answer when the pair's rows up to ``train_end`` are the ones the fit read (a digest), so a
        saved model's forecast needs no optimiser (and no scipy import)."""
        window = self.dyad_window(len(arr), day0)
        if window is None:
            return None
        lo, hi = window
        rows = arr[:hi + self.horizon + 1]
        if pair is not None and self.own:
            key, canonical = pair_key(*pair), rows if pair[0] < pair[1] else rows[:, SWAP]
            saved = self.own.get(key)
            if saved is not None and saved[0] == rows_digest(canonical, lo, hi):
                return saved[1]
        return self.specialise(x[lo:hi + 1], outcomes(rows, horizon=self.horizon, target=self.target)[lo:hi + 1])

    def dyad_window(self, days: int, day0: pd.Timestamp) -> tuple[int, int] | None:
        """The day indices (first, last) of a pair's own training origins in a history of ``days``
        days from ``day0``; None without a partial pooling or with fewer than MIN_DYAD_ORIGINS."""
        if not self.params.get("dyad_l2"):
            return None
        lo = max((self.train_start - day0).days, 30)
        hi = min((self.train_end - day0).days - self.horizon, days - 1)
        return None if hi - lo + 1 < MIN_DYAD_ORIGINS else (lo, hi)

    def specialise(self, x: np.ndarray, y: np.ndarray) -> np.ndarray | None:
        """A pair's own coefficients from its training rows ``x`` and outcomes ``y`` (None: one outcome only)."""
        if len(np.unique(y)) < 2:
            return None
        return self.estimator.specialise(x, y, strength=float(self.params["dyad_l2"]))


def rows_digest(rows: np.ndarray, lo: int, hi: int) -> str:
    """A digest of a pair's rows (in its key's orientation) and its training origins' indices."""
    head = np.array([lo, hi, *rows.shape], dtype=np.int64).tobytes()
    return hashlib.sha256(head + np.ascontiguousarray(rows, dtype=float).tobytes()).hexdigest()[:16]


def own_coefficients(model: Forecaster, days: PairDays, X: np.ndarray, y: np.ndarray,
                     blocks: dict[str, tuple[int, int]], first: int) -> dict[str, tuple[str, np.ndarray | None]]:
    """Every training pair's own coefficients (:meth:`Forecaster.dyad_coefficients`), from its rows of the
    training samples: ``blocks`` maps a pair to its rows ``X[start:stop]``, origins ``first`` on."""
    out: dict[str, tuple[str, np.ndarray | None]] = {}
    for key, (start, stop) in blocks.items():
        arr = days.arrays[key]
        window = model.dyad_window(len(arr), days.day0)
        if window is None:
            continue
        lo, hi = window
        a, b = start + lo - first, start + hi - first
        if a < start or b >= stop:
            continue                      # not all in the samples: computed when the pair is forecast
        rows = arr[:hi + model.horizon + 1]
        out[key] = (rows_digest(rows, lo, hi), model.specialise(X[a:b + 1], y[a:b + 1]))
    return out


def training_samples(days: PairDays, *, horizon: int, target: int, start: pd.Timestamp, end: pd.Timestamp,
                     min_target_days: int = 10) -> tuple[np.ndarray, np.ndarray, int]:
    """(X, y, number of pairs) over origins ``start .. end - horizon`` of the active pairs."""
    X, y, blocks = training_blocks(days, horizon=horizon, target=target, start=start, end=end,
                                   min_target_days=min_target_days)
    return X, y, len(blocks)


def training_blocks(days: PairDays, *, horizon: int, target: int, start: pd.Timestamp, end: pd.Timestamp,
                    min_target_days: int = 10, columns: tuple[int, ...] | None = None,
                    ) -> tuple[np.ndarray, np.ndarray, dict[str, tuple[int, int]]]:
    """:func:`training_samples` with each active pair's rows (start, stop) in them instead of their number;
    ``columns``: only these :data:`.pairdays.FEATURES` columns (default all)."""
    lo, hi = max(days.index_of(start), 0), days.index_of(end) - horizon
    stop = days.index_of(end) + 1
    cols = list(range(len(FEATURES)) if columns is None else columns)
    names = tuple(FEATURES[c] for c in cols)
    xs, ys, blocks, row = [], [], {}, 0
    for key, arr in days.arrays.items():
        part = arr[:stop]
        if int(((part[:, target - 1] + part[:, target + 3]) > 0).sum()) < min_target_days:
            continue
        xs.append(feature_matrix(part, names, day0=days.day0, horizon=horizon, target=target)[lo:hi + 1])
        ys.append(outcomes(part, horizon=horizon, target=target)[lo:hi + 1])
        blocks[key] = (row, row + len(ys[-1]))
        row += len(ys[-1])
    if not xs or hi < lo:
        return np.empty((0, len(cols))), np.empty(0), {}
    return np.vstack(xs), np.concatenate(ys), blocks


def fingerprint(counts: pd.DataFrame, end: pd.Timestamp) -> str:
    """A digest of the daily counts up to ``end`` (what a fit reads): the SHA-256 of their rows' pandas
    hashes (``hash_pandas_object``, index left out). A row's hash depends on that row alone, so they are
    hashed by blocks of HASH_ROWS rows (each block's work in the cache) and fed to the digest in order:
    the digest of all of them at once."""
    from .saved_counts import up_to

    c = up_to(counts, pd.to_datetime(counts["date"]) <= end)   # all of them in a fit (read up to its end)
    digest = hashlib.sha256()
    for a in range(0, len(c), HASH_ROWS):
        digest.update(pd.util.hash_pandas_object(c.iloc[a:a + HASH_ROWS], index=False).to_numpy().tobytes())
    return digest.hexdigest()[:16]


def fit(days: PairDays, counts: pd.DataFrame, *, horizon: int = 7, target: int = 4,
        train_start: object = None, train_end: object, params: dict[str, Any] | None = None) -> Forecaster:
    """Fit the forecaster on origins from ``train_start`` (default: the first day) to ``train_end - horizon``.

    ``params``: ``l2`` (penalty) and ``min_target_days`` (the days with a target event a
    pair needs in the window to give training origins); defaults :data:`PARAMS`. The fit reads only
    the feature columns its estimator uses (:meth:`ClimatologyLogit.narrow`; the same model to the bit).
    """
    check_options(horizon, target)
    options = {**PARAMS, **(params or {})}
    start = pd.Timestamp(train_start or days.day0).normalize()
    end = pd.Timestamp(train_end).normalize()
    est = ClimatologyLogit(l2=float(options["l2"]))
    narrow, m = est.narrow(), int(options["min_target_days"])  # the estimator on the columns it reads
    X, y, blocks = training_blocks(days, horizon=horizon, target=target, start=start, end=end, min_target_days=m,
                                   columns=est.columns)
    if len(y) < 100 or len(np.unique(y)) < 2:
        raise TooLittleHistory(f"{len(y)} training origins from {start.date()} to {end.date()} "
                            f"({len(blocks)} active pairs), not enough to fit the forecaster",
                            where="training window",
                            fix="start the backtest later (--from) or give an earlier --train-start")
    y = y.astype(float)
    narrow.fit(X, y)
    est.mean, est.scale, est.coef = narrow.mean, narrow.scale, narrow.coef
    model = Forecaster(est, horizon, target, start, end, fingerprint(counts, end), len(y), len(blocks), options)
    own = own_coefficients(replace(model, estimator=narrow), days, X, y, blocks, max(days.index_of(start), 0))
    return replace(model, own=own)


def check_options(horizon: int, target: int) -> None:
    if horizon < 1:
        raise AnalysisError(f"horizon must be at least one day, not {horizon}", where="horizon",
                            fix="give the number of days ahead, e.g. --horizon 7")
    if target not in (1, 2, 3, 4):
        raise AnalysisError(f"target must be a quad class 1-4, not {target}", where="target",
                            fix="use 4 (material conflict) or 3 (verbal conflict)")


def model_path(db: str | Path, *, horizon: int, target: int, train_start: pd.Timestamp,
               train_end: pd.Timestamp) -> Path:
    """Where the forecaster of a store is saved: next to the store file."""
    db = Path(db)
    return db.with_name(f"{db.name}.forecaster-h{horizon}-q{target}-{train_start.date()}-{train_end.date()}.joblib")


def load_or_fit(db: str | Path | None, days: PairDays, counts: pd.DataFrame, *, horizon: int, target: int,
                train_start: pd.Timestamp, train_end: pd.Timestamp, refit: bool = False,
                store_version: str | None = None) -> tuple[Forecaster, str]:
    """The saved forecaster for this store and window, else a new fit, saved; and a note saying which.

    A saved model answers when its fingerprint is that of ``counts`` up to ``train_end``; it is then
    saved again with ``store_version`` (the store's change marker, :meth:`Store.events_version`), so
    that :func:`saved_current` finds it without reading the counts until the store changes.
    ``db`` None (a store with no file, such as the web server's snapshot without its path): fitted,
    not saved. A saved file that cannot be read is fitted again and replaced. The file is written
    whole (a temporary file, then renamed), so a reader never sees half of one.
    Raises :class:`TooLittleHistory` when the window is too short to fit."""
    if db is None:
        model = fit(days, counts, horizon=horizon, target=target, train_start=train_start, train_end=train_end)
        return model, "forecaster fitted, not saved (the store has no file to save it beside)"
    path = model_path(db, horizon=horizon, target=target, train_start=train_start, train_end=train_end)
    model = None if refit else _read(path)
    if model is not None and model.fingerprint == fingerprint(counts, train_end):
        if model.store_version == store_version or store_version is None:
            _touch(path)
            return model, f"forecaster loaded from {path}"
        model = replace(model, store_version=store_version)
        try:
            _dump(model, path)
        except OSError:
            pass                                # not marked: the next run checks the counts again
        return model, f"forecaster loaded from {path} (its counts checked: the store changed after them only)"
    model = fit(days, counts, horizon=horizon, target=target, train_start=train_start, train_end=train_end)
    model = replace(model, store_version=store_version)
    try:
        _dump(model, path)
    except OSError as err:
        return model, f"forecaster fitted but not saved ({err}); the next run fits it again"
    removed = prune(Path(db))
    return model, f"forecaster fitted and saved to {path}" + (f" ({removed} older one(s) removed)" if removed else "")


def saved_current(db: str | Path | None, *, store_version: str | None, horizon: int, target: int,
                  train_start: pd.Timestamp, train_end: pd.Timestamp) -> tuple[Forecaster, str] | None:
    """The forecaster saved beside ``db`` for this window when it was fitted or checked on the store in
    the state ``store_version`` (its change marker), with a note; else None (then :func:`load_or_fit`
    reads the counts). Nothing of the store is read: a report with a saved model needs only its dyad."""
    if db is None or store_version is None:
        return None
    path = model_path(db, horizon=horizon, target=target, train_start=train_start, train_end=train_end)
    model = _read(path)
    if model is None or model.store_version != store_version:
        return None
    _touch(path)
    return model, f"forecaster loaded from {path} (the store unchanged since it was checked)"


def _read(path: Path) -> Forecaster | None:
    """The forecaster saved at ``path``, None when there is none or it is unreadable or of another version."""
    import joblib

    if not path.exists():
        return None
    try:
        model = joblib.load(path)
    except Exception:  # noqa: BLE001 - any unreadable file (truncated, old pickle) is refitted and replaced
        return None
    return model if isinstance(model, Forecaster) and model.version == VERSION else None


def _touch(path: Path) -> None:
    """Mark the file used now: pruning keeps the most recently written or read."""
    try:
        os.utime(path)
    except OSError:
        pass


KEEP_MODELS = 24  # saved forecasters kept beside a store: the report fits one per report day, a backtest one per refit


def prune(db: Path, *, keep: int = KEEP_MODELS) -> int:
    """Remove all but the ``keep`` most recently written or read forecasters saved beside the store ``db``
    (any horizon, target and window; a removed one is fitted again when asked for); returns how
    many were removed. Names are compared as text, never as a glob pattern."""
    prefix, saved = f"{db.name}.forecaster-", []
    for p in db.parent.iterdir():
        if p.name.startswith(prefix) and p.name.endswith(".joblib"):
            try:
                saved.append((p.stat().st_mtime_ns, p.name, p))
            except OSError:
                continue
    removed = 0
    for *_, p in sorted(saved, reverse=True)[keep:]:
        try:
            p.unlink()
            removed += 1
        except OSError:
            continue
    return removed


def _dump(model: Forecaster, path: Path) -> None:
    import joblib

    from .beside import write_whole

    write_whole(path, lambda tmp: joblib.dump(model, tmp))
