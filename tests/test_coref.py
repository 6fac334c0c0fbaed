"""Coreference and issue mentions on hand-built multi-sentence Docs (no statistical model)."""

import pytest

from kg.extract.coref import antecedent_of
from tests.conftest import assertions, make_doc


def sentences(*parts):
    """One Doc from sentences given as (rows, ents) with heads and entity offsets local to each
    sentence; every sentence root is its own head, so each starts a new sentence."""
    rows, ents, offset = [], [], 0
    for tokens, spans in parts:
        rows += [(t[0], t[1] + offset, *t[2:]) for t in tokens]
        ents += [(e[0] + offset, e[1] + offset, *e[2:]) for e in spans]
        offset += len(tokens)
    return make_doc(rows, ents)


def resolved(m):
    """A mention's own text and the text of what it refers to (itself when not a reference)."""
    return m.text, m.refers_to.text if m.refers_to is not None else m.text


# Antonov said the talks failed .
ANTONOV_SAID = ([
    ("Antonov", 1, "nsubj", "PROPN"), ("said", 1, "ROOT", "VERB", "say"), ("the", 3, "det", "DET"),
    ("talks", 4, "nsubj", "NOUN", "talk"), ("failed", 1, "ccomp", "VERB", "fail"), (".", 1, "punct", "PUNCT"),
], [(0, 1, "PERSON")])

# A representative of the US said the talks failed .
REPRESENTATIVE_SAID = ([
    ("A", 1, "det", "DET"), ("representative", 5, "nsubj", "NOUN"), ("of", 1, "prep", "ADP"),
    ("the", 4, "det", "DET"), ("US", 2, "pobj", "PROPN"), ("said", 5, "ROOT", "VERB", "say"),
    ("the", 7, "det", "DET"), ("talks", 8, "nsubj", "NOUN", "talk"), ("failed", 5, "ccomp", "VERB", "fail"),
    (".", 5, "punct", "PUNCT"),
], [(4, 5, "GPE", "united_states")])

# He added that NATO is a threat .
HE_ADDED = ([
    ("He", 1, "nsubj", "PRON"), ("added", 1, "ROOT", "VERB", "add"), ("that", 4, "mark", "SCONJ"),
    ("NATO", 4, "nsubj", "PROPN"), ("is", 1, "ccomp", "AUX", "be"), ("a", 6, "det", "DET"),
    ("threat", 4, "attr", "NOUN"), (".", 1, "punct", "PUNCT"),
], [(3, 4, "ORG", "nato")])

# NATO met .
NATO_MET = ([
    ("NATO", 1, "nsubj", "PROPN"), ("met", 1, "ROOT", "VERB", "meet"), (".", 1, "punct", "PUNCT"),
], [(0, 1, "ORG", "nato")])

# Antonov called the rapprochement between Ukraine and the alliance a threat .
RAPPROCHEMENT = ([
    ("Antonov", 1, "nsubj", "PROPN"), ("called", 1, "ROOT", "VERB", "call"), ("the", 3, "det", "DET"),
    ("rapprochement", 1, "dobj", "NOUN"), ("between", 3, "prep", "ADP"), ("Ukraine", 4, "pobj", "PROPN"),
    ("and", 5, "cc", "CCONJ"), ("the", 8, "det", "DET"), ("alliance", 5, "conj", "NOUN"),
    ("a", 10, "det", "DET"), ("threat", 1, "oprd", "NOUN"), (".", 1, "punct", "PUNCT"),
], [(0, 1, "PERSON"), (5, 6, "GPE", "ukraine")])


def test_pronoun_resolves_to_person_subject_of_previous_sentence(gaz, lex):
    # Antonov said the talks failed . He called NATO a threat .
    doc = sentences(ANTONOV_SAID, ([
        ("He", 1, "nsubj", "PRON"), ("called", 1, "ROOT", "VERB", "call"), ("NATO", 1, "dobj", "PROPN"),
        ("a", 4, "det", "DET"), ("threat", 1, "oprd", "NOUN"), (".", 1, "punct", "PUNCT"),
    ], [(2, 3, "ORG", "nato")]))
    assert len(list(doc.sents)) == 2
    got = {(resolved(a.subject), a.subject.type, a.predicate, a.object.text, a.rule) for a in assertions(doc, gaz, lex)}
    assert got == {(("He", "Antonov"), "Person", "considers_threat", "NATO", "predicative")}


