"""Event-location scoring: reading the gold, the matching rule and the rates on made-up rows,
and the real check half against its floor."""
from __future__ import annotations

import json

import pytest

from flashpoint.errors import MalformedRecord, MissingPath
from flashpoint.evaluation import GOLD_FORMATS
from flashpoint.evaluation import event_location as el
from flashpoint.evaluation.scoreboard import below_floors, headlines, read_floors
from flashpoint.model import Document, Event, Place
from tests.conftest import need_shared

# Made-up sentences in the gold file's layout (no text from the real set).
TEXT = "Rebels shelled the port of Zedville on Monday, officials in Qarth said."


def _line(text=TEXT, spans=None, source="made-up"):
    spans = [{"start": 7, "end": 14, "label": "VERB"}, {"start": 27, "end": 35, "label": "LOCATION"}] \
        if spans is None else spans
    return json.dumps({"text": text, "spans": spans, "source": source, "answer": None})


def test_registered_with_its_default_gold():
    assert GOLD_FORMATS["event-location"] == "flashpoint.evaluation.event_location"
    assert el.DEFAULT_GOLD.parts[-3:] == ("data", "event_location", "event_location_dev.jsonl")


def test_reader_keeps_verbs_places_and_notes_unmarked_places(tmp_path):
    path = tmp_path / "gold.jsonl"
    empty_loc = [{"start": 7, "end": 14, "label": "VERB"}, {"start": 3, "end": 3, "label": "LOCATION"}]
    path.write_text("\n".join([_line(), _line(spans=empty_loc), _line(spans=empty_loc[:1])]) + "\n")
    first, second, third = el.read_gold(path)
    assert [v.text for v in first.verbs] == ["shelled"] and [p.text for p in first.locations] == ["Zedville"]
    assert second.locations == () and second.unmarked
    assert third.locations == () and not third.unmarked and third.line == 3


