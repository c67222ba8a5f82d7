"""Train the sentence-level PLOVER event-type and mode classifier shipped in flashpoint.

Data (read in place, never copied into the project):
- ../shared/data/ngec/gpt_synthetic_events_2023-10-19_19.csv.zip: 4,500 synthetic stories with
  PLOVER event and mode pseudo-labels (MIT, NGEC-2025). Each story gives its headline, its lead
  sentence and its first two sentences as examples, since the coder classifies sentences.
- ../shared/data/ngec/synthetic_headlines.csv: the headline templates of those stories.
- data/training/*.jsonl: sentences the project wrote itself ({"text", "event", "mode"}).

The PLOVER gold records are never read here: they are development gold.

Method: TF-IDF over word 1-2 grams of each sentence's lemmas and main-verb markers
(flashpoint.stages.classify.sentence_features, from the same spaCy parse the coder uses),
logistic regression (balanced class weights) for the event type, and a second one for the mode
given the type ("TYPE/mode" labels, only examples with a mode). Coefficients are stored as
float32; the artefact is written with joblib to flashpoint/resources/model/plover_classifier.joblib.

Usage:  python scripts/train_classifier.py [--shared ../shared] [--out path] [--cv]
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import random
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flashpoint.config import Config  # noqa: E402
from flashpoint.stages.classify import MODEL_PATH, sentence_features  # noqa: E402

SEED = 13
PRUNE = 0.05  # coefficients smaller than this are dropped
PER_TYPE = 450  # synthetic stories per event type at most
OWN_WEIGHT = 10.0  # a sentence the project wrote counts as this many synthetic ones
SENTENCE_END = re.compile(r"(?<=[.!?\"'”’)])\s+(?=[\"'“‘(]?[A-Z])")
PLACEHOLDER = re.compile(r"\{[a-z_0-9]+\}")


def sentences(text: str) -> list[str]:
    text = re.sub(r"\s+", " ", text).strip()
    return [s for s in SENTENCE_END.split(text) if len(s) > 20]


def synthetic_examples(shared: Path, *, per_type: int = PER_TYPE) -> list[tuple[str, str, str, str]]:
    """(text, event, mode, origin) from the synthetic stories and headline templates; at most
    ``per_type`` stories of each event type (a seeded sample), so that no type swamps the rest."""
    zpath = shared / "data/ngec/gpt_synthetic_events_2023-10-19_19.csv.zip"
    if not zpath.exists():
        sys.exit(f"{zpath} is absent: the shared data folder is needed to train")
    with zipfile.ZipFile(zpath) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".csv"))
        rows = list(csv.DictReader(io.TextIOWrapper(zf.open(name), encoding="utf-8")))
    by_type: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_type.setdefault(row["label"].strip().upper(), []).append(row)
    rng = random.Random(SEED)
    rows = [r for kind in sorted(by_type) for r in rng.sample(by_type[kind], min(per_type, len(by_type[kind])))]
    out = []
    for row in rows:
        event, mode = row["label"].strip().upper(), _mode(row.get("mode"))
        headline = row["prompt"].split("\n")[0].strip()
        sents = sentences(row["text"])
        if headline:
            out.append((headline, event, mode, "synthetic-headline"))
        if sents:
            out.append((sents[0], event, mode, "synthetic-lead"))
        if len(sents) > 1:
            out.append((" ".join(sents[:2]), event, mode, "synthetic-lead2"))
    heads = shared / "data/ngec/synthetic_headlines.csv"
    if heads.exists():
        with heads.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                text = PLACEHOLDER.sub("X", row["title"]).strip()
                out.append((text, row["event"].strip().upper(), _mode(row.get("mode")), "template"))
    return out


def _mode(value: str | None) -> str:
    value = (value or "").strip().lower()
    if value in {"", "nan"}:
        return ""
    return {"sieze": "seize", "primative": "primitive"}.get(value, value)


def own_examples(folder: Path) -> list[tuple[str, str, str, str]]:
    out = []
    for path in sorted(folder.glob("*.jsonl")):
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                out.append((rec["text"], rec["event"].upper(), _mode(rec.get("mode")), "own"))
            except (json.JSONDecodeError, KeyError, AttributeError) as err:
                sys.exit(f"{path}:{lineno}: bad training record ({err}); need text, event, mode")
    return out


def featurise(texts: list[str]) -> list[str]:
    """The classifier's view of each text, from the same spaCy model the coder parses with."""
    import spacy

    nlp = spacy.load(Config().model, disable=["ner"])
    return [sentence_features(doc) for doc in nlp.pipe(texts, batch_size=128)]


def build(examples: list[tuple[str, str, str, str]], features: list[str], *,
          own_weight: float = OWN_WEIGHT) -> dict:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    texts = features
    weights = [own_weight if o == "own" else 1.0 for *_, o in examples]
    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=20000, sublinear_tf=True,
                          token_pattern=r"(?u)\b\w[\w'-]*\b", dtype=_float32())
    X = vec.fit_transform(texts)
    vec.stop_words_ = None  # the pruned terms: not needed to transform, and most of the file size
    types = LogisticRegression(C=8.0, class_weight="balanced", max_iter=2000, random_state=SEED)
    types.fit(X, [e for _, e, _, _ in examples], sample_weight=weights)
    with_mode = [i for i, (_, _, m, _) in enumerate(examples) if m]
    modes = LogisticRegression(C=8.0, class_weight="balanced", max_iter=2000, random_state=SEED)
    modes.fit(X[with_mode], [f"{examples[i][1]}/{examples[i][2]}" for i in with_mode],
              sample_weight=[weights[i] for i in with_mode])
    for clf in (types, modes):
        _shrink(clf)
    return {"vectorizer": vec, "types": types, "modes": modes, "format": 1,
            "trained_on": dict(Counter(o for *_, o in examples))}


def _shrink(clf) -> None:
    """Store coefficients as float32 and drop the smallest (|w| < PRUNE): the model ships."""
    import numpy as np

    coef = clf.coef_.astype(np.float32)
    coef[np.abs(coef) < PRUNE] = 0.0
    clf.coef_ = coef
    clf.intercept_ = clf.intercept_.astype(np.float32)
    clf.sparsify()


def _float32():
    import numpy as np

    return np.float32


def cross_validate(examples: list[tuple[str, str, str, str]], features: list[str]) -> None:
    """Five-fold type accuracy and macro-F1, folds by story, for the model card."""
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import StratifiedKFold

    labels = [e for _, e, _, _ in examples]
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    accs, f1s = [], []
    for train, test in folds.split(examples, labels):
        model = build([examples[i] for i in train], [features[i] for i in train])
        X = model["vectorizer"].transform([features[i] for i in test])
        pred = model["types"].predict(X)
        gold = [labels[i] for i in test]
        accs.append(accuracy_score(gold, pred))
        f1s.append(f1_score(gold, pred, average="macro"))
    print(f"5-fold CV on training text: accuracy {sum(accs) / 5:.3f}, macro-F1 {sum(f1s) / 5:.3f}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--own", type=Path, default=ROOT / "data/training")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--cv", action="store_true", help="also print 5-fold cross-validation scores")
    args = ap.parse_args(argv)
    examples = synthetic_examples(args.shared) + own_examples(args.own)
    print(f"{len(examples)} training examples: {dict(Counter(o for *_, o in examples))}")
    features = featurise([t for t, *_ in examples])
    if args.cv:
        cross_validate(examples, features)
    import joblib

    model = build(examples, features)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, args.out, compress=3)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
