"""More rule tests on hand-built Docs (no statistical model): places, titles, verbs, predicatives, demands.

The trees follow what the small English model produces for each sentence; entity labels and
gazetteer ids are set by hand.
"""

import pytest

from kg.extract.clausal import demanded_events
from kg.extract.places import homes, organisation_seats, people_homes, places_in_places
from kg.extract.predicative import predicative_relations
from kg.extract.rules import noun_relations, verb_relations
from kg.extract.titles import title_roles
from tests.conftest import assertions, make_doc


def found(doc, gaz, lex, *rules):
    """(subject, predicate, object, rule) of every assertion `rules` (functions of kg.extract.RULES) make."""
    return {(a.subject.text, a.predicate, a.object.text, a.rule) for a in assertions(doc, gaz, lex, *rules)}


def tagged_doc(tokens, ents=(), tags=None):
    """make_doc plus fine-grained tags ({token index: "VBN"}), which some rules read."""
    doc = make_doc(tokens, ents)
    for i, tag in (tags or {}).items():
        doc[i].tag_ = tag
    return doc


# ---- places.places_in_places -------------------------------------------------------------

def test_place_after_comma_is_located_in_it(gaz, lex):
    # He lives in Dayton , Ohio .
    doc = make_doc([
        ("He", 1, "nsubj", "PRON"), ("lives", 1, "ROOT", "VERB", "live"), ("in", 1, "prep", "ADP"),
        ("Dayton", 2, "pobj", "PROPN"), (",", 3, "punct", "PUNCT"), ("Ohio", 3, "appos", "PROPN"),
        (".", 1, "punct", "PUNCT"),
    ], ents=[(3, 4, "GPE"), (5, 6, "GPE")])
    assert found(doc, gaz, lex, places_in_places) == {("Dayton", "located_in", "Ohio", "place-in-place")}


def test_list_of_places_is_not_nested(gaz, lex):
    # France , Germany and Italy .  (no gazetteer ids: only the list check can stop it)
    doc = make_doc([
        ("France", 0, "ROOT", "PROPN"), (",", 0, "punct", "PUNCT"), ("Germany", 0, "conj", "PROPN"),
        ("and", 2, "cc", "CCONJ"), ("Italy", 2, "conj", "PROPN"), (".", 0, "punct", "PUNCT"),
    ], ents=[(0, 1, "GPE"), (2, 3, "GPE"), (4, 5, "GPE")])
    assert found(doc, gaz, lex, places_in_places) == set()


def test_possessive_place_contains_facility(gaz, lex):
    # Protesters gathered in Beijing 's Tiananmen Square .
    doc = make_doc([
        ("Protesters", 1, "nsubj", "NOUN", "protester"), ("gathered", 1, "ROOT", "VERB", "gather"),
        ("in", 1, "prep", "ADP"), ("Beijing", 6, "poss", "PROPN"), ("'s", 3, "case", "PART"),
        ("Tiananmen", 6, "compound", "PROPN"), ("Square", 2, "pobj", "PROPN"), (".", 1, "punct", "PUNCT"),
    ], ents=[(3, 4, "GPE"), (5, 7, "FAC")])
    assert found(doc, gaz, lex, places_in_places) == {("Tiananmen Square", "located_in", "Beijing", "place-in-place")}


# ---- places.organisation_seats -----------------------------------------------------------

def test_place_modifying_apposition_is_seat_of_organisation(gaz, lex):
    # Sun Hung Kai Properties , a Hong Kong firm , bought the hotel .
    doc = make_doc([
        ("Sun", 3, "compound", "PROPN"), ("Hung", 3, "compound", "PROPN"), ("Kai", 3, "compound", "PROPN"),
        ("Properties", 10, "nsubj", "PROPN"), (",", 3, "punct", "PUNCT"), ("a", 8, "det", "DET"),
        ("Hong", 7, "compound", "PROPN"), ("Kong", 8, "compound", "PROPN"), ("firm", 3, "appos", "NOUN"),
        (",", 3, "punct", "PUNCT"), ("bought", 10, "ROOT", "VERB", "buy"), ("the", 12, "det", "DET"),
        ("hotel", 10, "dobj", "NOUN"), (".", 10, "punct", "PUNCT"),
    ], ents=[(0, 4, "ORG"), (6, 8, "GPE", "hong_kong")])
    assert found(doc, gaz, lex, organisation_seats) == {
        ("Sun Hung Kai Properties", "based_in", "Hong Kong", "organisation-seat")}


def _dateline(ohio_dep: str):
    # DAYTON , Ohio ( AP ) -- Police arrested a man .
    return make_doc([
        ("DAYTON", 8, "npadvmod", "PROPN"), (",", 0, "punct", "PUNCT"), ("Ohio", 0, ohio_dep, "PROPN"),
        ("(", 4, "punct", "PUNCT"), ("AP", 0, "appos", "PROPN"), (")", 4, "punct", "PUNCT"),
        ("--", 8, "punct", "PUNCT"), ("Police", 8, "nsubj", "NOUN"), ("arrested", 8, "ROOT", "VERB", "arrest"),
        ("a", 10, "det", "DET"), ("man", 8, "dobj", "NOUN"), (".", 8, "punct", "PUNCT"),
    ], ents=[(0, 1, "GPE"), (2, 3, "GPE"), (4, 5, "ORG")])


def test_dateline_agency_is_based_in_opening_place_and_its_state(gaz, lex):
    doc = _dateline("appos")
    assert found(doc, gaz, lex, organisation_seats, places_in_places) == {
        ("AP", "based_in", "DAYTON", "organisation-seat"), ("AP", "based_in", "Ohio", "organisation-seat"),
        ("DAYTON", "located_in", "Ohio", "place-in-place")}


def test_dateline_with_state_parsed_as_conjunct(gaz, lex):
    doc = _dateline("conj")
    assert found(doc, gaz, lex, organisation_seats, places_in_places) == {
        ("AP", "based_in", "DAYTON", "organisation-seat"), ("AP", "based_in", "Ohio", "organisation-seat"),
        ("DAYTON", "located_in", "Ohio", "place-in-place")}


# ---- places.people_homes -----------------------------------------------------------------

def test_person_of_place_lives_there(gaz, lex):
    # Geraldine Ferraro , of Bethany , spoke .
    doc = make_doc([
        ("Geraldine", 1, "compound", "PROPN"), ("Ferraro", 6, "nsubj", "PROPN"), (",", 1, "punct", "PUNCT"),
        ("of", 1, "prep", "ADP"), ("Bethany", 3, "pobj", "PROPN"), (",", 1, "punct", "PUNCT"),
        ("spoke", 6, "ROOT", "VERB", "speak"), (".", 6, "punct", "PUNCT"),
    ], ents=[(0, 2, "PERSON"), (4, 5, "GPE")])
    assert found(doc, gaz, lex, people_homes) == {("Geraldine Ferraro", "located_in", "Bethany", "person-of-place")}


def test_person_of_organisation_works_for_it(gaz, lex):
    # Ulf Merbold of the European Space Agency said .
    doc = make_doc([
        ("Ulf", 1, "compound", "PROPN"), ("Merbold", 7, "nsubj", "PROPN"), ("of", 1, "prep", "ADP"),
        ("the", 6, "det", "DET"), ("European", 6, "compound", "PROPN"), ("Space", 6, "compound", "PROPN"),
        ("Agency", 2, "pobj", "PROPN"), ("said", 7, "ROOT", "VERB", "say"), (".", 7, "punct", "PUNCT"),
    ], ents=[(0, 2, "PERSON"), (3, 7, "ORG")])
    assert found(doc, gaz, lex, people_homes) == {
        ("Ulf Merbold", "works_for", "European Space Agency", "person-of-organisation")}


