"""Build flashpoint/resources/cameo.tsv: CAMEO code, name, Goldstein, quad class, PLOVER type/mode.

These are public facts (the CAMEO codebook, the Goldstein scale and the
CAMEO->PLOVER crosswalk), written here in the project's own layout. Reads the
lookups in ../shared/data/{cameo,plover}. Run: python scripts/build_cameo_table.py
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "flashpoint" / "resources" / "cameo.tsv"


# Where the 2021 crosswalk disagrees with the PLOVER manual's own definitions, the manual wins:
# formal sanctions and embargoes are SANCTION ("all reductions in relations, incl. formal sanctions").
OVERRIDES = {"163": ("SANCTION", ""), "1631": ("SANCTION", ""), "1632": ("SANCTION", "")}


def with_appeals(plover: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """The crosswalk lists no CAMEO 02 (appeal) codes, but PLOVER's REQUEST is "all requests,
    demands and orders": an appeal takes the PLOVER type and mode of its parallel demand
    (CAMEO 02x mirrors 10x: 0233 appeal for humanitarian aid, 1033 demand it)."""
    out = dict(plover)
    for code, value in plover.items():
        if code.startswith("10"):
            out.setdefault("02" + code[2:], value)
    return out


def quad_class(code: str) -> int:
    root = int(code[:2])
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


def read_pairs(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if "\t" in line:
            k, v = line.split("\t", 1)
            out[k.strip()] = v.strip()
    return out


def read_plover(path: Path) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z_]+)?\s*,?\s*([^,#]*)", line)
        if m:
            out[m.group(1)] = ((m.group(2) or "").strip(), (m.group(3) or "").strip())
    return out


def main() -> int:
    names_path = DATA / "cameo" / "CAMEO.eventcodes.txt"
    if not names_path.exists():
        print(f"missing {names_path}: this script needs ../shared/data", file=sys.stderr)
        return 1
    names = read_pairs(names_path)
    gold = read_pairs(DATA / "cameo" / "CAMEO.goldsteinscale.txt")
    plover = with_appeals(read_plover(DATA / "plover" / "CAMEO2PLOVER-2021.txt"))
    with OUT.open("w", encoding="utf-8") as out:
        out.write("# CAMEO event codes (public codebook), Goldstein scale values, quad class\n")
        out.write("# (1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict) and the\n")
        out.write("# PLOVER 2021 crosswalk, in flashpoint's own layout. Built by scripts/build_cameo_table.py.\n")
        out.write("code\tname\tgoldstein\tquad_class\tplover_type\tplover_mode\n")
        for code in sorted(names):
            ptype, pmode = OVERRIDES.get(code, ("", ""))
            for k in () if ptype else (code, code[:3], code[:2]):
                if k in plover and plover[k][0]:
                    ptype, pmode = plover[k]
                    break
            g = gold.get(code) or gold.get(code[:3]) or gold.get(code[:2]) or "0.0"
            out.write(f"{code}\t{names[code]}\t{g}\t{quad_class(code)}\t{ptype}\t{pmode}\n")
    print(f"wrote {len(names)} codes to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
