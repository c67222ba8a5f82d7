"""Scale-out on a real Dask LocalCluster (2 workers, 1 thread each): same rows as one process."""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from flashpoint.scale import ingest
from flashpoint.store import Store
from tests.conftest import DEMO
from tests.test_store import snapshot

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Eight demo reports (including a duplicate-report pair) and one broken line."""
    lines = DEMO.read_text(encoding="utf-8").splitlines()[:8]
    path = tmp_path_factory.mktemp("scale") / "small.jsonl"
    path.write_text("\n".join(lines) + "\n" + json.dumps({"id": "broken"}) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def local_db(corpus, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("local") / "local.duckdb"
    with Store(db) as store:
        report = ingest([corpus], store, batch_size=3)
    assert (report.coded, report.failed) == (9, 1)
    return db


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as running:
        yield running


def test_a_local_cluster_gives_the_same_rows_as_one_process(cluster, corpus, local_db, tmp_path):
    db = tmp_path / "dask.duckdb"
    parts = tmp_path / "parts"
    with Store(db) as store:
        report = ingest([corpus], store, batch_size=3, dask=cluster.scheduler_address, parquet_dir=parts)
        assert (report.coded, report.failed) == (9, 1)
        assert len(report.parts) == 8  # 8 readable documents, about eight partitions per worker: one each
    with Store(db) as store:  # a re-run on the cluster codes nothing and changes nothing
        before = snapshot(store)
        again = ingest([corpus], store, batch_size=3, dask=cluster.scheduler_address, parquet_dir=parts)
        assert (again.coded, again.skipped, again.parts) == (1, 8, [])  # only the broken line is retried
        assert snapshot(store) == before
    with Store(db, read_only=True) as dask_store, Store(local_db, read_only=True) as local_store:
        assert snapshot(dask_store) == snapshot(local_store)
    written = sorted(parts.glob("*/part-*.parquet"))
    assert {p.parent.name for p in written} == {"documents", "mentions"} and len(written) == 16
    assert sum(pq.read_table(p).num_rows for p in written if p.parent.name == "mentions") == \
        snapshot_count(db, "mentions")


def test_partitions_give_every_worker_several_but_never_exceed_the_batch_size():
    from flashpoint.scale import partition_size

    assert partition_size(249, 32, slots=2) == 16      # 16 partitions, not 8 of 32
    assert partition_size(100_000, 32, slots=8) == 32  # a big corpus: the batch size
    assert partition_size(3, 32, slots=4) == 1
    assert partition_size(0, 32, slots=2) == 1


def test_partitions_are_cut_as_the_input_is_read():
    """The client sends each partition once it is read, not after reading the whole input."""
    from flashpoint.scale import _partitions

    read: list[int] = []

    def docs():
        for n in range(7):
            read.append(n)
            yield n

    parts = _partitions(docs(), 3)
    assert next(parts) == [0, 1, 2] and read == [0, 1, 2]
    assert list(parts) == [[3, 4, 5], [6]]


def test_each_worker_loads_the_pipeline_once(cluster, corpus, tmp_path):
    from distributed import Client

    with Store(tmp_path / "w.duckdb") as store:  # four partitions of two: both workers code several
        ingest([corpus], store, batch_size=2, dask=cluster.scheduler_address, parquet_dir=tmp_path / "p")
    with Client(cluster) as client:
        loads = client.run(_pipeline_loads)
    assert sorted(loads.values()) == [1, 1]


def _pipeline_loads() -> int:
    from flashpoint.coder import _default_pipeline

    return _default_pipeline.cache_info().misses


def test_the_workers_option_starts_its_own_cluster_and_gives_the_same_rows(corpus, local_db, tmp_path):
    """What 'flashpoint ingest --workers 2' runs: ingest starts and closes a LocalCluster itself."""
    with Store(tmp_path / "w2.duckdb") as store:
        report = ingest([corpus], store, batch_size=3, workers=2, parquet_dir=tmp_path / "parts")
        assert (report.coded, report.failed, len(report.parts)) == (9, 1, 8)
        got = snapshot(store)
    with Store(local_db, read_only=True) as local_store:
        assert got == snapshot(local_store)


def test_local_workers_option_and_a_bad_combination(corpus, tmp_path):
    from flashpoint.errors import ConfigError

    with Store(tmp_path / "x.duckdb") as store:
        with pytest.raises(ConfigError, match="not both"):
            ingest([corpus], store, dask="tcp://127.0.0.1:1", workers=2)


def snapshot_count(db: Path, table: str) -> int:
    with Store(db, read_only=True) as store:
        return store.counts()[table]


def test_workers_code_in_memory_zones_the_same_rows_and_keep_no_new_words(cluster, corpus, local_db, tmp_path):
    """Dask runs a partition on a worker thread; it codes in zones as the main thread does."""
    from distributed import Client

    from tests.test_memory_zone import INVENTED

    new = tmp_path / "new.jsonl"
    new.write_text("".join(json.dumps({"id": f"new-{n}", "date": "2020-01-09", "text": INVENTED.replace(
        "Qaxtrovia", word)}) + "\n" for n, word in enumerate(["Drummelvik", "Quorsetta", "Vindralupo"])))
    with Client(cluster) as client:
        client.run(_zones_from_the_first_document)
        with Store(tmp_path / "z.duckdb") as store:
            ingest([corpus], store, batch_size=3, dask=cluster.scheduler_address, parquet_dir=tmp_path / "p")
            got = snapshot(store)
        first = client.run(_strings)
        with Store(tmp_path / "z.duckdb") as store:
            report = ingest([new], store, batch_size=1, dask=cluster.scheduler_address, parquet_dir=tmp_path / "p")
            assert (report.coded, report.failed) == (3, 0) and report.mentions_added >= 3
        second = client.run(_strings)
    with Store(local_db, read_only=True) as local_store:
        assert got == snapshot(local_store)
    assert second == first and not any(seen for _, seen in second.values())


def _zones_from_the_first_document() -> None:
    from flashpoint.coder import _default_pipeline
    from flashpoint.config import load_config

    _default_pipeline(load_config()).warm_chars = 0


def _strings() -> tuple[int, bool]:
    from flashpoint.coder import _default_pipeline
    from flashpoint.config import load_config

    strings = _default_pipeline(load_config()).stages[0].nlp.vocab.strings
    return len(strings), any(w in strings for w in ("Drummelvik", "Quorsetta", "Vindralupo"))


def test_the_local_cluster_runs_without_dasks_profiler():
    """Its samples of the coding thread's stack made a worker's memory grow with the run."""
    from distributed import Client

    from flashpoint.scale import local_cluster

    with local_cluster(1) as cluster, Client(cluster) as client:
        running = client.run(lambda dask_worker: sorted(dask_worker.periodic_callbacks))
    (callbacks,) = running.values()
    assert "profile" not in callbacks and "profile-cycle" not in callbacks and callbacks  # others still run
