"""Tit-for-tat: who answers whom, how fast, and whether the answer is proportionate.

The unit is a *move*: one side's most severe hostile event (rung >= 1) against the
other on one day (ties: more sources, then the smaller event id). A move by B against
A on day d *responds* to A's most severe move against B that came on an earlier day, at
most ``window`` days before, and after B's own previous move (B has not answered it
yet). Responses are linked by type as well as timing: a material move (sanction or
worse, rung >= ``MATERIAL``) answers what came after B's previous *material* move, since
words do not answer an act in kind ("vowed revenge" on 5 January, missiles on 8 January:
the missiles answer the killing of 3 January, not the threats in between). Moves on the
same day by both sides cannot be ordered, so neither answers the other. A provocation is
answered at most once in words and once in acts; responses link moves into *chains*
(A, B, A, ...).

``proportionality = rung(response) - rung(provocation)``: within ``tolerance``
rungs it is *proportionate*, above *escalatory*, below *de-escalatory*.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import pandas as pd

from .dyads import AnalysisError, as_day, between, directed, usable
from .series import direction_name
from .severity import HOSTILE, MATERIAL, rungs

LINK_COLUMNS = ["chain", "step", "provocation_date", "provocation_direction", "provocation_rung",
                "provocation_cameo", "provocation_name", "provocation_event", "response_date",
                "response_direction", "response_rung", "response_cameo", "response_name", "response_event",
                "lag_days", "proportionality", "label", "provocation_evidence", "response_evidence",
                "response_framing"]
CHAIN_COLUMNS = ["chain", "start", "end", "initiator", "moves", "escalatory", "proportionate",
                 "de-escalatory", "first_rung", "last_rung", "max_rung", "net"]


@dataclass(frozen=True)
class Exchanges:
    """The moves of a pair, the responses linking them, and the chains they form."""

    moves: pd.DataFrame
    links: pd.DataFrame
    chains: pd.DataFrame


def move_frame(events: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Hostile events of the pair as rows (date, direction, rung, cameo, event_id, sources)."""
    parts = []
    for src, tgt in ((a, b), (b, a)):
        part = directed(events, src, tgt)
        parts.append(pd.DataFrame({
            "date": part["date"], "direction": direction_name(src, tgt), "rung": rungs(part),
            "cameo": part["cameo"] if "cameo" in part.columns else None,
            "event_id": part["event_id"] if "event_id" in part.columns else part.index.astype(str),
            "sources": part["source_count"] if "source_count" in part.columns else 1,
            "evidence": part["evidence_text"] if "evidence_text" in part.columns else None}))
    frame = pd.concat(parts, ignore_index=True)
    return frame[frame["rung"] >= HOSTILE]


