"""Place-name repairs on hand-built Docs (no statistical model): "City , State", datelines, source lines."""

from spacy.tokens import Doc, Span

from kg.placenames import dateline_places, repair_place_names, source_lines
from tests.conftest import make_doc


def labelled(doc):
    return {(e.text, e.label_) for e in doc.ents}


def _town_comma_state(town_label: str, state: str = "Wyo.", state_id: str = "us_wyoming"):
    # Temperatures fell at Jackson , Wyo. , overnight .
    return make_doc([
        ("Temperatures", 1, "nsubj", "NOUN"), ("fell", 1, "ROOT", "VERB"), ("at", 1, "prep", "ADP"),
        ("Jackson", 2, "pobj", "PROPN"), (",", 3, "punct", "PUNCT"), (state, 3, "appos", "PROPN"),
        (",", 1, "punct", "PUNCT"), ("overnight", 1, "advmod", "ADV"), (".", 1, "punct", "PUNCT"),
    ], ents=[(3, 4, town_label)] + ([(5, 6, "GPE", state_id)] if state_id else [(5, 6, "GPE")]))


def test_person_before_comma_and_state_becomes_place(gaz):
    doc = repair_place_names(_town_comma_state("PERSON"), gaz)
    assert ("Jackson", "GPE") in labelled(doc)


def test_name_before_comma_and_unknown_place_is_left_alone(gaz):
    doc = repair_place_names(_town_comma_state("PERSON", "Elmwood", ""), gaz)
    assert ("Jackson", "PERSON") in labelled(doc)


def test_person_before_a_country_keeps_its_label(gaz):
    # Pele , Brazil , scored .
    doc = make_doc([
        ("Pele", 3, "nsubj", "PROPN"), (",", 0, "punct", "PUNCT"), ("Brazil", 0, "appos", "PROPN"),
        ("scored", 3, "ROOT", "VERB"), (".", 3, "punct", "PUNCT"),
    ], ents=[(0, 1, "PERSON"), (2, 3, "GPE", "brazil")])
    assert ("Pele", "PERSON") in labelled(repair_place_names(doc, gaz))


def test_capitalised_dateline_before_country_becomes_place(gaz):
    # BANGKOK , Thailand ( AP )
    doc = make_doc([
        ("BANGKOK", 0, "ROOT", "PROPN"), (",", 0, "punct", "PUNCT"), ("Thailand", 0, "appos", "PROPN"),
        ("(", 4, "punct", "PUNCT"), ("AP", 2, "appos", "PROPN"), (")", 0, "punct", "PUNCT"),
    ], ents=[(2, 3, "GPE", "thailand"), (4, 5, "ORG")])
    assert labelled(repair_place_names(doc, gaz)) == {("BANGKOK", "GPE"), ("Thailand", "GPE"), ("AP", "ORG")}


def test_region_modifying_the_next_word_is_not_a_town_state_pair(gaz):
    # Smith , Texas Republican , spoke .
    doc = make_doc([
        ("Smith", 5, "nsubj", "PROPN"), (",", 0, "punct", "PUNCT"), ("Texas", 3, "compound", "PROPN"),
        ("Republican", 0, "appos", "PROPN"), (",", 0, "punct", "PUNCT"), ("spoke", 5, "ROOT", "VERB"),
    ], ents=[(0, 1, "PERSON"), (2, 3, "GPE")])
    assert ("Smith", "PERSON") in labelled(repair_place_names(doc, gaz))


def _dateline(words, ents):
    rows = [(w, 0, "ROOT" if i == 0 else "dep", "PUNCT" if not w[0].isalnum() else "PROPN")
            for i, w in enumerate(words)]
    return make_doc(rows, ents)


def test_dateline_opening_name_is_place_and_bracketed_name_agency():
    # ( Text ) Sofia , February 15 ( BTA ) --
    doc = _dateline(["(", "Text", ")", "Sofia", ",", "February", "15", "(", "BTA", ")", "--"], [(5, 7, "DATE")])
    assert {(s.text, s.label_) for s in dateline_places(doc)} == {("Sofia", "GPE"), ("BTA", "ORG")}


def test_opening_name_without_a_date_is_no_dateline():
    # Sofia , Bulgaria ( BTA ) --
    doc = _dateline(["Sofia", ",", "Bulgaria", "(", "BTA", ")", "--"], [(2, 3, "GPE")])
    assert dateline_places(doc) == []


