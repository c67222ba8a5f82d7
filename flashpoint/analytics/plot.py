"""Pictures: the escalation of a dyad, and the calibration of a backtest (matplotlib, Agg).

Both functions draw from the result objects the analysis already returns
(:class:`.report.EscalationReport`, :class:`.backtest.DyadBacktest`) and write a PNG (to a
file, or :func:`escalation_png` to bytes for the web server); nothing is recomputed here.

Figures are made with ``matplotlib.figure.Figure`` and drawn by the Agg canvas, not through
``pyplot``: pyplot keeps the open figures in one global registry (and picks a backend for the
whole process), which threads of a server must not share. Drawing still goes through one lock
(:data:`DRAWING`), since matplotlib does not promise that two figures can be drawn in two threads
at once; a picture is CPU work under the interpreter lock anyway, so the lock costs no throughput.
"""
from __future__ import annotations

import io
import threading
from pathlib import Path
from typing import IO, Any

import pandas as pd

from .dyads import AnalysisError

COLORS = ("tab:red", "tab:blue", "tab:gray")
DRAWING = threading.Lock()      # one picture drawn at a time in this process


def _figure(**options: Any) -> Any:
    """A figure of its own (no pyplot, no global registry), drawn by the Agg canvas."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(**options)
    FigureCanvasAgg(fig)
    return fig


def _save(fig: Any, path: str | Path) -> None:
    p = Path(path)
    if p.suffix.lower() != ".png":
        raise AnalysisError(f"cannot write a picture to {p.name}", where=str(p), fix="give a file name ending in .png")
    try:
        fig.savefig(p, dpi=110, bbox_inches="tight")
    except OSError as err:
        raise AnalysisError(f"cannot write the picture: {err}", where=str(p), fix="check the folder exists") from None


def _png(fig: Any, out: IO[bytes]) -> None:
    fig.savefig(out, format="png", dpi=110, bbox_inches="tight")


def escalation_plot(report: Any, path: str | Path) -> None:
    """Severity and counts over time by direction, change points, the main chain links and the forecast,
    written to ``path`` (a .png file)."""
    with DRAWING:
        _save(_escalation_figure(report), path)


def escalation_png(report: Any) -> bytes:
    """The picture of :func:`escalation_plot` as PNG bytes (nothing written to disk)."""
    out = io.BytesIO()
    with DRAWING:
        _png(_escalation_figure(report), out)
    return out.getvalue()


def _escalation_figure(report: Any) -> Any:
    fig = _figure(figsize=(11, 6.5))
    sev, cnt = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [3, 2]})
    series = report.series
    directions = list(dict.fromkeys(series["direction"]))
    bottom = pd.Series(0.0, index=pd.DatetimeIndex(sorted(series["period"].unique())))
    for k, name in enumerate(directions):
        part = series[series["direction"] == name].set_index("period").sort_index()
        color = COLORS[k % len(COLORS)]
        sev.step(part.index, part["severity_max"], where="mid", color=color, label=f"{name} highest rung")
        hostile = part["verbal_conflict"] + part["material_conflict"]
        # stacked steps, one shape per direction: a bar per period took seconds over ten years of days
        low = bottom.reindex(part.index).to_numpy()
        cnt.fill_between(part.index, low, low + hostile.to_numpy(), step="mid", color=color, alpha=0.8,
                         linewidth=0, label=f"{name} conflict events")
        bottom = bottom.add(hostile, fill_value=0.0)
    coop = series.groupby("period")[["verbal_coop", "material_coop"]].sum().sum(axis=1)
    cnt.plot(coop.index, coop.to_numpy(), color="tab:green", lw=1, label="cooperative events (both)")
    _change_points(sev, report.change_points)
    _links(sev, report.exchanges.links, directions)
    _forecast(sev, report)
    sev.set_ylabel("severity (ladder rung)")
    cnt.set_ylabel("events per " + ("day" if report.freq == "D" else "week"))
    sev.set_title(f"{report.source} and {report.target}, to {report.as_of.date()}")
    sev.legend(loc="upper left", fontsize=8)
    cnt.legend(loc="upper left", fontsize=8)
    fig.autofmt_xdate()
    return fig


def _change_points(ax: Any, cps: pd.DataFrame) -> None:
    shown = False
    for row in cps.itertuples(index=False):
        ax.axvline(pd.Timestamp(row.date), color="black", ls="--", lw=0.8,
                   label=None if shown else "change point")
        shown = True


def _links(ax: Any, links: pd.DataFrame, directions: list[str], *, top: int = 12) -> None:
    """Arrows from provocation to response for the ``top`` links with the highest response rungs."""
    if links.empty:
        return
    main = links.sort_values(["response_rung", "response_date"], ascending=[False, True]).head(top)
    for row in main.itertuples(index=False):
        ax.annotate("", xy=(pd.Timestamp(row.response_date), row.response_rung),
                    xytext=(pd.Timestamp(row.provocation_date), row.provocation_rung),
                    arrowprops={"arrowstyle": "->", "color": "tab:purple", "lw": 1.0, "alpha": 0.8})
    ax.plot([], [], color="tab:purple", label=f"response links (top {min(top, len(links))} by rung)")


def _forecast(ax: Any, report: Any) -> None:
    nc, f = report.no_conflict, report.forecast
    if nc is not None:                  # the backtested forecaster answered
        f, text = nc, (f"P(no material conflict within {nc.horizon} d) = {nc.probability:.2f}\n(climatology "
                       f"{nc.baselines['climatology']:.2f}; backtested forecaster)")
    elif f is None:
        return
    else:
        text = (f"P(de-escalation within {f.horizon} d) = {f.probability:.2f}" if f.probability is not None
                else f"no forecast: {f.reason}")
    ax.axvspan(f.as_of, f.as_of + pd.Timedelta(days=f.horizon), color="gold", alpha=0.3, label="forecast window")
    ax.text(0.99, 0.97, text, transform=ax.transAxes, ha="right", va="top", fontsize=9,
            bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "gold"})


def calibration_plot(results: list[Any], path: str | Path) -> None:
    """Reliability diagram of each dyad's backtest: mean forecast against observed frequency, per bin."""
    with DRAWING:
        fig = _figure(figsize=(6, 6))
        _calibration(fig.subplots(), results)
        _save(fig, path)


def _calibration(ax: Any, results: list[Any]) -> None:
    ax.plot([0, 1], [0, 1], color="gray", lw=1, ls=":", label="perfect calibration")
    for r in results:
        bins = r.calibration[r.calibration["n"] > 0]
        ax.plot(bins["mean_predicted"], bins["observed"], marker="o", label=f"{'-'.join(r.dyad)} "
                f"(Brier {r.model['brier']:.3f}, n={r.scored})")
        for b in bins.itertuples(index=False):
            ax.annotate(str(b.n), (b.mean_predicted, b.observed), fontsize=7, textcoords="offset points",
                        xytext=(3, 3))
    first = results[0]
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.05)
    ax.set_xlabel(f"forecast P(no quad-class-{first.target} event in the next {first.horizon} days)")
    ax.set_ylabel("observed frequency")
    span = f"{first.forecasts['origin'].min().date()} to {first.forecasts['origin'].max().date()}"
    ax.set_title(f"Backtest calibration, horizon {first.horizon} days, origins {span}", fontsize=9)
    ax.legend(loc="lower right", fontsize=8)
    ax.set_aspect("equal")
