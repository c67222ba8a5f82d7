"""Words of a sentence that say nothing of where an act's victims are.

The locate stage gives a violent act told with no target the country of the places its sentence
names (``stages/locate.py``, ``_victims``). Two structures name places that belong to someone
else than the victims:

- **The speakers of a reported act.** "Iranian officials denied that a missile hit the plane":
  the act lies in a clause that a verb of saying, denying or claiming governs; the words of that
  verb's subject ("Iranian officials") tell who speaks, not who was hit (:func:`speakers`).
- **A purpose clause the act serves.** "The raid was meant to deter Syrian incursions": an
  infinitive ("to deter ...") that the act's own words do not lie in tells what the act was for,
  not whom it struck (:func:`purposes`).

Each function gives character spans ``(start, end)``; a place starting in one is not the victims'.
"""
from __future__ import annotations

from typing import Any

SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# Dependencies by which a clause hangs on the verb of saying that governs it.
REPORTED = frozenset({"ccomp"})
# Verbs whose "to" complement says what something is for ("aimed to deter", "was meant to
# punish"), not an act done ("helped to evacuate", "began to shell").
AIMING = frozenset({"aim", "mean", "seek", "intend", "design", "want", "hope", "try", "attempt"})


def _span(tok: Any) -> tuple[int, int]:
    last = tok.right_edge
    return tok.left_edge.idx, last.idx + len(last)


def speakers(trigger: Any) -> list[tuple[int, int]]:
    """The spans of the subjects of every verb that governs the act's clause as a reported
    clause ("X said that ..., Y denied that ... hit ..."), climbing from ``trigger`` to the root."""
    spans = []
    tok = trigger
    while tok.head.i != tok.i:
        if tok.dep_ in REPORTED and tok.head.pos_ in {"VERB", "AUX"}:
            spans += [_span(s) for s in tok.head.children if s.dep_ in SUBJECTS]
        tok = tok.head
    return spans


def purposes(trigger: Any) -> list[tuple[int, int]]:
    """The spans of the sentence's purpose clauses that the act's own word lies outside of: a 'to'
    infinitive of purpose ("struck the depot to deter ...") or the complement of a verb of aiming
    ("the strike aimed to deter ...": 'to deter ...')."""
    ancestors = {trigger.i} | {t.i for t in trigger.ancestors}
    return [_span(tok) for tok in trigger.sent if tok.i not in ancestors and _purpose(tok)]


def _purpose(tok: Any) -> bool:
    if tok.tag_ != "VB" or tok.head.pos_ not in {"VERB", "AUX"} \
            or not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    return tok.dep_ == "advcl" or tok.dep_ == "xcomp" and tok.head.lemma_.lower() in AIMING
