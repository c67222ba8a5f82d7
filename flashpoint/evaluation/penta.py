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


def scores(gold: Sequence[int], coded: Sequence[int]) -> dict[str, Any]:
    """Macro-F1, accuracy, per-class precision/recall/F1 and the confusion matrix of sentence
    classes (``confusion[gold][coded]``, classes as strings), by scikit-learn's metrics. The macro
    average is over the classes present in the gold or the coder's output (scikit-learn's default)."""
    import numpy as np
    from sklearn.metrics import confusion_matrix, precision_recall_fscore_support

    if len(gold) != len(coded):
        raise ValueError(f"{len(gold)} gold classes but {len(coded)} coded")
    unknown = {c for c in (*gold, *coded) if c not in CLASSES}
    if unknown:
        raise ValueError(f"penta classes are {CLASSES}, not {sorted(unknown)}")
    if gold:
        matrix = confusion_matrix(gold, coded, labels=list(CLASSES))
        p, r, f, _ = precision_recall_fscore_support(gold, coded, labels=list(CLASSES), zero_division=0)
    else:
        matrix = np.zeros((len(CLASSES), len(CLASSES)), dtype=int)
        p = r = f = np.zeros(len(CLASSES))
    n_gold, n_coded = matrix.sum(axis=1), matrix.sum(axis=0)
    present = [f[i] for i in range(len(CLASSES)) if n_gold[i] or n_coded[i]]
    return {
        "macro_f1": round(float(sum(present) / len(present)), 4) if present else None,
        "accuracy": round(float(np.trace(matrix)) / len(gold), 4) if gold else None,
        "per_class": {str(k): {"precision": round(float(p[i]), 4), "recall": round(float(r[i]), 4),
                               "f1": round(float(f[i]), 4), "gold": int(n_gold[i]), "coded": int(n_coded[i])}
                      for i, k in enumerate(CLASSES)},
        "confusion": {str(g): {str(c): int(matrix[i][j]) for j, c in enumerate(CLASSES)}
                      for i, g in enumerate(CLASSES)},
    }
