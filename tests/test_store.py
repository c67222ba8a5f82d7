"""The store on hand-built documents and mention rows (no spaCy model needed)."""
from __future__ import annotations

import datetime as dt
import random

import pandas as pd
import pyarrow as pa
import pytest

from flashpoint.errors import StoreError
from flashpoint.model import Actor, Document, Event, EventDate, Place
from flashpoint.pipeline import Failure
from flashpoint.schema import MENTION_SCHEMA
from flashpoint.store import Store, coded_tables

D = dt.date
T = pd.Timestamp  # pandas results hold dates as Timestamps


def snapshot(store: Store) -> dict[str, list[tuple]]:
    """Every row of every table, sorted: two stores are equal when their snapshots are."""
    return {t: sorted(store.con.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
            for t in ("documents", "mentions", "events", "event_mentions", "pending_blocks", "pending_documents",
                      "pending_rows")}


def event(doc_id, sentence, cameo="190", src="USA", tgt="IRN", *, modality="asserted", day="2020-01-03",
          place=None):
    text = f"Sentence {sentence} of {doc_id}."
    return Event(doc_id=doc_id, sentence_index=sentence, evidence_start=10 * sentence,
                 evidence_end=10 * sentence + len(text), evidence_text=text, trigger="struck",
                 trigger_start=10 * sentence + 2, cameo=cameo, plover_type="ASSAULT", goldstein=-10.0,
                 quad_class=4, source=Actor(src, 0, 3, country=src), target=Actor(tgt, 5, 8, country=tgt),
                 modality=modality, date=EventDate(day, "day", "Friday"),
                 locations=(place,) if place else ())


def document(doc_id, events, *, outlet="Wire", published=D(2020, 1, 4)):
    return Document(id=doc_id, text=f"text of {doc_id}", date=published, source=outlet,
                    url=f"https://example.org/{doc_id}", origin=f"corpus.jsonl:{doc_id}", events=tuple(events))


BAGHDAD = Place("Baghdad", 0, 7, country="IRQ", admin1="07", lat=33.34, lon=44.40)


def corpus():
    return [
        document("a", [event("a", 0, place=BAGHDAD), event("a", 1, cameo="130")], outlet="Wire"),
        document("b", [event("b", 0), event("b", 2, modality="negated")], outlet="Gazette",
                 published=D(2020, 1, 5)),
        document("c", [event("c", 0, src="IRN", tgt="USA", day="2020-01-08")], outlet="Wire"),
        Failure("corpus.jsonl:4", "corpus.jsonl:4", "ingest", ValueError("no text")),
    ]


def test_a_batch_written_twice_adds_nothing(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        assert store.add_coded(corpus(), refresh=True) == 5
        first = snapshot(store)
        assert store.add_coded(corpus(), refresh=True) == 0
        assert snapshot(store) == first


def test_a_failing_document_is_recorded_with_its_error_and_the_rest_are_stored(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.add_coded(corpus(), refresh=True)
        docs = store.documents().set_index("doc_id")
        assert docs.loc["corpus.jsonl:4", "status"] == "failed"
        assert "no text" in docs.loc["corpus.jsonl:4", "error"]
        assert docs.loc["corpus.jsonl:4", "stage"] == "ingest"
        assert (docs.drop("corpus.jsonl:4")["status"] == "ok").all()
        assert store.counts() == {"documents": 4, "mentions": 5, "events": 4, "failed": 1}


def keyed_documents(path):
    """A store as versions before the keyless ``documents`` made it: a key on doc_id."""
    import duckdb

    from flashpoint.store import DOCUMENT_SCHEMA
    from flashpoint.store.ddl import columns_sql

    con = duckdb.connect(str(path))
    con.execute(f"CREATE TABLE documents ({columns_sql(DOCUMENT_SCHEMA, key='doc_id')})")
    con.close()
    return Store(path)


@pytest.mark.parametrize("make", [Store, keyed_documents])
def test_a_failed_document_is_replaced_when_it_later_succeeds_but_ok_is_never_overwritten(tmp_path, make):
    """In a new store (no key on doc_id) and in one made with the key (the retry deletes the failed
    row and inserts its replacement in one transaction)."""
    with make(tmp_path / "s.duckdb") as store:
        keyed = store.con.execute("SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'documents' "
                                  "AND constraint_type = 'PRIMARY KEY'").fetchall()[0][0]
        assert keyed == (make is keyed_documents)
        store.add_coded([Failure("x", "x.txt", "parse", RuntimeError("boom"))])
        store.add_coded([document("x", [event("x", 0)])])
        store.add_coded([Failure("x", "x.txt", "parse", RuntimeError("boom again"))])
        row = store.documents().iloc[0]
        assert (row["doc_id"], row["status"], row["n_mentions"]) == ("x", "ok", 1)
        assert store.ok_doc_ids() == {"x"}
        store.add_coded([Failure("y", "y.txt", "parse", RuntimeError("boom")), document("z", [event("z", 0)])])
        store.add_coded([document("y", [event("y", 0)]), Failure("z", "z.txt", "parse", RuntimeError("late"))])
        assert store.documents()[["doc_id", "status"]].values.tolist() == [["x", "ok"], ["y", "ok"], ["z", "ok"]]


def test_events_merge_reports_and_keep_counts_dates_place_and_evidence(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.add_coded(corpus(), refresh=True)
        ev = store.events(("USA", "IRN"))
        strike = ev[ev.cameo == "190"].iloc[0]
        assert (strike.mention_count, strike.source_count, strike.doc_count) == (2, 2, 2)
        assert (strike.first_seen, strike.last_seen) == (T(2020, 1, 4), T(2020, 1, 5))
        assert (strike.date, strike.date_precision, strike.place) == (T(2020, 1, 3), "day", "Baghdad")
        assert strike.happened and strike.event_id == min(store.mentions(event_id=strike.event_id).mention_id)
        assert len(ev) == 2  # the strike and the threat the same day stay separate
        evidence = store.mentions(event_id=strike.event_id)
        assert set(evidence.doc_id) == {"a", "b"}
        assert evidence.evidence_text.str.startswith("Sentence 0 of").all()
        assert evidence[["sentence_index", "evidence_start", "evidence_end"]].notna().all().all()


def test_negated_mentions_are_stored_but_not_counted_as_happened(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.add_coded(corpus(), refresh=True)
        assert "negated" in set(store.mentions().modality)
        assert store.events(("USA", "IRN"), happened=True).happened.all()
        denied = store.events(("USA", "IRN"), happened=False)
        assert len(denied) == 1 and denied.iloc[0].mention_count == 1 and denied.iloc[0].modality == "negated"
        assert len(store.events(("USA", "IRN"), happened=None)) == 3


def test_event_queries_filter_by_dyad_direction_dates_and_actor(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.add_coded(corpus(), refresh=True)
        assert set(store.events(("IRN", "USA")).date) == {T(2020, 1, 8)}
        assert store.events(("USA", "IRN"), start="2020-01-04").empty
        assert len(store.events(("USA", "IRN"), start=D(2020, 1, 3), end="2020-01-03")) == 2
        assert len(store.events(actor="IRN")) == 3
        table = store.events_arrow(("USA", "IRN"), limit=1)
        assert isinstance(table, pa.Table) and table.num_rows == 1
        with pytest.raises(StoreError, match="two actor codes"):
            store.events(("USA",))
        with pytest.raises(StoreError, match="not a date"):
            store.events(start="January")


def test_a_missing_store_is_a_clear_error_when_reading(tmp_path):
    with pytest.raises(StoreError, match="no store") as err:
        Store(tmp_path / "none.duckdb", read_only=True)
    assert "flashpoint ingest" in err.value.fix


def rows(n: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        out.append({"mention_id": f"r{i:04d}", "doc_id": f"doc{i // 3}", "origin": "gdelt", "origin_id": str(i),
                    "source_country": rng.choice(["USA", "IRN", "IRQ"]), "target_country": rng.choice(["IRN", "USA"]),
                    "cameo": rng.choice(["190", "130", "042"]), "date": D(2020, 1, 1) + dt.timedelta(rng.randint(0, 9)),
                    "date_precision": "day", "published": D(2020, 1, 10), "source_name": rng.choice("ABC")})
    return out


def test_batches_in_any_order_give_the_same_rows_as_one_load(tmp_path):
    data = rows(120, seed=7)
    with Store(tmp_path / "one.duckdb") as one:
        one.load_mentions(pa.Table.from_pylist(data, schema=MENTION_SCHEMA))
        expected = snapshot(one)
    shuffled = data[:]
    random.Random(3).shuffle(shuffled)
    with Store(tmp_path / "many.duckdb") as many:
        for start in range(0, len(shuffled), 25):
            many.load_mentions(pa.Table.from_pylist(shuffled[start:start + 25], schema=MENTION_SCHEMA),
                               chunk_rows=7)
        assert snapshot(many) == expected
        many.rebuild_events()
        assert snapshot(many) == expected
        many.optimize()  # same rows, stored sorted by dyad and date
        assert snapshot(many) == expected
        dyads = many.con.execute("SELECT source_country, target_country, date FROM events").fetchall()
        assert dyads == sorted(dyads)


def test_a_writing_store_uses_its_thread_setting_and_the_rows_do_not_depend_on_it(tmp_path, monkeypatch):
    from flashpoint.store import database

    data = pa.Table.from_pylist(rows(300, seed=11), schema=MENTION_SCHEMA)
    got = []
    for threads in ("1", "2"):
        monkeypatch.setattr(database, "WRITE_THREADS", threads)
        with Store(tmp_path / f"t{threads}.duckdb") as store:
            assert store.con.execute("SELECT current_setting('threads')").fetchall()[0][0] == int(threads)
            store.load_mentions(data, chunk_rows=40)
            got.append(snapshot(store))
    assert got[0] == got[1]


def test_unset_the_writing_store_keeps_duckdbs_own_thread_count(tmp_path, monkeypatch):
    import duckdb

    from flashpoint.store import database

    monkeypatch.setattr(database, "WRITE_THREADS", "")
    default = duckdb.connect().execute("SELECT current_setting('threads')").fetchall()[0][0]
    with Store(tmp_path / "d.duckdb") as store:
        assert store.con.execute("SELECT current_setting('threads')").fetchall()[0][0] == default


def test_a_bad_write_thread_setting_is_a_clear_error(tmp_path, monkeypatch):
    from flashpoint.store import database

    monkeypatch.setattr(database, "WRITE_THREADS", "two")
    with pytest.raises(StoreError, match="FLASHPOINT_DB_WRITE_THREADS") as err:
        Store(tmp_path / "bad.duckdb")
    assert "whole number" in err.value.fix
    assert not (tmp_path / "bad.duckdb").exists()


def test_load_mentions_fills_missing_columns_and_makes_documents(tmp_path):
    table = pa.table({"mention_id": ["g1", "g2"], "doc_id": ["u1", "u1"], "origin": ["gdelt", "gdelt"],
                      "source_country": ["USA", "USA"], "target_country": ["IRN", "IRN"],
                      "cameo": ["190", "193"], "date": pa.array([D(2020, 1, 3)] * 2, pa.date32())})
    with Store(tmp_path / "s.duckdb") as store:
        assert store.load_mentions(table) == 2
        assert store.load_mentions(table) == 0
        doc = store.documents().iloc[0]
        assert (doc.doc_id, doc.dataset, doc.status, doc.n_mentions) == ("u1", "gdelt", "ok", 2)
        ev = store.events(("USA", "IRN"))
        assert (len(ev), ev.iloc[0].mention_count, ev.iloc[0].origins) == (1, 2, "gdelt")


def test_daily_counts_leave_out_recalled_acts_as_the_dyad_series_does(tmp_path):
    """A material act dated only 'before' its report is a retrospective mention: not a count on
    its publication day; a statement so dated still counts."""
    n = 3
    table = pa.table({"mention_id": [f"m{i}" for i in range(n)], "doc_id": [f"d{i}" for i in range(n)],
                      "origin": ["test"] * n, "source_country": ["IRN"] * n, "target_country": ["USA"] * n,
                      "cameo": ["195", "195", "111"], "quad_class": pa.array([4, 4, 3], pa.int8()),
                      "date": pa.array([D(2020, 1, 8), D(2020, 1, 13), D(2020, 1, 13)], pa.date32()),
                      "date_precision": ["day", "unknown", "unknown"]})
    with Store(tmp_path / "s.duckdb") as store:
        store.load_mentions(table)
        counts = store.daily_counts()
    got = sorted((str(r.date)[:10], int(r.quad_class), int(r.n)) for r in counts.itertuples())
    assert got == [("2020-01-08", 4, 1), ("2020-01-13", 3, 1)]


def test_actor_events_can_read_some_columns_of_one_quad_class_and_refuse_others(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.add_coded(corpus(), refresh=True)
        some = store.actor_events(["USA"], quad_class=4, columns=["event_id", "date", "cameo", "quad_class"])
        assert list(some.columns) == ["event_id", "date", "cameo", "quad_class"]
        assert len(some) and set(some["quad_class"]) == {4}
        with pytest.raises(StoreError, match="no column"):
            store.actor_events(["USA"], columns=["cameo; DROP TABLE events"])


def test_load_mentions_refuses_unknown_columns_and_bad_types(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        with pytest.raises(StoreError, match="does not know.*'actor1'"):
            store.load_mentions(pa.table({"mention_id": ["x"], "actor1": ["USA"]}))
        with pytest.raises(StoreError, match="cannot be cast"):
            store.load_mentions(pa.table({"mention_id": ["x"], "date": ["not a date"]}))
        assert store.counts()["mentions"] == 0


def test_an_older_file_gains_new_schema_columns(tmp_path):
    path = tmp_path / "old.duckdb"
    with Store(path) as store:
        store.con.execute("ALTER TABLE mentions DROP COLUMN confidence")
    with Store(path) as store:
        cols = [r[0] for r in store.con.execute("DESCRIBE mentions").fetchall()]
        assert "confidence" in cols


def test_coded_tables_follow_the_schemas():
    docs, mentions = coded_tables(corpus())
    assert mentions.schema == MENTION_SCHEMA
    assert docs.num_rows == 4 and mentions.num_rows == 5
    assert set(mentions.column("published").to_pylist()) == {D(2020, 1, 4), D(2020, 1, 5)}



def plain(frame: pd.DataFrame) -> list[dict]:
    """Rows as dicts with every missing value None (dtypes aside)."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def test_a_dyads_events_come_in_both_directions_a_to_b_first(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.add_coded(corpus() + [document("e", [event("e", 0, src="IRN", tgt="USA", day="2020-01-01")])],
                        refresh=True)
        both = store.dyad_events("USA", "IRN")
        expected = pd.concat([store.events(("USA", "IRN")), store.events(("IRN", "USA"))], ignore_index=True)
        # one query, so an all-null text column keeps the text dtype that a concat of frames loses
        assert plain(both) == plain(expected)
        assert list(both.source_country) == ["USA", "USA", "IRN", "IRN"]   # not by date: a to b first
        assert store.dyad_events("USA", "IRN", end="2020-01-05").source_country.tolist() == ["USA", "USA", "IRN"]
        assert len(store.dyad_events("USA", "IRN", happened=None)) == 5


def test_actor_events_list_each_event_once_grouped_by_the_first_actor_it_has(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.add_coded(corpus() + [document("d", [event("d", 0, src="IRQ", tgt="SYR", day="2020-01-01")])],
                        refresh=True)
        got = store.actor_events(["IRN", "IRQ", "USA"])
        old = pd.concat([store.events(actor=x) for x in ("IRN", "IRQ", "USA")], ignore_index=True)
        assert plain(got) == plain(old.drop_duplicates("event_id", ignore_index=True))
        assert got.source_country.tolist() == ["USA", "USA", "IRN", "IRQ"]
        with pytest.raises(StoreError, match="no actor codes"):
            store.actor_events([])
        # as sources only: the same rows in the same order, less those where no actor is the source
        by = store.actor_events(["IRN", "SYR"], sources_only=True)
        either = store.actor_events(["IRN", "SYR"])
        assert len(by) < len(either)
        assert plain(by) == plain(either[either.source_country.isin(["IRN", "SYR"])].reset_index(drop=True))


def test_dataset_rows_are_a_datasets_own_rows_by_their_ids(tmp_path):
    rows = [{"mention_id": f"gdelt:{i}", "doc_id": f"d{i}", "origin": "gdelt", "origin_id": str(i), "cameo": "190",
             "source_country": "USA", "target_country": "IRN", "date": D(2020, 1, i)} for i in (1, 2, 3)]
    rows.append({**rows[0], "mention_id": "gdelt-mention:x", "doc_id": "m"})   # a mention row of event 1
    rows.append({**rows[1], "mention_id": "icews:2", "origin": "icews"})     # another dataset's id 2
    with Store(tmp_path / "s.duckdb") as store:
        store.load_mentions(pa.Table.from_pylist(rows, schema=MENTION_SCHEMA))
        got = store.dataset_rows("gdelt", pa.array(["2", "1", "9", "1"]))
        assert sorted(got.column("mention_id").to_pylist()) == ["gdelt:1", "gdelt:2"]
        assert got.column_names == MENTION_SCHEMA.names


def rows_of(pairs, *, day="2020-01-03", start=0):
    return pa.Table.from_pylist(
        [{"mention_id": f"m:{start + k}", "doc_id": f"m:{start + k}", "origin": "testset", "origin_id": str(start + k),
          "source_country": s, "target_country": t, "cameo": "190", "quad_class": 4, "goldstein": -10.0,
          "date": D.fromisoformat(day), "date_precision": "day"} for k, (s, t) in enumerate(pairs)],
        schema=MENTION_SCHEMA)


def test_every_write_to_the_events_renews_the_stores_change_marker_and_nothing_else_does(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        empty = store.events_version()
        store.load_mentions(rows_of([("USA", "IRN"), ("IRN", "USA")]))
        loaded = store.events_version()
        store.load_mentions(rows_of([("USA", "IRN"), ("IRN", "USA")]))     # the same rows: nothing added
        again = store.events_version()
        store.optimize()                                                   # rewrites the table
        sorted_ = store.events_version()
        store.add_coded([document("d1", [event("d1", 0, src="RUS", tgt="UKR")])], refresh=True)   # an ingest
        coded = store.events_version()
    assert empty and loaded != empty and again == loaded
    assert len({empty, loaded, sorted_, coded}) == 4
    assert loaded.endswith(":2") and coded.endswith(":3")                 # the events' row count is part of it
    with Store(path, read_only=True) as store:
        assert store.events_version() == coded                              # reading changes nothing


def test_a_store_without_a_marker_has_none_until_a_writer_opens_it(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.load_mentions(rows_of([("USA", "IRN")]))
        store.con.execute("DELETE FROM meta WHERE key = 'events_version'")   # as a store made before markers
    with Store(path, read_only=True) as store:
        assert store.events_version() is None
    with Store(path) as store:
        assert store.events_version().endswith(":1")


def test_a_pairs_daily_counts_are_its_rows_of_all_the_counts(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.load_mentions(rows_of([("USA", "IRN"), ("IRN", "USA"), ("USA", "RUS"), ("IRN", "IRQ"), ("USA", "IRN")]))
        store.load_mentions(rows_of([("IRN", "USA"), ("USA", "IRN")], day="2020-02-01", start=10))
        every = store.daily_counts()
        pair = store.daily_counts(pair=("USA", "IRN"))
        assert pair.equals(store.daily_counts(pair=("IRN", "USA")))
        cut = store.daily_counts(pair=("USA", "IRN"), end="2020-01-31")
    mine = every[every["source"].isin(["USA", "IRN"]) & every["target"].isin(["USA", "IRN"])].reset_index(drop=True)
    assert len(pair) == 4 and pair.equals(mine)
    assert len(cut) == 2 and (pd.to_datetime(cut["date"]) <= T("2020-01-31")).all()