def test_place_in_brackets_after_name(gaz, lex):
    # Andrei Medvedev ( Ukraine ) won .
    doc = make_doc([
        ("Andrei", 1, "compound", "PROPN"), ("Medvedev", 5, "nsubj", "PROPN"), ("(", 1, "punct", "PUNCT"),
        ("Ukraine", 1, "appos", "PROPN"), (")", 1, "punct", "PUNCT"), ("won", 5, "ROOT", "VERB", "win"),
        (".", 5, "punct", "PUNCT"),
    ], ents=[(0, 2, "PERSON"), (3, 4, "GPE", "ukraine")])
    assert found(doc, gaz, lex, people_homes) == {
        ("Andrei Medvedev", "located_in", "Ukraine", "person-place-brackets")}


def test_demonym_on_occupation_gives_citizenship(gaz, lex):
    # Soviet pianist Vladimir Ashkenazy performed .  ("Soviet" tagged with the id of a known country)
    assert "russia" in gaz.entities
    doc = make_doc([
        ("Soviet", 1, "amod", "ADJ"), ("pianist", 3, "compound", "NOUN"), ("Vladimir", 3, "compound", "PROPN"),
        ("Ashkenazy", 4, "nsubj", "PROPN"), ("performed", 4, "ROOT", "VERB", "perform"),
        (".", 4, "punct", "PUNCT"),
    ], ents=[(0, 1, "NORP", "russia"), (2, 4, "PERSON")])
    assert found(doc, gaz, lex, people_homes) == {("Vladimir Ashkenazy", "citizen_of", "Soviet", "nationality")}


def test_a_nationality_word_the_model_tagged_without_an_id_gives_citizenship(gaz, lex):
    # Panamanian lawyer Ramon Fonseca spoke .  ("Panamanian" is no gazetteer pattern, only a nationality word)
    doc = make_doc([
        ("Panamanian", 1, "amod", "ADJ"), ("lawyer", 3, "compound", "NOUN"), ("Ramon", 3, "compound", "PROPN"),
        ("Fonseca", 4, "nsubj", "PROPN"), ("spoke", 4, "ROOT", "VERB", "speak"), (".", 4, "punct", "PUNCT"),
    ], ents=[(0, 1, "NORP"), (2, 4, "PERSON")])
    assert found(doc, gaz, lex, people_homes) == {("Ramon Fonseca", "citizen_of", "Panamanian", "nationality")}


# ---- titles.title_roles ------------------------------------------------------------------

def test_place_before_title_is_post_and_home(gaz, lex):
    # Illinois Gov. James Thompson said the plan failed .
    doc = make_doc([
        ("Illinois", 1, "compound", "PROPN"), ("Gov.", 3, "compound", "PROPN"), ("James", 3, "compound", "PROPN"),
        ("Thompson", 4, "nsubj", "PROPN"), ("said", 4, "ROOT", "VERB", "say"), ("the", 6, "det", "DET"),
        ("plan", 7, "nsubj", "NOUN"), ("failed", 4, "ccomp", "VERB", "fail"), (".", 4, "punct", "PUNCT"),
    ], ents=[(0, 1, "GPE"), (2, 4, "PERSON")])
    assert found(doc, gaz, lex, title_roles) == {("James Thompson", "leader_of", "Illinois", "title"),
                                    ("James Thompson", "located_in", "Illinois", "title-home")}


def test_copular_native_of_place(gaz, lex):
    # Thomas is a native of Chisholm .
    doc = make_doc([
        ("Thomas", 1, "nsubj", "PROPN"), ("is", 1, "ROOT", "AUX", "be"), ("a", 3, "det", "DET"),
        ("native", 1, "attr", "NOUN"), ("of", 3, "prep", "ADP"), ("Chisholm", 4, "pobj", "PROPN"),
        (".", 1, "punct", "PUNCT"),
    ], ents=[(0, 1, "PERSON"), (5, 6, "GPE")])
    assert found(doc, gaz, lex, title_roles) == {("Thomas", "located_in", "Chisholm", "title")}


def test_killer_title_in_apposition_after_name(gaz, lex):
    # Lee Harvey Oswald , Kennedy 's assassin , died .
    doc = make_doc([
        ("Lee", 2, "compound", "PROPN"), ("Harvey", 2, "compound", "PROPN"), ("Oswald", 8, "nsubj", "PROPN"),
        (",", 2, "punct", "PUNCT"), ("Kennedy", 6, "poss", "PROPN"), ("'s", 4, "case", "PART"),
        ("assassin", 2, "appos", "NOUN"), (",", 2, "punct", "PUNCT"), ("died", 8, "ROOT", "VERB", "die"),
        (".", 8, "punct", "PUNCT"),
    ], ents=[(0, 3, "PERSON"), (4, 5, "PERSON")])
    assert found(doc, gaz, lex, title_roles) == {("Lee Harvey Oswald", "kills", "Kennedy", "title")}


def test_killer_title_before_name_in_apposition(gaz, lex):
    # Kennedy 's assassin , Lee Harvey Oswald , died .
    doc = make_doc([
        ("Kennedy", 2, "poss", "PROPN"), ("'s", 0, "case", "PART"), ("assassin", 8, "nsubj", "NOUN"),
        (",", 2, "punct", "PUNCT"), ("Lee", 6, "compound", "PROPN"), ("Harvey", 6, "compound", "PROPN"),
        ("Oswald", 2, "appos", "PROPN"), (",", 2, "punct", "PUNCT"), ("died", 8, "ROOT", "VERB", "die"),
        (".", 8, "punct", "PUNCT"),
    ], ents=[(0, 1, "PERSON"), (4, 7, "PERSON")])
    assert found(doc, gaz, lex, title_roles) == {("Lee Harvey Oswald", "kills", "Kennedy", "title")}


def test_occupation_with_organisation_is_employer(gaz, lex):
    # Fred Demler , economist with Drexel , said prices rose .
    doc = make_doc([
        ("Fred", 1, "compound", "PROPN"), ("Demler", 7, "nsubj", "PROPN"), (",", 1, "punct", "PUNCT"),
        ("economist", 1, "appos", "NOUN"), ("with", 3, "prep", "ADP"), ("Drexel", 4, "pobj", "PROPN"),
        (",", 1, "punct", "PUNCT"), ("said", 7, "ROOT", "VERB", "say"), ("prices", 9, "nsubj", "NOUN", "price"),
        ("rose", 7, "ccomp", "VERB", "rise"), (".", 7, "punct", "PUNCT"),
    ], ents=[(0, 2, "PERSON"), (5, 6, "ORG")])
    assert found(doc, gaz, lex, title_roles) == {("Fred Demler", "works_for", "Drexel", "title")}


# ---- rules.verb_relations ----------------------------------------------------------------

def test_passive_patient_subject_verb(gaz, lex):
    # Hoover was born in Iowa .
    doc = tagged_doc([
        ("Hoover", 2, "nsubjpass", "PROPN"), ("was", 2, "auxpass", "AUX", "be"), ("born", 2, "ROOT", "VERB", "bear"),
        ("in", 2, "prep", "ADP"), ("Iowa", 3, "pobj", "PROPN"), (".", 2, "punct", "PUNCT"),
    ], ents=[(0, 1, "PERSON"), (4, 5, "GPE")], tags={2: "VBN"})
    assert found(doc, gaz, lex, verb_relations) == {("Hoover", "located_in", "Iowa", "svo-passive")}


