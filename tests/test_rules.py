"""Rule tests on hand-built Docs: no statistical model involved."""

from kg.extract.rules import institution_parts, noun_relations, verb_relations
from kg.extract.titles import title_roles
from tests.conftest import assertions, make_doc


def triples(doc, gaz, lex, *rules):
    """What `rules` (functions of kg.extract.RULES) find: a rule's test sees its own rule's statements."""
    return {(a.subject.text, a.predicate, a.object.text, a.polarity, a.modality, a.rule,
             a.attributed_to.text if a.attributed_to else None)
            for a in assertions(doc, gaz, lex, *rules)}


def test_title_before_name_gives_ambassador_and_represents(gaz, lex):
    doc = make_doc([
        ("Russian", 1, "amod", "ADJ"), ("Ambassador", 7, "compound", "PROPN"), ("to", 1, "prep", "ADP"),
        ("the", 5, "det", "DET"), ("United", 5, "compound", "PROPN"), ("States", 2, "pobj", "PROPN"),
        ("Anatoly", 7, "compound", "PROPN"), ("Antonov", 8, "nsubj", "PROPN"), ("said", 8, "ROOT", "VERB", "say"),
        (".", 8, "punct", "PUNCT"),
    ], ents=[(0, 1, "NORP", "russia"), (4, 6, "GPE", "united_states"), (6, 8, "PERSON")])
    found = {(s, p, o) for s, p, o, *_ in triples(doc, gaz, lex, title_roles)}
    assert found == {("Anatoly Antonov", "represents", "Russian"),
                     ("Anatoly Antonov", "ambassador_to", "United States"),
                     ("Anatoly Antonov", "citizen_of", "Russian")}  # a national post: the holder's country


def test_title_in_apposition(gaz, lex):
    # Sergei Lavrov , Russia 's foreign minister , arrived .
    doc = make_doc([
        ("Sergei", 1, "compound", "PROPN"), ("Lavrov", 8, "nsubj", "PROPN"), (",", 1, "punct", "PUNCT"),
        ("Russia", 6, "poss", "PROPN"), ("'s", 3, "case", "PART"), ("foreign", 6, "amod", "ADJ"),
        ("minister", 1, "appos", "NOUN"), (",", 1, "punct", "PUNCT"), ("arrived", 8, "ROOT", "VERB", "arrive"),
        (".", 8, "punct", "PUNCT"),
    ], ents=[(0, 2, "PERSON"), (3, 4, "GPE", "russia")])
    found = {(s, p, o) for s, p, o, *_ in triples(doc, gaz, lex, title_roles)}
    assert found == {("Sergei Lavrov", "minister_of", "Russia"), ("Sergei Lavrov", "citizen_of", "Russia")}


def test_negated_verb_is_negative(gaz, lex):
    doc = make_doc([
        ("Russia", 3, "nsubj", "PROPN"), ("does", 3, "aux", "AUX", "do"), ("not", 3, "neg", "PART"),
        ("oppose", 3, "ROOT", "VERB"), ("NATO", 3, "dobj", "PROPN"), (".", 3, "punct", "PUNCT"),
    ], ents=[(0, 1, "GPE", "russia"), (4, 5, "ORG", "nato")])
    assert triples(doc, gaz, lex, verb_relations) == {
        ("Russia", "opposes", "NATO", "negative", "asserted", "svo", None)}


def test_event_noun_with_example_list(gaz, lex):
    # the US withdrawal from treaties such as the ABM Treaty and the Open Skies Treaty
    doc = make_doc([
        ("the", 2, "det", "DET"), ("US", 2, "compound", "PROPN"), ("withdrawal", 2, "ROOT", "NOUN"),
        ("from", 2, "prep", "ADP"), ("treaties", 3, "pobj", "NOUN", "treaty"), ("such", 6, "amod", "ADJ"),
        ("as", 4, "prep", "ADP"), ("the", 9, "det", "DET"), ("ABM", 9, "compound", "PROPN"),
        ("Treaty", 6, "pobj", "PROPN"), ("and", 9, "cc", "CCONJ"), ("the", 14, "det", "DET"),
        ("Open", 13, "compound", "PROPN"), ("Skies", 14, "compound", "PROPN"), ("Treaty", 9, "conj", "PROPN"),
    ], ents=[(1, 2, "GPE", "united_states"), (8, 10, "LAW", "abm_treaty"), (12, 15, "LAW", "open_skies_treaty")])
    found = {(s, p, o, rule) for s, p, o, _, _, rule, _ in triples(doc, gaz, lex, noun_relations)}
    assert found == {("US", "withdraws_from", "ABM Treaty", "event-noun"),
                     ("US", "withdraws_from", "Open Skies Treaty", "event-noun")}


def test_light_verb_with_coordinated_subjects_is_planned(gaz, lex):
    # Russia and the United States plan to hold a meeting .
    doc = make_doc([
        ("Russia", 5, "nsubj", "PROPN"), ("and", 0, "cc", "CCONJ"), ("the", 4, "det", "DET"),
        ("United", 4, "compound", "PROPN"), ("States", 0, "conj", "PROPN"), ("plan", 5, "ROOT", "VERB"),
        ("to", 7, "aux", "PART"), ("hold", 5, "xcomp", "VERB"), ("a", 9, "det", "DET"),
        ("meeting", 7, "dobj", "NOUN"), (".", 5, "punct", "PUNCT"),
    ], ents=[(0, 1, "GPE", "russia"), (3, 5, "GPE", "united_states")])
    assert triples(doc, gaz, lex, noun_relations) == {
        ("Russia", "meets_with", "United States", "positive", "planned", "light-verb+coordination", None)}


