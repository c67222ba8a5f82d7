"""Analysis sub-commands: ``escalation`` (is a dyad's crisis escalating?).

A thin wrapper: it reads events from the store, calls
:func:`flashpoint.analytics.escalation_report` and renders the report as rich
tables or JSON.
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

SHOW_PERIODS = 30   # active periods shown in the table format
LINK_NAMES = {"provocation_date": "provoked", "provocation_direction": "by", "provocation_cameo": "cameo",
              "provocation_name": "act", "response_name": "answer",
              "provocation_rung": "rung", "response_date": "answered", "response_cameo": "cameo",
              "response_rung": "rung", "lag_days": "days", "proportionality": "+rungs",
              "response_framing": "framing"}


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register this module's sub-commands."""
    add_escalation(sub)


def add_escalation(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "escalation", help="escalation analysis of a dyad: series, tit-for-tat, change points, de-escalation odds",
        description="Analyse the events between two actors in the store: per-day (or week) counts and severity "
                    "in each direction, tit-for-tat responses with their proportionality on the severity ladder, "
                    "change points in severity, and the forecast at the --to date: when the store holds enough "
                    "history, the backtested forecaster's probability that no material-conflict event occurs "
                    "between the two (either direction) within --horizon days, beside its baselines and the "
                    "dyad's saved 'flashpoint backtest' scores; else the older de-escalation model (a fall of the "
                    "7-day peak, not backtested). The output says which model answered and why. "
                    "See docs/analytics.md.")
    p.add_argument("--dyad", nargs=2, required=True, metavar=("A", "B"),
                   help="the two actors: country codes such as USA IRN, sector codes, or COUNTRY/SECTOR "
                        "for a dyad inside one country (UKR/GOV UKR/REB)")
    p.add_argument("--as", dest="aliases", action="append", default=None, metavar="ACTOR=SIDE",
                   help="count an actor as one side, e.g. IRQ/REB=IRN (Iraqi militias as Iran; COUNTRY/SECTOR "
                        "or a plain code); repeatable. You state the relationship; flashpoint does not infer it")
    p.add_argument("--db", default=None, help=f"the store file (default: config 'db', else {DEFAULT_DB})")
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD",
                   help="first day of the series (default: the store's first day, at most a year before the "
                        "dyad's first event, so an onset can show)")
    p.add_argument("--to", dest="end", metavar="YYYY-MM-DD",
                   help="last day to analyse, and the day the forecast is made (default: the dyad's last event)")
    p.add_argument("--freq", choices=("D", "W"), default="D", help="series per day (D, default) or week (W)")
    p.add_argument("--weight", choices=("none", "source_count"), default="none",
                   help="count each event once (none) or once per independent source")
    p.add_argument("--window", type=int, default=10, help="days a response may follow its provocation (10)")
    p.add_argument("--tolerance", type=int, default=0,
                   help="rungs a response may differ from its provocation and still be proportionate (0)")
    p.add_argument("--horizon", type=int, default=None,
                   help="forecast horizon in days (7 for the no-conflict forecaster, 14 for the de-escalation model)")
    p.add_argument("--model", choices=("auto", "no-conflict", "de-escalation"), default="auto",
                   help="which model forecasts: the backtested no-conflict forecaster, fitted on the store's history "
                        "up to --to and saved beside the store (no-conflict); the older de-escalation model "
                        "(de-escalation); or the first when the store has enough history, else the second (auto)")
    p.add_argument("--refit", action="store_true", help="fit the no-conflict forecaster again even when one is saved")
    p.add_argument("--train", choices=("auto", "store", "synthetic"), default="auto",
                   help="train the de-escalation model on the store's events (store), on synthetic histories "
                        "(synthetic), or on the store when it holds enough hostile history, else synthetic (auto)")
    p.add_argument("--no-forecast", action="store_true", help="skip the forecast")
    p.add_argument("--format", choices=("table", "json"), default="table", help="output format (table)")
    p.add_argument("--plot", metavar="FILE.png", help="also draw severity and counts by direction, change points, "
                   "the main response links and the forecast to FILE.png")
    p.add_argument("--series-out", metavar="FILE", help="also write the whole series (every period and direction, "
                   "zeros included) to FILE: .csv or .parquet")
    p.set_defaults(func=cmd_escalation)


