"""The ``backtest`` sub-command: the forecast's honest scorecard on a store.

A thin wrapper: it reads daily counts from the store, loads (or fits and saves) the
forecaster next to the store, calls :func:`flashpoint.analytics.backtest.backtest_dyad`
per dyad, renders the scores as a table and, with ``--json``, a file, and saves each dyad's
record beside the store (:mod:`flashpoint.analytics.saved_backtests`) for ``flashpoint serve``.
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any

import pandas as pd

from .config import load_config
from .outputs import check_writable
from .store import DEFAULT_DB, Store


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register this module's sub-commands."""
    p = sub.add_parser(
        "backtest", help="score the no-conflict forecast at every day of a period against three baselines",
        description="For every day t from --from to --to, forecast from events dated up to t only the "
                    "probability that no material-conflict event (quad class 4) occurs between A and B, either "
                    "direction, on days t+1 .. t+horizon; score it (Brier, log loss, calibration) against "
                    "climatology, persistence and a recency regression. The forecaster is fitted once on the "
                    "training window (default: every day before --from; --train-end sets its last day), or, with "
                    "--refit-every N, again every N days from the store's first day, each origin answered by the "
                    "model of its refit window (--refit-every 1 forecasts as 'flashpoint escalation' does on each "
                    "day); forecasters are saved next to the store; each dyad's "
                    "results are saved beside the store too (FILE.backtests.json, replacing that dyad's last "
                    "backtest), where 'flashpoint serve' shows them. See docs/analytics.md.")
    p.add_argument("--db", default=None, help=f"the store file (default: config 'db', else {DEFAULT_DB})")
    p.add_argument("--dyad", nargs=2, action="append", required=True, metavar=("A", "B"),
                   help="two actor codes (country, else sector), e.g. ISR PSE; repeatable")
    p.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD", help="first origin")
    p.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD", help="last origin")
    p.add_argument("--horizon", type=int, default=7, help="days ahead (7)")
    p.add_argument("--target", type=int, default=4, choices=(1, 2, 3, 4),
                   help="the quad class whose absence is forecast (4, material conflict)")
    p.add_argument("--train-start", metavar="YYYY-MM-DD", help="first training origin (the store's first day)")
    when = p.add_mutually_exclusive_group()
    when.add_argument("--train-end", metavar="YYYY-MM-DD",
                      help="last day the forecaster may read (default: the day before --from)")
    when.add_argument("--refit-every", type=int, metavar="N",
                      help="refit every N days from the store's first day; each origin is answered by the model "
                           "fitted up to its window's first day (1: the escalation report's model at every origin)")
    p.add_argument("--refit", action="store_true", help="fit the forecaster again even when one is saved")
    p.add_argument("--json", dest="json_out", metavar="OUT", help="write the full backtest as JSON to OUT")
    p.add_argument("--plot", metavar="FILE.png", help="draw the calibration (reliability) diagram to FILE.png")
    p.set_defaults(func=cmd_backtest)


def cmd_backtest(args: argparse.Namespace) -> int:
    from .analytics.backtest import backtest_windows
    from .analytics.dyads import as_day, period
    from .analytics.forecaster import check_options
    from .analytics.pairdays import stored_history
    from .analytics.saved_backtests import save_backtests

    check_options(args.horizon, args.target)
    check_writable(args.json_out, option="--json")
    check_writable(args.plot, option="--plot")
    start, end = period(args.start, args.end)
    db = args.db or load_config().db
    with Store(db, read_only=True) as store:
        days, counts = stored_history(store, last=end, beside=db)
        version = store.events_version()
    data_last = pd.Timestamp(counts["date"].max())
    train_start = as_day(args.train_start, what="--train-start") or days.day0
    train_end = as_day(args.train_end, what="--train-end") or (
        None if args.refit_every is not None else start - pd.Timedelta(days=1))
    windows, notes = models(db, days, counts, args, start=start, end=end, train_start=train_start,
                            train_end=train_end, version=version)
    results = [backtest_windows(days, windows, a, b, known_until=data_last) for a, b in args.dyad]
    render(results, [m for m, *_ in windows])
    for note in notes:
        print(note, file=sys.stderr)
    records = [r.to_dict() for r in results]
    print(save_backtests(db, records), file=sys.stderr)
    if args.json_out:
        with open(args.json_out, "w", encoding="utf-8") as fh:
            json.dump(records, fh, indent=1)
            fh.write("\n")
    if args.plot:
        from .analytics.plot import calibration_plot
        calibration_plot(results, args.plot)
        print(f"calibration plot written to {args.plot}", file=sys.stderr)
    return 0


