"""tools/countries.py: the bundled country table is what country_converter gives (checked where it is installed)."""

import importlib.util
import sys

import pytest

from kg.knowledge import data_path, gazetteer
from tests.conftest import ROOT

_spec = importlib.util.spec_from_file_location("countries_tool", ROOT / "tools" / "countries.py")
countries = sys.modules["countries_tool"] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(countries)


def test_the_bundled_country_table_is_what_the_script_writes():
    pytest.importorskip("country_converter", reason="country_converter (kg's dev extras) writes the table")
    assert data_path("countries.tsv").read_text(encoding="utf-8") == countries.table(), \
        "ontologies/countries.tsv is out of date: run python tools/countries.py"


def test_the_script_writes_where_it_is_told(tmp_path):
    pytest.importorskip("country_converter", reason="country_converter (kg's dev extras) writes the table")
    assert countries.main(["-o", str(tmp_path / "countries.tsv")]) == 0
    assert (tmp_path / "countries.tsv").read_text(encoding="utf-8") == countries.table()


def test_the_gazetteer_takes_its_countries_and_codes_from_the_table():
    russia = gazetteer().entities["russia"]
    assert (russia.type, russia.label, set(russia.codes)) == ("Country", "Russia", {("iso3", "RUS"), ("gw", "365")})
    assert "Russian Federation" in russia.aliases


def test_kg_runs_without_country_converter_or_pandas():
    import subprocess

    code = ("import sys; sys.modules['country_converter'] = sys.modules['pandas'] = None\n"
            "from kg.knowledge import gazetteer; print(len([e for e in gazetteer().entities.values() if e.type == 'Country']))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert int(done.stdout) > 200