def cmd_escalation(args: argparse.Namespace) -> int:
    from .analytics.dyads import parse_aliases, period
    from .analytics.report import stored_report

    a, b = args.dyad
    if args.series_out:
        series_format(args.series_out)
    check_writable(args.series_out, option="--series-out")
    check_writable(args.plot, option="--plot")
    period(args.start, args.end)       # a bad or reversed --from/--to named before the store is read
    with Store(args.db or load_config().db, read_only=True) as store:
        report = stored_report(store, a, b, start=args.start, end=args.end, aliases=parse_aliases(args.aliases),
                               training=args.train, forecast=not args.no_forecast, freq=args.freq,
                               weight=None if args.weight == "none" else args.weight, window=args.window,
                               tolerance=args.tolerance, horizon=args.horizon, model=args.model,
                               refit=args.refit)
    if args.format == "json":
        json.dump(report.to_dict(), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        render(report)
    if args.series_out:
        write_series(report.series, args.series_out)
        print(f"series ({len(report.series)} rows) written to {args.series_out}", file=sys.stderr)
    if args.plot:
        from .analytics.plot import escalation_plot
        escalation_plot(report, args.plot)
        print(f"picture written to {args.plot}", file=sys.stderr)
    return 0


def series_format(path: str) -> str:
    """'csv' or 'parquet' from the file name; anything else is a usage error naming the fix."""
    from .errors import AnalysisError

    ext = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    if ext not in ("csv", "parquet"):
        raise AnalysisError(f"cannot tell the series format of {path!r}", where="--series-out",
                            fix="name the file .csv or .parquet")
    return ext


def write_series(series: pd.DataFrame, path: str) -> None:
    """The series as CSV (ISO dates) or Parquet, chosen by the file's extension."""
    if series_format(path) == "csv":
        series.to_csv(path, index=False, date_format="%Y-%m-%d")
    else:
        series.to_parquet(path, index=False)


# --- rendering ---------------------------------------------------------------------------

def _cell(value: Any, digits: int = 2) -> str:
    if value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, float):
        return f"{value:.0f}" if value.is_integer() and digits <= 2 else f"{value:.{digits}f}"
    return str(value)


SHORT_CELL = 13   # a column whose cells are all this short (dates, codes, numbers, labels) is never cut
LONG_MIN = 12     # the least width a column of longer text (names, evidence) is given


def _table(title: str, frame: pd.DataFrame, columns: list[str], *, empty: str,
           names: dict[str, str] | None = None, digits: int = 2, width: int | None = None) -> Any:
    """The frame as a rich table whose short cells (dates, codes, numbers) are never cut; when the
    terminal (``width``) is too narrow for that, the rows as records ('header: value · ...')."""
    from rich.table import Table

    from .formats.cells import plain

    headers = [(names or {}).get(c, c.replace("_", " ")) for c in columns]
    rows = [[plain(_cell(v, digits)) for v in row] for row in frame[columns].itertuples(index=False)]
    widths = [_widths(h, [r[k] for r in rows]) for k, h in enumerate(headers)]
    if width is not None and rows and sum(need for need, _ in widths) + 3 * len(columns) + 1 > width:
        return _records(title, headers, rows)
    table = Table(title=title, title_justify="left")
    for c, h, (need, short) in zip(columns, headers, widths):
        numeric = pd.api.types.is_numeric_dtype(frame[c].dtype) and not pd.api.types.is_bool_dtype(frame[c].dtype)
        table.add_column(h, justify="right" if numeric else "left", no_wrap=short and bool(rows),
                         min_width=need if short and rows else None)
    for row in rows:
        table.add_row(*row)
    if frame.empty:
        table.add_row(empty, *[""] * (len(columns) - 1))
    return table


def _show(out: Any, *args: Any, **kwargs: Any) -> None:
    out.print(_table(*args, width=out.width, **kwargs))


