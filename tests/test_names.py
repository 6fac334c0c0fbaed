"""Name comparison (kg.names): the ways news copy varies one person's or organisation's name."""

import pytest

from kg.knowledge import name_forms
from kg.names import (
    acronym,
    initials,
    is_given_name,
    is_surname,
    org_key,
    person_name,
    same_person,
    surname,
    surname_only,
)

FORMS = name_forms()
TITLES = ("foreign minister", "president", "prime minister")


def name(text):
    return person_name(text, FORMS, TITLES)


@pytest.mark.parametrize("a, b", [
    ("Paul Ryan", "Paul D. Ryan"), ("Abe Shinzo", "Shinzo Abe"), ("Moon Jae", "Moon Jae-in"),
    ("Van Rompuy", "Herman Van Rompuy"), ("Jim Mattis", "James Mattis"), ("Sergey Lavrov", "Sergei Lavrov"),
    ("Denis Sassou", "Denis Sassou Nguesso"), ("Moon Jae In", "Moon Jae-in"), ("Mohamed Morsi", "Mohammed Morsi"),
    ("President Vladimir V. Putin", "Vladimir Putin"), ("Park \u00adGeun-hye", "Park Geun-hye"),
])
def test_variants_of_one_name(a, b):
    assert same_person(name(a), name(b), FORMS)


@pytest.mark.parametrize("a, b", [
    ("Barack Obama", "Michelle Obama"), ("Kim Jong Un", "Kim Jong Il"), ("Alaa Abdel-Fattah", "Abdel-Fattah el-Sissi"),
    ("Mohammed bin Salman", "Mohammed bin Nayef"),
])
def test_different_people(a, b):
    assert not same_person(name(a), name(b), FORMS)


def test_titles_honorifics_and_initials_are_not_the_name():
    assert name("Foreign Minister Sergei Lavrov") == ("sergei", "lavrov")
    assert name("Mr. Paul D. Ryan's") == ("paul", "ryan")
    assert name("Prime Minister Abe") == ("abe",)


def test_surname_family_and_first_name():
    obama = name("Barack Obama")
    assert is_surname(("obama",), obama) and is_surname(("obamas",), obama) and not is_surname(("barack",), obama)
    assert is_surname(name("Van Rompuy"), name("Herman Van Rompuy")) and surname_only(name("Van Rompuy"), FORMS)
    assert surname(name("Herman Van Rompuy"), FORMS) == ("van", "rompuy") and not surname_only(obama, FORMS)
    assert is_given_name("jim", name("James Mattis"), FORMS)
    assert is_given_name("javad", name("Mohammad Javad Zarif"), FORMS)
    assert not is_given_name("zarif", name("Mohammad Javad Zarif"), FORMS)


def test_organisation_keys_and_acronyms():
    assert org_key("BFM-TV", FORMS) == org_key("BFMTV", FORMS)
    assert org_key("Mossack Fonseca & Co.", FORMS) == org_key("Mossack Fonseca", FORMS)
    assert initials("International Committee of the Red Cross", FORMS) == "ICRC"
    assert initials("Organization for Security and Co-operation in Europe", FORMS) == "OSCE"
    assert acronym("U.N.") == "UN" and acronym("ICRC") == "ICRC" and acronym("Nato") == "" and acronym("G7") == ""
