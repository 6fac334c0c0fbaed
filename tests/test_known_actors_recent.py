"""The hand-curated known actors since 2014 (ontologies/known_actors_recent.tsv) and how they extend the
converted Phoenix dictionaries (ontologies/known_actors.tsv)."""

import re
from datetime import date

from kg.knowledge import KnownActors, data_path, known_actors, name_forms
from kg.names import name_key, person_name
from kg.records import Mention
from kg.resolve import DocumentResolver

ROLE = re.compile(r"([A-Z]{3,12}):(\d{4}-\d\d-\d\d)/(\d{4}-\d\d-\d\d)?")


def _rows(name):
    lines = data_path(name).read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line and not line.startswith("#")]


def test_the_recent_table_has_the_columns_dates_countries_and_name_keys_of_the_base(gaz):
    header, *rows = _rows("known_actors_recent.tsv")
    assert header == ("id", "label", "type", "country", "roles", "names", "surnames")
    assert 150 <= len(rows) <= 250 and all(len(row) == 7 for row in rows)
    assert len({row[0] for row in rows}) == len(rows)
    forms = name_forms()
    for actor_id, _, kind, country, roles, names, surnames in rows:
        assert kind == "Person" and (not country or gaz.entities[country].type == "Country"), actor_id
        for role in roles.split("|"):
            assert (found := ROLE.fullmatch(role)), role  # every role has a start
            start, end = found[2], found[3]
            assert date.fromisoformat(start) <= (date.fromisoformat(end) if end else date(2026, 12, 31)), role
        for key in (*names.split("|"), *surnames.split("|")):
            assert key and name_key(person_name(key, forms)) == key, (actor_id, key)


def test_a_new_person_is_no_one_the_base_names_and_a_shared_id_keeps_the_base_names():
    base = KnownActors.from_rows(_rows("known_actors.tsv"))
    actors = known_actors()
    for row in _rows("known_actors_recent.tsv")[1:]:
        if row[0] in base.rows:
            old, new = base.rows[row[0]], actors.rows[row[0]]
            assert set(old[5].split("|")) <= set(new[5].split("|")), row[0]
            assert set(old[6].split("|")) <= set(new[6].split("|")), row[0]
        else:  # a person the base knows by one of these names must extend that row, not be a second one
            assert not [name for name in row[5].split("|") if name in base.by_name], row[0]


def test_trump_by_any_name_is_one_known_person_whose_state_a_bare_title_names(gaz):
    text = "President Donald J. Trump said the United States would act. Trump left; Donald Trump returned."
    spans = [("President Donald J. Trump", "Person"), ("United States", "Country", "united_states"),
             ("Trump", "Person"), ("Donald Trump", "Person")]
    mentions, at = [], 0
    for surface, kind, *key in spans:
        start = text.index(surface, at)
        mentions.append(Mention(surface, start, start + len(surface), kind, *key))
        at = start + 1
    resolver = DocumentResolver(gaz, tuple(mentions), text, "2017-08-01")
    people = [resolver.entity(m) for m in mentions if m.type == "Person"]
    assert {p.id for p in people} == {"donald_trump"}
    trump = known_actors().actor("donald_trump")
    assert trump.country == "united_states" and trump.active("2017-08-01") and not trump.active("2022-08-01")
    assert resolver.state_of(people[0]).id == "united_states"  # "President Trump": leader of the United States


def test_a_person_of_both_tables_gains_the_later_names_and_roles_and_an_end_closes_an_open_role():
    base = KnownActors.from_rows(_rows("known_actors.tsv"))
    actors = known_actors()
    assert "sergei shoigu" not in base.by_name and actors.by_name["sergei shoigu"] == ("sergey_shoygu",)
    assert actors.by_surname["shoigu"] == actors.by_surname["shoygu"] == ("sergey_shoygu",)
    shoigu = actors.actor("sergey_shoygu")
    assert shoigu.label == "Sergey Shoygu" and shoigu.country == "russia"
    assert {("RUSGOVMIL", "2003-01-01", "2024-05-12"), ("RUSGOV", "2024-05-12", "")} <= set(shoigu.roles)
    # the base's open presidency ends in 2017; the curated table says when
    assert base.actor("barack_obama").active("2019-01-01") and not actors.actor("barack_obama").active("2019-01-01")


def test_a_later_row_of_an_id_adds_roles_and_names_and_replaces_what_it_gives():
    actors = KnownActors.from_rows([
        ("x", "Xavier Y", "Person", "", "AAAGOV:2000-01-01/|AAAELI:/", "xavier y", "y"),
        ("x", "", "", "france", "AAAGOV:2000-01-01/2010-01-01|FRAGOV:2015-01-01/", "xavier z|xavier y", "z"),
    ])
    assert actors.rows["x"] == ("x", "Xavier Y", "Person", "france",
                                "AAAGOV:2000-01-01/2010-01-01|AAAELI:/|FRAGOV:2015-01-01/", "xavier y|xavier z", "y|z")
    assert actors.by_name == {"xavier y": ("x",), "xavier z": ("x",)} and actors.by_surname["z"] == ("x",)
