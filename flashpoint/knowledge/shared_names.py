"""Short names two states share, read by the document they are in.

"Congo" alone is the Republic of the Congo in the country table, and "Congolese" the DR Congo's
people (``resources/actors/countries.tsv``, built by ``scripts/build_country_table.py``); the
table also lists the other state each may mean, as kind ``shared``. A story that otherwise names
only the other state's places, people or groups (Kinshasa, Goma, Bukavu, the M23, the FARDC;
or Brazzaville, Pointe-Noire) means that state by the short name too. A story that names
neither state, or both equally often, keeps the usual reading.

The context is every match of the document whose entries all name one state (capitals, cities of
the place tables, country names, groups with their country); a match of a shared name is no
context for another. The places stage reads a place named by a shared short name the same way,
by the countries of the document's other places (:func:`read_shared_places`).
"""
from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from ..resources import read_tsv
from .actor_kb import COUNTRIES, SHARED, KnowledgeBase, Match
from .gazetteer import Gazetteer, normalise
from .place_names import Candidate


def states_named(matches: Iterable[Match]) -> Counter[str]:
    """How often the document names each state by a word that means no other."""
    named: Counter[str] = Counter()
    for m in matches:
        if m.weak or m.kind not in {"country", "entity"}:
            continue
        codes = {e.country for e in m.entries}
        if len(codes) == 1 and None not in codes:
            named[codes.pop()] += 1  # type: ignore[arg-type]
    return named


def read_shared_names(matches: list[Match]) -> list[Match]:
    """The matches with each shared short name read as the state its document names more often
    (only that reading left), or as it was when the document names neither more often."""
    if not any(m.kind == "country" and _shared(m) for m in matches):
        return matches
    named = states_named(matches)
    return [_read(m, named) if m.kind == "country" and _shared(m) else m for m in matches]


def _shared(m: Match) -> bool:
    return any(e.entity_kind == SHARED for e in m.entries)


def _read(m: Match, named: Counter[str]) -> Match:
    state = named_more(named, {e.country for e in m.entries})
    return m if state is None else dataclasses.replace(m, entries=(KnowledgeBase.pick_country(m.entries, state),))


def named_more(named: Counter[str], states: Iterable[str | None]) -> str | None:
    """The one of ``states`` the document names more often than the others (None when it names none
    of them, or two of them equally often)."""
    top = Counter({s: named[s] for s in states if s and named[s]}).most_common(2)
    return top[0][0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else None


# -- the same reading for places ----------------------------------------------------------------

@lru_cache(maxsize=1)
def shared_states() -> dict[str, frozenset[str]]:
    """Normal-form short name (gazetteer form) -> the states it may mean, for the names the
    country table marks as shared ("congo" -> COG, COD)."""
    rows = list(read_tsv(COUNTRIES, required=("alias", "country", "kind")))
    shared = {r["alias"] for r in rows if r["kind"] == SHARED}
    out: dict[str, set[str]] = {}
    for r in rows:
        if r["alias"] in shared:
            out.setdefault(normalise(r["alias"]), set()).add(r["country"][:3])
    return {k: frozenset(v) for k, v in out.items()}


def read_shared_places(cands: list[Candidate], gaz: Gazetteer) -> None:
    """Each place read as a country by a shared short name ("Congo") becomes the state the
    document's other places lie in more often, when that is the other state (in place)."""
    names = shared_states()
    todo = [c for c in cands if c.chosen is not None and c.chosen.feature == "country"
            and normalise(c.text) in names]
    if not todo:
        return
    named = Counter(c.chosen.country for c in cands
                    if c.chosen is not None and c.chosen.country and normalise(c.text) not in names)
    for c in todo:
        state = named_more(named, names[normalise(c.text)])
        if state in gaz.countries:
            c.chosen = gaz.countries[state]