def test_relative_pronoun_subject_is_the_noun(gaz, lex):
    # Jack Ruby , who killed Oswald , died .
    doc = make_doc([
        ("Jack", 1, "compound", "PROPN"), ("Ruby", 7, "nsubj", "PROPN"), (",", 1, "punct", "PUNCT"),
        ("who", 4, "nsubj", "PRON"), ("killed", 1, "relcl", "VERB", "kill"), ("Oswald", 4, "dobj", "PROPN"),
        (",", 1, "punct", "PUNCT"), ("died", 7, "ROOT", "VERB", "die"), (".", 7, "punct", "PUNCT"),
    ], ents=[(0, 2, "PERSON"), (5, 6, "PERSON")])
    assert found(doc, gaz, lex, verb_relations) == {("Jack Ruby", "kills", "Oswald", "svo")}


def test_names_coordinated_after_a_relative_clause_are_not_what_it_says(gaz, lex):
    # clients included Ruby , who killed Oswald , and Bakker .
    doc = make_doc([
        ("clients", 1, "nsubj", "NOUN", "client"), ("included", 1, "ROOT", "VERB", "include"), ("Ruby", 1, "dobj", "PROPN"),
        (",", 2, "punct", "PUNCT"), ("who", 5, "nsubj", "PRON"), ("killed", 2, "relcl", "VERB", "kill"),
        ("Oswald", 5, "dobj", "PROPN"), (",", 2, "punct", "PUNCT"), ("and", 2, "cc", "CCONJ"),
        ("Bakker", 2, "conj", "PROPN"), (".", 1, "punct", "PUNCT"),
    ], ents=[(2, 3, "PERSON"), (6, 7, "PERSON"), (9, 10, "PERSON")])
    assert {(s, p, o) for s, p, o, _ in found(doc, gaz, lex, verb_relations) if p == "kills"} == {("Ruby", "kills", "Oswald")}


def test_gerund_after_preposition_takes_main_subject(gaz, lex):
    # Oswald acted alone in killing Kennedy .
    doc = tagged_doc([
        ("Oswald", 1, "nsubj", "PROPN"), ("acted", 1, "ROOT", "VERB", "act"), ("alone", 1, "advmod", "ADV"),
        ("in", 1, "prep", "ADP"), ("killing", 3, "pcomp", "VERB", "kill"), ("Kennedy", 4, "dobj", "PROPN"),
        (".", 1, "punct", "PUNCT"),
    ], ents=[(0, 1, "PERSON"), (5, 6, "PERSON")], tags={1: "VBD", 4: "VBG"})
    assert found(doc, gaz, lex, verb_relations) == {("Oswald", "kills", "Kennedy", "svo")}


def test_actor_swallowed_by_next_noun_is_prepositional_object(gaz, lex):
    # The United States intends to discuss with Russia European security .
    doc = make_doc([
        ("The", 2, "det", "DET"), ("United", 2, "compound", "PROPN"), ("States", 3, "nsubj", "PROPN"),
        ("intends", 3, "ROOT", "VERB", "intend"), ("to", 5, "aux", "PART"), ("discuss", 3, "xcomp", "VERB"),
        ("with", 5, "prep", "ADP"), ("Russia", 9, "nmod", "PROPN"), ("European", 9, "amod", "ADJ"),
        ("security", 6, "pobj", "NOUN"), (".", 3, "punct", "PUNCT"),
    ], ents=[(0, 3, "GPE", "united_states"), (7, 8, "GPE", "russia")])
    assert {(a.subject.text, a.predicate, a.object.text, a.modality, a.rule)
            for a in assertions(doc, gaz, lex, verb_relations)} \
        == {("United States", "negotiates_with", "Russia", "intended", "svo")}


# ---- predicative.predicative_relations ---------------------------------------------------

def test_call_object_a_threat(gaz, lex):
    # Antonov called the rapprochement between Ukraine and NATO a threat .
    doc = make_doc([
        ("Antonov", 1, "nsubj", "PROPN"), ("called", 1, "ROOT", "VERB", "call"), ("the", 3, "det", "DET"),
        ("rapprochement", 1, "dobj", "NOUN"), ("between", 3, "prep", "ADP"), ("Ukraine", 4, "pobj", "PROPN"),
        ("and", 5, "cc", "CCONJ"), ("NATO", 5, "conj", "PROPN"), ("a", 9, "det", "DET"),
        ("threat", 1, "oprd", "NOUN"), (".", 1, "punct", "PUNCT"),
    ], ents=[(0, 1, "PERSON"), (5, 6, "GPE", "ukraine"), (7, 8, "ORG", "nato")])
    issue = "rapprochement between Ukraine and NATO"
    assert found(doc, gaz, lex, predicative_relations) == {
        ("Antonov", "considers_threat", issue, "predicative+issue"), (issue, "concerns", "Ukraine", "issue-concerns"),
        (issue, "concerns", "NATO", "issue-concerns")}


def test_make_countries_members_is_intended_admission(gaz, lex):
    # NATO is seeking to make Ukraine and Georgia its members .
    doc = make_doc([
        ("NATO", 2, "nsubj", "PROPN"), ("is", 2, "aux", "AUX", "be"), ("seeking", 2, "ROOT", "VERB", "seek"),
        ("to", 4, "aux", "PART"), ("make", 2, "xcomp", "VERB"), ("Ukraine", 9, "nsubj", "PROPN"),
        ("and", 5, "cc", "CCONJ"), ("Georgia", 5, "conj", "PROPN"), ("its", 9, "poss", "PRON"),
        ("members", 4, "ccomp", "NOUN", "member"), (".", 2, "punct", "PUNCT"),
    ], ents=[(0, 1, "ORG", "nato"), (5, 6, "GPE", "ukraine"), (7, 8, "GPE", "georgia")])
    assert {(a.subject.text, a.predicate, a.object.text, a.modality, a.rule)
            for a in assertions(doc, gaz, lex, predicative_relations)} \
        == {("NATO", "seeks_to_admit", "Ukraine", "intended", "predicative"),
            ("NATO", "seeks_to_admit", "Georgia", "intended", "predicative")}


def test_reported_copula_speaker_considers_subject_a_threat(gaz, lex):
    # NATO is a threat to Russia , Antonov wrote .
    doc = make_doc([
        ("NATO", 1, "nsubj", "PROPN"), ("is", 8, "ccomp", "AUX", "be"), ("a", 3, "det", "DET"),
        ("threat", 1, "attr", "NOUN"), ("to", 3, "prep", "ADP"), ("Russia", 4, "pobj", "PROPN"),
        (",", 8, "punct", "PUNCT"), ("Antonov", 8, "nsubj", "PROPN"), ("wrote", 8, "ROOT", "VERB", "write"),
        (".", 8, "punct", "PUNCT"),
    ], ents=[(0, 1, "ORG", "nato"), (5, 6, "GPE", "russia"), (7, 8, "PERSON")])
    assert {(a.subject.text, a.predicate, a.object.text, a.modality, a.rule,
             a.attributed_to.text if a.attributed_to else None)
            for a in assertions(doc, gaz, lex, predicative_relations)} \
        == {("Antonov", "considers_threat", "NATO", "reported", "copula-reported", "Antonov")}


# ---- clausal.demanded_events -------------------------------------------------------------