def test_source_line_opens_with_place_then_source(gaz):
    # PA2904034294 Havana Radio Reloj Network in Spanish 1402 GMT 27 Jun 94
    words = ["PA2904034294", "Havana", "Radio", "Reloj", "Network", "in", "Spanish", "1402", "GMT", "27", "Jun", "94"]
    doc = _dateline(words, [(1, 5, "ORG"), (6, 7, "NORP"), (8, 9, "ORG")])
    assert labelled(repair_place_names(doc, gaz)) == {("Havana", "GPE"), ("Radio Reloj Network", "ORG"),
                                                      ("Spanish", "NORP"), ("1402 GMT", "TIME")}


def test_source_line_with_unknown_opening_name_keeps_the_model_labels(gaz):
    # Elmwood Radio in English 0100 GMT 2 Feb 94
    doc = _dateline(["Elmwood", "Radio", "in", "English", "0100", "GMT", "2", "Feb", "94"],
                    [(0, 2, "ORG"), (3, 4, "LANGUAGE")])
    assert [s.label_ for s in source_lines(doc, gaz)] == ["TIME"]


def test_place_and_month_without_a_language_is_no_source_line(gaz):
    # the Paris Club in Geneva in May
    doc = _dateline(["the", "Paris", "Club", "in", "Geneva", "in", "May"], [(1, 3, "ORG"), (4, 5, "GPE")])
    assert source_lines(doc, gaz) == []


def test_language_without_time_or_date_is_no_source_line(gaz):
    # Paris AFP in English said
    doc = _dateline(["Paris", "AFP", "in", "English", "said"], [(0, 1, "GPE"), (3, 4, "LANGUAGE")])
    assert source_lines(doc, gaz) == []


# ---- nlp.title_persons: a name before an age is a person -------------------------------------

def test_name_tagged_organisation_before_an_age_is_a_person(lex):
    from kg.nlp import title_persons

    # Marie Ferraro , 50 , of Bethany , was shot .
    doc = make_doc([
        ("Marie", 1, "compound", "PROPN"), ("Ferraro", 9, "nsubjpass", "PROPN"), (",", 1, "punct", "PUNCT"),
        ("50", 1, "appos", "NUM"), (",", 1, "punct", "PUNCT"), ("of", 1, "prep", "ADP"),
        ("Bethany", 5, "pobj", "PROPN"), (",", 9, "punct", "PUNCT"), ("was", 9, "auxpass", "AUX"),
        ("shot", 9, "ROOT", "VERB"),
    ], ents=[(0, 2, "ORG"), (6, 7, "GPE")])
    assert ("Marie Ferraro", "PERSON") in labelled(title_persons(doc, lex))


def test_organisation_before_a_count_that_is_no_age_keeps_its_label(lex):
    from kg.nlp import title_persons

    # Acme Corp , 500 , and others .
    doc = make_doc([
        ("Acme", 1, "compound", "PROPN"), ("Corp", 1, "ROOT", "PROPN"), (",", 1, "punct", "PUNCT"),
        ("500", 1, "appos", "NUM"), (",", 1, "punct", "PUNCT"), ("and", 1, "cc", "CCONJ"),
        ("others", 1, "conj", "NOUN"), (".", 1, "punct", "PUNCT"),
    ], ents=[(0, 2, "ORG")])
    assert labelled(title_persons(doc, lex)) == {("Acme Corp", "ORG")}


# ---- nlp.bare_titles: a title alone names no one ------------------------------------------------

def test_entity_that_is_only_a_title_goes_and_a_name_stays(lex):
    from kg.nlp import bare_titles

    # President met Col. Ahmed Hassan , Correspondents said ; the Prime Minister met Mr. King .
    doc = make_doc([
        ("President", 1, "nsubj", "PROPN"), ("met", 1, "ROOT", "VERB"), ("Col.", 4, "compound", "PROPN"),
        ("Ahmed", 4, "compound", "PROPN"), ("Hassan", 1, "dobj", "PROPN"), (",", 1, "punct", "PUNCT"),
        ("Correspondents", 7, "nsubj", "PROPN", "correspondent"), ("said", 1, "conj", "VERB"),
        (";", 1, "punct", "PUNCT"), ("the", 11, "det", "DET"), ("Prime", 11, "compound", "PROPN"),
        ("Minister", 12, "nsubj", "PROPN"), ("met", 1, "conj", "VERB"), ("Mr.", 14, "compound", "PROPN"),
        ("King", 12, "dobj", "PROPN"), (".", 1, "punct", "PUNCT"),
    ], ents=[(0, 1, "PERSON"), (2, 3, "PERSON"), (3, 5, "PERSON"), (6, 7, "ORG"), (9, 12, "PERSON"),
             (14, 15, "PERSON")])
    assert labelled(bare_titles(doc, lex)) == {("Ahmed Hassan", "PERSON"), ("King", "PERSON")}


# ---- nlp.organisation_names and nlp.stance_prefixes: what the model mislabels as a person or a people ---------

