"""Score actor resolution against the NGEC-2025 actor test cases (ISO3 country + PLOVER sector).

The gold file is a table derived from NGEC-2025's test suite: one row per call
(``method``, ``input``, ``context``, ``date``) with the assertions that followed
it, such as ``country == 'GBR'; code_1 == 'GOV'``. Rows that only check a
Wikipedia title are not about actor codes and are skipped. Scoring:

* **country**: share of cases stating a country (``cc``/``country`` ==/!=, or
  ``code is None``, which expects no actor) where the resolved country agrees;
* **country+sector**: share of cases stating a sector (``code_1``) where both the
  stated country (if any) and the sector agree. Several ``code_1`` values are read
  as alternatives; ``UNK``/``JNK`` (unidentified, junk) are met by no sector;
  ``'????'`` states nothing.

"Today" (and a blank date) mean the day the upstream tests were written, pinned
as ``TODAY`` so scores do not drift with the calendar.
"""
from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import FormatError
from .split import ALL, per_half, select, write_mistakes

DEFAULT_GOLD = Path(__file__).resolve().parents[2].parent / "shared/data/ngec/NGEC-2025_actor_resolution_test_cases.tsv"
# The upstream test file's "today". Its undated assertions on office holders were written over
# 2021-2023 and disagree with each other; most hold at the start of 2023 (Trump and Kenyatta
# former leaders, Park Jin foreign minister, Kwarteng back to parliament, Nawaf emir).
TODAY = dt.date(2023, 1, 1)
NO_SECTOR = {"", "UNK", "JNK"}
DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y")
ASSERTION = re.compile(r"""^(cc|country|code_1|code|text|title|pattern|wiki|code_2|source|actor_wiki_job)\s*
                           (==|!=|in|is)\s*(.*)$""", re.X)


@dataclass
class Case:
    line: int
    test: str
    method: str
    text: str
    context: str
    date: dt.date | None
    country: str | None = None  # expected ISO3, '' for none
    not_country: str | None = None
    sectors: list[str] = field(default_factory=list)  # alternatives; '' for none
    no_actor: bool = False
    collected: bool = True  # the upstream test ran under pytest (not a disabled helper function)

    @property
    def states_country(self) -> bool:
        return self.country is not None or self.not_country is not None or self.no_actor

    @property
    def states_sector(self) -> bool:
        return bool(self.sectors) or self.no_actor


def parse_date(value: str, *, where: str) -> dt.date | None:
    value = value.strip()
    if not value or value.lower() == "today":
        return TODAY
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise FormatError(f"cannot read the date {value!r}", where=where,
                      fix="use YYYY-MM-DD, '1 January 2018', 'October 1, 2021' or 'today'")


def _literal(value: str) -> str | list[str] | None:
    value = value.strip()
    if value == "None":
        return None
    if value.startswith("["):
        return [v.strip().strip("'\"") for v in value.strip("[]").split(",")]
    return value.strip("'\"")


def parse_expected(case: Case, expected: str, *, where: str) -> None:
    """Fill a case from its assertions ('country == 'GBR'; code_1 == 'GOV'')."""
    for part in (p.strip() for p in expected.split(";")):
        if not part:
            continue
        if part in {"not code", "code is None"}:
            case.no_actor = True
            continue
        m = ASSERTION.match(part)
        if m is None:
            continue  # assertions on other fields (e.g. len(...)) say nothing about codes
        field_, op, raw = m.groups()
        value = _literal(raw)
        if field_ == "code" and value is None:
            case.no_actor = True
        elif field_ in {"cc", "country"} and isinstance(value, str):
            if op == "==":
                case.country = value
            elif op == "!=":
                case.not_country = value
        elif field_ == "code_1" and op in {"==", "in"} and value != "????":
            case.sectors.extend(value if isinstance(value, list) else [value or ""])


