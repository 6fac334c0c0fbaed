"""Convert the Phoenix/PETRARCH2 actor dictionaries (MIT, Open Event Data) into ontologies/known_actors.tsv.

    python tools/phoenix_actors.py [PHOENIX_DIR] [-o ontologies/known_actors.tsv]

PHOENIX_DIR defaults to ../shared/dictionaries/phoenix beside the checkout. Kept are the named
people (political figures by country and the officials of international organisations) and the
armed non-state groups, each with its name variants as kg.names keys, its country and its dated
role codes. Re-run it when kg.names or ontologies/names.toml change how names are compared.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.knowledge import gazetteer, lexicon, name_forms, slug  # noqa: E402
from kg.names import fold, name_key, name_surface, person_name, phrase_key, surname  # noqa: E402
from kg.store import write_atomic  # noqa: E402

FILES = {"Phoenix.Countries.actors.txt": "Person", "Phoenix.International.actors.txt": "Person",
         "Phoenix.MilNonState.actors.txt": "Group"}
# Words that make a dictionary entry an institution, a role or a place rather than a person's name.
NOT_A_PERSON = set("""
ARMY FORCE FORCES GUARD GUARDS COUNCIL PARTY ASSEMBLY CONGRESS MINISTRY MINISTER MINISTERS SECRETARY
PRESIDENT PRESIDENCY GOVERNMENT AUTHORITY BUREAU SERVICE SERVICES INTELLIGENCE REPUBLIC ISLANDS ISLAND
PALACE STREET COMMITTEE COMMISSION COURT POLICE UNION FRONT MOVEMENT ORGANIZATION ORGANISATION AGENCY
OFFICE DEPARTMENT BANK FUND STATE STATES FEDERATION FEDERAL NATIONAL PEOPLES PEOPLE'S SOVIET KINGDOM
EMPIRE PROVINCE REGION CITY DISTRICT RIFLES BRIGADE BRIGADES CORPS LEAGUE ALLIANCE ASSOCIATION
INSTITUTE UNIVERSITY SCHOOL COMPANY CORPORATION GROUP GROUPS TROOPS SOLDIERS SOLDIER ADMINISTRATION
HEADQUARTERS DIRECTORATE OCEAN SEA GULF KREMLIN PARLIAMENT CABINET SENATE LEADER LEADERS CHIEF
OFFICIAL OFFICIALS SPOKESMAN AMBASSADOR EMBASSY MISSION DELEGATION OPPOSITION REBELS MILITIA ENVOY
MONITOR MONITORS CONTINGENT PEACEKEEPER PEACEKEEPERS SECRETARIAT PROGRAM PROGRAMME PROJECT DATABASE
INITIATIVE TRIBUNAL PANEL NETWORK FOUNDATION CENTER CENTRE COALITION NAVY MARINES COMMAND OCCUPIED
UN U.N. UNITED NATIONS EUROPEAN AFRICAN ARAB ISLAMIC INTERNATIONAL WORLD GLOBAL
""".split())
# Countries whose people are named family name first ("Kim Jong Un", "Xi Jinping", "Moon Jae-in").
FAMILY_NAME_FIRST = {"CHN", "TWN", "HKG", "MAC", "PRK", "KOR", "VNM", "KHM", "MNG"}
HEADER = """# Known actors, converted by tools/phoenix_actors.py from the Phoenix/PETRARCH2 actor dictionaries
# (github openeventdata/petrarch2, petrarch2/data/dictionaries; CountryInfo 2014). Evidence for linking a
# name to one actor, not facts of the graph. Columns: id, label, type, country (gazetteer id), roles
# (code:start/end, | separated; a code is a country or organisation followed by sectors such as GOV
# government, ELI elite, MIL military, OPP opposition, LEG legislature, JUD judiciary, REB rebels; an
# empty date is open), names and surnames (kg.names keys, | separated).
#
# The MIT License (MIT). Copyright (c) 2014 Open Event Data Alliance.
# Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
# associated documentation files (the "Software"), to deal in the Software without restriction,
# including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense,
# and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so,
# subject to the following conditions: The above copyright notice and this permission notice shall be
# included in all copies or substantial portions of the Software.
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT
# LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN
# NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY,
# WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE
# SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
id	label	type	country	roles	names	surnames
"""


@dataclass
class Record:
    """One actor of a dictionary: its phrases and its codes, as PETRARCH reads them."""

    phrases: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)  # "RUSGOV 991231-080507", "RUSELI", ...


def read_records(path: Path) -> list[Record]:
    """Primary phrases, '+' synonyms and tab-indented codes. Primary phrases that follow each other
    with no codes between them share the codes that come next (PETRARCH's reading)."""
    records: list[Record] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body = raw.split("#", 1)[0]
        if not body.strip() or body.lstrip().startswith("<!--"):
            continue
        codes = re.findall(r"\[([^\]]*)\]", body)
        if raw[0] in "\t [" or body.strip().startswith("["):
            if records:
                records[-1].codes += codes
            continue
        phrase = body[1:] if raw.startswith("+") else body
        phrase = phrase.split("[", 1)[0].strip()
        if not raw.startswith("+") and (not records or records[-1].codes):
            records.append(Record())
        if records:
            records[-1].phrases.append(phrase)
            records[-1].codes += codes
    return records


def _date(text: str) -> str:
    """YYMMDD (00-30 is 20YY) or YYYYMMDD as ISO; "" when not a date."""
    digits = re.sub(r"\D", "", text)
    if len(digits) <= 7:
        digits = ("20" if int(digits[:2] or 99) <= 30 else "19") + digits[:6] if len(digits) >= 6 else ""
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8])).isoformat()
    except ValueError:
        return ""