@pytest.mark.parametrize("representative", [False, True], ids=["antonov-last", "representative-between"])
def test_person_named_by_common_noun_blocks_pronoun(gaz, lex, representative):
    # Antonov said the talks failed . [A representative of the US said the talks failed .]
    # He added that NATO is a threat .
    parts = (ANTONOV_SAID, REPRESENTATIVE_SAID, HE_ADDED) if representative else (ANTONOV_SAID, HE_ADDED)
    doc = sentences(*parts)
    he = next(t for t in doc if t.text == "He")
    got = {(resolved(a.subject), a.predicate, a.object.text, a.modality) for a in assertions(doc, gaz, lex)}
    if representative:  # "he" may be the representative: left unresolved, so no statement
        assert antecedent_of(he) is None
        assert got == set()
    else:
        assert antecedent_of(he).text == "Antonov"
        assert got == {(("He", "Antonov"), "considers_threat", "NATO", "reported")}


def test_definite_description_resolves_to_last_organisation(gaz, lex):
    # NATO met . The alliance supports Ukraine .
    doc = sentences(NATO_MET, ([
        ("The", 1, "det", "DET"), ("alliance", 2, "nsubj", "NOUN"), ("supports", 2, "ROOT", "VERB", "support"),
        ("Ukraine", 2, "dobj", "PROPN"), (".", 2, "punct", "PUNCT"),
    ], [(3, 4, "GPE", "ukraine")]))
    got = {(resolved(a.subject), a.subject.type, a.subject.key, a.predicate, a.object.text)
           for a in assertions(doc, gaz, lex)}
    assert got == {(("The alliance", "NATO"), "InternationalOrganization", "nato", "supports", "Ukraine")}


def test_issue_label_substitutes_resolved_description(gaz, lex):
    # NATO met . Antonov called the rapprochement between Ukraine and the alliance a threat .
    doc = sentences(NATO_MET, RAPPROCHEMENT)
    got = {(a.subject.text, a.predicate, a.object.text, a.object.type, a.object.label, a.rule)
           for a in assertions(doc, gaz, lex) if a.predicate != "concerns"}
    assert got == {("Antonov", "considers_threat", "rapprochement between Ukraine and the alliance", "Issue",
                    "rapprochement between Ukraine and NATO", "predicative+issue")}


def test_issue_concerns_the_actors_named_in_it(gaz, lex):
    # NATO met . Antonov called the rapprochement between Ukraine and the alliance a threat .
    doc = sentences(NATO_MET, RAPPROCHEMENT)
    got = {(a.subject.label, a.predicate, resolved(a.object), a.object.key, a.rule)
           for a in assertions(doc, gaz, lex) if a.predicate == "concerns"}
    assert got == {("rapprochement between Ukraine and NATO", "concerns", ("Ukraine", "Ukraine"), "ukraine",
                    "issue-concerns"),
                   ("rapprochement between Ukraine and NATO", "concerns", ("the alliance", "NATO"), "nato",
                    "issue-concerns")}


def test_the_government_is_the_latest_government_not_the_latest_ministry(gaz, lex):
    # The Kenyan government met the Foreign Ministry . The government left .
    doc = sentences(
        ([("The", 2, "det", "DET"), ("Kenyan", 2, "amod", "ADJ"), ("government", 3, "nsubj", "NOUN"),
          ("met", 3, "ROOT", "VERB", "meet"), ("the", 6, "det", "DET"), ("Foreign", 6, "compound", "PROPN"),
          ("Ministry", 3, "dobj", "PROPN"), (".", 3, "punct", "PUNCT")],
         [(1, 3, "GOV", "kenya_government", "kenya"), (5, 7, "GOV", "x_foreign_ministry")]),
        ([("The", 1, "det", "DET"), ("government", 2, "nsubj", "NOUN"), ("left", 2, "ROOT", "VERB", "leave"),
          (".", 2, "punct", "PUNCT")], []))
    assertions(doc, gaz, lex)
    assert antecedent_of(doc[9]).text == "Kenyan government"


# Russia expelled diplomats .
RUSSIA_EXPELLED = ([
    ("Russia", 1, "nsubj", "PROPN"), ("expelled", 1, "ROOT", "VERB", "expel"), ("diplomats", 1, "dobj", "NOUN", "diplomat"),
    (".", 1, "punct", "PUNCT"),
], [(0, 1, "GPE", "russia")])

# It condemned NATO .
IT_CONDEMNED = ([
    ("It", 1, "nsubj", "PRON", "it"), ("condemned", 1, "ROOT", "VERB", "condemn"), ("NATO", 1, "dobj", "PROPN"),
    (".", 1, "punct", "PUNCT"),
], [(2, 3, "ORG", "nato")])