def test_reader_names_file_line_and_field(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(_line() + "\n" + _line(spans=[{"start": 0, "end": 99, "label": "VERB"}]) + "\n")
    with pytest.raises(MalformedRecord, match=r"gold\.jsonl:2.*outside the text"):
        el.read_gold(path)
    path.write_text(_line(spans=[{"start": 27, "end": 35, "label": "LOCATION"}]) + "\n")
    with pytest.raises(MalformedRecord, match="no VERB span"):
        el.read_gold(path)
    path.write_text('{"text": "no spans"}\n')
    with pytest.raises(MalformedRecord, match=r"gold\.jsonl:1"):
        el.read_gold(path)
    with pytest.raises(MissingPath):
        el.read_gold(tmp_path / "absent.jsonl")


def span(text, word, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return el.Span(start, start + len(word), word)


def test_a_place_matches_by_overlap_or_by_the_same_name():
    text = "Troops left Zedville for the Zedville hills near Qarth."
    gold = span(text, "Zedville")
    assert el.same_place(el.Span(gold.start - 4, gold.end, "the Zedville"), gold)  # overlap
    assert el.same_place(span(text, "Zedville", 1), gold)  # the same name, elsewhere
    assert el.same_place(el.Span(0, 5, "ZEDVILLE "), gold)  # case and spaces do not matter
    assert not el.same_place(span(text, "Qarth"), gold)
    assert not el.overlaps(el.Span(0, 5, "a"), el.Span(5, 9, "b"))  # touching is not overlapping


def _event(trigger, start, places=()):
    return Event(doc_id="d", sentence_index=0, evidence_start=0, evidence_end=len(TEXT), evidence_text=TEXT,
                 trigger=trigger, trigger_start=start, cameo="190", plover_type="ASSAULT", locations=places)


def test_the_verbs_event_pools_the_places_of_every_event_on_its_trigger():
    zed, qarth = Place("Zedville", 27, 35), Place("Qarth", 60, 65)
    doc = Document(id="d", text=TEXT, events=(_event("shelled", 7, (zed,)), _event("shelled", 7, (zed,)),
                                               _event("said", 66, (qarth,))))
    row = el._row(_line(), 1, where="t")
    g = el.guess(doc, row)
    assert g.verb_found and [p.text for p in g.places] == ["Zedville"] and g.cameo == ("190",)
    assert g.anchor == ()  # no parse, no entities
    nothing = el.guess(Document(id="d", text=TEXT, events=(_event("said", 66, (qarth,)),)), row)
    assert not nothing.verb_found and nothing.places == ()


def _row(locations=(), unmarked=False, source="s"):
    return el.Row(1, TEXT, source, (el.Span(7, 14, "shelled"),), tuple(locations), unmarked)


def test_rates_count_hits_false_places_and_leave_unmarked_rows_out():
    zed, qarth = el.Span(27, 35, "Zedville"), el.Span(60, 65, "Qarth")
    pairs = [
        (_row([zed]), el.Guess(True, (zed,), (zed, qarth))),          # hit; anchor hit
        (_row([zed]), el.Guess(True, (qarth,), (qarth,))),            # wrong place
        (_row([zed]), el.Guess(False, (), ())),                       # verb not found: a miss
        (_row(), el.Guess(True, (qarth,), (qarth,))),                 # false place; anchor too
        (_row(), el.Guess(True, (), ())),                             # rightly no place
        (_row(unmarked=True, source="t"), el.Guess(True, (qarth,), (qarth,))),  # in neither rate
    ]
    s = el.score_by_source(pairs)
    assert (s["with_location"], s["without_location"], s["location_unmarked"]) == (3, 2, 1)
    assert s["hit_rate"] == pytest.approx(1 / 3, abs=1e-4) and s["false_place_rate"] == 0.5
    assert s["verb_found_rate"] == pytest.approx(5 / 6, abs=1e-4)
    assert s["found_hit_rate"] == 0.5 and s["found_false_place_rate"] == 0.5
    assert s["anchor_hit_rate"] == pytest.approx(1 / 3, abs=1e-4) and s["anchor_false_place_rate"] == 0.5
    assert s["per_source"]["t"]["rows"] == 1 and s["per_source"]["t"]["hit_rate"] is None
    kinds = [m["kind"] for m in el._mistakes(("tune", p) for p in pairs)]
    assert kinds == ["missed_place", "missed_place_no_event", "false_place"]


@pytest.mark.model
@pytest.mark.shared
def test_check_half_stays_above_its_floor(tmp_path):
    """The floor is held on the check half only: it is what floors are for, and it halves the
    time (the whole set takes about 80 s of CPU, half of it here)."""
    gold = need_shared(el.DEFAULT_GOLD)
    errors = tmp_path / "errors.jsonl"
    scores = el.evaluate(gold, errors_path=errors, half="check")
    assert set(scores) >= {"check"} and "tune" not in scores
    assert scores["check"]["rows"] > 4000
    floors = read_floors()
    assert floors["event-location"]["check"], "no floor recorded for the check half"
    assert below_floors("event-location", headlines("event-location", scores)["event-location"], floors) == []
    rows = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert rows and {r["half"] for r in rows} == {"check"}


def test_token_index_places_are_repaired_and_unreadable_ones_left_out(tmp_path):
    """'start 5, end 5' in a token-index source is the sixth token (Zedville), not characters 5-5."""
    from flashpoint.stages.parse import load_nlp

    as_tokens = [{"start": 7, "end": 14, "label": "VERB"}, {"start": 5, "end": 5, "label": "LOCATION"}]
    as_chars = [{"start": 7, "end": 14, "label": "VERB"}, {"start": 27, "end": 35, "label": "LOCATION"}]
    lost = [{"start": 7, "end": 14, "label": "VERB"}, {"start": 40, "end": 40, "label": "LOCATION"}]
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join([_line(spans=as_tokens, source="AP"), _line(spans=as_chars, source="AP"),
                               _line(spans=as_tokens, source="made-up"), _line(spans=lost, source="wiki")]) + "\n")
    tokenizer = load_nlp().tokenizer
    fixed, kept, other, unreadable = [el.repair(r, tokenizer) for r in el.read_gold(path)]
    assert [p.text for p in fixed] == ["Zedville"] and [p.text for p in kept] == ["Zedville"]
    assert other is None and unreadable is None   # an empty span elsewhere stays unreadable
    zed = el.Span(27, 35, "Zedville")
    rows = el.repaired_rows(el.read_gold(path))
    s = el.score([(r, el.Guess(True, (zed,), ())) for r in rows])
    assert (s["repaired_with_location"], s["repaired_unreadable"], s["repaired_hit_rate"]) == (2, 2, 1.0)
    assert s["location_unmarked"] == 3 and s["with_location"] == 1   # as read: two rows have no place text