def role(code: str) -> str:
    """"RUSGOV 991231-080507" -> "RUSGOV:1999-12-31/2008-05-07"; ">080508" opens, "<..." closes."""
    name, _, when = code.strip().partition(" ")
    when = when.strip()
    if when.startswith(">"):
        span = (_date(when), "")
    elif when.startswith("<"):
        span = ("", _date(when))
    elif "-" in when:
        start, end = when.split("-", 1)
        span = (_date(start), _date(end))
    else:
        span = ("", "")
    return f"{name}:{span[0]}/{span[1]}"


def words(phrase: str) -> str:
    return " ".join(phrase.replace("_", " ").split())


def title_case(phrase: str) -> str:
    """"VLADIMIR_PUTIN" -> "Vladimir Putin", "DENIS_MCDONOUGH" -> "Denis McDonough"."""
    text = words(phrase).title()
    return re.sub(r"\b(Mc|Mac)([a-z])", lambda m: m[1] + m[2].upper(), text).replace("'S ", "'s ")


class Converter:
    def __init__(self):
        gaz = gazetteer()
        self.forms = name_forms()
        self.iso3 = {code: e.id for e in gaz.entities.values() if e.type == "Country"
                     for scheme, code in e.codes if scheme == "iso3"}
        # what stands before a name in a synonym: a title, after a country or demonym ("RUSSIAN_PRESIDENT_...")
        self.titles = tuple(sorted(set(lexicon().titles) | {"president-elect", "secretary-general"},
                                   key=lambda p: (-len(p.split()), p)))
        places = {fold(d) for d in (*gaz.demonyms, *gaz.nationalities)} | {"us", "u.s.", "un", "u.n.", "united nations"}
        self.places = places | {fold(n) for e in gaz.entities.values() if e.type == "Country"
                                for n in (e.label, *e.aliases)}

    def country(self, codes: list[str]) -> str:
        return next((self.iso3[c[:3]] for c in codes if c[:3] in self.iso3), "")

    def without_country(self, text: str) -> str:
        """"RUSSIAN PRESIDENT VLADIMIR PUTIN" -> "PRESIDENT VLADIMIR PUTIN" (the title goes next)."""
        parts = text.split()
        for size in (3, 2, 1):
            rest = " ".join(parts[size:]).lower()
            if fold(" ".join(parts[:size])) in self.places and any(rest.startswith(t + " ") for t in self.titles):
                return " ".join(parts[size:])
        return text

    def person_names(self, record: Record) -> list[tuple[str, ...]]:
        names = []
        for phrase in record.phrases:
            name = person_name(self.without_country(words(phrase)), self.forms, self.titles)
            # long synonyms are descriptions ("MOSCOW PARTY CHIEF BORIS N. YELTSIN"); the primary is kept
            if name and not NOT_A_PERSON & {w.upper() for w in name} and (len(name) <= 6 or not names) \
                    and name not in names:
                names.append(name)
        return names

    def person(self, record: Record) -> dict | None:
        primary = words(record.phrases[0])
        if (len(primary.split()) < 2 or any(c.isdigit() for c in primary)
                or NOT_A_PERSON & set(primary.split()) or not record.codes):
            return None
        codes = [c for c in record.codes if len(c.split()[0]) > 3]  # a bare country code: the country itself
        names = self.person_names(record)
        # people hold posts for a time; undated entries of the international file are organisations
        if not any(len(c.split()) > 1 for c in codes) or not names or len(names[0]) < 2:
            return None
        country = self.country(codes)
        first = country and next(c[:3] for c in codes if c[:3] in self.iso3) in FAMILY_NAME_FIRST
        surnames = {n[:1] if first else n[-1:] for n in names} | {surname(n, self.forms) for n in names if not first}
        label = name_surface(self.without_country(words(record.phrases[0])), self.forms, self.titles)
        return {"label": title_case(label), "type": "Person", "country": country,
                "roles": [role(c) for c in codes], "names": [name_key(n) for n in names if len(n) > 1],
                "surnames": sorted({name_key(s) for s in surnames})}

    def group(self, record: Record) -> dict | None:
        if not record.codes:
            return None
        names = []
        for phrase in record.phrases:
            text = words(phrase)
            for part in (re.sub(r"\s*\([^)]*\)\s*", " ", text), *re.findall(r"\(([^)]+)\)", text)):
                key = phrase_key(part)
                if key and key not in names:
                    names.append(key)
        label = title_case(re.sub(r"\s*\([^)]*\)", "", words(record.phrases[0])))
        return {"label": label, "type": "Group", "country": self.country(record.codes),
                "roles": [role(c) for c in record.codes], "names": names, "surnames": []}


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def convert(folder: Path) -> list[dict]:
    """The actors of the dictionaries; entries of one actor (same type, first name and country, as
    when the international file repeats a country's official) are one."""
    converter = Converter()
    merged: dict[tuple[str, str, str], dict] = {}
    for name, kind in FILES.items():
        for record in read_records(folder / name):
            actor = converter.person(record) if kind == "Person" else converter.group(record)
            if actor is None:
                continue
            same = merged.setdefault((actor["type"], actor["names"][0], actor["country"]), actor)
            if same is not actor:
                for column in ("roles", "names", "surnames"):
                    same[column] = _unique(same[column] + actor[column])
    actors = list(merged.values())
    taken: dict[str, int] = {}
    for actor in actors:  # ids from labels; the country, then a number, tell namesakes apart
        base = slug(actor["label"])
        actor_id = base if base not in taken else f"{base}_{actor['country'] or 'x'}"
        while actor_id in taken:
            actor_id = f"{base}_{taken[base] + 1}"
            taken[base] += 1
        taken.setdefault(base, 1)
        taken[actor_id] = taken.get(actor_id, 1)
        actor["id"] = actor_id
    return actors


def table(actors: list[dict]) -> str:
    rows = ["\t".join((a["id"], a["label"], a["type"], a["country"], "|".join(a["roles"]), "|".join(a["names"]),
                       "|".join(a["surnames"]))) for a in actors]
    return HEADER + "\n".join(rows) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT.parent / "shared" / "dictionaries" / "phoenix")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "ontologies" / "known_actors.tsv")
    args = parser.parse_args()
    missing = [name for name in FILES if not (args.folder / name).is_file()]
    if missing:
        sys.exit(f"phoenix_actors: {args.folder} lacks {', '.join(missing)}")
    actors = convert(args.folder)
    write_atomic(args.output, table(actors).encode())
    print(f"{args.output}: {len(actors)} actors", file=sys.stderr)


if __name__ == "__main__":
    main()
