"""The escalation report of one dyad: the one function the CLI (and later the API) call.

:func:`escalation_report` puts together the dyad's series, its tit-for-tat
exchanges, change points in its severity, and the probability that it
de-escalates within ``horizon`` days of ``as_of`` (the report's end day), with
the model's held-out scores against the baselines. Only events up to ``as_of``
are used for anything, so a report "as of 8 January" sees nothing later.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .changepoints import dyad_change_points
from .dyads import AnalysisError, alias_actors, as_day, between, fold_sides, usable, with_sector_sides
from .forecast import FEATURES, Evaluation, Model, evaluate, features, fit, daily_pair, samples
from .reciprocity import Exchanges, linked_moves, moves, reframe, retaliation, telling_sentences, tit_for_tat
from .series import dyad_series, recent_trend, summarise
from .severity import HOSTILE
from .synthetic import Process, synthetic_events
from .ledger import COLUMNS as LEDGER_COLUMNS
from .ledger import WINDOW_DAYS, deterrence_ledger
from .undated import COLUMNS as UNDATED_COLUMNS
from .undated import undated_events
from .no_conflict import HORIZON as NO_CONFLICT_HORIZON
from .no_conflict import NoConflictForecast, beside_of, stored_no_conflict
from .pairdays import TooLittleHistory

TRAINING = ("auto", "store", "synthetic")
MODELS = ("auto", "no-conflict", "de-escalation")   # which model answers "how likely is de-escalation?"
DEESCALATION_HORIZON = 14                           # the de-escalation model's default horizon
MIN_SAMPLES = 500        # labelled days the events must give before 'auto' trains on them
MIN_CLASS = 50           # ... with at least this many of each outcome


@dataclass(frozen=True)
class Forecast:
    """The de-escalation probability of a dyad on one day, with its baselines and provenance."""

    as_of: pd.Timestamp
    horizon: int
    probability: float | None
    base_rate: float
    persistence: float | None
    features: dict[str, float]
    trained_on: str
    n_train: int
    evaluation: Evaluation
    coefficients: dict[str, float]
    reason: str | None = None


@dataclass(frozen=True)
class EscalationReport:
    source: str
    target: str
    start: pd.Timestamp | None
    as_of: pd.Timestamp
    freq: str
    window: int
    series: pd.DataFrame
    summary: pd.DataFrame
    trend: pd.DataFrame
    exchanges: Exchanges
    retaliation: pd.DataFrame
    change_points: pd.DataFrame
    forecast: Forecast | None
    notes: list[str] = field(default_factory=list)
    undated: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(UNDATED_COLUMNS)))
    ledger: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(LEDGER_COLUMNS)))
    no_conflict: NoConflictForecast | None = None
    forecast_model: dict[str, str | None] = field(default_factory=lambda: {"name": None, "why": "not asked for"})

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (dates as ISO strings, NaN as None)."""
        f = self.forecast
        return {"dyad": [self.source, self.target], "start": _plain(self.start), "as_of": _plain(self.as_of),
                "freq": self.freq, "window_days": self.window, "trend": _records(self.trend),
                "summary": _records(self.summary),
                "series": _records(self.series[self.series["events"] > 0]),
                "responses": _records(self.exchanges.links), "chains": _records(self.exchanges.chains),
                "retaliation": _records(self.retaliation), "change_points": _records(self.change_points),
                "undated": _records(self.undated), "deterrence": _records(self.ledger),
                "forecast_model": dict(self.forecast_model),
                "no_conflict": None if self.no_conflict is None else self.no_conflict.to_dict(),
                "forecast": None if f is None else forecast_dict(f), "notes": list(self.notes)}


def forecast_dict(f: Forecast) -> dict[str, Any]:
    ev = f.evaluation
    return {"as_of": _plain(f.as_of), "horizon_days": f.horizon, "probability": _plain(f.probability),
            "reason": f.reason, "baselines": {"base_rate": f.base_rate, "persistence": _plain(f.persistence)},
            "features": {k: _plain(v) for k, v in f.features.items()}, "trained_on": f.trained_on,
            "n_train": f.n_train, "coefficients": f.coefficients,
            "evaluation": {"scores": ev.scores, "n_train": ev.n_train, "n_test": ev.n_test,
                           "test_rate": ev.test_rate, "test_from": _plain(ev.split_day),
                           "reliability": _records(ev.reliability)}}