def test_a_name_after_a_media_noun_is_the_outlet(lex):
    from kg.nlp import organisation_names

    # German daily Sueddeutsche Zeitung and reporter Jane Roe
    doc = make_doc([("German", 1, "amod", "ADJ"), ("daily", 3, "compound", "NOUN"), ("Sueddeutsche", 3, "compound", "PROPN"),
                    ("Zeitung", 3, "ROOT", "PROPN"), ("and", 3, "cc", "CCONJ"), ("reporter", 7, "compound", "NOUN"),
                    ("Jane", 7, "compound", "PROPN"), ("Roe", 3, "conj", "PROPN")],
                   ents=[(0, 1, "NORP"), (2, 4, "PERSON"), (6, 8, "PERSON")])
    assert labelled(organisation_names(doc, lex)) == {("German", "NORP"), ("Sueddeutsche Zeitung", "ORG"), ("Jane Roe", "PERSON")}


def test_a_stance_prefix_is_no_people_the_people_it_points_at_stays(lex):
    from kg.nlp import stance_prefixes

    # anti - Russian amendments
    doc = make_doc([("anti", 3, "amod", "ADJ"), ("-", 3, "punct", "PUNCT"), ("Russian", 3, "amod", "ADJ"),
                    ("amendments", 3, "ROOT", "NOUN")], ents=[(0, 2, "NORP"), (2, 3, "NORP")])
    assert labelled(stance_prefixes(doc, lex)) == {("Russian", "NORP")}


def test_a_name_cut_after_a_surname_particle_is_made_whole(lex):
    from kg.nlp import title_persons

    # President Ursula von der Leyen said
    doc = make_doc([("President", 4, "compound", "PROPN"), ("Ursula", 4, "compound", "PROPN"), ("von", 4, "compound", "PROPN"),
                    ("der", 4, "compound", "PROPN"), ("Leyen", 5, "nsubj", "PROPN"), ("said", 5, "ROOT", "VERB")],
                   ents=[(1, 4, "PERSON"), (4, 5, "GPE")])
    assert labelled(title_persons(doc, lex)) == {("Ursula von der Leyen", "PERSON")}


def test_a_name_cut_inside_a_hyphenated_given_name_is_made_whole_a_hyphenated_word_is_not(lex):
    from kg.nlp import title_persons

    # Moon Jae - in met Putin - backed rebels   (written "Jae-in", "Putin-backed")
    words = ["Moon", "Jae", "-", "in", "met", "Putin", "-", "backed", "rebels"]
    doc = Doc(make_doc([("x", 0, "ROOT", "X")]).vocab, words=words,
              spaces=[True, False, False, True, True, False, False, True, False], heads=[4] * 4 + [4] + [4] * 4,
              deps=["dep"] * 4 + ["ROOT"] + ["dep"] * 4, pos=["PROPN"] * 4 + ["VERB"] + ["PROPN", "PUNCT", "VERB", "NOUN"])
    doc.ents = [Span(doc, 0, 2, label="PERSON"), Span(doc, 5, 6, label="PERSON")]
    doc[7].tag_ = "VBN"
    assert labelled(title_persons(doc, lex)) == {("Moon Jae-in", "PERSON"), ("Putin", "PERSON")}


def test_a_work_of_art_after_a_firms_noun_is_the_firm(lex):
    from kg.nlp import organisation_names

    # law firm Mossack Fonseca
    doc = make_doc([("law", 1, "compound", "NOUN"), ("firm", 3, "compound", "NOUN"), ("Mossack", 3, "compound", "PROPN"),
                    ("Fonseca", 3, "ROOT", "PROPN")], ents=[(2, 4, "WORK_OF_ART")])
    assert labelled(organisation_names(doc, lex)) == {("Mossack Fonseca", "ORG")}


def test_a_known_capital_after_the_word_capital_is_a_place(gaz):
    from kg.placenames import named_capitals

    # signed in the capital Maputo .
    doc = make_doc([("signed", 0, "ROOT", "VERB"), ("in", 0, "prep", "ADP"), ("the", 4, "det", "DET"),
                    ("capital", 4, "compound", "NOUN"), ("Maputo", 1, "pobj", "PROPN"), (".", 0, "punct", "PUNCT")])
    assert [(s.text, s.label_) for s in named_capitals(doc, gaz)] == [("Maputo", "GPE")]


def test_an_unknown_name_after_the_word_capital_is_left_alone(gaz):
    from kg.placenames import named_capitals

    # the capital Elmwood .
    doc = make_doc([("the", 2, "det", "DET"), ("capital", 2, "compound", "NOUN"), ("Elmwood", 2, "ROOT", "PROPN"),
                    (".", 2, "punct", "PUNCT")])
    assert named_capitals(doc, gaz) == []
