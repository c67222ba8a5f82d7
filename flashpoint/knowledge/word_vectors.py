"""Static word vectors distilled from a sentence encoder, read with numpy alone.

The table (``resources/model/word_vectors.npy``, float16, one row a word, and
``word_vectors.txt``, one word a line in the same order) was made once at development time by
``scripts/distill_word_vectors.py`` from all-MiniLM-L6-v2 (each word encoded on its own, reduced
by PCA; MODEL_CARD.md). It is read once per process, on first use; nothing is downloaded. A word
the table does not hold has no vector (:func:`vector` gives None, a feature block is left out,
which a linear model reads as zeros).
"""
from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ResourceError

DIR = Path(__file__).resolve().parents[1] / "resources" / "model"


class WordVectors:
    """Word -> vector (float32 numpy array) for a fixed vocabulary."""

    def __init__(self, words: list[str], table: np.ndarray) -> None:
        if len(words) != table.shape[0]:
            raise ResourceError(f"the word vector table has {table.shape[0]} rows for {len(words)} words",
                                where=str(DIR / "word_vectors.npy"),
                                fix="reinstall flashpoint or run scripts/distill_word_vectors.py")
        self.index = {w: i for i, w in enumerate(words)}
        self.table = table.astype(np.float32)
        self.dims = int(table.shape[1])

    @classmethod
    def read(cls, directory: str | Path = DIR) -> WordVectors:
        d = Path(directory)
        try:
            words = (d / "word_vectors.txt").read_text(encoding="utf-8").split("\n")
            table = np.load(d / "word_vectors.npy", allow_pickle=False)
        except (OSError, ValueError) as err:
            raise ResourceError(f"cannot read the word vectors: {err}", where=str(d),
                                fix="reinstall flashpoint or run scripts/distill_word_vectors.py") from None
        return cls([w for w in words if w], table)

    def vector(self, word: str) -> np.ndarray | None:
        i = self.index.get(word.lower())
        return None if i is None else self.table[i]

    def token_vector(self, tok: Any) -> np.ndarray | None:
        """A spaCy token's vector: its lower-cased text's, else its lemma's."""
        v = self.vector(tok.lower_)
        return v if v is not None else self.vector(tok.lemma_)


@cache
def word_vectors(directory: str | Path = DIR) -> WordVectors:
    return WordVectors.read(directory)
