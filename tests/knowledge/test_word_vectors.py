"""Static word vectors (knowledge/word_vectors.py) and vector blocks in the packaged linear models
(knowledge/linear.py): a block fitted as spelt-out features gives scikit-learn's probabilities."""
from __future__ import annotations

import json

import numpy as np
import pytest

from flashpoint.errors import ResourceError
from flashpoint.knowledge.linear import LinearModel, SoftmaxModel, flat, packed
from flashpoint.knowledge.word_vectors import WordVectors, word_vectors


def test_the_packaged_table_has_a_vector_for_common_words_and_none_for_unknown_ones():
    table = word_vectors()
    assert table.dims == 64 and table.table.dtype == np.float32
    assert table.vector("missile") is not None and table.vector("Missile") is not None
    assert table.vector("qzxqzxqzx") is None


def test_related_words_are_nearer_than_unrelated_ones():
    table = word_vectors()

    def cos(a: str, b: str) -> float:
        u, v = table.vector(a), table.vector(b)
        return float(u @ v / np.linalg.norm(u) / np.linalg.norm(v))

    assert cos("bombed", "shelled") > cos("bombed", "praised")
    assert cos("negotiate", "talks") > cos("negotiate", "artillery")


def test_a_table_whose_rows_do_not_match_its_words_is_refused(tmp_path):
    np.save(tmp_path / "word_vectors.npy", np.zeros((3, 4), dtype=np.float16))
    (tmp_path / "word_vectors.txt").write_text("a\nb\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="3 rows for 2 words"):
        WordVectors.read(tmp_path)


def _data():
    rng = np.random.default_rng(3)
    vecs = rng.normal(size=(300, 5)).astype(np.float32)
    flags = rng.integers(0, 2, size=300)
    y = (vecs[:, 0] - vecs[:, 3] + flags + rng.normal(size=300) * 0.5 > 0.5).astype(int)
    rows = [{"flag": bool(f), "vec_trigger": v} for f, v in zip(flags, vecs)]
    return rows, y, vecs, flags


def test_a_binary_model_with_a_vector_block_gives_scikit_learns_probabilities():
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows, y, _, _ = _data()
    X = [flat(r) for r in rows]
    vec = DictVectorizer()
    fit = LogisticRegression(C=1.0).fit(vec.fit_transform(X), y)
    weights = {n: float(w) for n, w in zip(vec.get_feature_names_out(), fit.coef_[0])}
    named, vectors = packed(weights, {"vec_trigger"})
    assert set(named) == {"flag"} and len(vectors["vec_trigger"]) == 5
    model = LinearModel.from_dict(json.loads(json.dumps(
        {"weights": named, "vectors": vectors, "intercept": float(fit.intercept_[0]), "threshold": 0.5})))
    ours = [model.probability(r) for r in rows[:40]]
    assert ours == pytest.approx(fit.predict_proba(vec.transform(X[:40]))[:, 1].tolist(), abs=1e-4)
    assert model.probability({"flag": True}) == pytest.approx(1 / (1 + np.exp(-(named["flag"] + fit.intercept_[0]))))


def test_a_softmax_model_adds_a_vector_block_per_class():
    vectors = {"vec_trigger": [[1.0, 0.0], [0.0, 2.0]]}  # two dimensions, two classes
    m = SoftmaxModel(["01", "19"], [0.0, 0.0], {}, threshold=0.5, vectors=vectors)
    p = m.probabilities({"vec_trigger": np.array([0.5, 1.0], dtype=np.float32)})
    assert p["19"] == pytest.approx(1 / (1 + np.exp(-(2.0 - 0.5))))
    # a block of another length (a table of other dimensions) is ignored, not misread
    assert m.probabilities({"vec_trigger": np.ones(3, dtype=np.float32)}) == pytest.approx({"01": 0.5, "19": 0.5})
