"""Scoring against the international news gold (``data/gold/intl_gold.jsonl``): a check-only set.

Sentences drawn with a fixed seed from the GeoWebNews articles (``../shared/data/geo/GWN.xml``:
local and international news of many outlets, sport and business included) of the geo set's
*check* half, articles nobody tuning the event coder reads, and coded blind by the news gold's
conventions (``docs/news-gold.md``, section "The international news gold"). Each record names its
sentence as ``gwn:ARTICLE`` (the article's ``file`` attribute) with the character span in the
article text and the sha1 as in the news gold, and holds no text. Each referenced article is coded
in full by the default pipeline (no date: the articles carry none) and the coded events whose
evidence overlaps a gold sentence are its predictions, scored as the news gold is (``news.score``).

The whole set is a check half: its scores are reported under ``check`` only and its mistakes are
never written. Another file of the same layout is scored under ``all`` with its mistakes written.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from . import geo
from .wire import evaluate_texts

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "data/gold/intl_gold.jsonl"
ARTICLES = geo.DEFAULT_GOLD
PREFIX = "gwn:"


def article_texts(keys: set[str], path: str | Path = ARTICLES) -> dict[str, str]:
    """The text of each 'gwn:ARTICLE' key, read from GWN.xml."""
    wanted = {k.removeprefix(PREFIX) for k in keys if k.startswith(PREFIX)}
    return {PREFIX + a.id: a.text for a in geo.read_gold(Path(path)) if a.id in wanted}


def evaluate(gold_path: str | Path = DEFAULT_GOLD, *, errors_path: str | Path | None = None,
             articles_path: str | Path = ARTICLES) -> dict[str, Any]:
    """Code the gold's articles in full and score their sentences: the international gold under
    ``check`` with no mistakes written; another file under ``all``, its mistakes to ``errors_path``."""
    return evaluate_texts(gold_path, DEFAULT_GOLD, articles_path, article_texts, what="the GeoWebNews articles",
                          errors_path=errors_path, count="articles")