def _plain(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) else float(value)
    if value is pd.NaT:
        return None
    return value


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{k: _plain(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]


@lru_cache(maxsize=8)
def synthetic_samples(histories: int, *, seed: int, horizon: int, window: int) -> pd.DataFrame:
    """Samples from synthetic histories (cached: the same arguments give the same frame; do not modify it)."""
    return samples(synthetic_events(histories, process=Process(), seed=seed), horizon=horizon, window=window)


def training_samples(events: pd.DataFrame | None, *, as_of: pd.Timestamp, horizon: int, window: int,
                     training: str = "auto", histories: int = 200, seed: int = 0) -> tuple[pd.DataFrame, str]:
    """Labelled samples to train on, and a sentence saying what they are."""
    if training not in TRAINING:
        raise AnalysisError(f"unknown training source {training!r}", where="training",
                            fix=f"use one of {', '.join(TRAINING)}")
    if training != "synthetic" and events is not None:
        data = samples(events, horizon=horizon, window=window, end=as_of)
        labelled = data[data["y"].notna()]
        counts = labelled["y"].value_counts()
        enough = len(labelled) >= MIN_SAMPLES and min(counts.get(0.0, 0), counts.get(1.0, 0)) >= MIN_CLASS
        if enough or training == "store":
            return data, (f"the given events: {len(labelled)} labelled days of {data['pair'].nunique()} "
                          f"hostile pairs, up to {as_of.date()}")
    data = synthetic_samples(histories, seed=seed, horizon=horizon, window=window)
    why = "" if training == "synthetic" else " (the given events have too little hostile history)"
    return data, (f"SYNTHETIC histories{why}: {histories} simulated dyads x {Process().days} days of the "
                  f"self-exciting process in flashpoint/analytics/synthetic.py (seed {seed}); not real crises")


def dyad_state(events: pd.DataFrame, a: str, b: str, *, as_of: pd.Timestamp, horizon: int,
               window: int) -> tuple[dict[str, float], float | None]:
    """The dyad's features on ``as_of`` and its persistence flag (None without any hostile move)."""
    mv = moves(events, a, b, end=as_of)
    if mv.empty:
        return {}, None
    mv = linked_moves(mv, window=window)
    index = pd.date_range(min(mv["date"].min(), as_of - pd.Timedelta(days=horizon)), as_of, freq="D")
    feats = features(daily_pair(mv, index))
    row = feats.iloc[-1]
    earlier = feats["peak7"].iloc[-1 - horizon] if len(feats) > horizon else 0.0
    return {k: float(row[k]) for k in FEATURES}, float(row["peak7"] < earlier)


def forecast_dyad(events: pd.DataFrame, a: str, b: str, *, as_of: Any, horizon: int = 14, window: int = 10,
                  training: str = "auto", training_events: pd.DataFrame | None = None,
                  histories: int = 200, seed: int = 0) -> Forecast:
    """The probability that the pair a/b de-escalates within ``horizon`` days of ``as_of``.

    Trained on ``training_events`` (default: ``events``) when they hold enough
    hostile history (``training='auto'``), else on synthetic histories; the
    model is scored on the later 30% of its training days before being refitted
    on all of them.
    """
    day = as_day(as_of, what="as_of")
    assert day is not None
    pool = training_events if training_events is not None else events
    data, trained_on = training_samples(pool, as_of=day, horizon=horizon, window=window, training=training,
                                        histories=histories, seed=seed)
    evaluation = evaluate(data, horizon=horizon, trained_on=trained_on)
    model: Model = fit(data, horizon=horizon, trained_on=trained_on)
    feats, persist = dyad_state(events, a, b, as_of=day, horizon=horizon, window=window)
    common = dict(as_of=day, horizon=horizon, base_rate=model.base_rate, trained_on=trained_on,
                  n_train=model.n_train, evaluation=evaluation, coefficients=model.coefficients())
    if not feats or feats["peak7"] < HOSTILE:
        return Forecast(probability=None, persistence=None, features=feats, **common,
                        reason="no hostile move between the two in the last 7 days: nothing to de-escalate from")
    X = pd.DataFrame([{**feats, "persist": persist}])
    return Forecast(probability=float(model.predict(X)[0]), persistence=float(model.baseline(X)[0]),
                    features=feats, **common)


def escalation_report(events: pd.DataFrame, source: str, target: str, *, start: Any = None, end: Any = None,
                      freq: str = "D", weight: str | None = None, window: int = 10, tolerance: int = 0,
                      horizon: int | None = None, training: str = "auto",
                      training_events: pd.DataFrame | Callable[[], pd.DataFrame] | None = None,
                      histories: int = 200, seed: int = 0, forecast: bool = True, model: str = "auto",
                      no_conflict: Callable[[pd.Timestamp, int], NoConflictForecast] | None = None,
                      aliases: dict[str, str] | None = None, outside: pd.DataFrame | None = None,
                      ledger_window: int = WINDOW_DAYS,
                      reports: Callable[[list[str]], Mapping[str, Sequence[str]]] | None = None) -> EscalationReport:
    """Everything the analyst asks of a dyad, up to ``end`` (default: its last event).

    ``aliases`` counts some actors as one side (see :func:`.dyads.fold_sides`), e.g.
    ``{"IRQ/REB": "IRN"}``; the training events are not folded. ``events`` may hold events
    that did not happen (threatened acts feed the deterrence ledger; nothing else counts
    them); ``outside`` holds the sides' acts against others (:func:`.ledger.deterrence_ledger`).
    ``reports`` gives, for response event ids, more sentences that tell each response (the other
    sentences of its reports), where its framing ("in retaliation", "to avenge") is also read.

    The forecast (see :func:`choose_forecast`): ``no_conflict(as_of, horizon)`` gives the backtested
    forecaster's answer (:mod:`.no_conflict`; ``stored_report`` passes one that reads the store) and,
    with ``model`` 'auto', answers when it can; otherwise the de-escalation model (a fall of the 7-day
    peak, :func:`forecast_dyad`, trained on ``training_events`` or synthetic histories) does.
    ``horizon`` defaults to 7 days for the first, 14 for the second.
    """
    aliases = with_sector_sides(source, target, aliases)
    if aliases:
        events = fold_sides(events, aliases)
    lo = as_day(start, what="start")
    ev = between(usable(events), lo, as_day(end, what="end"))
    series = dyad_series(ev, source, target, freq=freq, start=lo, end=end, weight=weight)
    if series.empty:
        raise AnalysisError(f"no events between {source} and {target} in this period", where="dyad",
                            fix="check the actor codes (e.g. USA IRN) and the --from/--to dates")
    daily = series if freq == "D" else dyad_series(ev, source, target, start=lo, end=end)
    as_of = as_day(end, what="end") or daily["period"].max()      # a weekly series' last Monday is too early
    exchanges = tit_for_tat(ev, source, target, window=window, tolerance=tolerance)
    if reports is not None and len(exchanges.links):
        exchanges = reframe(exchanges, reports(exchanges.links["response_event"].astype(str).tolist()))
    cps = dyad_change_points(daily)
    stated = {k: v for k, v in aliases.items() if k != v}
    notes = [f"Counted as one side: {', '.join(f'{k} as {v}' for k, v in stated.items())}."] if stated else []
    fc, nc, answered = None, None, {"name": None, "why": "no forecast asked for"}
    if forecast:
        fc, nc, answered = _forecast(events, source, target, as_of, no_conflict, horizon=horizon, model=model,
                                     folded=bool(aliases), window=window, training=training,
                                     training_events=training_events, histories=histories, seed=seed)
        notes.extend(forecast_notes(answered, fc))
    last = as_day(end, what="end")          # None: up to the last event, whether it counts in the series or not
    undated, ledger = _outside_the_series(events, source, target, start=lo, end=last, aliases=aliases,
                                          outside=outside, window=ledger_window, notes=notes)
    return EscalationReport(source, target, lo, as_of, freq, window, series, summarise(series),
                            recent_trend(series, freq=freq), exchanges, retaliation(exchanges), cps, fc, notes,
                            undated, ledger, nc, answered)


def _forecast(events: pd.DataFrame, source: str, target: str, as_of: pd.Timestamp,
              no_conflict: Callable[[pd.Timestamp, int], NoConflictForecast] | None, *, horizon: int | None,
              model: str, folded: bool, window: int, training: str,
              training_events: pd.DataFrame | Callable[[], pd.DataFrame] | None, histories: int, seed: int
              ) -> tuple[Forecast | None, NoConflictForecast | None, dict[str, str | None]]:
    """The report's forecast (:func:`choose_forecast`): the backtested forecaster's, else the de-escalation
    model's (trained on ``training_events``, read only now when a function), and which answered with why."""
    nc, answered = choose_forecast(no_conflict, as_of, horizon, model=model, folded=folded)
    if nc is not None:
        return None, nc, answered
    pool = training_events() if callable(training_events) else training_events
    fc = forecast_dyad(events, source, target, as_of=as_of, horizon=horizon or DEESCALATION_HORIZON, window=window,
                       training=training, training_events=pool, histories=histories, seed=seed)
    return fc, None, answered


def _outside_the_series(events: pd.DataFrame, source: str, target: str, *, start: pd.Timestamp | None,
                        end: pd.Timestamp | None, aliases: dict[str, str], outside: pd.DataFrame | None,
                        window: int, notes: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The report's parts read beside the series: the material acts dated only 'before' their report
    (with a note in ``notes`` when there are any) and the deterrence ledger (``outside`` folded as the
    events are)."""
    undated = undated_events(events, source, target, start=start, end=end)
    if len(undated):
        notes.append(f"{len(undated)} material act(s) dated only 'before' their report are not in the series "
                     "(retrospective mentions; see 'undated').")
    if aliases and outside is not None:
        outside = fold_sides(outside, aliases)
    return undated, deterrence_ledger(events, source, target, window=window, outside=outside, start=start, end=end)


def forecast_notes(answered: dict[str, str | None], fc: Forecast | None) -> list[str]:
    """Which model answered and why; and the warning on a model trained on synthetic histories."""
    notes = [f"Forecast by the {answered['name']} model: {answered['why']}."]
    if fc is not None and fc.trained_on.startswith("SYNTHETIC"):
        notes.append("The de-escalation model was trained on synthetic histories, not on real crises: "
                     "its probability shows how the method works, not what will happen.")
    return notes


def choose_forecast(no_conflict: Callable[[pd.Timestamp, int], NoConflictForecast] | None, as_of: pd.Timestamp,
                    horizon: int | None, *, model: str = "auto", folded: bool = False
                    ) -> tuple[NoConflictForecast | None, dict[str, str | None]]:
    """The backtested forecaster's answer when ``model`` allows it and it can give one (else None), and
    which model answers with why. With ``model`` 'no-conflict', a forecaster that cannot answer is an error."""
    if model not in MODELS:
        raise AnalysisError(f"unknown forecast model {model!r}", where="model", fix=f"use one of {', '.join(MODELS)}")
    if model == "de-escalation":
        return None, {"name": "de-escalation", "why": "asked for by name (it has no backtest)"}
    if folded:
        why = ("the backtested forecaster reads the history of two actor codes (country, else sector); sides made "
               "of several actors (--as, or a COUNTRY/SECTOR side) are not in it")
    elif no_conflict is None:
        why = "no store history was given to fit the backtested forecaster on (a report from an events frame alone)"
    else:
        try:
            nc = no_conflict(as_of, horizon or NO_CONFLICT_HORIZON)
        except TooLittleHistory as err:
            why = f"the store's history up to {as_of.date()} is too short for the backtested forecaster ({err.message})"
        else:
            f = nc.forecaster
            return nc, {"name": "no-conflict", "why": (
                f"the backtested forecaster, fitted on the store's history {f['train_start']} to {f['train_end']} "
                f"({f['origins']} origins of {f['pairs']} {f['pairs_rule']}); its scorecard is "
                "'flashpoint backtest' (" + ("saved for this dyad" if nc.backtest else "none saved for this dyad yet")
                + ")")}
    if model == "no-conflict":
        raise AnalysisError(f"the backtested forecaster cannot answer: {why}", where="model",
                            fix="use the model 'auto' or 'de-escalation' (the older model, not backtested), or give "
                                "a store with more history")
    return None, {"name": "de-escalation", "why": f"a fall of the 7-day peak, not backtested, because {why}"}


LEAD_DAYS = 365     # the default series starts at most this long before the dyad's first event


def stored_report(store: Any, source: str, target: str, *, start: Any = None, end: Any = None,
                  aliases: dict[str, str] | None = None, training: str = "auto", forecast: bool = True,
                  beside: str | None = None, refit: bool = False, **options: Any) -> EscalationReport:
    """:func:`escalation_report` of a dyad read from a store (a :class:`flashpoint.store.Store`), as
    ``flashpoint escalation`` and the REST API's ``/escalation`` give it.

    Events up to ``end`` are read (earlier events feed the forecast); with ``aliases``, every event
    with either side or an aliased actor in it. The backtested forecaster is fitted on the store's
    daily counts up to the report's day (:func:`.no_conflict.stored_no_conflict`), loaded from or saved
    beside the store file (``beside``, default the store's own file; the web server's snapshot passes
    its file; ``refit`` fits again); when the de-escalation model answers instead, the store's events up
    to ``end`` train it unless ``training`` is 'synthetic' (read only then). ``start`` defaults to
    :func:`default_start`. A side written ``COUNTRY/SECTOR`` (``UKR/GOV``) is that country's actors of
    that sector only.
    """
    aliases = with_sector_sides(source, target, aliases)
    if aliases:
        events = store.actor_events(alias_actors(source, target, aliases), end=end, happened=None)
    else:
        events = store.dyad_events(source, target, end=end, happened=None)
    options.setdefault("outside", outside_acts(store, events, source, target, aliases=aliases or {}, end=end))
    options.setdefault("reports", _coded_reports(store, events))
    if start is None:
        start = default_start(store.first_day(), events)
    where = beside or beside_of(store)

    def no_conflict(as_of: pd.Timestamp, horizon: int) -> NoConflictForecast:
        return stored_no_conflict(store, source, target, as_of=as_of, horizon=horizon, beside=where, refit=refit)

    options.setdefault("no_conflict", no_conflict)
    pool = (lambda: store.events(end=end)) if training != "synthetic" and forecast else None
    return escalation_report(events, source, target, start=start, end=end, aliases=aliases, training=training,
                             training_events=pool, forecast=forecast, **options)


def _coded_reports(store: Any, events: pd.DataFrame) -> Callable[[list[str]], dict[str, list[str]]]:
    """The sentences of their reports that tell events coded from text (imported rows have no
    reports to read, and are not looked up: a large imported store stays quick)."""
    coded = events["origins"].astype("string").str.contains("flashpoint", na=False) if "origins" in events else None
    ids = set(events.loc[coded, "event_id"]) if coded is not None else set()
    return lambda wanted: telling_sentences(store.report_texts([i for i in wanted if i in ids]))


def outside_acts(store: Any, events: pd.DataFrame, source: str, target: str, *, aliases: dict[str, str],
                 end: Any) -> pd.DataFrame | None:
    """The sides' material acts from their first threat on (for defiance outside the dyad), or None
    without threats."""
    from .ledger import threats

    folded = fold_sides(events, aliases) if aliases else events
    th = threats(folded, source, target)
    if th.empty:
        return None
    # only material conflict by a side counts as defiance (ledger._defiance): the rest is not read
    return store.actor_events(alias_actors(source, target, aliases), start=th["date"].min().date(), end=end,
                              quad_class=4, columns=OUTSIDE_COLUMNS, sources_only=True)


# What the ledger reads of the sides' acts elsewhere: when, who to whom, what, and whether it counts
# (no rung: defiance is the first material act, whatever its severity).
OUTSIDE_COLUMNS = ("date", "date_precision", "happened", "quad_class", "cameo", "source_country", "source_sector",
                   "target_country", "target_sector")


def default_start(first_day: Any, events: pd.DataFrame) -> Any:
    """The store's first day, but at most LEAD_DAYS before the dyad's first event (a quiet lead-in
    long enough for an onset to show, without a decades-long daily series in a large store)."""
    if first_day is None or events.empty:
        return first_day
    first_event = pd.to_datetime(events["date"]).min()
    if pd.isna(first_event):
        return first_day
    return max(pd.Timestamp(first_day), first_event.normalize() - pd.Timedelta(days=LEAD_DAYS)).date()
