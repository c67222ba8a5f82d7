"""The penta class of a sentence, and its scores: one class per sentence, gold against coder.

The penta class is the project's quad class (``flashpoint/codebook.py``, ``resources/cameo.tsv``:
1 verbal cooperation, CAMEO roots 01-05; 2 material cooperation, 06-08; 3 verbal conflict, 09-13;
4 material conflict, 14-20) with a fifth class, 0, for a sentence with no event. A sentence with
several events takes the highest class among them (the most severe: material conflict over
verbal conflict over material over verbal cooperation), as event sets that give one class per
sentence do. The same rule is applied to the gold's events and to the coder's, whatever their
modality (the triple score counts every event too).

Unlike the common penta scheme of other event sets, a neutral statement (CAMEO 01, 02) is class 1
here, as in the project's quad class; :data:`NEUTRAL_ROOTS` names them for a reader who wants to
compare.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..codebook import cameo

CLASSES = (0, 1, 2, 3, 4)
NO_EVENT = 0
NEUTRAL_ROOTS = frozenset({"01", "02"})  # class 0 in other sets' penta scheme; 1 here (quad class)


def sentence_class(events: Iterable[Any]) -> int:
    """The penta class of a sentence from its events (anything with a CAMEO ``root``): the
    highest quad class among them, 0 when there is none."""
    return max((cameo(e.root).quad_class for e in events), default=NO_EVENT)


def _f1(tp: int, n_pred: int, n_gold: int) -> tuple[float, dict[str, float | int]]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f, {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "gold": n_gold, "coded": n_pred}


def scores(gold: Sequence[int], coded: Sequence[int]) -> dict[str, Any]:
    """Macro-F1, accuracy, per-class precision/recall/F1 and the confusion matrix of sentence
    classes (``confusion[gold][coded]``, classes as strings). The macro average is over the
    classes present in the gold or the coder's output (scikit-learn's default)."""
    if len(gold) != len(coded):
        raise ValueError(f"{len(gold)} gold classes but {len(coded)} coded")
    unknown = {c for c in (*gold, *coded) if c not in CLASSES}
    if unknown:
        raise ValueError(f"penta classes are {CLASSES}, not {sorted(unknown)}")
    confusion = {str(g): {str(c): 0 for c in CLASSES} for g in CLASSES}
    for g, c in zip(gold, coded):
        confusion[str(g)][str(c)] += 1
    per_class, present = {}, []
    for k in CLASSES:
        n_gold, n_pred = sum(1 for g in gold if g == k), sum(1 for c in coded if c == k)
        f1, per_class[str(k)] = _f1(confusion[str(k)][str(k)], n_pred, n_gold)
        if n_gold or n_pred:
            present.append(f1)
    return {
        "macro_f1": round(sum(present) / len(present), 4) if present else None,
        "accuracy": round(sum(g == c for g, c in zip(gold, coded)) / len(gold), 4) if gold else None,
        "per_class": per_class,
        "confusion": confusion,
    }