def _widths(header: str, cells: list[Any]) -> tuple[int, bool]:
    """The width a column needs, and whether all its cells are short (then never cut): its longest
    cell when they are, else ``LONG_MIN``; at least its header's longest word (headers wrap between words)."""
    longest = max((len(c) for c in cells), default=0)
    word = max((len(w) for w in header.split()), default=0)
    short = longest <= SHORT_CELL
    return max(longest if short else LONG_MIN, word), short


def _records(title: str, headers: list[str], rows: list[Any]) -> Any:
    """Rows too wide for the terminal, one record each: 'header: value · header: value'."""
    from rich.console import Group
    from rich.text import Text

    lines: list[Any] = [Text(title, style="italic")]
    for row in rows:
        line = Text("  ")
        for k, (h, v) in enumerate((h, v) for h, v in zip(headers, row) if len(v)):
            line.append_text(Text(("  " if k else "") + f"{h}: ", style="dim"))
            line.append_text(v if isinstance(v, Text) else Text(str(v)))
        lines.append(line)
    return Group(*lines)


def render(report: Any, out: Any = None) -> None:
    """The report as rich tables on ``out`` (a rich console; the terminal by default)."""
    from rich.console import Console
    from rich.markup import escape

    out = out or Console()
    r = report
    out.print(f"[bold]Escalation: {escape(str(r.source))} and {escape(str(r.target))}[/bold], "
              f"{_cell(r.start) or 'first event'} to {_cell(r.as_of)} (per {'day' if r.freq == 'D' else 'week'})")
    window = "7 days" if r.freq == "D" else "week"
    _show(out, f"Is it escalating? Last {window} vs the {window} before", r.trend,
                     ["direction", "verdict", "max_now", "max_before", "sum_now", "sum_before"], empty="no events",
                     names={"max_now": "now", "max_before": "before", "sum_now": "sum now",
                            "sum_before": "sum before"})
    _show(out, "Totals per direction", r.summary,
                     ["direction", "events", "verbal_conflict", "material_conflict", "severity_max", "peak_period",
                      "severity_sum", "goldstein_mean"], empty="no events")
    active = r.series[r.series["events"] > 0].tail(SHOW_PERIODS)
    _show(out, f"Active periods (last {SHOW_PERIODS})", active,
                     ["period", "direction", "events", "verbal_conflict", "material_conflict", "severity_max",
                      "severity_sum", "goldstein_mean"], empty="none")
    links = r.exchanges.links.copy()
    for side in ("provocation", "response"):   # 'code name' in one column
        links[f"{side}_name"] = [" ".join(str(v) for v in (c, n) if isinstance(v, str))
                                 for c, n in zip(links[f"{side}_cameo"], links[f"{side}_name"])]
    _show(out, f"Responses within {r.window} days (severity rungs)", links,
                     ["chain", "provocation_date", "provocation_direction", "provocation_name",
                      "provocation_rung", "response_date", "response_name", "response_rung",
                      "lag_days", "proportionality", "label", "response_framing"],
                     empty="no responses", names=LINK_NAMES)
    _show(out, "Who retaliates", r.retaliation,
                     ["responder", "responses", "mean_proportionality", "mean_lag_days", "escalatory",
                      "proportionate", "de-escalatory"], empty="nobody")
    _show(out, "Change points (PELT; severity: penalty 3 sigma^2 log n; weekly conflict counts: "
                     "3 log n, Anscombe scale)", r.change_points,
                     ["measure", "direction", "date", "before_mean", "after_mean", "shift"], empty="none found")
    render_ledger(out, r)
    undated = r.undated.assign(refers=[f"{_cell(d)} {e}" if isinstance(e, str) else "no dated match"
                                       for d, e in zip(r.undated["refers_to_date"], r.undated["refers_to"])])
    _show(out, "Undated material acts (date only 'before' the report; not in the series)", undated,
                     ["bound", "source", "target", "cameo", "evidence_text", "refers"], empty="none",
                     names={"bound": "reported", "evidence_text": "text", "refers": "refers to"})
    if r.no_conflict is not None:
        render_no_conflict(out, r.no_conflict)
    if r.forecast is not None:
        render_forecast(out, r.forecast)
    for note in r.notes:
        out.print(f"[yellow]Note:[/yellow] {escape(str(note))}")


