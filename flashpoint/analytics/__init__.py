"""Escalation analytics: pure functions over a pandas DataFrame of merged events.

The frame is what :meth:`flashpoint.store.Store.events` returns; nothing here
writes to the store or imports the coder. Modules, from the bottom up:

``dyads``        checking an events frame, picking out a direction of a pair
``severity``     the severity ladder (``resources/severity.tsv``) and event rungs
``series``       directed-dyad series per day or week
``reciprocity``  tit-for-tat moves, responses, chains and their proportionality
``changepoints`` level shifts in a severity series (PELT, ``pelt``: ruptures' L2 on cumulative sums)
``synthetic``    synthetic dyad histories from a documented process
``forecast``     the de-escalation model, its baselines and scores
``pairdays``, ``forecaster``, ``baselines``, ``backtest``  the no-conflict forecaster and its scorecard
``no_conflict``  that forecaster's answer on the report's day (what ``escalation`` shows when it can)
``report``       :func:`escalation_report`, the one call front ends make

See ``docs/analytics.md``.
"""
from __future__ import annotations

from .changepoints import change_points, dyad_change_points
from .dyads import AnalysisError, fold_sides
from .no_conflict import NoConflictForecast
from .reciprocity import Exchanges, retaliation, tit_for_tat
from .report import EscalationReport, Forecast, escalation_report, forecast_dyad
from .series import dyad_series, recent_trend, summarise
from .severity import daily_severity, load_ladder, rungs

__all__ = ["AnalysisError", "EscalationReport", "Exchanges", "Forecast", "NoConflictForecast", "change_points", "daily_severity",
           "dyad_change_points", "dyad_series", "escalation_report", "fold_sides", "forecast_dyad", "load_ladder",
           "recent_trend", "retaliation", "rungs", "summarise", "tit_for_tat"]