def test_demanded_negated_event_is_opposed_issue(gaz, lex):
    # Russia needs the US to commit that NATO does not expand .
    doc = make_doc([
        ("Russia", 1, "nsubj", "PROPN"), ("needs", 1, "ROOT", "VERB", "need"), ("the", 3, "det", "DET"),
        ("US", 1, "dobj", "PROPN"), ("to", 5, "aux", "PART"), ("commit", 1, "xcomp", "VERB"),
        ("that", 10, "mark", "SCONJ"), ("NATO", 10, "nsubj", "PROPN"), ("does", 10, "aux", "AUX", "do"),
        ("not", 10, "neg", "PART"), ("expand", 5, "ccomp", "VERB"), (".", 1, "punct", "PUNCT"),
    ], ents=[(0, 1, "GPE", "russia"), (3, 4, "GPE", "united_states"), (7, 8, "ORG", "nato")])
    got = {(a.subject.label or a.subject.text, a.predicate, a.object.label or a.object.text, a.object.type, a.rule)
           for a in assertions(doc, gaz, lex, demanded_events)}
    assert got == {("Russia", "opposes", "NATO expansion", "Issue", "demanded-event"),
                   ("NATO expansion", "concerns", "NATO", "InternationalOrganization", "issue-concerns")}


# ---- appositions, relative pronouns, seats, regions after towns ------------------------------

def test_noun_in_apposition_with_a_name_stands_for_it(gaz, lex):
    # The pioneer , Lee DeForest , was born in Iowa .
    doc = tagged_doc([
        ("The", 1, "det", "DET"), ("pioneer", 7, "nsubjpass", "NOUN"), (",", 1, "punct", "PUNCT"),
        ("Lee", 4, "compound", "PROPN"), ("DeForest", 1, "appos", "PROPN"), (",", 1, "punct", "PUNCT"),
        ("was", 7, "auxpass", "AUX"), ("born", 7, "ROOT", "VERB", "bear"), ("in", 7, "prep", "ADP"),
        ("Iowa", 8, "pobj", "PROPN"), (".", 7, "punct", "PUNCT"),
    ], ents=[(3, 5, "PERSON"), (9, 10, "GPE")], tags={7: "VBN"})
    assert ("Lee DeForest", "located_in", "Iowa", "svo-passive") in found(doc, gaz, lex, verb_relations)


def test_relative_pronoun_patient_is_the_noun_it_follows(gaz, lex):
    # Oswald , who was shot by Ruby , died .
    doc = tagged_doc([
        ("Oswald", 8, "nsubj", "PROPN"), (",", 0, "punct", "PUNCT"), ("who", 4, "nsubjpass", "PRON"),
        ("was", 4, "auxpass", "AUX"), ("shot", 0, "relcl", "VERB", "shoot"), ("by", 4, "agent", "ADP"),
        ("Ruby", 5, "pobj", "PROPN"), (",", 0, "punct", "PUNCT"), ("died", 8, "ROOT", "VERB", "die"),
    ], ents=[(0, 1, "PERSON"), (6, 7, "PERSON")], tags={4: "VBN"})
    assert ("Ruby", "attacks", "Oswald", "svo-passive") in found(doc, gaz, lex, verb_relations)


def test_organisation_headquarters_place_is_its_seat(gaz, lex):
    # They met at NRC headquarters in Rockville .
    doc = make_doc([
        ("They", 1, "nsubj", "PRON"), ("met", 1, "ROOT", "VERB", "meet"), ("at", 1, "prep", "ADP"),
        ("NRC", 4, "compound", "PROPN"), ("headquarters", 2, "pobj", "NOUN"), ("in", 4, "prep", "ADP"),
        ("Rockville", 5, "pobj", "PROPN"), (".", 1, "punct", "PUNCT"),
    ], ents=[(3, 4, "ORG"), (6, 7, "GPE")])
    assert found(doc, gaz, lex, organisation_seats) == {("NRC", "based_in", "Rockville", "organisation-seat")}


def test_state_after_town_in_a_list_of_towns(gaz, lex):
    # It fell at Jackson , Wyo. , and Gunnison , Colo. .
    doc = make_doc([
        ("It", 1, "nsubj", "PRON"), ("fell", 1, "ROOT", "VERB", "fall"), ("at", 1, "prep", "ADP"),
        ("Jackson", 2, "pobj", "PROPN"), (",", 3, "punct", "PUNCT"), ("Wyo.", 3, "appos", "PROPN"),
        (",", 3, "punct", "PUNCT"), ("and", 3, "cc", "CCONJ"), ("Gunnison", 3, "conj", "PROPN"),
        (",", 8, "punct", "PUNCT"), ("Colo.", 8, "appos", "PROPN"), (".", 1, "punct", "PUNCT"),
    ], ents=[(3, 4, "GPE"), (5, 6, "GPE", "us_wyoming"), (8, 9, "GPE"), (10, 11, "GPE", "us_colorado")])
    assert found(doc, gaz, lex, places_in_places) == {("Jackson", "located_in", "Wyo.", "place-in-place"),
                                    ("Gunnison", "located_in", "Colo.", "place-in-place")}


def test_convicted_of_murder_names_the_killer(gaz, lex):
    # Ray , convicted of the murder of King , died .
    doc = tagged_doc([
        ("Ray", 9, "nsubj", "PROPN"), (",", 0, "punct", "PUNCT"), ("convicted", 0, "acl", "VERB", "convict"),
        ("of", 2, "prep", "ADP"), ("the", 5, "det", "DET"), ("murder", 3, "pobj", "NOUN"),
        ("of", 5, "prep", "ADP"), ("King", 6, "pobj", "PROPN"), (",", 0, "punct", "PUNCT"),
        ("died", 9, "ROOT", "VERB", "die"),
    ], ents=[(0, 1, "PERSON"), (7, 8, "PERSON")], tags={2: "VBN"})
    assert ("Ray", "kills", "King", "culprit") in found(doc, gaz, lex, noun_relations)


def test_suspect_of_killing_is_no_fact(gaz, lex):
    # Ray , suspected of King 's killing , fled .  (the possessor is the victim; an allegation)
    doc = tagged_doc([
        ("Ray", 9, "nsubj", "PROPN"), (",", 0, "punct", "PUNCT"), ("suspected", 0, "acl", "VERB", "suspect"),
        ("of", 2, "prep", "ADP"), ("King", 6, "poss", "PROPN"), ("'s", 4, "case", "PART"),
        ("killing", 3, "pobj", "NOUN"), (",", 0, "punct", "PUNCT"), ("fled", 9, "ROOT", "VERB", "flee"),
        ("today", 9, "npadvmod", "NOUN"),
    ], ents=[(0, 1, "PERSON"), (4, 5, "PERSON")], tags={2: "VBN"})
    [killing] = [a for a in assertions(doc, gaz, lex, noun_relations) if a.predicate == "kills"]
    assert (killing.subject.text, killing.object.text, killing.modality) == ("Ray", "King", "hypothetical")


def test_participle_after_name_and_comma_describes_the_name(gaz, lex):
    # They freed Adamson , convicted of murdering Bolles .
    doc = tagged_doc([
        ("They", 1, "nsubj", "PRON"), ("freed", 1, "ROOT", "VERB", "free"), ("Adamson", 1, "dobj", "PROPN"),
        (",", 1, "punct", "PUNCT"), ("convicted", 1, "advcl", "VERB", "convict"), ("of", 4, "prep", "ADP"),
        ("murdering", 5, "pcomp", "VERB", "murder"), ("Bolles", 6, "dobj", "PROPN"), (".", 1, "punct", "PUNCT"),
    ], ents=[(2, 3, "PERSON"), (7, 8, "PERSON")], tags={4: "VBN", 6: "VBG"})
    assert ("Adamson", "kills", "Bolles", "svo") in found(doc, gaz, lex, verb_relations)