def render_ledger(out: Any, r: Any) -> None:
    led = r.ledger.copy()
    led["threat"] = [f"{c} {n}" if isinstance(n, str) else str(c) for c, n in zip(led["cameo"], led["threat_name"])]
    led["defied"] = ["" if pd.isna(d) else f"{_cell(d)} {c} vs {t}" + (" (outside the dyad)" if o else "")
                     for d, c, t, o in zip(led["defied_date"], led["defied_by"], led["defied_target"],
                                           led["defied_outside"])]
    led["response"] = ["" if pd.isna(d) else f"{_cell(d)} {c} {n}" for d, c, n in
                       zip(led["response_date"], led["response_cameo"], led["response_name"])]
    _show(out, "Deterrence ledger: threats and what followed", led,
                     ["date", "threatener", "threatened", "threat", "threatened_rung", "condition", "defied",
                      "response", "outcome"], empty="no threats",
                     names={"threatener": "by", "threatened": "against", "threatened_rung": "rung"})


def render_no_conflict(out: Any, f: Any) -> None:
    """The backtested forecaster's answer, its baselines at the same day and the dyad's saved scorecard."""
    from rich.markup import escape

    base = ", ".join(f"{k} {v:.2f}" for k, v in f.baselines.items())
    out.print(f"[bold]{escape(f.question)} = {f.probability:.2f}[/bold]  (baselines: {base})")
    fitted = f.forecaster
    t = f.timings
    out.print(f"  no-conflict forecaster (VERSION {fitted['version']}), fitted on {fitted['train_start']} to "
              f"{fitted['train_end']}: {fitted['origins']} origins of {fitted['pairs']} pairs; "
              f"history {t.get('history', 0):.2f} s, model {t.get('model', 0):.2f} s, predict {t.get('predict', 0):.2f} s")
    bt = f.backtest
    if bt is not None:
        rows = [{"forecast": "model", **bt["model"]},
                *({"forecast": k, **v} for k, v in bt["baselines"].items())]
        fitted = bt.get("forecaster") or {}
        out.print(f"  its scorecard, the dyad's saved backtest: origins {bt['from']} to {bt['to']} ({bt['scored']} "
                  f"scored, horizon {bt['horizon']}), forecaster fitted on {fitted.get('train_start')} to "
                  f"{fitted.get('train_end')}")
        _show(out, "Saved backtest: Brier / log loss (lower is better)", pd.DataFrame(rows),
                         ["forecast", "brier", "log_loss"], empty="", digits=3)
    for note in f.notes:
        out.print(f"  {escape(str(note))}")


def render_forecast(out: Any, f: Any) -> None:
    from rich.markup import escape

    if f.probability is None:
        out.print(f"De-escalation within {f.horizon} days of {_cell(f.as_of)}: no forecast ({escape(str(f.reason))})")
    else:
        out.print(f"[bold]P(de-escalation within {f.horizon} days of {_cell(f.as_of)}) = {f.probability:.2f}[/bold]"
                  f"  (base rate {f.base_rate:.2f}, persistence {f.persistence:.2f})")
        out.print("  features: " + ", ".join(f"{k}={_cell(v)}" for k, v in f.features.items()))
    ev = f.evaluation
    scores = pd.DataFrame([{"forecaster": k, **v} for k, v in ev.scores.items()])
    _show(out, "Held-out scores (lower is better)", scores, ["forecaster", "brier", "log_loss", "ece"],
                     empty="", digits=3)
    bins = ev.reliability[ev.reliability["n"] > 0]
    out.print("  reliability (predicted -> observed, n): " + "; ".join(
        f"{b.mean_predicted:.2f}->{b.observed:.2f} ({b.n})" for b in bins.itertuples()))
    out.print(f"  {ev.n_test} test days from {_cell(ev.split_day)} (de-escalation rate {ev.test_rate:.2f}); "
              f"fitted on {ev.n_train} earlier days")
    out.print(f"  trained on: {escape(str(f.trained_on))}")
