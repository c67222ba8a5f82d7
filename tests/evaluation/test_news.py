"""The real-news gold: its schema, its spans against the shared stories, and the scorer."""
from __future__ import annotations

import json
from collections import Counter
from types import SimpleNamespace

import pytest

from flashpoint.errors import MalformedRecord
from flashpoint.evaluation import news
from flashpoint.evaluation import scoreboard
from flashpoint.evaluation.news import Coded, actor_country, half_of, matched, plover_pairs, score

MODALITIES = {"asserted", "claimed", "denied", "threatened", "hypothetical", "negated"}


def gold_records() -> list[dict]:
    return [json.loads(x) for x in news.DEFAULT_GOLD.read_text(encoding="utf-8").splitlines() if x.strip()]


def test_gold_schema_and_codes():
    codes = news.cameo_codes()
    recs = gold_records()
    assert len(recs) >= 400
    assert len({r["id"] for r in recs}) == len(recs)
    assert len({(r["story"], r["start"]) for r in recs}) == len(recs)
    for r in recs:
        assert set(r) <= {"id", "story", "start", "end", "sha1", "events", "note"}, r["id"]
        assert 0 <= r["start"] < r["end"] and len(r["sha1"]) == 12, r["id"]
        for e in r["events"]:
            assert e["cameo"] in codes, (r["id"], e["cameo"])
            assert e["plover"] == (codes[e["cameo"]] or None), (r["id"], e["cameo"], e["plover"])
            assert e["modality"] in MODALITIES, r["id"]
            s, t = e["trigger"]
            assert 0 <= s < t <= r["end"] - r["start"], r["id"]
            for side in ("source", "target"):
                actor = e[side]
                assert actor is None or set(actor) == {"country", "sector"}, r["id"]


def test_gold_has_no_event_sentences_and_both_halves():
    recs = gold_records()
    empty = sum(not r["events"] for r in recs)
    assert 0 < empty < len(recs)
    halves = Counter(half_of(r["id"]) for r in recs)
    assert min(halves.values()) > 0.4 * len(recs)


def test_gold_reads_with_codebook_check():
    items = news.read_gold(news.DEFAULT_GOLD, cameo=news.cameo_codes())
    assert len(items) == len(gold_records())


def test_gold_spans_match_the_shared_stories():
    if not news.STORIES.exists():
        pytest.skip(f"shared Guardian stories absent ({news.STORIES}); the span check needs ../shared/data")
    items = news.read_gold(news.DEFAULT_GOLD)
    wanted = {g.story for g in items}
    texts = {k: t for k, _, t in news.read_stories() if k in wanted}
    news.check_spans(items, texts)  # raises on a span outside its story or a changed sentence
    for r in gold_records():  # triggers fall on word boundaries inside the sentence
        sent = texts[r["story"]][r["start"]:r["end"]]
        for e in r["events"]:
            word = sent[e["trigger"][0]:e["trigger"][1]]
            assert word.strip() == word and word, r["id"]


def test_changed_story_is_reported(tmp_path):
    g = news.GoldSentence(id="x", story="1", start=0, end=5, sha1=news.text_sha1("Hello"), events=())
    news.check_spans([g], {"1": "Hello world"})
    with pytest.raises(MalformedRecord, match="sha1"):
        news.check_spans([g], {"1": "Jello world"})
    with pytest.raises(MalformedRecord, match="missing or shorter"):
        news.check_spans([g], {"1": "Hel"})