def test_title_of_a_unit_for_an_organisation_is_a_post_there(gaz, lex):
    # Emmerich , vice president of programs for ABC , said .
    doc = make_doc([
        ("Emmerich", 9, "nsubj", "PROPN"), (",", 0, "punct", "PUNCT"), ("vice", 3, "compound", "NOUN"),
        ("president", 0, "appos", "NOUN"), ("of", 3, "prep", "ADP"), ("programs", 4, "pobj", "NOUN", "program"),
        ("for", 5, "prep", "ADP"), ("ABC", 6, "pobj", "PROPN"), (",", 0, "punct", "PUNCT"),
        ("said", 9, "ROOT", "VERB", "say"),
    ], ents=[(0, 1, "PERSON"), (7, 8, "ORG")])
    assert ("Emmerich", "official_of", "ABC", "title") in found(doc, gaz, lex, title_roles)


def test_description_from_a_place_says_where_the_person_lives(gaz, lex):
    # Derwinski , a Republican from Chicago , denied it .
    doc = make_doc([
        ("Derwinski", 7, "nsubj", "PROPN"), (",", 0, "punct", "PUNCT"), ("a", 3, "det", "DET"),
        ("Republican", 0, "appos", "PROPN"), ("from", 3, "prep", "ADP"), ("Chicago", 4, "pobj", "PROPN"),
        (",", 0, "punct", "PUNCT"), ("denied", 7, "ROOT", "VERB", "deny"), ("it", 7, "dobj", "PRON"),
    ], ents=[(0, 1, "PERSON"), (3, 4, "NORP"), (5, 6, "GPE")])
    assert found(doc, gaz, lex, people_homes) == {("Derwinski", "located_in", "Chicago", "person-from-place")}


@pytest.mark.parametrize("owner, label, expected", [
    ("Sohn", "PERSON", {("Sohn", "located_in", "Newark", "home")}),
    ("Acme", "ORG", set()),  # the home of an organisation is no person's home
])
def test_home_noun_joins_a_person_who_owns_it_to_its_place(gaz, lex, owner, label, expected):
    # Agents came to Sohn 's Newark home .
    doc = make_doc([
        ("Agents", 1, "nsubj", "NOUN", "agent"), ("came", 1, "ROOT", "VERB", "come"), ("to", 1, "prep", "ADP"),
        (owner, 6, "poss", "PROPN"), ("'s", 3, "case", "PART"), ("Newark", 6, "compound", "PROPN"),
        ("home", 2, "pobj", "NOUN"), (".", 1, "punct", "PUNCT"),
    ], ents=[(3, 4, label), (5, 6, "GPE")])
    assert found(doc, gaz, lex, homes) == expected


def test_a_state_body_abroad_is_seated_where_it_is(gaz, lex):
    # the US Embassy in Moscow reported .
    doc = make_doc([("the", 2, "det", "DET"), ("US", 2, "compound", "PROPN"), ("Embassy", 5, "nsubj", "PROPN"),
                    ("in", 2, "prep", "ADP"), ("Moscow", 3, "pobj", "PROPN"), ("reported", 5, "ROOT", "VERB", "report"),
                    (".", 5, "punct", "PUNCT")],
                   ents=[(1, 3, "GOV", "united_states_embassy", "united_states"), (4, 5, "GPE", "moscow")])
    triples = {(s, p, o) for s, p, o, _ in found(doc, gaz, lex, organisation_seats)}
    assert ("US Embassy", "based_in", "Moscow") in triples and ("US Embassy", "part_of", "Moscow") not in triples


def test_a_place_described_as_a_town_in_another_lies_in_it(gaz, lex):
    # in Banki , a town in Nigeria
    doc = make_doc([("in", 0, "ROOT", "ADP"), ("Banki", 0, "pobj", "PROPN"), (",", 1, "punct", "PUNCT"),
                    ("a", 4, "det", "DET"), ("town", 1, "appos", "NOUN"), ("in", 4, "prep", "ADP"),
                    ("Nigeria", 5, "pobj", "PROPN")], ents=[(1, 2, "GPE"), (6, 7, "GPE", "nigeria")])
    assert ("Banki", "located_in", "Nigeria", "place-in-place") in found(doc, gaz, lex, places_in_places)
    doc[4].lemma_ = "friend"  # "Banki , a friend in Nigeria" describes no place
    assert not any(p == "located_in" for _, p, _, _ in found(doc, gaz, lex, places_in_places))


def test_a_country_before_a_name_is_the_persons(gaz, lex):
    # Egypt 's Mohammed Morsi spoke .
    doc = make_doc([("Egypt", 3, "poss", "PROPN"), ("'s", 0, "case", "PART"), ("Mohammed", 3, "compound", "PROPN"),
                    ("Morsi", 4, "nsubj", "PROPN"), ("spoke", 4, "ROOT", "VERB", "speak"), (".", 4, "punct", "PUNCT")],
                   ents=[(0, 1, "GPE", "egypt"), (2, 4, "PERSON")])
    assert ("Mohammed Morsi", "citizen_of", "Egypt", "nationality") in found(doc, gaz, lex, people_homes)
    # a place that is no country says nothing of citizenship: "Alaska 's Mohammed Morsi"
    alaska = make_doc([("Alaska", 3, "poss", "PROPN"), ("'s", 0, "case", "PART"), ("Mohammed", 3, "compound", "PROPN"),
                      ("Morsi", 4, "nsubj", "PROPN"), ("spoke", 4, "ROOT", "VERB", "speak"), (".", 4, "punct", "PUNCT")],
                     ents=[(0, 1, "GPE", "us_alaska"), (2, 4, "PERSON")])
    assert not any(p == "citizen_of" for _, p, _, _ in found(alaska, gaz, lex, people_homes))


@pytest.mark.parametrize("before, expected", [
    ([], {("Francois Hollande", "leader_of", "President", "title-state")}),
    # a post held no more: the holder was the state's own, whichever state resolve finds
    ([("former", "ADJ")], {("Francois Hollande", "citizen_of", "President", "title-state")}),
    ([("regional", "ADJ")], set()),  # a post of no state
])
def test_a_state_post_that_names_no_state_leaves_the_state_to_resolve(gaz, lex, before, expected):
    # [former] President Francois Hollande spoke .
    n = len(before)
    rows = [(word, n + 2, "amod", pos) for word, pos in before]
    rows += [("President", n + 2, "compound", "PROPN"), ("Francois", n + 2, "compound", "PROPN"),
             ("Hollande", n + 3, "nsubj", "PROPN"), ("spoke", n + 3, "ROOT", "VERB", "speak"), (".", n + 3, "punct", "PUNCT")]
    doc = make_doc(rows, ents=[(n + 1, n + 3, "PERSON")])
    assert found(doc, gaz, lex, title_roles) == expected
    # a post that is no state's alone ("Coach X") gives nothing
    coach = make_doc([(("Coach" if i == n else r[0]), *r[1:]) for i, r in enumerate(rows)], ents=[(n + 1, n + 3, "PERSON")])
    assert found(coach, gaz, lex, title_roles) == set()


def test_a_state_named_after_the_name_is_the_posts(gaz, lex):
    # President Francois Hollande of France spoke .
    doc = make_doc([("President", 2, "compound", "PROPN"), ("Francois", 2, "compound", "PROPN"),
                    ("Hollande", 5, "nsubj", "PROPN"), ("of", 2, "prep", "ADP"), ("France", 3, "pobj", "PROPN"),
                    ("spoke", 5, "ROOT", "VERB", "speak"), (".", 5, "punct", "PUNCT")],
                   ents=[(1, 3, "PERSON"), (4, 5, "GPE", "france")])
    assert found(doc, gaz, lex, title_roles) == {("Francois Hollande", "leader_of", "France", "title"),
                                                  ("Francois Hollande", "citizen_of", "France", "title-home")}


