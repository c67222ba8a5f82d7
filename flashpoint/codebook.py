"""The codebook: CAMEO event codes with their name, Goldstein value, quad class and PLOVER
type and mode, read once from ``resources/cameo.tsv`` into one frozen type.

Every reader of the codebook (the events and classify stages, the format readers'
``cameo_table``, the synthetic series) goes through this module.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from .errors import ResourceError
from .resources import read_tsv

CODEBOOK = "cameo.tsv"
# Quad classes of acts (material cooperation, material conflict) rather than words: an act known
# only to have happened before its report is a retrospective mention, not a new event.
MATERIAL_QUADS = (2, 4)


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO code. ``plover_type`` is empty for codes PLOVER does not cover."""

    code: str
    name: str
    goldstein: float
    quad_class: int
    plover_type: str
    plover_mode: str


@lru_cache(maxsize=1)
def codebook() -> Mapping[str, CameoCode]:
    """Every CAMEO code of ``resources/cameo.tsv``, by code (read once)."""
    return MappingProxyType({
        r["code"]: CameoCode(r["code"], r["name"], float(r["goldstein"]), int(r["quad_class"]),
                             r["plover_type"], r["plover_mode"])
        for r in read_tsv(CODEBOOK, required=("code", "name", "goldstein", "quad_class", "plover_type"))
    })


def cameo(code: str) -> CameoCode:
    """The entry of a code, else of its root (the first two digits)."""
    book = codebook()
    found = book.get(code) or book.get(code[:2])
    if found is None:
        raise ResourceError(f"CAMEO code {code!r} is not in the codebook", where=CODEBOOK,
                            fix="use a code listed in resources/cameo.tsv")
    return found


@lru_cache(maxsize=1)
def generic_codes() -> Mapping[str, CameoCode]:
    """For each PLOVER type (and 'TYPE/mode'), the shortest CAMEO code that maps to it."""
    out: dict[str, CameoCode] = {}
    for entry in codebook().values():
        if not entry.plover_type:
            continue
        for key in (entry.plover_type, f"{entry.plover_type}/{entry.plover_mode}"):
            if key not in out or len(entry.code) < len(out[key].code):
                out[key] = entry
    return MappingProxyType(out)


def is_generic(code: str) -> bool:
    """A 'not specified below' CAMEO code: a root (two digits) or a root plus '0'."""
    return len(code) == 2 or (len(code) == 3 and code.endswith("0"))
