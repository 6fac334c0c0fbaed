"""Write ontologies/countries.tsv, the gazetteer's countries, from country_converter's table.

    python tools/countries.py [-o ontologies/countries.tsv]

Needs country_converter (and its pandas), which kg installs only with its dev extras: kg reads the
written table, so neither is imported when kg runs. Re-run it after upgrading country_converter;
tests/test_countries.py checks the bundled table is what this writes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.knowledge import slug  # noqa: E402
from kg.store import write_atomic  # noqa: E402

TARGET = ROOT / "ontologies" / "countries.tsv"
COLUMNS = ("id", "label", "type", "aliases", "iso3", "gw")
HEADER = ("# Countries with their official names, ISO 3166 alpha-3 and Gleditsch-Ward codes, written by\n"
          "# tools/countries.py from country_converter's table. Do not edit: re-run the script.\n")


def country_rows() -> list[tuple[str, ...]]:
    """(id, label, type, aliases, iso3, gw) of every country of country_converter, in its order."""
    import country_converter

    table = country_converter.CountryConverter().data
    rows = []
    for record in table[["name_short", "name_official", "ISO3", "GWcode"]].itertuples(index=False):
        name, official, iso3, gw = (str(value) for value in record)
        rows.append((slug(name), name, "Country", official if official != name else "", iso3,
                     "" if gw in ("nan", "<NA>") else gw.removesuffix(".0")))
    return rows


def table() -> str:
    lines = ["\t".join(COLUMNS)] + ["\t".join(row) for row in country_rows()]
    if any("\n" in line or line.count("\t") != len(COLUMNS) - 1 for line in lines):
        raise ValueError("a country_converter value holds a tab or a line break")
    return HEADER + "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=TARGET, help="the TSV file to write")
    args = parser.parse_args(argv)
    write_atomic(args.output, table().encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
