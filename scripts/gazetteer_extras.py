"""Helpers of build_gazetteer.py: the lands a country's name joins, and the load-cost report of
--check."""
from __future__ import annotations

from flashpoint.knowledge.gazetteer import normalise


def country_parts(name: str, *, peoples: frozenset[str] = frozenset(),
                  countries: frozenset[str] = frozenset()) -> list[str]:
    """The lands a country's name joins ("Bosnia" and "Herzegovina" of "Bosnia and Herzegovina",
    "Tobago" of "Trinidad and Tobago"): news names a part for the whole, or the part, which lies
    in it. A plural part that names a people (its singular begins one of ``peoples``, demonyms in normal
    form: the "Turks" of "Turks and Caicos Islands") is left out, and so is one that names another
    country (``countries``, normal forms: "Serbia" of the former "Serbia and Montenegro")."""
    if " and " not in name:
        return []
    parts = [p.strip() for p in name.replace(", ", " and ").split(" and ")]
    parts = [p[4:] if p.startswith("the ") else p for p in parts if len(p) >= 4]
    return [p for p in parts if normalise(p) not in countries
            and not (p.endswith("s") and any(d.startswith(normalise(p)[:-1]) for d in peoples))]


def report_load_cost() -> None:
    """Load the shipped gazetteer as the places stage does and print its time and memory."""
    import time
    import tracemalloc

    from flashpoint.knowledge.gazetteer import load_gazetteer

    start, cpu = time.perf_counter(), time.process_time()
    gaz = load_gazetteer()
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    tracemalloc.start()
    gaz = load_gazetteer()
    retained, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"load: {wall:.2f} s wall, {cpu:.2f} s cpu; {len(gaz.entries)} entries, {len(gaz.exact)} names; "
          f"memory retained {retained / 2**20:.0f} MB (peak {peak / 2**20:.0f} MB)")
