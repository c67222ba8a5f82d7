"""Train the event place model (flashpoint/resources/model/event_place.json).

Training data: the *tune* half of ../shared/data/event_location/event_location_dev.jsonl (read
in place, never copied; halves and the gold repair as in scripts/place_attachment_dev.py). Each
(annotated verb, candidate place of its sentence) pair is one example, positive when the
candidate overlaps a gold LOCATION span; features are
flashpoint.language.place_attachment.pair_features. Two models are fitted on all tune pairs and
their probabilities averaged (flashpoint.knowledge.trees.Blend, SHARE): the logistic regression
(C=0.3) shipped alone until the fifteenth session, and gradient-boosted trees (scikit-learn's
HistGradientBoostingClassifier with its defaults: 100 trees of at most 31 leaves, learning rate
0.1; no early stopping, seeded) on the features seen in at least MIN_COUNT pairs, written as JSON
trees (flashpoint.knowledge.trees); docs/evaluation.md has the comparison.
A first threshold is chosen by 5-fold cross-validation on the tune half, grouped by
sentence: the one with the highest hit rate whose false-place rate is at most MAX_FALSE;
scripts/choose_place_threshold.py then sets the shipped one.
The check half is never read here; scripts/place_attachment_dev.py scores it.

Run: PYTHONPATH=. python scripts/train_event_places.py [--out PATH]   (about 3 minutes, most of
it parsing). Seeded and deterministic: the same data gives the same model.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from flashpoint.knowledge.trees import dumps  # noqa: E402
from place_attachment_dev import GOLD, Row, overlaps, parse_rows, read_rows, repair, verb_token  # noqa: E402

C = 0.3  # the regression's: 0.1, 0.3 and 1 compared by 5-fold cross-validation on the tune half
MIN_COUNT = 10  # the trees': a feature seen in fewer tune pairs is left out (1,617 of 8,904 are kept)
SHARE = 0.5  # the trees' part of the blend's probability
MAX_FALSE = 0.20  # the target false-place rate, met on the tune half's cross-validation
GRID = [round(0.2 + 0.025 * i, 3) for i in range(21)]


def pairs(rows: list[Row], docs: dict[str, Any]) -> tuple[list[dict[str, Any]], list[int], list[int]]:
    """Features, labels and row numbers of every (verb, candidate) pair."""
    from flashpoint.language.place_attachment import candidate_features, sentence_candidates

    X, y, group = [], [], []
    for k, r in enumerate(rows):
        doc = docs.get(r.text)
        verb = verb_token(doc, r.verb) if doc is not None else None
        if verb is None or r.repaired is None:
            continue
        cands = sentence_candidates(doc.parse, verb.sent, doc.places)
        for c, f in zip(cands, candidate_features(verb, cands, doc.parse, doc.actors)):
            if f is None:  # never the place (a country naming an owner, a known person): not scored
                continue
            X.append(f)
            y.append(int(any(overlaps((c.place.start, c.place.end), g) for g in r.repaired)))
            group.append(k)
    return X, y, group


def fit_model(X: list[dict[str, Any]], y: list[int], *, threshold: float = 0.5) -> Any:
    """The blend of a logistic regression (C) and gradient-boosted trees (on the features seen in
    at least MIN_COUNT pairs), as the model file stores it (:class:`flashpoint.knowledge.trees.Blend`)."""
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.feature_extraction import DictVectorizer

    from flashpoint.knowledge.trees import Blend, from_hgb

    weights, intercept = fit_weights(X, y)
    vec = DictVectorizer()
    matrix = vec.fit_transform(X).tocsc()
    keep = np.where(np.diff(matrix.indptr) >= MIN_COUNT)[0]
    fit = HistGradientBoostingClassifier(early_stopping=False, random_state=0).fit(
        matrix[:, keep].toarray().astype(np.float32), np.asarray(y))
    names = vec.get_feature_names_out()
    trees = from_hgb(fit, [str(names[i]) for i in keep], threshold=threshold)
    return Blend.from_dict({**trees.to_dict(), "weights": weights, "intercept": intercept, "share": SHARE})


def fit_weights(X: list[dict[str, Any]], y: list[int]) -> tuple[dict[str, float], float]:
    """A logistic regression on the pairs, as the model file stores it: weights by feature name
    (those of magnitude 1e-3 or more, rounded to 4 places) and the intercept."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    model = LogisticRegression(C=C, max_iter=5000).fit(vec.fit_transform(X), y)
    weights = {name: round(float(w), 4) for name, w in zip(vec.get_feature_names_out(), model.coef_[0])
               if abs(w) >= 1e-3}
    return dict(sorted(weights.items())), round(float(model.intercept_[0]), 4)


def rates(rows: list[Row], probs: Any, y: list[int], group: list[int], t: float) -> tuple[float, float]:
    gives, hits = set(), set()
    for p, lab, k in zip(probs, y, group):
        if p >= t:
            gives.add(k)
            if lab:
                hits.add(k)
    with_place = [k for k, r in enumerate(rows) if r.repaired]
    without = [k for k, r in enumerate(rows) if r.repaired == []]
    return (sum(k in hits for k in with_place) / len(with_place),
            sum(k in gives for k in without) / len(without))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path,
                    default=Path(__file__).resolve().parents[1] / "flashpoint/resources/model/event_place.json")
    args = ap.parse_args()
    if not GOLD.exists():
        print(f"cannot train: {GOLD} is absent (needs ../shared/data)")
        return 1
    import numpy as np
    from sklearn.model_selection import GroupKFold

    from flashpoint.stages.parse import load_nlp

    rows = [r for r in read_rows() if r.half == "tune"]
    tokenizer = load_nlp().tokenizer
    for r in rows:
        r.repaired = repair(r, tokenizer)
    docs = parse_rows(rows, coded=False)
    X, y, group = pairs(rows, docs)
    oof = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=5).split(np.zeros(len(y)), y, group):
        fold = fit_model([X[i] for i in train], [y[i] for i in train])
        oof[test] = [fold.probability(X[i]) for i in test]
    curve = {t: rates(rows, oof, y, group, t) for t in GRID}
    threshold = max((t for t, (_, f) in curve.items() if f <= MAX_FALSE), key=lambda t: curve[t][0])
    model = fit_model(X, y, threshold=threshold)
    hit, false = curve[threshold]
    for t, (h, f) in curve.items():
        print(f"threshold {t:.3f}: cross-validated hit {h:.3f}, false place {f:.3f}")
    out = {"about": "event place attachment: logistic regression and gradient-boosted trees on pair_features, blended; see MODEL_CARD.md",
           "trained_on": "event_location_dev.jsonl tune half", "pairs": len(y), "rows": len(rows),
           "C": C, "min_count": MIN_COUNT, "cv_hit": round(hit, 3), "cv_false_place": round(false, 3),
           **model.to_dict()}
    args.out.write_text(dumps(out), encoding="utf-8")
    print(f"{len(rows)} tune rows, {len(y)} pairs, {len(model.linear.weights)} weights, {len(model.trees.trees)} trees "
          f"on {len(model.trees.features)} features; "
          f"threshold {threshold}: cross-validated hit {hit:.3f}, false place {false:.3f} -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