def best_moves(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The most severe row per group of ``keys`` (ties: more sources, then smaller event id)."""
    frame = frame.sort_values([*keys, "rung", "sources", "event_id"],
                              ascending=[True] * len(keys) + [False, False, True])
    groups = frame.groupby(keys, sort=False)
    best = frame.loc[groups.head(1).index].copy()
    best["events"] = groups["rung"].transform("size").loc[best.index]
    return best.drop(columns="sources").sort_values(keys, ignore_index=True)


def moves(events: pd.DataFrame, a: str, b: str, *, start: object = None, end: object = None) -> pd.DataFrame:
    """Each side's daily most severe hostile event against the other, sorted by date."""
    ev = between(usable(events), as_day(start, what="start"), as_day(end, what="end"))
    return best_moves(move_frame(ev, a, b), ["date", "direction"])


def respond(moves_: pd.DataFrame, *, window: int = 10) -> pd.Series:
    """For each move, the index of the move it responds to (-1 for none)."""
    if window < 1:
        raise AnalysisError(f"window must be at least one day, not {window}", where="window",
                            fix="give the number of days a response may follow its provocation")
    dates, dirs, rung = list(moves_["date"]), list(moves_["direction"]), list(moves_["rung"])
    done: dict[str, list[int]] = {}    # direction -> positions of its moves on earlier days
    acted: dict[str, int] = {}         # direction -> position of its last material move on an earlier day
    parent = [-1] * len(dates)
    today: list[int] = []
    for i, (day, side) in enumerate(zip(dates, dirs)):
        if today and dates[today[0]] != day:
            for j in today:
                done.setdefault(dirs[j], []).append(j)
                if rung[j] >= MATERIAL:
                    acted[dirs[j]] = j
            today = []
        today.append(i)
        if rung[i] >= MATERIAL:
            own_last = acted.get(side)
        else:
            own = done.get(side)
            own_last = own[-1] if own else None
        since = dates[own_last] if own_last is not None else None
        best = -1
        for j in reversed(next((v for d, v in done.items() if d != side), [])):
            if (day - dates[j]).days > window or (since is not None and dates[j] <= since):
                break
            if best < 0 or rung[j] > rung[best]:
                best = j
        parent[i] = best
    return pd.Series([moves_.index[p] if p >= 0 else -1 for p in parent], index=moves_.index)


def label(diff: float, *, tolerance: int = 0) -> str:
    if diff > tolerance:
        return "escalatory"
    if diff < -tolerance:
        return "de-escalatory"
    return "proportionate"


def cameo_names(codes: pd.Series) -> pd.Series:
    """The CAMEO codebook's name of each code (None for a missing or unknown code)."""
    from ..formats.common import cameo_table

    table = cameo_table()
    names = dict(zip(table.column("code").to_pylist(), table.column("name").to_pylist()))
    return codes.map(lambda c: names.get(c) if isinstance(c, str) else None).astype("object")


def _links(mv: pd.DataFrame, tolerance: int) -> pd.DataFrame:
    cols = ["date", "direction", "rung", "cameo", "event_id", "evidence"]
    resp = mv[mv["responds_to"] >= 0]
    prov = mv.loc[resp["responds_to"], cols].set_axis(resp.index)
    out = pd.concat([prov.add_prefix("provocation_"), resp[cols].add_prefix("response_")], axis=1)
    out = out.rename(columns={"provocation_event_id": "provocation_event", "response_event_id": "response_event"})
    out["chain"] = resp["chain"]
    out["step"] = out.groupby("chain").cumcount() + 1
    out["lag_days"] = (out["response_date"] - out["provocation_date"]).dt.days.astype(int)
    out["proportionality"] = (out["response_rung"] - out["provocation_rung"]).astype(float)
    out["label"] = [label(d, tolerance=tolerance) for d in out["proportionality"]]
    for side in ("provocation", "response"):
        out[f"{side}_name"] = cameo_names(out[f"{side}_cameo"])
    out["response_framing"] = [framing(t) for t in out["response_evidence"]]
    return out.reset_index(drop=True)[LINK_COLUMNS]


FRAMING = re.compile(r"\b(retaliat\w*|revenge\w*|aveng\w*|reprisal\w*|(?:in )?respon(?:se|ded|d) to"
                     r"|(?:dis)?proportion(?:ate|al)\w*|punish\w*|tit[- ]for[- ]tat|answer(?:ed)? to)\b", re.I)


def framing(text: object) -> str | None:
    """The words of a coded text that frame an act as a reply ("retaliation", "revenge", "in response
    to", "proportionate"), lower-cased and joined by ', '; None when there are none."""
    if not isinstance(text, str):
        return None
    found = dict.fromkeys(m.group(0).lower() for m in FRAMING.finditer(text))
    return ", ".join(found) or None


SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


def telling_sentences(rows: Iterable[tuple[str, str | None, str | None, bool]]) -> dict[str, list[str]]:
    """Per event, the sentences of its reports that may tell how the act was framed.

    ``rows`` are (event id, trigger, text, is_document) as :meth:`flashpoint.store.Store.report_texts`
    gives them: the evidence of each mention by the same side in a document that reports the event
    (the act told again: "launched the missiles to avenge ..."), and each such document's whole text,
    of which only the sentences holding one of the event's trigger words are kept ("the sanctions
    were a response to ..."), so that a reply to some other act in the same story is not read."""
    out: dict[str, list[str]] = {}
    for event_id, trigger, text, whole in rows:
        if not isinstance(text, str) or not text:
            continue
        if not whole:
            out.setdefault(event_id, []).append(text)
            continue
        word = (trigger or "").strip().lower()
        if not word:
            continue
        pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.I)
        out.setdefault(event_id, []).extend(s for s in SENTENCE_END.split(text) if pattern.search(s))
    return out