def read_cases(path: Path) -> list[Case]:
    cases = []
    with path.open(encoding="utf-8") as fh:
        lines = [(n, line) for n, line in enumerate(fh, 1) if line.strip() and not line.startswith("#")]
    reader = csv.DictReader((line for _, line in lines), delimiter="\t")
    for (lineno, _), row in zip(lines[1:], reader):
        where = f"{path}:{lineno}"
        missing = [c for c in ("method", "input", "expected") if c not in row]
        if missing:
            raise FormatError(f"missing columns {missing}", where=where,
                              fix="the header must name test, method, input, context, date, expected")
        case = Case(lineno, row.get("test", ""), row["method"], row["input"], row.get("context") or "",
                    parse_date(row.get("date") or "", where=where))
        case.collected = (row.get("collected_by_pytest") or "True").strip() != "False"
        parse_expected(case, row["expected"], where=where)
        if case.states_country or case.states_sector:
            cases.append(case)
    return cases


def judge(case: Case, country: str | None, sector: str | None) -> tuple[bool | None, bool | None]:
    """(country right, country+sector right); None where the case states nothing."""
    country = country or ""
    sector = sector or ""
    if case.no_actor:
        ok = not country and sector in NO_SECTOR
        return ok, ok
    c_ok: bool | None = None
    if case.country is not None:
        c_ok = country == case.country
    elif case.not_country is not None:
        c_ok = country != case.not_country
    s_ok: bool | None = None
    if case.sectors:
        want = {("" if s in NO_SECTOR else s) for s in case.sectors}
        got = "" if sector in NO_SECTOR else sector
        s_ok = got in want and c_ok is not False
    return c_ok, s_ok


@dataclass(frozen=True)
class Judged:
    case: Case
    country_ok: bool | None
    sector_ok: bool | None


def evaluate(gold_path: Path = DEFAULT_GOLD, *, errors_path: Path | None = None,
             half: str = ALL, limit: int | None = None) -> dict[str, Any]:
    """Resolve every gold actor string (the asked half, the first ``limit`` cases) and score
    country and country+sector per half; the split is by input string."""
    from ..stages.actors import resolve_actor_string

    chosen = select(read_cases(Path(gold_path))[:limit], lambda c: c.text, half=half)
    tagged, mistakes = [], []
    for h, case in chosen:
        actor = resolve_actor_string(case.text, date=case.date, context=case.context or None)
        c_ok, s_ok = judge(case, actor.country if actor else None, actor.sector if actor else None)
        tagged.append((h, Judged(case, c_ok, s_ok)))
        if c_ok is False or s_ok is False:
            mistakes.append({"half": h, **_mistake(case, actor, c_ok, s_ok)})
    write_mistakes(errors_path, mistakes, half=half)
    return {"gold": str(gold_path), "split_key": "input string", "today": TODAY.isoformat(),
            **per_half(tagged, _summary, half=half)}


def _summary(judged: list[Judged]) -> dict[str, Any]:
    def counts(rows: list[Judged]) -> tuple[int, int, int, int]:
        c = [j.country_ok for j in rows if j.country_ok is not None]
        s = [j.sector_ok for j in rows if j.sector_ok is not None]
        return sum(c), len(c), sum(s), len(s)

    c_right, c_total, s_right, s_total = counts(judged)
    k = counts([j for j in judged if j.case.collected])
    return {
        "cases": len(judged),
        "country_cases": c_total,
        "country_accuracy": _share(c_right, c_total),
        "country_sector_cases": s_total,
        "country_sector_accuracy": _share(s_right, s_total),
        "collected_tests_only": {"country_accuracy": _share(k[0], k[1]),
                                 "country_sector_accuracy": _share(k[2], k[3])},
        "mistakes": sum(j.country_ok is False or j.sector_ok is False for j in judged),
    }


def _share(right: int, total: int) -> float | None:
    return round(right / total, 4) if total else None


def _mistake(case: Case, actor: Any, c_ok: bool | None, s_ok: bool | None) -> dict[str, Any]:
    expected = case.country if case.country is not None else (
        f"!{case.not_country}" if case.not_country else "")
    return {"line": case.line, "test": case.test, "input": case.text, "context": case.context,
            "date": str(case.date), "expected_country": expected,
            "expected_sector": "|".join(case.sectors) if case.sectors else None,
            "expected_no_actor": case.no_actor,
            "got_country": actor.country if actor else None, "got_sector": actor.sector if actor else None,
            "got_name": actor.name if actor else None, "country_ok": c_ok, "sector_ok": s_ok}
