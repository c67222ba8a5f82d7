"""Score "where did this event happen" against the event_location sentences (Halterman).

Each gold row is one news sentence with one event verb (span label VERB) and, where the
text names it, the place where that verb's event happened (one or more LOCATION spans);
a sentence with several annotated verbs appears once per verb. Every distinct sentence is
coded once by the default pipeline; for each row the **verb's event** is the set of coded
events whose trigger, or one of whose ``also_triggers`` (another verb of the same act: stage
acts), overlaps a gold VERB span (one event per actor may share a trigger; their places are
pooled). When there is none, the verb was not found and the event gives
no place.

Matching rule: a place given for the event matches a gold LOCATION when their character
spans in the sentence overlap, or when its name equals the gold span's text (case
folded; the same place named again elsewhere in the sentence). Scores, per half:

* ``hit_rate``: of rows with a gold LOCATION, the verb's event has a matching place;
* ``false_place_rate``: of rows without a gold LOCATION, the verb's event gives a place;
* ``verb_found_rate``, and the two rates again on the rows whose verb was found
  (``found_hit_rate``, ``found_false_place_rate``);
* the anchor of the issue (``anchor_hit_rate``, ``anchor_false_place_rate``): every
  GPE, LOC or FAC entity of the spaCy model in the sentence taken as the place;
* the same numbers per ``source``.

624 rows mark a LOCATION with an empty span (the place exists but its text was lost):
they count in neither rate and are reported as ``location_unmarked``.

**Repaired gold.** In four sources (AP, Atrocities, Xinhua, wiki) many LOCATION spans hold
token indices, not character offsets ("start 5, end 5" for the sixth token): as characters
they point at no name (a single letter, half a word) or at nothing. The rates above read the
gold as it is; ``repaired_hit_rate`` and ``repaired_false_place_rate`` read such a span (one
of those sources, not a capitalised whole-word name as characters) as an inclusive token
range of the spaCy tokenizer when that gives a capitalised name, and leave out rows whose
place is still unreadable (``repaired_unreadable``). The place model was trained on the
repaired tune half (``scripts/train_event_places.py``).

The split is by sentence text, so the tune and check halves never share a sentence.
The gold file is read from ``../shared/data`` and never copied into the project.
"""
from __future__ import annotations

import dataclasses
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import MalformedRecord, MissingPath
from ..language.grammar import PLACE_LABELS  # the anchor's entity types
from ..model import Document, Event
from .split import ALL, per_half, select, write_mistakes

DEFAULT_GOLD = (Path(__file__).resolve().parents[2].parent
                / "shared/data/event_location/event_location_dev.jsonl")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Row:
    line: int
    text: str
    source: str
    verbs: tuple[Span, ...]
    locations: tuple[Span, ...]  # non-empty gold LOCATION spans
    unmarked: bool = False  # a LOCATION is labelled but every such span is empty
    raw_locations: tuple[tuple[int, int], ...] = ()  # every LOCATION span as written
    # the gold places read through the token-index repair: () none, None unreadable
    repaired: tuple[Span, ...] | None = ()


@dataclass(frozen=True)
class Guess:
    """What the system (and the anchor) say about one row."""

    verb_found: bool = False
    places: tuple[Span, ...] = ()  # the places of the verb's event
    anchor: tuple[Span, ...] = ()  # the sentence's GPE/LOC/FAC entities
    cameo: tuple[str, ...] = ()  # the codes of the verb's events (for reading mistakes)


def read_gold(path: str | Path) -> list[Row]:
    """The gold rows; a bad line raises an error naming the file, line and field."""
    path = Path(path)
    if not path.exists():
        raise MissingPath("gold file not found", where=str(path),
                          fix="put the shared data folder next to the project or pass --gold PATH")
    rows = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if line.strip():
                rows.append(_row(line, lineno, where=f"{path}:{lineno}"))
    return rows


