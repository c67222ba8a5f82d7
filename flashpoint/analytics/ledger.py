"""The deterrence ledger: every threat between two sides and what followed it.

A **threat** is an event of the dyad (either direction) that is a threat made (CAMEO
13x, or PLOVER THREATEN without CAMEO; it happened) or an act reported as threatened
(``modality`` 'threatened': "vowed to strike", with the act's own code). For each, by
``S`` (the threatener) against ``R`` (the threatened), on day ``d``:

``what``
    the act threatened and its rung on the severity ladder (:mod:`.severity`): the
    threatened act's own rung; for CAMEO 138x/139 the *assault* rung (7), 137 *coerce*
    (6), 131-136 *sanction* (4); for an unspecified threat (130) the rung of a word in
    the text outside its condition: force words ("strike", "attack", "bomb", "war",
    "military", "missile", "destroy", "retaliat", "revenge") give 7, "sanction",
    "embargo", "tariff" give 4; otherwise unknown.
``condition``
    the clause of the coded text from "if" or "unless" to the next punctuation, if any.
``defied``
    the first act of material conflict (quad class 4) by ``R`` after ``d`` and within
    ``window`` days: against ``S`` (the deterred act happened anyway), else, when the
    caller passes ``outside`` (``R``'s events against others), against a third party or
    no coded target (``defied_outside`` true: the coder may have missed that ``S`` was
    the target; read the text).
``response``
    ``S``'s most severe act at the material rungs (4, sanction, and above) against ``R``
    after ``d`` (after the defiance, when there was one) and within the window.
``outcome``
    *carried out* (a response at or above the threatened rung, or any material response
    when that rung is unknown), *scaled down* (a response below it), or *lapsed* (none).
"""
from __future__ import annotations

import dataclasses
import re
from typing import Any

import numpy as np
import pandas as pd

from .dyads import directed, usable
from .reciprocity import cameo_names
from .severity import MATERIAL, rungs

WINDOW_DAYS = 14
FORCE = 7
CODE_RUNGS = (("138", FORCE), ("139", FORCE), ("137", 6), ("131", 4), ("132", 4), ("133", 4), ("134", 4),
              ("135", 4), ("136", 4))
FORCE_WORDS = re.compile(r"\b(strik|attack|bomb|war\b|military|missile|destroy|retaliat|revenge|invad)", re.I)
SANCTION_WORDS = re.compile(r"\b(sanction|embargo|tariff)", re.I)
CONDITION = re.compile(r"\b(?i:if|unless)\b.*?(?=[,;:]|\.\s+[A-Z]|\.?$)")   # "U.S. assets" goes on
COLUMNS = ("date", "threatener", "threatened", "cameo", "threat_name", "threatened_rung", "condition",
           "evidence_text", "defied_date", "defied_by", "defied_target", "defied_outside", "response_date",
           "response_cameo", "response_name", "response_rung", "outcome", "event_id")


def condition_of(text: object) -> str | None:
    m = CONDITION.search(text) if isinstance(text, str) else None
    return m.group(0).strip() if m else None


def threatened_rung(row: pd.Series | dict[str, Any], own_rung: float) -> float:
    """The rung of the act threatened (see the module docstring); NaN when unknown."""
    if row.get("modality") == "threatened":
        return own_rung
    code = row.get("cameo") if isinstance(row.get("cameo"), str) else ""
    for prefix, rung in CODE_RUNGS:
        if code.startswith(prefix):
            return float(rung)
    text = row.get("evidence_text") if isinstance(row.get("evidence_text"), str) else ""
    text = CONDITION.sub("", text)
    if FORCE_WORDS.search(text):
        return float(FORCE)
    if SANCTION_WORDS.search(text):
        return 4.0
    return float("nan")


