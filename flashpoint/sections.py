"""Sections: where a long text is cut, and how the codings of its sections join into one document.

A long document is parsed in sections of at most ``SECTION_CHARS`` characters (the parse stage),
and a very long one is also coded in parts of at most ``CODING_CHARS`` characters, each part a run
of whole parse sections (the pipeline): a part is parsed and run through every stage, its events,
actors, places and sentences are moved to the whole text's offsets, and its parse is dropped
before the next part is parsed. The parse and its token table, most of a long document's
memory, are then those of one part, whatever the length of the document (what still grows is
the coded output and spaCy's vocabulary). Because a part is made of the same parse sections the
whole document would be cut into, each token is parsed exactly as in a whole-document parse;
what a part does not see is the rest of the document (an actor or place named only in another
part).
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from .model import Actor, Document, Event, Place, Sentence

SECTION_CHARS = 20_000
CODING_CHARS = 100_000
# Where a section may end, best first; each cut falls after the whitespace that follows it, so the
# next section starts at a word. A cut is only taken in the second half of the window.
_CUTS = (re.compile(r"\n[ \t\r\f\v]*\n\s*"), re.compile(r"\n\s*"),
         re.compile(r"[.!?][\"'’”)\]]*\s+(?=[\"'‘“(\[]?[A-Z0-9])"), re.compile(r"\s+"))


def section_bounds(text: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) character offsets of consecutive sections of ``text``, each at most ``limit``
    characters, covering the text exactly; cut at the best boundary in the window's second half."""
    if limit < 2:
        raise ValueError(f"a section must allow at least 2 characters, not {limit}")
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start + limit // 2, start + limit)
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def _cut(text: str, lo: int, hi: int) -> int:
    """The end of the last boundary match inside text[lo:hi], by preference of kind; else ``hi``."""
    for pattern in _CUTS:
        end = None
        for match in pattern.finditer(text, lo, hi):
            end = match.end()
        if end is not None and end > lo:
            return end
    return hi


def coding_parts(text: str, *, section_chars: int = SECTION_CHARS,
                 coding_chars: int = CODING_CHARS) -> list[tuple[int, int]]:
    """(start, end) of the parts a document is coded in: runs of consecutive parse sections
    (:func:`section_bounds` with ``section_chars``), each at most ``coding_chars`` characters
    unless one section alone is longer. A text of at most ``coding_chars`` is one part.

    A part starts where a parse section starts, so the parse stage cuts it into the very sections
    it would cut the whole text into (each window of the greedy cut lies inside the part)."""
    if len(text) <= coding_chars:
        return [(0, len(text))]
    parts: list[tuple[int, int]] = []
    for a, b in section_bounds(text, section_chars):
        if parts and b - parts[-1][0] <= coding_chars:
            parts[-1] = (parts[-1][0], b)
        else:
            parts.append((a, b))
    return parts


def joined(doc: Document, parts: Sequence[tuple[int, Document]]) -> Document:
    """``doc`` with the codings of its parts, each given with its first character's offset in
    ``doc.text``: sentences renumbered in order, every offset moved into the whole text; no parse
    or token table is attached (they were the parts' own, and are dropped)."""
    sentences: list[Sentence] = []
    actors: list[Actor] = []
    places: list[Place] = []
    events: list[Event] = []
    for at, part in parts:
        first = len(sentences)
        sentences += [Sentence(first + s.index, s.start + at, s.end + at, s.text) for s in part.sentences]
        actors += [_actor(a, at) for a in part.actors]
        places += [_place(p, at) for p in part.places]
        events += [_event(e, at, first) for e in part.events]
    return dataclasses.replace(doc, sentences=tuple(sentences), actors=tuple(actors),
                               places=tuple(places), events=tuple(events), parse=None, tokens=None)


def _actor(actor: Actor | None, at: int) -> Actor | None:
    if actor is None or not at:
        return actor
    return dataclasses.replace(actor, start=actor.start + at, end=actor.end + at)


def _place(place: Place, at: int) -> Place:
    return dataclasses.replace(place, start=place.start + at, end=place.end + at) if at else place


def _event(event: Event, at: int, first: int) -> Event:
    if not at and not first:
        return event
    return dataclasses.replace(
        event, sentence_index=event.sentence_index + first,
        evidence_start=event.evidence_start + at, evidence_end=event.evidence_end + at,
        trigger_start=event.trigger_start + at, source=_actor(event.source, at),
        target=_actor(event.target, at), locations=tuple(_place(p, at) for p in event.locations),
        mentioned_places=tuple(_place(p, at) for p in event.mentioned_places),
        also_triggers=tuple((word, start + at) for word, start in event.also_triggers))