def test_subject_stolen_by_fronted_phrase_is_repaired(gaz, lex):
    # Amid tensions around Ukraine , Russia and Belarus plan to hold talks .
    doc = make_doc([
        ("Amid", 8, "prep", "ADP"), ("tensions", 0, "pobj", "NOUN", "tension"), ("around", 1, "prep", "ADP"),
        ("Ukraine", 2, "pobj", "PROPN"), (",", 3, "punct", "PUNCT"), ("Russia", 3, "conj", "PROPN"),
        ("and", 5, "cc", "CCONJ"), ("Belarus", 5, "conj", "PROPN"), ("plan", 8, "ROOT", "VERB"),
        ("to", 10, "aux", "PART"), ("hold", 8, "xcomp", "VERB"), ("talks", 10, "dobj", "NOUN", "talk"),
        (".", 8, "punct", "PUNCT"),
    ], ents=[(3, 4, "GPE", "ukraine"), (5, 6, "GPE", "russia"), (7, 8, "GPE", "belarus")])
    found = {(s, p, o) for s, p, o, *_ in triples(doc, gaz, lex, noun_relations)}
    assert found == {("Russia", "negotiates_with", "Belarus")}


def test_condition_makes_consequent_conditional(gaz, lex):
    # If NATO expands , Russia will deploy missiles to Belarus .
    doc = make_doc([
        ("If", 2, "mark", "SCONJ"), ("NATO", 2, "nsubj", "PROPN"), ("expands", 6, "advcl", "VERB", "expand"),
        (",", 6, "punct", "PUNCT"), ("Russia", 6, "nsubj", "PROPN"), ("will", 6, "aux", "AUX"),
        ("deploy", 6, "ROOT", "VERB"), ("missiles", 6, "dobj", "NOUN", "missile"), ("to", 6, "prep", "ADP"),
        ("Belarus", 8, "pobj", "PROPN"), (".", 6, "punct", "PUNCT"),
    ], ents=[(1, 2, "ORG", "nato"), (4, 5, "GPE", "russia"), (9, 10, "GPE", "belarus")])
    assert triples(doc, gaz, lex, verb_relations) == {
        ("Russia", "deploys_to", "Belarus", "positive", "conditional", "svo", None)}


def test_reported_speech_is_attributed(gaz, lex):
    # NATO supports Ukraine , Stoltenberg said .
    doc = make_doc([
        ("NATO", 1, "nsubj", "PROPN"), ("supports", 5, "ccomp", "VERB", "support"), ("Ukraine", 1, "dobj", "PROPN"),
        (",", 5, "punct", "PUNCT"), ("Stoltenberg", 5, "nsubj", "PROPN"), ("said", 5, "ROOT", "VERB", "say"),
        (".", 5, "punct", "PUNCT"),
    ], ents=[(0, 1, "ORG", "nato"), (2, 3, "GPE", "ukraine"), (4, 5, "PERSON")])
    assert triples(doc, gaz, lex, verb_relations) == {
        ("NATO", "supports", "Ukraine", "positive", "reported", "svo", "Stoltenberg")}


def test_verb_object_that_is_an_event_stands_for_its_agent(gaz, lex):
    # Antonov lamented the US withdrawal .
    doc = make_doc([
        ("Antonov", 1, "nsubj", "PROPN"), ("lamented", 1, "ROOT", "VERB", "lament"), ("the", 4, "det", "DET"),
        ("US", 4, "compound", "PROPN"), ("withdrawal", 1, "dobj", "NOUN"), (".", 1, "punct", "PUNCT"),
    ], ents=[(0, 1, "PERSON"), (3, 4, "GPE", "united_states")])
    assert triples(doc, gaz, lex, verb_relations) == {
        ("Antonov", "criticizes", "US", "positive", "asserted", "svo+event-agent", None)}


def test_institution_is_part_of_its_country(gaz, lex):
    # the Russian Foreign Ministry published drafts .
    doc = make_doc([
        ("the", 3, "det", "DET"), ("Russian", 3, "amod", "ADJ"), ("Foreign", 3, "compound", "PROPN"),
        ("Ministry", 4, "nsubj", "PROPN"), ("published", 4, "ROOT", "VERB", "publish"),
        ("drafts", 4, "dobj", "NOUN", "draft"), (".", 4, "punct", "PUNCT"),
    ], ents=[(1, 4, "GOV", "russia_foreign_ministry", "russia")])
    found = {(s, p, o, rule) for s, p, o, _, _, rule, _ in triples(doc, gaz, lex, institution_parts, verb_relations)}
    assert found == {("Russian Foreign Ministry", "part_of", "Russian", "institution"),
                     ("Russian Foreign Ministry", "proposes", "drafts", "svo+issue")}