def reframe(exchanges: Exchanges, reports: Mapping[str, Sequence[str]]) -> Exchanges:
    """``exchanges`` with each response's framing read from its own evidence and from ``reports``
    (event id -> more sentences that tell that response, e.g. :func:`telling_sentences`)."""
    links = exchanges.links.copy()
    texts = [" ".join(t for t in (own, *reports.get(eid, ())) if isinstance(t, str))
             for own, eid in zip(links["response_evidence"], links["response_event"])]
    links["response_framing"] = [framing(t) for t in texts]
    return replace(exchanges, links=links)


def _chains(mv: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    groups = mv.groupby("chain", sort=True)
    out = groups.agg(start=("date", "min"), end=("date", "max"), initiator=("direction", "first"),
                     moves=("rung", "size"), first_rung=("rung", "first"), last_rung=("rung", "last"),
                     max_rung=("rung", "max"))
    out = out[out["moves"] >= 2]
    counts = pd.crosstab(links["chain"], links["label"]) if len(links) else pd.DataFrame()
    for name in ("escalatory", "proportionate", "de-escalatory"):
        out[name] = counts[name].reindex(out.index, fill_value=0).astype(int) if name in counts else 0
    out["net"] = out["last_rung"] - out["first_rung"]
    return out.reset_index()[CHAIN_COLUMNS]


def linked_moves(mv: pd.DataFrame, *, window: int = 10) -> pd.DataFrame:
    """``mv`` (from :func:`moves`) with ``responds_to`` (index of the provocation, -1) and ``chain``."""
    parent = respond(mv, window=window)
    root: dict[int, int] = {}
    for i, p in zip(mv.index, parent):
        root[i] = root[p] if p >= 0 else i
    numbers = {r: n for n, r in enumerate(sorted(set(root.values())), 1)}
    return mv.assign(responds_to=parent, chain=[numbers[root[i]] for i in mv.index])


def tit_for_tat(events: pd.DataFrame, a: str, b: str, *, window: int = 10, tolerance: int = 0,
                start: object = None, end: object = None) -> Exchanges:
    """Moves, responses and chains of the pair ``a``/``b`` (see the module docstring).

    Chains are numbered from 1 in order of their first move; a move that neither
    answers nor is answered is a chain of one and is listed only in ``moves``.
    """
    mv = linked_moves(moves(events, a, b, start=start, end=end), window=window)
    links = _links(mv, tolerance)
    return Exchanges(moves=mv, links=links, chains=_chains(mv, links))


def retaliation(exchanges: Exchanges) -> pd.DataFrame:
    """Per responding side: responses, their mean proportionality and lag, and how many escalated."""
    links = exchanges.links
    if links.empty:
        return pd.DataFrame(columns=["responder", "responses", "mean_proportionality", "mean_lag_days",
                                     "escalatory", "proportionate", "de-escalatory"])
    out = links.groupby("response_direction").agg(
        responses=("label", "size"), mean_proportionality=("proportionality", "mean"),
        mean_lag_days=("lag_days", "mean"),
        escalatory=("label", lambda s: int((s == "escalatory").sum())),
        proportionate=("label", lambda s: int((s == "proportionate").sum())),
        **{"de-escalatory": ("label", lambda s: int((s == "de-escalatory").sum()))})
    return out.reset_index().rename(columns={"response_direction": "responder"})