# The resolution passed .
RESOLUTION_PASSED = ([
    ("The", 1, "det", "DET"), ("resolution", 2, "nsubj", "NOUN"), ("passed", 2, "ROOT", "VERB", "pass"),
    (".", 2, "punct", "PUNCT"),
], [])

# It seems that NATO grew .
IT_SEEMS = ([
    ("It", 1, "nsubj", "PRON", "it"), ("seems", 1, "ROOT", "VERB", "seem"), ("that", 4, "mark", "SCONJ"),
    ("NATO", 4, "nsubj", "PROPN"), ("grew", 1, "ccomp", "VERB", "grow"), (".", 1, "punct", "PUNCT"),
], [(3, 4, "ORG", "nato")])


def test_it_is_the_latest_state_or_organisation_in_subject_position(gaz, lex):
    found = {(a.subject.text, a.subject.refers_to.text if a.subject.refers_to else None, a.predicate, a.object.text)
             for a in assertions(sentences(RUSSIA_EXPELLED, IT_CONDEMNED), gaz, lex)}
    assert ("It", "Russia", "criticizes", "NATO") in found


def test_it_after_a_thing_in_subject_position_or_an_expletive_it_is_no_state(gaz, lex):
    after_thing = assertions(sentences(RUSSIA_EXPELLED, RESOLUTION_PASSED, IT_CONDEMNED), gaz, lex)
    assert not any(a.predicate == "criticizes" for a in after_thing)
    doc = sentences(RUSSIA_EXPELLED, IT_SEEMS)
    assertions(doc, gaz, lex)
    assert antecedent_of(doc[4]) is None


# Zimbabwe is calm .
ZIMBABWE_CALM = ([
    ("Zimbabwe", 1, "nsubj", "PROPN"), ("is", 1, "ROOT", "AUX", "be"), ("calm", 1, "acomp", "ADJ"),
    (".", 1, "punct", "PUNCT"),
], [(0, 1, "GPE", "zimbabwe")])

# The military ousted Mugabe .
MILITARY_OUSTED = ([
    ("The", 1, "det", "DET"), ("military", 2, "nsubj", "NOUN"), ("ousted", 2, "ROOT", "VERB", "oust"),
    ("Mugabe", 2, "dobj", "PROPN"), (".", 2, "punct", "PUNCT"),
], [(3, 4, "PERSON")])

# Russia and China met .
RUSSIA_AND_CHINA = ([
    ("Russia", 3, "nsubj", "PROPN"), ("and", 0, "cc", "CCONJ"), ("China", 0, "conj", "PROPN"),
    ("met", 3, "ROOT", "VERB", "meet"), (".", 3, "punct", "PUNCT"),
], [(0, 1, "GPE", "russia"), (2, 3, "GPE", "china")])


def test_the_military_of_no_body_named_is_the_story_countrys(gaz, lex):
    from kg.extract import extract_doc
    from kg.records import Document
    from kg.resolve import resolve

    doc = sentences(ZIMBABWE_CALM, MILITARY_OUSTED)
    result = resolve(extract_doc(doc, Document("z", doc.text), gaz, lex), gaz)
    assert {(s.subject.id, s.assertion.predicate, s.object.id) for s in result.statements} >= {
        ("zimbabwe_military", "coerces", "robert_mugabe")}  # Mugabe, linked by the actor dictionary
    assert next(e for e in result.entities if e.id == "zimbabwe_military").label == "Zimbabwe military"
    # two countries named as often: whose military it is, is not said
    tied = sentences(RUSSIA_AND_CHINA, MILITARY_OUSTED)
    assert not any(a.predicate == "coerces" for a in assertions(tied, gaz, lex))


# Taliban hit the German consulate .
HIT_CONSULATE = ([
    ("Taliban", 1, "nsubj", "PROPN"), ("hit", 1, "ROOT", "VERB", "hit"), ("the", 4, "det", "DET"),
    ("German", 4, "amod", "ADJ"), ("consulate", 1, "dobj", "NOUN"), (".", 1, "punct", "PUNCT"),
], [(0, 1, "ORG"), (3, 5, "GOV", "germany_consulate", "germany")])

# The consulate in Kabul closed .
CONSULATE_CLOSED = ([
    ("The", 1, "det", "DET"), ("consulate", 4, "nsubj", "NOUN"), ("in", 1, "prep", "ADP"), ("Kabul", 2, "pobj", "PROPN"),
    ("closed", 4, "ROOT", "VERB", "close"), (".", 4, "punct", "PUNCT"),
], [(3, 4, "GPE")])


