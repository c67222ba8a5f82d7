"""Which actor mention a word of the parse names: shared by the argument readers
(:mod:`flashpoint.language.arguments`) and the search for who caused a victim's harm
(:mod:`flashpoint.language.causes`)."""
from __future__ import annotations

from typing import Any

from ..model import Actor
from .grammar import CLAUSAL, EVENT_NOUNS, FACILITIES, HOUSING


def actor_in(tok: Any | None, by_token: dict[int, Actor]) -> Actor | None:
    """The actor an argument names: its head's own mention, else one in its subtree."""
    if tok is None:
        return None
    if tok.lemma_.lower() in FACILITIES or tok.lower_ in FACILITIES:
        # "bases (in Iraq) housing US forces": the forces, not the host country, are hit.
        for clause in tok.subtree:
            if clause.dep_ in {"acl", "relcl"} and clause.lemma_.lower() in HOUSING:
                for g in clause.subtree:
                    if g.i in by_token and g.i != clause.head.i:
                        return by_token[g.i]
    if tok.i in by_token:
        return by_token[tok.i]
    for t in phrase_tokens(tok):
        if t.i in by_token:
            return by_token[t.i]
    # "<a name>, <a country>'s best-known rights lawyer, led ...": a name the
    # tables lack is known by its apposition
    for appos in (c for c in tok.children if c.dep_ == "appos"):
        for t in phrase_tokens(appos):
            if t.i in by_token:
                return by_token[t.i]
    return None


def phrase_tokens(tok: Any) -> list[Any]:
    """The argument's own phrase: its subtree without embedded clauses and conjuncts, and
    without the arguments of an event noun ("a rocket attack on the base" names no actor)."""
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        skip = CLAUSAL | ({"prep"} if t.lemma_.lower() in EVENT_NOUNS else set())
        stack.extend(c for c in t.children if c.dep_ not in skip)
    return sorted(out, key=lambda t: t.i)
