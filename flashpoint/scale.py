"""Coding a corpus into the store: in this process, or on a Dask cluster.

:func:`ingest` reads the inputs, skips documents the store already holds as
'ok' (so a re-run or a resumed run codes only what is missing), codes the rest
with the coder façade and writes each batch of documents + mentions in one
transaction, then brings the merged events up to date.

With ``dask="tcp://host:port"`` (or ``workers=N`` for a local cluster) the
documents are coded on Dask workers instead. Each worker loads the pipeline
once (a worker plugin) and writes its partition as a pair of Parquet files
(``documents/part-<hash>.parquet``, ``mentions/part-<hash>.parquet``); the
client loads each pair into the store in one transaction as it arrives. The
rows are the same as a single-process run gives, because both paths make them
with :func:`flashpoint.store.coded_tables` and the store's writes are
order-independent.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .coder import code_documents, code_text
from .config import Config, load_config
from .errors import ConfigError
from .model import Document
from .pipeline import Failure
from .progress import Phased
from .readers import parse_date, read_paths
from .store import Store, coded_tables

Progress = Callable[[int], None]


@dataclass
class IngestReport:
    """What an ingest did."""

    seen: int = 0            # documents (and unreadable inputs) read
    skipped: int = 0         # already in the store as 'ok', or repeated in the input
    coded: int = 0           # coded in this run (successes and failures)
    failed: int = 0          # failed in this run (recorded in the store with their error)
    mentions_added: int = 0
    events_refreshed: int = 0
    parts: list[str] = field(default_factory=list)  # Parquet parts written (Dask runs)
    errors: list[str] = field(default_factory=list)  # the first MAX_ERRORS failures' messages (file, line, fix)

    def note_failures(self, messages: Iterable[str]) -> None:
        """Keep the first :data:`MAX_ERRORS` failure messages of the run (all are counted in ``failed``)."""
        self.errors.extend(itertools.islice(messages, max(0, MAX_ERRORS - len(self.errors))))


MAX_ERRORS = 20  # failure messages an ingest prints; the rest are in the store's documents table


def ingest(paths: Iterable[str | Path], store: Store, *, config: Config | None = None,
           date: str | dt.date | None = None, batch_size: int = 32, progress: Progress | None = None,
           dask: str | None = None, workers: int | None = None, parquet_dir: str | Path | None = None
           ) -> IngestReport:
    """Code files, folders and JSONL into ``store``; see the module docstring."""
    if dask and workers:
        raise ConfigError("give either a Dask scheduler address or a number of local workers, not both",
                          where="--dask/--workers", fix="drop one of the two options")
    if workers is not None and workers < 1:
        raise ConfigError(f"a local cluster needs at least one worker, not {workers}", where="--workers",
                          fix="give --workers 1 or more")
    if batch_size < 1:
        raise ConfigError(f"batch size must be at least 1, not {batch_size}", where="--batch-size",
                          fix="give a positive number")
    config = config or load_config()
    report = IngestReport()
    items = _unstored(read_paths(paths, date=parse_date(date, where="--date"), max_bytes=config.max_bytes),
                      store, report)
    if dask or workers:
        out = Path(parquet_dir) if parquet_dir else Path(f"{store.path}.parts")
        _ingest_dask(items, store, report, config=config, address=dask, workers=workers, out=out,
                     batch_size=batch_size, progress=progress)
    else:
        _ingest_local(items, store, report, config=config, batch_size=batch_size, progress=progress)
    # a bar of phases shows the merge too; a plain callback counts documents only
    report.events_refreshed = store.refresh_events(progress=progress if isinstance(progress, Phased) else None)
    return report


def _unstored(items: Iterable[Document | Failure], store: Store, report: IngestReport
              ) -> Iterator[Document | Failure]:
    """Inputs not yet stored as 'ok' (failed ones are retried), each id once."""
    done = store.ok_doc_ids()
    seen: set[str] = set()
    for item in items:
        report.seen += 1
        key = item.doc_id if isinstance(item, Failure) else item.id
        if key in done or key in seen:
            report.skipped += 1
            continue
        seen.add(key)
        yield item


def _ingest_local(items: Iterable[Document | Failure], store: Store, report: IngestReport, *,
                  config: Config, batch_size: int, progress: Progress | None) -> None:
    batch: list[Document | Failure] = []
    for item in code_documents(items, config=config, keep_parse=False):
        batch.append(item)
        if len(batch) >= batch_size:
            _store_batch(batch, store, report, progress)
            batch = []
    if batch:
        _store_batch(batch, store, report, progress)


def _store_batch(batch: list[Document | Failure], store: Store, report: IngestReport,
                 progress: Progress | None) -> None:
    report.mentions_added += store.add_coded(batch)
    report.coded += len(batch)
    report.failed += sum(isinstance(i, Failure) for i in batch)
    report.note_failures(str(i) for i in batch if isinstance(i, Failure))
    if progress:
        progress(len(batch))


# --- Dask --------------------------------------------------------------------------------

def pipeline_loader(config: Config) -> Any:
    """A Dask worker plugin that loads the pipeline (spaCy model and tables) once per worker."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class PipelineLoader(WorkerPlugin):  # type: ignore[misc]
        name = "flashpoint-pipeline"
        idempotent = True  # registering again on the same cluster does not reload

        def __init__(self, config: Config):
            self.config = config

        def setup(self, worker: Any) -> None:
            code_text("Iran protested.", date="2020-01-01", config=self.config)  # loads and caches everything

        def teardown(self, worker: Any) -> None:
            # The worker's exit would garbage-collect the millions of objects of the loaded tables,
            # longer than the nanny waits (it killed each worker after 4 s); frozen, they are left
            # to the process's end.
            import gc

            gc.freeze()

    return PipelineLoader(config)