def test_bad_gold_line_names_file_and_line(tmp_path):
    path = tmp_path / "g.jsonl"
    ok = {"id": "a", "story": "1", "start": 0, "end": 3, "sha1": "x" * 12, "events": []}
    bad = dict(ok, id="b", events=[{"cameo": "999", "source": None, "target": None}])
    path.write_text(json.dumps(ok) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(MalformedRecord) as err:
        news.read_gold(path, cameo=news.cameo_codes())
    assert f"{path}:2" in str(err.value) and "999" in str(err.value)


def ev(src, tgt, root, plover=None):
    return Coded(source=src, target=tgt, root=root, plover=plover)


def test_triples_match_as_multisets_with_null_countries():
    gold = [ev("TUR", "SYR", "19"), ev("TUR", "SYR", "19"), ev(None, "SYR", "18"), ev("IRN", "SYR", "18")]
    pred = [ev("TUR", "SYR", "19"), ev("TUR", None, "18"), ev(None, "SYR", "18"), ev(None, "SYR", "18")]
    assert matched(gold, pred, lambda e: e.triple) == 2  # one TUR>SYR 19 and one null>SYR 18
    assert matched(gold, pred, lambda e: e.root) == 3  # 19 once (coded once), 18 twice (gold twice)


def test_score_precision_recall_and_spurious_rate():
    gold = [[ev("USA", "IRN", "19", "ASSAULT")], [], [], [ev("RUS", "USA", "11", "ACCUSE")]]
    pred = [[ev("USA", "IRN", "19", "ASSAULT"), ev("IRN", "USA", "19", "ASSAULT")],
            [ev("GBR", None, "04", "CONSULT")], [], [ev("RUS", "USA", "10", "REQUEST")]]
    s = score(gold, pred)
    assert (s["gold_events"], s["coded_events"]) == (2, 4)
    assert s["triple"]["tp"] == 1 and s["triple"]["precision"] == 0.25 and s["triple"]["recall"] == 0.5
    assert s["root"]["tp"] == 1  # 19 once; the 11 was coded 10
    assert s["event_precision"] == {"root": 0.25, "triple": 0.25}
    assert s["spurious_event_rate"] == 0.5 and s["no_event_sentences"] == 2
    # USA>IRN paired with its gold (type right); RUS>USA paired with its gold (type wrong)
    assert s["plover_pairs"] == 2 and s["plover_accuracy"] == 0.5
    # the headline figures the scoreboard and its table read, at the top level
    assert (s["root_precision"], s["triple_f1"], s["root_recall"]) == (0.25, s["triple"]["f1"], 0.5)
    assert scoreboard.headlines("news", {"check": s})["news"]["check"]["root_precision"] == 0.25


def test_plover_pairs_need_same_actors_and_skip_statements():
    gold = [ev("USA", "IRN", "01", None), ev("USA", "IRN", "19", "ASSAULT")]
    pred = [ev("USA", "IRN", "17", "COERCE"), ev("USA", "IRN", "19", "ASSAULT"), ev("IRN", "USA", "19", "ASSAULT")]
    pairs = plover_pairs(gold, pred)
    assert [(g.plover, p.plover) for g, p in pairs] == [("ASSAULT", "ASSAULT")]


def test_score_with_no_coded_events_and_no_empty_sentences():
    s = score([[ev("USA", "IRN", "19")]], [[]])
    assert s["triple"]["recall"] == 0.0 and s["event_precision"]["root"] is None
    assert s["spurious_event_rate"] is None
    with pytest.raises(ValueError):
        score([[]], [])


def test_coder_actors_fold_to_gold_convention():
    actor = SimpleNamespace
    assert actor_country(actor(kind="igo", country="UNO", sector=None)) == "IGO"
    assert actor_country(actor(kind="state", country="EUR", sector="GOV")) == "IGO"
    assert actor_country(actor(kind="nonstate", country=None, sector="NGO")) == "NGO"
    assert actor_country(actor(kind="state", country="SYR", sector="MIL")) == "SYR"
    assert actor_country(actor(kind="unknown", country="", sector="REB")) is None
    assert actor_country(None) is None


def test_split_is_fixed_and_balanced():
    ids = [f"news-{i:03d}" for i in range(400)]
    assert [half_of(i) for i in ids] == [half_of(i) for i in ids]
    assert 150 < sum(half_of(i) == "tune" for i in ids) < 250
