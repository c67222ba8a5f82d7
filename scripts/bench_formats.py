"""Benchmark: dataset import speed and memory, and the repeated-report share of the real GDELT sample.

    python scripts/bench_formats.py [--rows 1000000] [--sample ../shared/data/formats/events2samps.csv]
    python scripts/bench_formats.py --import gdelt icews acled polecat --rows 1000000
    python scripts/bench_formats.py --digest > after.txt    # at another checkout: > before.txt; diff them

With ``--import``, only step 3 runs: for each format, a file of --rows rows is generated in the
temporary folder and imported by the command line (``flashpoint import FORMAT FILE --db NEW``,
a child process), which is timed: wall seconds, CPU seconds (all threads), peak resident memory
of the child (os.wait4), rows per second from file to merged, queryable events.

1. Reads the real GDELT 2.0 sample (events2samps.csv, a header and one extra column) and reports
   how many rows are repeated reports of the same event: first by the script's own grouping on
   directed dyad (source and target country + sector), CAMEO code, date and place; then by the
   store's de-duplication (flashpoint.store / flashpoint.dedup: root code, 1-day gap, 50 km),
   checking that no two events of the store's result share dyad, code, date and place.
2. Writes a headerless GDELT 2.0 TSV of --rows rows to a temporary file by repeating the real
   sample's rows with new GLOBALEVENTIDs and shifted dates, with a malformed line planted every
   --bad-every rows, then times flashpoint.formats.gdelt.read_events on it (rows per second) and
   checks that each planted bad line is reported with its line number.

3. The file for each format repeats a real or fixture sample with new ids, each pass of the
   sample shifted 5 days later (GDELT: also its own URLs and place names) so that passes do not
   merge with each other: the merged share of the result stays that of the sample (printed), as
   in real data, rather than every row merging with its copy from the day before.

Speed is measured here, never asserted in a test. Needs the shared data folder.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from flashpoint.formats import gdelt

SAMPLE = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "formats" / "events2samps.csv"
FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "formats"
ICEWS_SAMPLE = SAMPLE.parent / "events.2018.sample.tab"
PASS_DAYS = 5  # each pass of the sample is shifted this many days: passes never merge (span 3, gap 1)
KEY = ["source_country", "source_sector", "target_country", "target_sector", "cameo", "date", "place_key"]


def with_place_key(table: pa.Table) -> pa.Table:
    """Place for grouping: the place name and country, or rounded coordinates when unnamed."""
    name = pc.coalesce(table.column("place_name"), pa.scalar(""))
    country = pc.coalesce(table.column("place_country"), pa.scalar(""))
    return table.append_column("place_key", pc.binary_join_element_wise(name, country, "|"))


def repeated_share(table: pa.Table) -> tuple[int, int, float]:
    """(rows, distinct events, share of rows that repeat an event already seen)."""
    keyed = with_place_key(table).select(KEY)
    events = keyed.group_by(KEY, use_threads=False).aggregate([]).num_rows
    return table.num_rows, events, 1 - events / table.num_rows if table.num_rows else 0.0


def store_share(table: pa.Table) -> str:
    """Merged share from the store's de-duplication, and a check that no two of its events share
    directed dyad, code, date and place."""
    from flashpoint.store import Store

    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.duckdb") as store:
        t0 = time.perf_counter()
        store.load_mentions(table)
        secs = time.perf_counter() - t0
        events = store.events_arrow(happened=None)
    key = ["source_country", "source_sector", "target_country", "target_sector", "cameo", "date", "place"]
    groups = events.group_by(key).aggregate([]).num_rows
    n = table.num_rows
    return (f"store dedup: {n} rows -> {events.num_rows} events, merged share {1 - events.num_rows / n:.3f} "
            f"({n - events.num_rows} rows merged; load+merge {secs:.1f}s); events sharing "
            f"dyad+code+date+place: {events.num_rows - groups}")


def write_big(sample: Path, out: Path, rows: int, bad_every: int) -> list[int]:
    """A headerless GDELT 2.0 TSV of `rows` rows; returns the line numbers of planted bad lines.

    Each pass over the sample gets new ids, dates (and DATEADDED) shifted by one more day, its
    own article URLs and, for most passes, its own place names, so the file has about as many
    distinct URLs and places as real GDELT data of that size (a reader that works per distinct
    value must not gain from an unrealistically repetitive file).
    """
    with sample.open(newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        drop = header.index("CAMEOCodeDescription")
        base = [[v.replace("\t", " ") for i, v in enumerate(r) if i != drop] for r in reader]
    col = {name: i for i, name in enumerate(gdelt.EVENTS_V2)}
    bad: list[int] = []
    with out.open("w", encoding="utf-8", newline="") as fh:
        for n in range(rows):
            row = list(base[n % len(base)])
            rep = n // len(base)
            row[0] = str(900_000_000 + n)
            row[col["SQLDATE"]] = _shift(row[col["SQLDATE"]], PASS_DAYS * rep)
            row[col["DATEADDED"]] = _shift(row[col["DATEADDED"]][:8], PASS_DAYS * rep) + row[col["DATEADDED"]][8:]
            if row[col["SOURCEURL"]]:
                row[col["SOURCEURL"]] += f"#r{rep}"
            if rep % 40 and row[col["ActionGeo_FullName"]]:
                first, _, rest = row[col["ActionGeo_FullName"]].partition(",")
                row[col["ActionGeo_FullName"]] = f"{first} {rep % 40}" + (f",{rest}" if rest else "")
            line = "\t".join(row)
            if bad_every and n % bad_every == bad_every - 1:
                line = "\t".join(row[:30]) if len(bad) % 2 == 0 else line.replace(row[1], "2017-13-45", 1)
                bad.append(n + 1)
            fh.write(line + "\n")
    return bad


def _shift(yyyymmdd: str, days: int) -> str:
    try:
        day = dt.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        day = dt.date(2000, 1, 1)
    return (day + dt.timedelta(days=days)).strftime("%Y%m%d")


def write_repeated(source: Path, out: Path, rows: int, *, fmt: str, id_col: str, date_col: str, delim: str,
                   story_col: str | None = None) -> None:
    """A file of `rows` rows repeating `source`'s well-formed rows (header kept; rows the reader
    rejects, which fixtures plant on purpose, are left out): ids made unique, dates shifted
    PASS_DAYS per pass (wrapping after a century), story ids unique per pass."""
    import itertools

    from flashpoint.formats import reader as format_reader

    bad = {int(e.where.rsplit(":", 1)[1]) for e in format_reader(fmt)(source).errors if e.where}
    quoting = csv.QUOTE_MINIMAL if delim == "," else csv.QUOTE_NONE
    with source.open(newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh, delimiter=delim, quoting=quoting)
        header, base, line = next(reader), [], 1
        for r in reader:
            if r and line + 1 not in bad:
                base.append(r)
            line = reader.line_num
    idx, day, story = header.index(id_col), header.index(date_col), header.index(story_col) if story_col else None
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=delim, lineterminator="\n", quoting=quoting, escapechar="\\")
        writer.writerow(header)
        for n, row in zip(range(rows), itertools.cycle(base)):
            rep = n // len(base)
            row = list(row)
            row[idx] = str(n + 1) if row[idx].isdigit() else f"{row[idx]}-{rep}"
            row[day] = _shift_iso(row[day], (PASS_DAYS * rep) % 36_500)
            if story is not None and row[story]:
                row[story] = str(int(row[story]) + rep * 10**9) if row[story].isdigit() else f"{row[story]}-{rep}"
            writer.writerow(row)


def _shift_iso(value: str, days: int) -> str:
    try:
        return (dt.date.fromisoformat(value) + dt.timedelta(days=days)).isoformat()
    except ValueError:
        return value


GENERATORS = {
    "gdelt": lambda out, n: write_big(SAMPLE, out, n, 0),
    "icews": lambda out, n: write_repeated(ICEWS_SAMPLE, out, n, fmt="icews", id_col="Event ID", date_col="Event Date",
                                           delim="\t", story_col="Story ID"),
    "acled": lambda out, n: write_repeated(FIXTURES / "acled_current.csv", out, n, fmt="acled", id_col="event_id_cnty",
                                           date_col="event_date", delim=","),
    "polecat": lambda out, n: write_repeated(FIXTURES / "polecat_sample.tsv", out, n, fmt="polecat", id_col="Event ID",
                                             date_col="Event Date", delim="\t", story_col="Story ID"),
}


def bench_import(fmt: str, rows: int, tmp: Path, *, keep: bool = False) -> None:
    """Generate a file, import it with the CLI in a child process; print time, CPU and peak memory.
    With ``keep`` the generated file is kept in ``tmp`` and reused by the next run."""
    import subprocess

    data, db = tmp / f"{fmt}_{rows}.data", tmp / f"{fmt}_{rows}.duckdb"
    t0 = time.perf_counter()
    if not (keep and data.exists()):
        GENERATORS[fmt](data, rows)
    print(f"{fmt}: {rows:,} rows ({data.stat().st_size / 1e6:.0f} MB) generated or kept in {time.perf_counter() - t0:.0f}s")
    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "flashpoint", "import", fmt, str(data), "--db", str(db), "--quiet"],
                             stderr=subprocess.PIPE, text=True)
    stderr = child.stderr.read() if child.stderr else ""
    _, status, usage = os.wait4(child.pid, 0)
    secs = time.perf_counter() - t0
    cpu = usage.ru_utime + usage.ru_stime
    if os.waitstatus_to_exitcode(status) and not db.exists():
        print(f"  import {fmt} failed: {stderr.strip()}")
        return
    from flashpoint.store import Store

    with Store(db, read_only=True) as store:
        counts = store.counts()
    print(f"  import {fmt}: {rows:,} rows in {secs:.1f}s wall = {rows / secs:,.0f} rows/s; {cpu:.1f} CPU-s = "
          f"{rows / cpu:,.0f} rows per CPU-second; peak memory {usage.ru_maxrss / 1024:,.0f} MB; "
          f"exit {os.waitstatus_to_exitcode(status)}; load average before {load:.1f}")
    print(f"  store: {counts['mentions']:,} mentions -> {counts['events']:,} events "
          f"(merged share {1 - counts['events'] / max(counts['mentions'], 1):.3f}), {counts['documents']:,} documents")
    if os.waitstatus_to_exitcode(status):
        print("  " + stderr.strip().replace("\n", "\n  "))
    for f in (db, Path(f"{db}.wal"), *(() if keep else (data,))):
        f.unlink(missing_ok=True)


# Files whose imported tables --digest fingerprints: the shared samples, when present, and the fixtures.
DIGEST_FILES = [("gdelt", SAMPLE), ("icews", SAMPLE.parents[1] / "icews" / "icews14s_2014.tab.gz"),
                ("icews", ICEWS_SAMPLE), ("gdelt", FIXTURES / "gdelt2_sample.export.tsv"),
                ("gdelt", FIXTURES / "gdelt1_sample.export.tsv"), ("icews", FIXTURES / "icews_sample.tab"),
                ("acled", FIXTURES / "acled_current.csv"), ("acled", FIXTURES / "acled_older.csv"),
                ("polecat", FIXTURES / "polecat_sample.tsv")]
DIGEST_TABLES = ("events", "mentions", "documents", "event_mentions")


def digest(fmt: str, path: Path, tmp: Path) -> list[str]:
    """Import one file with the CLI (a child process, as a user runs it) into a new store; one line
    per table: its row count and the md5 of its sorted rows; then the messages about bad rows."""
    import subprocess

    import duckdb

    db = tmp / f"digest_{path.name}.duckdb"
    db.unlink(missing_ok=True)
    run = subprocess.run([sys.executable, "-m", "flashpoint", "import", fmt, str(path), "--db", str(db), "--quiet"],
                         capture_output=True, text=True)
    con = duckdb.connect(str(db), read_only=True)
    try:
        lines = [f"{path.name} {t} " + " ".join(str(v) for v in con.execute(
            f"SELECT count(*), md5(string_agg(r, chr(10) ORDER BY r)) FROM (SELECT CAST(x AS VARCHAR) AS r FROM {t} x)"
        ).fetchone()) for t in DIGEST_TABLES]
    finally:
        con.close()
        db.unlink(missing_ok=True)
    said = run.stderr.replace(str(db), "DB").replace(str(Path(__file__).resolve().parents[1]), "REPO")
    return lines + [f"{path.name} says: {line}" for line in said.splitlines()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--bad-every", type=int, default=100_000)
    ap.add_argument("--sample", type=Path, default=SAMPLE)
    ap.add_argument("--repeat", type=int, default=3, help="timed reads of the generated file (best is reported)")
    ap.add_argument("--store", action="store_true",
                    help="also time loading the rows into a new store (flashpoint.store, with de-duplication)")
    ap.add_argument("--import", dest="formats", nargs="+", choices=sorted(GENERATORS),
                    help="only time importing a generated file of each format with the CLI")
    ap.add_argument("--tmp", type=Path, default=Path(tempfile.gettempdir()), help="where generated files go")
    ap.add_argument("--keep", action="store_true", help="keep generated import files in --tmp and reuse them")
    ap.add_argument("--digest", action="store_true",
                    help="only print a fingerprint of the tables each sample file imports to (md5 of sorted rows) "
                         "and its bad-row messages: run at two checkouts and diff the outputs")
    args = ap.parse_args(argv)
    if args.digest:
        for fmt, path in DIGEST_FILES:
            if path.is_file():
                print("\n".join(digest(fmt, path, args.tmp)), flush=True)
            else:
                print(f"{path.name}: absent, skipped")
        return 0
    if not args.sample.is_file():
        print(f"skip: {args.sample} not found (the shared data folder is needed)", file=sys.stderr)
        return 0
    if args.formats:
        for fmt in args.formats:
            bench_import(fmt, args.rows, args.tmp, keep=args.keep)
        return 0
    real = gdelt.read_events(args.sample)
    rows, events, share = repeated_share(real.table)
    print(f"real sample {args.sample.name}: {rows} rows, {len(real.errors)} bad -> {events} events "
          f"on directed dyad+code+date+place; repeated-report share {share:.3f} ({rows - events} rows merged)")
    print(" ", store_share(real.table))

    tmp = Path(tempfile.mkdtemp())
    big = tmp / "gdelt_big.export.CSV"
    t0 = time.perf_counter()
    planted = write_big(args.sample, big, args.rows, args.bad_every)
    print(f"generated {args.rows} rows ({big.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t0:.1f}s")
    best = None
    for _ in range(args.repeat):
        load = os.getloadavg()[0]
        t0, c0 = time.perf_counter(), time.process_time()
        result = gdelt.read_events(big)
        secs, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(f"read_events: {result.rows} rows in {secs:.2f}s wall = {result.rows / secs:,.0f} rows/s; "
              f"{cpu:.2f} CPU-s = {result.rows / cpu:,.0f} rows per CPU-second "
              f"(cpus={os.cpu_count()}, load average before the run {load:.1f})")
        best = secs if best is None else min(best, secs)
    print(f"best of {args.repeat}: {result.rows / best:,.0f} rows/s")
    reported = sorted(int(e.where.rsplit(":", 1)[1]) for e in result.errors if e.where)
    print(f"malformed lines planted {planted}; reported {reported}; all found: {reported == planted}")
    if result.errors:
        print("  e.g.", result.errors[0])
    if args.store:
        from flashpoint.store import Store

        with tempfile.TemporaryDirectory() as tmpdb, Store(Path(tmpdb) / "big.duckdb") as store:
            t0 = time.perf_counter()
            store.load_mentions(result.table)
            secs = time.perf_counter() - t0
            events = store.events_arrow(happened=None).num_rows
        print(f"store load_mentions + merge: {result.rows} rows in {secs:.1f}s = {result.rows / secs:,.0f} rows/s "
              f"-> {events} events")
    os.unlink(big)
    return 0 if reported == planted else 1


if __name__ == "__main__":
    raise SystemExit(main())