def test_a_body_named_before_is_seated_where_the_description_puts_it(gaz, lex):
    from kg.extract.places import organisation_seats

    found = {resolved(a.subject) + (a.predicate, a.object.text)
             for a in assertions(sentences(HIT_CONSULATE, CONSULATE_CLOSED), gaz, lex, organisation_seats)}
    assert ("The consulate", "German consulate", "based_in", "Kabul") in found


# The Nigerian government met Boko Haram .
GOVERNMENT_MET = ([
    ("The", 2, "det", "DET"), ("Nigerian", 2, "amod", "ADJ"), ("government", 3, "nsubj", "NOUN"),
    ("met", 3, "ROOT", "VERB", "meet"), ("Boko", 5, "compound", "PROPN"), ("Haram", 3, "dobj", "PROPN"),
    (".", 3, "punct", "PUNCT"),
], [(1, 3, "GOV", "nigeria_government", "nigeria"), (4, 6, "ORG")])

# The administration freed Buhari .
ADMINISTRATION_FREED = ([
    ("The", 1, "det", "DET"), ("administration", 2, "nsubj", "NOUN"), ("freed", 2, "ROOT", "VERB", "free"),
    ("Buhari", 2, "dobj", "PROPN"), (".", 2, "punct", "PUNCT"),
], [(3, 4, "PERSON")])


def test_the_administration_is_the_government_named_before_or_the_story_countrys(gaz, lex):
    doc = sentences(GOVERNMENT_MET, ADMINISTRATION_FREED)
    assertions(doc, gaz, lex)
    assert antecedent_of(doc[8]).text == "Nigerian government"
    # with no government named, the story country's, under the key its government has
    doc = sentences(ZIMBABWE_CALM, ADMINISTRATION_FREED)
    assertions(doc, gaz, lex)
    assert antecedent_of(doc[5]).key == "zimbabwe_government"


# Former President Morsi met President Sisi .
FORMER_MET_SITTING = ([
    ("Former", 1, "amod", "ADJ"), ("President", 2, "compound", "PROPN"), ("Morsi", 3, "nsubj", "PROPN"),
    ("met", 3, "ROOT", "VERB", "meet"), ("President", 5, "compound", "PROPN"), ("Sisi", 3, "dobj", "PROPN"),
    (".", 3, "punct", "PUNCT"),
], [(2, 3, "PERSON"), (5, 6, "PERSON")])

# The former president , who hailed from the Muslim Brotherhood , spoke .
FORMER_HAILED = ([
    ("The", 2, "det", "DET"), ("former", 2, "amod", "ADJ"), ("president", 11, "nsubj", "NOUN"), (",", 2, "punct", "PUNCT"),
    ("who", 5, "nsubj", "PRON"), ("hailed", 2, "relcl", "VERB", "hail"), ("from", 5, "prep", "ADP"),
    ("the", 9, "det", "DET"), ("Muslim", 9, "compound", "PROPN"), ("Brotherhood", 6, "pobj", "PROPN"),
    (",", 2, "punct", "PUNCT"), ("spoke", 11, "ROOT", "VERB", "speak"), (".", 11, "punct", "PUNCT"),
], [(8, 10, "ORG")])


def test_the_former_president_is_the_one_called_so_and_hails_from_his_movement(gaz, lex):
    doc = sentences(FORMER_MET_SITTING, FORMER_HAILED)
    found = {(resolved(a.subject), a.predicate, a.object.text) for a in assertions(doc, gaz, lex)}
    assert (("The former president", "Morsi"), "member_of", "Muslim Brotherhood") in found


# Morsi , the former president , spoke .
MORSI_APPOSITION = ([
    ("Morsi", 6, "nsubj", "PROPN"), (",", 0, "punct", "PUNCT"), ("the", 4, "det", "DET"), ("former", 4, "amod", "ADJ"),
    ("president", 0, "appos", "NOUN"), (",", 0, "punct", "PUNCT"), ("spoke", 6, "ROOT", "VERB", "speak"),
    (".", 6, "punct", "PUNCT"),
], [(0, 1, "PERSON")])

# President Sisi spoke .
SISI_SPOKE = ([
    ("President", 1, "compound", "PROPN"), ("Sisi", 2, "nsubj", "PROPN"), ("spoke", 2, "ROOT", "VERB", "speak"),
    (".", 2, "punct", "PUNCT"),
], [(1, 2, "PERSON")])


def test_a_former_post_in_apposition_is_a_past_post_too(gaz, lex):
    doc = sentences(MORSI_APPOSITION, SISI_SPOKE, FORMER_HAILED)
    found = {(resolved(a.subject), a.predicate, a.object.text) for a in assertions(doc, gaz, lex)}
    assert (("The former president", "Morsi"), "member_of", "Muslim Brotherhood") in found