@pytest.mark.parametrize("rows, ents, expected", [
    # said a Kremlin spokesman .
    ([("said", 0, "ROOT", "VERB", "say"), ("a", 3, "det", "DET"), ("Kremlin", 3, "compound", "PROPN"),
      ("spokesman", 0, "nsubj", "NOUN"), (".", 0, "punct", "PUNCT")], [(2, 3, "GOV", "russia_kremlin", "russia")],
     {("Kremlin spokesman", "spokesperson_for", "Kremlin", "unnamed-holder")}),
    # the prime minister of Iceland resigned .
    ([("the", 2, "det", "DET"), ("prime", 2, "amod", "ADJ"), ("minister", 5, "nsubj", "NOUN"), ("of", 2, "prep", "ADP"),
      ("Iceland", 3, "pobj", "PROPN"), ("resigned", 5, "ROOT", "VERB", "resign"), (".", 5, "punct", "PUNCT")],
     [(4, 5, "GPE", "iceland")], {("prime minister of Iceland", "leader_of", "Iceland", "unnamed-holder")}),
    # the Kremlin spokesman Dmitry Peskov said .  (a named holder: the title rule's)
    ([("the", 2, "det", "DET"), ("Kremlin", 2, "compound", "PROPN"), ("spokesman", 4, "compound", "NOUN"),
      ("Dmitry", 4, "compound", "PROPN"), ("Peskov", 5, "nsubj", "PROPN"), ("said", 5, "ROOT", "VERB", "say"),
      (".", 5, "punct", "PUNCT")], [(1, 2, "GOV", "russia_kremlin", "russia"), (3, 5, "PERSON")], set()),
    # a Reuters correspondent said .  (no post: nobody in particular)
    ([("a", 2, "det", "DET"), ("Reuters", 2, "compound", "PROPN"), ("correspondent", 3, "nsubj", "NOUN"),
      ("said", 3, "ROOT", "VERB", "say"), (".", 3, "punct", "PUNCT")], [(1, 2, "ORG")], set()),
])
def test_the_unnamed_holder_of_a_post_is_a_person_of_the_article(gaz, lex, rows, ents, expected):
    from kg.extract.titles import unnamed_holders

    doc = make_doc(rows, ents)
    for token in doc:
        token.tag_ = "NN" if token.pos_ == "NOUN" else token.tag_
    assert found(doc, gaz, lex, unnamed_holders) == expected


def test_a_firm_based_in_a_place_named_on_the_noun_before_it(gaz, lex):
    # Panama - based law firm Mossack Fonseca denied it .
    doc = make_doc([("Panama", 2, "npadvmod", "PROPN"), ("-", 2, "punct", "PUNCT"), ("based", 4, "amod", "VERB", "base"),
                    ("law", 4, "compound", "NOUN"), ("firm", 6, "compound", "NOUN"), ("Mossack", 6, "compound", "PROPN"),
                    ("Fonseca", 7, "nsubj", "PROPN"), ("denied", 7, "ROOT", "VERB", "deny"), ("it", 7, "dobj", "PRON"),
                    (".", 7, "punct", "PUNCT")], ents=[(0, 1, "GPE", "panama"), (5, 7, "ORG")])
    assert ("Mossack Fonseca", "based_in", "Panama", "organisation-seat") in found(doc, gaz, lex, organisation_seats)


def test_a_capital_the_text_names_only_by_its_country_is_the_one_the_gazetteer_knows(gaz, lex):
    from kg.extract.places import capitals

    # talks in the Ethiopian capital ended .
    doc = make_doc([("talks", 5, "nsubj", "NOUN", "talk"), ("in", 0, "prep", "ADP"), ("the", 4, "det", "DET"),
                    ("Ethiopian", 4, "amod", "ADJ"), ("capital", 1, "pobj", "NOUN"), ("ended", 5, "ROOT", "VERB", "end"),
                    (".", 5, "punct", "PUNCT")], ents=[(3, 4, "NORP", "ethiopia")])
    assert {(a.subject.label, a.predicate, a.object.text) for a in assertions(doc, gaz, lex, capitals)} == {
        ("Addis Ababa", "capital_of", "Ethiopian")}


@pytest.mark.parametrize("rows, ents", [
    # met in the capital Maputo .
    ([("met", 0, "ROOT", "VERB", "meet"), ("in", 0, "prep", "ADP"), ("the", 4, "det", "DET"),
      ("capital", 4, "compound", "NOUN"), ("Maputo", 1, "pobj", "PROPN"), (".", 0, "punct", "PUNCT")],
     [(4, 5, "GPE")]),
    # met in the capital of Maputo .
    ([("met", 0, "ROOT", "VERB", "meet"), ("in", 0, "prep", "ADP"), ("the", 3, "det", "DET"),
      ("capital", 1, "pobj", "NOUN"), ("of", 3, "prep", "ADP"), ("Maputo", 4, "pobj", "PROPN"),
      (".", 0, "punct", "PUNCT")], [(5, 6, "GPE")]),
    # signed in the capital Maputo ending talks .   (the parser's reading: Maputo the subject of "ending")
    ([("signed", 0, "ROOT", "VERB", "sign"), ("in", 0, "prep", "ADP"), ("the", 3, "det", "DET"),
      ("capital", 1, "pobj", "NOUN"), ("Maputo", 5, "nsubj", "PROPN"), ("ending", 0, "advcl", "VERB", "end"),
      ("talks", 5, "dobj", "NOUN", "talk"), (".", 0, "punct", "PUNCT")], [(4, 5, "GPE")]),
])
def test_a_capital_named_without_its_country_is_the_capital_of_the_country_the_gazetteer_gives(gaz, lex, rows, ents):
    from kg.extract.places import capitals

    doc = make_doc(rows, ents)
    assert {(a.subject.text, a.predicate, a.object.key) for a in assertions(doc, gaz, lex, capitals)} == {
        ("Maputo", "capital_of", "mozambique")}


def test_a_city_called_a_capital_that_is_none_gives_no_capital(gaz, lex):
    from kg.extract.places import capitals

    # met in the capital Lyon .
    doc = make_doc([("met", 0, "ROOT", "VERB", "meet"), ("in", 0, "prep", "ADP"), ("the", 4, "det", "DET"),
                    ("capital", 4, "compound", "NOUN"), ("Lyon", 1, "pobj", "PROPN"), (".", 0, "punct", "PUNCT")],
                   [(4, 5, "GPE")])
    assert not assertions(doc, gaz, lex, capitals)