def models(db: str, days: Any, counts: pd.DataFrame, args: argparse.Namespace, *, start: pd.Timestamp,
           end: pd.Timestamp, train_start: pd.Timestamp, train_end: pd.Timestamp | None,
           version: str | None) -> tuple[list[tuple[Any, pd.Timestamp, pd.Timestamp]], list[str]]:
    """(model, first origin, last origin) for the origins: one model fitted up to ``train_end`` when it
    is given, else those of the refit schedule of ``args.refit_every`` days
    (:mod:`flashpoint.analytics.refits`); each loaded from beside the store or fitted and saved; and
    the notes saying which (one per model)."""
    from .analytics.forecaster import load_or_fit
    from .analytics.refits import refit_windows

    spans = ([(train_end, start, end)] if train_end is not None
             else refit_windows(train_start, start, end, every=args.refit_every))
    windows, notes = [], []
    for t0, lo, hi in spans:
        model, note = load_or_fit(db, days, counts, horizon=args.horizon, target=args.target,
                                  train_start=train_start, train_end=t0, refit=args.refit, store_version=version)
        windows.append((model, lo, hi))
        notes.append(note)
    return windows, notes


def render(results: list[Any], fitted: list[Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    from .analytics.backtest import score_table
    from .analytics.baselines import NAMES

    out = Console()
    r0 = results[0]
    out.print(f"[bold]Backtest[/bold]: P(no quad-class-{r0.target} event between the two, either direction, "
              f"in the next {r0.horizon} days), origins {r0.forecasts['origin'].min().date()} to "
              f"{r0.forecasts['origin'].max().date()}; " + _fits(fitted))
    table = Table(title="Brier score / log loss (lower is better)", title_justify="left")
    for name in ("dyad", "scored", "rate", "model", *NAMES):
        table.add_column(name, justify="left" if name == "dyad" else "right")
    for row in score_table(results).itertuples(index=False):
        d = row._asdict()
        cells = [f"{d[f'{n}_brier']:.3f} / {d[f'{n}_log_loss']:.3f}" for n in ("model", *NAMES)]
        rate = "" if d["rate"] is None else f"{d['rate']:.2f}"
        table.add_row(d["dyad"], str(d["scored"]), rate, *cells)
    out.print(table)
    for r in results:
        out.print(f"  {'-'.join(r.dyad)} Brier, model minus baseline (Newey-West se): " + "; ".join(
            f"{n} {b['brier_diff']:+.3f} ({b['brier_diff_se']:.3f})" for n, b in r.baselines.items()))
    for r in results:
        bins = r.calibration[r.calibration["n"] > 0]
        out.print(f"  calibration {'-'.join(r.dyad)} (predicted -> observed, n): " + "; ".join(
            f"{b.mean_predicted:.2f}->{b.observed:.2f} ({b.n})" for b in bins.itertuples()))


def _fits(fitted: list[Any]) -> str:
    first, last = fitted[0], fitted[-1]
    if len(fitted) == 1:
        return (f"forecaster fitted on origins {first.train_start.date()} to {first.train_end.date()} "
                f"({first.n_samples} origins of {first.n_pairs} pairs)")
    return (f"{len(fitted)} forecasters, one per refit window (each fitted on the history up to its window's "
            f"first day, {first.train_end.date()} to {last.train_end.date()}; the last on {last.n_samples} "
            f"origins of {last.n_pairs} pairs)")
