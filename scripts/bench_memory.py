"""Peak memory of coding many documents on the paths that run outside the CLI's main thread:
``flashpoint ingest --workers N`` (a local Dask cluster of worker processes) and the web API's
``POST /api/code`` (a request thread of ``flashpoint serve``).

    python scripts/bench_memory.py ingest --copies 1 4 --workers 2
    python scripts/bench_memory.py web --copies 1 4 --per-post 10
    python scripts/bench_memory.py ingest --copies 1 --src /tmp/old-checkout   # another version's code

The input is the 249 Guardian stories, read at run time from
../shared/data/ngec/Guardian_SDF_sample.csv.zip (nothing copied into the project), repeated
``--copies`` times with distinct ids (``guardian-7`` becomes ``guardian-7~2`` in the second copy):
the same words again, so what grows from 1x to 4x is what a run keeps per document.

Each run is a subprocess (``python -m flashpoint``, with ``--src`` first on PYTHONPATH); a sampler
reads the resident memory (RSS) of it and all its descendants every 0.1 s and prints each
process's peak, the peak of their sum, and the wall time. ``ingest`` prints an md5 of the
store's sorted rows (documents, mentions, events, event_mentions); ``web`` posts the documents
``--per-post`` at a time in a loop and prints an md5 of the sorted event records it got back.
Numbers are printed, never asserted.
"""
from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))


def corpus(path: Path, copies: int) -> int:
    """The Guardian stories ``copies`` times over, with distinct ids, as JSONL; returns their number."""
    from bench_coding import stories

    n = 0
    with path.open("w", encoding="utf-8") as out:
        for copy in range(copies):
            for doc in stories(None):
                doc_id = doc.id if copy == 0 else f"{doc.id}~{copy + 1}"
                out.write(json.dumps({"id": doc_id, "date": doc.date.isoformat() if doc.date else None,
                                      "source": doc.source, "text": doc.text}) + "\n")
                n += 1
    return n


class Sampler:
    """Peak RSS of a process and its descendants, sampled every ``every`` seconds in a thread."""

    def __init__(self, pid: int, every: float = 0.1):
        import psutil

        self.root = psutil.Process(pid)
        self.every = every
        self.peaks: dict[int, tuple[int, str]] = {}  # pid -> (peak bytes, short name)
        self.total = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                return
            total = 0
            for p in procs:
                try:
                    rss = p.memory_info().rss
                    name = "main" if p.pid == self.root.pid else _role(p)
                except psutil.Error:
                    continue
                total += rss
                best = self.peaks.get(p.pid, (0, name))[0]
                self.peaks[p.pid] = (max(best, rss), name)
            self.total = max(self.total, total)
            time.sleep(self.every)

    def report(self) -> str:
        mb = 1024 * 1024
        big = sorted(((peak, name, pid) for pid, (peak, name) in self.peaks.items() if peak > 50 * mb), reverse=True)
        each = ", ".join(f"{name} {peak / mb:.0f}" for peak, name, pid in big)
        return f"peak RSS MB: sum {self.total / mb:.0f}; each {each}"


def _role(proc: object) -> str:
    cmd = " ".join(proc.cmdline())  # type: ignore[attr-defined]
    return "worker" if "multiprocessing" in cmd or "spawn" in cmd else "child"


def _env(src: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(src), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["FLASHPOINT_TOKEN"] = "bench-memory"
    return env


def bench_ingest(src: Path, path: Path, n: int, tmp: Path, workers: int) -> None:
    db = tmp / f"ingest-{n}.duckdb"
    cmd = [sys.executable, "-m", "flashpoint", "ingest", str(path), "--db", str(db), "--quiet"]
    if workers:
        cmd += ["--workers", str(workers)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=_env(src), cwd=tmp)
    with Sampler(proc.pid) as sampler:
        rc = proc.wait()
    secs = time.perf_counter() - t0
    print(f"ingest {n} docs, workers={workers}: rc {rc}, {secs:.1f} s wall; {sampler.report()}; "
          f"{_store_digest(db, tmp)}; load {os.getloadavg()[0]:.2f}", flush=True)


def _store_digest(db: Path, tmp: Path) -> str:
    """Counts and an md5 of each table's sorted rows; the input's temporary folder (in each
    document's origin) is read as TMP, so two runs' digests compare."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    digest = hashlib.md5()
    counts = []
    for table in ("documents", "mentions", "events", "event_mentions"):
        rows = sorted(repr(row).replace(str(tmp), "TMP") for row in con.execute(f"SELECT * FROM {table}").fetchall())
        counts.append(f"{table} {len(rows)}")
        digest.update("\n".join(rows).encode())
    con.close()
    return f"{', '.join(counts)}; rows md5 {digest.hexdigest()}"


def bench_web(src: Path, path: Path, n: int, tmp: Path, per_post: int) -> None:
    port = _free_port()
    db = tmp / f"web-{n}.duckdb"
    from flashpoint.store import Store

    Store(db).close()  # an empty store to serve: /api/code stores nothing
    cmd = [sys.executable, "-m", "flashpoint", "serve", "--db", str(db), "--port", str(port)]
    server = subprocess.Popen(cmd, env=_env(src), cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_up(port, server)
        docs = [json.loads(line) for line in path.open(encoding="utf-8")]
        records: list[str] = []
        failures = 0
        t0 = time.perf_counter()
        with Sampler(server.pid) as sampler:
            con = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
            for i in range(0, len(docs), per_post):
                body = json.dumps({"documents": docs[i:i + per_post]})
                con.request("POST", "/api/code", body=body, headers={
                    "Content-Type": "application/json", "Authorization": "Bearer bench-memory"})
                answer = con.getresponse()
                data = json.loads(answer.read())
                if answer.status != 200:
                    raise SystemExit(f"POST /api/code answered {answer.status}: {data}")
                records += (json.dumps(r, sort_keys=True) for r in data["events"])
                failures += len(data["failures"])
            con.close()
        secs = time.perf_counter() - t0
        digest = hashlib.md5("\n".join(sorted(records)).encode()).hexdigest()
        print(f"web /api/code {n} docs, {per_post} per post: {secs:.1f} s wall; {sampler.report()}; "
              f"{len(records)} events, {failures} failures; records md5 {digest}; "
              f"load {os.getloadavg()[0]:.2f}", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=60)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_up(port: int, server: subprocess.Popen) -> None:
    for _ in range(600):
        if server.poll() is not None:
            raise SystemExit(f"the server exited: {server.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
        try:
            con = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            con.request("GET", "/api/status")
            con.getresponse().read()
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("the server did not answer within 300 s")


def main() -> int:
    from bench_coding import SAMPLE

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path", choices=["ingest", "web"])
    ap.add_argument("--copies", type=int, nargs="+", default=[1, 4], help="corpus sizes, in copies of the 249")
    ap.add_argument("--workers", type=int, default=2, help="ingest: local Dask workers (0: one process)")
    ap.add_argument("--per-post", type=int, default=10, help="web: documents per POST")
    ap.add_argument("--src", type=Path, default=ROOT, help="the flashpoint source tree to run")
    args = ap.parse_args()
    if not SAMPLE.exists():
        print(f"skipped: {SAMPLE} is absent (needs ../shared/data)")
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as name:
        tmp = Path(name)
        for copies in args.copies:
            path = tmp / f"guardian-{copies}x.jsonl"
            n = corpus(path, copies)
            if args.path == "ingest":
                bench_ingest(args.src.resolve(), path, n, tmp, args.workers)
            else:
                bench_web(args.src.resolve(), path, n, tmp, args.per_post)
    return 0


if __name__ == "__main__":
    sys.exit(main())