@pytest.mark.parametrize("rows, ents, expected", [
    # the records of Panamanian legal firm Mossack Fonseca leaked .
    ([("the", 1, "det", "DET"), ("records", 8, "nsubj", "NOUN", "record"), ("of", 1, "prep", "ADP"),
      ("Panamanian", 5, "amod", "ADJ"), ("legal", 5, "amod", "ADJ"), ("firm", 7, "compound", "NOUN"),
      ("Mossack", 7, "compound", "PROPN"), ("Fonseca", 2, "pobj", "PROPN"), ("leaked", 8, "ROOT", "VERB", "leak"),
      (".", 8, "punct", "PUNCT")], [(3, 4, "NORP", "panama"), (6, 8, "ORG")], {("Mossack Fonseca", "Panamanian")}),
    # German daily Sueddeutsche Zeitung obtained it .   (the parser hung "German" on the name)
    ([("German", 3, "amod", "ADJ"), ("daily", 3, "compound", "ADJ"), ("Sueddeutsche", 3, "compound", "PROPN"),
      ("Zeitung", 4, "nsubj", "PROPN"), ("obtained", 4, "ROOT", "VERB", "obtain"), ("it", 4, "dobj", "PRON"),
      (".", 4, "punct", "PUNCT")], [(0, 1, "NORP", "germany"), (2, 4, "ORG")], {("Sueddeutsche Zeitung", "German")}),
    # the Iranian - backed Hezbollah fired .   (no firm's noun: the demonym says who backs it, not where it is)
    ([("the", 4, "det", "DET"), ("Iranian", 3, "npadvmod", "ADJ"), ("-", 3, "punct", "PUNCT"),
      ("backed", 4, "amod", "VERB", "back"), ("Hezbollah", 5, "nsubj", "PROPN"), ("fired", 5, "ROOT", "VERB", "fire"),
      (".", 5, "punct", "PUNCT")], [(1, 2, "NORP", "iran"), (4, 5, "ORG")], set()),
])
def test_a_firm_or_outlet_described_by_a_demonym_is_based_in_its_country(gaz, lex, rows, ents, expected):
    doc = make_doc(rows, ents)
    assert {(a.subject.text, a.object.text) for a in assertions(doc, gaz, lex, organisation_seats)
            if a.predicate == "based_in"} == expected


def test_a_name_in_quotation_marks_before_a_noun_is_a_label_not_its_agent(gaz, lex):
    # Berlin will oppose an " America first " policy .
    doc = make_doc([("Berlin", 2, "nsubj", "PROPN"), ("will", 2, "aux", "AUX"), ("oppose", 2, "ROOT", "VERB"),
                    ("an", 9, "det", "DET"), ('"', 9, "punct", "PUNCT"), ("America", 9, "nmod", "PROPN"),
                    ("first", 9, "amod", "ADJ"), ('"', 9, "punct", "PUNCT"), ("industrial", 9, "amod", "ADJ"),
                    ("policy", 2, "dobj", "NOUN"), (".", 2, "punct", "PUNCT")],
                   [(0, 1, "GPE", "germany"), (5, 6, "GPE", "united_states")])
    assert not {a for a in assertions(doc, gaz, lex, verb_relations) if a.object.text == "America"}


@pytest.mark.parametrize("rows, expected", [
    # Iran remained committed to the talks with Russia .
    ([("Iran", 1, "nsubj", "PROPN"), ("remained", 1, "ROOT", "VERB", "remain"), ("committed", 1, "acomp", "ADJ"),
      ("to", 2, "prep", "ADP"), ("the", 5, "det", "DET"), ("talks", 3, "pobj", "NOUN", "talk"),
      ("with", 5, "prep", "ADP"), ("Russia", 6, "pobj", "PROPN"), (".", 1, "punct", "PUNCT")],
     {("Iran", "supports", "talks with Russia"), ("talks with Russia", "concerns", "Russia")}),
    # Iran is committed .   (no object: no stance toward anything)
    ([("Iran", 1, "nsubj", "PROPN"), ("is", 1, "ROOT", "AUX", "be"), ("committed", 1, "acomp", "ADJ"),
      (".", 1, "punct", "PUNCT")], set()),
])
def test_an_adjective_of_stance_after_a_copula_is_the_subjects_stance(gaz, lex, rows, expected):
    from kg.extract.predicative import stance_adjectives

    doc = make_doc(rows, [(0, 1, "GPE", "iran")] + ([(7, 8, "GPE", "russia")] if len(rows) > 5 else []))
    assert {(a.subject.text, a.predicate, a.object.label or a.object.text)
            for a in assertions(doc, gaz, lex, stance_adjectives)} == expected


@pytest.mark.parametrize("thing, ents, expected", [
    ([("nuclear", 7, "amod", "ADJ"), ("deal", 4, "pobj", "NOUN")], [], {"nuclear deal"}),
    ([("Geneva", 4, "pobj", "PROPN")], [(5, 6, "GPE")], set()),
])
def test_carrying_a_thing_out_is_that_thing_and_no_issue_of_its_own(gaz, lex, thing, ents, expected):
    # Iran supports the implementation of [ the nuclear deal | Geneva ] .
    rows = [("Iran", 1, "nsubj", "PROPN"), ("supports", 1, "ROOT", "VERB", "support"), ("the", 3, "det", "DET"),
            ("implementation", 1, "dobj", "NOUN"), ("of", 3, "prep", "ADP")]
    end = len(rows) + len(thing)
    rows += [(w, end - 1 if head == 7 else head, d, p) for w, head, d, p in thing] + [(".", 1, "punct", "PUNCT")]
    doc = make_doc(rows, [(0, 1, "GPE", "iran")] + ents)
    assert {a.object.label for a in assertions(doc, gaz, lex, verb_relations) if a.predicate == "supports"} == expected


@pytest.mark.parametrize("rows, ents, expected", [
    # the European Council of the EU met .
    ([("the", 2, "det", "DET"), ("European", 2, "compound", "PROPN"), ("Council", 6, "nsubj", "PROPN"),
      ("of", 2, "prep", "ADP"), ("the", 5, "det", "DET"), ("EU", 3, "pobj", "PROPN"), ("met", 6, "ROOT", "VERB", "meet"),
      (".", 6, "punct", "PUNCT")], [(1, 3, "ORG", "european_council"), (5, 6, "ORG", "european_union")],
     {("European Council", "part_of", "EU", "institution-parent")}),
    # the European Council met .   (the article names no EU: no edge to a node it does not have)
    ([("the", 2, "det", "DET"), ("European", 2, "compound", "PROPN"), ("Council", 3, "nsubj", "PROPN"),
      ("met", 3, "ROOT", "VERB", "meet"), (".", 3, "punct", "PUNCT")], [(1, 3, "ORG", "european_council")], set()),
])
def test_a_body_the_gazetteer_puts_in_an_organisation_is_part_of_it_when_the_article_names_both(
        gaz, lex, rows, ents, expected):
    from kg.extract.rules import institution_parts

    assert gaz.parents["european_council"] == "european_union"
    assert found(make_doc(rows, ents), gaz, lex, institution_parts) == expected


@pytest.mark.parametrize("noun", ["ceasefire", "truce", "armistice"])
def test_those_who_sign_a_truce_together_agree_with_each_other(gaz, lex, noun):
    # Sudan and Chad signed a ceasefire .
    doc = make_doc([("Sudan", 3, "nsubj", "PROPN"), ("and", 0, "cc", "CCONJ"), ("Chad", 0, "conj", "PROPN"),
                    ("signed", 3, "ROOT", "VERB", "sign"), ("a", 5, "det", "DET"), (noun, 3, "dobj", "NOUN"),
                    (".", 3, "punct", "PUNCT")], ents=[(0, 1, "GPE", "sudan"), (2, 3, "GPE", "chad")])
    assert found(doc, gaz, lex, noun_relations) == {("Sudan", "agrees_with", "Chad", "light-verb+coordination")}


@pytest.mark.parametrize("noun, lemma", [("talks", "talk"), ("contact", "contact")])
def test_who_is_in_talks_or_in_contact_with_someone_negotiates_with_them(gaz, lex, noun, lemma):
    # Gabriel is in talks with Tillerson .
    doc = make_doc([("Gabriel", 1, "nsubj", "PROPN"), ("is", 1, "ROOT", "AUX", "be"), ("in", 1, "prep", "ADP"),
                    (noun, 2, "pobj", "NOUN", lemma), ("with", 3, "prep", "ADP"), ("Tillerson", 4, "pobj", "PROPN"),
                    (".", 1, "punct", "PUNCT")], ents=[(0, 1, "PERSON"), (5, 6, "PERSON")])
    assert found(doc, gaz, lex, noun_relations) == {("Gabriel", "negotiates_with", "Tillerson", "light-verb")}