def _row(line: str, lineno: int, *, where: str) -> Row:
    try:
        rec = json.loads(line)
        text, spans = str(rec["text"]), list(rec["spans"])
        cut = [(int(s["start"]), int(s["end"]), str(s["label"])) for s in spans]
    except json.JSONDecodeError as err:
        raise MalformedRecord(f"not JSON: {err.msg}", where=where, fix="one JSON object per line") from None
    except (KeyError, TypeError, ValueError) as err:
        raise MalformedRecord(f"record lacks a field or has a wrong type ({err})", where=where,
                              fix="each record needs text and spans [{start, end, label}]") from None
    for start, end, label in cut:
        if not 0 <= start <= end <= len(text):
            raise MalformedRecord(f"{label} span {start}-{end} lies outside the text", where=where,
                                  fix="spans are character offsets into text")
    verbs = tuple(Span(s, e, text[s:e]) for s, e, lab in cut if lab == "VERB" and e > s)
    if not verbs:
        raise MalformedRecord("no VERB span", where=where, fix="every row marks its event verb")
    locs = [(s, e) for s, e, lab in cut if lab == "LOCATION"]
    kept = tuple(Span(s, e, text[s:e]) for s, e in locs if e > s)
    return Row(lineno, text, str(rec.get("source") or "unknown"), verbs, kept, bool(locs) and not kept,
               tuple(locs), kept)


TOKEN_SOURCES = frozenset({"AP", "Atrocities", "Xinhua", "wiki"})  # sources with token-index spans


def looks_like_name(text: str, start: int, end: int) -> bool:
    """A capitalised run of whole words of at least two characters."""
    return end - start >= 2 and text[start:end][:1].isupper() and (start == 0 or not text[start - 1].isalnum()) \
        and (end == len(text) or not text[end].isalnum())


def repair(row: Row, tokenizer: Any) -> tuple[Span, ...] | None:
    """The row's gold places with token-index spans read as tokens (see the module docstring);
    None when a place cannot be read either way."""
    spans = repair_spans(row.text, row.source, row.raw_locations, tokenizer)
    return None if spans is None else tuple(Span(a, b, row.text[a:b]) for a, b in spans)


def repair_spans(text: str, source: str, spans: Iterable[tuple[int, int]], tokenizer: Any
                 ) -> list[tuple[int, int]] | None:
    """Character spans of gold places, token-index ones read as inclusive token ranges."""
    out = []
    toks = None
    for a, b in spans:
        if source in TOKEN_SOURCES and not looks_like_name(text, a, b):
            toks = toks if toks is not None else tokenizer(text)
            if b < len(toks):
                span = toks[a:b + 1]
                if looks_like_name(text, span.start_char, span.end_char):
                    out.append((span.start_char, span.end_char))
                    continue
        if b <= a:
            return None
        out.append((a, b))
    return out


def repaired_rows(rows: Sequence[Row]) -> list[Row]:
    """The rows with their ``repaired`` gold filled in (spaCy's tokenizer of the coder's model)."""
    from ..stages.parse import load_nlp

    tokenizer = load_nlp().tokenizer
    return [dataclasses.replace(r, repaired=repair(r, tokenizer)) for r in rows]


def overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def same_place(given: Span, gold: Span) -> bool:
    """The matching rule: overlapping spans, or the same name (case folded)."""
    return overlaps(given, gold) or given.text.strip().casefold() == gold.text.strip().casefold()


def hits(given: Sequence[Span], gold: Sequence[Span]) -> bool:
    return any(same_place(g, t) for g in given for t in gold)


def events_on(events: Iterable[Event], verbs: Sequence[Span]) -> list[Event]:
    """The coded events one of whose triggers (``trigger`` or ``also_triggers``) overlaps a gold verb."""
    return [e for e in events
            if any(overlaps(Span(at, at + len(word), word), v)
                   for word, at in ((e.trigger, e.trigger_start), *e.also_triggers) for v in verbs)]


def guess(doc: Document, row: Row) -> Guess:
    on_verb = events_on(doc.events, row.verbs)
    places = {(p.start, p.end, p.name): None for e in on_verb for p in e.locations}
    ents = getattr(doc.parse, "ents", ()) or ()
    anchor = tuple(Span(e.start_char, e.end_char, e.text) for e in ents if e.label_ in PLACE_LABELS)
    return Guess(bool(on_verb), tuple(Span(s, e, n) for s, e, n in places), anchor,
                 tuple(sorted({e.cameo for e in on_verb})))