def code_partition(docs: list[Document], config: Config, out_dir: str, name: str) -> dict[str, Any]:
    """Code one partition on a worker and write it as Parquet; returns counts and paths."""
    import pyarrow.parquet as pq

    items = list(code_documents(docs, config=config, keep_parse=False))
    doc_table, mention_table = coded_tables(items)
    paths = {}
    for kind, table in (("documents", doc_table), ("mentions", mention_table)):
        target = Path(out_dir) / kind / f"{name}.parquet"
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".tmp{os.getpid()}")
        pq.write_table(table, tmp)
        os.replace(tmp, target)  # readers never see a half-written part
        paths[kind] = str(target)
    errors = [str(i) for i in items if isinstance(i, Failure)]
    return {"name": name, "docs": len(items), "failed": len(errors), "errors": errors[:MAX_ERRORS], **paths}


def _ingest_dask(items: Iterable[Document | Failure], store: Store, report: IngestReport, *, config: Config,
                 address: str | None, workers: int | None, out: Path, batch_size: int,
                 progress: Progress | None) -> None:
    """Partitions are sent as the input is read, a few per worker thread at a time, so the
    client holds a window of the input, not all of it; they are cut as :func:`partition_size`
    cuts the whole input (it is read ahead far enough to tell)."""
    from distributed import Client, as_completed

    failures: list[Failure] = []  # inputs that could not even be read: recorded here, nothing to send
    docs = _readable(items, failures)
    first = list(itertools.islice(docs, 1))
    if not first:
        if failures:
            _store_batch(failures, store, report, progress)
        return
    cluster = None if address else local_cluster(workers or 1)
    try:
        with Client(address or cluster) as client:
            client.register_plugin(pipeline_loader(config))
            slots = sum(client.nthreads().values()) or 1
            # partition_size gives the batch size once the input holds this many documents
            head = first + list(itertools.islice(docs, 8 * slots * batch_size - 1))
            parts = _partitions(itertools.chain(head, docs), partition_size(len(head), batch_size, slots=slots))
            running = as_completed()

            def send(n: int) -> None:
                for part in itertools.islice(parts, n):
                    running.add(client.submit(code_partition, part, config, str(out.resolve()),
                                              _part_name(part), pure=False))
            send(4 * slots)
            for fut in running:
                info = fut.result()
                send(1)
                report.mentions_added += store.load_parquet(info["documents"], info["mentions"])
                report.coded += info["docs"]
                report.failed += info["failed"]
                report.note_failures(info.get("errors", []))
                report.parts.append(info["name"])
                if progress:
                    progress(info["docs"])
    finally:
        if cluster is not None:
            cluster.close()
    if failures:
        _store_batch(failures, store, report, progress)


def local_cluster(workers: int) -> Any:
    """A Dask LocalCluster of ``workers`` processes of one thread each, without Dask's statistical
    profiler: every 10 ms it samples the coding thread's call stack (spaCy and thinc's, dozens of
    frames deep) into a tree of dicts and keeps one tree per second for the last 1,000 seconds,
    so a worker's memory grew with the run (one worker coding the 249 Guardian stories twice:
    34,760 more dicts after the second pass, 19,000 of them profile nodes, about 14 MB a pass)."""
    import dask
    from distributed import LocalCluster

    with dask.config.set({"distributed.worker.profile.enabled": False}):  # the nannies pass it on
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0")


def _readable(items: Iterable[Document | Failure], failures: list[Failure]) -> Iterator[Document]:
    """The documents of ``items``; the failures are added to ``failures``."""
    for item in items:
        if isinstance(item, Failure):
            failures.append(item)
        else:
            yield item


def partition_size(n_docs: int, batch_size: int, *, slots: int) -> int:
    """Documents per partition: at most ``batch_size``, and small enough that every worker
    thread gets about eight partitions, so no worker codes a long last partition alone while
    the others wait (249 stories on 2 workers: 16 partitions of 16, not 8 of 32)."""
    return max(1, min(batch_size, -(-n_docs // (8 * max(1, slots)))))


def _partitions(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    docs = iter(docs)
    while part := list(itertools.islice(docs, size)):
        yield part


def _part_name(docs: list[Document]) -> str:
    """A stable name from the partition's document ids: a re-run rewrites the same files."""
    digest = hashlib.sha1("\n".join(d.id for d in docs).encode("utf-8")).hexdigest()[:16]
    return f"part-{digest}"
