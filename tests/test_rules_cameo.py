"""Verbs mined from the CAMEO dictionary (ontologies/cameo_verbs.toml) as triggers, on hand-built Docs."""

import pytest

from tests.test_rules_senses import _svo, relations


@pytest.mark.parametrize("subject, subject_ent, verb, lemma, obj, object_ent, prep, expected", [
    ("Court", ("ORG",), "convicted", "convict", "Morsi", ("PERSON",), None, "coerces"),  # 173 arrest, charge
    ("Court", ("ORG",), "sentenced", "sentence", "Morsi", ("PERSON",), None, "sanctions"),  # 172
    ("Graham", ("PERSON",), "blasted", "blast", "Biden", ("PERSON",), None, "criticizes"),  # its patterns: 111
    ("Modi", ("PERSON",), "consulted", "consult", "Putin", ("PERSON",), None, "meets_with"),  # 040
    ("France", ("GPE", "france"), "sided", "side", "Germany", ("GPE", "germany"), "with", "cooperates_with"),
    ("Hamas", ("ORG",), "kidnapped", "kidnap", "Israelis", ("NORP",), None, "attacks"),  # 181 abduct
    ("Britain", ("GPE", "united_kingdom"), "thanked", "thank", "Qatar", ("GPE", "qatar"), None, "supports"),
])
def test_mined_verbs_are_triggers(gaz, lex, subject, subject_ent, verb, lemma, obj, object_ent, prep, expected):
    doc = _svo(subject, verb, lemma, obj, subject_ent, object_ent, prep=prep)
    assert relations(doc, gaz, lex) == {(subject, expected, obj)}


@pytest.mark.parametrize("subject, subject_ent, verb, lemma, obj, object_ent", [
    ("Romania", ("GPE", "romania"), "beat", "beat", "Lithuania", ("GPE", "lithuania")),  # a match, not an assault
    ("Biden", ("PERSON",), "pardoned", "pardon", "Hunter", ("PERSON",)),  # pardoning is no concession to him
    ("Mugabe", ("PERSON",), "fired", "fire", "Mnangagwa", ("PERSON",)),  # a dismissal, not gunfire
])
def test_skipped_verbs_are_no_triggers(gaz, lex, subject, subject_ent, verb, lemma, obj, object_ent):
    assert relations(_svo(subject, verb, lemma, obj, subject_ent, object_ent), gaz, lex) == set()