def threats(events: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """The dyad's threats, both directions, with ``threatener``/``threatened`` columns, by date."""
    parts = []
    for s, r in ((a, b), (b, a)):
        ev = directed(events, s, r)
        ev = ev[ev["date"].notna()]
        if "date_precision" in ev.columns:
            ev = ev[ev["date_precision"].isna() | ev["date_precision"].isin(["day", "unknown"])]
        cameo = ev["cameo"].fillna("").astype(str) if "cameo" in ev.columns else pd.Series("", index=ev.index)
        plover = ev["plover_type"] if "plover_type" in ev.columns else pd.Series(None, index=ev.index)
        happened = ev["happened"].fillna(False).astype(bool) if "happened" in ev.columns else True
        modality = ev["modality"] if "modality" in ev.columns else pd.Series(None, index=ev.index)
        made = happened & (cameo.str.startswith("13") | ((cameo == "") & (plover == "THREATEN")))
        parts.append(ev[made | (modality == "threatened")].assign(threatener=s, threatened=r))
    out = pd.concat(parts) if parts else events.iloc[:0]
    return out.assign(date=pd.to_datetime(out["date"]).dt.normalize()).sort_values("date", kind="stable")


class _Timeline:
    """Rows of one kind of act in date order, for the first one or the strongest one inside a
    window found by binary search (a ledger of many threats stays linear in the events)."""

    def __init__(self, acts: pd.DataFrame):
        acts = acts.sort_values("date", kind="stable")
        self.dates = acts["date"].to_numpy()
        self.rungs = acts["rung"].to_numpy(dtype=float)
        self.columns = {c: acts[c].to_numpy(dtype=object) for c in ("cameo", "tgt") if c in acts.columns}

    def _bounds(self, after: pd.Timestamp, until: pd.Timestamp) -> tuple[int, int]:
        lo = int(np.searchsorted(self.dates, after.to_datetime64(), side="right"))
        return lo, int(np.searchsorted(self.dates, until.to_datetime64(), side="right"))

    def _row(self, i: int) -> dict[str, Any]:
        """The act at position ``i``: its date, rung, CAMEO code and target (plain values, no pandas row)."""
        return {"date": pd.Timestamp(self.dates[i]), "rung": float(self.rungs[i]),
                **{c: v[i] for c, v in self.columns.items()}}

    def first(self, after: pd.Timestamp, until: pd.Timestamp) -> dict[str, Any] | None:
        """The earliest act after ``after`` up to ``until``."""
        lo, hi = self._bounds(after, until)
        return self._row(lo) if lo < hi else None

    def strongest(self, after: pd.Timestamp, until: pd.Timestamp) -> dict[str, Any] | None:
        """The highest-rung act in the window, the earliest of equals."""
        lo, hi = self._bounds(after, until)
        return self._row(lo + int(np.argmax(self.rungs[lo:hi]))) if lo < hi else None


@dataclasses.dataclass
class _Sides:
    """The acts a ledger entry reads (``hostile``: the dyad's; ``outside``: the sides' against
    others), each selection made once and kept as a timeline."""

    hostile: pd.DataFrame
    outside: pd.DataFrame | None
    cache: dict[tuple[str, ...], _Timeline] = dataclasses.field(default_factory=dict)

    def _timeline(self, key: tuple[str, ...], frame: pd.DataFrame, mask: Any) -> _Timeline:
        if key not in self.cache:
            self.cache[key] = _Timeline(frame[mask(frame)])
        return self.cache[key]

    def material_by(self, r: str) -> _Timeline:
        """r's material acts against the other side of the dyad."""
        return self._timeline(("in", r), self.hostile, lambda h: (h["src"] == r) & (h["quad_class"] == 4))

    def material_elsewhere(self, r: str, s: str) -> _Timeline:
        """r's material acts against anyone but s (``outside`` must be given)."""
        assert self.outside is not None
        return self._timeline(("out", r, s), self.outside,
                              lambda o: (o["src"] == r) & (o["tgt"] != s) & (o["quad_class"] == 4))

    def responses_by(self, s: str) -> _Timeline:
        """s's acts of sanction or worse against the other side."""
        return self._timeline(("resp", s), self.hostile, lambda h: (h["src"] == s) & (h["rung"] >= MATERIAL))


def _defiance(sides: _Sides, s: str, r: str, day: pd.Timestamp,
              until: pd.Timestamp) -> tuple[dict[str, Any] | None, bool]:
    hit = sides.material_by(r).first(day, until)
    if hit is not None or sides.outside is None or sides.outside.empty:
        return hit, False
    return sides.material_elsewhere(r, s).first(day, until), True


def _entry(t: dict[str, Any], own_rung: float, sides: _Sides, window: int) -> dict[str, object]:
    s, r, day = t["threatener"], t["threatened"], t["date"]
    until = day + pd.Timedelta(days=window)
    want = threatened_rung(t, own_rung)
    defied, off_dyad = _defiance(sides, s, r, day, until)
    after = defied["date"] if defied is not None else day
    best = sides.responses_by(s).strongest(after, until)
    if best is None:
        outcome = "lapsed"
    elif np.isnan(want) or best["rung"] >= want:
        outcome = "carried out"
    else:
        outcome = "scaled down"
    return {"date": day, "threatener": s, "threatened": r, "cameo": t.get("cameo"),
            "threatened_rung": want, "condition": condition_of(t.get("evidence_text")),
            "evidence_text": t.get("evidence_text"),
            "defied_date": None if defied is None else defied["date"],
            "defied_by": None if defied is None else defied.get("cameo"),
            "defied_target": None if defied is None else defied["tgt"],
            "defied_outside": bool(off_dyad and defied is not None),
            "response_date": None if best is None else best["date"],
            "response_cameo": None if best is None else best.get("cameo"),
            "response_rung": None if best is None else float(best["rung"]), "outcome": outcome,
            "event_id": t.get("event_id")}


def _acts(events: pd.DataFrame, *, rung: bool = True) -> pd.DataFrame:
    """Usable events with their sides (``src``, ``tgt``) and, when ``rung``, their rung (NaN without:
    defiance outside the dyad reads only the first material act, never its rung)."""
    from .dyads import side_key

    ev = usable(events)
    return ev.assign(src=side_key(ev, "source"), tgt=side_key(ev, "target").fillna("(none)"),
                     rung=rungs(ev) if rung else np.nan)


def deterrence_ledger(events: pd.DataFrame, a: str, b: str, *, window: int = WINDOW_DAYS,
                      outside: pd.DataFrame | None = None, start: object = None, end: object = None
                      ) -> pd.DataFrame:
    """One row per threat between ``a`` and ``b`` (columns :data:`COLUMNS`); see the module docstring.

    ``events`` must include events that did not happen (``happened`` False) for threatened acts
    to be found; ``outside`` holds the sides' acts against others (for defiance off the dyad).
    Threats are taken from ``start`` to ``end``; what follows them is read up to ``end``.
    """
    th = threats(events, a, b)
    if start is not None:
        th = th[th["date"] >= pd.Timestamp(start)]
    if end is not None:
        th = th[th["date"] <= pd.Timestamp(end)]
    if th.empty:
        return pd.DataFrame(columns=list(COLUMNS))
    hostile = _acts(pd.concat([directed(events, a, b), directed(events, b, a)]))
    hostile = hostile[hostile["rung"] >= 1]
    out_acts = None if outside is None else _acts(outside, rung=False)
    if end is not None:
        hostile = hostile[hostile["date"] <= pd.Timestamp(end)]
        out_acts = None if out_acts is None else out_acts[out_acts["date"] <= pd.Timestamp(end)]
    own = rungs(th)
    sides = _Sides(hostile, out_acts)
    rows = [_entry(t, float(r), sides, window) for t, r in zip(th.to_dict("records"), own.to_numpy(dtype=float))]
    frame = pd.DataFrame(rows)
    frame["threat_name"] = cameo_names(frame["cameo"])
    frame["response_name"] = cameo_names(frame["response_cameo"])
    return frame[list(COLUMNS)].reset_index(drop=True)