def test_the_country_an_envoy_is_sent_to_is_not_the_envoys(gaz, lex):
    # the Ambassador to the United States Anatoly Antonov said .  (the parser hangs the country on the name)
    doc = make_doc([("the", 1, "det", "DET"), ("Ambassador", 7, "nsubj", "PROPN"), ("to", 1, "prep", "ADP"),
                    ("the", 6, "det", "DET"), ("United", 4, "compound", "PROPN"), ("States", 6, "compound", "PROPN"),
                    ("Antonov", 2, "pobj", "PROPN"), ("said", 7, "ROOT", "VERB", "say"), (".", 7, "punct", "PUNCT")],
                   ents=[(4, 6, "GPE", "united_states"), (6, 7, "PERSON")])
    assert not any(p == "citizen_of" for _, p, _, _ in found(doc, gaz, lex, people_homes))
    # Egypt 's Morsi spoke .
    egypt = make_doc([("Egypt", 2, "poss", "PROPN"), ("'s", 0, "case", "PART"), ("Morsi", 3, "nsubj", "PROPN"),
                      ("spoke", 3, "ROOT", "VERB", "speak"), (".", 3, "punct", "PUNCT")],
                     ents=[(0, 1, "GPE", "egypt"), (2, 3, "PERSON")])
    assert found(egypt, gaz, lex, people_homes) == {("Morsi", "citizen_of", "Egypt", "nationality")}


def test_who_is_convicted_of_doing_something_is_its_doer(gaz, lex):
    # The court convicted Morsi of insulting Sisi .
    doc = make_doc([("The", 1, "det", "DET"), ("court", 2, "nsubj", "NOUN"), ("convicted", 2, "ROOT", "VERB", "convict"),
                    ("Morsi", 2, "dobj", "PROPN"), ("of", 2, "prep", "ADP"), ("insulting", 4, "pcomp", "VERB", "insult"),
                    ("Sisi", 5, "dobj", "PROPN"), (".", 2, "punct", "PUNCT")],
                   ents=[(3, 4, "PERSON"), (6, 7, "PERSON")])
    doc[5].tag_ = "VBG"
    assert found(doc, gaz, lex, verb_relations) == {("Morsi", "criticizes", "Sisi", "svo")}


def test_an_events_object_the_parser_hung_on_its_light_verb_is_the_events(gaz, lex):
    # The EU imposed sanctions on Russia .  (the parser hangs "on Russia" on "imposed")
    doc = make_doc([("The", 1, "det", "DET"), ("EU", 2, "nsubj", "PROPN"), ("imposed", 2, "ROOT", "VERB", "impose"),
                    ("sanctions", 2, "dobj", "NOUN", "sanction"), ("on", 2, "prep", "ADP"), ("Russia", 4, "pobj", "PROPN"),
                    (".", 2, "punct", "PUNCT")], ents=[(1, 2, "ORG", "european_union"), (5, 6, "GPE", "russia")])
    assert found(doc, gaz, lex, noun_relations) == {("EU", "sanctions", "Russia", "light-verb")}


def test_a_ship_flagged_or_owned_by_a_state_stands_for_it(gaz, lex):
    # Iran seized a Panama - flagged tanker .
    doc = make_doc([("Iran", 1, "nsubj", "PROPN"), ("seized", 1, "ROOT", "VERB", "seize"), ("a", 6, "det", "DET"),
                    ("Panama", 5, "npadvmod", "PROPN"), ("-", 5, "punct", "PUNCT"), ("flagged", 6, "amod", "ADJ", "flagged"),
                    ("tanker", 1, "dobj", "NOUN"), (".", 1, "punct", "PUNCT")],
                   ents=[(0, 1, "GPE", "iran"), (3, 4, "GPE", "panama")])
    assert found(doc, gaz, lex, verb_relations) == {("Iran", "coerces", "Panama", "svo+proxy")}
    # ... and the expulsion of U.S. diplomats is of the U.S.
    expulsion = make_doc([("Russia", 1, "nsubj", "PROPN"), ("announced", 1, "ROOT", "VERB", "announce"),
                          ("the", 3, "det", "DET"), ("expulsion", 1, "dobj", "NOUN"), ("of", 3, "prep", "ADP"),
                          ("U.S.", 6, "compound", "PROPN"), ("diplomats", 4, "pobj", "NOUN", "diplomat"),
                          (".", 1, "punct", "PUNCT")], ents=[(0, 1, "GPE", "russia"), (5, 6, "GPE", "united_states")])
    assert found(expulsion, gaz, lex, noun_relations) == {("Russia", "coerces", "U.S.", "light-verb")}


@pytest.mark.parametrize("adjective, expected", [
    ("joint", {("Germany", "agrees_with", "France", "light-verb+coordination")}),
    ("long", set()),  # a statement of one's own names no partner
])
def test_those_who_issue_a_joint_statement_agree(gaz, lex, adjective, expected):
    # Germany and France issued a joint statement .
    doc = make_doc([("Germany", 3, "nsubj", "PROPN"), ("and", 0, "cc", "CCONJ"), ("France", 0, "conj", "PROPN"),
                    ("issued", 3, "ROOT", "VERB", "issue"), ("a", 6, "det", "DET"), (adjective, 6, "amod", "ADJ"),
                    ("statement", 3, "dobj", "NOUN"), (".", 3, "punct", "PUNCT")],
                   ents=[(0, 1, "GPE", "germany"), (2, 3, "GPE", "france")])
    assert found(doc, gaz, lex, noun_relations) == expected


def test_the_joint_declaration_named_before_is_not_only_of_those_who_sign_it(gaz, lex):
    # Brazil and India signed the joint declaration .  (of the summit: they agreed with all, not each other alone)
    doc = make_doc([("Brazil", 3, "nsubj", "PROPN"), ("and", 0, "cc", "CCONJ"), ("India", 0, "conj", "PROPN"),
                    ("signed", 3, "ROOT", "VERB", "sign"), ("the", 6, "det", "DET"), ("joint", 6, "amod", "ADJ"),
                    ("declaration", 3, "dobj", "NOUN"), (".", 3, "punct", "PUNCT")],
                   ents=[(0, 1, "GPE", "brazil"), (2, 3, "GPE", "india")])
    assert found(doc, gaz, lex, noun_relations) == set()


@pytest.mark.parametrize("verb, lemma, expected", [
    ("restored", "restore", {("Egypt", "cooperates_with", "Iran", "ties")}),
    ("cut", "cut", {("Egypt", "opposes", "Iran", "ties")}),
    ("discussed", "discuss", set()),  # talking about ties says nothing of them
])
def test_what_is_done_to_ties_is_what_the_parties_are_to_each_other(gaz, lex, verb, lemma, expected):
    from kg.extract.rules import ties

    # Egypt restored ties with Iran .
    doc = make_doc([("Egypt", 1, "nsubj", "PROPN"), (verb, 1, "ROOT", "VERB", lemma), ("ties", 1, "dobj", "NOUN", "tie"),
                    ("with", 2, "prep", "ADP"), ("Iran", 3, "pobj", "PROPN"), (".", 1, "punct", "PUNCT")],
                   ents=[(0, 1, "GPE", "egypt"), (4, 5, "GPE", "iran")])
    assert found(doc, gaz, lex, ties) == expected
