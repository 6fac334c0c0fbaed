"""The Phoenix actor dictionary converter (tools/phoenix_actors.py) on small hand-written dictionaries,
and the converted table it ships (ontologies/known_actors.tsv)."""

import subprocess
import sys

import pytest

from kg.knowledge import data_path, known_actors, name_forms
from kg.names import name_key, person_name
from tests.conftest import ROOT

COUNTRIES = """# a country, an institution and people
RUSSIA_  [RUS]
+RUSSIAN_
KREMLIN_
	[RUSGOV]
BORIS_YELTSIN_  # CountryInfo.txt
BORIS_N._YELTSIN
PRESIDENT_YELTSIN
	[RUSELI 490101-910710]
	[RUSGOV 910710-991231]
VLADIMIR_PUTIN_  # CountryInfo.txt
+PUTIN_
+RUSSIAN_PRESIDENT_VLADIMIR_V._PUTIN
+THE_PUTIN_ADMINISTRATION
	[RUSGOV >080508]
MOON_JAE_IN_  # CountryInfo.txt
	[KORGOV 070501-080731]
"""
INTERNATIONAL = """KOFI_ANNAN_
+SECRETARY-GENERAL_KOFI_ANNAN
	[IGOUNO 970101-061231]
RED_CROSS_	[NGOHLHIRC]
"""
GROUPS = """ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_ [YEMREB] #  kkl 21 Mar 13
+ADEN_ISLAMIC_ARMY_
"""


def _convert(tmp_path):
    for name, text in (("Phoenix.Countries.actors.txt", COUNTRIES), ("Phoenix.International.actors.txt", INTERNATIONAL),
                       ("Phoenix.MilNonState.actors.txt", GROUPS)):
        (tmp_path / name).write_text(text)
    out = tmp_path / "known.tsv"
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "phoenix_actors.py"), str(tmp_path), "-o", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    lines = out.read_text().splitlines()
    assert any("MIT License" in line for line in lines if line.startswith("#"))
    rows = [line.split("\t") for line in lines if not line.startswith("#")][1:]
    return {row[0]: row for row in rows}


@pytest.mark.slow
def test_people_groups_and_their_codes(tmp_path):
    rows = _convert(tmp_path)
    assert set(rows) == {"boris_yeltsin", "vladimir_putin", "moon_jae_in", "kofi_annan", "aden_abyan_islamic_army"}
    yeltsin = rows["boris_yeltsin"]  # primary phrases with no codes between share the next codes
    assert yeltsin[3] == "russia" and yeltsin[4] == "RUSELI:1949-01-01/1991-07-10|RUSGOV:1991-07-10/1999-12-31"
    assert yeltsin[5].split("|") == ["boris yeltsin"] and yeltsin[6] == "yeltsin"
    putin = rows["vladimir_putin"]  # titles and countries before a name go; an "administration" is no name
    assert putin[4] == "RUSGOV:2008-05-08/" and putin[5] == "vladimir putin" and putin[6] == "putin"
    assert rows["moon_jae_in"][6] == "moon"  # family name first
    assert rows["kofi_annan"][2:4] == ["Person", ""] and rows["kofi_annan"][4] == "IGOUNO:1997-01-01/2006-12-31"
    group = rows["aden_abyan_islamic_army"]
    assert group[1:4] == ["Aden Abyan Islamic Army", "Group", "yemen"]
    assert set(group[5].split("|")) == {"aden abyan islamic army", "aaia", "aden islamic army"}


def test_missing_dictionary_is_one_line_and_non_zero(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "phoenix_actors.py"), str(tmp_path)],
                          capture_output=True, text=True)
    assert done.returncode != 0 and done.stderr.count("\n") == 1 and "lacks" in done.stderr


def test_shipped_table_keys_are_what_kg_names_makes_of_the_labels():
    actors = known_actors()
    assert len(actors.rows) > 15_000 and "MIT License" in data_path("known_actors.tsv").read_text()[:3000]
    forms = name_forms()
    people = [row for row in actors.rows.values() if row[2] == "Person"]
    assert all(name_key(person_name(row[1], forms)) in row[5].split("|") for row in people)
    putin = actors.actor("vladimir_putin")
    assert putin.country == "russia" and putin.active("2019-01-01") and not putin.active("1960-01-01")
    assert actors.by_surname["lavrov"] == ("sergey_lavrov",)
