"""Build flashpoint/resources/verbs_phoenix.tsv from the open Phoenix CAMEO verb dictionary.

Reads ../shared/data/phoenix/CAMEO.2.0.txt (PETRARCH format, MIT, Open Event Data Alliance)
and writes rows in the layout of resources/verbs.tsv (lemma, pos, cameo, object, prep):
each verb block's members get the block's default code, and each pattern "- * OBJ [code]"
or "- * (PREP OBJ) [code]" becomes a row with that object and/or preposition, for every
member of the block. Synonym sets (&NAME) in patterns are expanded to their members' head
words. Patterns with subject constraints or negation are left out: the parse gives
flashpoint its subjects. Run: python scripts/build_verb_table.py
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "data" / "phoenix" / "CAMEO.2.0.txt"
OUT = ROOT / "flashpoint" / "resources" / "verbs_phoenix.tsv"
CODE = re.compile(r"\[([0-9]*)(?::[0-9]*)?\]")
HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
PREPS = {"to", "with", "on", "in", "at", "for", "from", "against", "into", "over", "of", "by", "about",
         "off", "out", "up", "down", "away", "back", "upon", "toward", "towards", "across", "through"}


def head_word(token: str) -> str:
    parts = [p for p in token.strip("+{}()$").lower().split("_") if p]
    return parts[-1] if parts else ""


Block = tuple[list[tuple[str, str]], str, list[tuple[str, str]]]


def read(path: Path) -> tuple[dict[str, set[str]], list[Block]]:
    synsets: dict[str, set[str]] = {}
    blocks: list[Block] = []
    current: str | None = None
    text = path.read_bytes().decode("utf-8", errors="replace")
    members: list[tuple[str, str]] = []
    default, patterns = "", []  # type: ignore[var-annotated]
    in_verbs = False
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        comment = raw.split("#", 1)[1].strip().split() if "#" in raw else []
        if "VERB PATTERNS" in raw:
            in_verbs = True
            continue
        if not line.strip():
            continue
        if not in_verbs:
            if line.startswith("&"):
                current = line.strip()
                synsets[current] = set()
            elif line.startswith("+") and current:
                synsets[current].add(head_word(line))
            continue
        m = HEADER.match(line)
        if m:
            if members:
                blocks.append((members, default, patterns))
            members, default, patterns = [], m.group(2), []
            continue
        if line.startswith("-"):
            # The comment names the verb the pattern was written for; keep that link.
            origin = comment[0].lower() if comment and comment[0].isalpha() else ""
            patterns.append((line[1:].strip(), origin))
        else:
            word = line.split("{")[0].split("[")[0].strip()
            override = CODE.search(line)
            if word:
                members.append((word, override.group(1) if override else ""))
    if members:
        blocks.append((members, default, patterns))
    return synsets, blocks


def pattern_rows(pattern: str, synsets: dict[str, set[str]]) -> tuple[str, set[str], str] | None:
    m = CODE.search(pattern)
    if not m or not m.group(1):
        return None
    body = pattern[: m.start()]
    if "*" not in body:
        return None
    pre, post = body.split("*", 1)
    if pre.strip() or " NOT " in f" {post} ":
        return None
    tokens = re.findall(r"\{[^}]*\}|\(|\)|[^\s(){}]+", post)
    prep, objects = "", set()
    for tok in tokens:
        if tok in "()$+%^":
            continue
        if tok.startswith("{"):
            words = tok.strip("{}").split()
            if len(words) > 1:
                return None  # "{MOCK ATTACK}": a single head word would lose the meaning
            objects.add(head_word(words[0]))
            break
        if tok.startswith("&"):
            objects |= synsets.get(tok, set())
            break
        word = head_word(tok)
        if not prep and word in PREPS and not objects:
            prep = word
            continue
        if word:
            objects.add(word)
            break
    objects.discard("")
    if not prep and not objects:
        return None
    return m.group(1), objects, prep


def main() -> int:
    if not SOURCE.exists():
        print(f"missing {SOURCE}: this script needs ../shared/data", file=sys.stderr)
        return 1
    synsets, blocks = read(SOURCE)
    rows: dict[tuple[str, str, str, str], None] = {}
    for members, default, patterns in blocks:
        lemmas = []
        for word, override in members:
            parts = word.lstrip("+").lower().split("_")
            lemma = parts[0]
            particle = parts[1] if len(parts) > 1 and parts[1] in PREPS else ""
            lemmas.append((lemma, particle))
            code = override or (default if default.strip("-") else "")
            if code and code.isdigit():
                rows[(lemma, code, "", particle)] = None
        for pattern, origin in patterns:
            found = pattern_rows(pattern, synsets)
            if found is None:
                continue
            code, objects, prep = found
            named = [(lemma, particle) for lemma, particle in lemmas if lemma == origin]
            for lemma, particle in named or lemmas:
                rows[(lemma, code, "|".join(sorted(objects)), prep or particle)] = None
    with OUT.open("w", encoding="utf-8") as out:
        out.write("# Verb patterns converted from the Phoenix CAMEO verb dictionary CAMEO.2.0.txt\n")
        out.write("# (openeventdata/UniversalPetrarch), by scripts/build_verb_table.py.\n")
        out.write("# The MIT License (MIT). Copyright (c) 2015 Open Event Data Alliance.\n")
        out.write("# Permission is hereby granted, free of charge, to any person obtaining a copy of this\n")
        out.write("# software and associated documentation files (the \"Software\"), to deal in the Software\n")
        out.write("# without restriction, including without limitation the rights to use, copy, modify,\n")
        out.write("# merge, publish, distribute, sublicense, and/or sell copies of the Software, and to\n")
        out.write("# permit persons to whom the Software is furnished to do so, subject to the following\n")
        out.write("# conditions: The above copyright notice and this permission notice shall be included in\n")
        out.write("# all copies or substantial portions of the Software. THE SOFTWARE IS PROVIDED \"AS IS\",\n")
        out.write("# WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED.\n")
        out.write("lemma\tpos\tcameo\tobject\tprep\n")
        for lemma, code, objects, prep in sorted(rows):
            out.write(f"{lemma}\tV\t{code}\t{objects}\t{prep}\n")
    print(f"wrote {len(rows)} rows to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