def code_rows(rows: Sequence[Row], *, pipeline: Any = None) -> list[Guess]:
    """Code each distinct sentence once with the default pipeline; one guess per row, in order."""
    from ..coder import build_pipeline
    from ..pipeline import Failure

    pipeline = pipeline or build_pipeline()
    by_text: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        by_text[row.text].append(i)
    texts = list(by_text)
    guesses: list[Guess] = [Guess()] * len(rows)
    docs = (Document(id=str(n), text=t) for n, t in enumerate(texts))
    for out in pipeline.run(docs):
        if isinstance(out, Failure):
            continue  # a failed sentence gives no event and no place
        for i in by_text[texts[int(out.id)]]:
            guesses[i] = guess(out, rows[i])
    return guesses


def _rate(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def score(pairs: Sequence[tuple[Row, Guess]]) -> dict[str, Any]:
    """Rates over (row, guess) pairs; a pure function."""
    placed = [(r, g) for r, g in pairs if r.locations]
    empty = [(r, g) for r, g in pairs if not r.locations and not r.unmarked]
    found_placed = [(r, g) for r, g in placed if g.verb_found]
    found_empty = [(r, g) for r, g in empty if g.verb_found]
    return {
        "rows": len(pairs),
        "with_location": len(placed),
        "without_location": len(empty),
        "location_unmarked": sum(r.unmarked for r, _ in pairs),
        "hit_rate": _rate(sum(hits(g.places, r.locations) for r, g in placed), len(placed)),
        "false_place_rate": _rate(sum(bool(g.places) for _, g in empty), len(empty)),
        "verb_found_rate": _rate(sum(g.verb_found for _, g in pairs), len(pairs)),
        "found_hit_rate": _rate(sum(hits(g.places, r.locations) for r, g in found_placed), len(found_placed)),
        "found_false_place_rate": _rate(sum(bool(g.places) for _, g in found_empty), len(found_empty)),
        "anchor_hit_rate": _rate(sum(hits(g.anchor, r.locations) for r, g in placed), len(placed)),
        "anchor_false_place_rate": _rate(sum(bool(g.anchor) for _, g in empty), len(empty)),
        **_repaired_rates(pairs),
    }


def _repaired_rates(pairs: Sequence[tuple[Row, Guess]]) -> dict[str, Any]:
    placed = [(r, g) for r, g in pairs if r.repaired]
    empty = [(r, g) for r, g in pairs if r.repaired == ()]
    return {"repaired_hit_rate": _rate(sum(hits(g.places, r.repaired or ()) for r, g in placed), len(placed)),
            "repaired_false_place_rate": _rate(sum(bool(g.places) for _, g in empty), len(empty)),
            "repaired_with_location": len(placed), "repaired_unreadable": sum(r.repaired is None for r, _ in pairs)}


def score_by_source(pairs: Sequence[tuple[Row, Guess]]) -> dict[str, Any]:
    """:func:`score`, and the same per source under ``per_source``."""
    groups: dict[str, list[tuple[Row, Guess]]] = defaultdict(list)
    for r, g in pairs:
        groups[r.source].append((r, g))
    return {**score(pairs), "per_source": {s: score(groups[s]) for s in sorted(groups)}}


def _mistakes(tagged: Iterable[tuple[str, tuple[Row, Guess]]]) -> Iterable[dict[str, Any]]:
    for half, (r, g) in tagged:
        if r.locations and not hits(g.places, r.locations):
            kind = "missed_place" if g.verb_found else "missed_place_no_event"
        elif not r.locations and not r.unmarked and g.places:
            kind = "false_place"
        else:
            continue
        yield {"kind": kind, "half": half, "line": r.line, "source": r.source, "text": r.text,
               "verb": [v.text for v in r.verbs], "gold": [loc.text for loc in r.locations],
               "given": [p.text for p in g.places], "cameo": list(g.cameo),
               "anchor": [a.text for a in g.anchor]}


def evaluate(gold_path: str | Path = DEFAULT_GOLD, *, errors_path: str | Path | None = None,
             half: str = ALL, limit: int | None = None, pipeline: Any = None) -> dict[str, Any]:
    """Code the gold sentences (the asked half, the first ``limit`` rows) and score them."""
    rows = repaired_rows(read_gold(gold_path)[:limit])
    chosen = select(rows, lambda r: r.text, half=half)
    guesses = code_rows([r for _, r in chosen], pipeline=pipeline)
    tagged = [(h, (r, g)) for (h, r), g in zip(chosen, guesses)]
    write_mistakes(errors_path, _mistakes(tagged), half=half)
    return {"gold": str(gold_path), "split_key": "sentence text",
            **per_half(tagged, score_by_source, half=half)}
