"""The one split of every development set into a tune half and a check half.

An item's half is decided by a hash of a stable key of the item (its sentence text,
article id or input string) with a fixed salt, so the split needs no random state,
is the same on every machine and run, and adding or removing items never moves the
others. Items that share a key (one sentence annotated once per verb) always fall in
the same half, so the two halves never share a sentence.

Only the tune half's mistakes are read while developing; the check half is scored,
reported and held to a floor. Every evaluator therefore takes ``half``:

* ``"all"`` (default): code every item, score ``tune``, ``check`` and ``all``, and
  write the tune half's mistakes only;
* ``"tune"`` or ``"check"``: code that half only, score it, and write its mistakes
  (asking for ``"check"`` is the one way to see the check half's mistakes).
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

SALT = "flashpoint-split"  # the salt of every set but the news gold (see news.SPLIT_SALT)
TUNE, CHECK, ALL = "tune", "check", "all"
HALVES = (TUNE, CHECK)
CHOICES = (TUNE, CHECK, ALL)


def half_of(key: str, *, salt: str = SALT) -> str:
    """``"tune"`` or ``"check"`` for an item key; about half the keys go each way.

    The half is the parity of the SHA-1 of ``salt:key``. A set may have its own salt (the
    news gold was split with its own before this module existed); the rule is the same.
    """
    digest = hashlib.sha1(f"{salt}:{key}".encode()).hexdigest()
    return TUNE if int(digest, 16) % 2 == 0 else CHECK


def check_half(half: str) -> str:
    if half not in CHOICES:
        raise ValueError(f"half must be one of {', '.join(CHOICES)}, not {half!r}")
    return half


def select(items: Iterable[T], key: Callable[[T], str], *, half: str = ALL,
           salt: str = SALT) -> list[tuple[str, T]]:
    """(half, item) for the items of the asked half (all items for ``"all"``), in order."""
    check_half(half)
    tagged = [(half_of(key(item), salt=salt), item) for item in items]
    return tagged if half == ALL else [(h, item) for h, item in tagged if h == half]


def scored_halves(half: str) -> tuple[str, ...]:
    """The halves reported when ``half`` was asked for."""
    return (TUNE, CHECK, ALL) if check_half(half) == ALL else (half,)


def per_half(tagged: Sequence[tuple[str, T]], score: Callable[[list[T]], dict[str, Any]], *,
             half: str = ALL) -> dict[str, dict[str, Any]]:
    """``score`` of each reported half's items: {"tune": ..., "check": ..., "all": ...}."""
    return {h: score([item for ih, item in tagged if h == ALL or ih == h]) for h in scored_halves(half)}


def mistakes_half(half: str) -> str:
    """Whose mistakes are written: the tune half's unless one half was asked for."""
    return TUNE if check_half(half) == ALL else half


def write_mistakes(path: str | Path | None, rows: Iterable[dict[str, Any]], *, half: str = ALL) -> int:
    """Write the rows (each with a ``"half"`` field) of the half whose mistakes may be read;
    returns how many were written."""
    if path is None:
        return 0
    keep = mistakes_half(half)
    n = 0
    with Path(path).open("w", encoding="utf-8") as out:
        for row in rows:
            if row["half"] == keep:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                n += 1
    return n
