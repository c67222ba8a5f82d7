"""The severity ladder: an ordinal rung (0 cooperation ... 10 weapons of mass destruction) per event.

Goldstein puts most violence at -10, so a rifle exchange and an air campaign look
alike. The ladder (``flashpoint/resources/severity.tsv``, read once and cached)
spreads conflict over ten rungs. An event's base rung comes from its CAMEO code
(longest matching prefix), else its PLOVER type and mode, else its quad class.
Two magnitude modifiers add one rung each (never above the top rung):

``leader``
    an assassination (CAMEO 186, PLOVER ASSAULT/assassinate) whose target is a
    government or military actor (target sector GOV or MIL);
``homeland``
    coercion or violence (base rung >= 6) by one country against another, on the
    target country's own territory (``place_country`` equals ``target_country``).

Everything here is a pure function of the events frame.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from ..errors import ResourceError
from ..resources import read_tsv

TABLE = "severity.tsv"
TOP = 10
HOSTILE = 1        # the lowest conflict rung: what tit-for-tat chains and forecasts count
MATERIAL = 4       # the lowest material-conflict rung (sanction and above)
LEADER_SECTORS = frozenset({"GOV", "MIL"})


@dataclass(frozen=True)
class Ladder:
    """The parsed severity table."""

    names: dict[int, str]                       # rung -> short name
    cameo: dict[str, int]                       # CAMEO code or prefix -> rung
    plover: dict[tuple[str, str], int]          # (type, mode or '') -> rung
    quad: dict[int, int]                        # quad class -> rung

    def rung_name(self, rung: float | int | None) -> str:
        if rung is None or pd.isna(rung):
            return "unrated"
        return self.names.get(int(rung), str(rung))


@lru_cache(maxsize=4)
def load_ladder(path: str = TABLE) -> Ladder:
    """Read the ladder table (the packaged one unless a path is given)."""
    names: dict[int, str] = {}
    cameo: dict[str, int] = {}
    plover: dict[tuple[str, str], int] = {}
    quad: dict[int, int] = {}
    for i, row in enumerate(read_tsv(path, required=("scheme", "code", "mode", "rung", "label")), 1):
        try:
            rung = int(row["rung"])
        except ValueError:
            raise ResourceError(f"rung {row['rung']!r} is not a whole number", where=f"{path} row {i}",
                                fix=f"give rungs 0-{TOP}") from None
        if not 0 <= rung <= TOP:
            raise ResourceError(f"rung {rung} is outside 0-{TOP}", where=f"{path} row {i}", fix="fix the rung")
        scheme, code = row["scheme"], row["code"]
        if scheme == "rung":
            names[rung] = row["label"]
        elif scheme == "cameo":
            cameo[code] = rung
        elif scheme == "plover":
            plover[(code.upper(), row["mode"])] = rung
        elif scheme == "quad":
            quad[int(code)] = rung
        else:
            raise ResourceError(f"unknown scheme {scheme!r}", where=f"{path} row {i}",
                                fix="use rung, cameo, plover or quad")
    return Ladder(names, cameo, plover, quad)


def cameo_rung(code: object, ladder: Ladder) -> float:
    """The rung of a CAMEO code by its longest listed prefix; NaN when none matches."""
    if code is None or pd.isna(code):
        return np.nan
    text = str(code).strip()
    for n in range(len(text), 1, -1):
        if text[:n] in ladder.cameo:
            return float(ladder.cameo[text[:n]])
    return np.nan


def plover_rung(kind: object, mode: object, ladder: Ladder) -> float:
    """The rung of a PLOVER type and mode (the type's own row when the mode is not listed)."""
    if kind is None or pd.isna(kind):
        return np.nan
    kind = str(kind).upper()
    mode = "" if mode is None or pd.isna(mode) else str(mode)
    rung = ladder.plover.get((kind, mode), ladder.plover.get((kind, "")))
    return np.nan if rung is None else float(rung)


def _column(events: pd.DataFrame, name: str) -> pd.Series:
    return events[name] if name in events.columns else pd.Series(None, index=events.index, dtype=object)


def base_rungs(events: pd.DataFrame, *, ladder: Ladder | None = None) -> pd.Series:
    """Each event's rung before modifiers (NaN when no code, type or quad rates it)."""
    ladder = ladder or load_ladder()
    cameo = _column(events, "cameo").astype("object")
    table = {c: cameo_rung(c, ladder) for c in cameo.dropna().unique()}   # few distinct codes
    rungs = cameo.map(table).astype(float)
    todo = rungs.isna()
    if todo.any():
        kinds, modes = _column(events, "plover_type")[todo], _column(events, "plover_mode")[todo]
        rungs[todo] = [plover_rung(k, m, ladder) for k, m in zip(kinds, modes)]
    todo = rungs.isna()
    if todo.any():
        quads = pd.to_numeric(_column(events, "quad_class")[todo], errors="coerce").astype(float)  # NA -> NaN
        rungs[todo] = quads.map(lambda q: ladder.quad.get(int(q), np.nan) if pd.notna(q) else np.nan)
    return rungs


def modifiers(events: pd.DataFrame, base: pd.Series) -> pd.DataFrame:
    """Boolean columns ``leader`` and ``homeland``: which magnitude modifiers apply to each event."""
    cameo, mode, kind, target_sector = (_texts(events, c) for c in ("cameo", "plover_mode", "plover_type",
                                                                     "target_sector"))
    assassination = np.char.startswith(cameo, "186") | (
        (cameo == "") & (np.char.upper(kind) == "ASSAULT") & (mode == "assassinate"))
    leader = assassination & np.isin(target_sector, list(LEADER_SECTORS))
    src, tgt, place = (_texts(events, c) for c in ("source_country", "target_country", "place_country"))
    homeland = (base.to_numpy(dtype=float) >= 6) & (src != "") & (tgt != "") & (src != tgt) & (place == tgt)
    return pd.DataFrame({"leader": leader, "homeland": homeland}, index=events.index)


def _texts(events: pd.DataFrame, name: str) -> np.ndarray:
    """A text column as a NumPy string array, '' where missing (or where the frame lacks it)."""
    if name not in events.columns:
        return np.full(len(events), "")
    return events[name].to_numpy(dtype=object, na_value="").astype(str)


def rungs(events: pd.DataFrame, *, ladder: Ladder | None = None, modify: bool = True) -> pd.Series:
    """Each event's severity rung, with the magnitude modifiers unless ``modify=False``."""
    base = base_rungs(events, ladder=ladder)
    if not modify or events.empty:
        return base
    bump = modifiers(events, base).sum(axis=1)
    return (base + bump.where(base.notna(), 0)).clip(upper=TOP)


def daily_severity(events: pd.DataFrame, *, ladder: Ladder | None = None) -> pd.DataFrame:
    """Per day: the highest rung (``severity_max``) and the sum of rungs (``severity_sum``).

    ``events`` must already be the events to count (see :func:`..dyads.usable`);
    unrated events are left out. Days without events do not appear.
    """
    r = rungs(events, ladder=ladder)
    frame = pd.DataFrame({"date": events["date"], "rung": r}).dropna(subset=["rung"])
    out = frame.groupby("date")["rung"].agg(severity_max="max", severity_sum="sum")
    return out
