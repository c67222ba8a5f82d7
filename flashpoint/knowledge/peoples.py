"""Peoples no state is named after ("Kurdish", "Chechen") and the state where their groups act.

The table is ``resources/actors/peoples.tsv`` (word, country, from, to). A group the actor tables
give no country, named by such a people's word ("Kurdish fighters", "the Chechen rebels"), is of
the row's state on the document's day; the locate-sentence stage applies it last, when neither
the group's own words nor its sentence's places gave a country (:mod:`flashpoint.stages.locate`).
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from ..errors import ResourceError
from ..resources import read_tsv

PEOPLES = "actors/peoples.tsv"
_WORDS = re.compile(r"[^\W\d_]+")


def _day(value: str, word: str, column: str) -> dt.date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value + {4: "-01-01", 7: "-01"}.get(len(value), ""))
    except ValueError:
        raise ResourceError(f"bad date {value!r} in column '{column}' of the row for {word!r}", where=PEOPLES,
                            fix="write dates as YYYY, YYYY-MM or YYYY-MM-DD (blank = open)") from None


@lru_cache(maxsize=1)
def peoples() -> dict[str, tuple[tuple[str, dt.date | None, dt.date | None], ...]]:
    """lower-case word -> its (country, from, to) rows, read once."""
    table: dict[str, list[tuple[str, dt.date | None, dt.date | None]]] = {}
    for row in read_tsv(PEOPLES, required=("word", "country")):
        word = row["word"]
        if not row["country"]:
            raise ResourceError(f"the row for {word!r} has no country", where=PEOPLES,
                                fix="give the ISO3 code of the state where the people's groups act")
        table.setdefault(word.lower(), []).append(
            (row["country"], _day(row.get("from", ""), word, "from"), _day(row.get("to", ""), word, "to")))
    return {word: tuple(rows) for word, rows in table.items()}


def people_country(text: str, day: dt.date | None) -> str | None:
    """The state of the first people's word in ``text`` with a row valid on ``day`` (every row when
    there is no day), or None."""
    table = peoples()
    for word in _WORDS.findall(text):
        for country, start, end in table.get(word.lower(), ()):
            if day is None or (start is None or start <= day) and (end is None or day <= end):
                return country
    return None
