"""CAMEO roots of violence and of verbal clashes by what the clause names (issue 13), beside
:mod:`.means` (bombings). Measured one by one; switched by FP_ROOTS while measuring.
"""
from __future__ import annotations

import os
from typing import Any

from ..model import Actor
from .armed import ARMED_SECTORS
from .means import means_phrases

VIOLENT = frozenset({"18", "180", "182", "183", "19", "190", "193", "194", "195"})
CHEMICAL = frozenset({"chemical", "biological", "nerve", "sarin", "chlorine", "mustard", "vx", "radiological",
                      "toxic", "poison", "anthrax", "novichok"})
INCENDIARY = frozenset({"napalm", "phosphorus"})
MASS_KILLING = {"massacre": "202", "genocide": "202", "cleansing": "203"}
LIGHT_ARMS = frozenset({"knife", "knives", "rock", "rocks", "stone", "stones", "machete", "stoning"})
VEHICLE_WORDS = frozenset({"car", "truck", "lorry", "vehicle", "van", "bus"})
MILITIA = frozenset({"shabiha", "shabbiha"})
PROTESTERS = frozenset({"protester", "protesters", "protestor", "protestors", "demonstrator", "demonstrators"})
FIGHT_WORDS = frozenset({"kill", "killed", "wound", "wounded", "injure", "injured", "dead", "die", "death",
                         "casualty", "casualties", "fighting", "fight", "gun", "gunfire", "weapon", "weapons",
                         "armed", "fire", "shot", "shoot", "troops", "soldier", "soldiers", "forces",
                         "rebels", "fighters", "militants", "police", "army", "rocket", "rockets", "missile",
                         "artillery", "tank", "tanks", "clashes", "battle", "militia", "militias", "gunmen"})


def _on(name: str) -> bool:
    return name in os.environ.get("FP_ROOTS", "").split(",")


def _words(phrases: list[list[Any]]) -> set[str]:
    return {w for p in phrases for t in p for w in (t.lemma_.lower(), t.lower_)}


def weapon_code(tok: Any, code: str) -> str | None:
    lemma = tok.lemma_.lower()
    using = code == "175" and lemma in {"use", "employ", "launch", "carry", "conduct"}
    if code not in VIOLENT and not using:
        return None
    words = _words(means_phrases(tok))
    if _on("chem") and words & CHEMICAL and "tear" not in words:
        return "2041"
    if _on("mass"):
        if words & INCENDIARY:
            return "200"
        for w, c in MASS_KILLING.items():
            if w in words and (w != "cleansing" or "ethnic" in words):
                return c
    if _on("light") and code in VIOLENT:
        if words & LIGHT_ARMS or lemma == "stone":
            return "180"
        if {"run", "over"} <= words or lemma == "ram" and words & VEHICLE_WORDS:
            return "180"
        if tok.pos_ == "NOUN" and any(c.lower_ in {"terrorist", "terror"} for c in tok.children):
            return "180"  # 'a terrorist attack'

    return None


def _doers(tok: Any) -> list[Any]:
    """The nouns that do the act: the agent of a passive, else the subject (and their modifiers)."""
    out = [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    return out or [c for c in tok.children if c.dep_ == "nsubj"]


def repression_code(tok: Any, code: str, source: Actor | None, target: Actor | None) -> str | None:
    if not _on("repr") or code not in VIOLENT or target is not None and target.sector in ARMED_SECTORS:
        return None
    for doer in _doers(tok):
        words = {t.lower_ for t in doer.subtree}
        if words & MILITIA or words & {"militia", "militias"} and words & {"regime", "pro-government"}:
            return "175"  # 'mistreated by the regime militias'
    victims = {t.lower_ for c in tok.children if c.dep_ in {"dobj", "nsubjpass"} for t in c.subtree}
    if victims & PROTESTERS and not (source is not None and source.sector in {"REB", "IMG", "INS"}):
        return "175"  # 'police shot protesters'
    return None


def clash_code(tok: Any, code: str, source: Actor | None, target: Actor | None) -> str | None:
    if not _on("clash") or tok.lemma_.lower() != "clash" or tok.pos_ != "VERB" or code[:2] not in {"19", "18"}:
        return None
    if any(a is not None and a.sector in ARMED_SECTORS for a in (source, target)):
        return None
    if {w for t in tok.sent for w in (t.lemma_.lower(), t.lower_)} & FIGHT_WORDS:
        return None
    return "110"


def root_code(tok: Any, code: str, source: Actor | None, target: Actor | None) -> str:
    return (clash_code(tok, code, source, target) or weapon_code(tok, code)
            or repression_code(tok, code, source, target) or code)
