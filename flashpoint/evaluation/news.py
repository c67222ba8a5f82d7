"""Scoring against the project's real-news sentence gold (placeholder; filled below)."""
from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STORIES = ROOT.parent / "shared/data/ngec/Guardian_SDF_sample.csv.zip"
DEFAULT_GOLD = ROOT / "data/gold/news_gold.jsonl"


def read_stories(path: str | Path = STORIES) -> Iterator[tuple[str, str, str]]:
    """(row key, date, text) of every Guardian story, in file order."""
    with zipfile.ZipFile(path) as z, z.open(z.namelist()[0]) as fh:
        for row in csv.DictReader(io.TextIOWrapper(fh, encoding="utf-8")):
            yield row[""], row["date"], row["text"]


def text_sha1(text: str) -> str:
    """The short hash a gold record keeps of its sentence, to notice a changed story."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
