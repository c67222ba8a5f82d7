"""How long the escalation analysis of one dyad takes in a large store.

    python scripts/bench_dyad.py --events 10000000            # make a store, then measure
    python scripts/bench_dyad.py --db STORE --dyads USA IRN RUS UKR

Without ``--db`` a store of ``--events`` synthetic rows is made the way
``scripts/bench_web.py`` makes one (random dyads among 40 countries over ten years,
loaded with ``flashpoint import parquet``). Then, for each dyad, one process (as a user
running ``flashpoint escalation`` would, the store opened cold) times
:func:`flashpoint.analytics.report.stored_report` with the forecast off (series, chains,
change points, ledger: the analysis) and, with ``--forecast``, on three times: the first run fits the
backtested no-conflict forecaster on the store's daily counts up to the day (``refit``) and saves it
beside the store (or the de-escalation model answers, trained on every event up to the day, when the
store's history is too short); the second and third read the saved model (what a user's default
``flashpoint escalation`` does once a model is saved). Each line says which model answered, the
forecast's own timings (history, model, predict) and how the model was had (``model_note``).
``--code DIR`` runs another checkout's code (e.g. ``/work/main``) in the same way, for comparisons
alternated in the same minutes on a busy machine; ``--rounds N`` repeats everything N times;
``--runs 0 1 0 1`` chooses the runs of a round (0 off, fit, 1 on with the saved model). ``--as-of DAY ...``
times new report days instead (forecast on, each day a fit of its own unless a model of that day is
saved), alternating the codes day by day; ``--db-of`` gives each code its own copy of the store.
Wall and CPU seconds and the peak memory of the process are printed; nothing is asserted.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

ONE = """
import json, re, resource, sys, time
import flashpoint
from flashpoint.analytics.report import stored_report
from flashpoint.store import Store
db, a, b, forecast, refit = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] != "0", sys.argv[4] == "fit"
end = sys.argv[5] if len(sys.argv) > 5 else None
t0, c0 = time.perf_counter(), time.process_time()
with Store(db, read_only=True) as store:
    report = stored_report(store, a, b, end=end, forecast=forecast, refit=refit)
    n = int(report.series["events"].sum()) if "events" in report.series else len(report.series)
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
nc = report.no_conflict
print(json.dumps({"dyad": f"{a}-{b}", "forecast": sys.argv[4], "as_of": end, "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
                  "events_in_series": n, "chain_links": len(report.exchanges.links),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
                  "model": report.forecast_model["name"],
                  "p": None if nc is None else round(nc.probability, 4),
                  "forecast_timings_s": None if nc is None else nc.timings,
                  "model_note": None if nc is None else re.sub(r" (from|to) \\S+", "", nc.notes[0]),
                  "code": flashpoint.__file__.rsplit("/", 2)[0]}))
"""


def measure(db: Path, a: str, b: str, *, forecast: str, code: Path = ROOT, as_of: str | None = None) -> dict:
    """One cold process of ``code``'s flashpoint: forecast '0' (off), 'fit' (on, refitted) or '1' (on);
    the report's day ``as_of`` (default: the dyad's last event)."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", ONE, str(db), a, b, forecast, *([as_of] if as_of else [])],
                         capture_output=True, text=True, cwd=code, env=env)
    process = round(time.perf_counter() - t0, 2)      # the whole process, imports included
    if out.returncode:
        return {"dyad": f"{a}-{b}", "forecast": forecast, "error": out.stderr.strip().splitlines()[-1:]}
    return {**json.loads(out.stdout.strip().splitlines()[-1]), "process_s": process}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, help="an existing store (default: make one)")
    ap.add_argument("--events", type=int, default=1_000_000, help="rows of the store to make")
    ap.add_argument("--dyads", nargs="+", default=["USA", "IRN", "RUS", "UKR", "CHN", "TWN"],
                    help="pairs of actor codes, flattened: A B C D ...")
    ap.add_argument("--forecast", action="store_true",
                    help="also time the report with the forecast on, three times (a fit, then the saved model twice)")
    ap.add_argument("--code", type=Path, action="append", default=None,
                    help="a checkout whose code is timed (default: this one); give several to alternate them")
    ap.add_argument("--rounds", type=int, default=1, help="times to repeat every measurement")
    ap.add_argument("--as-of", nargs="+", default=None, metavar="DAY",
                    help="new report days instead of the runs: each day once per dyad and code, forecast on "
                         "(a day with no saved model fits one: an analyst's run on a new day)")
    ap.add_argument("--db-of", nargs="+", type=Path, default=None, metavar="STORE",
                    help="with several --code, a store per code (its own copy, so one code's saved files "
                         "never answer the other's runs)")
    ap.add_argument("--runs", nargs="+", choices=("0", "fit", "1"), default=None,
                    help="the runs of each round instead: 0 forecast off, fit (forecast on, refitted), "
                         "1 (forecast on, the saved model when there is one)")
    args = ap.parse_args()
    if len(args.dyads) % 2:
        ap.error("--dyads takes pairs of codes")
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            from bench_web import make_store

            db = Path(tmp) / "bench.duckdb"
            make_store(db, args.events)
        import duckdb

        with duckdb.connect(str(db), read_only=True) as con:
            print(f"store {db}: {con.execute('SELECT count(*) FROM events').fetchall()[0][0]:,} events")
        pairs = list(zip(args.dyads[::2], args.dyads[1::2]))
        codes = args.code or [ROOT]
        stores = args.db_of or [db] * len(codes)
        if len(stores) != len(codes):
            ap.error("--db-of takes one store per --code")
        for _ in range(args.rounds):
            for a, b in pairs:
                if args.as_of:
                    for day in args.as_of:
                        for code, where in zip(codes, stores):
                            print(json.dumps(measure(where, a, b, forecast="1", code=code.resolve(), as_of=day)),
                                  flush=True)
                    continue
                for code, where in zip(codes, stores):
                    for forecast in args.runs or (("0", "fit", "1", "1") if args.forecast else ("0",)):
                        print(json.dumps(measure(where, a, b, forecast=forecast, code=code.resolve())), flush=True)
    print(f"bench process peak {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024} MB (largest child)")


if __name__ == "__main__":
    main()
